"""The dashboard's period, as a clerk writes it: a year, a quarter, a month or a range."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from weiquan.stats.service import StatsQuery


@pytest.mark.parametrize(
    ("args", "span"),
    [
        ({"period": "2026"}, (date(2026, 1, 1), date(2027, 1, 1))),
        ({"period": "2026Q4"}, (date(2026, 10, 1), date(2027, 1, 1))),
        ({"period": "2026Q1"}, (date(2026, 1, 1), date(2026, 4, 1))),
        ({"period": "2026-02"}, (date(2026, 2, 1), date(2026, 3, 1))),
        ({"from": "2025-11", "to": "2026-02"}, (date(2025, 11, 1), date(2026, 3, 1))),
        ({"from": "2026-12"}, (date(2026, 12, 1), date(2027, 1, 1))),
    ],
)
def test_periods(args: dict[str, str], span: tuple[date, date]) -> None:
    assert StatsQuery.model_validate(args).span() == span


def test_this_year_by_default() -> None:
    assert StatsQuery().span(today=date(2026, 12, 7)) == (date(2026, 1, 1), date(2027, 1, 1))


@pytest.mark.parametrize(
    "args",
    [
        {"period": "2026Q5"},
        {"period": "2026-13"},
        {"period": "1999"},
        {"from": "2026-12", "to": "2026-10"},
        {"from": "2020-01", "to": "2026-12"},
        {"channel": "nonsense"},
        {"region": "31a"},
    ],
)
def test_nonsense_is_refused(args: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        StatsQuery.model_validate(args)
