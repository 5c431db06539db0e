"""The working-day calendar: official holidays and make-up days, the fallback, period counting.

The holiday data of 2025 and 2026 below were read from the chinesecalendar package itself
(chinese_calendar.constants), not assumed.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from weiquan.law.calendar import (
    add_working_days,
    add_years,
    calendar_flag,
    is_published,
    is_working_day,
    next_working_day,
    unpublished_years,
)


def test_every_covered_day_agrees_with_the_package() -> None:
    d, end = date(2004, 1, 1), date(2026, 12, 31)
    while d <= end:
        assert is_working_day(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 10, 1), False),  # National Day
        (date(2025, 10, 8), False),  # last day of the 2025 National Day / Mid-Autumn break
        (date(2025, 9, 28), True),  # Sunday make-up day
        (date(2025, 10, 11), True),  # Saturday make-up day
        (date(2025, 10, 12), False),  # ordinary Sunday
        (date(2025, 1, 26), True),  # Sunday make-up day before the 2025 Spring Festival
        (date(2025, 2, 4), False),  # Spring Festival 2025
        (date(2025, 2, 8), True),  # Saturday make-up day after it
        (date(2026, 1, 4), True),  # Sunday make-up day after New Year 2026
        (date(2026, 2, 14), True),  # Saturday make-up day before the 2026 Spring Festival
        (date(2026, 2, 23), False),  # Monday, last day of the 2026 Spring Festival break
        (date(2026, 2, 28), True),  # Saturday make-up day after it
        (date(2026, 9, 20), True),  # Sunday make-up day before National Day 2026
        (date(2026, 10, 7), False),  # National Day 2026
        (date(2026, 10, 10), True),  # Saturday make-up day after it
        (date(2026, 11, 23), True),  # ordinary Monday
    ],
)
def test_holidays_and_make_up_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        # National Day 2025: 9-30, then 10-09, 10-10, Saturday 10-11, 10-13, 10-14, 10-15.
        (date(2025, 9, 29), 7, date(2025, 10, 15)),
        (date(2025, 9, 30), 1, date(2025, 10, 9)),
        (date(2025, 10, 10), 1, date(2025, 10, 11)),
        # Spring Festival 2025: Sunday 01-26 is a working day, 01-28..02-04 are not.
        (date(2025, 1, 24), 1, date(2025, 1, 26)),
        (date(2025, 1, 24), 3, date(2025, 2, 5)),
        # Spring Festival 2026: Saturday 02-14 works, 02-15..02-23 rest, Saturday 02-28 works.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
        (date(2026, 2, 13), 7, date(2026, 3, 2)),
        # National Day 2026: Sunday 09-20 works; 10-01..10-07 rest; Saturday 10-10 works.
        (date(2026, 9, 19), 1, date(2026, 9, 20)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),
        # Starting on a holiday counts from the next working day.
        (date(2025, 10, 3), 1, date(2025, 10, 9)),
        (date(2025, 5, 6), 0, date(2025, 5, 6)),
    ],
)
def test_add_working_days_across_holidays(start: date, n: int, end: date) -> None:
    assert add_working_days(start, n) == end


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 2), -1)


def test_unpublished_years_fall_back_to_monday_friday_and_are_reported() -> None:
    assert is_published(2026) and not is_published(2027) and not is_published(2003)
    # 2027-01-01 is a Friday: a holiday in every year so far, a working day in the fallback.
    assert is_working_day(date(2027, 1, 1))
    assert not is_working_day(date(2027, 1, 2))
    assert add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 4)
    assert unpublished_years(date(2026, 12, 30), date(2027, 1, 4)) == (2027,)
    assert unpublished_years(date(2025, 1, 1), date(2026, 12, 31)) == ()
    assert unpublished_years(date(2003, 12, 1), date(2004, 1, 5)) == (2003,)
    flag = calendar_flag([2028, 2027, 2027])
    assert flag.code == "calendar_not_published"
    assert "2027, 2028" in flag.explanation.en and "2027, 2028" in flag.explanation.zh


def test_next_working_day() -> None:
    assert next_working_day(date(2025, 10, 1)) == date(2025, 10, 9)
    assert next_working_day(date(2025, 10, 9)) == date(2025, 10, 9)
    assert next_working_day(date(2026, 2, 15)) == date(2026, 2, 24)


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (date(2025, 3, 6), 3, date(2028, 3, 6)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),  # no 29 February: month end (CC 202)
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 12, 31), 2, date(2025, 12, 31)),
    ],
)
def test_add_years(start: date, years: int, end: date) -> None:
    assert add_years(start, years) == end


@given(
    st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30)),
    st.integers(min_value=1, max_value=60),
)
def test_add_working_days_counts_exactly_n_working_days(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(chinese_calendar.is_workday(d) for d in days) == n
