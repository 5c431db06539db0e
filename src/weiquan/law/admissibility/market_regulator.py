"""Whether a market regulator would accept the complaint: the grounds for refusing it (CMP
Art. 15(1) items 1-9)."""

from __future__ import annotations

from datetime import date

from ..calendar import add_years
from ..facts import Facts, Purpose
from ..provision import MissingFact, implements
from ..provisions.cmp import CMP
from .common import (
    _ASK_HANDLED,
    _ASK_KNEW,
    _ASK_PURPOSE,
    _HANDLED_ANY,
    CMP_9,
    _ask,
    _body,
    _operator_ground,
    _reason,
    _respondent_ground,
    samr_rules,
)
from .models import Body, Reason

# --- provisions -----------------------------------------------------------------------------------


CMP_15 = {
    n: CMP(f"CMP-15-1-{n}", "15", "1", zh, en, item=str(n))
    for n, zh, en in (
        (
            1,
            "投诉事项不属于市场监管部门职责，或本机关无处理权限的，不予受理。",
            "Not accepted if outside market regulation or outside this office's jurisdiction.",
        ),
        (
            2,
            "法院、仲裁机构、行政机关、消费者协会或其他依法成立的调解组织已受理或处理过同一争议的，不予受理。",
            "Not accepted if a court, arbitration body, agency, consumer association "
            "or other lawful mediator has already accepted or handled the same dispute.",
        ),
        (
            3,
            "不是为生活消费需要购买商品，或不能证明与被投诉人存在消费者权益争议的，不予受理。",
            "Not accepted if the purchase was not for daily-life consumption, or no consumer "
            "dispute with the respondent can be shown.",
        ),
        (
            4,
            "除法律另有规定外，自投诉人知道或应当知道权益受侵害之日起超过三年的，不予受理。",
            "Not accepted, unless a law says otherwise, more than 3 years after the complainant "
            "knew or should have known of the harm.",
        ),
        (
            5,
            "未提供投诉人及被投诉人名称（姓名）、地址、投诉请求和争议事实等材料的，不予受理。",
            "Not accepted without the required materials: the parties' names and addresses, the "
            "request and the facts of the dispute.",
        ),
    )
}


# --- market regulator ---------------------------------------------------------------------------


@implements(CMP_9, *CMP_15.values())
def _market_regulator(facts: Facts, as_of: date, missing: dict[str, MissingFact]) -> Body:
    reasons: list[Reason] = []
    pending: list[Reason] = []
    history = facts.history

    # (1) Outside market regulation: a deal between private persons is no consumer dispute.
    _ask(missing, _operator_ground(facts, CMP_15[1], reasons, pending))

    # (2) Already accepted or handled elsewhere.
    handled = history.already_handled_by
    if handled in _HANDLED_ANY:
        reasons.append(
            _reason(
                "already_handled",
                CMP_15[2],
                "同一争议已由其他机构（法院、仲裁、行政机关、消协或调解组织）受理或处理过。",
                "The same dispute has already been accepted or handled by another body (court, "
                "arbitration, agency, consumer association or mediator).",
            )
        )
    elif handled is None:
        pending.append(
            _reason(
                "already_handled",
                CMP_15[2],
                "若同一争议已由其他机构受理或处理过，则不予受理。",
                "If another body has already accepted or handled the dispute, it is refused.",
            )
        )
        _ask(missing, _ASK_HANDLED)

    # (3) Not for daily-life consumption.
    purpose = facts.consumer.purpose
    if purpose is Purpose.RESALE_OR_BUSINESS or facts.dispute_between_businesses:
        reasons.append(
            _reason(
                "not_for_consumption",
                CMP_15[3],
                "购买不是为了生活消费需要（转售、经营或经营者之间的纠纷）。",
                "The purchase was not for daily-life consumption (resale, business, or a dispute "
                "between businesses).",
            )
        )
    elif purpose in (None, Purpose.UNKNOWN):
        pending.append(
            _reason(
                "not_for_consumption",
                CMP_15[3],
                "若购买不是为了生活消费需要，则不予受理。",
                "If the purchase was not for daily-life consumption, it is refused.",
            )
        )
        _ask(missing, _ASK_PURPOSE)

    # (4) Three years from knowing of the harm. The period counts from the day after (CC 201), so
    # the anniversary itself is still in time; no roll-over to a working day, since this is an
    # intake rule of the regulator, not the Civil Code's limitation period.
    knew = history.first_knew_of_harm
    if knew is not None:
        last = add_years(knew, 3)
        if as_of > last:
            reasons.append(
                _reason(
                    "over_three_years",
                    CMP_15[4],
                    f"自知道权益受损之日（{knew.isoformat()}）起已超过三年（最后一日为"
                    f"{last.isoformat()}）。",
                    f"More than 3 years have passed since you knew of the harm "
                    f"({knew.isoformat()}; the last day was {last.isoformat()}).",
                )
            )
    elif as_of > add_years(facts.purchase.date, 3):
        # Harm cannot be known before the purchase, so only older purchases are in doubt.
        pending.append(
            _reason(
                "over_three_years",
                CMP_15[4],
                "若知道权益受损已超过三年，则不予受理。",
                "If you learned of the harm more than 3 years ago, it is refused.",
            )
        )
        _ask(missing, _ASK_KNEW)

    # (5) Materials: the respondent's name and address.
    _ask(
        missing, _respondent_ground(facts, "respondent_unknown", CMP_15[5], reasons, pending, CMP_9)
    )
    return _body(reasons, pending, samr_rules(as_of)[0])
