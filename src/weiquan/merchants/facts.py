"""What one case says about its merchant, derived from the case and its timeline.

The timeline is the source of truth (when the demand went out, when and how the merchant
answered, how the case closed). These facts are a read model of it, so that a profile is a few
indexed aggregates. They change with the ladder's steps, a missed deadline and the case's
closing columns, so the flows that write those call `changed` (filing.flows); the filing batch
writes a new case's facts with its link (merchants.caselinks.link_new_cases). The same
transaction drops the merchant's cached figures (`Merchant.stats`, `mark_stale`), which the
worker then works out again. No session hook keeps them: whoever writes, says so.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, bindparam, null, select, update
from sqlalchemy.orm import Session

from weiquan.cases.models import Case, CaseStatus, Outcome
from weiquan.common.dates import SHANGHAI
from weiquan.common.identifiers import IdentifierError, normalize_phone
from weiquan.events.models import CaseEvent, EventKind
from weiquan.merchants.models import Merchant, MerchantCase

SETTLING_OUTCOMES = {
    Outcome.refunded,
    Outcome.partly_refunded,
    Outcome.replaced_or_repaired,
    Outcome.compensated,
}
SETTLING_EVENTS = {
    EventKind.consumer_accepted,
    EventKind.platform_intervention_resolved,
    EventKind.agreement_recorded,
    EventKind.agreement_performed,
}
# What buyers write when a seller cut them off after payment.
BLOCKED_WORDS = re.compile(
    r"拉黑|删除好友|删了好友|把我删了|屏蔽了我|被屏蔽|blocked me|unfriended", re.I
)
# The lowest shop price of a brand's handbags and leather goods, in yuan (2025, rounded down):
# a price under a third of it is the classic sign of a replica sold as genuine.
LUXURY_FLOOR_YUAN = {
    "lv": 9000,
    "louis vuitton": 9000,
    "路易威登": 9000,
    "chanel": 25000,
    "香奈儿": 25000,
    "hermes": 40000,
    "hermès": 40000,
    "爱马仕": 40000,
    "gucci": 8000,
    "古驰": 8000,
    "dior": 15000,
    "迪奥": 15000,
    "prada": 10000,
    "普拉达": 10000,
    "rolex": 50000,
    "劳力士": 50000,
    "cartier": 20000,
    "卡地亚": 20000,
}
LUXURY_CATEGORIES = {"luxury_fashion", "jewelry_collectible"}


def claimant_key(phone: str) -> str:
    """The claimant's phone in its normal form (the key of a claimant profile)."""
    try:
        return normalize_phone(phone)
    except IdentifierError:
        return re.sub(r"\D", "", phone)[:32] or phone.strip()[:32]


def below_market(category: str, brand: str | None, price_fen: int, quantity: int) -> bool:
    if category not in LUXURY_CATEGORIES or not brand:
        return False
    floor = LUXURY_FLOOR_YUAN.get(brand.strip().casefold())
    return floor is not None and price_fen / max(quantity, 1) < floor * 100 / 3


def _due(value: Any) -> datetime | None:
    """A deadline from event data: a date means the end of that day in Beijing."""
    if not value:
        return None
    try:
        if isinstance(value, str) and len(value) <= 10:
            day = date.fromisoformat(value)
            return datetime.combine(day, time.max, SHANGHAI).astimezone(UTC)
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=SHANGHAI)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def compute(case: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The MerchantCase fact columns of one case; pure, shared by refresh, the filing batch
    (merchants.caselinks.naming) and the generator."""
    problems = list(case.get("problems") or [])
    facts: dict[str, Any] = {
        "claimant_key": claimant_key(case["consumer_phone"]),
        "filed_at": _aware(case["created_at"]),
        "channel": case["channel"],
        "category": case["category"],
        "kind": problems[0] if problems else "other",
        "private_transfer": case.get("payment_method") == "private_transfer",
        "blocked": bool(BLOCKED_WORDS.search(case.get("narrative") or "")),
        "below_market": below_market(
            case["category"], case.get("brand"), case["price_paid_fen"], case.get("quantity") or 1
        ),
        "demanded": False,
        "due_at": None,
        "answered": False,
        "answered_on_time": None,
        "answer_seconds": None,
        "answer": None,
        "settled": False,
        "refused": False,
        "withdrawn": case.get("status") == CaseStatus.withdrawn,
        "closed_at": case.get("closed_at"),
        "outcome": case.get("outcome"),
        "amount_recovered_fen": case.get("amount_recovered_fen") or 0,
        "publish_consent": bool(case.get("publish_consent")),
    }
    demand_at: datetime | None = None
    for e in events:
        kind, at, data = e["kind"], _aware(e["at"]), e.get("data") or {}
        if kind == EventKind.demand_sent and demand_at is None:
            demand_at = at
            facts["demanded"] = True
            facts["due_at"] = _due(data.get("due"))
        elif kind == EventKind.merchant_answered and not facts["answered"]:
            facts["answered"] = True
            facts["answer"] = str(data.get("answer") or "")[:16] or None
            if demand_at is not None:
                facts["answer_seconds"] = max(0, int((at - demand_at).total_seconds()))
                if facts["due_at"] is not None:
                    facts["answered_on_time"] = at <= facts["due_at"]
        elif kind in SETTLING_EVENTS:
            facts["settled"] = True
        elif kind == EventKind.complaint_refused:
            facts["refused"] = True
        elif kind == EventKind.withdrawn:
            facts["withdrawn"] = True
        elif kind == EventKind.case_closed:
            facts["closed_at"] = facts["closed_at"] or at
            facts["outcome"] = facts["outcome"] or data.get("outcome")
            if not facts["amount_recovered_fen"]:
                facts["amount_recovered_fen"] = int(data.get("amount_recovered_fen") or 0)
    if facts["demanded"] and not facts["answered"] and facts["due_at"] is not None:
        # Past the deadline without an answer is late, whether or not it ever comes.
        facts["answered_on_time"] = False if datetime.now(UTC) > facts["due_at"] else None
    if facts["outcome"] in SETTLING_OUTCOMES or case.get("status") in (
        CaseStatus.settled,
        CaseStatus.agreement,
    ):
        facts["settled"] = True
    if facts["outcome"] == Outcome.withdrawn:
        facts["withdrawn"] = True
    if facts["closed_at"] is not None:
        facts["closed_at"] = _aware(facts["closed_at"])
    return facts


CASE_COLUMNS = (
    Case.consumer_phone,
    Case.created_at,
    Case.channel,
    Case.category,
    Case.problems,
    Case.payment_method,
    Case.narrative,
    Case.brand,
    Case.price_paid_fen,
    Case.quantity,
    Case.status,
    Case.closed_at,
    Case.outcome,
    Case.amount_recovered_fen,
    Case.publish_consent,
)


def read(connection: Connection, case_id: int) -> dict[str, Any]:
    """The facts of one case as stored now (case row and timeline), on connection."""
    row = connection.execute(select(*CASE_COLUMNS).where(Case.id == case_id)).mappings().one()
    events = (
        connection.execute(
            select(CaseEvent.kind, CaseEvent.at, CaseEvent.data)
            .where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.seq)
        )
        .mappings()
        .all()
    )
    return compute(dict(row), [dict(e) for e in events])


_LINKED = select(MerchantCase.case_id, MerchantCase.merchant_id).where(
    MerchantCase.case_id.in_(bindparam("ids", expanding=True))
)
# Unconditional (not "WHERE stats IS NOT NULL"): on PostgreSQL the update must wait for a
# refresh that holds the row, or the refresh would cache figures without this transaction's.
_STALE = (
    update(Merchant).where(Merchant.id.in_(bindparam("ids", expanding=True))).values(stats=null())
)
_CHUNK = 500


def refresh(connection: Connection, case_ids: Collection[int]) -> set[int]:
    """Recompute the facts of those cases that are linked to a merchant (in the caller's
    transaction); returns the merchants whose figures that changed."""
    ids = sorted(set(case_ids))
    if not ids:
        return set()
    linked = connection.execute(_LINKED, {"ids": ids}).all()
    for case_id, _ in linked:
        connection.execute(
            update(MerchantCase)
            .where(MerchantCase.case_id == case_id)
            .values(**read(connection, case_id))
        )
    return {merchant_id for _, merchant_id in linked}


def mark_stale(session: Session, merchant_ids: Iterable[int | None]) -> None:
    """Drop the cached figures of these merchants (in the caller's transaction; the worker
    works them out again once it commits)."""
    ordered = sorted({m for m in merchant_ids if m is not None})  # one lock order for all
    for start in range(0, len(ordered), _CHUNK):
        session.connection().execute(_STALE, {"ids": ordered[start : start + _CHUNK]})


def changed(session: Session, case_ids: Collection[int]) -> None:
    """After a write of these cases or their timelines (flushed): recompute the facts of those
    linked to a merchant and drop their merchants' cached figures."""
    mark_stale(session, refresh(session.connection(), case_ids))
