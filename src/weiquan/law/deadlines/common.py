"""What every deadline reads: the Deadline model, the fact groups, the way calendar days are
counted (CC Art. 201) and the key the deadlines are cached on."""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from ..calendar import (
    add_working_days,
    is_published,
    unpublished_years,
)
from ..case import REMOTE
from ..facts import (
    AlreadyHandledBy,
    Category,
    Facts,
    Injury,
    InterruptionKind,
    Problem,
    SellerKind,
    SellerResponse,
)
from ..memo import cached, on_clear
from ..provision import Citations, Flag, MissingFact, Provision, Text, cite
from ..provisions import pun
from ..provisions.cc import CC

CC_201 = CC(
    "CC-201",
    "201",
    None,
    "按年、月、日计算期间的，开始的当日不计入，自下一日开始计算。",
    "A period in years, months or days starts the day after the starting day.",
)


# --- result model -------------------------------------------------------------------------------

Unit = Literal["working_days", "days", "years"]


class Deadline(BaseModel):
    """One deadline: its last day (None while its start is unknown) and what it runs from."""

    model_config = ConfigDict(frozen=True)

    name: str
    date: dt.date | None
    citations: Citations
    explanation: Text
    runs_from: Text
    start: dt.date | None = None
    start_assumed: bool = False
    unit: Unit
    count: int
    passed: bool | None = None  # as_of is after the last day


# --- fact groups ----------------------------------------------------------------------------------

_NO_REASON_EXCLUDED = frozenset(
    {
        Category.CUSTOM_MADE,
        Category.FRESH_PERISHABLE,
        Category.DIGITAL_CONTENT,
        Category.NEWSPAPER_PERIODICAL,
        Category.SERVICE,  # CRPL 25 is for goods: a service has no no-reason return at all
    }
)
# Problems that suggest a violation an agency would verify (not only a private quality dispute).
VIOLATIONS = frozenset(Problem) - {
    Problem.QUALITY_DEFECT,
    Problem.NOT_AS_DESCRIBED,
    Problem.LABEL_FLAW_MINOR,
}
# Problems for which the consumer asks the seller to repair, replace, take back or refund.
_REMEDY_PROBLEMS = frozenset(
    {
        Problem.COUNTERFEIT,
        Problem.PASSED_OFF_AS_GENUINE,
        Problem.EXPIRED,
        Problem.NON_COMPLIANT_FOOD,
        Problem.QUALITY_DEFECT,
        Problem.NOT_AS_DESCRIBED,
        Problem.SHORT_QUANTITY,
        Problem.NOT_DELIVERED,
        Problem.RETURN_REFUSED,
        Problem.REFUND_DELAYED,
    }
)
_RETURN_PROBLEMS = frozenset({Problem.RETURN_REFUSED, Problem.REFUND_DELAYED})
_NOTICE_PROBLEMS = frozenset(
    {Problem.QUALITY_DEFECT, Problem.NOT_AS_DESCRIBED, Problem.SHORT_QUANTITY}
)
_DEFECT_HARM = frozenset(
    {Injury.PROPERTY_DAMAGE, Injury.PERSONAL_INJURY, Injury.SERIOUS_HEALTH_DAMAGE, Injury.DEATH}
)


@cached(2048, results=False)
def _t(zh: str, en: str) -> Text:
    # Text is frozen, so one object may serve every deadline that says the same thing.
    return Text(zh=zh, en=en)


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


class _Acc:
    """What one evaluation gathers besides the deadlines."""

    __slots__ = ("as_of", "deadlines", "flags", "missing", "years")

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.deadlines: list[Deadline] = []
        self.flags: dict[str, Flag] = {}
        self.missing: dict[str, MissingFact] = {}
        self.years: set[int] = set()

    def add(
        self,
        name: str,
        date: dt.date | None,
        provisions: tuple[Provision, ...],
        explanation: Text,
        runs_from: Text,
        unit: Unit,
        count: int,
        start: dt.date | None = None,
        start_assumed: bool = False,
    ) -> None:
        self.deadlines.append(
            Deadline(
                name=name,
                date=date,
                citations=cite(*provisions),
                explanation=explanation,
                runs_from=runs_from,
                start=start,
                start_assumed=start_assumed,
                unit=unit,
                count=count,
                passed=None if date is None else self.as_of > date,
            )
        )

    def working(self, start: dt.date, n: int) -> dt.date:
        end = add_working_days(start, n)
        if not (is_published(start.year) and is_published(end.year)):
            self.years.update(unpublished_years(start, end))
        return end


class _Key(NamedTuple):
    """The facts the deadlines depend on, hashable, so that equal inputs share one result."""

    as_of: dt.date
    handled: AlreadyHandledBy | None
    private_seller: bool
    problems: frozenset[Problem]
    remote: bool
    returnable: bool  # the 7-day no-reason return is not excluded for these goods
    received: dt.date | None
    pun_in_force: bool
    asked: bool  # the consumer has already made a demand on the seller
    knew: dt.date | None
    unknown_obligor: bool
    injury: Injury | None
    seller_knew: bool | None
    # Limitation (periods.py): the purchase day bounds an unknown start; dated interruptions
    # (None = not asked); GPCL Art. 136(2) substandard goods sold without saying so; the
    # seller agreed to the claim (an acknowledgement without a date).
    bought: dt.date
    interruptions: tuple[tuple[dt.date, InterruptionKind], ...] | None
    substandard: bool
    accepted: bool


# The last key made, with its facts and day: one assessment asks for it three times (the
# deadlines, then the limitation post-step and the path's lawsuit step). Facts are frozen and
# held here, so identity is a sound test; threads at worst recompute.
_LAST: tuple[Facts | None, dt.date | None, _Key | None] = (None, None, None)


def _key(facts: Facts, as_of: dt.date) -> _Key:
    global _LAST
    last_facts, last_day, last_key = _LAST
    if facts is last_facts and as_of == last_day and last_key is not None:
        return last_key
    made = _make_key(facts, as_of)
    _LAST = (facts, as_of, made)
    return made


@on_clear
def _forget_last_key() -> None:
    global _LAST
    _LAST = (None, None, None)


def _make_key(facts: Facts, as_of: dt.date) -> _Key:
    goods = facts.goods
    return _Key(
        as_of=as_of,
        handled=facts.history.already_handled_by,
        private_seller=facts.seller.kind is SellerKind.PRIVATE_INDIVIDUAL,
        problems=frozenset(facts.problems),
        remote=facts.purchase.channel in REMOTE,
        returnable=goods.category not in _NO_REASON_EXCLUDED
        and not goods.consumer_confirmed_non_returnable,
        received=facts.purchase.received_date,
        pun_in_force=facts.purchase.date >= pun.PUN.valid_from,
        asked=bool(facts.history.negotiated_with_seller),
        knew=facts.history.first_knew_of_harm,
        unknown_obligor=facts.seller.identified is False
        and facts.respondent_identifiable is not True,
        injury=facts.harm.injury,
        seller_knew=facts.harm.seller_knew_of_defect,
        bought=facts.purchase.date,
        interruptions=_interruptions(facts),
        substandard=bool(_SUBSTANDARD.intersection(facts.problems))
        and facts.seller.disclosed_before_sale is not True
        and not goods.marked_as_seconds,
        accepted=facts.history.seller_response is SellerResponse.ACCEPTED,
    )


# GPCL Art. 136(2) "substandard goods": goods below their quality or safety standard, not a
# mismatch with a description or a fake (those fall under the 2-year Art. 135).
_SUBSTANDARD = frozenset({Problem.QUALITY_DEFECT, Problem.NON_COMPLIANT_FOOD, Problem.EXPIRED})


def _interruptions(facts: Facts) -> tuple[tuple[dt.date, InterruptionKind], ...] | None:
    given = facts.history.limitation_interruptions
    if given is None:
        return None
    return tuple(sorted((i.date, i.kind) for i in given))
