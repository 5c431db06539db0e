"""Agencies' statistics kept as counts per agency, Beijing day and measure (issue 21).

A dashboard over a year of a million complaints cannot count events per request, so every
figure of weiquan.stats is a sum of `case_tallies` rows. Each measure is defined ONCE, as SQL
over the cases, their timelines and their clocks (`sources`): `rebuild` inserts what it gives
for every case, and the one write path (filing.flows.take_step, clocks.scan) keeps the rows
current by the difference of what it gives for the case before and after the step. So an
incremental count can never drift from a rebuilt one. Filing itself adds nothing here: a case
counts for an agency from the step that files the complaint with it.

The definitions (docs/statistics.md says them in words):
- filed / channel / category / problem / merchant: a complaint on the Beijing day it first
  reached an agency (`cases.lodged_on`), under the agency that holds it now;
- accepted, refused, mediation_ended, agreement: the step's event, on its Beijing day;
- clock_due / clock_overdue: the agency's own statutory clocks that were kept or missed, on
  their due day (a clock still running or cancelled is neither);
- recovered: one sum per case, the most definite recorded (received, else at close, else
  agreed), on that record's day; n counts the cases whose sum is above nothing;
- first_answer: the merchant's first answer, on its day, valued in calendar days from the day
  its clock to answer started (the demand reached it).
Rows with agency_id 0 are the sum over all agencies (admins' dashboard: one range of rows).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    String,
    Table,
    and_,
    bindparam,
    case,
    cast,
    column,
    delete,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    table,
    true,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.compiler import SQLCompiler

from weiquan.cases.models import Case, CaseDeadline, DeadlineKind, DeadlineStatus
from weiquan.cases.sqldays import beijing_day, days_between
from weiquan.common.dates import local
from weiquan.db import Base
from weiquan.events.models import CaseEvent, EventKind

ALL = 0  # the agency_id of the rows summed over every agency
# The clocks an agency itself must keep (SAMR complaint measures Arts. 14, 21, 23).
AGENCY_CLOCKS = (
    DeadlineKind.agency_decision,
    DeadlineKind.mediation_end,
    DeadlineKind.report_verification,
)
# The events that fix a sum the consumer accepted (what `cases.amount_agreed_fen` records).
SETTLEMENTS = (
    EventKind.consumer_accepted,
    EventKind.agreement_recorded,
    EventKind.platform_intervention_resolved,
)
FILED_MEASURES = ("filed", "channel", "category", "problem", "merchant")
# The registry's link of a case to its merchant (weiquan.merchants.models.MerchantCase, a
# package above cases): named by its table and two columns, so that every count stays defined
# here in one place without cases importing upwards. A merge re-points the link; the tallies
# keep the old merchant's id, which readers resolve through merchants.merged_into_id.
MERCHANT_CASES = table("merchant_cases", column("case_id", Integer), column("merchant_id", Integer))

Key = tuple[int, date, str, str]  # agency_id, day, measure, value
Counts = dict[Key, tuple[int, int]]  # -> (n, amount_fen)


class CaseTally(Base):
    """How many (and how much) of one measure, for one agency, on one Beijing day."""

    __tablename__ = "case_tallies"

    agency_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, default=0)
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)


TALLIES: Table = CaseTally.__table__  # type: ignore[assignment]


def _row(agency: Any, day: Any, measure: str, value: Any, n: Any, amount: Any) -> list[Any]:
    return [
        agency.label("agency_id"),
        type_coerce(day, Date).label("day"),
        literal(measure).label("measure"),
        func.coalesce(cast(value, String), literal_column("''")).label("value"),
        cast(n, BigInteger).label("n"),
        cast(amount, BigInteger).label("amount_fen"),
    ]


def _any(column: Any, values: Iterable[str]) -> ColumnElement[bool]:
    """column is one of values, as plain comparisons: the one-case query is compiled once,
    and an IN list would leave its values to be expanded at each run."""
    return or_(*(column == value for value in values))


def _problems(dialect: str) -> Any:
    if dialect == "postgresql":
        return func.json_array_elements_text(Case.problems).table_valued("value")
    return func.json_each(Case.problems).table_valued("value")


def _events(kind: str, where: ColumnElement[bool], measure: str, *extra: Any) -> Select[Any]:
    day = beijing_day(CaseEvent.at)
    return (
        select(*_row(Case.agency_id, day, measure, literal(""), func.count(), literal(0)))
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(where, CaseEvent.kind == kind, *extra)
        .group_by(Case.agency_id, day)
    )


def sources(dialect: str, where: ColumnElement[bool]) -> Select[Any]:
    """Every measure of the cases `where` selects (cases with an agency only), as rows of
    (agency_id, day, measure, value, n, amount_fen): the one definition of the figures."""
    where = and_(Case.agency_id.is_not(None), where)
    filed = and_(where, Case.lodged_on.is_not(None))
    parts: list[Select[Any]] = [
        select(*_row(Case.agency_id, Case.lodged_on, "filed", literal(""), func.count(), 0))
        .where(filed)
        .group_by(Case.agency_id, Case.lodged_on)
    ]
    for measure, attribute in (("channel", Case.channel), ("category", Case.category)):
        parts.append(
            select(*_row(Case.agency_id, Case.lodged_on, measure, attribute, func.count(), 0))
            .where(filed)
            .group_by(Case.agency_id, Case.lodged_on, attribute)
        )
    problem = _problems(dialect)
    parts.append(
        select(*_row(Case.agency_id, Case.lodged_on, "problem", problem.c.value, func.count(), 0))
        .select_from(Case)
        .join(problem, true())
        .where(filed)
        .group_by(Case.agency_id, Case.lodged_on, problem.c.value)
    )
    link = MERCHANT_CASES.c
    parts.append(
        select(*_row(Case.agency_id, Case.lodged_on, "merchant", link.merchant_id, func.count(), 0))
        .join(MERCHANT_CASES, link.case_id == Case.id)
        .where(filed)
        .group_by(Case.agency_id, Case.lodged_on, link.merchant_id)
    )
    # agency_accept writes complaint_accepted with the mediation clock's due day; the second
    # verification period (extend_verification) writes the same kind without it.
    accepted = cast(CaseEvent.data, String).like('%"mediation_due"%')
    parts.append(_events(EventKind.complaint_accepted, where, "accepted", accepted))
    parts.append(_events(EventKind.complaint_refused, where, "refused"))
    parts.append(_events(EventKind.mediation_ended, where, "mediation_ended"))
    parts.append(_events(EventKind.agreement_recorded, where, "agreement"))
    for measure, statuses in (
        ("clock_due", (DeadlineStatus.met, DeadlineStatus.missed)),
        ("clock_overdue", (DeadlineStatus.missed,)),
    ):
        parts.append(
            select(*_row(Case.agency_id, CaseDeadline.due_on, measure, "", func.count(), 0))
            .join(CaseDeadline, CaseDeadline.case_id == Case.id)
            .where(
                where,
                _any(CaseDeadline.kind, AGENCY_CLOCKS),
                _any(CaseDeadline.status, statuses),
            )
            .group_by(Case.agency_id, CaseDeadline.due_on)
        )
    parts.extend(_recovered(where))
    parts.append(_first_answer(where))
    return union_all(*parts).subquery("sources").select()


def _recovered(where: ColumnElement[bool]) -> list[Select[Any]]:
    """One sum per case: received (on its day), else at close, else agreed (never two)."""

    def part(amount: Any, day: Any, *conditions: Any, source: Any = None) -> Select[Any]:
        some = func.sum(case((amount > 0, 1), else_=0))
        query = select(*_row(Case.agency_id, day, "recovered", "", some, func.sum(amount)))
        if source is not None:
            query = query.join(source, source.c.case_id == Case.id)
        return query.where(where, *conditions).group_by(Case.agency_id, day)

    received = Case.amount_received_fen.is_not(None)
    closed = and_(Case.closed_at.is_not(None), Case.outcome != "withdrawn")
    settled = (
        select(CaseEvent.case_id.label("case_id"), func.max(beijing_day(CaseEvent.at)).label("day"))
        .join(Case, Case.id == CaseEvent.case_id)
        .where(where, _any(CaseEvent.kind, SETTLEMENTS))
        .group_by(CaseEvent.case_id)
        .subquery("settled")
    )
    return [
        part(Case.amount_received_fen, Case.received_on, received),
        part(
            Case.amount_recovered_fen,
            beijing_day(Case.closed_at),
            ~received,
            closed,
            Case.amount_recovered_fen.is_not(None),
        ),
        part(
            Case.amount_agreed_fen,
            settled.c.day,
            ~received,
            Case.closed_at.is_(None),
            Case.amount_agreed_fen.is_not(None),
            source=settled,
        ),
    ]


def _first_answer(where: ColumnElement[bool]) -> Select[Any]:
    answered = (
        select(Case.id.label("case_id"), func.min(beijing_day(CaseEvent.at)).label("day"))
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(where, CaseEvent.kind == EventKind.merchant_answered)
        .group_by(Case.id)
        .subquery("answered")
    )
    reached = (
        select(Case.id.label("case_id"), func.min(CaseDeadline.starts_on).label("day"))
        .join(CaseDeadline, CaseDeadline.case_id == Case.id)
        .where(where, CaseDeadline.kind == DeadlineKind.merchant_answer)
        .group_by(Case.id)
        .subquery("reached")
    )
    days = days_between(reached.c.day, answered.c.day)
    return (
        select(*_row(Case.agency_id, answered.c.day, "first_answer", days, func.count(), 0))
        .join(answered, answered.c.case_id == Case.id)
        .join(reached, reached.c.case_id == Case.id)
        .where(where, reached.c.day <= answered.c.day)
        .group_by(Case.agency_id, answered.c.day, days)
    )


# The one case's counts, compiled once per database kind: building the union of every measure
# costs tens of milliseconds, more than running it, and each step runs it twice.
_ONE_CASE: dict[str, SQLCompiler] = {}


def _one_case(dialect: Dialect) -> SQLCompiler:
    compiled = _ONE_CASE.get(dialect.name)
    if compiled is None:
        query = sources(dialect.name, Case.id == bindparam("case_id"))
        built = query.compile(dialect=dialect)
        assert isinstance(built, SQLCompiler)
        compiled = _ONE_CASE[dialect.name] = built
    return compiled


def contributions(connection: Connection, case_ids: Sequence[int]) -> Counts:
    """What these cases add to the tallies now, per agency and for all agencies."""
    compiled = _one_case(connection.dialect)
    counts: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for case_id in case_ids:
        params = compiled.construct_params({"case_id": case_id})
        assert params is not None
        args: Any = (
            tuple(params[name] for name in compiled.positiontup) if compiled.positiontup else params
        )
        for agency_id, day, measure, value, n, amount in connection.exec_driver_sql(
            compiled.string, args
        ):
            if day is None:
                continue
            day = day if isinstance(day, date) else date.fromisoformat(str(day))
            for agency in (agency_id, ALL):
                row = counts[agency, day, measure, value or ""]
                row[0] += n or 0
                row[1] += amount or 0
    return {key: (n, amount) for key, (n, amount) in counts.items()}


def apply(connection: Connection, before: Counts, after: Counts) -> None:
    """Add what changed between two `contributions` of the same cases (one statement)."""
    rows = []
    for key in sorted(set(before) | set(after)):  # one order: no deadlock between writers
        n0, a0 = before.get(key, (0, 0))
        n1, a1 = after.get(key, (0, 0))
        if (n1 - n0, a1 - a0) != (0, 0):
            agency_id, day, measure, value = key
            rows.append(
                {"agency_id": agency_id, "day": day, "measure": measure, "value": value,
                 "n": n1 - n0, "amount_fen": a1 - a0}
            )  # fmt: skip
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(TALLIES).values(rows)
    connection.execute(
        stmt.on_conflict_do_update(
            index_elements=["agency_id", "day", "measure", "value"],
            set_={
                "n": TALLIES.c.n + stmt.excluded.n,
                "amount_fen": TALLIES.c.amount_fen + stmt.excluded.amount_fen,
            },
        )
    )


def lodge(case: Case, event: CaseEvent) -> None:
    """The day a complaint first reached an agency, from the event that filed it."""
    if case.lodged_on is None and event.kind == EventKind.complaint_filed:
        case.lodged_on = beijing(event)


def beijing(event: CaseEvent) -> date:
    return local(event.at).date()


def rebuild(connection: Connection) -> None:
    """Recompute the filing days and every tally from the cases, their timelines and clocks
    (after a bulk load that bypassed the write path, or to repair)."""
    first = (
        select(func.min(beijing_day(CaseEvent.at)))
        .where(CaseEvent.case_id == Case.id, CaseEvent.kind == EventKind.complaint_filed)
        .scalar_subquery()
    )
    connection.execute(update(Case).where(Case.agency_id.is_not(None)).values(lodged_on=first))
    connection.execute(
        update(Case)
        .where(Case.agency_id.is_(None), Case.lodged_on.is_not(None))
        .values(lodged_on=null())
    )
    connection.execute(delete(TALLIES))
    src = sources(connection.dialect.name, true()).subquery("src")
    columns = ("agency_id", "day", "measure", "value", "n", "amount_fen")
    grouped = (
        select(
            src.c.agency_id, src.c.day, src.c.measure, src.c.value,
            func.sum(src.c.n), func.sum(src.c.amount_fen),
        )
        .where(src.c.day.is_not(None))
        .group_by(src.c.agency_id, src.c.day, src.c.measure, src.c.value)
    )  # fmt: skip
    connection.execute(TALLIES.insert().from_select(columns, grouped))
    total = (
        select(
            literal(ALL), TALLIES.c.day, TALLIES.c.measure, TALLIES.c.value,
            func.sum(TALLIES.c.n), func.sum(TALLIES.c.amount_fen),
        )
        .where(TALLIES.c.agency_id != ALL)
        .group_by(TALLIES.c.day, TALLIES.c.measure, TALLIES.c.value)
    )  # fmt: skip
    connection.execute(TALLIES.insert().from_select(columns, total))
