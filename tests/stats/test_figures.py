"""The statistics equal counts worked out here, independently, from the cases, their timelines
and clocks; kept tallies equal rebuilt ones; Beijing days decide the period."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.stats.conftest import World
from weiquan.cases import clocks, tallies
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseDeadline
from weiquan.common.dates import local
from weiquan.events.models import CaseEvent
from weiquan.filing.effects import EFFECTS
from weiquan.stats.figures import Figures, Scope, compute, rebuild

Q4 = (date(2026, 10, 1), date(2027, 1, 1))


def day(at: datetime) -> date:
    return local(at).date()


def expected(session: Session, agency_id: int | None, start: date, end: date,
             keep: dict[str, str] | None = None) -> dict[str, object]:  # fmt: skip
    """Each figure counted case by case in Python, from docs/statistics.md's definitions."""
    keep = keep or {}
    counts: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    problems: Counter[str] = Counter()
    answers: list[int] = []
    fen = 0
    for case in session.execute(select(Case)).scalars():
        if case.agency_id is None or (agency_id is not None and case.agency_id != agency_id):
            continue
        if any(
            (k == "channel" and case.channel != v) or (k == "problem" and v not in case.problems)
            for k, v in keep.items()
        ):
            continue
        events = sorted(case.events, key=lambda e: e.seq)
        inside = [e for e in events if start <= day(e.at) < end]
        lodged = [e for e in events if e.kind == "complaint_filed"]
        if lodged and start <= day(lodged[0].at) < end:
            counts["filed"] += 1
            channels[case.channel] += 1
            problems.update(case.problems)
        counts["accepted"] += sum(
            e.kind == "complaint_accepted" and "mediation_due" in e.data for e in inside
        )
        counts["refused"] += sum(e.kind == "complaint_refused" for e in inside)
        counts["ended"] += sum(e.kind == "mediation_ended" for e in inside)
        counts["agreements"] += sum(e.kind == "agreement_recorded" for e in inside)
        clocks_ = session.execute(
            select(CaseDeadline).where(CaseDeadline.case_id == case.id)
        ).scalars()
        for c in clocks_:
            if c.kind in ("agency_decision", "mediation_end", "report_verification") and (
                start <= c.due_on < end
            ):
                counts["due"] += c.status in ("met", "missed")
                counts["overdue"] += c.status == "missed"
        # Money: received, else at close, else agreed; one sum per case.
        money: tuple[int, date] | None = None
        if case.amount_received_fen is not None and case.received_on is not None:
            money = (case.amount_received_fen, case.received_on)
        elif case.closed_at is not None and case.outcome != "withdrawn":
            if case.amount_recovered_fen is not None:
                money = (case.amount_recovered_fen, day(case.closed_at))
        elif case.closed_at is None and case.amount_agreed_fen is not None:
            settled = [
                day(e.at)
                for e in events
                if e.kind in ("consumer_accepted", "agreement_recorded",
                              "platform_intervention_resolved")
            ]  # fmt: skip
            money = (case.amount_agreed_fen, max(settled))
        if money and start <= money[1] < end:
            fen += money[0]
            counts["recovered_cases"] += money[0] > 0
        answered = [day(e.at) for e in events if e.kind == "merchant_answered"]
        starts = list(
            session.execute(
                select(CaseDeadline.starts_on).where(
                    CaseDeadline.case_id == case.id, CaseDeadline.kind == "merchant_answer"
                )
            ).scalars()
        )
        if answered and starts and min(starts) <= answered[0] and start <= answered[0] < end:
            answers.append((answered[0] - min(starts)).days)
    return {
        "total": counts["filed"],
        "by_channel": dict(channels),
        "by_problem": dict(problems),
        "accepted": counts["accepted"],
        "refused": counts["refused"],
        "mediations_ended": counts["ended"],
        "agreements": counts["agreements"],
        "clocks_due": counts["due"],
        "overdue": counts["overdue"],
        "recovered_fen": fen,
        "recovered_cases": counts["recovered_cases"],
        "first_answer_days_median": float(statistics.median(answers)) if answers else None,
    }


def seen(f: Figures) -> dict[str, object]:
    return {
        "total": f.total,
        "by_channel": dict(f.by_channel),
        "by_problem": dict(f.by_problem),
        "accepted": f.accepted,
        "refused": f.refused,
        "mediations_ended": f.mediations_ended,
        "agreements": f.agreements,
        "clocks_due": f.clocks_due,
        "overdue": f.overdue,
        "recovered_fen": f.recovered_fen,
        "recovered_cases": f.recovered_cases,
        "first_answer_days_median": f.first_answer_days_median,
    }


def a_quarter(world: World, sessions: sessionmaker[Session]) -> dict[str, str]:
    """Complaints of the last quarter of 2026 that take every road the figures count."""
    w, n = world, {}
    # Accepted, mediated to an agreement, money received: a live-stream counterfeit.
    n["agreed"] = w.file("2026-09-20 10:00", price_paid="3999.50")
    w.step(n["agreed"], "2026-09-20 10:05", Action.send_demand, amount="3999.50")
    w.step(n["agreed"], "2026-09-21 09:00", Action.record_delivery, channel="wechat",
           sent_at="2026-09-21T08:30:00")  # fmt: skip
    w.step(n["agreed"], "2026-09-25 12:00", Action.merchant_answer, answer="refuse",
           note="不是我们卖的")  # fmt: skip
    w.lodge(n["agreed"], "2026-10-08 09:00")
    w.step(n["agreed"], "2026-10-09 10:00", Action.agency_accept)
    w.step(n["agreed"], "2026-10-10 10:00", Action.consent_mediation)
    w.step(n["agreed"], "2026-10-20 10:00", Action.record_agreement, amount="3000",
           terms="退货退款", perform_by="2026-11-01")  # fmt: skip
    w.step(n["agreed"], "2026-10-25 10:00", Action.record_received, amount="2800",
           received_on="2026-10-24")  # fmt: skip
    # Refused: a WeChat sale of expired food, lodged at 06:00 on 1 October in Beijing, which is
    # still 30 September in UTC: it counts in the fourth quarter.
    n["refused"] = w.file("2026-09-28 10:00", channel="wechat_private", category="food",
                          problems=["expired", "false_advertising"])  # fmt: skip
    w.step(n["refused"], "2026-09-28 11:00", Action.send_demand)
    w.step(n["refused"], "2026-09-28 11:30", Action.record_delivery, channel="wechat",
           sent_at="2026-09-28T11:20:00")  # fmt: skip
    w.step(n["refused"], "2026-09-30 09:00", Action.merchant_answer, answer="offer",
           amount="10")  # fmt: skip
    w.lodge(n["refused"], "2026-10-01 06:00")
    w.step(n["refused"], "2026-10-12 16:00", Action.agency_refuse, reasons=["不属于本机关管辖"])
    # Mediation ended without agreement; closed with nothing.
    n["ended"] = w.file("2026-11-02 10:00", problems=["counterfeit", "quality_defect"])
    w.lodge(n["ended"], "2026-11-03 10:00")
    w.step(n["ended"], "2026-11-04 10:00", Action.agency_accept)
    w.step(n["ended"], "2026-11-20 10:00", Action.end_mediation, reason="party_refused")
    w.step(n["ended"], "2026-11-21 10:00", Action.close, outcome="nothing_recovered")
    # Lodged at 07:30 on 1 January 2027 in Beijing (31 December in UTC): the next quarter.
    n["next"] = w.file("2026-12-01 10:00", channel="wechat_private")
    w.lodge(n["next"], "2027-01-01 07:30")
    # Lodged with the other agency; its accept clock is missed and the scan marks it.
    n["other"] = w.file("2026-10-13 10:00", channel="wechat_moments")
    w.lodge(n["other"], "2026-10-14 10:00", agency="b")
    w.clock.beijing("2026-11-30 09:00")
    clocks.scan(sessions, w.clock.now, effects=EFFECTS)
    # Settled with the merchant before any agency: no agency counts it.
    n["private"] = w.file("2026-10-15 10:00")
    return n


def test_figures_equal_counts_from_the_cases(world: World, sessions: sessionmaker[Session]) -> None:
    a_quarter(world, sessions)
    a, b = world.agencies["a"], world.agencies["b"]
    with sessions() as session:
        for agency in (a, b, None):
            f = compute(session, Scope(agency, *Q4))
            assert seen(f) == expected(session, agency, *Q4)
        fa = compute(session, Scope(a, *Q4))
        fall = compute(session, Scope(None, *Q4))
        fb = compute(session, Scope(b, *Q4))
    # What the people who filed these see, by hand: three lodged with the first agency in the
    # quarter (one at 06:00 Beijing on 1 October), one accepted and one refused of two decided.
    assert fa.total == 3 and fa.by_month == [("2026-10", 2), ("2026-11", 1), ("2026-12", 0)]
    assert dict(fa.by_channel) == {"live_stream": 2, "wechat_private": 1}
    assert fa.accepted == 2 and fa.refused == 1 and fa.acceptance_rate == 2 / 3
    assert fa.agreements == 1 and fa.mediations_ended == 1 and fa.mediation_success == 0.5
    assert fa.recovered_fen == 280000 and fa.recovered_cases == 1  # the sum received, not agreed
    # The merchants answered in September (4 and 2 days after the demand reached them).
    assert fa.first_answer_days_median is None
    assert fb.total == 1 and fb.overdue == 1 and fb.clocks_due == 1 and fb.overdue_rate == 1.0
    assert fall.total == 4 and fa.overdue == 0 and fa.clocks_due == 4
    with sessions() as session:
        q1 = compute(session, Scope(a, date(2027, 1, 1), date(2027, 4, 1)))
        q3 = compute(session, Scope(a, date(2026, 7, 1), date(2026, 10, 1)))
        since = compute(session, Scope(a, date(2026, 9, 1), Q4[1]))
    assert q1.total == 1 and q3.total == 0
    assert q3.first_answer_days_median == since.first_answer_days_median == 3.0
    assert since.first_answers == 2


def test_filters_as_the_queue(world: World, sessions: sessionmaker[Session]) -> None:
    a_quarter(world, sessions)
    a = world.agencies["a"]
    with sessions() as session:
        for keep in ({"channel": "wechat_private"}, {"problem": "counterfeit"},
                     {"problem": "expired", "channel": "wechat_private"}):  # fmt: skip
            f = compute(session, Scope(a, *Q4, filters=keep))
            assert seen(f) == expected(session, a, *Q4, keep=keep)
        f = compute(session, Scope(a, *Q4, filters={"channel": "wechat_private"}))
        assert f.total == 1 and f.refused == 1 and f.accepted == 0
        none = compute(session, Scope(a, *Q4, filters={"platform": "淘宝"}))
        assert none.total == 0 and none.top_merchants == []
        assert compute(session, Scope(a, *Q4, filters={"region": "x'--"})).total == 3


def test_rebuild_equals_incremental(world: World, sessions: sessionmaker[Session]) -> None:
    a_quarter(world, sessions)

    def kept() -> set[tuple[object, ...]]:
        with sessions() as session:
            rows = session.execute(select(tallies.CaseTally)).scalars()
            return {(r.agency_id, r.day, r.measure, r.value, r.n, r.amount_fen)
                    for r in rows if r.n or r.amount_fen}  # fmt: skip

    incremental = kept()
    assert incremental  # the write path kept them
    with sessions() as session, session.begin():
        rebuild(session)
    assert kept() == incremental


def test_top_merchants_across_identities(world: World, sessions: sessionmaker[Session]) -> None:
    shop = {"name": "名品小店", "wechat_id": "mingpin_888", "platform": "抖音"}
    person = {"name": "王小明", "phone": "13900001111"}
    for when in ("2026-10-02 10:00", "2026-10-03 10:00"):
        world.lodge(world.file(when, merchant=shop), when.replace("10:00", "11:00"))
    # The same shop by its WeChat ID alone: the registry's merchant, not the name, counts.
    world.lodge(world.file("2026-10-04 10:00", merchant={"wechat_id": "mingpin_888"}),
                "2026-10-04 11:00")  # fmt: skip
    world.lodge(world.file("2026-10-05 10:00", merchant=person), "2026-10-05 11:00")
    with sessions() as session:
        rows = compute(session, Scope(world.agencies["a"], *Q4)).top_merchants
        public = compute(session, Scope(world.agencies["a"], *Q4, public=True)).top_merchants
    assert [(r.name, r.count) for r in rows][:1] == [("名品小店", 3)]
    assert rows[1].count == 1 and "王小明" not in rows[1].name  # a person's name masked
    assert [r.name for r in public] == []  # counts under five are not published
    with sessions() as session:
        still = {e.kind for e in session.execute(select(CaseEvent)).scalars()}
    assert "complaint_filed" in still


def test_a_merge_of_merchants_counts_them_as_one(
    world: World, sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    """Two WeChat IDs complained about apart, then linked by an agency as one seller: the top
    merchants add their complaints up at once, and a rebuild agrees."""
    for when, wechat in (("2026-10-02 10:00", "shop_one_01"), ("2026-10-03 10:00", "shop_one_01"),
                         ("2026-10-04 10:00", "shop_two_02")):  # fmt: skip
        number = world.file(when, merchant={"name": "好物小铺", "wechat_id": wechat})
        world.lodge(number, when.replace("10:00", "11:00"))
    a = world.agencies["a"]
    with sessions() as session:
        before = compute(session, Scope(a, *Q4)).top_merchants
    assert sorted(r.count for r in before) == [1, 2]
    staff = make_user("agency_staff", agency="甲市市场监管局")
    r = staff.client.post(
        "/api/merchants/links",
        json={"reason": "同一个卖家的两个微信号",
              "identifiers": [{"kind": "wechat", "value": "shop_one_01"},
                              {"kind": "wechat", "value": "shop_two_02"}]},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    with sessions() as session:
        after = compute(session, Scope(a, *Q4)).top_merchants
    assert [r.count for r in after] == [3]
    with sessions() as session, session.begin():
        rebuild(session)
    with sessions() as session:
        assert [r.count for r in compute(session, Scope(a, *Q4)).top_merchants] == [3]
