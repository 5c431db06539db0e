"""Which courts may hear the consumer's suit, and whether an internet court takes it.

Contract (CPL Art. 24): the defendant's domicile or the place of performance. For a sale made
online (CPLI Art. 20) the place of performance is the buyer's domicile when the goods were
delivered through the network and the place of receipt otherwise, unless the contract agreed a
place. A sale settled on the spot in a shop is performed where the deal was made (CPLI
Art. 18(2)). Injury or damage from substandard goods (CPL Art. 29, CPLI Arts. 24 and 26) adds
the place of the harm and the place of manufacture. Where several courts are competent the
consumer chooses (CPL Art. 36).

Internet courts (ICP Art. 2 items 1 and 8): the Beijing, Guangzhou and Hangzhou internet courts
hear, for their city, the first-instance online-shopping contract disputes made or performed
through an e-commerce platform and the product-liability disputes over goods bought on one;
the basic courts of those cities then do not. A WeChat chat or Moments post is no e-commerce
platform; a group-buy mini-program may be one, so it is "check".

TV, telephone and mail orders: the project does not treat them as contracts "concluded through
an information network" (CPLI Art. 20 speaks of the internet); ordered on an app or a website,
they are online sales and the consumer should say so (channel own_website or a platform).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..case import MARKETPLACE, SOCIAL
from ..facts import Category, Channel, Facts, Injury
from ..memo import cached
from ..provision import Citations, MissingFact, Provision, Text, cite, implements, text
from . import texts as T
from .articles import (
    CPL_24,
    CPL_29,
    CPL_36,
    CPLI_18_2,
    CPLI_20,
    CPLI_26,
    CPLI_31,
    CPLI_549,
    ICP_2,
)
from .models import CompetentCourt, Ground, InternetCourt
from .places import Where, normalise
from .questions import CONSUMER_DOMICILE, DELIVERY_PLACE, SELLER_DOMICILE

__all__ = ["Places", "PlacesKey", "places", "places_key"]

ONLINE = MARKETPLACE | SOCIAL | {Channel.OWN_WEBSITE}
# Goods that travel through the network rather than by post: evidence of online delivery when
# `delivered_online` is not given (the assessment says it presumed so).
_ONLINE_GOODS = frozenset({Category.DIGITAL_CONTENT, Category.SERVICE})
# The cities with an internet court (ICP Art. 2), with the province each belongs to.
_INTERNET_COURTS = {
    "北京市": ("北京市", "北京互联网法院", "Beijing Internet Court"),
    "广州市": ("广东省", "广州互联网法院", "Guangzhou Internet Court"),
    "杭州市": ("浙江省", "杭州互联网法院", "Hangzhou Internet Court"),
}
Platform = Literal["yes", "check", "no"]


class PlacesKey(NamedTuple):
    """What the competent courts depend on (a few values; equal keys share one result)."""

    channel: Channel
    platform: Platform
    delivered_online: bool | None
    presumed_online: bool
    service: bool
    seller: Where | None
    consumer: Where | None
    receipt: Where | None
    harm: bool


def _platform(facts: Facts) -> Platform:
    channel = facts.purchase.channel
    if channel in MARKETPLACE:
        return "yes"
    if channel is Channel.WECHAT_GROUP_BUY or (
        channel in SOCIAL and facts.platform.involved is True
    ):
        return "check"
    return "no"


def places_key(facts: Facts) -> PlacesKey:
    category = facts.goods.category
    delivered = facts.purchase.delivered_online
    presumed = delivered is None and category in _ONLINE_GOODS
    platform = _platform(facts)
    if category is Category.SERVICE and delivered is False and platform == "yes":
        # A service booked on a platform but provided in person is neither an online-shopping
        # contract nor a network service made and performed online (ICP Art. 2 items 1-2).
        platform = "check"
    injury = facts.harm.injury
    return PlacesKey(
        channel=facts.purchase.channel,
        platform=platform,
        delivered_online=True if presumed else delivered,
        presumed_online=presumed,
        service=category is Category.SERVICE,
        seller=normalise(facts.seller.domicile),
        consumer=normalise(facts.consumer.domicile),
        receipt=normalise(facts.purchase.delivery_place),
        # Injury or damage to other property: a product-liability suit is open (CPLI Art. 26).
        harm=injury is not None and injury is not Injury.NONE,
    )


class Places(NamedTuple):
    courts: tuple[CompetentCourt, ...]
    internet: InternetCourt
    choice: Text
    proposed: Text | None
    missing: tuple[MissingFact, ...]
    citations: Citations


def _internet(where: Where | None, platform: Platform) -> tuple[Platform, tuple[str, str] | None]:
    """Whether this place's internet court hears the case, and its name."""
    if platform == "no":
        return "no", None
    if where is None or where.city is None:
        # The place is not known: an internet court may well be the one.
        return "check", None
    found = _INTERNET_COURTS.get(where.city)
    if found is None or (where.province is not None and where.province != found[0]):
        return "no", None
    return platform, (found[1], found[2])


@implements(ICP_2)
def _court(
    dispute: Literal["contract", "product_liability"],
    ground: Ground,
    where: Where | None,
    platform: Platform,
    note: tuple[str, str],
    *ps: Provision,
) -> CompetentCourt:
    who_zh, who_en = T.WHO[ground]
    online, internet = _internet(where, platform)
    named = where.named_court() if where is not None else None
    # Constant texts are shared (`text`); only a place's own name makes a new one.
    if where is not None and where.city is not None:
        basic_zh = named or f"{who_zh}所在区（县）的基层人民法院（{where.city}）"
        basic_en = (
            f"{named} (the basic people's court of {where.district})"
            if named
            else f"the basic people's court of the district or county {who_en}, in {where.city}"
        )
    else:
        basic_zh, basic_en = f"{who_zh}的基层人民法院", f"the basic people's court {who_en}"
    if online == "yes" and internet is not None:
        court = text(internet[0], f"{internet[1]} ({internet[0]})")
        is_named, ps = True, (*ps, ICP_2)
    elif online == "check" and internet is not None:
        court = Text(
            zh=f"{basic_zh}；如属通过电子商务平台购物，则为{internet[0]}",
            en=f"{basic_en}; {internet[1]} ({internet[0]}) if the purchase went through an "
            "e-commerce platform",
        )
        is_named, ps = False, (*ps, ICP_2)
    else:
        court = Text(zh=basic_zh, en=basic_en) if where is not None else text(basic_zh, basic_en)
        is_named = named is not None
    return CompetentCourt(
        dispute=dispute,
        ground=ground,
        court=court,
        named=is_named,
        internet_court=online,
        where=text(f"{who_zh}：{note[0]}", f"{who_en}: {note[1]}"),
        citations=cite(*ps),
    )


@implements(CPL_24, CPLI_20, CPLI_18_2, CPL_29, CPLI_26, ICP_2, CPL_36, CPLI_31)
def places(k: PlacesKey) -> Places:
    """The competent courts on these facts (cached by the caller on the key)."""
    platform = k.platform
    if k.seller is not None and k.seller.outside_mainland:
        courts = [_abroad(k.seller)]
    else:
        courts = [
            _court(
                "contract", "defendant_domicile", k.seller, platform, T.NOTES["defendant"], CPL_24
            )
        ]
    missing: list[MissingFact] = []
    if k.seller is None or (k.seller.city is None and not k.seller.outside_mainland):
        missing.append(SELLER_DOMICILE)
    online = k.channel in ONLINE
    if online and k.delivered_online:
        if k.service:
            note = T.NOTES["service_network"]
        else:
            note = T.NOTES["presumed" if k.presumed_online else "network"]
        courts.append(
            _court("contract", "buyer_domicile", k.consumer, platform, note, CPL_24, CPLI_20)
        )
        if k.consumer is None or k.consumer.city is None:
            missing.append(CONSUMER_DOMICILE)
    elif online and k.service:
        # A service provided in person: where it was provided is where the contract was
        # performed; CPLI Art. 20 (sales) does not fix it.
        courts.append(
            _court(
                "contract",
                "place_of_performance",
                k.receipt,
                platform,
                T.NOTES["service_place"],
                CPL_24,
            )
        )
        if k.receipt is None or k.receipt.city is None:
            missing.append(DELIVERY_PLACE)
    elif online:
        courts.append(
            _court(
                "contract",
                "place_of_receipt",
                k.receipt,
                platform,
                T.NOTES["receipt"],
                CPL_24,
                CPLI_20,
            )
        )
        if k.receipt is None or k.receipt.city is None:
            missing.append(DELIVERY_PLACE)
    elif k.channel is not Channel.TV_PHONE_MAIL:
        courts.append(
            _court(
                "contract", "place_of_transaction", None, "no", T.NOTES["spot"], CPL_24, CPLI_18_2
            )
        )
    if k.harm:
        courts.append(
            _court(
                "product_liability",
                "place_of_harm",
                k.consumer,
                platform,
                T.NOTES["harm"],
                CPL_29,
                CPLI_26,
            )
        )
        courts.append(
            _court(
                "product_liability",
                "place_of_manufacture",
                None,
                platform,
                T.NOTES["made"],
                CPLI_26,
            )
        )
        if (k.consumer is None or k.consumer.city is None) and CONSUMER_DOMICILE not in missing:
            missing.append(CONSUMER_DOMICILE)
    zh, en = T.CHOICE
    choice_cites: list[Provision] = [CPL_36]
    if online:
        zh, en = zh + T.AGREED[0], en + T.AGREED[1]
        choice_cites += [CPLI_20, CPLI_31]
    if k.channel is Channel.TV_PHONE_MAIL:
        zh, en = zh + T.REMOTE[0], en + T.REMOTE[1]
    if k.harm:
        zh, en = zh + T.TORT[0], en + T.TORT[1]
    return Places(
        courts=tuple(courts),
        internet=_internet_court(courts, platform, k.channel in SOCIAL, k.service),
        choice=Text(zh=zh, en=en),
        proposed=_proposed(courts),
        missing=tuple(missing),
        citations=cite(*choice_cites),
    )


@implements(CPL_24, CPLI_549)
def _abroad(seller: Where) -> CompetentCourt:
    """A seller domiciled in Hong Kong, Macao or Taiwan: no mainland court sits there; the
    other places (receipt, the buyer's domicile) remain, and the foreign-related rules apply
    by reference (CPLI Art. 549)."""
    place = seller.province or ""
    return CompetentCourt(
        dispute="contract",
        ground="defendant_domicile",
        court=Text(
            zh=f"卖家住所地在{place}，内地没有该地的法院；可向下列其他地点的法院起诉",
            en=f"The seller is domiciled in {place}, where no mainland court sits; sue at one "
            "of the other places listed",
        ),
        named=False,
        internet_court="no",
        where=Text(
            zh=f"被告（卖家）住所地（{place}）：涉及港澳台的案件参照涉外民事诉讼程序的特别规定。",
            en=f"where the defendant (the seller) is domiciled ({place}): cases involving Hong "
            "Kong, Macao or Taiwan follow the special rules for foreign-related cases.",
        ),
        citations=cite(CPL_24, CPLI_549),
    )


@implements(ICP_2)
@cached(None, results=False)
def _answer(status: Literal["applies", "check", "not_applicable"], reason: Text) -> InternetCourt:
    # Five possible answers, each built once and shared.
    return InternetCourt(status=status, reason=reason, citations=cite(ICP_2))


@implements(ICP_2)
def _internet_court(
    courts: list[CompetentCourt], platform: Platform, social: bool, service: bool
) -> InternetCourt:
    states = {c.internet_court for c in courts}
    if "yes" in states:
        return _answer("applies", T.APPLIES)
    if "check" in states:
        if platform == "yes":
            return _answer("check", T.CHECK_PLACE)
        return _answer("check", T.CHECK_SERVICE if service else T.CHECK_CHANNEL)
    if social and platform == "no":
        return _answer("not_applicable", T.NOT_PLATFORM_SOCIAL)
    return _answer("not_applicable", T.NOT_PLATFORM)


_NEAR: tuple[Ground, ...] = ("buyer_domicile", "place_of_receipt", "place_of_harm")


def _proposed(courts: list[CompetentCourt]) -> Text | None:
    """The default for the documents: an internet court, else a named court near the consumer,
    else the defendant's; never a description (a complaint is addressed to a court by name)."""
    named = [c for c in courts if c.named]
    internet = [c for c in named if c.internet_court == "yes"]
    for pick in (
        [c for c in internet if c.ground in _NEAR],
        internet,
        [c for c in named if c.ground in _NEAR],
        named,
    ):
        if pick:
            return Text(zh=pick[0].court.zh, en=pick[0].court.en)
    return None
