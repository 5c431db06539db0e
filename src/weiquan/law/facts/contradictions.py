"""Facts that contradict each other: the document is refused, every problem at once.

A document whose facts cannot all be true would make the engine's modules reason from different
premises (one takes the seller for an operator, another not; a limitation period counted from
a day before the purchase). Rather than pick one fact silently, the document is invalid, and
each message names the fields involved in both languages.

Dates are checked against `as_of`, or, when the document leaves it out, against today in China
(the engine's default assessment day; computed here too so that the facts need not import the
engine). The same day is always allowed: a purchase received, or harm noticed, on the day of
the assessment is ordinary.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .enums import Channel, RoleInSale, SellerKind
from .scalars import _to_date, _to_fen

__all__ = ["Snapshot", "check_day", "contradictions", "snapshot", "today"]

_SHANGHAI = ZoneInfo("Asia/Shanghai")


# Today is asked for every document without as_of: kept until the next midnight in China
# (a clock read is some 50 times cheaper than a time-zone conversion).
_today: tuple[float, date] = (0.0, date.min)  # (valid until, POSIX seconds; the day)


def today() -> date:
    """Today in China (the engine's default assessment day, engine.today)."""
    global _today
    now = time.time()
    until, day = _today
    if now < until:
        return day
    moment = datetime.fromtimestamp(now, _SHANGHAI)
    day = moment.date()
    midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), _SHANGHAI)
    _today = (midnight.timestamp(), day)
    return day


class Snapshot(NamedTuple):
    """The facts the checks read; None where absent or itself invalid (reported elsewhere)."""

    bought: date | None = None
    received: date | None = None
    as_of: date | None = None
    knew: date | None = None
    interruptions: tuple[tuple[int, date], ...] = ()  # (index in the list, date)
    seller_kind: SellerKind | None = None
    role_in_sale: RoleInSale | None = None
    amount_paid: int | None = None
    prepaid: bool | None = None
    prepaid_used: int | None = None
    channel: Channel | None = None
    self_operated: bool | None = None
    involved: bool | None = None


def _get(section: Any, name: str) -> Any:
    if isinstance(section, dict):
        return section.get(name)
    return getattr(section, name, None)


def _date(value: Any) -> date | None:
    try:
        return None if value is None else _to_date(value)
    except PydanticCustomError:
        return None


def _fen(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # already fen (a validated document)
    try:
        return None if value is None else _to_fen(value)
    except PydanticCustomError:
        return None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _enum(kind: Any, value: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return None  # not one of the values: reported as a field error


def snapshot(data: Any, *, validated: bool) -> Snapshot:
    """What the checks need, from a validated document or (best effort) from raw input."""
    if validated:
        return _from_facts(data)
    if not isinstance(data, dict):
        return Snapshot()
    purchase = _get(data, "purchase") or {}
    seller = _get(data, "seller") or {}
    history = _get(data, "history") or {}
    platform = _get(data, "platform") or {}
    raw_breaks = _get(history, "limitation_interruptions")
    breaks: list[tuple[int, date]] = []
    if isinstance(raw_breaks, list | tuple):
        for i, item in enumerate(raw_breaks):
            day = _date(_get(item, "date"))
            if day is not None:
                breaks.append((i, day))
    amount = _get(purchase, "amount_paid")
    used = _get(purchase, "prepaid_used")
    return Snapshot(
        bought=_date(_get(purchase, "date")),
        received=_date(_get(purchase, "received_date")),
        as_of=_date(_get(data, "as_of")),
        knew=_date(_get(history, "first_knew_of_harm")),
        interruptions=tuple(breaks),
        seller_kind=_enum(SellerKind, _get(seller, "kind")),
        role_in_sale=_enum(RoleInSale, _get(seller, "role_in_sale")),
        amount_paid=amount if validated else _fen(amount),
        prepaid=_flag(_get(purchase, "prepaid")),
        prepaid_used=used if validated else _fen(used),
        channel=_enum(Channel, _get(purchase, "channel")),
        self_operated=_flag(_get(platform, "self_operated")),
        involved=_flag(_get(platform, "involved")),
    )


def check_day(facts: Any, day: date) -> None:
    """Refuse a validated document whose dates fall after `day`, the assessment day a caller
    gives in place of the document's own as_of (the CLI's --as-of, the API's ?as_of=)."""
    p = facts.purchase
    h = facts.history
    knew = h.first_knew_of_harm
    if (
        p.date <= day
        and (p.received_date is None or p.received_date <= day)
        and (knew is None or knew <= day)
        and not h.limitation_interruptions
    ):
        return  # the usual case, without building the snapshot
    errors = _dates(snapshot(facts, validated=True)._replace(as_of=day))
    if errors:
        raise ValidationError.from_exception_data("weiquan.facts/1", errors)


def _from_facts(facts: Any) -> Snapshot:
    """The same from a validated document: plain attribute reads (every document passes here)."""
    p = facts.purchase
    breaks = facts.history.limitation_interruptions
    return Snapshot(
        p.date,
        p.received_date,
        facts.as_of,
        facts.history.first_knew_of_harm,
        tuple((i, b.date) for i, b in enumerate(breaks)) if breaks else (),
        facts.seller.kind,
        facts.seller.role_in_sale,
        p.amount_paid,
        p.prepaid,
        p.prepaid_used,
        p.channel,
        facts.platform.self_operated,
        facts.platform.involved,
    )


def _error(loc: tuple[str | int, ...], kind: str, en: str, zh: str, got: Any) -> InitErrorDetails:
    return {
        "type": PydanticCustomError(kind, en, {"zh": zh, "en": en}),
        "loc": loc,
        "input": got.isoformat() if isinstance(got, date) else got,
    }


def contradictions(s: Snapshot) -> list[InitErrorDetails]:
    """Every contradiction among these facts, each at the path of the fact to correct."""
    out = _dates(s)
    out.extend(_parties(s))
    out.extend(_prepayment(s))
    return out


def _dates(s: Snapshot) -> list[InitErrorDetails]:
    out: list[InitErrorDetails] = []
    bought, received, knew = s.bought, s.received, s.knew
    # The day the facts are judged on: as_of, else today in China (only computed when needed).
    if s.as_of is not None:
        limit = s.as_of
        en_day, zh_day, kind_day = "as_of", "评估日期（as_of）", "after_as_of"
    elif any(d is not None for d in (bought, received, knew)) or s.interruptions:
        limit = today()
        en_day, zh_day, kind_day = "today (as_of is not given)", "今天（未给出 as_of）", "in_future"
    else:
        return out
    if bought and received and received < bought:
        out.append(
            _error(
                ("purchase", "received_date"),
                "received_before_purchase",
                "received_date is before the purchase date",
                "签收日期早于下单日期",
                received,
            )
        )
    if bought and s.as_of is not None and s.as_of < bought:
        out.append(
            _error(
                ("as_of",),
                "as_of_before_purchase",
                "as_of is before the purchase date",
                "评估日期早于下单日期",
                s.as_of,
            )
        )
    elif bought and bought > limit:
        out.append(
            _error(
                ("purchase", "date"),
                "purchase_in_future",
                f"purchase.date is after {en_day}: a purchase cannot be dated in the future",
                f"下单日期（purchase.date）晚于{zh_day}：购买日期不能在将来",
                bought,
            )
        )
    if received and received > limit:
        out.append(
            _error(
                ("purchase", "received_date"),
                f"received_{kind_day}",
                f"purchase.received_date is after {en_day}",
                f"签收日期（purchase.received_date）晚于{zh_day}",
                received,
            )
        )
    if knew and bought and knew < bought:
        out.append(
            _error(
                ("history", "first_knew_of_harm"),
                "knew_before_purchase",
                "history.first_knew_of_harm is before the purchase date (purchase.date): harm "
                "from a purchase cannot be known before it was made",
                "知道受损害的日期（history.first_knew_of_harm）早于下单日期（purchase.date）："
                "不可能在购买前就知道这次购买造成的损害",
                knew,
            )
        )
    if knew and knew > limit:
        out.append(
            _error(
                ("history", "first_knew_of_harm"),
                f"knew_{kind_day}",
                f"history.first_knew_of_harm is after {en_day}",
                f"知道受损害的日期（history.first_knew_of_harm）晚于{zh_day}",
                knew,
            )
        )
    for i, day in s.interruptions:
        loc = ("history", "limitation_interruptions", i, "date")
        if bought and day < bought:
            out.append(
                _error(
                    loc,
                    "interruption_before_purchase",
                    "a limitation interruption (history.limitation_interruptions) is dated "
                    "before the purchase date (purchase.date)",
                    "时效中断事由（history.limitation_interruptions）的日期早于下单日期"
                    "（purchase.date）",
                    day,
                )
            )
        elif day > limit:
            out.append(
                _error(
                    loc,
                    f"interruption_{kind_day}",
                    f"a limitation interruption (history.limitation_interruptions) is dated "
                    f"after {en_day}",
                    f"时效中断事由（history.limitation_interruptions）的日期晚于{zh_day}",
                    day,
                )
            )
    return out


def _parties(s: Snapshot) -> list[InitErrorDetails]:
    out: list[InitErrorDetails] = []
    if (
        s.seller_kind is SellerKind.PRIVATE_INDIVIDUAL
        and s.role_in_sale is RoleInSale.GROUP_BUY_LEADER_ON_COMMISSION
    ):
        # A leader who recruits buyers and takes payment for a commission trades: it is an
        # operator (ECL Art. 9), which a private person occasionally selling is not.
        out.append(
            _error(
                ("seller", "role_in_sale"),
                "private_seller_on_commission",
                "seller.kind private_individual contradicts seller.role_in_sale "
                "group_buy_leader_on_commission: a group-buy leader paid by commission trades "
                "as an operator, a private individual does not; correct one of them",
                "卖家类型（seller.kind）为偶尔出售自有物品的个人（private_individual），与交易角色"
                "（seller.role_in_sale）为拿佣金的团长（group_buy_leader_on_commission）相互矛盾："
                "拿佣金组织团购属于经营，偶尔出售自有物品的个人不是经营者；请改正其中一项",
                RoleInSale.GROUP_BUY_LEADER_ON_COMMISSION.value,
            )
        )
    self_run = s.channel is Channel.PLATFORM_SELF_OPERATED or s.self_operated is True
    if self_run and s.involved is False:
        # Self-operated means the platform is the seller: it cannot also be uninvolved.
        out.append(
            _error(
                ("platform", "involved"),
                "self_operated_not_involved",
                "platform.involved is false but the platform sold the goods itself "
                "(purchase.channel platform_self_operated or platform.self_operated true)",
                "平台参与（platform.involved）为否，但商品由平台自营销售（purchase.channel 为 "
                "platform_self_operated 或 platform.self_operated 为是），相互矛盾",
                False,
            )
        )
    if s.channel is Channel.PLATFORM_SELF_OPERATED and s.self_operated is False:
        out.append(
            _error(
                ("platform", "self_operated"),
                "channel_self_operated_contradicted",
                "platform.self_operated is false but purchase.channel is platform_self_operated",
                "平台自营（platform.self_operated）为否，但购买渠道（purchase.channel）为平台自营"
                "（platform_self_operated），相互矛盾",
                False,
            )
        )
    return out


def _prepayment(s: Snapshot) -> list[InitErrorDetails]:
    out: list[InitErrorDetails] = []
    used = s.prepaid_used
    if used is None:
        return out
    if s.prepaid is False:
        out.append(
            _error(
                ("purchase", "prepaid_used"),
                "prepaid_used_without_prepayment",
                "purchase.prepaid_used is given but purchase.prepaid is false",
                "给出了预付款已消费金额（purchase.prepaid_used），但预付款（purchase.prepaid）为否",
                used / 100,
            )
        )
    if s.amount_paid is not None and used > s.amount_paid:
        out.append(
            _error(
                ("purchase", "prepaid_used"),
                "prepaid_used_above_paid",
                "purchase.prepaid_used is more than purchase.amount_paid: more cannot be used "
                "than was paid",
                "预付款已消费金额（purchase.prepaid_used）大于实付金额（purchase.amount_paid）："
                "消费不能超过所付金额",
                used / 100,
            )
        )
    return out
