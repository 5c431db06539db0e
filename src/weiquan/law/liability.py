"""Who answers to the consumer, and how (CRPL 40-45, PQL 43, ECL 37-38, OC 4-17, FSL 131, AD 56).

Each party is tested against the rules that can make it liable. A rule that holds on the facts
gives the party its liability; a rule that turns on an unknown fact gives the liability with
the condition spelled out (and the question in missing_facts); a party no rule reaches is left
out. Where several rules hold, the party gets the strongest liability and every citation.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import questions
from .assessment import Liability, LiableParty, Role
from .case import MARKETPLACE, SOCIAL, Case
from .facts import Channel, Injury, Payment, Problem, RoleInSale
from .food import LABELS, SAFETY, producer_liable
from .logic import Finding, challenge, exception_logic
from .provision import Flag, MissingFact, Provision, Text, cite, implements
from .provision import text as _t
from .provisions import ad, cc, claw, crpl, ecl, fsi, fsl, oc, pql

__all__ = ["liable_parties"]

# Strongest first: a party that is the seller answers for everything; joint liability is for
# the whole loss; paying first leaves recourse; conditional is only a possibility.
_STRENGTH: dict[Liability, int] = {
    "as_seller": 0,
    "primary": 0,
    "joint_and_several": 1,
    "pays_first_with_recourse": 2,
    "conditional": 3,
}


@dataclass(frozen=True, slots=True)
class _Rule:
    liability: Liability
    value: bool | None
    cites: tuple[Provision, ...]
    text: Text
    condition: Text | None = None
    missing: tuple[MissingFact, ...] = ()


def _pick(case: Case, role: Role, rules: list[_Rule]) -> LiableParty | None:
    holding = [r for r in rules if r.value is True]
    maybe = [r for r in rules if r.value is None]
    strongest = min((_STRENGTH[r.liability] for r in holding), default=99)
    for r in maybe:
        if _STRENGTH[r.liability] < strongest:  # only ask what could still change the answer
            case.ask(*r.missing)
    if holding:
        best = min(holding, key=lambda r: _STRENGTH[r.liability])
        used = holding
        condition = None
    elif maybe:
        best = min(maybe, key=lambda r: _STRENGTH[r.liability])
        used = [best]
        condition = best.condition
    else:
        return None
    cites = list(dict.fromkeys(p for r in used for p in r.cites))
    return LiableParty(
        role=role,
        liability=best.liability,
        condition=condition,
        citations=cite(*cites),
        explanation=used[0].text
        if len(used) == 1
        else Text(zh="".join(r.text.zh for r in used), en=" ".join(r.text.en for r in used)),
    )


def _in_force(case: Case, *ps: Provision) -> tuple[Provision, ...]:
    force = case.force
    return tuple([p for p in ps if p in force])


# --- seller -------------------------------------------------------------------------------------

_OFF_PLATFORM = Flag(
    code="off_platform_payment",
    explanation=Text(
        zh="卖家引导您在平台外付款：卖家不能以“未经平台支付”为由推卸责任；但平台可能以交易不在平台上为由抗辩，平台外付款也失去平台的资金保障。",
        en="The seller steered you to pay outside the platform: it cannot escape liability for "
        "that reason, but the platform may argue the deal was not made through it, and the "
        "payment lost the platform's escrow protection.",
    ),
    citations=[oc.A5.citation()],
)


@implements(
    ad.A56_1, oc.A5, crpl.A40_1, cc.A577, claw.A107, oc.A11, fsl.A148_1, pql.A40, cc.A582, claw.A111
)
def _seller(case: Case, operator: Finding) -> LiableParty:
    s = case.facts.seller
    p = case.facts.purchase
    cites: list[Provision] = list(_in_force(case, crpl.A40_1)) or list(
        _in_force(case, cc.A577, claw.A107)
    )
    if operator.value is False:
        cites = list(_in_force(case, cc.A577, cc.A582, claw.A107, claw.A111)) + list(operator.cites)
        text = _t(
            zh="卖家按买卖合同向您负责（退款、修理、更换等）。",
            en="The seller answers to you under the sales contract (refund, repair, "
            "replacement...).",
        )
    else:
        cites.extend(operator.cites)
        text = _t(
            zh="卖家是首要责任人，先向卖家主张；卖家赔偿后可向生产者或供货者追偿。",
            en="The seller answers first; it may recover from the producer or supplier after "
            "paying you.",
        )
    if case.facts.live_stream.room_operator_is_seller and case.channel is Channel.LIVE_STREAM:
        text = Text(
            zh="直播间是卖家自己的，卖家就是直播间运营者。" + text.zh,
            en="The live room is the seller's own: the seller is the live-room operator. "
            + text.en,
        )
        if case.has(*_PUBLICITY) and case.in_force(oc.A11):
            cites.append(oc.A11)  # its staff's false publicity in the room is its own
    if s.role_in_sale is RoleInSale.AGENT_OF_SELLER:
        text = Text(
            zh="与您交易的人是卖家的代理人，其行为由卖家承担。" + text.zh,
            en="The person you dealt with acted for the seller, which answers for it. " + text.en,
        )
    if s.is_producer or s.made_the_counterfeits:
        text = Text(
            zh=text.zh + "卖家同时是生产者，也承担生产者的责任。",
            en=text.en + " The seller also made the goods and answers as producer too.",
        )
    if case.has(*SAFETY, *LABELS) and case.is_food:
        cites.extend(_in_force(case, fsl.A148_1))
    if case.has(Problem.QUALITY_DEFECT, Problem.NOT_AS_DESCRIBED):
        cites.extend(_in_force(case, pql.A40))
    if Problem.FALSE_ADVERTISING in case.problems and case.in_force(ad.A56_1):
        cites.append(ad.A56_1)
        text = Text(
            zh=text.zh + "卖家作为广告主对虚假广告承担民事责任。",
            en=text.en + " As the advertiser, the seller answers for the false ad.",
        )
    if p.off_platform_payment_requested_by_seller or (
        p.payment is Payment.PRIVATE_TRANSFER and case.on_marketplace
    ):
        if case.in_force(oc.A5):
            cites.append(oc.A5)
        case.flag(_OFF_PLATFORM)
    return LiableParty(
        role="seller",
        liability="primary",
        citations=cite(*dict.fromkeys(cites)),
        explanation=text,
    )


# --- producer -----------------------------------------------------------------------------------

_HARMED = (
    Injury.PROPERTY_DAMAGE,
    Injury.PERSONAL_INJURY,
    Injury.SERIOUS_HEALTH_DAMAGE,
    Injury.DEATH,
)


@implements(crpl.A40_2, pql.A43, cc.A1203, fsl.A148_1, fsl.A148_2)
def _producer(case: Case) -> LiableParty | None:
    s = case.facts.seller
    if s.is_producer or s.made_the_counterfeits:
        return None  # the seller is the producer: one party, already listed
    rules: list[_Rule] = []
    if case.facts.harm.injury in _HARMED:
        defect = _in_force(case, crpl.A40_2, pql.A43, cc.A1203)
        if defect:
            rules.append(
                _Rule(
                    "joint_and_several",
                    True,
                    defect,
                    _t(
                        zh="商品缺陷造成人身或财产损害的，您可以向生产者或销售者任一方要求全部赔偿。",
                        en="For injury or property damage caused by a defect you may claim the "
                        "whole from either the producer or the seller.",
                    ),
                )
            )
    if case.is_food and case.has(*SAFETY, *LABELS) and case.in_force(fsl.A148_1):
        if producer_liable(case):
            rules.append(
                _Rule(
                    "joint_and_several",
                    True,
                    (fsl.A148_1, fsl.A148_2),
                    _t(
                        zh="不符合食品安全标准的食品，可以向生产者或经营者索赔，首先接到的一方应先行赔付；生产者不论是否明知都要承担十倍赔偿。",
                        en="For food below safety standards you may claim from the producer or "
                        "the seller, and whichever you ask first must pay first; the producer "
                        "owes the 10 times whether or not it knew.",
                    ),
                )
            )
        else:
            # Expiry is the seller's doing: a producer asked first pays, then recovers from it.
            rules.append(
                _Rule(
                    "pays_first_with_recourse",
                    True,
                    (fsl.A148_1,),
                    _t(
                        zh="不符合食品安全标准的食品，可以向生产者或经营者要求赔偿损失，首先接到的一方应先行赔付；过期发生在销售环节，生产者赔付后可向经营者追偿，十倍赔偿只向经营者主张。",
                        en="For food below safety standards you may claim your losses from the "
                        "producer or the seller, and whichever you ask first must pay first; the "
                        "food expired in the seller's hands, so a producer that pays recovers from "
                        "the seller, and the 10 times is claimed from the seller alone.",
                    ),
                )
            )
    return _pick(case, "producer", rules)


# --- platform -----------------------------------------------------------------------------------


@implements(crpl.A44_1, oc.A14, ecl.A37_2, oc.A4, fsi.A2, fsl.A131_2, oc.A13, crpl.A40_1)
def _platform(case: Case) -> LiableParty | None:
    pf = case.facts.platform
    if pf.involved is False:
        return None
    if case.channel in SOCIAL:
        return _social_platform(case) if pf.involved else None
    if case.channel not in MARKETPLACE:
        return None
    live = case.channel is Channel.LIVE_STREAM
    rules: list[_Rule] = []
    if pf.self_operated or case.channel is Channel.PLATFORM_SELF_OPERATED:
        cites = (
            _in_force(case, ecl.A37_2, oc.A4)
            + (_in_force(case, oc.A13) if live else ())
            + (_in_force(case, fsi.A2) if case.is_food else ())
        )
        rules.append(
            _Rule(
                "as_seller",
                True,
                cites or _in_force(case, crpl.A40_1),
                _t(
                    zh="平台自营（或看起来像自营）的商品，平台按销售者承担责任。",
                    en="For goods sold as the platform's own business (or looking so), the "
                    "platform is liable as the seller.",
                ),
            )
        )
    identify = pf.can_identify_seller
    if identify is None and case.facts.seller.identified:
        identify = True  # the consumer already has the seller's details
    identify_cites = (
        _in_force(case, crpl.A44_1)
        + (_in_force(case, fsl.A131_2) if case.is_food else ())
        + (_in_force(case, oc.A14) if live else ())
    )
    if identify_cites and identify is not True:
        rules.append(
            _Rule(
                "pays_first_with_recourse",
                None if identify is None else True,
                identify_cites,
                _t(
                    zh="平台不能提供卖家真实名称、地址和有效联系方式的，您可以直接向平台索赔，平台赔偿后向卖家追偿。",
                    en="A platform that cannot give the seller's real name, address and valid "
                    "contact must compensate you itself and then recover from the seller.",
                ),
                _t(
                    zh="如果平台不能提供卖家的真实名称、地址和有效联系方式",
                    en="if the platform cannot give the seller's real name, address and valid "
                    "contact",
                ),
                (questions.PLATFORM_IDENTIFIES,),
            )
        )
    if pf.promised_advance_compensation and case.in_force(crpl.A44_1):
        rules.append(
            _Rule(
                "pays_first_with_recourse",
                True,
                (crpl.A44_1,),
                _t(
                    zh="平台承诺先行赔付的，应当履行承诺。",
                    en="The platform promised to compensate first and must keep the promise.",
                ),
            )
        )
    if not any(r.liability == "as_seller" for r in rules):
        # A platform that is the seller answers for everything; what it knew changes nothing.
        rules.extend(_knowing_platform(case, live))
    if case.life_health and not any(r.value is True for r in rules):
        rules.extend(_vetting(case, live))
    return _pick(case, "platform", rules)


@implements(crpl.A44_2, ecl.A38_1, cc.A1197, oc.A16)
def _knowing_platform(case: Case, live: bool) -> list[_Rule]:
    pf = case.facts.platform
    cites = _in_force(case, crpl.A44_2, ecl.A38_1, cc.A1197) + (
        _in_force(case, oc.A16) if live else ()
    )
    if not cites:
        return []
    if pf.knew_or_should_have_known is None:
        case.ask(questions.PLATFORM_KNEW)
        return []
    if not pf.knew_or_should_have_known or pf.took_necessary_measures:
        return []
    return [
        _Rule(
            "joint_and_several",
            None if pf.took_necessary_measures is None else True,
            cites,
            _t(
                zh="平台明知或应知卖家侵害消费者权益而未采取必要措施，与卖家承担连带责任。",
                en="The platform knew or should have known of the seller's wrongdoing and did "
                "not act, so it is jointly liable with the seller.",
            ),
            _t(
                zh="如果平台知道后没有采取必要措施",
                en="if the platform, once it knew, took no necessary measures",
            ),
            (questions.PLATFORM_MEASURES,),
        )
    ]


@implements(ecl.A38_2, fsl.A131_1, fsi.A3, oc.A15)
def _vetting(case: Case, live: bool) -> list[_Rule]:
    cites = _in_force(case, ecl.A38_2)
    if case.is_food:
        cites += _in_force(case, fsl.A131_1, fsi.A3) + (_in_force(case, oc.A15) if live else ())
    if not cites:
        return []
    return [
        _Rule(
            "conditional",
            None,
            cites,
            _t(
                zh="关系生命健康的商品：平台未审核卖家资质（食品经营许可等）或未尽安全保障义务的，要承担相应责任；食品平台未实名登记、审查许可证的，承担连带责任。",
                en="Goods concerning life and health: a platform that did not vet the seller's "
                "qualifications (such as its food licence) or failed its safety duty bears "
                "corresponding liability; a food platform that skipped real-name registration or "
                "licence checks is jointly liable.",
            ),
            _t(
                zh="如果平台未审核卖家资质或未尽安全保障义务，并因此造成损害",
                en="if the platform failed to vet the seller's qualifications or its safety "
                "duty, and harm resulted",
            ),
        )
    ]


@implements(cc.A1197)
def _social_platform(case: Case) -> LiableParty | None:
    pf = case.facts.platform
    if not case.in_force(cc.A1197):
        return None
    if pf.knew_or_should_have_known is None:
        case.ask(questions.PLATFORM_KNEW)
        return None
    if not pf.knew_or_should_have_known or pf.took_necessary_measures:
        return None
    return _pick(
        case,
        "platform",
        [
            _Rule(
                "joint_and_several",
                None if pf.took_necessary_measures is None else True,
                (cc.A1197,),
                _t(
                    zh="社交平台作为网络服务提供者，知道或应当知道用户利用其服务侵权而未采取必要措施的，承担连带责任。",
                    en="A social app, as a network service provider, that knew or should have "
                    "known a user was harming others through it and did not act is jointly "
                    "liable.",
                ),
                _t(
                    zh="如果平台知道后没有采取必要措施",
                    en="if the platform, once it knew, took no necessary measures",
                ),
                (questions.PLATFORM_MEASURES,),
            )
        ],
    )


# --- live-room operator (OC 12, 17) -------------------------------------------------------------


@implements(oc.A12_2)
@exception_logic(oc.A12_2)
def _room_disclosed_seller(case: Case) -> Finding:
    disclosed = case.facts.live_stream.room_clearly_disclosed_actual_seller
    if disclosed:
        return Finding(
            True,
            _t(
                zh="直播间已清楚标明自己不是卖家并标明了实际卖家，一般不按销售者担责（法院仍会综合交易外观等判断）。",
                en="The live room clearly showed it was not the seller and who was, so it is "
                "normally not liable as the seller (the court still weighs the appearance of "
                "the deal).",
            ),
        )
    if disclosed is None:
        case.ask(questions.ROOM_DISCLOSED)
    return Finding(False)


_ROOM_NOT_SELLER = Flag(
    code="live_room_not_seller",
    explanation=_t(
        zh="直播间已清楚标明自己不是卖家并标明实际卖家，一般不按销售者担责；但法院仍会综合交易外观、合作模式、交易过程和消费者认知判断。",
        en="The live room clearly showed it was not the seller and who was, so it is normally not "
        "liable as the seller; the court still weighs the appearance of the deal, the "
        "cooperation model, the transaction flow and consumer perception.",
    ),
    citations=[oc.A12_2.citation()],
)


@implements(oc.A12_1, oc.A17, cc.A1168, crpl.A40_1)
def _live_room(case: Case) -> LiableParty | None:
    ls = case.facts.live_stream
    if case.channel is not Channel.LIVE_STREAM and (
        case.facts.seller.role_in_sale is not RoleInSale.LIVE_ROOM_OPERATOR
    ):
        return None
    if ls.room_operator_is_seller:
        return None  # the live room is the seller's own: one party, already listed
    rules: list[_Rule] = []
    if case.in_force(oc.A12_1):
        # OC 12(1): liable as seller unless it proves the disclosure (OC 12(2), an exception).
        disclosure = challenge(oc.A12_1, case)
        if disclosure.value is True:
            case.flag(_ROOM_NOT_SELLER)
        else:
            rules.append(
                _Rule(
                    "as_seller",
                    True,
                    (oc.A12_1,),
                    _t(
                        zh="直播间运营者不能证明已清楚标明自己不是卖家及实际卖家是谁，按销售者承担责任。",
                        en="The live-room operator cannot show it clearly marked that it was not "
                        "the seller and who the seller was, so it is liable as the seller.",
                    ),
                )
            )
    elif ls.room_clearly_disclosed_actual_seller is not True:
        # Before OC 12 there was no presumption: the room is the seller only by appearance.
        rules.append(
            _Rule(
                "as_seller",
                None if ls.room_clearly_disclosed_actual_seller is None else True,
                _in_force(case, crpl.A40_1),
                _t(
                    zh="直播间看起来就是卖家、未标明实际卖家的，按销售者承担责任。",
                    en="A live room that appeared to be the seller and did not show the real one "
                    "is liable as the seller.",
                ),
                _t(
                    zh="如果直播间没有标明实际卖家",
                    en="if the live room did not show who the real seller was",
                ),
                (questions.ROOM_DISCLOSED,),
            )
        )
    knew = ls.room_operator_knew_or_should_have_known
    joint = _in_force(case, oc.A17, cc.A1168)
    if joint and knew is not False:
        rules.append(
            _Rule(
                "joint_and_several",
                True if knew else None,
                joint,
                _t(
                    zh="直播间运营者明知或应知商品有问题仍为其推广，与卖家承担连带责任。",
                    en="A live-room operator that knew or should have known of the problem and "
                    "still promoted the goods is jointly liable with the seller.",
                ),
                _t(
                    zh="如果直播间运营者明知或应知商品有问题仍为其推广",
                    en="if the live-room operator knew or should have known of the problem and "
                    "still promoted the goods",
                ),
                (questions.ROOM_KNEW,),
            )
        )
    return _pick(case, "live_room_operator", rules)


# --- streamer as endorser (AD 56, CRPL 45) ------------------------------------------------------

_PUBLICITY = (
    Problem.FALSE_ADVERTISING,
    Problem.PASSED_OFF_AS_GENUINE,
    Problem.CONCEALED_MATERIAL_FACT,
    Problem.COUNTERFEIT,
    Problem.NOT_AS_DESCRIBED,
)


@implements(ad.A56_3, ad.A56_2, crpl.A45_3)
def _streamer(case: Case) -> LiableParty | None:
    ls = case.facts.live_stream
    if not case.has(*_PUBLICITY) or case.facts.seller.disclosed_before_sale:
        return None
    if ls.streamer_recommended_in_own_name is None:
        if case.channel is Channel.LIVE_STREAM:
            case.ask(questions.STREAMER_ENDORSED)
        return None
    if not ls.streamer_recommended_in_own_name:
        return None
    if case.life_health:
        cites = _in_force(case, ad.A56_2, crpl.A45_3)
        if not cites:
            return None
        return _pick(
            case,
            "streamer",
            [
                _Rule(
                    "joint_and_several",
                    True,
                    cites,
                    _t(
                        zh="主播以自己名义推荐关系生命健康的商品，宣传虚假的，不论是否知情，都与卖家承担连带责任。",
                        en="A streamer who recommended goods concerning life and health in their "
                        "own name is jointly liable with the seller for the false publicity, "
                        "whether or not they knew.",
                    ),
                )
            ],
        )
    cites = _in_force(case, ad.A56_3)
    if not cites:
        return None
    knew = ls.streamer_knew_or_should_have_known
    if knew is False:
        return None
    return _pick(
        case,
        "streamer",
        [
            _Rule(
                "joint_and_several",
                True if knew else None,
                cites,
                _t(
                    zh="主播作为代言人，明知或应知宣传虚假仍推荐的，与卖家承担连带责任。",
                    en="A streamer endorsing goods they knew or should have known were falsely "
                    "advertised is jointly liable with the seller.",
                ),
                _t(
                    zh="如果主播明知或应知宣传内容虚假",
                    en="if the streamer knew or should have known the claims were false",
                ),
                (questions.STREAMER_KNEW,),
            )
        ],
    )


# --- licence holder, successor, fair organiser, counter lessor (CRPL 41-43) ---------------------


@implements(crpl.A42, crpl.A41, crpl.A43)
def _others(case: Case) -> list[LiableParty]:
    s = case.facts.seller
    out: list[LiableParty] = []
    if s.uses_another_licence and case.in_force(crpl.A42):
        out.append(
            LiableParty(
                role="licence_holder",
                liability="joint_and_several",
                citations=cite(crpl.A42),
                explanation=_t(
                    zh="卖家使用他人营业执照经营，您可以向卖家或执照持有人任一方要求赔偿。",
                    en="The seller traded under someone else's business licence: you may claim "
                    "from either the seller or the licence holder.",
                ),
            )
        )
    if s.business_split_or_merged and case.in_force(crpl.A41):
        out.append(
            LiableParty(
                role="successor",
                liability="as_seller",
                citations=cite(crpl.A41),
                explanation=_t(
                    zh="原企业分立、合并的，由承受其权利义务的企业承担责任。",
                    en="The seller's business split or merged: the business that took over its "
                    "rights and duties answers.",
                ),
            )
        )
    if case.channel in (Channel.TRADE_FAIR, Channel.LEASED_COUNTER) and case.in_force(crpl.A43):
        fair = case.channel is Channel.TRADE_FAIR
        ended = case.facts.purchase.fair_or_lease_ended
        if ended is None:
            case.ask(questions.FAIR_ENDED)
        out.append(
            LiableParty(
                role="fair_organizer" if fair else "counter_lessor",
                liability="pays_first_with_recourse",
                condition=None
                if ended
                else Text(
                    zh="展销会结束后" if fair else "柜台租赁期满后",
                    en="once the fair has ended" if fair else "once the counter lease has expired",
                ),
                citations=cite(crpl.A43),
                explanation=Text(
                    zh=("展销会结束" if fair else "柜台租赁期满")
                    + "后，您也可以向"
                    + ("举办者" if fair else "柜台出租者")
                    + "要求赔偿，其赔偿后向卖家追偿。",
                    en="After the "
                    + ("fair ends" if fair else "counter lease expires")
                    + ", you may also claim from the "
                    + ("organiser" if fair else "lessor")
                    + ", who then recovers from the seller.",
                ),
            )
        )
    return out


def liable_parties(case: Case, operator: Finding) -> list[LiableParty]:
    """Every party the law makes liable on these facts, seller first."""
    out = [_seller(case, operator)]
    for party in (_producer(case), _platform(case), _live_room(case), _streamer(case)):
        if party is not None:
            out.append(party)
    out.extend(_others(case))
    return out
