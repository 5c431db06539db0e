"""Realistic synthetic merchants, claimants and complaints in Chinese, for benchmarks and demos.

Each made-up merchant hides behind a few WeChat IDs, phones, shops and live rooms; its cases
name some of them at a time, and identity resolution (the same union-find as the online path)
decides which merchants the registry can see. A few claimants are planted: professional
claimants filing one template against many merchants. Their phones are returned as the truth
that detection is measured against; nothing in the database marks them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from weiquan.common import identifiers as case_identifiers
from weiquan.merchants import facts, textgen
from weiquan.merchants import identifiers as ids
from weiquan.merchants.personas import ACTOR, Consumer, Persona
from weiquan.merchants.synthetic import Generator

AUTHORITIES = [
    "上海市市场监督管理局",
    "杭州市西湖区市场监督管理局",
    "北京互联网法院",
    "广州互联网法院",
]


@dataclass
class Truth:
    cases: int = 0
    merchants: int = 0  # made-up merchants (personas)
    resolved: int = 0  # merchants the registry sees after resolution
    planted: set[str] = field(default_factory=set)  # claimant keys of planted serial claimants
    repeaters: set[str] = field(default_factory=set)  # honest consumers with several claims


def _allocate(rng: random.Random, total: int, merchants: int) -> list[int]:
    """Complaints per merchant: at least one each, the rest heavy-tailed (a few get many)."""
    weights = [rng.paretovariate(1.2) for _ in range(merchants)]
    scale = max(total - merchants, 0) / sum(weights)
    counts = [1 + int(w * scale) for w in weights]
    for _ in range(total - sum(counts)):
        counts[rng.randrange(merchants)] += 1
    return counts


def generate(
    *,
    engine: Engine,
    cases: int,
    merchants: int | None = None,
    seed: int = 1,
    planted_share: float = 0.01,
    batch: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> Truth:
    """Write `cases` synthetic complaints (and their merchants); returns the planted truth."""
    g = Generator(engine, seed)
    rng = g.rng
    n_merchants = max(1, min(merchants or cases // 10 or 1, cases))
    truth = Truth(merchants=n_merchants)
    extra: dict[int, list[Consumer]] = {}
    extra_claims = 0
    for _ in range(max(3, int(cases * planted_share / 8))):
        who = g.consumer(template=rng.randrange(len(textgen.TEMPLATES)))
        who.since = g.today - timedelta(days=rng.randint(70, 700))
        truth.planted.add(facts.claimant_key(who.phone))
        k = min(n_merchants, rng.randint(5, 12))
        for m in rng.sample(range(n_merchants), k):
            extra.setdefault(m, []).append(who)
        extra_claims += k
    for _ in range(max(3, cases // 200)):  # honest people unlucky more than once
        who = g.consumer()
        truth.repeaters.add(facts.claimant_key(who.phone))
        for m in rng.sample(range(n_merchants), min(n_merchants, rng.randint(2, 4))):
            extra.setdefault(m, []).append(who)
            extra_claims += 1
    counts = _allocate(rng, max(n_merchants, cases - extra_claims), n_merchants)
    pending = 0
    for m, count in enumerate(counts):
        p = g.persona(m, count)
        evidence: list[tuple[str, str, list[ids.Identifier], dict[str, Any] | None]] = []
        for who in [g.consumer() for _ in range(count)] + extra.get(m, []):
            row, events = g.case(p, who)
            found = ids.from_case(
                name=row["merchant_name"],
                wechat_id=row["merchant_wechat_id"],
                phone=row["merchant_phone"],
                shop=row["merchant_shop"],
                platform=row["merchant_platform"],
                live_room=row["merchant_live_room"],
            )
            link_row = {"case_id": row["id"], "linked_at": row["created_at"]}
            link_row |= facts.compute(row, events)
            evidence.append(("case", row["number"], found, link_row))
            g.add("cases", row)
            # The case's own identifier index, as filing writes it (merchant inboxes read it).
            for kind, value in case_identifiers.of_case(
                name=row["merchant_name"],
                wechat_id=row["merchant_wechat_id"],
                phone=row["merchant_phone"],
                shop=row["merchant_shop"],
                live_room=row["merchant_live_room"],
            ):
                g.add(
                    "case_identifiers",
                    {"id": g.take("case_identifiers"), "case_id": row["id"], "kind": kind,
                     "value": value, "queue_key": None},
                )  # fmt: skip
            g.buffers.setdefault("case_events", []).extend(events)
            g.add("merchant_cases", link_row)
            pending += 1
        evidence.extend(_records(g, p, count))
        truth.resolved += g.resolve(p, evidence)
        if pending >= batch:
            g.flush()
            if progress:
                progress(pending)
            truth.cases += pending
            pending = 0
    g.flush()
    if progress and pending:
        progress(pending)
    truth.cases += pending
    if engine.dialect.name == "postgresql":
        # Fresh statistics, as after any bulk load: autovacuum gets to them only later, and
        # until then the planner guesses the sizes of tables it has just seen empty.
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return truth


def _records(
    g: Generator, p: Persona, complaints: int
) -> list[tuple[str, str, list[ids.Identifier], dict[str, Any] | None]]:
    """Findings and list entries an agency might have made about this persona."""
    rng = g.rng
    out: list[tuple[str, str, list[ids.Identifier], dict[str, Any] | None]] = []
    wanted: list[str] = []
    if p.bad and complaints >= 5 and rng.random() < 0.3:
        wanted = ["finding"] * (2 if rng.random() < 0.2 else 1)
        if rng.random() < 0.3:
            wanted.append("black_list")
    elif not p.bad and p.uscc and rng.random() < 0.02:
        wanted = ["red_list"]
    for n, record_type in enumerate(wanted):
        found = [ids.make(ids.Kind.wechat, w) for w in p.wechats[:2]] if p.style != "shop" else []
        if p.style == "shop":
            found.append(ids.make(ids.Kind.shop_name, p.shop, p.platform))
        if p.style == "live":
            found.append(ids.make(ids.Kind.live_room, p.room, p.platform))
        if p.uscc:
            found.append(ids.make(ids.Kind.uscc, p.uscc))
        if p.company:
            found.append(ids.make(ids.Kind.real_name, p.company))
        found.append(ids.make(ids.Kind.phone, p.phones[0]))
        authority = rng.choice(AUTHORITIES)
        reference = (
            f"{'沪' if '上海' in authority else '浙'}市监处〔{2025 - n}〕{p.index % 9000 + 100}号"
        )
        decided = g.today - timedelta(days=rng.randint(30, 600) + 200 * n)
        payload: dict[str, Any] = {
            "id": g.take("merchant_agency_records"),
            "record_type": record_type,
            "finding_kind": rng.choice(("fraud", "counterfeit"))
            if record_type == "finding"
            else None,
            "decided_by": "court" if "法院" in authority else "agency",
            "authority": authority,
            "decided_on": decided,
            "reference": reference,
            "case_number": None,
            "reason": None,
            "valid_until": decided + timedelta(days=1095) if record_type != "finding" else None,
            "actor": ACTOR,
            "created_at": datetime.now(UTC),
        }
        g.add("merchant_agency_records", payload)
        out.append(("agency_record", f"{authority}:{reference}", found, payload))
    return out
