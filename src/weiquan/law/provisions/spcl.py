"""SPC General Office reply on professional claimants (法办函〔2017〕181号).

A reply to an NPC deputy's proposal, 2017; known from secondary sources (legal-rules.md A13).
It is guidance, not binding law: outside food and drugs, courts are to curb profit-seeking
"knowing" purchases step by step; local practice still varies, so the engine says contested.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

SPCL = Instrument("SPCL-2017", date(2017, 5, 19), verification="secondary")

LETTER = SPCL(
    "SPCL-2017-181",
    "reply",
    None,
    "最高法院办公厅答复：除食品药品外，对以牟利为目的的知假买假索赔逐步加以限制；各地法院做法不一。",
    "SPC General Office reply: outside food and drugs, profit-seeking 'knowing' purchases are to "
    "be curbed step by step; courts still differ.",
    exception_to=("CRPL-55-1", "CRPL-49-2009"),
)
