"""The engine: facts in, assessment out (contract weiquan.assessment/1).

The substantive rules (consumer and operator status, fraud, food, punitive regimes, refunds and
the other remedies, liable parties) depend on the money only where they state an amount. They
are worked out once per "shape" of the facts (every fact they read, except the price and the
losses, which count only as unknown, zero or positive) and cached; each assessment then prices
the refund, the punitive regimes and the losses and elects among the regimes. The procedural
parts (deadlines, admissibility, jurisdiction, exposure) cache themselves on their own keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from . import admissibility, court, deadlines, drugs, exposure, jurisdiction, memo, notes, path
from .assessment import Assessment, LiableParty, Remedy, built
from .case import Case, in_force_set
from .claimants import extortion
from .claimants.fabricated import fabricated, void_drafts, void_remedies
from .deadlines import expiry
from .facts import Facts, Problem, check_day, unknown_fields
from .food import food_rule
from .fraud import PER_SE, fraud
from .liability import liable_parties
from .logic import Finding
from .memo import Bounded
from .provision import Flag, MissingFact, implements
from .provisions import crpl, fpm1996, pun
from .punitive import Draft, finish, punitive_remedies
from .remedies import Priced, other_remedies
from .seven_day import no_reason_return
from .status import consumer, operator

__all__ = ["CORE_CACHE_SIZE", "NOT_IN_SHAPE", "assess", "cache_clear", "today"]

_SHANGHAI = ZoneInfo("Asia/Shanghai")
# Shapes of facts kept (about 10 kB each, so some 20 MB when full); least recently used first.
CORE_CACHE_SIZE = 2048


def today() -> date:
    """Today in China (deadlines are counted on Beijing days)."""
    return datetime.now(_SHANGHAI).date()


@dataclass(frozen=True, slots=True)
class _Core:
    """The substantive result for one shape of facts, amounts still to be put in."""

    head: tuple[Remedy | Priced, ...]  # refund, return, replacement, repair
    punitive: tuple[Draft, ...]
    tail: tuple[Remedy | Priced, ...]  # losses, costs
    parties: tuple[LiableParty, ...]
    flags: tuple[Flag, ...]
    missing: tuple[MissingFact, ...]
    available: bool  # some remedy is available or contested (the path needs it)
    findings: exposure.Findings  # what the seller's exposure and the report step rest on


_CORES: Bounded[tuple[object, ...], _Core] = memo.bounded(CORE_CACHE_SIZE)


# Facts that no substantive rule reads, so left out of the shape (a test checks that every
# other fact is in it, and that results for facts differing only in these agree with fresh
# ones): the purchase date counts through the law in force on it; the money through
# `_priced`; the rest belongs to the procedural modules (their own caches key on it).
NOT_IN_SHAPE = frozenset(
    {
        "schema_",
        "as_of",  # the assessment day is in the shape itself
        "purchase.date",
        "purchase.amount_paid",
        "purchase.platform_name",
        "goods.description",
        "goods.brand",
        "seller.total_sales_amount",
        "seller.illegal_gains",
        "seller.unsold_goods_value",
        "harm.losses",  # only whether unknown, zero or positive
        "history.first_knew_of_harm",
        "history.negotiated_with_seller",
        "history.seller_response",
        "history.platform_intervention",
        "history.already_handled_by",
        "history.mediation_agreement_performed",
        "history.warranty_expired",
        "respondent_identifiable",
        # Added for issue 19, not yet read by a substantive rule (move each into `_shape` when
        # one reads it):
        "purchase.delivery_place",
        "purchase.delivered_online",
        "seller.domicile",
        "seller.proves_lawful_source",
        # Read after pricing, by claimants.extortion (a demand against the lawful total):
        "consumer.amount_demanded",
        "consumer.threats",
        "consumer.domicile",
        "history.limitation_interruptions",
    }
)


def _shape(facts: Facts, day: date) -> tuple[object, ...]:
    """Every fact the substantive rules read but those in NOT_IN_SHAPE."""
    p = facts.purchase
    g = facts.goods
    s = facts.seller
    f = facts.platform
    ls = facts.live_stream
    h = facts.harm
    c = facts.consumer
    signals = s.knowledge_signals
    losses = h.losses
    return (
        day,
        in_force_set(p.date, day),
        frozenset(facts.problems),
        p.received_date,
        p.channel,
        p.payment,
        p.off_platform_payment_requested_by_seller,
        p.fair_or_lease_ended,
        p.prepaid,
        p.prepaid_used,  # the refund of a prepayment is its unused balance (remedies/prepaid.py)
        g.category,
        g.condition,
        g.consumer_confirmed_non_returnable,
        g.marked_as_seconds,
        g.imported,
        s.kind,
        s.identified,
        s.disclosed_before_sale,
        None if signals is None else frozenset(signals),
        s.promised_multiplier,
        s.role_in_sale,
        s.is_producer,
        s.made_the_counterfeits,
        s.uses_another_licence,
        s.business_split_or_merged,
        f.involved,
        f.self_operated,
        f.can_identify_seller,
        f.knew_or_should_have_known,
        f.took_necessary_measures,
        f.promised_advance_compensation,
        ls.room_operator_is_seller,
        ls.room_clearly_disclosed_actual_seller,
        ls.room_operator_knew_or_should_have_known,
        ls.streamer_recommended_in_own_name,
        ls.streamer_knew_or_should_have_known,
        h.injury,
        None if losses is None else losses > 0,
        h.seller_knew_of_defect,
        c.purpose,
        c.knew_of_problem_when_buying,
        c.claims_in_last_12_months,
        c.quantity_beyond_reasonable_needs,
        c.reasonable_quantity,
        c.recent_purchases_of_same_goods,
        c.sent_for_testing_on_receipt,
        c.purchase_made_to_claim,
        c.staged_violation,
        p.quantity,  # units within a reasonable quantity (claimants.food)
        facts.history.damage_from_misuse,
        facts.dispute_between_businesses,
    )


def _core(facts: Facts, day: date) -> _Core:
    case = Case(facts, day)
    is_consumer = consumer(case)
    is_operator = operator(case)
    food = food_rule(case, is_consumer)
    committed = fraud(case, food.seller_knew if food is not None else None)
    no_reason = no_reason_return(case, is_operator)

    others = other_remedies(case, committed, no_reason)
    punitive = punitive_remedies(case, is_consumer, is_operator, committed, food)
    staged = fabricated(case)
    if staged is not None:
        # A made-up violation leaves nothing to remedy (FDP 16, CPL 115(2)).
        others = void_remedies(others, staged)
        punitive = void_drafts(punitive, staged)
    parties = liable_parties(case, is_operator)
    _context_flags(case, committed, food is not None)
    available = any(r.status != "unavailable" for r in others) or any(
        d.value is not False for d in punitive
    )
    return _Core(
        head=tuple(others[:4]),
        punitive=tuple(punitive),
        tail=tuple(others[4:]),
        parties=tuple(parties),
        flags=tuple(case.flags.values()),
        missing=tuple(case.missing.values()),
        available=available,
        findings=exposure.findings.of_core(is_consumer, is_operator, others),
    )


def _priced(items: tuple[Remedy | Priced, ...], price: int, losses: int | None) -> list[Remedy]:
    return [r if isinstance(r, Remedy) else r.build(price, losses) for r in items]


def assess(facts: Facts | Mapping[str, Any], *, as_of: date | None = None) -> Assessment:
    """Assess one dispute. `as_of` overrides the document's own; the default is today.

    Raises pydantic.ValidationError for a document that is invalid, or whose dates fall after
    the `as_of` given (facts/contradictions.py)."""
    if not isinstance(facts, Facts):
        facts = Facts.model_validate(facts)
    if as_of is not None and as_of != facts.as_of:
        check_day(facts, as_of)
    day = as_of or facts.as_of or today()
    core = _CORES.get_or(_shape(facts, day), lambda: _core(facts, day))
    price = facts.purchase.amount_paid
    losses = facts.harm.losses
    remedies = [
        *_priced(core.head, price, losses),
        *finish(list(core.punitive), price, losses),
        *_priced(core.tail, price, losses),
    ]

    found_deadlines, deadline_flags, deadline_missing = deadlines.evaluate(facts, day)
    # Limitation (CC 192-195) turns on as_of and the history, outside the cached shape: a
    # period that has run makes the available remedies contested (deadlines/expiry.py).
    remedies, lapse_flags, lapse_missing = expiry.apply(remedies, facts, day)
    deadline_flags += lapse_flags
    deadline_missing += lapse_missing
    admissible, admissible_flags, admissible_missing = admissibility.evaluate(facts, day)
    offices, office_flags, office_missing = jurisdiction.evaluate(facts, day)
    exposed, exposure_flags, exposure_missing = exposure.evaluate(facts, core.findings)
    demand_flags, demand_missing = extortion.evaluate(facts, remedies)
    steps = path.compute(
        facts,
        day,
        remedies_available=core.available,
        admissibility=admissible,
        findings=core.findings,
    )
    if facts.consumer.staged_violation:
        # The violation was made up by the buyer (claimants.fabricated): nothing to report, and
        # the seller faces no fine, prosecution or brand owner's claim for a violation it did
        # not commit.
        steps = [s for s in steps if s != "report_violation"]
        exposed = exposed.model_copy(update={"administrative": [], "criminal": [], "civil": []})
        exposure_flags, exposure_missing = [], []

    flags: dict[str, Flag] = {}
    extra = unknown_fields(facts)
    if extra:
        flag = notes.unknown_fields(extra)
        flags[flag.code] = flag
    for group in (
        core.flags,
        deadline_flags,
        admissible_flags,
        office_flags,
        exposure_flags,
        demand_flags,
    ):
        for f in group:
            flags.setdefault(f.code, f)
    missing: dict[str, MissingFact] = {m.fact: m for m in core.missing}
    for group_m in (
        deadline_missing,
        admissible_missing,
        office_missing,
        exposure_missing,
        demand_missing,
    ):
        for m in group_m:
            missing.setdefault(m.fact, m)

    # The court (issue 19): competent courts, small claims, fee; cached on its own keys.
    courts, court_flags, court_missing = court.evaluate(facts, day, remedies)
    for f in court_flags:
        flags.setdefault(f.code, f)
    for m in court_missing:
        missing.setdefault(m.fact, m)

    return built(
        law_as_of=facts.purchase.date,
        as_of=day,
        remedies=remedies,
        liable_parties=list(core.parties),
        admissibility=admissible,
        deadlines=found_deadlines,
        recommended_path=steps,
        flags=list(flags.values()),
        missing_facts=list(missing.values()),
        seller_exposure=exposed,
        jurisdiction=offices,
        court=courts,
        not_modelled=list(notes.NOT_MODELLED_CODES),
    )


def cache_clear() -> None:
    """Forget every cached result: the shapes here, the procedural modules' own results and the
    JSON kept by `serialise` (tests compare cached results with fresh ones; the bench measures
    the cold path). Constant texts and steps, built once, stay."""
    memo.clear()


@implements(crpl.A55_1, pun.A16_1, fpm1996.A4)
def _context_flags(case: Case, committed: Finding, food: bool) -> None:
    """Flags that tell the reader where this case meets a presumption, a split or a blind spot."""
    fraud_cites = committed.cites
    drugs.context_flags(case)
    if case.has(Problem.INSULT_OR_THREAT, Problem.PRIVACY_VIOLATION):
        case.flag(notes.DISTRESS)
    if not case.in_force(crpl.A55_1):
        case.flag(notes.OLD_LAW)
    presumed = pun.A16_1 in fraud_cites or fpm1996.A4 in fraud_cites
    if presumed and committed.value is True and not case.has(*PER_SE):
        case.flag(notes.PRESUMED_FRAUD)
