"""The public figures as rows, for the open-data export (`weiquan export statistics`) and the
page's download: one row per published cell, after the public rules (stats.public)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import CATEGORIES, CHANNELS
from weiquan.common.tabular import Column
from weiquan.stats import public

SECTIONS = {
    "total": N_("Total complaints"),
    "month": N_("Month"),
    "channel": N_("Channel"),
    "category": N_("Category"),
    "merchant": N_("Merchant"),
}
COLUMNS = (
    ("section", N_("Figure")),
    ("key", N_("Code")),
    ("label", N_("Name")),
    ("complaints", N_("Complaints")),
    ("answered", N_("Answered")),
    ("answered_on_time", N_("Answered on time")),
    ("resolved", N_("Resolved")),
)


def columns() -> list[Column]:
    return [Column(key, gettext(title)) for key, title in COLUMNS]


def _section(key: str) -> str:
    return gettext(SECTIONS[key])


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def rows(p: public.PublicStats) -> Iterator[dict[str, Any]]:
    """Every published figure; a withheld one as "<5" or "—", as the page shows it."""
    period = f"{p.start.isoformat()}..{p.last.isoformat()}"
    yield {"section": _section("total"), "key": period, "label": period,
           "complaints": p.total.shown}  # fmt: skip
    for section, cells, table in (
        ("month", p.by_month, None),
        ("channel", p.by_channel, CHANNELS),
        ("category", p.by_category, CATEGORIES),
    ):
        for c in cells:
            yield {
                "section": _section(section),
                "key": c.key,
                "label": public.cell_label(c.key, table),
                "complaints": c.shown,
            }
    for m in p.merchants:
        yield {
            "section": _section("merchant"),
            "key": m.merchant_id,
            "label": m.name,
            "complaints": m.complaints,
            "answered": _pct(m.answered),
            "answered_on_time": _pct(m.on_time),
            "resolved": _pct(m.resolved),
        }
