"""The engine: facts in, assessment out (contract weiquan.assessment/1)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from . import admissibility, deadlines, exposure, jurisdiction, notes, path
from .assessment import Assessment, Remedy
from .case import Case
from .facts import Category, Facts, Problem, unknown_fields
from .food import food_rule
from .fraud import PER_SE, fraud
from .liability import liable_parties
from .logic import Finding
from .provision import Flag, MissingFact
from .provisions import crpl, fdd2013, fpm1996, pun, spcl
from .punitive import punitive_remedies
from .remedies import other_remedies
from .seven_day import no_reason_return
from .status import consumer, operator

__all__ = ["assess", "today"]

_SHANGHAI = ZoneInfo("Asia/Shanghai")


def today() -> date:
    """Today in China (deadlines are counted on Beijing days)."""
    return datetime.now(_SHANGHAI).date()


def assess(facts: Facts | Mapping[str, Any], *, as_of: date | None = None) -> Assessment:
    """Assess one dispute. `as_of` overrides the document's own; the default is today."""
    if not isinstance(facts, Facts):
        facts = Facts.model_validate(facts)
    day = as_of or facts.as_of or today()
    case = Case(facts, day)

    is_consumer = consumer(case)
    is_operator = operator(case)
    food = food_rule(case, is_consumer)
    committed = fraud(case, food.seller_knew if food is not None else None)
    no_reason = no_reason_return(case, is_operator)

    others = other_remedies(case, committed, no_reason)
    punitive = punitive_remedies(case, is_consumer, is_operator, committed, food)
    remedies: list[Remedy] = [*others[:4], *punitive, *others[4:]]
    parties = liable_parties(case, is_operator)
    _context_flags(case, committed, remedies, food is not None)

    found_deadlines, deadline_flags, deadline_missing = deadlines.evaluate(facts, day)
    admissible, admissible_flags, admissible_missing = admissibility.evaluate(facts, day)
    offices, office_flags, office_missing = jurisdiction.evaluate(facts, day)
    exposed, exposure_flags, exposure_missing = exposure.evaluate(facts)
    available = any(r.status != "unavailable" for r in remedies)
    steps = path.compute(facts, day, remedies_available=available, admissibility=admissible)

    flags: dict[str, Flag] = {}
    extra = unknown_fields(facts)
    if extra:
        flag = notes.unknown_fields(extra)
        flags[flag.code] = flag
    for group in (
        case.flags.values(),
        deadline_flags,
        admissible_flags,
        office_flags,
        exposure_flags,
    ):
        for f in group:
            flags.setdefault(f.code, f)
    missing: dict[str, MissingFact] = dict(case.missing)
    for group_m in (deadline_missing, admissible_missing, office_missing, exposure_missing):
        for m in group_m:
            missing.setdefault(m.fact, m)

    return Assessment(
        law_as_of=facts.purchase.date,
        as_of=day,
        remedies=remedies,
        liable_parties=parties,
        admissibility=admissible,
        deadlines=found_deadlines,
        recommended_path=steps,
        flags=list(flags.values()),
        missing_facts=list(missing.values()),
        seller_exposure=exposed,
        jurisdiction=offices,
        not_modelled=list(notes.NOT_MODELLED_CODES),
    )


def _context_flags(case: Case, committed: Finding, remedies: list[Remedy], food: bool) -> None:
    """Flags that tell the reader where this case meets a presumption, a split or a blind spot."""
    fraud_cites = committed.cites
    if case.category is Category.DRUG:
        case.flag(notes.DRUG)
    if case.has(Problem.INSULT_OR_THREAT, Problem.PRIVACY_VIOLATION):
        case.flag(notes.DISTRESS)
    if not case.in_force(crpl.A55_1):
        case.flag(notes.OLD_LAW)
    presumed = pun.A16_1 in fraud_cites or fpm1996.A4 in fraud_cites
    if presumed and not case.has(*PER_SE):
        case.flag(notes.PRESUMED_FRAUD)
    serial = any(c.get("provision") == spcl.LETTER.id for r in remedies for c in r.citations)
    knowing = committed.value is None and bool(case.facts.consumer.knew_of_problem_when_buying)
    if serial or (knowing and not food):
        case.flag(notes.PROFESSIONAL)
    if food and case.facts.consumer.knew_of_problem_when_buying and case.in_force(fdd2013.A3):
        case.flag(notes.KNOWING_FOOD_BUYER)
