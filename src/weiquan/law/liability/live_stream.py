"""The live room's operator (OC Arts. 12, 17) and the streamer who vouched for the goods as an
endorser (AD Art. 56, CRPL Art. 45(3))."""

from __future__ import annotations

from .. import questions
from ..assessment import LiableParty
from ..case import Case
from ..facts import Channel, RoleInSale
from ..logic import Finding, challenge, exception_logic
from ..provision import Flag, implements
from ..provision import text as _t
from ..provisions import ad, cc, crpl, oc
from .common import _PUBLICITY, _in_force, _pick, _Rule

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
