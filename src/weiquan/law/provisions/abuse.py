"""Where a claim stops being lawful: extortion (CL Art. 274) and false lawsuits (CPL Art. 115(2)).

Both texts are in ../shared/law/ (刑法.md; 民事诉讼法(2023-09-01).md). The amounts that make
extortion a crime ("relatively large", 2,000 to 5,000 yuan by province under the 2013 SPC/SPP
interpretation) are not in ../shared/law/ and the engine does not use them: it warns of the
risk, it never says a crime was committed. CPL Art. 115(2) (a party alone making up the basic
facts of a suit) came with the 2023 amendment, in force from 2024-01-01.
"""

from __future__ import annotations

from .procedural import CL, CPL

A274 = CL(
    "CL-274",
    "274",
    None,
    "敲诈勒索公私财物，数额较大或者多次敲诈勒索的，构成敲诈勒索罪；依法投诉、举报、起诉主张权利的不属于敲诈勒索。",
    "Obtaining property by threats is extortion, a crime where the amount is relatively large or "
    "it is repeated; pursuing a claim by lawful complaint, report or lawsuit is not extortion.",
)

CPL_115_2 = CPL(
    "CPL-115-2",
    "115",
    "2",
    "当事人单方捏造民事案件基本事实提起诉讼、企图侵害他人合法权益的，法院驳回其请求并予罚款、拘留。",
    "A party who alone makes up the basic facts of a civil suit to harm another's rights has the "
    "claim dismissed and may be fined or detained.",
)
