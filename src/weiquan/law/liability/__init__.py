"""Who answers to the consumer, and how (CRPL 40-45, PQL 43, ECL 37-38, OC 4-17, FSL 97, 131, 148,
AD 56).

Each party is tested against the rules that can make it liable. A rule that holds on the facts
gives the party its liability; a rule that turns on an unknown fact gives the liability with
the condition spelled out (and the question in missing_facts); a party no rule reaches is left
out. Where several rules hold, the party gets the strongest liability and every citation.
"""

from __future__ import annotations

from ..assessment import LiableParty
from ..case import Case
from ..logic import Finding
from .importer import _importer
from .live_stream import _live_room, _streamer
from .others import _others
from .platform import _platform
from .producer import _producer
from .seller import _seller

__all__ = ["liable_parties"]


def liable_parties(case: Case, operator: Finding) -> list[LiableParty]:
    """Every party the law makes liable on these facts, seller first."""
    out = [_seller(case, operator)]
    parties = (_producer(case), _importer(case), _platform(case), _live_room(case), _streamer(case))
    for party in parties:
        if party is not None:
            out.append(party)
    out.extend(_others(case))
    return out
