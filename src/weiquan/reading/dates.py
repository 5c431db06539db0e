"""Days and times as people and WeChat write them, read against the day of the reading.

"上周五", "前天", "3号", "11月20日", "2026年11月20日 21:14", "昨天 21:14": a relative day is
counted back from `as_of` (the filing day), never forward: people write about what happened.
A month-day without a year is the latest such day not after `as_of`; "3号" is the 3rd of this
month, or of last month when this month's 3rd is still to come. Times are Beijing time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from .amounts import cn_int

BEIJING = timezone(timedelta(hours=8))

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_N = r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3})"
_WEEK = r"(?:周|星期|礼拜)"
_DAY_WORDS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "昨晚": 1, "前天": 2, "大前天": 3}
# Ordered: the longest forms first so that 上上周 is not read as 上周.
_PATTERNS = [
    ("ymd", re.compile(
        r"(?P<y>20\d{2})\s*[年./-]\s*(?P<m>\d{1,2})\s*[月./-]\s*(?P<d>\d{1,2})(?:\s*[日号])?"
    )),
    ("md", re.compile(rf"(?P<m>{_N})\s*月\s*(?P<d>{_N})\s*[日号]")),
    ("last_month_day", re.compile(rf"上个?月\s*(?P<d>{_N})\s*[日号]")),
    ("week", re.compile(
        rf"(?P<which>上上个?|上个?|这个?|本)?\s*{_WEEK}\s*(?P<wd>[一二三四五六日天七])"
    )),
    ("days_ago", re.compile(rf"(?P<n>{_N})\s*天(?:以|之)?前")),
    ("word", re.compile("大前天|前天|昨天|昨日|昨晚|今天|今日")),
    ("double11", re.compile(r"双(?:十一|11)")),
    ("double12", re.compile(r"双(?:十二|12)")),
    ("day", re.compile(rf"(?<![月\d])(?P<d>{_N})\s*号(?![码楼线])")),
]  # fmt: skip


@dataclass(frozen=True)
class Found:
    day: date
    start: int
    end: int


def _n(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_int(text)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_day(m: int, d: int, as_of: date) -> date | None:
    """The latest m-d not after as_of (a date without a year is in the past)."""
    day = _valid(as_of.year, m, d)
    if day is not None and day > as_of:
        day = _valid(as_of.year - 1, m, d)
    return day


def _one(kind: str, m: re.Match[str], as_of: date) -> date | None:
    g = m.groupdict()
    if kind == "ymd":
        return _valid(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "md":
        mo, d = _n(g["m"]), _n(g["d"])
        return _month_day(mo, d, as_of) if mo and d else None
    if kind == "last_month_day":
        first = as_of.replace(day=1) - timedelta(days=1)
        d = _n(g["d"])
        return _valid(first.year, first.month, d) if d else None
    if kind == "week":
        return _weekday(g.get("which") or "", _WEEKDAYS[g["wd"]], as_of)
    if kind == "days_ago":
        n = _n(g["n"])
        return as_of - timedelta(days=n) if n is not None and n < 400 else None
    if kind == "word":
        return as_of - timedelta(days=_DAY_WORDS[m.group(0)])
    if kind in ("double11", "double12"):
        return _month_day(11 if kind == "double11" else 12, 11 if kind == "double11" else 12, as_of)
    d = _n(g["d"])
    if not d or d > 31:
        return None
    day = _valid(as_of.year, as_of.month, d)
    if day is None or day > as_of:
        first = as_of.replace(day=1) - timedelta(days=1)
        day = _valid(first.year, first.month, d)
    return day


def _weekday(which: str, weekday: int, as_of: date) -> date:
    monday = as_of - timedelta(days=as_of.weekday())
    if which.startswith("上上"):
        return monday - timedelta(weeks=2) + timedelta(days=weekday)
    if which.startswith("上"):
        return monday - timedelta(weeks=1) + timedelta(days=weekday)
    day = monday + timedelta(days=weekday)
    # "周五" alone, or "这周五" said on a Tuesday: the last such day that has been.
    return day if day <= as_of else day - timedelta(weeks=1)


def find(text: str, as_of: date) -> list[Found]:
    """Every day written in text, in order, none after as_of."""
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            day = _one(kind, m, as_of)
            if day is None or day > as_of:
                continue
            taken.append((m.start(), m.end()))
            found.append(Found(day, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


_CLOCK = re.compile(
    r"(?P<ampm>凌晨|早上|上午|中午|下午|傍晚|晚上|AM|PM|am|pm)?\s*(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?::\d{2})?"
)


def parse_time(text: str, as_of: date) -> datetime | None:
    """A WeChat time stamp ("2026年11月20日 21:14", "昨天 晚上9:14", "星期五 21:14", "21:14")."""
    clock = _CLOCK.search(text)
    if clock is None:
        return None
    rest = (text[: clock.start()] + text[clock.end() :]).strip()
    days = find(rest, as_of)
    if days:
        day = days[0].day
    elif re.fullmatch(r"[\s,，]*", rest):
        day = as_of  # a time alone is today's
    else:
        return None
    hour, minute = int(clock.group("h")), int(clock.group("mi"))
    ampm = clock.group("ampm") or ""
    if ampm in ("下午", "傍晚", "晚上", "PM", "pm") and hour < 12:
        hour += 12
    if ampm == "中午" and hour < 11:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return datetime.combine(day, time(hour, minute), BEIJING)
