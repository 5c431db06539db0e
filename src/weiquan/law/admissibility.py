"""Whether a market regulator and a consumer association would accept the complaint.

Public interface (stable):
    compute(facts: Facts, as_of: date) -> Admissibility
    evaluate(facts: Facts, as_of: date) -> tuple[Admissibility, list[Flag], list[MissingFact]]
    samr_rules(as_of: date) -> tuple[str, Flag | None]   # which SAMR complaint rules govern
    Admissibility{market_regulator: Body, consumer_association: Body}
    Body{admissible, status, reasons: list[Reason], pending: list[Reason], rules}
    Reason{code, ground, reason: Text, citations}

`as_of` is taken as the day the complaint is made. `admissible` is false only when a refusal
ground is established on the facts; a ground that an unknown fact would decide goes to `pending`
(status "uncertain") and the fact to the missing facts, so the reader sees the outcome for both
answers. The engine should call `evaluate` (flags and missing facts) and may pass the result to
`path.compute` so that it is not worked out twice.

Market regulator: SAMR Interim Measures Art. 15 for complaints made 2020-01-01..2026-04-14.
From 2026-04-15 SAMR Order 121 replaces them, and only its Arts. 1-7 are known: its refusal
grounds are assumed to be those of the old Art. 15, and a flag says so. Complaints before
2020-01-01 (the old SAIC measures) are not modelled; Art. 15 is used as a guide and flagged.

Consumer association: the classic nine-item exclusion list (legal-rules A9(a), secondary copies
only; local associations use variants).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from . import questions
from .calendar import add_years
from .facts import AlreadyHandledBy, Channel, Facts, Problem, Purpose, SellerKind
from .memo import Bounded, bounded, cached
from .provision import Citations, Flag, MissingFact, Provision, Text, cite, get, implements
from .provisions.cmp import CMP, CMP_2026
from .provisions.procedural import CA as _CA

__all__ = ["Admissibility", "Body", "Reason", "cache_clear", "compute", "evaluate", "samr_rules"]

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
CMP_9 = CMP(
    "CMP-9-1",
    "9",
    "1",
    "投诉须提供投诉人姓名、电话、地址，被投诉人名称（姓名）、地址，具体请求和争议事实。",
    "A complaint gives the complainant's name, phone and address, the respondent's name and "
    "address, and the request with the facts.",
)
CMP2026_1_7 = CMP_2026(
    "CMP-2026-1-7",
    "1-7",
    None,
    "市场监督管理总局令第121号，自2026-04-15起取代暂行办法；仅第1至7条内容可知，受理条件等实体规定未能核实。",
    "SAMR Order No. 121 replaces the Interim Measures from 2026-04-15; only Arts. 1-7 are known, "
    "its acceptance rules could not be checked.",
)

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

# --- result models ------------------------------------------------------------------------------

Status = Literal["admissible", "not_admissible", "uncertain"]


class Reason(BaseModel):
    """One refusal ground: established (in `reasons`) or depending on an unknown fact."""

    model_config = ConfigDict(frozen=True)

    code: str
    ground: str  # provision id
    reason: Text
    citations: Citations


class Body(BaseModel):
    """Admissibility before one body."""

    model_config = ConfigDict(frozen=True)

    admissible: bool
    status: Status
    reasons: list[Reason]
    pending: list[Reason] = []
    rules: str  # rule set applied: "CMP", "CMP-2026 (CMP as guide)", "pre-2020 (...)", "CA"


class Admissibility(BaseModel):
    model_config = ConfigDict(frozen=True)

    market_regulator: Body
    consumer_association: Body


# --- shared tests of the facts ------------------------------------------------------------------

# Channels where the seller may well be a private person rather than an operator.
_MAYBE_PRIVATE = frozenset(
    {
        Channel.SECOND_HAND_PLATFORM,
        Channel.WECHAT_PRIVATE,
        Channel.WECHAT_MOMENTS,
        Channel.WECHAT_GROUP_BUY,
    }
)
_HANDLED_ANY = frozenset(AlreadyHandledBy) - {AlreadyHandledBy.NONE}
_HANDLED_AUTHORITY = frozenset(
    {
        AlreadyHandledBy.COURT,
        AlreadyHandledBy.ARBITRATION,
        AlreadyHandledBy.MARKET_REGULATOR,
        AlreadyHandledBy.OTHER_AGENCY,
    }
)
_MEDIATORS = frozenset(
    {
        AlreadyHandledBy.MARKET_REGULATOR,
        AlreadyHandledBy.CONSUMER_ASSOCIATION,
        AlreadyHandledBy.OTHER_MEDIATOR,
    }
)
# Problems a warranty period is about; other problems (fakes, fraud...) outlive it.
_WARRANTY_PROBLEMS = frozenset({Problem.QUALITY_DEFECT})


def _q(fact: str, zh: str, en: str, why_zh: str, why_en: str) -> MissingFact:
    return MissingFact(fact=fact, question=Text(zh=zh, en=en), why=Text(zh=why_zh, en=why_en))


_ASK_HANDLED = _q(
    "history.already_handled_by",
    "这一纠纷是否已由法院、仲裁机构、行政机关、消费者协会或其他调解组织受理或处理过？",
    "Has a court, arbitration body, agency, consumer association or other mediator already "
    "accepted or handled this dispute?",
    "已被其他机构受理或处理过的纠纷不再受理。",
    "A dispute already accepted or handled elsewhere is not accepted again.",
)
_ASK_PURPOSE = _q(
    "consumer.purpose",
    "您购买这件商品是自己或家人使用，还是为了转售或经营？",
    "Did you buy the goods for your own or your family's use, or to resell or for a business?",
    "只有为生活消费需要购买的才能作为消费者投诉。",
    "Only a purchase for daily-life consumption can be the subject of a consumer complaint.",
)
_ASK_KNEW = _q(
    "history.first_knew_of_harm",
    "您是哪一天知道（或应当知道）自己的权益受到侵害的？",
    "On what day did you learn (or should you have learned) that your rights were harmed?",
    "自知道之日起超过三年的投诉不予受理。",
    "Complaints more than 3 years after that day are not accepted.",
)
_ASK_RESPONDENT = _q(
    "respondent_identifiable",
    "您能否提供被投诉方的名称（或姓名）和地址？",
    "Can you give the name and address of the business you complain about?",
    "投诉必须写明被投诉人的名称（姓名）和地址，否则不予受理。",
    "A complaint must name the respondent and give its address, or it is not accepted.",
)
_ASK_WARRANTY = _q(
    "history.warranty_expired",
    "商品的保修期（三包期）是否已经过了？",
    "Has the warranty period of the goods expired?",
    "消费者协会不受理超过保修期商品的质量投诉。",
    "Consumer associations do not accept quality complaints about goods past their warranty.",
)
_ASK_SECONDS = _q(
    "goods.marked_as_seconds",
    "商品出售时是否标明为“处理品”？",
    "Were the goods sold marked as seconds (处理品)?",
    "消费者协会一般不受理处理品的投诉，除非未如实说明处理原因。",
    "Associations do not accept complaints about seconds unless the reason was misstated.",
)
_ASK_MISUSE = _q(
    "history.damage_from_misuse",
    "损坏是否因未按说明书使用或自行拆装造成？",
    "Was the damage caused by not following the instructions or by taking the goods apart?",
    "因此造成的损坏，消费者协会不予受理。",
    "Associations do not accept complaints about damage caused that way.",
)
_ASK_PERFORMED = _q(
    "history.mediation_agreement_performed",
    "此前是否已达成调解协议并已履行？",
    "Was a mediation agreement already reached and carried out?",
    "已达成并履行调解协议、没有新情况的，消费者协会不再受理。",
    "If so, with no new facts, the association does not take the complaint again.",
)


def _reason(code: str, p: Provision, zh: str, en: str, *extra: Provision) -> Reason:
    return _built_reason(code, zh, en, (p.id, *(e.id for e in extra)))


@cached(1024, results=False)
def _built_reason(code: str, zh: str, en: str, ids: tuple[str, ...]) -> Reason:
    # Reasons are frozen and their texts mostly fixed: build each once, share it after.
    return Reason(
        code=code, ground=ids[0], reason=Text(zh=zh, en=en), citations=cite(*map(get, ids))
    )


@implements(CMP2026_1_7, CMP_9)
def samr_rules(as_of: date) -> tuple[str, Flag | None]:
    """Which SAMR complaint rules govern `as_of`, and the flag when the Interim Measures
    (CMP) are only a guide: "CMP", "CMP-2026 (CMP as guide)" or "pre-2020 (CMP as guide)"."""
    if as_of >= CMP2026_1_7.valid_from:
        return "CMP-2026 (CMP as guide)", _NEW_MEASURES_FLAG
    if as_of < CMP_9.valid_from:
        return "pre-2020 (CMP as guide)", _OLD_RULES_FLAG
    return "CMP", None


_NEW_MEASURES_FLAG = Flag(
    code="samr_measures_2026_unverified",
    explanation=Text(
        zh=(
            "自2026年4月15日起，投诉举报按《市场监督管理投诉举报处理办法》（总局令第121号）处理；"
            "本系统仅掌握其第1至7条，受理条件、时限等暂按原暂行办法（第15条等）判断，可能有变化。"
        ),
        en=(
            "From 2026-04-15 complaints fall under the new SAMR Measures (Order No. 121). Only its "
            "Arts. 1-7 are known here: the refusal grounds and time limits shown are those of the "
            "old Interim Measures (Art. 15 etc.), used as the best available guide, and may differ."
        ),
    ),
    citations=cite(CMP2026_1_7),
)
_OLD_RULES_FLAG = Flag(
    code="samr_rules_before_2020_not_modelled",
    explanation=Text(
        zh="2020年以前的投诉适用原工商部门处理消费者投诉办法，本系统未建模，暂按2020年暂行办法判断。",
        en="Complaints before 2020 fell under the former SAIC complaint measures, not modelled "
        "here; the 2020 Interim Measures are used as a guide.",
    ),
)


def _operator_ground(
    facts: Facts, p: Provision, reasons: list[Reason], pending: list[Reason]
) -> MissingFact | None:
    """A deal with a private person is no consumer dispute; returns the question if unknown."""
    kind = facts.seller.kind
    zh = "卖家是出售自用物品的普通个人，不是经营者，此纠纷不属于消费者权益争议。"
    en = (
        "The seller is a private person, not a business: this is not a consumer dispute "
        "(a habitual seller would count as a business)."
    )
    if kind is SellerKind.PRIVATE_INDIVIDUAL:
        reasons.append(_reason("not_an_operator", p, zh, en))
    elif kind is None and facts.purchase.channel in _MAYBE_PRIVATE:
        pending.append(_reason("not_an_operator", p, "若" + zh, "If so: " + en))
        return questions.SELLER_KIND
    return None


def _respondent(facts: Facts) -> bool | None:
    """Whether the respondent's name and address can be given (None: unknown)."""
    if facts.respondent_identifiable is not None:
        return facts.respondent_identifiable
    identified = facts.seller.identified
    if identified:
        return True
    platform = facts.platform
    if identified is False:
        if platform.involved:
            # The platform either names the seller or, failing that, answers itself (CRPL 44).
            return True if platform.can_identify_seller is not None else None
        return False if platform.involved is False else None
    return None


def _respondent_ground(
    facts: Facts,
    code: str,
    p: Provision,
    reasons: list[Reason],
    pending: list[Reason],
    *extra: Provision,
) -> MissingFact | None:
    known = _respondent(facts)
    zh = "无法提供被投诉人的名称（姓名）和地址。"
    en = "The respondent's name and address cannot be given."
    if known is False:
        reasons.append(_reason(code, p, zh, en, *extra))
    elif known is None:
        pending.append(_reason(code, p, "若" + zh, "If " + en[0].lower() + en[1:], *extra))
        if facts.seller.identified is False and facts.platform.involved:
            return questions.PLATFORM_IDENTIFIES
        return _ASK_RESPONDENT
    return None


def _ask(missing: dict[str, MissingFact], question: MissingFact | None) -> None:
    if question is not None:
        missing.setdefault(question.fact, question)


def _body(reasons: list[Reason], pending: list[Reason], rules: str) -> Body:
    status: Status = "not_admissible" if reasons else "uncertain" if pending else "admissible"
    return Body(
        admissible=not reasons, status=status, reasons=reasons, pending=pending, rules=rules
    )


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


def _key(facts: Facts, as_of: date) -> tuple[object, ...]:
    """Every fact the two bodies' rules read (tested against uncached results)."""
    h = facts.history
    s = facts.seller
    knew = h.first_knew_of_harm
    return (
        as_of,
        s.kind,
        facts.purchase.channel in _MAYBE_PRIVATE,
        h.already_handled_by,
        facts.consumer.purpose,
        facts.dispute_between_businesses,
        knew,
        knew is None and as_of > add_years(facts.purchase.date, 3),
        _respondent(facts),
        s.identified is False and bool(facts.platform.involved),
        frozenset(facts.problems),
        h.warranty_expired,
        facts.goods.marked_as_seconds,
        s.disclosed_before_sale,
        h.damage_from_misuse,
        h.mediation_agreement_performed,
    )


# Few facts decide admissibility: equal keys share one frozen result (about 2.5 kB each).
_CACHE: Bounded[tuple[object, ...], tuple[Admissibility, tuple[Flag, ...], tuple[MissingFact, ...]]]
_CACHE = bounded(2048)


def evaluate(facts: Facts, as_of: date) -> tuple[Admissibility, list[Flag], list[MissingFact]]:
    """Admissibility before both bodies, with the flags and missing facts behind it."""
    found, flags, missing = _CACHE.get_or(_key(facts, as_of), lambda: _evaluate(facts, as_of))
    return found, list(flags), list(missing)


def cache_clear() -> None:
    """Forget the cached results."""
    _CACHE.clear()


def _evaluate(
    facts: Facts, as_of: date
) -> tuple[Admissibility, tuple[Flag, ...], tuple[MissingFact, ...]]:
    missing: dict[str, MissingFact] = {}
    result = Admissibility(
        market_regulator=_market_regulator(facts, as_of, missing),
        consumer_association=_consumer_association(facts, missing),
    )
    flags: list[Flag] = []
    _, rules_flag = samr_rules(as_of)
    if rules_flag is not None:
        flags.append(rules_flag)
    one_year = _one_year_flag(facts, as_of)
    if one_year is not None and result.consumer_association.admissible:
        flags.append(one_year)
    return result, tuple(flags), tuple(missing.values())


def compute(facts: Facts, as_of: date) -> Admissibility:
    """Admissibility before the market regulator and a consumer association on `as_of`."""
    return evaluate(facts, as_of)[0]
