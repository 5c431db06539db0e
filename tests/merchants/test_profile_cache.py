"""The cached profile figures: every change that moves them drops the cache in its own
transaction, a lookup of a stale merchant works them out on the spot, the worker caches them
again, and what the cache says is what a fresh count says."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.merchants.helpers import file, merchant_of
from weiquan.cases import service as cases
from weiquan.cases.ladder import Action
from weiquan.filing import flows as filing
from weiquan.merchants import facts, flows, jobs, profile, service
from weiquan.merchants.generator import generate
from weiquan.merchants.models import Merchant, MerchantCase
from weiquan.merchants.schemas import AgencyRecordIn

SELLER = {"wechat_id": "cache_lux_01", "name": "小丽", "platform": "微信"}
NOW = datetime(2026, 12, 6, tzinfo=UTC)


def cached(sessions: sessionmaker[Session], merchant_id: int) -> dict[str, Any] | None:
    with sessions() as session:
        return session.execute(
            select(Merchant.stats).where(Merchant.id == merchant_id)
        ).scalar_one()


def shown(sessions: sessionmaker[Session], query: str = "cache_lux_01") -> dict[str, Any]:
    """The figures a pre-purchase check shows."""
    with sessions() as session:
        merchant = service.find(session=session, query=query)[0]
        return service.profile(session=session, merchant=merchant).stats.model_dump()


def counted(sessions: sessionmaker[Session], merchant_id: int) -> profile.Stats:
    with sessions() as session:
        return profile.stats(session=session, merchant_id=merchant_id)


def send_demand(sessions: sessionmaker[Session], number: str) -> None:
    """The ladder's step through its flow, as admin (who may take any step)."""
    with sessions() as session:
        case = filing.take_step(
            session=session, number=number, action=Action.send_demand, actor=None, data={}
        )
        assert case is not None


def test_every_change_drops_the_cache_and_the_worker_restores_it(
    sessions: sessionmaker[Session],
) -> None:
    first = file(sessions, SELLER)
    merchant_id = merchant_of(sessions, "wechat:cache_lux_01")
    assert cached(sessions, merchant_id) is None  # filing made it stale
    assert shown(sessions)["complaints"] == 1  # ... and the lookup counted on the spot
    assert jobs.refresh_profiles(sessions, NOW) >= 1
    assert profile.from_cache(cached(sessions, merchant_id)) == counted(sessions, merchant_id)

    # A step on the timeline (its flow says so) drops it; the lookup still shows the truth.
    send_demand(sessions, first)
    assert cached(sessions, merchant_id) is None
    assert shown(sessions)["demands"] == 1
    jobs.refresh_profiles(sessions, NOW)
    assert profile.from_cache(cached(sessions, merchant_id)) == counted(sessions, merchant_id)
    assert counted(sessions, merchant_id).demanded == 1

    # An agency record drops it too.
    with sessions() as session:
        flows.record(
            session=session,
            record_in=AgencyRecordIn.model_validate(
                {
                    "authority": "某市市场监督管理局",
                    "identifiers": [{"kind": "wechat", "value": "cache_lux_01"}],
                    "record_type": "finding",
                    "finding_kind": "counterfeit",
                    "decided_on": "2026-02-10",
                    "reference": "处〔2026〕7号",
                }
            ),
            actor="t",
        )
    assert cached(sessions, merchant_id) is None
    jobs.refresh_profiles(sessions, NOW)
    assert profile.from_cache(cached(sessions, merchant_id)).agency_records == 1

    # A second complaint: stale again, and nothing else is.
    file(sessions, SELLER)
    assert cached(sessions, merchant_id) is None
    assert shown(sessions)["complaints"] == 2


def test_a_lookup_reads_the_cache_when_fresh_and_ignores_an_old_layout(
    sessions: sessionmaker[Session],
) -> None:
    file(sessions, SELLER)
    merchant_id = merchant_of(sessions, "wechat:cache_lux_01")
    jobs.refresh_profiles(sessions, NOW)
    planted = cached(sessions, merchant_id)
    assert planted is not None
    # Plant a figure no count would give: the lookup shows it, so it did read the cache.
    with sessions() as session, session.begin():
        session.execute(
            update(Merchant)
            .where(Merchant.id == merchant_id)
            .values(stats=planted | {"complaints": 977})
        )
    assert shown(sessions)["complaints"] == 977
    # A cache written by an older release (another layout) is not trusted.
    with sessions() as session, session.begin():
        session.execute(
            update(Merchant)
            .where(Merchant.id == merchant_id)
            .values(stats=planted | {"complaints": 977, "v": profile.CACHE_VERSION - 1})
        )
    assert shown(sessions)["complaints"] == 1


def test_a_merge_drops_the_cache_of_both_merchants(sessions: sessionmaker[Session]) -> None:
    file(sessions, {"wechat_id": "cache_a_01", "platform": "微信"})
    file(sessions, {"wechat_id": "cache_b_01", "platform": "微信"})
    a, b = merchant_of(sessions, "wechat:cache_a_01"), merchant_of(sessions, "wechat:cache_b_01")
    assert a != b
    jobs.refresh_profiles(sessions, NOW)
    assert cached(sessions, a) and cached(sessions, b)
    # One case names both: they are one merchant now, with three complaints.
    file(sessions, {"wechat_id": "cache_a_01", "phone": "13912345678", "platform": "微信"})
    file(sessions, {"wechat_id": "cache_b_01", "phone": "13912345678", "platform": "微信"})
    target = merchant_of(sessions, "wechat:cache_a_01")
    assert target == merchant_of(sessions, "wechat:cache_b_01")
    assert cached(sessions, a) is None and cached(sessions, b) is None
    assert shown(sessions, "cache_b_01")["complaints"] == 4
    jobs.refresh_profiles(sessions, NOW)
    assert profile.from_cache(cached(sessions, target)).complaints == 4


def test_generated_merchants_come_with_their_figures(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    truth = generate(engine=engine, cases=400, seed=5, batch=150)
    with sessions() as session:
        rows = session.execute(
            select(Merchant.id, Merchant.stats).where(Merchant.merged_into_id.is_(None))
        ).all()
        live = profile.stats_of(session.connection(), [m for m, _ in rows])
    assert rows and all(stats is not None for _, stats in rows)
    assert {m: profile.from_cache(stats) for m, stats in rows} == live
    assert sum(s.complaints + s.not_counted for s in live.values()) == truth.cases


def test_facts_written_at_filing_equal_a_recount_from_the_database(
    sessions: sessionmaker[Session],
) -> None:
    """Filing computes a new case's facts from what it just wrote (no read back): they must be
    what reading the stored case and timeline gives."""
    numbers = [
        file(sessions, SELLER, order={"payment_method": "private_transfer"}),
        file(sessions, SELLER, narrative="付款后卖家就把我拉黑了，再也联系不上。"),
        file(sessions, SELLER, order={"brand": "LV", "price_paid": "800"}),
    ]
    with sessions() as session:
        for number in numbers:
            case = cases.get(session=session, number=number)
            assert case is not None
            row = session.get(MerchantCase, case.id)
            assert row is not None
            stored = {key: getattr(row, key) for key in facts.read(session.connection(), case.id)}
            assert stored == facts.read(session.connection(), case.id)
            assert [e.seq for e in case.events] == list(range(1, len(case.events) + 1))
