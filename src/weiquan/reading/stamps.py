"""WeChat's time stamps ("21:14", "昨天 21:14", "星期五 21:14", "11月20日 下午9:14") as times.

A chat shows a centred time over each stretch of messages, relative to the day the screenshot
was taken: the caller gives that day (`as_of`); without it only a full date can be read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from weiquan.common.dates import SHANGHAI

TIME = re.compile(
    r"^(?:(?P<ymd>(?P<y>\d{4})[年/\-.](?P<mo>\d{1,2})[月/\-.](?P<d>\d{1,2})日?)"
    r"|(?P<md>(?P<mo2>\d{1,2})月(?P<d2>\d{1,2})日)"
    r"|(?P<rel>昨天|前天|今天|Yesterday)"
    r"|(?P<wd>(?:星期|周|礼拜)[一二三四五六日天]|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday))?"
    r"\s*(?P<ap>上午|下午|中午|晚上|凌晨|早上|傍晚)?\s*(?P<h>\d{1,2})[:：](?P<mi>\d{2})$"
)
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def parse_time(text: str, as_of: date | None = None) -> datetime | None:
    """A WeChat time stamp as a Beijing datetime; None if it is not one or needs `as_of`."""
    found = TIME.match(text.strip())
    if not found:
        return None
    hour, minute = int(found["h"]), int(found["mi"])
    period = found["ap"]
    if (period in ("下午", "晚上", "傍晚") and hour < 12) or (period == "中午" and hour < 11):
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    day: date | None
    if found["ymd"]:
        day = _date(int(found["y"]), int(found["mo"]), int(found["d"]))
    elif found["md"]:
        if as_of is None:
            return None
        day = _date(as_of.year, int(found["mo2"]), int(found["d2"]))
        if day is not None and day > as_of:
            day = _date(as_of.year - 1, int(found["mo2"]), int(found["d2"]))
    elif as_of is None:
        return None
    elif found["rel"]:
        back = {"昨天": 1, "Yesterday": 1, "前天": 2}.get(found["rel"], 0)
        day = as_of - timedelta(days=back)
    elif found["wd"]:
        name = found["wd"]
        weekday = EN_WEEKDAYS.index(name) if name in EN_WEEKDAYS else WEEKDAYS[name[-1]]
        day = as_of - timedelta(days=(as_of.weekday() - weekday) % 7 or 7)
    else:
        day = as_of
    if day is None or hour > 23 or minute > 59:
        return None
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
