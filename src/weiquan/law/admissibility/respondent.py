"""What a complaint must say about whom it is against, by the measures in force on its date.

SAMR complaint measures (SAMR Order No. 20, in force 2020-01-01 to 2026-04-14), Art. 9(1)(2):
a complaint gives "被投诉人的名称（姓名）、地址", the respondent's name (a person's own name) and
address; Art. 15(1)(5): a complaint without the Art. 9(1) materials is not accepted. Consumer
associations refuse a complaint whose respondent is not identifiable (CA item 6, known from
secondary sources). From 2026-04-15 SAMR Order No. 121 governs; only its Arts. 1-7 are known, so
the Interim Measures' Art. 9 is the guide and a flag says so (as `samr_rules` does for the
refusal grounds). Blind spot: the old SAIC measures before 2020 are not modelled either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..provision import Citations, Flag, Text, cite, implements, text
from .common import CMP2026_1_7, CMP_9, samr_rules
from .consumer_association import CA
from .market_regulator import CMP_15

Body = Literal["market_regulator", "consumer_association"]
# The two refusal grounds about the respondent (the tables hold every ground).
CMP_15_5 = CMP_15[5]
CA_6 = CA[6]


@dataclass(frozen=True)
class RespondentRule:
    """What the complaint must carry about the respondent, and the provisions that say so."""

    rules: str  # the SAMR rules applied on the day ("CMP", "CMP-2026 (CMP as guide)", ...)
    requires: Text  # in words, for the person about to complain
    consequence: Text  # what happens without it
    citations: Citations
    doubt: Flag | None  # the measures in force are known only in part, or not modelled


_REQUIRES = text(
    "投诉须写明被投诉人的名称（个人为姓名）和地址：经营者的营业执照名称，或个人卖家的真实姓名，以及其地址。",
    "A complaint must give the respondent's name (a person's own name) and address: the name on "
    "the business licence, or a private seller's real name, and an address.",
)
_REGULATOR_REFUSES = text(
    "缺少这两项，市场监管部门不予受理。",
    "Without them the market regulator does not accept the complaint.",
)
_ASSOCIATION_REFUSES = text(
    "被投诉方不明确的，消费者协会不予受理。",
    "A consumer association does not accept a complaint whose respondent is unclear.",
)


@implements(CMP_9, CMP_15_5, CA_6, CMP2026_1_7)
def respondent_rule(as_of: date, body: Body) -> RespondentRule:
    """The respondent's name and address a complaint made on `as_of` to `body` must carry."""
    rules, doubt = samr_rules(as_of)
    samr = [CMP_9, CMP_15_5]
    if as_of >= CMP2026_1_7.valid_from:
        samr.append(CMP2026_1_7)
    if body == "consumer_association":
        return RespondentRule(rules, _REQUIRES, _ASSOCIATION_REFUSES, cite(CA_6, CMP_9), doubt)
    return RespondentRule(rules, _REQUIRES, _REGULATOR_REFUSES, cite(*samr), doubt)
