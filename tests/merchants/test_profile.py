"""Credit profiles from the case timeline: answers and their timing, settlements, findings,
a score that adds up line by line, and the buyer's warnings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.merchants.helpers import file
from weiquan.cases import service as cases
from weiquan.cases.models import CaseStatus
from weiquan.events import service as events
from weiquan.filing import flows as filing
from weiquan.merchants import flows, service
from weiquan.merchants.models import MerchantCase
from weiquan.merchants.schemas import AgencyRecordIn

SELLER = {"wechat_id": "fake_lux_01", "name": "小美", "platform": "微信"}


def step(sessions: sessionmaker[Session], number: str, kind: str, **data: object) -> None:
    """Append a timeline event as the filing flows do, and say so (filing.flows.changed keeps
    the facts in step: no hook does)."""
    with sessions() as session, session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        events.create(session=session, case=case, kind=kind, actor="test", data=data)
        filing.changed(session, [case.id])


def profile(sessions: sessionmaker[Session], query: str = "fake_lux_01"):  # type: ignore[no-untyped-def]
    with sessions() as session:
        return service.profile(
            session=session, merchant=service.find(session=session, query=query)[0]
        )


def test_figures_come_from_the_timeline(sessions: sessionmaker[Session]) -> None:
    numbers = [
        file(sessions, SELLER, order={"payment_method": "private_transfer"}),
        file(sessions, SELLER, narrative="付款后卖家就把我拉黑了，再也联系不上。"),
        file(sessions, SELLER),
        file(sessions, SELLER),
    ]
    today = datetime.now(UTC).date()
    for n in numbers[:3]:
        step(
            sessions, n, "demand_sent", amount_fen=100, due=(today + timedelta(days=7)).isoformat()
        )
    step(sessions, numbers[0], "merchant_answered", answer="accept", amount_fen=100)
    step(sessions, numbers[1], "merchant_answered", answer="refuse")
    step(sessions, numbers[0], "case_closed", outcome="refunded", amount_recovered_fen=399950)
    step(sessions, numbers[3], "complaint_refused", reasons=["not admissible"])
    with sessions() as session:
        rows = {r.case_id: r for r in session.execute(select(MerchantCase)).scalars()}
        assert sum(r.answered for r in rows.values()) == 2
        assert all(r.answered_on_time for r in rows.values() if r.answered)
    p = profile(sessions)
    s = p.stats
    assert (s.complaints, s.not_counted) == (3, 1)  # the refused complaint does not count
    assert (s.demands, s.answered, s.answered_percent) == (3, 2, 67)
    assert s.on_time == 2 and s.settled == 1
    assert s.recovered == 399950
    assert s.median_answer_hours is not None and s.median_answer_hours < 1
    assert s.by_kind[0].code == "counterfeit" and s.by_kind[0].count == 3
    assert sum(line.points for line in p.score.lines) == p.score.value  # adds up, no hidden terms
    assert p.score.lines[0].text == "每个商家的起始分为 70 分。"
    codes = {w.code for w in p.warnings}
    assert {"no_real_name", "private_transfer", "blocked", "same_kind"} <= codes
    assert "below_market" not in codes  # ¥3,999.50 for a Gucci bag is not far below its price


def test_closing_through_the_case_row_updates_the_profile(sessions: sessionmaker[Session]) -> None:
    number = file(sessions, SELLER)
    with sessions() as session, session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        case.status = CaseStatus.closed
        case.closed_at = datetime.now(UTC)
        case.outcome = "compensated"
        case.amount_recovered_fen = 5000
        case.publish_consent = True
        filing.changed(session, [case.id])
    p = profile(sessions)
    assert p.stats.settled == 1 and p.stats.recovered == 5000


def test_findings_repeats_and_lists_in_the_score(sessions: sessionmaker[Session]) -> None:
    file(sessions, SELLER, order={"brand": "LV", "price_paid": "800"})
    base = {
        "authority": "某市市场监督管理局",
        "identifiers": [{"kind": "wechat", "value": "fake_lux_01"}],
    }
    for record in (
        {"record_type": "finding", "finding_kind": "counterfeit", "decided_on": "2025-01-10",
         "reference": "处〔2025〕1号"},
        {"record_type": "finding", "finding_kind": "fraud", "decided_on": "2026-02-10",
         "reference": "处〔2026〕9号", "decided_by": "court"},
        {"record_type": "black_list", "decided_on": "2026-03-01", "reference": "信〔2026〕2号"},
    ):  # fmt: skip
        with sessions() as session:
            flows.record(
                session=session, record_in=AgencyRecordIn.model_validate(base | record), actor="t"
            )
    p = profile(sessions)
    points = [line.points for line in p.score.lines]
    assert -20 in points and -25 in points  # an agency's finding, a court's
    assert -10 in points  # the second came within two years of the first
    assert -30 in points  # black list
    assert p.score.value == 0 and p.score.band == "risk"
    assert [w.code for w in p.warnings][:2] == ["black_list", "findings"]
    assert "below_market" in {w.code for w in p.warnings}  # an LV bag for ¥800
    assert len(p.records) == 3


def test_reply_and_code(sessions: sessionmaker[Session]) -> None:
    file(sessions, SELLER)
    with sessions() as session:
        merchant, code = flows.issue_code(session=session, query="fake_lux_01")
    with sessions() as session:
        stored = service.get(session=session, merchant_id=merchant.id)
        assert stored is not None and stored.code_hash and code not in stored.code_hash
        assert service.check_code(stored, code) and service.check_code(stored, code.lower())
        assert not service.check_code(stored, "WRONG-CODE")
    with sessions() as session:
        flows.reply(session=session, merchant_id=merchant.id, text="已全部退款，欢迎核实。")
    assert profile(sessions).reply.text == "已全部退款，欢迎核实。"


def test_profiles_show_strong_identifiers_first_and_count_them_all(
    sessions: sessionmaker[Session],
) -> None:
    """A merchant seen under more names than a profile shows: the strong identifiers come first,
    the count covers them all, and a page of profiles reads identifiers in one query."""
    from sqlalchemy import event

    from weiquan.common.identifiers import Kind
    from weiquan.merchants import identifiers as ids
    from weiquan.merchants.models import EvidenceKind
    from weiquan.merchants.resolution import Evidence, link

    many = service.SHOWN_IDENTIFIERS + 10
    with sessions() as session, session.begin():
        phone = ids.make(Kind.phone, "13800001111")
        names = [ids.make(Kind.real_name, f"小店{i}") for i in range(many - 2)]
        batches = [[phone, *names[n : n + 20]] for n in range(0, len(names), 20)]
        batches.append([phone, ids.make(Kind.wechat, "many_names_01")])  # seen last
        for n, batch in enumerate(batches):
            link(
                session=session,
                identifiers=batch,
                evidence=Evidence(EvidenceKind.manual, f"batch {n}"),
                actor="test",
                reason="test",
            )
        link(
            session=session,
            identifiers=[
                ids.make(Kind.wechat, "other_01"),
                ids.make(Kind.phone, "13912345678"),
            ],
            evidence=Evidence(EvidenceKind.manual, "other"),
            actor="test",
            reason="test",
        )
    with sessions() as session:
        merchants = [
            service.find(session=session, query=q)[0] for q in ("many_names_01", "other_01")
        ]
        statements: list[str] = []
        engine = session.get_bind()
        listen = lambda *a: statements.append(a[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            first, second = service.profiles(session=session, merchants=merchants)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
    assert sum("merchant_identifiers" in s for s in statements) == 1
    assert first.identifiers_total == many
    assert len(first.identifiers) == service.SHOWN_IDENTIFIERS
    assert {i.kind for i in first.identifiers[:2]} == {"phone", "wechat"}  # strong ones first
    assert all(i.kind == "real_name" for i in first.identifiers[2:])
    assert second.identifiers_total == 2 and len(second.identifiers) == 2
