"""Reading the kept tallies (cases.tallies) for a period: the figures' sums, summed in SQL."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, Integer, cast, column, func, select, table

from weiquan.cases.sqldays import year_month
from weiquan.cases.tallies import ALL, TALLIES


def top_merchants(
    connection: Connection, agency_id: int | None, start: date, end: date, limit: int
) -> list[tuple[int, int]]:
    """(merchant id, complaints) of the merchants most complained about, merges resolved."""
    merchants = table("merchants", column("id", Integer), column("merged_into_id", Integer))
    root = func.coalesce(merchants.c.merged_into_id, merchants.c.id)
    total = func.sum(TALLIES.c.n).label("n")
    query = (
        select(root.label("merchant_id"), total)
        .join(merchants, merchants.c.id == cast(TALLIES.c.value, Integer))
        .where(
            TALLIES.c.agency_id == (ALL if agency_id is None else agency_id),
            TALLIES.c.day >= start,
            TALLIES.c.day < end,
            TALLIES.c.measure == "merchant",
        )
        .group_by(root)
        .having(total > 0)
        .order_by(total.desc(), root)
        .limit(limit)
    )
    return [(int(m), int(n)) for m, n in connection.execute(query)]


def read(
    connection: Connection, agency_id: int | None, start: date, end: date
) -> Iterable[tuple[str, str, str, int, int]]:
    """The tallies of one agency (None: all) for days in [start, end), summed by month:
    (measure, value, "2026-10", n, amount_fen)."""
    month = year_month(TALLIES.c.day)
    query = (
        select(
            TALLIES.c.measure,
            TALLIES.c.value,
            month,
            func.sum(TALLIES.c.n),
            func.sum(TALLIES.c.amount_fen),
        )
        .where(
            TALLIES.c.agency_id == (ALL if agency_id is None else agency_id),
            TALLIES.c.day >= start,
            TALLIES.c.day < end,
            TALLIES.c.measure != "merchant",  # many rows: top_merchants sums them in SQL
        )
        .group_by(TALLIES.c.measure, TALLIES.c.value, month)
    )
    return connection.execute(query)
