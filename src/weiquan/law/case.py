"""One dispute as the substantive rules see it: the facts plus the two dates that select the law.

The purchase date picks the version of statutes and departmental rules (the law in force
when the contract was made or the act done). The assessment date (`as_of`) picks the judicial
interpretations, which courts apply to the cases they try once the interpretation is in force.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from .facts import Category, Channel, Facts, Problem
from .provision import Flag, MissingFact, Provision, all_provisions, registered_count

__all__ = ["JUDICIAL", "Case", "food_goods", "in_force_set"]

# Instruments that courts apply by the date of trial, not the date of the purchase.
JUDICIAL = frozenset({"FSI", "FDP", "OC", "FDD-2013", "SPCL-2017"})

REMOTE = frozenset(
    {
        Channel.PLATFORM_STORE,
        Channel.PLATFORM_SELF_OPERATED,
        Channel.LIVE_STREAM,
        Channel.WECHAT_PRIVATE,
        Channel.WECHAT_MOMENTS,
        Channel.WECHAT_GROUP_BUY,
        Channel.SECOND_HAND_PLATFORM,
        Channel.OWN_WEBSITE,
        Channel.TV_PHONE_MAIL,
    }
)
# Online trading platforms in the sense of CRPL 44 / ECL 38 (a marketplace between the parties).
MARKETPLACE = frozenset(
    {
        Channel.PLATFORM_STORE,
        Channel.PLATFORM_SELF_OPERATED,
        Channel.LIVE_STREAM,
        Channel.SECOND_HAND_PLATFORM,
    }
)
# Social apps: network services (CC 1197), not marketplaces.
SOCIAL = frozenset({Channel.WECHAT_PRIVATE, Channel.WECHAT_MOMENTS, Channel.WECHAT_GROUP_BUY})

FOOD = frozenset({Category.FOOD, Category.HEALTH_FOOD})
FOOD_PROBLEMS = frozenset(
    {
        Problem.NON_COMPLIANT_FOOD,
        Problem.EXPIRED,
        Problem.MISSING_MANDATORY_LABEL,
        Problem.LABEL_FLAW_MINOR,
    }
)
# Goods "concerning life and health" (CRPL 45, ECL 38(2), AD 56(2)). Cosmetics are left out:
# whether they count is disputed, and the engine does not guess (see notes.NOT_MODELLED).
LIFE_HEALTH = frozenset(
    {
        Category.FOOD,
        Category.HEALTH_FOOD,
        Category.DRUG,
        Category.MEDICAL_DEVICE,
    }
)


def food_goods(category: Category, problems: frozenset[Problem]) -> bool:
    """Whether the goods are food in the Food Safety Law's sense.

    Fresh produce and "other" goods are food when the complaint is one only food can have:
    failing food standards, or a pre-packaged food label without its mandatory items; fresh
    produce also when it is past its shelf life (flowers and plants have none).
    """
    if category in FOOD:
        return True
    if category in (Category.FRESH_PERISHABLE, Category.OTHER) and not problems.isdisjoint(
        (Problem.NON_COMPLIANT_FOOD, Problem.MISSING_MANDATORY_LABEL)
    ):
        return True
    return category is Category.FRESH_PERISHABLE and Problem.EXPIRED in problems


class _Epochs:
    """Which provisions are in force, per pair of (purchase date, assessment date) epochs.

    The answer only changes on the days some provision starts or ends, so the registry is
    split into epochs once and each pair of epochs is worked out once: a case then asks a set.
    Rebuilt if a module registers more provisions after the first case (imports are lazy).
    """

    def __init__(self) -> None:
        self.size = -1
        self.statute_days: list[date] = []
        self.judicial_days: list[date] = []
        self.sets: dict[tuple[int, int], frozenset[Provision]] = {}
        self.provisions: tuple[Provision, ...] = ()

    def _rebuild(self) -> None:
        self.provisions = tuple(all_provisions())
        self.size = len(self.provisions)
        statute: set[date] = set()
        judicial: set[date] = set()
        for p in self.provisions:
            days = judicial if p.instrument in JUDICIAL else statute
            days.add(p.valid_from)
            if p.valid_to is not None:
                days.add(p.valid_to + timedelta(days=1))
        self.statute_days = sorted(statute)
        self.judicial_days = sorted(judicial)
        self.sets = {}

    def in_force(self, law_date: date, as_of: date, registered: int) -> frozenset[Provision]:
        if registered != self.size:
            self._rebuild()
        key = (bisect_right(self.statute_days, law_date), bisect_right(self.judicial_days, as_of))
        found = self.sets.get(key)
        if found is None:
            found = frozenset(
                p
                for p in self.provisions
                if p.in_force(as_of if p.instrument in JUDICIAL else law_date)
            )
            self.sets[key] = found
        return found


_EPOCHS = _Epochs()


def in_force_set(law_date: date, as_of: date) -> frozenset[Provision]:
    """The provisions governing a purchase on `law_date` assessed on `as_of` (one shared set
    per pair of epochs, so equal sets are the same object)."""
    return _EPOCHS.in_force(law_date, as_of, registered_count())


class Case:
    """The facts, the dates, derived sets, and the missing facts and flags met on the way.

    No price here on purpose: the rules that read a Case are cached on every fact but the money
    (engine._shape), and amounts are put in afterwards (punitive.finish, remedies.Priced).
    """

    __slots__ = (
        "as_of",
        "category",
        "channel",
        "facts",
        "flags",
        "force",
        "is_food",
        "law_date",
        "memo",
        "missing",
        "problems",
        "signals",
    )

    def __init__(self, facts: Facts, as_of: date) -> None:
        self.facts = facts
        self.as_of = as_of
        self.law_date = facts.purchase.date
        self.channel = facts.purchase.channel
        self.category = facts.goods.category
        self.problems = frozenset(facts.problems)
        self.signals = frozenset(facts.seller.knowledge_signals or ())
        self.is_food = food_goods(self.category, self.problems)
        self.missing: dict[str, MissingFact] = {}
        self.flags: dict[str, Flag] = {}
        # Answers already worked out for this case (exceptions), keyed by provision id.
        self.memo: dict[object, object] = {}
        self.force = in_force_set(self.law_date, as_of)

    def in_force(self, p: Provision) -> bool:
        """Whether p governs this case (interpretations by as_of, the rest by purchase date)."""
        return p in self.force

    def ask(self, *questions: MissingFact) -> None:
        """Record facts whose answer would change the outcome (each asked once)."""
        for q in questions:
            self.missing.setdefault(q.fact, q)

    def flag(self, flag: Flag) -> None:
        """Record a flag (each code once)."""
        self.flags.setdefault(flag.code, flag)

    @property
    def is_remote(self) -> bool:
        return self.channel in REMOTE

    @property
    def on_marketplace(self) -> bool:
        return self.channel in MARKETPLACE

    @property
    def life_health(self) -> bool:
        return self.category in LIFE_HEALTH or self.is_food

    def has(self, *problems: Problem) -> bool:
        """Whether any of these problems is reported."""
        return not self.problems.isdisjoint(problems)
