"""The agency queue: a clerk's filtered, counted, keyset-paged list of complaints.

A union of ordered index ranges, as the cases' work lists (cases.queues, queuekeys): one per
place the reader works on (own agency, each region of its jurisdiction, a mediator's cases),
each narrowed by the filters and read from the cursor on in the sort's order, so the first
and the fiftieth page cost the same at a million cases. A one-column filter reads its own
index (agency, column, queue key, id; migration 0016_queue); a search, weiquan.search's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, String, and_, cast, false, func, or_, select, tuple_
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Role
from weiquan.cases import access, queues
from weiquan.cases.models import Case, CaseDeadline
from weiquan.cases.present import merchant_display, status_label
from weiquan.cases.queuekeys import NO_CLOCK
from weiquan.common import labels
from weiquan.common.dates import format_local, local, local_today
from weiquan.common.i18n import N_, gettext, ngettext
from weiquan.common.privacy import mask_name
from weiquan.law.calendar import add_working_days, is_working_day
from weiquan.search import service as search
from weiquan.workbench.cursor import Cursor, decode, encode
from weiquan.workbench.schemas import Band, QueueFilters, QueueRow, Sort

ADMISSIBILITY = {
    "ok": N_("Nothing against accepting it"),
    "missing": N_("Materials missing"),
    "refuse": N_("Grounds to refuse"),
}
BANDS = {
    Band.overdue: N_("Overdue"),
    Band.today: N_("Due today"),
    Band.soon: N_("Within 3 working days"),
    Band.later: N_("Later"),
    Band.none: N_("No clock running"),
}


@dataclass(frozen=True)
class Page:
    items: list[QueueRow]
    next: str | None  # the cursor of the page after, None on the last
    previous: str | None  # the cursor of the page before, None on the first


def places(session: Session, account: Account) -> list[ColumnElement[bool]]:
    """Where the queue comes from, as non-overlapping index ranges: the agency's own complaints
    and each county of its jurisdiction, a mediator's cases, everything for an admin."""
    if account.role == Role.admin:
        return [Case.complaint_kind.is_not(None)]
    if account.role == Role.mediator:
        return [Case.mediator_account_id == account.id]
    agency = account.agency
    if account.role != Role.agency_staff or agency is None:
        return []
    elsewhere = or_(Case.agency_id.is_(None), Case.agency_id != agency.id)
    filed = Case.complaint_kind.is_not(None)
    return [
        and_(Case.agency_id == agency.id, filed),
        *(
            and_(Case.merchant_region == code, elsewhere, filed)
            for code in counties(session, agency.regions)
        ),
    ]


def counties(session: Session, regions: Sequence[str] | None) -> list[str]:
    """The county codes the cases name under regions (3101 -> 310101, 310115, ...): a county is
    an equality, read in queue order from the (region, queue key, id) index, where a prefix is
    a range the database would have to sort whole."""
    codes: set[str] = set()
    for region in _outermost(regions):
        if len(region) == 6:
            codes.add(region)
            continue
        # A loose index scan: the next code after the last one found, one index seek per
        # county, instead of reading every case of the city to find its few counties.
        end = region[:-1] + chr(ord(region[-1]) + 1)
        start = Case.merchant_region >= region  # the region's own code counts too
        while True:
            found = session.execute(
                select(func.min(Case.merchant_region)).where(start, Case.merchant_region < end)
            ).scalar()
            if found is None:
                break
            codes.add(found)
            start = Case.merchant_region > found
    return sorted(codes)


def _outermost(regions: Sequence[str] | None) -> list[str]:
    """The regions not inside another of the list (3101 covers 310115): no case twice."""
    codes = sorted({r for r in regions or [] if r})
    return [r for r in codes if not any(r != o and r.startswith(o) for o in codes)]


def band_limits(today: date) -> dict[Band, ColumnElement[bool]]:
    """Each band as a range of the queue key (the nearest clock's due date)."""
    day, soon = today.isoformat(), add_working_days(today, 3).isoformat()
    key = Case.queue_key
    return {
        Band.overdue: key < day,
        Band.today: key == day,
        Band.soon: and_(key > day, key <= soon),
        Band.later: and_(key > soon, key < NO_CLOCK),
        Band.none: key == NO_CLOCK,
    }


def conditions(
    account: Account, filters: QueueFilters, *, today: date, status: bool = True
) -> list[ColumnElement[bool]]:
    """The filters as SQL on Case (without the status, for the tabs' counts)."""
    out: list[ColumnElement[bool]] = [Case.queue_key.is_not(None)]  # open cases only
    f = filters
    if status and f.status:
        out.append(Case.status == f.status)
    if f.band:
        out.append(band_limits(today)[f.band])
    if f.channel:
        out.append(Case.channel == f.channel)
    if f.category:
        out.append(Case.category == f.category)
    if f.platform:
        out.append(Case.merchant_platform == f.platform)
    if f.region:
        out.extend(access.region_ranges([f.region]))
    if f.assigned == "me":
        out.append(Case.assigned_account_id == account.id)
    elif f.assigned == "none":
        out.append(Case.assigned_account_id.is_(None))
    elif f.assigned:
        out.append(Case.assigned_account_id == int(f.assigned))
    if f.admissibility:
        out.append(Case.admissibility == f.admissibility)
    if f.problem:
        # problems is a JSON list of codes from a closed set (the schema checks it): its text
        # holds the code in quotes on both databases.
        out.append(cast(Case.problems, String).like(f'%"{f.problem}"%'))
    if f.q:
        try:
            out.append(Case.id.in_(search.matching("case_narrative", f.q)))
        except search.EmptyQuery:
            out.append(false())  # punctuation alone: no narrative holds a word of it
    return out


def _keyset(sort: Sort, at: Cursor | None) -> list[ColumnElement[bool]]:
    if at is None:
        return []
    if sort == Sort.age:
        return [Case.id > at.id if at.forward else Case.id < at.id]
    pair, mark = tuple_(Case.queue_key, Case.id), tuple_(at.key, at.id)
    return [pair > mark if at.forward else pair < mark]


def _order(sort: Sort, forward: bool) -> list[ColumnElement[object]]:
    columns: list[ColumnElement[object]] = (
        [Case.id] if sort == Sort.age else [Case.queue_key, Case.id]  # type: ignore[list-item]
    )
    return [c if forward else c.desc() for c in columns]


def _ids(
    session: Session,
    account: Account,
    filters: QueueFilters,
    at: Cursor | None,
    limit: int,
    today: date,
) -> list[tuple[str, int]]:
    """The (queue key, id) of up to limit + 1 cases from `at` on, in the order of the sort."""
    forward = at is None or at.forward
    where = [*conditions(account, filters, today=today), *_keyset(filters.sort, at)]
    found: dict[int, str] = {}
    for place in places(session, account):
        query = (
            select(Case.queue_key, Case.id)
            .where(place, *where)
            .order_by(*_order(filters.sort, forward))
            .limit(limit + 1)
        )
        for key, case_id in session.execute(query):
            found[case_id] = key or NO_CLOCK

    def rank(case_id: int) -> tuple[str, int]:
        return ("", case_id) if filters.sort == Sort.age else (found[case_id], case_id)

    chosen = sorted(found, key=rank, reverse=not forward)[: limit + 1]
    return [(found[i], i) for i in chosen]


def page(
    session: Session,
    account: Account,
    filters: QueueFilters,
    cursor: str | None,
    limit: int,
    *,
    today: date | None = None,
) -> Page:
    """One page of the queue from cursor (BadCursor if it is not one of ours)."""
    today = today or local_today()
    at = decode(cursor, filters.sort) if cursor else None
    ids = _ids(session, account, filters, at, limit, today)
    more = len(ids) > limit
    ids = ids[:limit]
    if at is not None and not at.forward:
        ids.reverse()
    rows = _rows(session, [i for _, i in ids], today)
    sort = filters.sort.value

    def mark(row: tuple[str, int], forward: bool) -> str:
        key = None if filters.sort == Sort.age else row[0]
        return encode(Cursor(sort=sort, key=key, id=row[1], forward=forward))

    backwards = at is not None and not at.forward
    has_next = bool(ids) and (more if not backwards else True)
    has_previous = bool(ids) and (at is not None if not backwards else more)
    return Page(
        items=rows,
        next=mark(ids[-1], True) if has_next else None,
        previous=mark(ids[0], False) if has_previous else None,
    )


def queue(
    session: Session, account: Account, filters: QueueFilters, cursor: str | None, limit: int
) -> tuple[list[QueueRow], str | None]:
    """A page of the reader's queue and the cursor of the next (None on the last)."""
    found = page(session, account, filters, cursor, limit)
    return found.items, found.next


def counts(session: Session, account: Account, filters: QueueFilters) -> dict[str, int]:
    """How many open cases of the reader's queue are in each status, the other filters
    applied (the tabs)."""
    where = conditions(account, filters, today=local_today(), status=False)
    out: dict[str, int] = {}
    for place in places(session, account):
        query = select(Case.status, func.count()).where(place, *where).group_by(Case.status)
        for status, n in session.execute(query):
            out[status] = out.get(status, 0) + int(n)
    return out


def days_left(today: date, due: date) -> int:
    """Working days from today to due: 0 on the day, negative once past (law.calendar)."""
    if due == today:
        return 0
    step = 1 if due > today else -1
    first, last = (today, due) if due > today else (due, today)
    day, n = first + timedelta(days=1), 0
    while day <= last:
        n += is_working_day(day)
        day += timedelta(days=1)
    return step * n


def band_of(today: date, due: date | None) -> Band:
    if due is None:
        return Band.none
    if due < today:
        return Band.overdue
    if due == today:
        return Band.today
    return Band.soon if due <= add_working_days(today, 3) else Band.later


def days_left_label(left: int | None) -> str:
    if left is None:
        return gettext(N_("No clock running"))
    if left < 0:
        return ngettext("%(n)d working day overdue", "%(n)d working days overdue", -left) % {
            "n": -left
        }
    if left == 0:
        return gettext(N_("Due today"))
    return ngettext("%(n)d working day left", "%(n)d working days left", left) % {"n": left}


def _rows(session: Session, ids: list[int], today: date) -> list[QueueRow]:
    if not ids:
        return []
    found, nearest = queues.with_nearest_clock(session, ids)
    clerk_ids = {c.assigned_account_id for c in found.values() if c.assigned_account_id}
    clerks = (
        dict(
            session.execute(
                select(Account.id, Account.display_name).where(Account.id.in_(clerk_ids))
            ).all()
        )
        if clerk_ids
        else {}
    )
    return [_row(found[i], nearest.get(i), clerks, today) for i in ids if i in found]


def _row(
    case: Case, deadline: CaseDeadline | None, clerks: dict[int, str], today: date
) -> QueueRow:
    due = deadline.due_on if deadline else None
    left = days_left(today, due) if due else None
    adm = case.admissibility
    return QueueRow(
        id=case.id,
        number=case.number,
        status=case.status,
        status_label=status_label(case.status),
        goods=case.goods,
        merchant=merchant_display(case),
        price_paid=case.price_paid_fen,
        deadline=deadline.kind if deadline else None,
        due_on=due,
        overdue=bool(due and due < today),
        consumer=mask_name(case.consumer_name),
        channel=case.channel,
        channel_label=_label(labels.CHANNELS, case.channel),
        category=case.category,
        category_label=_label(labels.CATEGORIES, case.category),
        platform=case.merchant_platform,
        region=case.merchant_region,
        assigned_id=case.assigned_account_id,
        assigned=clerks.get(case.assigned_account_id) if case.assigned_account_id else None,
        admissibility=adm,
        admissibility_label=gettext(ADMISSIBILITY[adm]) if adm in ADMISSIBILITY else None,
        days_left=left,
        days_left_label=days_left_label(left),
        band=band_of(today, due),
        filed_on=local(case.created_at).date(),
        filed_at_local=format_local(case.created_at),
    )


def _label(table: dict[str, str], code: str) -> str:
    return gettext(table[code]) if code in table else code


def colleagues(session: Session, account: Account) -> list[Account]:
    """The active staff of the reader's agency, who may be assigned its complaints."""
    if account.agency_id is None:
        return []
    return list(
        session.execute(
            select(Account)
            .where(
                Account.agency_id == account.agency_id,
                Account.role == Role.agency_staff,
                Account.active.is_(True),
            )
            .order_by(Account.display_name, Account.id)
        ).scalars()
    )


def options(session: Session, account: Account) -> dict[str, list[str]]:
    """The values the queue's selects offer: those its open cases have."""
    out: dict[str, list[str]] = {}
    columns = {
        "status": Case.status,
        "channel": Case.channel,
        "category": Case.category,
        "platform": Case.merchant_platform,
        "region": Case.merchant_region,
    }
    for name, column in columns.items():
        values: set[str] = set()
        for place in places(session, account):
            values.update(
                v
                for (v,) in session.execute(
                    select(column)
                    .where(place, Case.queue_key.is_not(None), column.is_not(None))
                    .distinct()
                    .limit(200)
                )
                if v
            )
        out[name] = sorted(values)
    return out
