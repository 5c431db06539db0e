"""What a quarterly report says, laid out by report_pdf and report_docx (no queries here)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from weiquan.common.i18n import gettext
from weiquan.stats import charts
from weiquan.stats import report_texts as texts
from weiquan.stats.figures import Figures

QUARTER = re.compile(r"\s*(\d{4})\s*[Qq]\s*([1-4])\s*")


class ReportError(ValueError):
    """Bad input for a report (unknown agency, malformed quarter): a message for the user."""


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        m = QUARTER.fullmatch(text or "")
        if not m or not 2000 <= int(m.group(1)) <= 2100:
            raise ReportError(gettext(texts.BAD_QUARTER).format(value=text))
        return cls(int(m.group(1)), int(m.group(2)))

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:  # exclusive
        return self.next().start

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    def label(self) -> str:
        return gettext(texts.QUARTER_LABEL).format(year=self.year, q=self.number)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Breakdown:
    heading: str
    chart: charts.Chart
    table: Table


@dataclass(frozen=True)
class Hot:
    heading: str  # the problem or category, its count and share
    narratives: tuple[str, ...]  # masked; empty when no consumer of the group agreed


@dataclass(frozen=True)
class Report:
    lang: str
    agency_id: int
    agency: str
    quarter: Quarter
    title: str
    period: str
    summary: str
    totals: Table
    breakdowns: tuple[Breakdown, ...]
    hot_problems: tuple[Hot, ...]
    hot_goods: tuple[Hot, ...]
    merchants: Table
    outcomes: Breakdown
    method: tuple[tuple[str, str], ...]
    made: str
    figures: Figures
    previous: Figures
