"""The generator's workshop: makes up people, merchants and cases in memory, resolves each
merchant's identities and loads the rows in bulk (merchants.generator drives it)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Engine, Table, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from weiquan.cases import queuekeys
from weiquan.cases.models import Case, CaseCounter, CaseIdentifier, CaseStatus
from weiquan.cases.service import format_number
from weiquan.common import bulk
from weiquan.common.dates import SHANGHAI, local_today
from weiquan.events.models import CaseEvent
from weiquan.merchants import identifiers as ids
from weiquan.merchants import profile, textgen
from weiquan.merchants.models import (
    AgencyRecord,
    Merchant,
    MerchantCase,
    MerchantIdentifier,
    MerchantLink,
)
from weiquan.merchants.personas import ACTOR, SHOP_STEMS, WECHAT_STEMS, Consumer, Persona, history
from weiquan.merchants.resolution import UnionFind
from weiquan.merchants.uscc import make_uscc


class Generator:
    def __init__(self, engine: Engine, seed: int) -> None:
        self.engine = engine
        self.rng = random.Random(seed)
        self.today = local_today()
        self.people = 0
        with engine.connect() as conn:
            self.ids = {
                t.name: bulk.next_id(conn, t)
                for t in _tables(
                    Case,
                    CaseEvent,
                    CaseIdentifier,
                    Merchant,
                    MerchantIdentifier,
                    MerchantLink,
                    AgencyRecord,
                )
            }
            self.counters = {
                y: last for y, last in conn.execute(select(CaseCounter.year, CaseCounter.last))
            }
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.dirty_years: set[int] = set()

    # -- people and merchants -------------------------------------------------------------
    def consumer(self, template: int | None = None) -> Consumer:
        self.people += 1
        born = date(self.rng.randint(1960, 2004), self.rng.randint(1, 12), self.rng.randint(1, 28))
        return Consumer(
            name=textgen.person_name(self.rng),
            phone=textgen.phone(self.people, self.rng.choice(("13", "17", "19"))),
            address=textgen.address(self.rng),
            idno=textgen.id_number(self.rng, born),
            template=template,
        )

    def persona(self, index: int, complaints: int) -> Persona:
        rng = self.rng
        style = rng.choices(("micro", "shop", "live"), (5, 3, 2))[0]
        bad = rng.random() < (0.6 if complaints >= 8 else 0.15)
        channel = {
            "micro": rng.choice(("wechat_private", "wechat_moments", "wechat_group_buy")),
            "shop": rng.choice(("platform_store", "platform_store", "second_hand_platform")),
            "live": "live_stream",
        }[style]
        platform = rng.choice(textgen.PLATFORMS[channel])
        tag = f"{index:x}"
        many = 5 if bad else 2
        nick = rng.choice(("小", "阿", "", "Lisa", "Coco")) + rng.choice(
            ("美", "芳", "潮品", "优选", "海外购", "好物", "严选")
        )
        return Persona(
            index=index,
            style=style,
            bad=bad,
            platform=platform,
            channel=channel,
            nick=f"{nick}{tag[-3:]}",
            wechats=[
                f"{rng.choice(WECHAT_STEMS)}_{tag}{chr(97 + k)}{rng.randint(10, 99)}"
                for k in range(rng.randint(1, many))
            ],
            phones=[
                textgen.phone(index * 8 + k, rng.choice(("15", "18")))
                for k in range(rng.randint(1, max(1, many - 2)))
            ],
            shop=f"{rng.choice(SHOP_STEMS)}{tag}号{rng.choice(('旗舰店', '专营店', '小店'))}",
            room=f"{nick}{tag}直播间",
            products=rng.sample(textgen.PRODUCTS, 3),
            company=(
                f"{rng.choice(('杭州', '广州', '上海'))}{tag}贸易有限公司"
                if style == "shop" and rng.random() < 0.7
                else None
            ),
            uscc=make_uscc(rng) if style == "shop" and rng.random() < 0.7 else None,
        )

    # -- cases ----------------------------------------------------------------------------
    def case_fields(self, p: Persona) -> dict[str, Any]:
        rng = self.rng
        fields: dict[str, Any] = {"merchant_platform": p.platform}
        if p.style == "micro":
            fields |= {"merchant_name": p.nick, "merchant_wechat_id": rng.choice(p.wechats)}
            if rng.random() < 0.4:
                fields["merchant_phone"] = rng.choice(p.phones)
        elif p.style == "shop":
            fields |= {"merchant_shop": p.shop, "merchant_name": p.company or p.shop}
            if rng.random() < 0.2:
                fields["merchant_phone"] = rng.choice(p.phones)
        else:
            fields |= {"merchant_live_room": p.room, "merchant_name": p.nick}
            if rng.random() < 0.5:
                fields["merchant_wechat_id"] = rng.choice(p.wechats)
        return fields

    def case(self, p: Persona, who: Consumer) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        category, goods, brand, (low, high) = rng.choice(p.products)
        planted = who.template is not None
        if planted:
            category, goods, brand, (low, high) = rng.choice(
                [x for x in textgen.PRODUCTS if x[0] in ("food", "health_food")]
            )
        quantity = rng.randint(10, 40) if planted else rng.choice((1, 1, 1, 2, 3))
        unit = rng.randint(low, high)
        if who.since is not None:
            order_date = who.since + timedelta(days=rng.randint(0, 60))
        else:
            order_date = self.today - timedelta(days=rng.randint(3, 730))
        received = min(self.today, order_date + timedelta(days=rng.randint(1, 6)))
        delay = rng.randint(0, 1) if planted else rng.choice((0, 1, 2, 3, 5, 8, 13, 20))
        filed_day = min(self.today, received + timedelta(days=delay))
        created = datetime.combine(
            filed_day, time(rng.randint(8, 22), rng.randint(0, 59)), SHANGHAI
        ).astimezone(UTC)
        created = min(created, datetime.now(UTC) - timedelta(minutes=5))
        fields = self.case_fields(p)
        private = p.style == "micro" and rng.random() < (0.8 if p.bad else 0.3)
        problems = (
            ["non_compliant_food", "false_advertising"]
            if planted
            else rng.sample(
                textgen.PROBLEMS_BY_CATEGORY.get(category, textgen.OTHER_PROBLEMS),
                rng.randint(1, 2),
            )
        )
        blocked = p.bad and p.style == "micro" and rng.random() < 0.4
        if planted:
            # A quarter of the time a professional claimant reaches for another template.
            swap = rng.random() < 0.25
            template = rng.randrange(len(textgen.TEMPLATES)) if swap else who.template or 0
            narrative = textgen.templated(
                rng,
                template,
                goods=goods,
                q=quantity,
                price=unit * quantity,
                when=order_date,
            )
        else:
            narrative = textgen.narrative(
                rng,
                channel=p.channel,
                platform=p.platform,
                goods=(brand or "") + goods,
                price=unit * quantity,
                when=order_date,
                problems=problems,
                shop=p.shop,
                room=p.room,
                wechat=fields.get("merchant_wechat_id"),
                private_transfer=private,
                blocked=blocked,
                person={
                    "name": who.name,
                    "phone": who.phone,
                    "address": who.address,
                    "idno": who.idno,
                },
            )
        case_id = self.take("cases")
        year = created.astimezone(SHANGHAI).year
        self.counters[year] = self.counters.get(year, 0) + 1
        self.dirty_years.add(year)
        row = {
            "id": case_id,
            "number": format_number(year, self.counters[year]),
            "status": CaseStatus.draft,
            "language": "zh_CN",
            "external_ref": None,
            "consumer_name": who.name,
            "consumer_phone": who.phone,
            "consumer_email": None,
            "consumer_address": who.address,
            "merchant_name": None,
            "merchant_wechat_id": None,
            "merchant_phone": None,
            "merchant_shop": None,
            "merchant_live_room": None,
            **fields,
            "goods": (brand + " " if brand else "") + goods,
            "category": category,
            "brand": brand,
            "price_paid_fen": unit * quantity * 100,
            "quantity": quantity,
            "order_date": order_date,
            "received_date": received,
            "channel": p.channel,
            "payment_method": "private_transfer" if private else "platform",
            "problems": problems,
            "narrative": narrative,
            "closed_at": None,
            "outcome": None,
            "amount_recovered_fen": None,
            "rating": None,
            "publish_consent": False,
            "created_at": created,
            "updated_at": created,
        }
        return row, history(self.rng, self.take, row, p)

    # -- resolution -----------------------------------------------------------------------
    def resolve(
        self,
        p: Persona,
        evidence: list[tuple[str, str, list[ids.Identifier], dict[str, Any] | None]],
    ) -> int:
        """The registry's view of one persona: components of its evidence, as merchants."""
        uf: UnionFind[str] = UnionFind()
        for _, _, found, _ in evidence:
            keys = [i.key for i in found if i.key]
            for k in keys:
                uf.add(k)
            for k in keys[1:]:
                uf.union(keys[0], k)
        merchant_of: dict[Any, int] = {}
        for group in uf.groups():
            merchant_id = self.take("merchants")
            self.add("merchants", {"id": merchant_id, "created_at": datetime.now(UTC)})
            for k in group:
                merchant_of[k] = merchant_id
        nodes: dict[tuple[str, Any], int] = {}
        for kind, ref, found, payload in evidence:
            hub_key = next(i.key for i in found if i.key)
            merchant_id = merchant_of[hub_key]
            node_ids = []
            for ident in found:
                slot = (
                    ident.key or f"{merchant_id}|{ident.kind}|{ident.scope}|{ident.value}",
                    None,
                )
                if slot not in nodes:
                    nodes[slot] = self.take("merchant_identifiers")
                    self.add(
                        "merchant_identifiers",
                        {
                            "id": nodes[slot],
                            "merchant_id": merchant_id,
                            "kind": ident.kind.value,
                            "scope": ident.scope,
                            "value": ident.value,
                            "display": ident.display or ident.value,
                            "key": ident.key,
                            "created_at": datetime.now(UTC),
                        },
                    )
                node_ids.append(nodes[slot])
            node_ids = list(dict.fromkeys(node_ids))
            for other in node_ids[1:]:
                self.add(
                    "merchant_links",
                    {
                        "id": self.take("merchant_links"),
                        "a_id": node_ids[0],
                        "b_id": other,
                        "evidence_kind": kind,
                        "evidence_ref": ref[:100],
                        "actor": ACTOR,
                        "created_at": datetime.now(UTC),
                    },
                )
            if payload is not None:
                payload |= {"merchant_id": merchant_id, "identifier_id": node_ids[0]}
        return len(uf.groups())

    # -- buffers --------------------------------------------------------------------------
    def take(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.buffers.setdefault(table, []).append(row)

    def flush(self) -> None:
        order = _tables(
            Merchant,
            MerchantIdentifier,
            MerchantLink,
            Case,
            CaseIdentifier,
            CaseEvent,
            MerchantCase,
            AgencyRecord,
        )
        case_ids = [row["id"] for row in self.buffers.get(Case.__tablename__, [])]
        merchant_ids = [row["id"] for row in self.buffers.get(Merchant.__tablename__, [])]
        with self.engine.begin() as conn:
            for table in order:
                rows = bulk.with_defaults(table, self.buffers.pop(table.name, []))
                bulk.insert_rows(conn, insert(table), rows)
            # What the flows keep by explicit calls, for these rows: queue keys, profile figures.
            queuekeys.refresh(conn, case_ids)
            profile.refresh(conn, merchant_ids)
            dialect = conn.dialect.name
            for year in self.dirty_years:
                upsert = pg_insert if dialect == "postgresql" else sqlite_insert
                conn.execute(upsert(CaseCounter).values(year=year, last=0).on_conflict_do_nothing())
                conn.execute(
                    update(CaseCounter)
                    .where(CaseCounter.year == year, CaseCounter.last < self.counters[year])
                    .values(last=self.counters[year])
                )
            self.dirty_years.clear()
            bulk.fix_sequences(conn, [t for t in order if t.name != "merchant_cases"])


def _tables(*models: type) -> list[Table]:
    return [cast(Table, m.__table__) for m in models]  # type: ignore[attr-defined]
