"""The provisions a report (举报) names as suspected violations, by the problem reported.

Each problem maps to the rule of conduct it breaks and the penalty provision the office applies.
Texts: ../shared/law (消费者权益保护法, 商标法, 产品质量法, 食品安全法, 广告法). The seller's
administrative and criminal exposure the law engine computes is added to these in the report.
"""

from __future__ import annotations

from typing import Any


def _c(instrument: str, article: str, paragraph: str | None = None, item: str | None = None) -> Any:
    out = {"instrument": instrument, "article": article}
    if paragraph:
        out["paragraph"] = paragraph
    if item:
        out["item"] = item
    return out


SUSPECTED: dict[str, list[dict[str, str]]] = {
    # TM Art. 57(3): selling goods that infringe a registered mark; Art. 60(2): the penalty.
    "counterfeit": [_c("TM", "57", item="3"), _c("TM", "60", "2")],
    # CRPL Art. 56(1)(2), PQL Arts. 39 and 50: passing off fakes as genuine.
    "passed_off_as_genuine": [_c("CRPL", "56", "1", "2"), _c("PQL", "39"), _c("PQL", "50")],
    # CRPL Arts. 20(1), 56(1)(6); Advertising Law Arts. 28, 55: false or misleading publicity.
    "false_advertising": [
        _c("CRPL", "20", "1"),
        _c("CRPL", "56", "1", "6"),
        _c("AD", "28"),
        _c("AD", "55"),
    ],
    "concealed_material_fact": [_c("CRPL", "20", "1"), _c("CRPL", "56", "1", "6")],
    # FSL Art. 34(10): food past its shelf life; Art. 124: the penalty.
    "expired": [_c("FSL", "34", item="10"), _c("FSL", "124"), _c("CRPL", "56", "1", "3")],
    "non_compliant_food": [_c("FSL", "34"), _c("FSL", "124")],
    "missing_mandatory_label": [_c("FSL", "67"), _c("FSL", "125")],
    # CRPL Art. 27 (no insults, no searches) and 56(1)(9).
    "insult_or_threat": [_c("CRPL", "27"), _c("CRPL", "56", "1", "9")],
    "privacy_violation": [_c("CRPL", "29"), _c("CRPL", "56", "1", "9")],
    # Refusing or delaying a lawful refund or return: CRPL Art. 56(1)(8).
    "return_refused": [_c("CRPL", "25"), _c("CRPL", "56", "1", "8")],
    "refund_delayed": [_c("CRPL", "56", "1", "8")],
    "unfair_terms": [_c("CRPL", "26")],
    "quality_defect": [_c("PQL", "40"), _c("CRPL", "56", "1", "1")],
}


# Flags by which the law engine says its own findings leave nothing to report: the seller is not
# an operator (no fine applies), the refusal was lawful (custom-made goods, an exception to the
# 7-day return), or the buyer staged the violation. A report must not name what the engine rules
# out, or the office is asked to fine conduct that is lawful.
_NOTHING = frozenset({"seller_not_operator_no_penalty", "fabricated_claim"})
_LAWFUL_REFUSAL = "refusal_not_a_violation"
_REFUSALS = frozenset({"return_refused", "refund_delayed"})


def suspected(
    problems: list[str], flags: frozenset[str] = frozenset()
) -> list[tuple[str, list[dict[str, str]]]]:
    """(problem, citations) for the problems that are violations, in the order reported,
    leaving out those the assessment's flags (their codes) rule out."""
    if flags & _NOTHING:
        return []
    lawful_refusal = _LAWFUL_REFUSAL in flags
    return [
        (p, SUSPECTED[p])
        for p in problems
        if p in SUSPECTED and not (lawful_refusal and p in _REFUSALS)
    ]
