"""A quarter's complaints lodged with an agency through the real write path (the filing API
and the ladder's steps, tests/stats/conftest.World), for the report and public statistics.

Every outcome is a ladder step too, so the figures and the report read what a real agency's
cases would hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.factories import case_document
from tests.stats.conftest import World
from weiquan.cases.ladder import Action

BUSINESS = {"name": "广州名品贸易有限公司", "phone": "02088886666", "platform": "抖音"}
BUSINESS_SELLER = {"legal_name": "广州名品贸易有限公司", "address": "广州市天河区体育西路1号"}
PERSON = {"name": "王小明", "wechat_id": "wxm_secondhand9", "platform": "闲鱼"}
PERSON_SELLER = {"legal_name": "王小明", "address": "杭州市西湖区文三路100号"}
SHOP = {"name": "海淘优选店", "phone": "13922223333", "platform": "淘宝"}
SHOP_SELLER = {"legal_name": "海淘优选店", "address": "上海市浦东新区张江路1号"}
SELLERS = {"王小明": PERSON_SELLER, "海淘优选店": SHOP_SELLER}


@dataclass(frozen=True)
class Spec:
    lodged: str  # Beijing time, "2026-10-03 10:00"
    merchant: dict[str, Any]
    channel: str = "live_stream"
    category: str = "luxury_fashion"
    problems: tuple[str, ...] = ("counterfeit",)
    steps: tuple[tuple[str, Action, dict[str, Any]], ...] = ()  # (when, action, inputs)
    narrative: str = "主播说是专柜正品，收到后经鉴定是假货，卖家拒绝退款。"
    agency: str = "a"


def lodge_all(world: World, specs: list[Spec]) -> list[str]:
    """Each spec filed and lodged with its agency at its time; the case numbers."""
    numbers = []
    for i, s in enumerate(specs):
        world.clock.beijing(s.lodged)
        doc = case_document(
            order={"channel": s.channel, "category": s.category},
            problems=list(s.problems),
            narrative=s.narrative,
        )
        doc["merchant"] = dict(s.merchant)
        doc["consumer"] = {"name": "李娜", "phone": f"138{i:08d}", "email": f"c{i}@example.com"}
        r = world.consumer.client.post("/api/cases", json=doc)
        assert r.status_code == 201, r.text
        number = str(r.json()["number"])
        seller = SELLERS.get(s.merchant["name"], BUSINESS_SELLER)
        world.step(number, s.lodged, Action.record_seller, source="platform_answer", **seller)
        world.lodge(number, s.lodged, s.agency)
        numbers.append(number)
        for when, action, data in s.steps:
            world.step(number, when, action, **data)
    return numbers


def accepted(day: str) -> tuple[str, Action, dict[str, Any]]:
    return (f"{day} 09:00", Action.agency_accept, {})


def agreed(day: str, amount: str) -> tuple[tuple[str, Action, dict[str, Any]], ...]:
    """Accepted, mediated and agreed (resolved): the agreement's sum is what is recovered."""
    return (
        accepted(day),
        (f"{day} 10:00", Action.consent_mediation, {}),
        (f"{day} 11:00", Action.record_agreement,
         {"amount": amount, "terms": "退货退款", "perform_by": "2027-01-31"}),
    )  # fmt: skip


def closed_with_consent(day: str) -> tuple[tuple[str, Action, dict[str, Any]], ...]:
    """Accepted, mediation ended, closed with nothing; the consumer agrees to publication."""
    return (
        accepted(day),
        (f"{day} 10:00", Action.end_mediation, {"reason": "party_refused"}),
        (f"{day} 11:00", Action.close,
         {"outcome": "nothing_recovered", "publish_consent": True}),
    )  # fmt: skip


def refused(day: str) -> tuple[tuple[str, Action, dict[str, Any]], ...]:
    return ((f"{day} 16:00", Action.agency_refuse, {"reasons": ["不属于本机关管辖"]}),)
