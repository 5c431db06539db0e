"""The platform: a seller it cannot identify (CRPL Art. 44(1)), its own promises, what it knew or
should have known (CRPL Art. 44(2), ECL Art. 38), its vetting duty, and social platforms."""

from __future__ import annotations

from .. import questions
from ..assessment import LiableParty
from ..case import MARKETPLACE, SOCIAL, Case
from ..facts import Channel
from ..provision import implements
from ..provision import text as _t
from ..provisions import cc, crpl, ecl, fsi, fsl, oc
from .common import _in_force, _pick, _Rule

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
