"""Assessments per second on one core, for a mix of realistic facts.

Run: .venv/bin/python bench/bench_law.py [--seconds S]

Each round validates a facts document (as the CLI and the API receive it), assesses it, and
serialises the assessment to JSON, cycling through the mix below. The figure is the best of
several rounds (the least disturbed by other processes), single-threaded. The bar is 5,000/s.
"""

from __future__ import annotations

import argparse
import gc
import time
from datetime import date
from typing import Any

from weiquan.law.engine import assess
from weiquan.law.facts import Facts

AS_OF = date(2025, 6, 1)

MIX: list[dict[str, Any]] = [
    {  # counterfeit bag bought in a live room, seller promised 假一赔十
        "purchase": {
            "date": "2025-03-02",
            "received_date": "2025-03-05",
            "amount_paid": "2680.00",
            "channel": "live_stream",
            "payment": "platform",
        },
        "goods": {"category": "luxury_fashion", "brand": "LV", "condition": "intact"},
        "problems": ["counterfeit"],
        "seller": {"kind": "individual_habitual", "identified": False, "promised_multiplier": 10},
        "platform": {"involved": True, "can_identify_seller": True},
        "live_stream": {
            "room_clearly_disclosed_actual_seller": True,
            "streamer_recommended_in_own_name": True,
        },
    },
    {  # replica sold openly in WeChat Moments, paid by transfer
        "purchase": {
            "date": "2024-11-11",
            "amount_paid": 380,
            "channel": "wechat_moments",
            "payment": "private_transfer",
        },
        "goods": {"category": "luxury_fashion"},
        "problems": ["counterfeit", "return_refused"],
        "seller": {"kind": "individual_habitual", "disclosed_before_sale": True},
        "consumer": {"knew_of_problem_when_buying": True},
    },
    {  # expired food on a marketplace store
        "purchase": {
            "date": "2025-01-10",
            "received_date": "2025-01-12",
            "amount_paid": "58.60",
            "channel": "platform_store",
        },
        "goods": {"category": "food", "condition": "unsealed_for_inspection"},
        "problems": ["expired"],
        "seller": {"kind": "company"},
        "platform": {"can_identify_seller": False},
        "harm": {"injury": "none", "losses": "30"},
    },
    {  # non-compliant liquor bought knowingly in quantity
        "purchase": {"date": "2024-09-01", "amount_paid": "12000", "quantity": 20, "channel": "offline_store"},
        "goods": {"category": "food"},
        "problems": ["non_compliant_food"],
        "seller": {"kind": "individual_business", "knowledge_signals": ["no_lawful_source"]},
        "consumer": {"knew_of_problem_when_buying": True, "quantity_beyond_reasonable_needs": True},
    },
    {  # phone with a defect, 7-day return refused
        "purchase": {
            "date": "2025-05-20",
            "received_date": "2025-05-22",
            "amount_paid": "3999",
            "channel": "platform_self_operated",
        },
        "goods": {"category": "electronics", "condition": "unsealed_for_inspection"},
        "problems": ["quality_defect", "return_refused"],
        "seller": {"kind": "company"},
    },
    {  # dress bought in 2013: the old law
        "purchase": {"date": "2013-06-01", "amount_paid": "299", "channel": "platform_store"},
        "goods": {"category": "clothing"},
        "problems": ["passed_off_as_genuine"],
    },
    {  # health food that injured the buyer, endorsed by a streamer
        "purchase": {"date": "2023-08-08", "amount_paid": "899", "channel": "live_stream"},
        "goods": {"category": "health_food"},
        "problems": ["false_advertising", "non_compliant_food"],
        "seller": {"kind": "company", "is_producer": True},
        "live_stream": {"room_operator_is_seller": True, "streamer_recommended_in_own_name": True},
        "harm": {"injury": "serious_health_damage", "losses": "15000", "seller_knew_of_defect": True},
    },
    {  # second-hand console never delivered
        "purchase": {"date": "2025-04-01", "amount_paid": 1200, "channel": "second_hand_platform"},
        "goods": {"category": "electronics"},
        "problems": ["not_delivered"],
        "seller": {"kind": "private_individual"},
    },
]


def one_round(docs: list[dict[str, Any]], n: int) -> float:
    """Seconds for n assessments cycling through docs."""
    k = len(docs)
    start = time.perf_counter()
    for i in range(n):
        facts = Facts.model_validate(docs[i % k])
        assess(facts, as_of=AS_OF).model_dump_json(by_alias=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time to spend measuring")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    one_round(MIX, 200)  # warm up: imports done, caches filled
    per_round = max(len(MIX), int(args.seconds / args.rounds / 0.0004))
    gc.collect()
    best = min(one_round(MIX, per_round) for _ in range(args.rounds))
    rate = per_round / best
    print(f"{rate:,.0f} assessments/s ({per_round} per round, best of {args.rounds}, one core)")


if __name__ == "__main__":
    main()
