"""One dispute as the substantive rules see it: the facts plus the two dates that select the law.

The purchase date picks the version of statutes and departmental rules (the law in force
when the contract was made or the act done). The assessment date (`as_of`) picks the judicial
interpretations, which courts apply to the cases they try once the interpretation is in force.
"""

from __future__ import annotations

from datetime import date

from .facts import Category, Channel, Facts, Problem
from .provision import Flag, MissingFact, Provision

__all__ = ["JUDICIAL", "Case"]

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


class Case:
    """The facts, the dates, derived sets, and the missing facts and flags met on the way."""

    __slots__ = (
        "as_of",
        "category",
        "channel",
        "facts",
        "flags",
        "is_food",
        "law_date",
        "missing",
        "price",
        "problems",
        "signals",
    )

    def __init__(self, facts: Facts, as_of: date) -> None:
        self.facts = facts
        self.as_of = as_of
        self.law_date = facts.purchase.date
        self.price = facts.purchase.amount_paid
        self.channel = facts.purchase.channel
        self.category = facts.goods.category
        self.problems = frozenset(facts.problems)
        self.signals = frozenset(facts.seller.knowledge_signals or ())
        # Fresh produce and "other" goods are food when the complaint is that they fail food
        # standards; the problem says what the category list cannot.
        self.is_food = self.category in FOOD or (
            self.category in (Category.FRESH_PERISHABLE, Category.OTHER)
            and Problem.NON_COMPLIANT_FOOD in self.problems
        )
        self.missing: dict[str, MissingFact] = {}
        self.flags: dict[str, Flag] = {}

    def in_force(self, p: Provision) -> bool:
        """Whether p governs this case (interpretations by as_of, the rest by purchase date)."""
        return p.in_force(self.as_of if p.instrument in JUDICIAL else self.law_date)

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
