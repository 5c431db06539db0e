"""What both bodies' rules read: which SAMR measures govern on the day (CMP Art. 9, the 2026
Measures), the questions, and the grounds about the operator and the respondent."""

from __future__ import annotations

from datetime import date

from .. import questions
from ..facts import AlreadyHandledBy, Channel, Facts, Problem, SellerKind
from ..memo import cached
from ..provision import Flag, MissingFact, Provision, Text, cite, get, implements
from ..provisions.cmp import CMP, CMP_2026
from .models import Body, Reason, Status

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


# Bodies by their rules and the identities of their reasons. Reasons are shared constants
# (`_built_reason`), so the same reasons under the same rules make the same Body: built once,
# it serves every case that reaches it (and keeps its JSON, like the texts). A Body holds its
# reasons, so their ids stay theirs while it is kept. A finite set; the bound is a safeguard.
_BODIES: dict[tuple[object, ...], Body] = {}
_BODIES_SIZE = 1024


def _body(reasons: list[Reason], pending: list[Reason], rules: str) -> Body:
    key = (rules, *map(id, reasons), None, *map(id, pending))
    found = _BODIES.get(key)
    if found is not None:
        return found
    status: Status = "not_admissible" if reasons else "uncertain" if pending else "admissible"
    made = Body(
        admissible=not reasons, status=status, reasons=reasons, pending=pending, rules=rules
    )
    if len(_BODIES) >= _BODIES_SIZE:
        _BODIES.clear()
    _BODIES[key] = made
    return made
