"""The complaint form's reading (issue 22): what was read becomes proposed values of a FactDraft
(source "reading"), and at filing the confirmed ones reach the case, its screenshots the vault.

Nothing read is taken as said: the form marks each proposed value, the person ticks it or edits
it (either confirms it), and `keep_confirmed` drops the rest from the draft before the filed
case takes anything from it. An identifier read by OCR (a WeChat ID, a phone) therefore reaches
the merchant registry only through the form the person submitted, like one they typed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from weiquan.assessments import drafts
from weiquan.assessments.drafts import Owner
from weiquan.assessments.models import FactDraft
from weiquan.common.i18n import N_, gettext
from weiquan.evidence import flows
from weiquan.evidence.errors import Refused
from weiquan.evidence.flows import Origin
from weiquan.evidence.upload import UploadForm
from weiquan.evidence.vault import Vault

log = logging.getLogger("weiquan.evidence.readings")

SCREENSHOTS = drafts.COMPLAINT + "screenshots"
# The identifiers read, as the complaint form's merchant fields.
IDENTIFIERS = {
    "wechat_id": "merchant.wechat_id",
    "phone": "merchant.phone",
    "name": "merchant.name",
}
# Facts the form has no field for that a reading proposes, each said in words on the form.
EXTRA = {"seller.promised_multiplier": N_("The seller promised {value} times the price if fake")}
# The facts a reading may propose: the form's own and EXTRA (anything else read is left out).
PATHS = frozenset(drafts.FORM_FIELDS) | frozenset(EXTRA)
# The vault's kind for each kind of screenshot the reader tells apart.
KINDS = {
    "chat_screenshot": "chat",
    "transfer_record": "payment",
    "order_page": "order",
    "product_page": "product_page",
}


def proposed(value: Any) -> dict[str, Any]:
    return {"value": value, "source": "reading", "confirmed": False}


def fields_from(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The draft fields a weiquan.reading/1 document proposes (facts and identifiers)."""
    facts = doc.get("facts") or {}
    out: dict[str, dict[str, Any]] = {}
    for section, values in facts.items():
        if not isinstance(values, dict):
            if section in PATHS and values:
                out[section] = proposed(values)
            continue
        for key, value in values.items():
            if f"{section}.{key}" in PATHS and value not in (None, "", []):
                out[f"{section}.{key}"] = proposed(value)
    identifiers = (facts.get("seller") or {}).get("identifiers") or {}
    for key, name in IDENTIFIERS.items():
        if value := identifiers.get(key):
            out[drafts.COMPLAINT + name] = proposed(str(value))
    if "complaint.merchant.name" not in out and (nick := identifiers.get("nickname")):
        out["complaint.merchant.name"] = proposed(str(nick))
    return out


@dataclass(frozen=True)
class Extra:
    """A fact read that the form has no field for, in words, with its checkbox's name."""

    path: str
    text: str


def extras(draft: FactDraft) -> list[Extra]:
    out = []
    for path, label in EXTRA.items():
        item = draft.fields.get(path)
        if isinstance(item, dict) and item.get("source") == "reading":
            out.append(Extra(path, gettext(label).format(value=item.get("value"))))
    return out


def keep_screenshots(vault: Vault, form: UploadForm, doc: dict[str, Any]) -> list[dict[str, str]]:
    """Put the screenshots that were read in the blob store (durably, content-addressed) and
    say which: they become the case's evidence once it is filed. Refused files are not kept."""
    refused = {str(e.get("file")) for e in doc.get("errors") or [] if isinstance(e, dict)}
    kinds = {
        str(s.get("file")): str(s.get("kind"))
        for s in doc.get("sources") or []
        if isinstance(s, dict)
    }
    kept = [f for f in form.files if (f.name or "upload") not in refused]
    flows.publish(vault, [f.staged for f in kept])
    return [
        {
            "sha256": f.staged.sha256,
            "name": f.name or "upload",
            "kind": KINDS.get(kinds.get(f.name or "upload", ""), "other"),
            "type": f.content_type or "",
        }
        for f in kept
    ]


def propose(
    *,
    session: Session,
    owner: Owner,
    public_id: str | None,
    fields: dict[str, dict[str, Any]],
    screenshots: list[dict[str, str]],
    now: datetime,
) -> FactDraft:
    """The person's draft with what was read proposed in it (their draft on this form, else a
    new one of source "reading"); screenshots read earlier on the same form are kept too."""
    with session.begin():
        draft = (
            drafts.get(session=session, public_id=public_id, owner=owner, now=now)
            if public_id
            else None
        )
        if draft is None:
            draft = drafts.create(session=session, owner=owner, source="reading", now=now)
        earlier = drafts.value(draft, SCREENSHOTS) or []
        seen = {s.get("sha256") for s in earlier if isinstance(s, dict)}
        shots = [*earlier, *(s for s in screenshots if s["sha256"] not in seen)]
        # Newly read values replace earlier readings, never the person's own answers.
        earlier_read = {p: v for p, v in draft.fields.items() if v.get("source") == "reading"}
        draft.fields = {p: v for p, v in draft.fields.items() if p not in earlier_read}
        fresh = {**earlier_read, **fields, SCREENSHOTS: proposed(shots)}
        drafts.propose(draft=draft, fields=fresh, now=now)
        session.flush()
        return draft


def file_screenshots(
    *,
    session: Session,
    vault: Vault,
    public_id: str,
    owner: Owner,
    number: str,
    confirmed: set[str],
    origin: Origin,
    now: datetime,
) -> int:
    """After the filing: drop the values read that were not confirmed, and add the draft's
    screenshots to the new case's vault (the reading of them is redone by the worker, against
    the case). The complaint stands whatever happens here; how many items were added."""
    session.rollback()
    with session.begin():
        draft = drafts.get(session=session, public_id=public_id, owner=owner, now=now)
        if draft is None:
            return 0
        shots = [s for s in drafts.value(draft, SCREENSHOTS) or [] if isinstance(s, dict)]
        drafts.keep_confirmed(draft=draft, confirmed=confirmed | {SCREENSHOTS}, now=now)
    added = 0
    for kind in sorted({s.get("kind") or "other" for s in shots}):
        prepared = []
        try:
            for shot in (s for s in shots if (s.get("kind") or "other") == kind):
                stager = vault.stager()
                with vault.store.open(str(shot["sha256"])) as blob:
                    while chunk := blob.read(1024 * 1024):
                        stager.write(chunk)
                staged = stager.finish()
                prepared.append(flows.prepare(vault, staged, shot.get("name"), shot.get("type")))
            result = flows.add(
                session=session,
                vault=vault,
                number=number,
                files=prepared,
                kind=kind,
                description=gettext(FROM_FORM),
                origin=origin,
            )
            added += len(result.items)
        except (Refused, OSError, KeyError):
            session.rollback()
            log.warning("screenshots read on the form could not join case %s", number)
        finally:
            flows.discard(prepared)
    return added


FROM_FORM = N_("Screenshot read on the complaint form")
