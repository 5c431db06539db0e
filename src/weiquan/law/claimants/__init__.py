"""Knowing, profit-seeking and serial buyers, fabricated claims and extortion, both ways.

`profile` reads the buyer's facts once (knowledge, signs of buying to claim, the claims history,
units within a reasonable quantity); `food` decides what a knowing or profit-seeking food buyer's
punitive claim is worth by the assessment date (FDD Art. 3; FDP Arts. 12-13); the fraud
exceptions in fraud.py (CC 148, SPCL-2017) and the seller's promise (punitive/promise.py) decide
from `profile` outside food; `fabricated` voids every remedy for a staged violation (FDP Arts.
15-16, CPL Art. 115(2)); `extortion` weighs a demand against the lawful total (CL Art. 274).
"""

from __future__ import annotations

from .. import notes
from ..case import Case
from ..logic import Finding
from ..provision import implements
from ..provisions import cc, claw, spcl
from . import extortion
from .profile import knowing

__all__ = ["claimant_flags", "extortion"]

_DOUBTING = frozenset({cc.A148.id, claw.A54.id, spcl.LETTER.id})


@implements(spcl.LETTER)
def claimant_flags(case: Case, committed: Finding) -> None:
    """Outside food: flag a punitive claim put in doubt by the buyer's knowledge or profile
    (the doubt itself is decided by the fraud exceptions, from claimants.profile)."""
    doubts = [committed]
    for base in ("CRPL-55-1", "CRPL-49-2009"):
        found = case.memo.get(("challenge", base))
        if isinstance(found, Finding):
            doubts.append(found)
    for d in doubts:
        doubted = d.value is None and any(p.id in _DOUBTING for p in d.cites)
        if doubted and (knowing(case) or spcl.LETTER in d.cites):
            case.flag(notes.PROFESSIONAL)
            return
