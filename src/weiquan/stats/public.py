"""Public statistics (as the CFPB's complaint database and Black Cat's merchant pages): the one
place the public rules are applied to what the page, the API and the open-data export show.

The rules, on top of `figures.compute(Scope(public=True))` (which counts only complaints filed
at least 15 days ago, the merchant's answer window, and withholds counts under 5):

- every count under 5 shows as "<5", never as its number;
- complementary suppression: where cells add up to a published total (months, channels,
  categories), the hidden cells' sum can be read as the total minus the shown cells. When
  that remainder is above zero, the smallest shown cell is hidden too, so the hidden group
  always holds a cell of 5 or more and no small cell can be worked out. Problems are not a
  partition (a complaint names several), so their total gives nothing away;
- merchants are named only when the registry knows them as a business (figures decides, with
  common.privacy.is_business_name), never a private individual selling their own things, and
  only with 5 public complaints or more.

The figures are the same for every visitor, so they are kept for `public_stats_cache_seconds`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import CATEGORIES, CHANNELS, label
from weiquan.merchants.models import MerchantCase
from weiquan.stats.figures import PUBLIC_DELAY, PUBLIC_MIN, Figures, Scope, compute, period

MONTHS = 12  # the public page covers the last twelve months
SMALL = "<5"
HIDDEN = "—"


@dataclass(frozen=True)
class Cell:
    key: str  # a month ("2026-10") or a code
    count: int | None  # None: not published
    small: bool  # True: under 5; False with count None: hidden by complementary suppression

    @property
    def shown(self) -> str:
        if self.count is not None:
            return f"{self.count:,}"
        return SMALL if self.small else HIDDEN


@dataclass(frozen=True)
class MerchantStats:
    merchant_id: int
    name: str
    complaints: int
    answered: float  # shares of its public complaints
    on_time: float
    resolved: float


@dataclass(frozen=True)
class PublicStats:
    as_of: date
    start: date  # the first day counted
    last: date  # the last day counted (filed 15 days before as_of at the latest)
    total: Cell
    by_month: tuple[Cell, ...]
    by_channel: tuple[Cell, ...]
    by_category: tuple[Cell, ...]
    merchants: tuple[MerchantStats, ...]


def scope(today: date) -> Scope:
    """The last twelve months (from the first of a month), cut by figures at 15 days ago."""
    first = date(today.year - 1, today.month, 1) if today.month < 12 else date(today.year, 1, 1)
    return Scope(agency_id=None, start=first, end=today + timedelta(days=1), public=True)


def protect(cells: Sequence[tuple[str, int]], total: int | None) -> tuple[Cell, ...]:
    """Counts under 5 as "<5"; then, where cells add up to a shown total, the smallest shown
    cell hidden too while the hidden ones' sum is above zero (see the module's note)."""
    out = [Cell(k, n if n >= PUBLIC_MIN else None, n < PUBLIC_MIN) for k, n in cells]
    if total is None:
        return tuple(out)
    remainder = total - sum(c.count or 0 for c in out)
    if remainder > 0 and any(c.count is None for c in out):
        shown = [i for i, c in enumerate(out) if c.count is not None]
        if shown:
            i = min(shown, key=lambda j: (out[j].count or 0, out[j].key))
            out[i] = Cell(out[i].key, None, False)
    return tuple(out)


OTHER = "other"  # the pooled row: every code with fewer than 5 complaints


def pooled(rows: Sequence[tuple[str, int]], total: int | None) -> list[tuple[str, int]]:
    """The codes figures publishes, then one row for all the others (each under 5, or none)."""
    if total is None:
        return []
    rest = total - sum(n for _, n in rows)
    return [*rows, *([(OTHER, rest)] if rest > 0 else [])]


def build(session: Session, today: date | None = None) -> PublicStats:
    """The public figures as of today (Beijing)."""
    today = today or local_today()
    s = scope(today)
    f = compute(session, s)
    start, end = period(s, today)
    total = f.total if f.total >= PUBLIC_MIN else None
    return PublicStats(
        as_of=today,
        start=start,
        last=end - timedelta(days=1),
        total=Cell("total", total, total is None),
        by_month=protect(f.by_month, total),
        by_channel=protect(pooled(f.by_channel, total), total),
        by_category=protect(pooled(f.by_category, total), total),
        merchants=tuple(_merchants(session, f, start, end)),
    )


def _merchants(session: Session, f: Figures, start: date, end: date) -> list[MerchantStats]:
    """Response and resolution of the named merchants, over their public complaints."""
    rows = {r.merchant_id: r for r in f.top_merchants if r.business and r.count >= PUBLIC_MIN}
    if not rows:
        return []

    def share(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    found = session.execute(
        select(
            MerchantCase.merchant_id,
            func.count(),
            share(MerchantCase.answered.is_(True)),
            share(MerchantCase.answered_on_time.is_(True)),
            share(MerchantCase.settled.is_(True) | MerchantCase.outcome.in_(RESOLVED_OUTCOMES)),
        )
        .join(Case, Case.id == MerchantCase.case_id)
        .where(
            MerchantCase.merchant_id.in_(rows),
            Case.agency_id.is_not(None),
            Case.lodged_on >= start,
            Case.lodged_on < end,
        )
        .group_by(MerchantCase.merchant_id)
    ).all()
    out = []
    for merchant_id, n, answered, on_time, resolved in found:
        if n < PUBLIC_MIN:
            continue
        out.append(MerchantStats(merchant_id, rows[merchant_id].name, int(n), int(answered) / n,
                                 int(on_time) / n, int(resolved) / n))  # fmt: skip
    return sorted(out, key=lambda m: (-m.complaints, m.merchant_id))


# What the consumer got: the outcomes that count as resolved for a merchant's record.
RESOLVED_OUTCOMES = ("refunded", "partly_refunded", "replaced_or_repaired", "compensated")


OTHERS = N_("Others (fewer than 5 each)")


def cell_label(key: str, table: dict[str, str] | None) -> str:
    """A cell's name in the reader's language (months stay as they are: 2026-10)."""
    if key == OTHER:
        return gettext(OTHERS)
    return label(table, key) if table else key


def as_json(p: PublicStats) -> dict[str, Any]:
    """The public figures as the API gives them, labels in the current language."""

    def cells(items: Sequence[Cell], table: dict[str, str] | None) -> list[dict[str, Any]]:
        return [
            {
                "key": c.key,
                "label": cell_label(c.key, table),
                "count": c.count,
                "shown": c.shown,
            }
            for c in items
        ]

    return {
        "as_of": p.as_of.isoformat(),
        "period": {"first_day": p.start.isoformat(), "last_day": p.last.isoformat()},
        "rules": {
            "days_after_filing": PUBLIC_DELAY,
            "smallest_count_shown": PUBLIC_MIN,
            "note": gettext(RULES),
        },
        "total": {"count": p.total.count, "shown": p.total.shown},
        "by_month": cells(p.by_month, None),
        "by_channel": cells(p.by_channel, CHANNELS),
        "by_category": cells(p.by_category, CATEGORIES),
        "merchants": [
            {
                "merchant_id": m.merchant_id,
                "name": m.name,
                "complaints": m.complaints,
                "answered": round(m.answered, 3),
                "answered_on_time": round(m.on_time, 3),
                "resolved": round(m.resolved, 3),
                "profile": f"/merchants/{m.merchant_id}",
            }
            for m in p.merchants
        ],
        "records": "/merchants/records",
    }


RULES = N_(
    "A complaint is counted here once 15 days have passed since it was filed (the merchant's"
    " time to answer). Counts under 5 are shown as \u201c<5\u201d, and where they could be"
    " worked out from a total, one more figure is hidden (\u201c\u2014\u201d). Private"
    " individuals selling their own things are never named."
)


class Cache:
    """The public figures, kept a short time: the same for every visitor (one per app)."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._kept: tuple[float, date, PublicStats] | None = None

    def get(self, session: Session, today: date | None = None) -> PublicStats:
        today = today or local_today()
        now = time.monotonic()
        with self._lock:
            kept = self._kept
        if kept and kept[1] == today and now - kept[0] < self.seconds:
            return kept[2]
        fresh = build(session, today)
        with self._lock:
            self._kept = (now, today, fresh)
        return fresh
