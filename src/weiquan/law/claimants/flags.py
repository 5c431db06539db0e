"""The professional-claimant flag outside food, raised where a regime is left contested."""

from __future__ import annotations

from .. import notes
from ..case import Case
from ..logic import Finding, Tri
from ..provision import implements
from ..provisions import cc, claw, spcl
from .profile import knowing

__all__ = ["flag_doubted"]

_DOUBTING = frozenset({cc.A148.id, claw.A54.id, spcl.LETTER.id})


@implements(spcl.LETTER)
def flag_doubted(case: Case, value: Tri, *findings: Finding) -> None:
    """Outside food: flag a punitive regime left contested by the buyer's knowledge or profile
    (the doubt itself is decided by the fraud exceptions, from claimants.profile)."""
    if value is not None:
        return
    for d in findings:
        doubted = d.value is None and any(p.id in _DOUBTING for p in d.cites)
        if doubted and (knowing(case) or spcl.LETTER in d.cites):
            case.flag(notes.PROFESSIONAL)
            return
