"""The dashboard's question (who, which period, which filters) and its answer as tables: each
figure with its columns and rows in the reader's language, which the page draws as a chart
beside its table, the API returns and the downloads write (common.tabular)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Agency, Role
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import CATEGORIES, CHANNELS, PROBLEMS, label
from weiquan.common.money import format_yuan
from weiquan.common.tabular import Column
from weiquan.common.types import MaxLen, OptionalText
from weiquan.stats.figures import Figures, Scope

MONTH = re.compile(r"(\d{4})-(\d{2})")
PERIOD = re.compile(r"(\d{4})(?:Q([1-4])|-(\d{2}))?")
MAX_MONTHS = 36  # a longer range is a mistake more often than a question
FIRST_YEAR = 2015  # before weiquan's law (the 2014 CRPL amendments in force) nothing is counted

NO_AGENCY = N_("Your account belongs to no agency, so there are no statistics to show.")
BAD_PERIOD = N_("Choose a year, a quarter or a month, for example 2026, 2026Q4 or 2026-10.")
BAD_MONTH = N_("Give months as year and month, for example 2026-10.")
BAD_RANGE = N_("The first month must not be after the last.")
LONG_RANGE = N_("Choose at most 36 months.")
UNKNOWN = N_("There is no such choice.")


def _month(value: str | None) -> date | None:
    if not value:
        return None
    match = MONTH.fullmatch(value.strip())
    if not match or not (1 <= int(match[2]) <= 12) or int(match[1]) < FIRST_YEAR:
        raise PydanticCustomError("month", BAD_MONTH)
    return date(int(match[1]), int(match[2]), 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class StatsQuery(BaseModel):
    """The dashboard's parameters, the same for the page, the API and the downloads."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    period: Annotated[OptionalText, MaxLen(10)] = None  # 2026 | 2026Q4 | 2026-10
    first: Annotated[OptionalText, MaxLen(7)] = Field(None, alias="from")  # a month range
    last: Annotated[OptionalText, MaxLen(7)] = Field(None, alias="to")
    agency: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None  # admins only
    channel: Annotated[OptionalText, MaxLen(40)] = None
    category: Annotated[OptionalText, MaxLen(40)] = None
    problem: Annotated[OptionalText, MaxLen(40)] = None
    platform: Annotated[OptionalText, MaxLen(100)] = None
    region: Annotated[OptionalText, MaxLen(6)] = None

    @field_validator("channel", "category", "problem")
    @classmethod
    def _known(cls, value: str | None, info: Any) -> str | None:
        table = {"channel": CHANNELS, "category": CATEGORIES, "problem": PROBLEMS}[info.field_name]
        if value and value not in table:
            raise PydanticCustomError("unknown", UNKNOWN)
        return value

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value and not re.fullmatch(r"\d{2,6}", value):
            raise PydanticCustomError(
                "region", N_("A region is a division code of 2 to 6 digits, such as 310115.")
            )
        return value

    @model_validator(mode="after")
    def _dates(self) -> StatsQuery:
        self.span()
        return self

    def span(self, today: date | None = None) -> tuple[date, date]:
        """The days [start, end) asked for; this year (Beijing) when nothing is."""
        first, last = _month(self.first), _month(self.last)
        if first or last:
            first, last = first or last, last or first
            assert first is not None and last is not None
            if first > last:
                raise PydanticCustomError("range", BAD_RANGE)
            end = _next_month(last)
            if (end.year - first.year) * 12 + end.month - first.month > MAX_MONTHS:
                raise PydanticCustomError("range", LONG_RANGE)
            return first, end
        if not self.period:
            year = (today or local_today()).year
            return date(year, 1, 1), date(year + 1, 1, 1)
        match = PERIOD.fullmatch(self.period.strip())
        if not match or int(match[1]) < FIRST_YEAR or int(match[1]) > 2100:
            raise PydanticCustomError("period", BAD_PERIOD)
        year = int(match[1])
        if match[2]:
            start = date(year, 3 * int(match[2]) - 2, 1)
            return start, _next_month(_next_month(_next_month(start)))
        if match[3]:
            if not 1 <= int(match[3]) <= 12:
                raise PydanticCustomError("period", BAD_PERIOD)
            start = date(year, int(match[3]), 1)
            return start, _next_month(start)
        return date(year, 1, 1), date(year + 1, 1, 1)

    def filters(self) -> dict[str, str]:
        keys = ("channel", "category", "problem", "platform", "region")
        return {k: v for k in keys if (v := getattr(self, k))}

    def args(self) -> dict[str, str]:
        """The query as URL arguments (for the download links)."""
        data = self.model_dump(by_alias=True, exclude_none=True)
        return {k: str(v) for k, v in data.items()}


class NoAgency(Exception):
    """The account has no agency whose statistics it may see."""


def scope_for(session: Session, account: Account, query: StatsQuery) -> Scope:
    """Whose figures the account asked for and may see: staff their agency's, admins any."""
    start, end = query.span()
    if account.role == Role.admin:
        if query.agency is not None and session.get(Agency, query.agency) is None:
            raise NoAgency(gettext(UNKNOWN))
        agency_id = query.agency
    elif account.role == Role.agency_staff and account.agency_id is not None:
        agency_id = account.agency_id
    else:
        raise NoAgency(gettext(NO_AGENCY))
    return Scope(agency_id, start, end, filters=query.filters())


@dataclass(frozen=True)
class Table:
    """One figure: its title, its table (columns, rows) and the chart drawn from it."""

    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    chart: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def money(fen: int) -> str:
    """Fen as people read a sum: ¥2,800.00."""
    return f"¥{format_yuan(fen)}"


def yuan(fen: int) -> str:
    """Fen as a plain decimal number of yuan (for CSV cells and chart values)."""
    return f"{fen // 100}.{fen % 100:02d}"


def tables(f: Figures) -> list[Table]:
    """Every figure of f as a table with its chart, titles in the current language."""
    month_t, n_t = gettext(N_("Month")), gettext(N_("Complaints"))
    channels = [c for c, _ in f.by_channel]
    by = {(m, c): n for m, c, n in f.channel_months}
    month_rows = []
    for m, total in f.by_month:
        row: dict[str, Any] = {"month": m}
        row.update({c: by.get((m, c), 0) for c in channels})
        row["total"] = total
        month_rows.append(row)
    month_cols = [Column("month", month_t)]
    month_cols += [Column(c, label(CHANNELS, c)) for c in channels]
    month_cols.append(Column("total", gettext(N_("All channels"))))

    def ranked(
        key: str, title: str, what: str, table: dict[str, str], items: list[tuple[str, int]]
    ) -> Table:
        total = f.total or 1
        rows = [{"code": c, "label": label(table, c), "n": n, "share": percent(n / total)}
                for c, n in items]  # fmt: skip
        cols = [Column("label", what), Column("n", n_t),
                Column("share", gettext(N_("Share of complaints")))]  # fmt: skip
        return Table(key, title, cols, rows, _bars(rows, "label", "n", horizontal=True))

    money_rows = [{"month": m, "yuan": yuan(fen), "amount": money(fen)}
                  for m, fen in f.recovered_months]  # fmt: skip
    rates = [
        (N_("Acceptance rate"), f.accepted, f.accepted + f.refused, f.acceptance_rate,
         N_("accepted of complaints decided")),
        (N_("Mediation success"), f.agreements, f.agreements + f.mediations_ended,
         f.mediation_success, N_("agreements of mediations concluded")),
        (N_("Overdue rate"), f.overdue, f.clocks_due, f.overdue_rate,
         N_("clocks missed of clocks due")),
    ]  # fmt: skip
    rate_rows = [
        {"label": gettext(t), "part": p, "whole": w, "rate": percent(r), "value": _pct(r)}
        for t, p, w, r, _ in rates
    ]
    meanings = gettext(N_("; ")).join(
        gettext(N_("{name}: {meaning}")).format(name=gettext(t), meaning=gettext(means))
        for t, _, _, _, means in rates
    )
    answer_rows = [
        {"days": d, "label": gettext(N_("{n} days")).format(n=d), "n": n}
        for d, n in f.first_answer_days
    ]
    return [
        Table("months", gettext(N_("Complaints per month, by channel")), month_cols, month_rows,
              _stacked(month_rows, channels, f)),
        ranked("categories", gettext(N_("By category of goods")),
               gettext(N_("Category of goods")), CATEGORIES, f.by_category),
        ranked("problems", gettext(N_("By problem")), gettext(N_("Problem")), PROBLEMS,
               f.by_problem),
        Table("merchants", gettext(N_("Merchants with the most complaints")),
              [Column("rank", gettext(N_("Rank"))), Column("name", gettext(N_("Merchant"))),
               Column("n", n_t)],
              [{"rank": i, "name": r.name, "n": r.count, "merchant_id": r.merchant_id}
               for i, r in enumerate(f.top_merchants, 1)],
              _bars([{"name": r.name, "n": r.count} for r in f.top_merchants], "name", "n",
                    horizontal=True)),
        Table("rates", gettext(N_("Acceptance, mediation and deadlines")),
              [Column("label", gettext(N_("Rate"))), Column("part", gettext(N_("Of which"))),
               Column("whole", gettext(N_("Out of"))), Column("rate", gettext(N_("Rate")))],
              rate_rows, _bars(rate_rows, "label", "value", unit="%"), meanings),
        Table("money", gettext(N_("Money recovered for consumers")),
              [Column("month", month_t), Column("yuan", gettext(N_("Amount (yuan)")))],
              money_rows, _bars(money_rows, "month", "yuan", unit="¥"),
              gettext(N_("{amount} in all, for {n} consumers")).format(
                  amount=money(f.recovered_fen), n=f.recovered_cases)),
        Table("answers", gettext(N_("Days to the merchant's first answer")),
              [Column("label", gettext(N_("Days"))), Column("n", gettext(N_("First answers")))],
              answer_rows, _bars(answer_rows, "label", "n"),
              _median_note(f)),
    ]  # fmt: skip


def _pct(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def _median_note(f: Figures) -> str:
    if f.first_answer_days_median is None:
        return gettext(N_("No merchant answered a demand in this period."))
    days = f"{f.first_answer_days_median:g}"
    return gettext(N_("Half the merchants answered within {days} days (of {n} answers).")).format(
        days=days, n=f.first_answers
    )


def _bars(rows: list[dict[str, Any]], name: str, value: str, *, horizontal: bool = False,
          unit: str = "") -> dict[str, Any]:  # fmt: skip
    return {
        "kind": "hbar" if horizontal else "bar",
        "unit": unit,
        "categories": [str(r[name]) for r in rows],
        "series": [{"name": "", "data": [r[value] for r in rows]}],
    }


def _stacked(rows: list[dict[str, Any]], channels: list[str], f: Figures) -> dict[str, Any]:
    return {
        "kind": "stacked",
        "unit": "",
        "categories": [r["month"] for r in rows],
        "series": [{"name": label(CHANNELS, c), "data": [r[c] for r in rows]} for c in channels],
        "total": [r["total"] for r in rows],
    }


def summary(f: Figures) -> list[tuple[str, str]]:
    """The headline numbers above the charts."""
    median = f.first_answer_days_median
    return [
        (gettext(N_("Complaints")), str(f.total)),
        (gettext(N_("Acceptance rate")), percent(f.acceptance_rate)),
        (gettext(N_("Mediation success")), percent(f.mediation_success)),
        (gettext(N_("Overdue rate")), percent(f.overdue_rate)),
        (gettext(N_("Money recovered")), money(f.recovered_fen)),
        (
            gettext(N_("Median days to first answer")),
            "—" if median is None else f"{median:g}",
        ),
    ]


def period_choices(today: date | None = None) -> list[tuple[str, str]]:
    """The periods the form offers: this year and last, and their quarters so far."""
    today = today or local_today()
    out: list[tuple[str, str]] = []
    for year in (today.year, today.year - 1):
        out.append((str(year), gettext(N_("{year} (whole year)")).format(year=year)))
        for q in (4, 3, 2, 1):
            if date(year, 3 * q - 2, 1) <= today:
                out.append(
                    (f"{year}Q{q}", gettext(N_("{year}, quarter {q}")).format(year=year, q=q))
                )
    return out
