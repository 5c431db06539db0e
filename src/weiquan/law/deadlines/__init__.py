"""Deadlines that run for the consumer, the seller and the agencies.

Public interface (stable):
    compute(facts: Facts, as_of: date) -> list[Deadline]
    evaluate(facts: Facts, as_of: date) -> tuple[list[Deadline], list[Flag], list[MissingFact]]
    Deadline{name, date, citations, explanation, runs_from, start, start_assumed, unit, count,
             passed}

Names (stable): complaint_acceptance_decision, complaint_mediation_ends,
complaint_mediation_end_notice, violation_verification, violation_verification_extended,
no_reason_return_window_ends, refund_after_return_due, deemed_refusal_return_request,
deemed_refusal_refund, deemed_refusal_remedy, limitation_period_ends,
limitation_period_ends_pql45, product_defect_long_stop, quality_notice_long_stop.

A deadline whose start event is unknown has `date` None and says in `runs_from` what it runs
from. Agency clocks whose start lies ahead (the office receiving a complaint or report) are
counted from `as_of` as the assumed filing day, `start_assumed` true, and the explanation says
so. Working days follow the official calendar (calendar.py); a year without a published calendar
adds the flag `calendar_not_published`. Calendar-day periods count from the day after the start
(CC Art. 201); only the limitation period moves off a rest day (CC Art. 203), the short
consumer-law periods are shown as the statutes and platforms count them.
"""

from __future__ import annotations

import datetime as dt

from ..calendar import (
    calendar_flag,
)
from ..facts import Facts
from ..memo import cached
from ..provision import Flag, MissingFact
from .agency import _agency
from .common import Deadline, _Acc, _Key, _key
from .limitation import _limitation
from .quality_notice import _quality_notice
from .returns import _remedy_request, _returns

__all__ = ["Deadline", "cache_clear", "compute", "evaluate"]


@cached(4096)
def _deadlines(k: _Key) -> tuple[tuple[Deadline, ...], tuple[Flag, ...], tuple[MissingFact, ...]]:
    acc = _Acc(k.as_of)
    _agency(k, acc)
    _returns(k, acc)
    _remedy_request(k, acc)
    _limitation(k, acc)
    _quality_notice(k, acc)
    flags = list(acc.flags.values())
    if acc.years:
        flags.append(calendar_flag(acc.years))
    return tuple(acc.deadlines), tuple(flags), tuple(acc.missing.values())


def evaluate(facts: Facts, as_of: dt.date) -> tuple[list[Deadline], list[Flag], list[MissingFact]]:
    """Every deadline that runs on these facts, with the flags and missing facts behind them."""
    found, flags, missing = _deadlines(_key(facts, as_of))
    return list(found), list(flags), list(missing)


def cache_clear() -> None:
    """Forget the cached results."""
    _deadlines.cache_clear()


def compute(facts: Facts, as_of: dt.date) -> list[Deadline]:
    """The deadlines for these facts on `as_of`."""
    return evaluate(facts, as_of)[0]
