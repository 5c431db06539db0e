"""The figures of an agency's statistics (issue 21), each defined in docs/statistics.md.

Every figure is a sum of the measures `weiquan.cases.tallies` defines once, in SQL over the
cases, their timelines and clocks. Without filters they are read from the kept tallies (a year
of one agency or of all is a few thousand rows); with the queue's filters (channel, category,
problem, platform, region) the same definitions run over the matching cases.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, cast, func, select
from sqlalchemy.orm import Session

from weiquan.cases import tallies, tally_reads
from weiquan.cases.models import Case
from weiquan.cases.sqldays import year_month
from weiquan.common.dates import local_today
from weiquan.common.identifiers import Kind
from weiquan.common.privacy import is_business_name
from weiquan.merchants import service as merchants
from weiquan.merchants.models import MerchantCase, MerchantIdentifier
from weiquan.merchants.present import public_name

FILTERS = ("channel", "category", "problem", "platform", "region")
TOP = 10  # merchants listed
PUBLIC_DELAY = 15  # days: a complaint is public once the merchant's answer window has passed
PUBLIC_MIN = 5  # counts under this are not published
_CODE = re.compile(r"[a-z0-9_]{1,40}")
_REGION = re.compile(r"\d{2,6}")
# A merchant is named in public only when the registry knows it as a business: a licence, a
# registered company name, a shop or room it trades under; never by a person's name alone.
TRADING = {Kind.uscc, Kind.licence, Kind.shop_name, Kind.store_id, Kind.live_room}
NAMES = {Kind.name, Kind.real_name, Kind.shop}


@dataclass(frozen=True)
class Scope:
    agency_id: int | None  # None: all agencies (admins)
    start: date  # inclusive, Beijing days
    end: date  # exclusive
    filters: Mapping[str, str] = field(default_factory=dict)  # as the queue's
    public: bool = False  # public rules: filed >= 15 days ago, counts < 5 hidden


@dataclass(frozen=True)
class MerchantRow:
    merchant_id: int
    name: str  # as the public record shows it (a private person's name masked)
    count: int  # complaints filed in the period
    business: bool  # the name is a business's, not maybe a private person's


@dataclass(frozen=True)
class Figures:
    scope: Scope
    total: int
    by_month: list[tuple[str, int]]  # ("2026-10", n), every month of the period
    by_channel: list[tuple[str, int]]  # (enum value, n), largest first
    by_category: list[tuple[str, int]]
    by_problem: list[tuple[str, int]]
    top_merchants: list[MerchantRow]  # across identities (the registry's merchant)
    accepted: int
    refused: int
    acceptance_rate: float | None  # accepted / decided in period
    mediations_ended: int
    agreements: int
    mediation_success: float | None
    overdue: int
    clocks_due: int
    overdue_rate: float | None
    recovered_fen: int
    recovered_cases: int
    first_answer_days_median: float | None  # calendar days to the merchant's first answer
    first_answers: int = 0  # how many first answers the median is of
    # (month, channel, n): the monthly series by channel, for the stacked chart
    channel_months: list[tuple[str, str, int]] = field(default_factory=list)
    recovered_months: list[tuple[str, int]] = field(default_factory=list)  # (month, fen)
    first_answer_days: list[tuple[int, int]] = field(default_factory=list)  # (days, answers)


def months(start: date, end: date) -> list[str]:
    """Every month ("2026-10") with a day in [start, end)."""
    out: list[str] = []
    day = start.replace(day=1)
    while day < end:
        out.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def clean_filters(filters: Mapping[str, str]) -> dict[str, str]:
    """The filters compute understands, with values of the shape each takes; others dropped."""
    out: dict[str, str] = {}
    for key in FILTERS:
        value = (filters.get(key) or "").strip()
        if not value:
            continue
        if key == "region" and not _REGION.fullmatch(value):
            continue
        if key in ("channel", "category", "problem") and not _CODE.fullmatch(value):
            continue
        out[key] = value[:100]
    return out


def case_conditions(filters: Mapping[str, str]) -> list[ColumnElement[bool]]:
    """The queue's filters as conditions on cases."""
    out: list[ColumnElement[bool]] = []
    for key, value in clean_filters(filters).items():
        if key == "channel":
            out.append(Case.channel == value)
        elif key == "category":
            out.append(Case.category == value)
        elif key == "problem":  # a code in the JSON list, quoted (no LIKE wildcard in codes)
            escaped = value.replace("_", "\\_")
            out.append(cast(Case.problems, String).like(f'%"{escaped}"%', escape="\\"))
        elif key == "platform":
            out.append(Case.merchant_platform == value)
        elif key == "region":  # a division code and every division inside it
            out.append(Case.merchant_region.like(f"{value}%"))
    return out


def _agency(agency_id: int | None) -> ColumnElement[bool]:
    return Case.agency_id == agency_id if agency_id is not None else Case.agency_id.is_not(None)


def _live(
    connection: Connection, scope: Scope, start: date, end: date
) -> Iterable[tuple[str, str, str, int, int]]:
    """The measures computed over the matching cases, as tally_reads.read gives them."""
    # The matching cases first, by their own indexes; each measure then joins from their ids.
    matching = select(Case.id).where(_agency(scope.agency_id), *case_conditions(scope.filters))
    src = tallies.sources(connection.dialect.name, Case.id.in_(matching)).subquery("src")
    month = year_month(src.c.day)
    query = (
        select(src.c.measure, src.c.value, month, func.sum(src.c.n), func.sum(src.c.amount_fen))
        .where(src.c.day >= start, src.c.day < end, src.c.measure != "merchant")
        .group_by(src.c.measure, src.c.value, month)
    )
    return connection.execute(query)


def period(scope: Scope, today: date | None = None) -> tuple[date, date]:
    """The days compute counts: the scope's, cut for the public at 15 days ago."""
    start, end = scope.start, scope.end
    if scope.public:
        end = min(end, (today or local_today()) - timedelta(days=PUBLIC_DELAY - 1))
    return start, max(start, end)


def compute(session: Session, scope: Scope) -> Figures:
    """The figures of scope (see docs/statistics.md for each one's definition)."""
    connection = session.connection()
    start, end = period(scope)
    if clean_filters(scope.filters):
        rows = _live(connection, scope, start, end)
    else:
        rows = tally_reads.read(connection, scope.agency_id, start, end)
    sums: dict[str, Counter[str]] = defaultdict(Counter)
    amounts: Counter[str] = Counter()
    monthly: dict[str, Counter[str]] = defaultdict(Counter)
    recovered_monthly: Counter[str] = Counter()
    for measure, value, month, n, amount in rows:
        sums[measure][value or ""] += int(n or 0)
        amounts[measure] += int(amount or 0)
        if measure == "filed":
            monthly["filed"][month] += int(n or 0)
        elif measure == "channel":
            monthly[f"channel:{value}"][month] += int(n or 0)
        elif measure == "recovered":
            recovered_monthly[month] += int(amount or 0)
    return _figures(session, scope, start, end, sums, amounts, monthly, recovered_monthly)


def _figures(
    session: Session,
    scope: Scope,
    start: date,
    end: date,
    sums: dict[str, Counter[str]],
    amounts: Counter[str],
    monthly: dict[str, Counter[str]],
    recovered_monthly: Counter[str],
) -> Figures:
    hide = _hider(scope.public)

    def one(measure: str) -> int:
        return hide(sums[measure][""])

    def ranked(measure: str) -> list[tuple[str, int]]:
        items = sorted(sums[measure].items(), key=lambda kv: (-kv[1], kv[0]))
        return [(k, n) for k, n in items if n > 0 and hide(n) > 0]

    span = months(start, end) if start < end else []
    channels = [code for code, _ in ranked("channel")]
    accepted, refused = one("accepted"), one("refused")
    ended, agreed = one("mediation_ended"), one("agreement")
    overdue, due = one("clock_overdue"), one("clock_due")
    answers = Counter(
        {int(k): v for k, v in sums["first_answer"].items() if k.lstrip("-").isdigit()}
    )
    recovered_cases = hide(sums["recovered"][""])
    return Figures(
        scope=scope,
        total=one("filed"),
        by_month=[(m, hide(monthly["filed"][m])) for m in span],
        by_channel=ranked("channel"),
        by_category=ranked("category"),
        by_problem=ranked("problem"),
        top_merchants=top_merchants(session, scope, start, end),
        accepted=accepted,
        refused=refused,
        acceptance_rate=_rate(accepted, accepted + refused),
        mediations_ended=ended,
        agreements=agreed,
        mediation_success=_rate(agreed, agreed + ended),
        overdue=overdue,
        clocks_due=due,
        overdue_rate=_rate(overdue, due),
        recovered_fen=amounts["recovered"] if recovered_cases or not scope.public else 0,
        recovered_cases=recovered_cases,
        first_answer_days_median=median(answers) if hide(sum(answers.values())) else None,
        first_answers=hide(sum(answers.values())),
        channel_months=[(m, c, hide(monthly[f"channel:{c}"][m])) for m in span for c in channels],
        recovered_months=[(m, recovered_monthly[m]) for m in span],
        first_answer_days=[(d, hide(n)) for d, n in sorted(answers.items()) if hide(n)],
    )


def _hider(public: bool) -> Any:
    """Public figures withhold counts under five (they could point at one person)."""
    return (lambda n: n if n >= PUBLIC_MIN else 0) if public else (lambda n: n)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def median(histogram: Counter[int]) -> float | None:
    """The median of values given as value -> how many."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())
    lower_rank, upper_rank = (total - 1) // 2, total // 2
    seen, lower, upper = 0, None, None
    for value, n in ordered:
        if lower is None and seen + n > lower_rank:
            lower = value
        if seen + n > upper_rank:
            upper = value
            break
        seen += n
    assert lower is not None and upper is not None
    return (lower + upper) / 2


def top_merchants(session: Session, scope: Scope, start: date, end: date) -> list[MerchantRow]:
    """The merchants with the most complaints lodged in the period (all their identities)."""
    limit = TOP * 3 if scope.public else TOP
    if clean_filters(scope.filters):
        count = func.count().label("n")
        query = (
            select(MerchantCase.merchant_id, count)
            .join(Case, Case.id == MerchantCase.case_id)
            .where(_agency(scope.agency_id), Case.lodged_on >= start, Case.lodged_on < end)
            .where(*case_conditions(scope.filters))
            .group_by(MerchantCase.merchant_id)
            .order_by(count.desc(), MerchantCase.merchant_id)
            .limit(limit)
        )
        counts = [(int(m), int(n)) for m, n in session.execute(query)]
    else:
        counts = tally_reads.top_merchants(session.connection(), scope.agency_id, start, end, limit)
    shown = merchants.shown_nodes(session=session, merchant_ids=[m for m, _ in counts])
    rows = []
    for merchant_id, n in counts:
        nodes = shown.get(merchant_id, ([], 0))[0]
        business = _business(nodes)
        if scope.public and (n < PUBLIC_MIN or not business):
            continue  # never a private individual's name in public; no count under five
        rows.append(MerchantRow(merchant_id, public_name(nodes), n, business))
    return rows[:TOP]


def _business(nodes: list[MerchantIdentifier]) -> bool:
    """Whether the merchant shows as a business (a shop, a room, a company's name)."""
    return any(
        node.kind in TRADING or (node.kind in NAMES and is_business_name(node.display))
        for node in nodes
    )


def rebuild(session: Session) -> None:
    """Recompute the kept tallies from the cases (after a bulk load, or to repair)."""
    tallies.rebuild(session.connection())
