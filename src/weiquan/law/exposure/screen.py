"""The administrative entries against the engine's own findings, and what a report could name.

Every administrative penalty listed here punishes a business: the operator's breach of the
consumer-protection rules (CRPL 56, PUN 15), or selling infringing, fake or falsely advertised
goods in the course of business (TM 60, PQL 50, AD 55). A seller the engine found not to be an
operator (a private person selling their own things, ECL 9, OC 7) is not liable to them, so
they are not listed; where the engine could not decide, each entry is conditional on it.
"""

from __future__ import annotations

from typing import NamedTuple

from ..facts import Problem
from ..provision import Flag, Provision, Text, cite, get
from ..provisions import ecl
from .common import _t
from .findings import Findings
from .models import AdministrativeExposure, SellerExposure

NOT_OPERATOR = Flag(
    code="seller_not_operator_no_penalty",
    explanation=_t(
        "卖家是偶尔出售自有物品的个人，不是经营者：针对经营者的行政处罚（消费者权益保护法、产品质量法、商标法、广告法）不适用，也没有可举报的经营违法行为；您的权利按合同主张。",
        "The seller is a private person occasionally selling their own things, not an operator: "
        "the administrative penalties for businesses (consumer-protection, product-quality, "
        "trademark and advertising law) do not apply and there is no business violation to "
        "report; your rights rest on the contract.",
    ),
    citations=cite(ecl.A9),
)
LAWFUL_REFUSAL = Flag(
    code="refusal_not_a_violation",
    explanation=_t(
        "本评估认为卖家拒绝退货（或不退款）有法律依据（如定作商品、已激活的软件等法定除外情形），因此不列出“无理拒绝退货”的罚款。",
        "The assessment finds the seller's refusal of the return (or the refund) lawful (for "
        "example goods made to order, or activated software, under the statutory exceptions), "
        "so no fine for 'refusing a return' is listed.",
    ),
)
_IF_OPERATOR = ("以卖家是经营者为前提：", "Only if the seller is an operator: ")


def _operator_condition(why: Text | None) -> Text:
    return Text(
        zh=_IF_OPERATOR[0] + (why.zh if why else ""), en=_IF_OPERATOR[1] + (why.en if why else "")
    )


def screen(
    administrative: list[AdministrativeExposure], fnd: Findings, flags: list[Flag]
) -> list[AdministrativeExposure]:
    """The entries the engine's findings allow, conditional where a finding is unknown."""
    if fnd.operator is False:
        flags.append(NOT_OPERATOR)
        return []
    if fnd.operator is True:
        return administrative
    condition = _operator_condition(fnd.operator_why)
    return [
        e.model_copy(update={"asserted": False, "conditions": [*e.conditions, condition]})
        for e in administrative
    ]


def refusal_flags(problems: frozenset[Problem], fnd: Findings, flags: list[Flag]) -> None:
    """Say why a refusal the consumer reports carries no fine (the engine found it lawful)."""
    if fnd.operator is False or fnd.consumer is False:
        return
    if (Problem.RETURN_REFUSED in problems and fnd.return_owed == "unavailable") or (
        Problem.REFUND_DELAYED in problems and fnd.refund_owed == "unavailable"
    ):
        flags.append(LAWFUL_REFUSAL)


# --- the report step (path.py) ------------------------------------------------------------------

# Violations whose penalties the exposure does not model, still worth reporting (by problem).
_UNMODELLED: dict[Problem, tuple[str, str]] = {
    Problem.NON_COMPLIANT_FOOD: ("食品不符合食品安全标准", "food that fails the safety standards"),
    Problem.MISSING_MANDATORY_LABEL: (
        "缺少法定标签或中文标签",
        "missing mandatory or Chinese labels",
    ),
    Problem.SHORT_QUANTITY: ("短斤缺两", "short weight or quantity"),
    Problem.EXPIRED: ("销售过期食品", "selling expired food"),
}


class ReportBasis(NamedTuple):
    """What a report to the market regulator could name: `found` True (the engine finds a
    violation), None (possible: it turns on `conditions`), False (nothing to report)."""

    found: bool | None
    reason: Text
    provisions: tuple[Provision, ...]


_NOTHING = ReportBasis(
    False,
    _t(
        "按本评估的认定，卖家没有可举报的违法行为。",
        "On the assessment's own findings there is no violation by the seller to report.",
    ),
    (),
)


def _provision(article: str) -> tuple[Provision, ...]:
    try:
        return (get(article),)
    except KeyError:  # an entry named by another id scheme: the reason still names it
        return ()


def report_basis(
    exposed: SellerExposure, fnd: Findings, problems: frozenset[Problem], food: bool
) -> ReportBasis:
    """The violations a report could name, from the exposure's entries and the problems whose
    penalties it does not model; what is only possible says what it turns on."""
    if fnd.operator is False:
        return _NOTHING
    found: list[Text] = []
    possible: list[Text] = []
    conditions: dict[Text, None] = {}
    cites: list[Provision] = []
    for e in exposed.administrative:
        item = Text(
            zh=e.conduct.zh.rstrip("。") + f"（{e.article}）",
            en=e.conduct.en.rstrip(".") + f" ({e.article})",
        )
        (found if e.asserted else possible).append(item)
        conditions.update(dict.fromkeys(e.conditions))
        cites.extend(_provision(e.article))
    for c in exposed.criminal:
        if c.band not in (None, "below_threshold"):
            found.append(
                Text(zh=f"可能构成犯罪（{c.article}）", en=f"a possible crime ({c.article})")
            )
    for p, (zh, en) in _UNMODELLED.items():
        if p in problems and (food or p not in (Problem.NON_COMPLIANT_FOOD, Problem.EXPIRED)):
            (found if fnd.operator else possible).append(Text(zh=zh, en=en))
            if fnd.operator is None and fnd.operator_why is not None:
                conditions[_operator_condition(fnd.operator_why)] = None
    if not found and not possible:
        return _NOTHING
    zh = en = ""
    if found:
        zh += "可举报的违法行为：" + "；".join(t.zh for t in found) + "。"
        en += "Violations to report: " + "; ".join(t.en for t in found) + "."
    if possible:
        zh += "可能的违法行为：" + "；".join(t.zh for t in possible) + "。"
        en += (" " if en else "") + "Possible violations: " + "; ".join(t.en for t in possible)
        en += "."
        zh += "".join(c.zh for c in conditions)
        en += "".join(" " + c.en for c in conditions)
    return ReportBasis(True if found else None, Text(zh=zh, en=en), tuple(dict.fromkeys(cites)))
