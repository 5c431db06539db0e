"""Which market regulation office handles the complaint (CMP 12-13) and the report (RPT 25-28).

Public interface (stable):
    compute(facts: Facts, as_of: date | None = None) -> Jurisdiction
    evaluate(facts: Facts, as_of: date | None = None) -> tuple[Jurisdiction, list[Flag],
                                                               list[MissingFact]]
    Jurisdiction{position, complaint: Route, report: Route}
    Route{level, offices: list[Office], choice: Text, citations}
    Office{respondent, where: Text, citations}

The answer is in words: the project knows no addresses, and guessing where a platform company is
registered would be worse than saying "where the platform operator is domiciled". `as_of` (the
filing day; default facts.as_of, else today) only decides whether the 2026 Measures' flag is
needed. Both routes can be entered through 12315, which forwards to the competent office.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from .admissibility import samr_rules
from .case import MARKETPLACE, SOCIAL
from .facts import Channel, Facts, Problem
from .memo import cached
from .provision import Citations, Flag, MissingFact, Provision, Text, cite, implements
from .provisions.cmp import CMP, RPT
from .provisions.crpl import A43 as CRPL_43

__all__ = ["Jurisdiction", "Office", "Route", "cache_clear", "compute", "evaluate"]


CMP_12_1 = CMP(
    "CMP-12-1",
    "12",
    "1",
    "投诉由被投诉人实际经营地或者住所地县级市场监管部门处理。",
    "A complaint goes to the county-level office where the respondent actually operates or is "
    "domiciled.",
)
CMP_12_2 = CMP(
    "CMP-12-2",
    "12",
    "2",
    "对电商平台经营者及通过自建网站、其他网络服务销售的经营者的投诉，由其住所地县级部门处理；对平台内经营者的投诉，由其实际经营地或平台经营者住所地县级部门处理。",
    "Complaints about a platform, or a seller using its own website or another network service, "
    "go to the county office of its domicile; about an in-platform seller, to the office where "
    "it actually operates or where the platform is domiciled.",
)
CMP_13 = CMP(
    "CMP-13",
    "13",
    None,
    "两个以上部门均有处理权限的，由先收到投诉的部门处理。",
    "Where several offices are competent, the one that received the complaint first handles it.",
)
CMP_37 = CMP(
    "CMP-37",
    "37",
    "1",
    "统一接收投诉举报的工作机构应及时将投诉举报分送有处理权限的部门。",
    "The unit receiving complaints and reports (12315) forwards them to the competent office.",
)
RPT_25 = RPT(
    "RPT-25",
    "25",
    None,
    "举报由被举报行为发生地县级以上市场监管部门处理。",
    "A report goes to the office (county level or above) where the conduct took place.",
)
RPT_27_1 = RPT(
    "RPT-27-1",
    "27",
    "1",
    "对电商平台经营者和通过自建网站、其他网络服务销售的经营者的举报，由其住所地县级以上部门处理。",
    "Reports about a platform, or a seller using its own website or another network service, go "
    "to the office of its domicile.",
)
RPT_27_2 = RPT(
    "RPT-27-2",
    "27",
    "2",
    "对平台内经营者的举报，由其实际经营地县级以上部门处理；平台住所地部门先收到的，也可以处理。",
    "Reports about an in-platform seller go to the office where it actually operates; the "
    "platform's home office may act if it receives the report first.",
)
RPT_28 = RPT(
    "RPT-28",
    "28",
    None,
    "违法广告的举报由广告发布者所在地部门处理；互联网广告，广告主、广告经营者所在地部门先收到的也可处理；广告主自行发布的互联网广告由广告主所在地部门处理。",
    "Reports of illegal ads go to the publisher's office; for internet ads the advertiser's or "
    "agency's office may act if it receives them first; an advertiser's self-published internet "
    "ad goes to the advertiser's office.",
)

Position = Literal[
    "in_platform_seller", "platform", "own_site_or_other_network", "remote_other", "offline"
]


class Office(BaseModel):
    """One competent office, described by whom it is tied to."""

    model_config = ConfigDict(frozen=True)

    respondent: str  # seller | platform | fair_organizer_or_counter_lessor | ad_publisher ...
    where: Text
    citations: Citations


class Route(BaseModel):
    model_config = ConfigDict(frozen=True)

    level: Literal["county", "county_or_above"]
    offices: list[Office]
    choice: Text  # how to choose between the offices
    citations: Citations


class Jurisdiction(BaseModel):
    model_config = ConfigDict(frozen=True)

    position: Position
    complaint: Route
    report: Route


def _position(facts: Facts) -> Position:
    channel = facts.purchase.channel
    if channel is Channel.PLATFORM_SELF_OPERATED or (
        channel in MARKETPLACE and facts.platform.self_operated
    ):
        return "platform"
    if channel in MARKETPLACE:
        return "in_platform_seller"
    if channel in SOCIAL or channel is Channel.OWN_WEBSITE:
        return "own_site_or_other_network"
    if channel is Channel.TV_PHONE_MAIL:
        return "remote_other"
    return "offline"


@cached(256, results=False)
def _office(respondent: str, zh: str, en: str, *ps: Provision) -> Office:
    # Offices are frozen and their words fixed (a platform's name at most): each is built
    # once and shared, as `admissibility` does with its reasons.
    return Office(respondent=respondent, where=Text(zh=zh, en=en), citations=cite(*ps))


class _Key(NamedTuple):
    """What the answer depends on; few values, so equal keys share one frozen result."""

    position: Position
    platform_name: str | None
    platform_cannot_identify: bool
    fair_or_counter: bool
    seller_unidentified: bool
    false_advertising: bool


def _key(facts: Facts) -> _Key:
    return _Key(
        position=_position(facts),
        platform_name=facts.purchase.platform_name,
        platform_cannot_identify=facts.platform.can_identify_seller is False,
        fair_or_counter=facts.purchase.channel in (Channel.TRADE_FAIR, Channel.LEASED_COUNTER),
        seller_unidentified=facts.seller.identified is False,
        false_advertising=Problem.FALSE_ADVERTISING in facts.problems,
    )


def _platform_words(k: _Key) -> tuple[str, str]:
    name = k.platform_name
    if name:
        return f"平台（{name}）经营者", f"the platform operator ({name})"
    return "平台经营者", "the platform operator"


_FIRST = Text(
    zh="可向其中任一部门投诉（也可通过12315提交，由其分送）；两个以上部门都有权处理的，由先收到投诉的部门处理。",
    en="Complain to any of them (or through 12315, which forwards it); where several are "
    "competent, the office that receives the complaint first handles it.",
)
_ONLY = Text(
    zh="向该部门投诉，也可通过12315提交，由其分送有权处理的部门。",
    en="Complain to that office, or through 12315, which forwards it to the competent office.",
)
_UNKNOWN_SELLER = Text(
    zh="卖家身份（住所地）尚不清楚：可先通过12315提交并提供能掌握的线索，待查明后由有权部门处理。",
    en="The seller's identity and domicile are not known yet: file through 12315 with what you "
    "have; the competent office is found once the seller is identified.",
)


@implements(CMP_12_2, CMP_12_1, CMP_13, CMP_37, CRPL_43)
def _complaint(k: _Key) -> Route:
    position = k.position
    pzh, pen = _platform_words(k)
    offices: list[Office] = []
    if position == "in_platform_seller":
        offices.append(
            _office(
                "seller",
                "卖家实际经营地的县级市场监管部门",
                "the county-level office where the seller actually operates",
                CMP_12_2,
            )
        )
        offices.append(
            _office(
                "seller",
                f"{pzh}住所地的县级市场监管部门",
                f"the county-level office where {pen} is domiciled",
                CMP_12_2,
            )
        )
        if k.platform_cannot_identify:
            # The platform itself answers (CRPL 44) and is then the respondent.
            offices.append(
                _office(
                    "platform",
                    f"（向平台主张时）{pzh}住所地的县级市场监管部门",
                    f"(when claiming against the platform) the county-level office where {pen} "
                    "is domiciled",
                    CMP_12_2,
                )
            )
    elif position == "platform":
        offices.append(
            _office(
                "platform",
                f"{pzh}住所地的县级市场监管部门（自营业务由平台作为卖家负责）",
                f"the county-level office where {pen} is domiciled (it sells as the seller)",
                CMP_12_2,
            )
        )
    elif position == "own_site_or_other_network":
        offices.append(
            _office(
                "seller",
                "卖家（网站或微信等网络服务上的经营者）住所地的县级市场监管部门",
                "the county-level office where the seller (selling through its own website or a "
                "network service such as WeChat) is domiciled",
                CMP_12_2,
            )
        )
    else:
        offices.append(
            _office(
                "seller",
                "卖家实际经营地（如门店所在地）或住所地的县级市场监管部门",
                "the county-level office where the seller actually operates (for example its "
                "shop) or is domiciled",
                CMP_12_1,
            )
        )
        if k.fair_or_counter:
            offices.append(
                _office(
                    "fair_organizer_or_counter_lessor",
                    "展销会结束或柜台租赁期满后，也可针对举办者、柜台出租者，向其实际经营地或住所地的县级部门投诉",
                    "after the fair ends or the counter lease expires, also the county-level "
                    "office where the organiser or lessor operates or is domiciled",
                    CMP_12_1,
                    CRPL_43,
                )
            )
    if k.seller_unidentified and position == "own_site_or_other_network":
        choice = _UNKNOWN_SELLER
    else:
        choice = _FIRST if len(offices) > 1 else _ONLY
    return Route(
        level="county",
        offices=offices,
        choice=choice,
        citations=cite(CMP_12_1, CMP_12_2, CMP_13, CMP_37),
    )


@implements(RPT_27_2, RPT_28, RPT_25, RPT_27_1, CMP_37)
def _report(k: _Key) -> Route:
    position = k.position
    pzh, pen = _platform_words(k)
    offices: list[Office] = []
    if position == "in_platform_seller":
        offices.append(
            _office(
                "seller",
                "卖家实际经营地的县级以上市场监管部门",
                "the office (county level or above) where the seller actually operates",
                RPT_27_2,
            )
        )
        offices.append(
            _office(
                "seller",
                f"{pzh}住所地的县级以上市场监管部门（先收到举报的）",
                f"the office where {pen} is domiciled, if it receives the report first",
                RPT_27_2,
            )
        )
    elif position in ("platform", "own_site_or_other_network"):
        who_zh, who_en = (pzh, pen) if position == "platform" else ("卖家", "the seller")
        offices.append(
            _office(
                "platform" if position == "platform" else "seller",
                f"{who_zh}住所地的县级以上市场监管部门",
                f"the office (county level or above) where {who_en} is domiciled",
                RPT_27_1,
            )
        )
    else:
        offices.append(
            _office(
                "seller",
                "违法行为发生地的县级以上市场监管部门",
                "the office (county level or above) where the conduct took place",
                RPT_25,
            )
        )
    if k.false_advertising:
        offices.append(
            _office(
                "ad_publisher",
                "虚假广告：广告发布者所在地的部门；互联网广告也可由先收到举报的广告主、广告经营者所在地部门处理",
                "false ads: the office where the ad's publisher is; for internet ads also the "
                "advertiser's or agency's office if it receives the report first",
                RPT_28,
            )
        )
    return Route(
        level="county_or_above",
        offices=offices,
        choice=_FIRST_REPORT if len(offices) > 1 else _ONLY_REPORT,
        citations=cite(RPT_25, RPT_27_1, RPT_27_2, CMP_37),
    )


_FIRST_REPORT = Text(
    zh="可向上述任一有权部门举报，或通过12315提交；举报与投诉分别处理。",
    en="Report to any of these competent offices, or through 12315; reports and complaints are "
    "handled separately.",
)
_ONLY_REPORT = Text(
    zh="向该部门举报，或通过12315提交；举报与投诉分别处理。",
    en="Report to that office, or through 12315; reports and complaints are handled separately.",
)


@cached(1024)
def _build(k: _Key) -> Jurisdiction:
    return Jurisdiction(position=k.position, complaint=_complaint(k), report=_report(k))


def evaluate(
    facts: Facts, as_of: date | None = None
) -> tuple[Jurisdiction, list[Flag], list[MissingFact]]:
    """The competent offices, with the flag when the 2026 Measures may have changed them."""
    result = _build(_key(facts))
    _, flag = samr_rules(as_of or facts.as_of or date.today())
    return result, [flag] if flag is not None else [], []


def cache_clear() -> None:
    """Forget the cached results."""
    _build.cache_clear()


def compute(facts: Facts, as_of: date | None = None) -> Jurisdiction:
    """The competent offices for a complaint and for a report on these facts."""
    return evaluate(facts, as_of)[0]
