"""Case storage: keyword-only functions that never commit (flows own the transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from weiquan.cases.filters import CaseFilters
from weiquan.cases.models import Case, CaseCounter, CaseStatus
from weiquan.cases.schemas import CaseCreate, SortOrder
from weiquan.common import identifiers

NUMBER_PREFIX = "WQ"
COUNTERS: Table = CaseCounter.__table__  # type: ignore[assignment]


def format_number(year: int, seq: int) -> str:
    """WQ-2026-000123: prefix, year, six digits; easy to read aloud on a phone."""
    return f"{NUMBER_PREFIX}-{year}-{seq:06d}"


def normalize_number(text: str) -> str:
    """Accept wq-2026-123, WQ2026000123 or '2026 123' for WQ-2026-000123."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 5:
        return text.strip().upper()
    year, seq = digits[:4], digits[4:]
    return format_number(int(year), int(seq))


def next_numbers(*, session: Session, year: int, count: int) -> list[str]:
    """Hand out the next count numbers of year as one block; the counter row stays locked
    until commit."""
    if count <= 0:
        return []
    last = _bump(session, year, count)
    if last is None:
        # First case of the year: create the row, tolerating a concurrent creator, then bump.
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(insert(CaseCounter).values(year=year, last=0).on_conflict_do_nothing())
        last = _bump(session, year, count)
        assert last is not None
    return [format_number(year, seq) for seq in range(last - count + 1, last + 1)]


def return_numbers(*, session: Session, year: int, numbers: Sequence[str]) -> bool:
    """Give back a block that next_numbers handed out, if no block was taken after it (a batch
    numbered in a transaction of its own that then failed): no gap is left. True if given back."""
    if not numbers:
        return False
    last = int(numbers[-1].rsplit("-", 1)[1])
    params = {"y": year, "n": len(numbers), "last": last}
    return session.connection().execute(_GIVE_BACK, params).rowcount == 1


_GIVE_BACK = (
    update(COUNTERS)
    .where(COUNTERS.c.year == bindparam("y"), COUNTERS.c.last == bindparam("last"))
    .values(last=COUNTERS.c.last - bindparam("n"))
)


def _bump(session: Session, year: int, count: int) -> int | None:
    # UPDATE first: it takes the row (PostgreSQL) or database (SQLite) write lock at once,
    # so concurrent filings queue here instead of reading the same value.
    return session.connection().execute(_BUMP, {"y": year, "n": count}).scalar_one_or_none()


_BUMP = (  # built once: a statement built per call cost a tenth of a filing batch
    update(COUNTERS)
    .where(COUNTERS.c.year == bindparam("y"))
    .values(last=COUNTERS.c.last + bindparam("n"))
    .returning(COUNTERS.c.last)
)


def get(*, session: Session, number: str, for_update: bool = False) -> Case | None:
    """One case by its number, in any of the forms people type (locked when for_update)."""
    query = select(Case).where(Case.number == normalize_number(number))
    if for_update:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def get_by_external_ref(
    *, session: Session, filer_account_id: int | None, external_ref: str
) -> Case | None:
    """The case an account filed under its own key, if any (none without an account)."""
    if filer_account_id is None:
        return None
    return session.execute(
        select(Case).where(
            Case.filer_account_id == filer_account_id, Case.external_ref == external_ref
        )
    ).scalar_one_or_none()


def get_all(
    *, session: Session, filters: CaseFilters, visible: ColumnElement[bool] | None = None
) -> tuple[list[Case], int]:
    """A page of cases matching filters (and visible, when given), and how many match."""
    query = select(Case)
    if visible is not None:
        query = query.where(visible)
    if filters.status:
        query = query.where(Case.status == filters.status)
    if filters.channel:
        query = query.where(Case.channel == filters.channel)
    if filters.category:
        query = query.where(Case.category == filters.category)
    if filters.platform:
        query = query.where(Case.merchant_platform.ilike(f"%{_escape(filters.platform)}%", "\\"))
    if filters.order_from:
        query = query.where(Case.order_date >= filters.order_from)
    if filters.order_to:
        query = query.where(Case.order_date <= filters.order_to)
    if filters.q:
        pattern = f"%{_escape(filters.q)}%"
        query = query.where(
            or_(
                *(
                    column.ilike(pattern, "\\")
                    for column in (
                        Case.number,
                        Case.goods,
                        Case.brand,
                        Case.merchant_name,
                        Case.merchant_wechat_id,
                        Case.merchant_shop,
                        Case.merchant_live_room,
                        Case.narrative,
                    )
                )
            )
        )
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    order = (
        (Case.created_at.desc(), Case.id.desc())
        if filters.sort == SortOrder.newest
        else (Case.created_at.asc(), Case.id.asc())
    )
    items = (
        session.execute(
            query.order_by(*order)
            .limit(filters.page_size)
            .offset((filters.page - 1) * filters.page_size)
        )
        .scalars()
        .all()
    )
    return list(items), total


def case_values(case_in: CaseCreate, *, language: str) -> dict[str, Any]:
    """The columns of a new case as the complaint gives them (filing.intake adds the rest)."""
    return {
        "status": CaseStatus.draft,
        "language": language,
        "external_ref": case_in.external_ref,
        "consumer_name": case_in.consumer.name,
        "consumer_phone": case_in.consumer.phone,
        "consumer_email": case_in.consumer.email,
        "consumer_address": case_in.consumer.address,
        "merchant_name": case_in.merchant.name,
        "merchant_wechat_id": case_in.merchant.wechat_id,
        "merchant_phone": case_in.merchant.phone,
        "merchant_shop": case_in.merchant.shop,
        "merchant_platform": case_in.merchant.platform,
        "merchant_live_room": case_in.merchant.live_room,
        "goods": case_in.order.goods,
        "category": case_in.order.category,
        "brand": case_in.order.brand,
        "price_paid_fen": case_in.order.price_paid,
        "quantity": case_in.order.quantity,
        "order_date": case_in.order.order_date,
        "received_date": case_in.order.received_date,
        "channel": case_in.order.channel,
        "payment_method": case_in.order.payment_method,
        "problems": [str(p) for p in case_in.problems],
        "narrative": case_in.narrative,
    }


def identifier_rows(case: Case) -> list[dict[str, Any]]:
    """The case_identifiers rows of a case (without its id, for a case not yet written, and
    without their queue key)."""
    return [
        {"kind": kind, "value": value}
        for kind, value in identifiers.of_case(
            name=case.merchant_name,
            wechat_id=case.merchant_wechat_id,
            phone=case.merchant_phone,
            shop=case.merchant_shop,
            live_room=case.merchant_live_room,
        )
    ]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
