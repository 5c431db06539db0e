"""Whether a consumer association would accept the complaint: its grounds for refusing (CA
items, known from secondary sources) and its one-year practice."""

from __future__ import annotations

from datetime import date

from .. import questions
from ..calendar import add_years
from ..facts import Facts, Problem, Purpose
from ..provision import Flag, MissingFact, Text, cite, implements
from ..provisions.procedural import CA as _CA
from .common import (
    _ASK_HANDLED,
    _ASK_MISUSE,
    _ASK_PERFORMED,
    _ASK_PURPOSE,
    _ASK_SECONDS,
    _ASK_WARRANTY,
    _HANDLED_AUTHORITY,
    _MEDIATORS,
    _WARRANTY_PROBLEMS,
    _ask,
    _body,
    _operator_ground,
    _reason,
    _respondent_ground,
)
from .models import Body, Reason

CA = {
    n: _CA(f"CA-{n}", str(n), None, zh, en, item=str(n))
    for n, zh, en in (
        (
            1,
            "经营者之间的购销纠纷不予受理。",
            "Disputes between operators over trade: not accepted.",
        ),
        (2, "消费者之间的私下交易纠纷不予受理。", "Private deals between consumers: not accepted."),
        (
            3,
            "超过保修期或保证期的商品不予受理。",
            "Goods past their warranty period: not accepted.",
        ),
        (
            4,
            "标明为处理品的商品不予受理，但未如实说明处理原因的除外。",
            "Goods sold as seconds (处理品): not accepted, unless the reason was misstated.",
        ),
        (
            5,
            "未按说明书使用或自行拆装造成损坏、损害的不予受理。",
            "Damage from not following the instructions or from self-dismantling: not accepted.",
        ),
        (6, "被投诉方不明确的不予受理。", "Respondent not identifiable: not accepted."),
        (
            7,
            "双方已达成并履行调解协议、且无新情况新理由的不予受理。",
            "A mediation agreement already reached and performed, with no new facts: not accepted.",
        ),
        (
            8,
            "法院、仲裁机构、有关行政部门已受理或处理的不予受理。",
            "Already accepted or handled by a court, arbitration body or administrative "
            "department: not accepted.",
        ),
    )
}
CA_ONE_YEAR = _CA(
    "CA-1Y",
    "—",
    None,
    "有资料称：知道权益受损超过一年的投诉，部分消费者协会不予受理（低可信度，地方做法）。",
    "One secondary source says some associations refuse complaints made more than 1 year after "
    "the consumer knew of the harm (low confidence, local practice).",
)


# --- consumer association -----------------------------------------------------------------------


@implements(*CA.values())
def _consumer_association(facts: Facts, missing: dict[str, MissingFact]) -> Body:
    reasons: list[Reason] = []
    pending: list[Reason] = []
    history = facts.history
    goods = facts.goods
    seller = facts.seller

    # 1. Between operators.
    purpose = facts.consumer.purpose
    if facts.dispute_between_businesses or purpose is Purpose.RESALE_OR_BUSINESS:
        reasons.append(
            _reason(
                "between_operators",
                CA[1],
                "这是经营者之间（或为经营而购买）的购销纠纷。",
                "This is a trade dispute between businesses (or a purchase made for business).",
            )
        )
    elif purpose in (None, Purpose.UNKNOWN) and facts.dispute_between_businesses is None:
        pending.append(
            _reason(
                "between_operators",
                CA[1],
                "若为经营而购买，则属经营者之间的纠纷，不予受理。",
                "If bought for a business, it is a dispute between businesses and refused.",
            )
        )
        _ask(missing, _ASK_PURPOSE)

    # 2. Private deal between consumers.
    _ask(missing, _operator_ground(facts, CA[2], reasons, pending))

    problems = set(facts.problems)
    # 3. Past the warranty: only when every complaint is one the warranty is about.
    if problems <= _WARRANTY_PROBLEMS:
        if history.warranty_expired:
            reasons.append(
                _reason(
                    "warranty_expired",
                    CA[3],
                    "商品已超过保修期（保证期）。",
                    "The goods are past their warranty period.",
                )
            )
        elif history.warranty_expired is None:
            pending.append(
                _reason(
                    "warranty_expired",
                    CA[3],
                    "若商品已超过保修期，则不予受理。",
                    "If the goods are past their warranty, it is refused.",
                )
            )
            _ask(missing, _ASK_WARRANTY)

    # 4. Seconds, unless the reason was not truthfully stated.
    quality = bool(problems & {Problem.QUALITY_DEFECT, Problem.NOT_AS_DESCRIBED})
    if goods.marked_as_seconds:
        if seller.disclosed_before_sale:
            reasons.append(
                _reason(
                    "sold_as_seconds",
                    CA[4],
                    "商品以处理品出售，且已如实说明原因。",
                    "The goods were sold as seconds with the reason truthfully stated.",
                )
            )
        elif seller.disclosed_before_sale is None:
            pending.append(
                _reason(
                    "sold_as_seconds",
                    CA[4],
                    "商品以处理品出售；若如实说明了原因，则不予受理。",
                    "Sold as seconds: refused if the reason was truthfully stated.",
                )
            )
            _ask(missing, questions.DISCLOSED)
    elif goods.marked_as_seconds is None and quality:
        pending.append(
            _reason(
                "sold_as_seconds",
                CA[4],
                "若商品以处理品出售并如实说明了原因，则不予受理。",
                "If the goods were sold as seconds with the true reason stated, it is refused.",
            )
        )
        _ask(missing, _ASK_SECONDS)

    # 5. Misuse or self-dismantling.
    if history.damage_from_misuse:
        reasons.append(
            _reason(
                "damage_from_misuse",
                CA[5],
                "损坏因未按说明书使用或自行拆装造成。",
                "The damage came from not following the instructions or from self-dismantling.",
            )
        )
    elif history.damage_from_misuse is None and Problem.QUALITY_DEFECT in problems:
        pending.append(
            _reason(
                "damage_from_misuse",
                CA[5],
                "若损坏因未按说明书使用或自行拆装造成，则不予受理。",
                "If the damage came from misuse or self-dismantling, it is refused.",
            )
        )
        _ask(missing, _ASK_MISUSE)

    # 6. Respondent not identifiable.
    _ask(missing, _respondent_ground(facts, "respondent_unknown", CA[6], reasons, pending))

    # 7. Mediation agreement reached and performed.
    handled = history.already_handled_by
    if history.mediation_agreement_performed:
        reasons.append(
            _reason(
                "mediation_performed",
                CA[7],
                "双方已达成并履行调解协议（如有新情况、新理由可另行说明）。",
                "A mediation agreement was reached and performed (new facts or reasons could "
                "reopen it).",
            )
        )
    elif history.mediation_agreement_performed is None and handled in _MEDIATORS:
        pending.append(
            _reason(
                "mediation_performed",
                CA[7],
                "若已达成并履行调解协议，则不予受理。",
                "If a mediation agreement was reached and performed, it is refused.",
            )
        )
        _ask(missing, _ASK_PERFORMED)

    # 8. Court, arbitration or administrative department.
    if handled in _HANDLED_AUTHORITY:
        reasons.append(
            _reason(
                "already_handled",
                CA[8],
                "法院、仲裁机构或行政部门已受理或处理该争议。",
                "A court, arbitration body or administrative department has already accepted or "
                "handled the dispute.",
            )
        )
    elif handled is None:
        pending.append(
            _reason(
                "already_handled",
                CA[8],
                "若法院、仲裁机构或行政部门已受理或处理，则不予受理。",
                "If a court, arbitration body or agency already took it, it is refused.",
            )
        )
        _ask(missing, _ASK_HANDLED)

    return _body(reasons, pending, "CA")


@implements(CA_ONE_YEAR)
def _one_year_flag(facts: Facts, as_of: date) -> Flag | None:
    knew = facts.history.first_knew_of_harm
    if knew is None or as_of <= add_years(knew, 1):
        return None
    return Flag(
        code="association_one_year_practice",
        explanation=Text(
            zh="距知道权益受损已超过一年；有资料称部分消费者协会对此类投诉不予受理（地方做法，未核实）。",
            en="More than a year has passed since you knew of the harm; some consumer "
            "associations reportedly refuse such complaints (local practice, unverified).",
        ),
        citations=cite(CA_ONE_YEAR),
    )
