"""Working days on the Chinese official calendar, and the Civil Code's way of counting periods.

Public interface (stable):
    is_published(year: int) -> bool
    is_working_day(d: date) -> bool
    add_working_days(start: date, n: int) -> date     # n-th working day after `start`
    next_working_day(d: date) -> date                 # `d` itself if it is a working day
    add_years(start: date, years: int) -> date        # CC 201-202: corresponding day or month end
    unpublished_years(start: date, end: date) -> tuple[int, ...]
    calendar_flag(years) -> Flag                      # code "calendar_not_published"

The official calendar (weekends, public holidays, and the weekend days swapped into make-up
working days, 调休) comes from the maintained package `chinesecalendar`, which holds the State
Council's yearly notices (2004-2026 in version 1.11) and raises NotImplementedError outside
them. A year it does not cover falls back to Monday-Friday: a deadline is still given, and the
caller reports it with `calendar_flag`, because holidays in that year will move it.

Speed: one call into the package costs ~30 µs (it scans its whole table each time), far too much
for 5,000 assessments a second, so each year is read once into a sorted tuple of working-day
ordinals and every later question is a bisect.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

import chinese_calendar

from .memo import cached
from .provision import Flag, Text

__all__ = [
    "add_working_days",
    "add_years",
    "calendar_flag",
    "is_published",
    "is_working_day",
    "next_working_day",
    "unpublished_years",
]


class _Year(NamedTuple):
    published: bool
    working: tuple[int, ...]  # ordinals of the working days of the year, ascending


@cached(None, results=False)
def _year(year: int) -> _Year:
    first = date(year, 1, 1).toordinal()
    last = date(year, 12, 31).toordinal()
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        # Not published (or before 2004): weekends only, so holidays are not skipped.
        days = tuple(o for o in range(first, last + 1) if date.fromordinal(o).weekday() < 5)
        return _Year(False, days)
    days = tuple(
        o for o in range(first, last + 1) if chinese_calendar.is_workday(date.fromordinal(o))
    )
    return _Year(True, days)


def is_published(year: int) -> bool:
    """Whether the official holiday calendar of this year is known to the package."""
    return _year(year).published


def is_working_day(d: date) -> bool:
    """Whether `d` is a working day (holidays off, make-up days on; Mon-Fri if unpublished)."""
    days = _year(d.year).working
    o = d.toordinal()
    i = bisect_left(days, o)
    return i < len(days) and days[i] == o


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the start day itself is not counted; n >= 0)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    year = start.year
    days = _year(year).working
    i = bisect_right(days, start.toordinal())
    remaining = n
    while remaining > len(days) - i:
        remaining -= len(days) - i
        year += 1
        days = _year(year).working
        i = 0
    return date.fromordinal(days[i + remaining - 1])


def next_working_day(d: date) -> date:
    """`d` if it is a working day, else the first working day after it.

    This is CC Art. 203: a period whose last day is a statutory rest day ends on the day after
    the rest ends.
    """
    return d if is_working_day(d) else add_working_days(d, 1)


def add_years(start: date, years: int) -> date:
    """The last day of a period of whole years running from `start` (CC Arts. 201-202).

    The start day is not counted, so the period ends on the corresponding day `years` later; a
    29 February with no corresponding day ends on the last day of that February.
    """
    y = start.year + years
    try:
        return start.replace(year=y)
    except ValueError:
        return date(y, 3, 1) - timedelta(days=1)


def unpublished_years(start: date, end: date) -> tuple[int, ...]:
    """The years between two days (inclusive, either order) whose calendar is not published."""
    lo, hi = sorted((start.year, end.year))
    return tuple(y for y in range(lo, hi + 1) if not _year(y).published)


def calendar_flag(years: Iterable[int]) -> Flag:
    """The flag saying which deadlines were counted without an official holiday calendar."""
    return _calendar_flag(frozenset(years))


@cached(None, results=False)
def _calendar_flag(years: frozenset[int]) -> Flag:
    ys = sorted(years)
    listed = ", ".join(str(y) for y in ys)
    return Flag(
        code="calendar_not_published",
        explanation=Text(
            zh=(
                f"{listed}年的法定节假日和调休安排尚未公布（或不在日历数据范围内），"
                "相关工作日期限暂按周一至周五计算；节假日公布后日期可能推后。"
            ),
            en=(
                f"The official holiday calendar for {listed} is not published (or not in the "
                "calendar data), so working-day deadlines in it are counted as Monday to Friday; "
                "they may move later once the holidays are known."
            ),
        ),
    )
