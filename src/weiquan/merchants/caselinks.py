"""Cases linked to the merchants they name: the filing batch's links (naming worked out
before its transaction, link_new_cases in it) and the backfill of earlier cases (link_case).
Each writes the case's merchant_cases row with its facts and drops the merchants' cached
figures, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case
from weiquan.common.bulk import insert_rows
from weiquan.common.i18n import N_
from weiquan.db import utcnow
from weiquan.events.models import CaseEvent
from weiquan.merchants import facts
from weiquan.merchants import identifiers as ids
from weiquan.merchants.batchlink import link_many
from weiquan.merchants.models import EvidenceKind, Merchant, MerchantCase
from weiquan.merchants.resolution import Evidence, link


def link_case(*, session: Session, case: Case, actor: str) -> Merchant | None:
    """Resolve the merchant an earlier case names and link the case to it (in the caller's
    transaction); cases being filed are linked by link_new_cases."""
    found = _identifiers_of(case)
    if not found:
        return None
    merchant, linked = link(
        session=session,
        identifiers=found,
        evidence=Evidence(EvidenceKind.case, case.number),
        actor=actor,
        reason=N_("Named together in one case."),
    )
    anchor = next((n for n in linked if n.key), linked[0])
    session.flush()  # the facts are read from what the database holds
    values = facts.read(session.connection(), case.id)
    values |= {"merchant_id": merchant.id, "identifier_id": anchor.id}
    row = session.get(MerchantCase, case.id)
    if row is None:
        session.add(MerchantCase(case_id=case.id, **values))
    else:
        facts.mark_stale(session, [row.merchant_id])  # the merchant it leaves, if another
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()
    facts.mark_stale(session, [merchant.id])
    return merchant


@dataclass(frozen=True)
class Naming:
    """What links a case being filed to its merchants, worked out before its transaction (which
    on SQLite holds the one write lock): the identifiers it names and its merchant_cases facts.
    """

    identifiers: list[ids.Identifier]
    facts: dict[str, Any]


def naming(case: Mapping[str, Any], filed: CaseEvent) -> Naming | None:
    """The naming of a case about to be filed (its columns, as filing.intake holds them) with
    its event filed; None if it names nobody.

    Its facts are those of its timeline: the first assessment that may follow changes none
    (merchants.facts counts the ladder's steps), as tests/merchants/test_profile_cache.py checks
    against a recount from the database.
    """
    found = _identifiers_in(case)
    if not found:
        return None
    events = [{"kind": filed.kind, "at": filed.at, "data": filed.data}]
    return Naming(found, facts.compute(case, events))


def link_new_cases(*, session: Session, cases: Sequence[tuple[Case, Naming | None, str]]) -> None:
    """Link cases this transaction is filing (each with its naming and the actor) to the
    merchants they name, in a few statements for the lot (in the caller's transaction).

    A case whose identifiers already belong to two merchants merges them through link(), one
    such case at a time, after the others' rows are written (so a merge carries them along).
    """
    named = [(naming, case, actor) for case, naming, actor in cases if naming]
    if not named:
        return
    reason = N_("Named together in one case.")
    placed = link_many(
        session=session,
        requests=[(naming.identifiers, Evidence(EvidenceKind.case, case.number), actor)
                  for naming, case, actor in named],
    )  # fmt: skip
    rows, stale, merges = [], set(), []
    now = utcnow()
    for (naming, case, actor), place in zip(named, placed, strict=True):
        if place is None:
            merges.append((naming, case, actor))
            continue
        merchant_id, anchor_id = place
        rows.append(_case_row(case, naming, merchant_id, anchor_id, now))
        stale.add(merchant_id)
    if rows:
        insert_rows(session.connection(), _INSERT_MERCHANT_CASES, rows)
    for naming, case, actor in merges:
        merchant, linked = link(
            session=session,
            identifiers=naming.identifiers,
            evidence=Evidence(EvidenceKind.case, case.number),
            actor=actor,
            reason=reason,
            new_evidence=True,
        )
        anchor = next((n for n in linked if n.key), linked[0])
        session.connection().execute(
            _INSERT_MERCHANT_CASES, [_case_row(case, naming, merchant.id, anchor.id, utcnow())]
        )
        stale.add(merchant.id)
    facts.mark_stale(session, stale)


MERCHANT_CASES: Table = MerchantCase.__table__  # type: ignore[assignment]
_INSERT_MERCHANT_CASES = insert(MERCHANT_CASES)


def _case_row(
    case: Case, naming: Naming, merchant_id: int, anchor_id: int, linked_at: datetime
) -> dict[str, object]:
    return naming.facts | {
        "case_id": case.id,
        "merchant_id": merchant_id,
        "identifier_id": anchor_id,
        "linked_at": linked_at,
    }


_MERCHANT_COLUMNS = ("name", "wechat_id", "phone", "shop", "platform", "live_room")


def _identifiers_of(case: Case) -> list[ids.Identifier]:
    return _identifiers_in(
        {f"merchant_{c}": getattr(case, f"merchant_{c}") for c in _MERCHANT_COLUMNS}
    )


def _identifiers_in(case: Mapping[str, Any]) -> list[ids.Identifier]:
    """The merchant identifiers a case's columns name."""
    return ids.from_case(**{c: case.get(f"merchant_{c}") for c in _MERCHANT_COLUMNS})


def unlinked(*, session: Session, after: int, limit: int = 500) -> list[Case]:
    """Cases after id `after` without a merchant yet (the backfill of earlier cases)."""
    return list(
        session.execute(
            select(Case)
            .where(Case.id > after, ~Case.id.in_(select(MerchantCase.case_id)))
            .order_by(Case.id)
            .limit(limit)
        ).scalars()
    )
