"""The made-up people of a synthetic registry (consumers, merchant personas) and the made-up
history of each of their cases, for merchants.generator."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from weiquan.cases import timeline
from weiquan.cases.models import CaseStatus
from weiquan.common.dates import SHANGHAI

ACTOR = "generator"
WECHAT_STEMS = ("lux", "dg", "shop", "mei", "hw")
SHOP_STEMS = ("潮流", "品质", "优选", "好物", "国际")


@dataclass
class Consumer:
    name: str
    phone: str
    address: str
    idno: str
    template: int | None = None  # planted claimants file from one template
    since: date | None = None  # ... in a burst of a few weeks


@dataclass
class Persona:
    index: int
    style: str  # micro | shop | live
    bad: bool
    platform: str
    channel: str
    nick: str
    wechats: list[str]
    phones: list[str]
    shop: str
    room: str
    products: list[tuple[str, str, str | None, tuple[int, int]]]
    company: str | None
    uscc: str | None


def history(
    rng: random.Random, take: Callable[[str], int], case: dict[str, Any], p: Persona
) -> list[dict[str, Any]]:
    """A made-up history of one case, from filing to its end (or to now), as case_events rows;
    sets the case's status and closing columns to match."""
    at = case["created_at"]
    now = datetime.now(UTC)
    events = [("case_filed", at, timeline.case_filed(case))]
    status, outcome, recovered = CaseStatus.draft, None, 0
    sent = at + timedelta(hours=rng.randint(1, 48))
    if sent < now and rng.random() < 0.75:
        due = (sent.astimezone(SHANGHAI) + timedelta(days=7)).date()
        events.append(
            (
                "demand_sent",
                sent,
                timeline.demand_sent(due=due, amount_fen=case["price_paid_fen"]),
            )
        )
        status = CaseStatus.demand_sent
        answer = None
        if rng.random() < (0.3 if p.bad else 0.9):
            on_time = rng.random() < (0.4 if p.bad else 0.9)
            late = (
                timedelta(hours=rng.randint(1, 140))
                if on_time
                else timedelta(days=rng.randint(8, 20))
            )
            answered = sent + late
            if answered < now:
                answer = rng.choices(
                    ("accept", "offer", "refuse"), (1, 2, 7) if p.bad else (6, 3, 1)
                )[0]
                offer = (
                    case["price_paid_fen"] if answer == "accept" else case["price_paid_fen"] // 2
                )
                data = timeline.merchant_answered(answer=answer, amount_fen=offer)
                events.append(("merchant_answered", answered, data))
                status = CaseStatus.merchant_answered
        end = events[-1][1] + timedelta(days=rng.randint(1, 15))
        if end < now and rng.random() < 0.03:
            events.append(("complaint_filed", end, {"kind": "complaint"}))
            events.append(("complaint_refused", end + timedelta(days=3), {"reasons": []}))
            status = CaseStatus.refused
        elif end < now and rng.random() < 0.65:
            outcome = {
                "accept": "refunded",
                "offer": rng.choice(("partly_refunded", "compensated")),
                "refuse": "nothing_recovered",
                None: rng.choice(("nothing_recovered", "nothing_recovered", "withdrawn")),
            }[answer]
            recovered = {
                "refunded": case["price_paid_fen"],
                "partly_refunded": case["price_paid_fen"] // 2,
                "compensated": case["price_paid_fen"] * 3 // 4,
            }.get(outcome, 0)
            rating, consent = rng.randint(1, 5), rng.random() < 0.6
            data = timeline.case_closed(
                outcome=outcome,
                amount_recovered_fen=recovered,
                rating=rating,
                publish_consent=consent,
            )
            events.append(("case_closed", end, data))
            status = CaseStatus.withdrawn if outcome == "withdrawn" else CaseStatus.closed
            case |= {
                "closed_at": end,
                "outcome": outcome,
                "amount_recovered_fen": recovered,
                "rating": rating,
                "publish_consent": consent,
                "updated_at": end,
            }
    case["status"] = status
    return [
        {
            "id": take("case_events"),
            "case_id": case["id"],
            "seq": seq,
            "at": when,
            "kind": kind,
            "actor": ACTOR,
            "data": data,
        }
        for seq, (kind, when, data) in enumerate(events, 1)
    ]
