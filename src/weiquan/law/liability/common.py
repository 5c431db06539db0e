"""How a party's liability is chosen: the rules that can make it liable, the strongest that holds
(or may hold) wins, with every citation."""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment import Liability, LiableParty, Role
from ..case import Case
from ..facts import Problem
from ..memo import cached
from ..provision import MissingFact, Provision, Text, cite

# Strongest first: a party that is the seller answers for everything; joint liability is for
# the whole loss; paying first leaves recourse; conditional is only a possibility.
_STRENGTH: dict[Liability, int] = {
    "as_seller": 0,
    "primary": 0,
    "joint_and_several": 1,
    "pays_first_with_recourse": 2,
    "conditional": 3,
}


@dataclass(frozen=True, slots=True)
class _Rule:
    liability: Liability
    value: bool | None
    cites: tuple[Provision, ...]
    text: Text
    condition: Text | None = None
    missing: tuple[MissingFact, ...] = ()


def _pick(case: Case, role: Role, rules: list[_Rule]) -> LiableParty | None:
    holding = [r for r in rules if r.value is True]
    maybe = [r for r in rules if r.value is None]
    strongest = min((_STRENGTH[r.liability] for r in holding), default=99)
    for r in maybe:
        if _STRENGTH[r.liability] < strongest:  # only ask what could still change the answer
            case.ask(*r.missing)
    if holding:
        best = min(holding, key=lambda r: _STRENGTH[r.liability])
        used = holding
        condition = None
    elif maybe:
        best = min(maybe, key=lambda r: _STRENGTH[r.liability])
        used = [best]
        condition = best.condition
    else:
        return None
    cites = tuple(dict.fromkeys(p for r in used for p in r.cites))
    explanation = (
        used[0].text
        if len(used) == 1
        else Text(zh="".join(r.text.zh for r in used), en=" ".join(r.text.en for r in used))
    )
    return party(role, best.liability, condition, cites, explanation)


@cached(1024, results=False)
def party(
    role: Role,
    liability: Liability,
    condition: Text | None,
    cites: tuple[Provision, ...],
    explanation: Text,
) -> LiableParty:
    """A liable party, shared: its wording is put together from the rules' constant texts and
    its citations from a few provisions, a finite set of combinations, so the same frozen model
    (and its JSON) serves every case that reaches it, kept like the texts themselves."""
    return LiableParty(
        role=role,
        liability=liability,
        condition=condition,
        citations=cite(*cites),
        explanation=explanation,
    )


def _in_force(case: Case, *ps: Provision) -> tuple[Provision, ...]:
    force = case.force
    return tuple([p for p in ps if p in force])


# --- false publicity (read by the seller's and the streamer's rules) ------------------------------

_PUBLICITY = (
    Problem.FALSE_ADVERTISING,
    Problem.PASSED_OFF_AS_GENUINE,
    Problem.CONCEALED_MATERIAL_FACT,
    Problem.COUNTERFEIT,
    Problem.NOT_AS_DESCRIBED,
)
