"""Drafts of proposed facts: keep, read (owner only), claim, turn into facts or a complaint
form; keyword-only, flushes, never commits. The shape is documented in docs/drafts.md.

A field is {"value", "source", "confirmed"}: the value as the facts document takes it, where it
came from ("interview": the person's answer; "case": the filed complaint; "reading", issue 22:
read from a screenshot) and whether the person confirmed it (a complaint form submitted with
it confirms every value it carried; until then nothing in a draft is taken as said).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from weiquan.assessments.models import FactDraft

# Long enough to come back after a night's sleep or a weekend; short because the answers are
# personal and nothing needs them once the complaint is filed (the draft is deleted then).
LIFETIME = timedelta(days=7)

SOURCES = ("interview", "case", "reading")

# The complaint form's fields that a facts path fills (form field names as in cases/new.html).
FORM_FIELDS = {
    "purchase.date": "order.order_date",
    "purchase.amount_paid": "order.price_paid",
    "purchase.quantity": "order.quantity",
    "purchase.received_date": "order.received_date",
    "purchase.channel": "order.channel",
    "purchase.payment": "order.payment_method",
    "purchase.platform_name": "merchant.platform",
    "goods.category": "order.category",
    "goods.description": "order.goods",
    "goods.brand": "order.brand",
    "problems": "problems",
}
# What only the complaint form asks (no fact of the law engine says it): kept under
# "complaint.<form field>" so that a reading of a screenshot can propose it too.
COMPLAINT_ONLY = (
    "merchant.name",
    "merchant.wechat_id",
    "merchant.phone",
    "merchant.shop",
    "merchant.live_room",
    "narrative",
)
COMPLAINT = "complaint."


@dataclass(frozen=True)
class Owner:
    """Who asks for a draft: a signed-in account, and/or the key of a browser's cookie."""

    account_id: int | None = None
    key: str | None = None

    @property
    def key_hash(self) -> str | None:
        return hashlib.sha256(self.key.encode()).hexdigest() if self.key else None


def new_key() -> str:
    """A browser's draft key, for its signed cookie (only the hash is stored)."""
    return secrets.token_urlsafe(32)


def create(
    *,
    session: Session,
    owner: Owner,
    source: str,
    now: datetime,
    fields: dict[str, dict[str, Any]] | None = None,
    case_number: str | None = None,
) -> FactDraft:
    """A new draft for owner (expired drafts of anyone are removed on the way); flushes."""
    assert source in SOURCES
    if owner.account_id is None and owner.key is None:
        raise ValueError("a draft needs an owner")
    session.execute(delete(FactDraft).where(FactDraft.expires_at <= now))
    draft = FactDraft(
        public_id=secrets.token_urlsafe(16),
        account_id=owner.account_id,
        owner_hash=None if owner.account_id else owner.key_hash,
        source=source,
        case_number=case_number,
        created_at=now,
        updated_at=now,
        expires_at=now + LIFETIME,
        fields=dict(fields or {}),
        unknown=[],
        trail=[],
    )
    session.add(draft)
    session.flush()
    return draft


def get(*, session: Session, public_id: str, owner: Owner, now: datetime) -> FactDraft | None:
    """The draft if owner may read it and it has not expired; None otherwise (a stranger
    cannot tell a draft that exists from one that does not)."""
    draft = session.execute(
        select(FactDraft).where(FactDraft.public_id == public_id, FactDraft.expires_at > now)
    ).scalar_one_or_none()
    if draft is None:
        return None
    if draft.account_id is not None:
        return draft if draft.account_id == owner.account_id else None
    if draft.owner_hash is not None and draft.owner_hash == owner.key_hash:
        return draft
    return None


def claim(*, draft: FactDraft, owner: Owner, now: datetime) -> None:
    """An anonymous draft passes to the account that signed in on the same browser."""
    if draft.account_id is None and owner.account_id is not None:
        draft.account_id = owner.account_id
        draft.owner_hash = None
        draft.updated_at = now


def answer(*, draft: FactDraft, path: str, value: Any, unknown: bool, now: datetime) -> None:
    """Record one answer (or "I don't know") and where it sits in the order asked."""
    fields = dict(draft.fields)
    unknowns = [p for p in draft.unknown if p != path]
    if unknown or value is None:
        fields.pop(path, None)
        unknowns.append(path)
    else:
        fields[path] = {"value": value, "source": "interview", "confirmed": False}
    draft.fields = fields
    draft.unknown = unknowns
    if path not in draft.trail:
        draft.trail = [*draft.trail, path]
    draft.updated_at = now


def value_of(fields: dict[str, Any], path: str) -> Any:
    """The value a draft's fields propose for path (None when none)."""
    item = fields.get(path)
    return item.get("value") if isinstance(item, dict) else None


def value(draft: FactDraft, path: str) -> Any:
    return value_of(draft.fields, path)


def facts_of_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The facts/1 document that draft fields propose (complaint-only fields left out)."""
    doc: dict[str, Any] = {"schema": "weiquan.facts/1"}
    for path, item in sorted(fields.items()):
        if path.startswith(COMPLAINT) or value_of(fields, path) is None:
            continue
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = item["value"]
    return doc


def facts(draft: FactDraft) -> dict[str, Any]:
    """The facts/1 document the draft proposes."""
    return facts_of_fields(draft.fields)


def facts_beyond_form(draft: FactDraft) -> dict[str, Any]:
    """The draft's facts that the complaint form has no field for (what filing alone loses)."""
    doc = facts(draft)
    for path in FORM_FIELDS:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
    return {k: v for k, v in doc.items() if v not in ({}, None)}


def form_values(draft: FactDraft) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """The complaint form prefilled: its text values, the problems ticked, and which form
    fields the draft proposed, with where each came from (each is marked on the form for the
    person to check; one read from a screenshot has a box to tick)."""
    values: dict[str, str] = {}
    problems: list[str] = []
    proposed: dict[str, str] = {}
    for path, name in FORM_FIELDS.items():
        found = value(draft, path)
        if found is None:
            continue
        if name == "problems":
            problems = [str(p) for p in found] if isinstance(found, list) else []
        else:
            values[name] = str(found)
        proposed[name] = _source(draft, path)
    for name in COMPLAINT_ONLY:
        found = value(draft, COMPLAINT + name)
        if found is not None:
            values[name] = str(found)
            proposed[name] = _source(draft, COMPLAINT + name)
    return values, problems, proposed


def _source(draft: FactDraft, path: str) -> str:
    item = draft.fields.get(path)
    return str(item.get("source") or "interview") if isinstance(item, dict) else "interview"


def path_of(name: str) -> str:
    """The draft path a complaint form field (or a fact path the form carries) stands for."""
    for path, form_name in FORM_FIELDS.items():
        if form_name == name:
            return path
    return COMPLAINT + name if name in COMPLAINT_ONLY else name


def remove(*, session: Session, draft: FactDraft) -> None:
    """Forget the draft (its complaint is filed)."""
    session.delete(draft)
    session.flush()


def fields_of(doc: dict[str, Any], *, source: str, prefix: str = "") -> dict[str, dict[str, Any]]:
    """A facts document (or part of one) as draft fields, one per leaf path. What a filed
    complaint says counts as confirmed: the person submitted it."""
    out: dict[str, dict[str, Any]] = {}
    for key, item in doc.items():
        if key == "schema" and not prefix:
            continue
        path = prefix + key
        if isinstance(item, dict) and path.count(".") < 1:
            out.update(fields_of(item, source=source, prefix=path + "."))
        elif item is not None:
            out[path] = {"value": item, "source": source, "confirmed": source == "case"}
    return out


def propose(*, draft: FactDraft, fields: dict[str, dict[str, Any]], now: datetime) -> None:
    """Add proposed values (a reading of screenshots) to a draft; what the draft already holds
    (the person's own answers) is kept, never overwritten by what a machine read."""
    draft.fields = {**fields, **draft.fields}
    draft.updated_at = now


def keep_confirmed(*, draft: FactDraft, confirmed: set[str], now: datetime) -> None:
    """Before filing: a value read from a screenshot stays only if the person confirmed it
    (its path in confirmed); the others are dropped, so nothing unconfirmed is filed."""
    kept = {}
    for path, item in draft.fields.items():
        if isinstance(item, dict) and item.get("source") == "reading":
            if path not in confirmed:
                continue
            item = {**item, "confirmed": True}
        kept[path] = item
    draft.fields = kept
    draft.updated_at = now
