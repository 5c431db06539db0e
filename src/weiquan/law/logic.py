"""Three-valued findings and declared exceptions, Catala style.

A rule's conclusion stands unless one of the provisions declared as an exception to it
(`Provision.exception_to`) holds on the facts; an exception can itself be defeated by its own
exceptions. Facts may be unknown, so every test is three-valued (Kleene logic): True, False,
or None for "depends on a fact we do not have". The order in which exceptions are declared
never decides anything: any exception that holds defeats the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from .provision import (
    MissingFact,
    Provision,
    Text,
    exceptions_to,
    implements,
    registered_count,
)

if TYPE_CHECKING:
    from .case import Case

__all__ = ["Finding", "Tri", "challenge", "exception_logic", "has_logic"]

Tri = bool | None
Effect = Literal["defeat", "contest"]


@dataclass(frozen=True, slots=True)
class Finding:
    """The value of a test on the facts, why, on which provisions, and what would settle it."""

    value: Tri
    why: Text | None = None
    cites: tuple[Provision, ...] = ()
    missing: tuple[MissingFact, ...] = ()


NO = Finding(False)

ExceptionLogic = Callable[["Case"], Finding]
_LOGIC: dict[str, tuple[ExceptionLogic, Effect]] = {}


def exception_logic(
    provision: Provision, effect: Effect = "defeat"
) -> Callable[[ExceptionLogic], ExceptionLogic]:
    """Attach the test of an exception; a `contest` exception only puts the rule in doubt."""
    if not provision.exception_to:
        raise ValueError(f"{provision.id} is not declared as an exception to anything")

    def attach(fn: ExceptionLogic) -> ExceptionLogic:
        _LOGIC[provision.id] = (fn, effect)
        return implements(provision)(fn)

    return attach


def has_logic(provision_id: str) -> bool:
    """Whether an exception provision has its test attached (a test checks every one has)."""
    return provision_id in _LOGIC


def challenge(base: Provision, case: Case) -> Finding:
    """Whether the exceptions to `base` defeat it: True defeated, None in doubt, False stands.

    The finding cites every exception that holds or may hold, and every provision that saved
    the rule by defeating an exception (so the output shows why the rule survived).
    """
    key = ("challenge", base.id)
    known = case.memo.get(key)
    if isinstance(known, Finding):
        return known
    result = _challenge(base, case)
    case.memo[key] = result
    return result


# A provision that no exception challenges stands: the finding recorded for it, shared.
_STANDS = Finding(False)
# base id -> its exceptions that have a test, each with the test, its effect and whether it
# has exceptions of its own; worked out once per state of the registries (modules register
# provisions and tests as they are imported), not on every case.
_PLANS: dict[str, tuple[tuple[Provision, ExceptionLogic, Effect, bool], ...]] = {}
_PLANNED_AT: list[int] = [-1, -1]


def _plan(base_id: str) -> tuple[tuple[Provision, ExceptionLogic, Effect, bool], ...]:
    state = [registered_count(), len(_LOGIC)]
    if state != _PLANNED_AT:
        _PLANS.clear()
        _PLANNED_AT[:] = state
    plan = _PLANS.get(base_id)
    if plan is None:
        plan = _PLANS[base_id] = tuple(
            (exc, *_LOGIC[exc.id], bool(exceptions_to(exc.id)))
            for exc in exceptions_to(base_id)
            if exc.id in _LOGIC
        )
    return plan


def _challenge(base: Provision, case: Case) -> Finding:
    defeating: list[Finding] = []
    doubtful: list[Finding] = []
    cites: list[Provision] = []
    force = case.force
    for exc, test, effect, challenged in _plan(base.id):
        if exc not in force:
            continue
        found = test(case)
        if found.value is False:
            continue
        if challenged:
            counter = challenge(exc, case)
        else:  # nothing can defeat it: what `challenge` would find, without the search
            counter = cast(Finding, case.memo.setdefault(("challenge", exc.id), _STANDS))
        if counter.value is True:
            # The exception is itself defeated: the rule stands, and the rescue is worth citing.
            cites.extend(counter.cites)
            continue
        value: Tri = found.value if counter.value is False else None
        if effect == "contest" and value is True:
            value = None
        result = Finding(
            value,
            found.why,
            (*found.cites, exc, *counter.cites),
            (*found.missing, *counter.missing),
        )
        if value is True:
            defeating.append(result)
        elif value is None:
            doubtful.append(result)
    if defeating:
        # Any one exception that holds is enough; all of them are cited, the first explains.
        first = defeating[0]
        every = tuple(p for d in defeating for p in d.cites)
        return Finding(True, first.why, (*every, *cites), first.missing)
    if doubtful:
        return Finding(
            None,
            _join([d.why for d in doubtful]),
            tuple(p for d in doubtful for p in d.cites) + tuple(cites),
            tuple(m for d in doubtful for m in d.missing),
        )
    return Finding(False, None, tuple(cites))


def _join(texts: list[Text | None]) -> Text | None:
    present = [t for t in texts if t is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return Text(zh="".join(t.zh for t in present), en=" ".join(t.en for t in present))
