"""Which limitation period runs, from when, and whether it has run on `as_of`.

The version is chosen by the day the period (re)starts, as the SPC's 2018 interpretation does:
- from 2021-01-01 the Civil Code's 3 years (CC Art. 188), from 2017-10-01 the General
  Provisions' same 3 years (GPL Art. 188);
- before 2017-10-01 the General Principles: 2 years (GPCL Art. 135), 1 year for bodily injury
  or substandard goods sold without saying so (Art. 136(1)-(2)). A period still running on
  2017-10-01 becomes 3 years from its start (LIM-2018 Art. 2); one that had run stays run (Art. 3).

An interruption within the period (a demand, the seller's acknowledgement, a suit or
arbitration, a complaint or mediation request: CC Art. 195, GPL Art. 195, GPCL Art. 140, the
2008 SPC provisions Art. 14) restarts it, with the version of the restart day. A demand after
expiry revives nothing; an acknowledgement after expiry waives the defence (CC Art. 192(2)) and
a new period runs from it. The state is "run" only when the facts leave no doubt; "uncertain"
when an undated demand, acknowledgement or complaint may have interrupted it, or a suit or
complaint was pending (the period restarts only when that procedure ends).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, NamedTuple

from ..calendar import add_years, next_working_day, unpublished_years
from ..facts import AlreadyHandledBy, Injury, InterruptionKind
from ..memo import cached
from ..provision import Provision, implements
from ..provisions import gpcl
from ..provisions.cc import CC
from .common import _DEFECT_HARM, _Key

__all__ = ["CC_188", "CC_192", "CC_193", "CC_195", "Lapse", "defence", "lapse_of"]

CC_188 = CC(
    "CC-188",
    "188",
    None,
    "诉讼时效期间为三年，自权利人知道或应当知道权利受到损害以及义务人之日起计算；法律另有规定的依照其规定。",
    "The limitation period is 3 years from when the claimant knew or should have known of the "
    "harm and of the obligor, unless a law provides otherwise.",
)
CC_195 = CC(
    "CC-195",
    "195",
    None,
    "权利人向义务人提出履行请求、义务人同意履行、提起诉讼或仲裁等，诉讼时效中断，重新计算。",
    "A demand on the obligor, the obligor's agreement to perform, or a suit or arbitration "
    "interrupts the limitation period, which then starts again.",
)

CC_192 = CC(
    "CC-192",
    "192",
    None,
    "诉讼时效期间届满，义务人可以拒绝履行；届满后同意履行的不得再抗辩，已自愿履行的不得请求返还。",
    "Once the period has run the obligor may refuse to perform; having agreed to perform "
    "afterwards it may not, and what it performed voluntarily it cannot take back.",
)
CC_193 = CC(
    "CC-193",
    "193",
    None,
    "人民法院不得主动适用诉讼时效的规定。",
    "The court may not apply limitation of its own motion.",
)


@implements(CC_192, CC_193, gpcl.A138, gpcl.GPL_192, gpcl.GPL_193, gpcl.LIM_2008_3)
def defence(as_of: dt.date) -> tuple[Provision, ...]:
    """What expiry does, in the version in force on `as_of`: the obligor may refuse, the court
    does not raise it itself, a later agreement or performance stands."""
    if as_of >= CC_FROM:
        return (CC_192, CC_193)
    if as_of >= gpcl.GPL_FROM:
        return (gpcl.GPL_192, gpcl.GPL_193)
    return (gpcl.A138, gpcl.LIM_2008_3)


State = Literal["unknown", "running", "run", "uncertain"]
ACK = InterruptionKind.ACKNOWLEDGEMENT
# Procedures after which the period restarts only when they end (CC Art. 195).
PROCEDURES = frozenset(
    {InterruptionKind.LAWSUIT_OR_ARBITRATION, InterruptionKind.COMPLAINT_OR_MEDIATION}
)
# GPCL Art. 136(1) "bodily injury": harm to the person, not to property.
_BODILY = frozenset({Injury.PERSONAL_INJURY, Injury.SERIOUS_HEALTH_DAMAGE, Injury.DEATH})
CC_FROM = CC_188.valid_from


class Lapse(NamedTuple):
    """The limitation period on these facts (None/empty where the start is unknown)."""

    state: State
    start: dt.date | None = None  # first knew of the harm
    since: dt.date | None = None  # the day the current period runs from
    kind: InterruptionKind | None = None  # what it runs from (None: knowledge of the harm)
    years: int = 3
    end: dt.date | None = None  # last day, moved past a rest day (CC Art. 203)
    basis: tuple[Provision, ...] = ()  # the period's provisions, by version
    cites: tuple[Provision, ...] = ()  # the interruptions' provisions
    waived: dt.date | None = None  # the seller acknowledged after expiry on this day
    late: int = 0  # demands or complaints after expiry that revived nothing
    undated: bool = False  # a demand, acknowledgement or complaint without a date
    ask: bool = False  # interruptions not asked yet
    old: bool = False  # a General Principles period (before 2017-10-01)
    pql_end: dt.date | None = None  # PQL Art. 45: 2 years for product-defect harm
    pql_since: dt.date | None = None  # ... running from this day (its own interruptions)
    years_unpublished: tuple[int, ...] = ()


def _roll(last: dt.date, years: set[int]) -> dt.date:
    """CC 203 (GPCL Art. 154 alike): a last day on a rest day moves to the next working day."""
    moved = next_working_day(last)
    years.update(unpublished_years(last, moved))
    return moved


Period = tuple[dt.date, int, tuple[Provision, ...], bool]


@implements(
    CC_188,
    gpcl.A135,
    gpcl.A136_1,
    gpcl.A136_2,
    gpcl.A137,
    gpcl.GPL_188,
    gpcl.LIM_2018_2,
    gpcl.LIM_2018_3,
)
def _general(k: _Key, years: set[int]) -> Callable[[dt.date], Period]:
    bodily = k.injury in _BODILY
    short: tuple[Provision, ...] = ()
    if bodily:
        short += (gpcl.A136_1,)
    if k.substandard:
        short += (gpcl.A136_2,)
    old_years = 1 if short else 2
    old_basis = short or (gpcl.A135,)

    def period(since: dt.date) -> Period:
        if since >= CC_FROM:
            return _roll(add_years(since, 3), years), 3, (CC_188,), False
        if since >= gpcl.GPL_FROM:
            return _roll(add_years(since, 3), years), 3, (gpcl.GPL_188,), False
        old_end = _roll(add_years(since, old_years), years)
        if old_end >= gpcl.GPL_FROM:
            # Still running when the General Provisions took effect: 3 years from the start.
            three = _roll(add_years(since, 3), years)
            return three, 3, (*old_basis, gpcl.A137, gpcl.LIM_2018_2, gpcl.GPL_188), True
        stays: tuple[Provision, ...] = (gpcl.LIM_2018_3,) if k.as_of >= gpcl.GPL_FROM else ()
        return old_end, old_years, (*old_basis, gpcl.A137, *stays), True

    return period


def _pql(years: set[int]) -> Callable[[dt.date], Period]:
    def period(since: dt.date) -> Period:
        return _roll(add_years(since, 2), years), 2, (), False

    return period


@implements(CC_195, gpcl.A140, gpcl.GPL_195, gpcl.LIM_2008_14, gpcl.LIM_2020_12)
def _interruption_cites(day: dt.date, kind: InterruptionKind) -> tuple[Provision, ...]:
    if day >= CC_FROM:
        base: tuple[Provision, ...] = (CC_195,)
        body = gpcl.LIM_2020_12
    elif day >= gpcl.GPL_FROM:
        base, body = (gpcl.GPL_195,), gpcl.LIM_2008_14
    else:
        base, body = (gpcl.A140,), gpcl.LIM_2008_14
    if kind is InterruptionKind.COMPLAINT_OR_MEDIATION and body.in_force(day):
        base += (body,)
    return base


class _Run(NamedTuple):
    end: dt.date
    since: dt.date
    kind: InterruptionKind | None
    years: int
    basis: tuple[Provision, ...]
    old: bool
    cites: tuple[Provision, ...]
    waived: dt.date | None
    late: int


def _run(k: _Key, start: dt.date, period: Callable[[dt.date], Period]) -> _Run:
    """Restart the period at each interruption within it, in date order."""
    end, n, basis, old = period(start)
    since, kind = start, None
    cites: tuple[Provision, ...] = ()
    waived: dt.date | None = None
    late = 0
    for day, what in k.interruptions or ():
        if day < start or day > k.as_of:
            continue  # before the period began, or not yet happened on as_of
        if day > end and what is not ACK:
            late += 1  # a demand after expiry revives nothing
            continue
        if day > end:
            waived = day  # agreeing to perform after expiry waives the defence (CC 192(2))
        since, kind = day, what
        end, n, basis, old = period(day)
        if waived != day:  # a waiver is CC 192(2), cited by the deadline, not an interruption
            cites += tuple(c for c in _interruption_cites(day, what) if c not in cites)
    return _Run(end, since, kind, n, basis, old, cites, waived, late)


_BODIES = {
    InterruptionKind.LAWSUIT_OR_ARBITRATION: frozenset(
        {AlreadyHandledBy.COURT, AlreadyHandledBy.ARBITRATION}
    ),
    InterruptionKind.COMPLAINT_OR_MEDIATION: frozenset(
        {
            AlreadyHandledBy.MARKET_REGULATOR,
            AlreadyHandledBy.OTHER_AGENCY,
            AlreadyHandledBy.CONSUMER_ASSOCIATION,
            AlreadyHandledBy.OTHER_MEDIATOR,
        }
    ),
}


def _pending(k: _Key, kind: InterruptionKind | None) -> bool:
    """The last interruption is a procedure of the kind still handling the dispute."""
    return kind is not None and k.handled in _BODIES.get(kind, frozenset())


@cached(4096)
def lapse_of(k: _Key) -> Lapse:
    """The limitation period for the deadlines' key."""
    start = k.knew
    if start is None:
        return Lapse("unknown", old=k.bought < gpcl.GPL_FROM)
    years: set[int] = set()
    r = _run(k, start, _general(k, years))
    pql = _run(k, start, _pql(years)) if k.injury in _DEFECT_HARM else None
    undated = k.interruptions is None and (
        k.asked or k.accepted or k.handled not in (None, AlreadyHandledBy.NONE)
    )
    state: State
    if k.as_of <= r.end or k.unknown_obligor or _pending(k, r.kind):
        # An unknown obligor: the period has not started (CC 188); a pending suit or complaint
        # started in time: it restarts only when that procedure ends (CC 195).
        state = "running"
    elif undated or r.kind in PROCEDURES:
        state = "uncertain"
    else:
        state = "run"
    return Lapse(
        state=state,
        start=start,
        since=r.since,
        kind=r.kind,
        years=r.years,
        end=r.end,
        basis=r.basis,
        cites=r.cites,
        waived=r.waived,
        late=r.late,
        undated=undated,
        ask=k.interruptions is None,
        old=r.old,
        pql_end=None if pql is None else pql.end,
        pql_since=None if pql is None else pql.since,
        years_unpublished=tuple(sorted(years)),
    )
