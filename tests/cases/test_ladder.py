"""The escalation ladder: its shape, real journeys through the flows, and a property test that
no sequence of steps reaches an illegal state."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.cases import clocks, service
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.ladder import STEPS, TERMINAL, Action, Party, possible
from weiquan.cases.models import Case, CaseDeadline, CaseStatus
from weiquan.cases.schemas import CaseCreate
from weiquan.common.dates import local_today
from weiquan.events.models import CaseEvent
from weiquan.filing import flows


def test_every_status_is_reachable_and_terminal_ones_are_final() -> None:
    seen = {CaseStatus.draft}
    queue = deque([CaseStatus.draft])
    while queue:
        status = queue.popleft()
        for step in STEPS.values():
            if status in step.sources:
                targets = [step.target] if step.target else []
                if step.action == Action.consent_mediation:
                    targets.append(CaseStatus.mediation)
                for t in targets:
                    if t not in seen:
                        seen.add(t)
                        queue.append(t)
    assert seen == set(CaseStatus)
    for status in TERMINAL:
        assert possible(status, frozenset(Party)) == []


def test_every_step_is_open_to_the_admin_and_withdrawal_to_the_consumer() -> None:
    for step in STEPS.values():
        assert Party.admin in step.parties
    assert Party.consumer in STEPS[Action.withdraw].parties
    assert Party.merchant not in STEPS[Action.withdraw].parties


class World:
    """A case with a consumer, a merchant who verified the case's WeChat ID, an agency with a
    staff member, a mediator and a platform team."""

    def __init__(self, sessions: sessionmaker[Session], make_user: Callable[..., User],
                 make_agency: Callable[..., int]) -> None:  # fmt: skip
        self.sessions = sessions
        self.agency_id = make_agency("测试市场监管局", regions=["3101"])
        self.other_agency_id = make_agency("测试二号市场监管局", regions=["3102"])
        make_agency("测试平台团队", kind="platform", platforms=["抖音"])
        self.users = {
            "consumer": make_user("consumer"),
            "merchant": make_user("merchant"),
            "agency": make_user("agency_staff", agency="测试市场监管局"),
            "platform": make_user("platform_staff", agency="测试平台团队"),
            "mediator": make_user("mediator"),
        }
        with sessions() as session, session.begin():
            session.add(
                MerchantClaim(
                    account_id=self.users["merchant"].id,
                    kind="wechat_id",
                    value="mingpin_888",
                    status=ClaimStatus.verified,
                )
            )
        with sessions() as session:
            consumer = self.account("consumer", session)
            case = flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(case_document()),
                actor="test",
                language="zh_CN",
                account=consumer,
            )
            self.number = case.number
        # The seller's legal identity, which a complaint needs (set here: the ladder's tests
        # are about the rungs; tests/cases/test_seller_identity.py records it by its step).
        with sessions() as session, session.begin():
            filed = service.get(session=session, number=self.number)
            assert filed is not None
            filed.seller_legal_name, filed.seller_address = SELLER["legal_name"], SELLER["address"]

    def account(self, who: str, session: Session) -> Account:
        account = session.get(Account, self.users[who].id)
        assert account is not None
        session.expunge(account)
        session.rollback()
        return account

    def step(self, who: str, action: Action, today: date | None = None, **data: object) -> Case:
        with self.sessions() as session:
            case = flows.take_step(
                session=session,
                number=self.number,
                action=action,
                actor=self.account(who, session),
                data=data,
                today=today,
            )
        if case is None:  # the actor cannot see the case (yet): a refusal like any other
            raise StepRefused("not_visible", "not visible")
        return case

    def delivered(self, on: date) -> None:
        """The demand reached the seller on `on`: the merchant's clock as record_delivery starts
        it (a recorded delivery cannot be dated before the demand, made today: set it here)."""
        with self.sessions() as session, session.begin():
            case = service.get(session=session, number=self.number)
            assert case is not None
            clocks.start_merchant_answer(session=session, case=case, start=on, working_days=10)

    def case(self) -> Case:
        with self.sessions() as session:
            case = service.get(session=session, number=self.number)
            assert case is not None
            return case


@pytest.fixture
def world(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> World:
    return World(sessions, make_user, make_agency)


def test_the_whole_ladder_with_clocks(world: World, sessions: sessionmaker[Session]) -> None:
    w = world
    assert w.step("consumer", Action.send_demand, amount="3999.50").status == "demand_sent"
    with pytest.raises(StepRefused):
        w.step("consumer", Action.merchant_answer, answer="accept")  # not the consumer's step
    w.step("merchant", Action.merchant_answer, answer="refuse", note="不是我们卖的")
    w.step("consumer", Action.consumer_reject)
    w.step("consumer", Action.request_platform)
    w.step("platform", Action.platform_fail, note="卖家不配合")
    # Complaint filed on the eve of the 2026 National Day holiday: 7 working days is Oct 15.
    case = w.step("consumer", Action.file_complaint, today=date(2026, 9, 30), agency_id=w.agency_id)
    assert case.status == "complaint_filed"
    with sessions() as session:
        due = session.execute(
            select(CaseDeadline.due_on).where(
                CaseDeadline.case_id == case.id, CaseDeadline.kind == "agency_decision"
            )
        ).scalar_one()
    assert due == date(2026, 10, 15)
    w.step("agency", Action.agency_accept, today=date(2026, 10, 9))
    w.step("merchant", Action.consent_mediation)
    assert w.case().status == "accepted"  # one consent is not enough (SAMR Measures Art. 16)
    w.step("consumer", Action.consent_mediation)
    assert w.case().status == "mediation"
    w.step("agency", Action.assign_mediator, mediator_email=w.users["mediator"].email)
    w.step(
        "mediator",
        Action.record_agreement,
        amount="3999.50",
        terms="退货退款",
        perform_by="2026-12-01",
    )
    w.step("consumer", Action.agreement_performed, amount="3999.50")
    closed = w.step(
        "consumer", Action.close, outcome="refunded", amount_recovered="3999.50", rating=5
    )
    assert closed.status == "closed" and closed.amount_recovered_fen == 399950
    with sessions() as session:
        kinds = [
            e.kind
            for e in session.execute(
                select(CaseEvent).where(CaseEvent.case_id == closed.id).order_by(CaseEvent.seq)
            ).scalars()
        ]
        open_clocks = session.execute(
            select(CaseDeadline).where(
                CaseDeadline.case_id == closed.id, CaseDeadline.status == "open"
            )
        ).all()
    assert kinds[0] == "case_filed" and kinds[-1] == "case_closed"
    assert "mediation_started" in kinds and "agreement_recorded" in kinds
    assert open_clocks == []


def test_refusals_explain_and_write_nothing(world: World, sessions: sessionmaker[Session]) -> None:
    w = world
    with pytest.raises(StepRefused, match=r"已登记，尚未发出"):
        w.step("consumer", Action.close, outcome="refunded")
    with pytest.raises(StepInputError):
        w.step("consumer", Action.file_complaint, agency_id=999999)
    from pydantic import ValidationError

    w.step("consumer", Action.send_demand)
    with pytest.raises(ValidationError):
        w.step("merchant", Action.merchant_answer, answer="offer")  # an offer needs an amount
    with sessions() as session:
        kinds = session.execute(select(CaseEvent.kind).order_by(CaseEvent.seq)).scalars().all()
    # Filing (with its first assessment) and the one step that was allowed; nothing refused.
    assert kinds == ["case_filed", "assessment_attached", "demand_sent"]


ACTORS = ["consumer", "merchant", "agency", "platform", "mediator"]
INPUT = {
    Action.send_demand: {},
    Action.record_delivery: {"channel": "wechat", "sent_at": datetime.now(UTC).isoformat()},
    Action.merchant_answer: {"answer": "offer", "amount": "100"},
    Action.platform_resolve: {},
    Action.platform_fail: {"note": "x"},
    Action.agency_refuse: {"reasons": ["不属于本机构管辖"]},
    Action.agency_transfer: {"reason": "不属于本机构管辖"},
    Action.extend_verification: {"note": "需要检测"},
    Action.assign_mediator: {},
    Action.record_agreement: {"amount": "50", "terms": "退款", "perform_by": "2026-12-31"},
    Action.agreement_performed: {"amount": "50"},
    Action.record_received: {"amount": "50", "received_on": local_today().isoformat()},
    Action.end_mediation: {"reason": "party_refused"},
    Action.refer: {"to": "lawsuit"},
    Action.close: {"outcome": "partly_refunded", "amount_recovered": "50", "rating": 3},
    Action.record_seller: SELLER,
}


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    moves=st.lists(
        st.tuples(st.sampled_from(ACTORS), st.sampled_from(list(Action))), min_size=1, max_size=25
    )
)
def test_no_sequence_reaches_an_illegal_state(
    world: World, sessions: sessionmaker[Session], moves: list[tuple[str, Action]]
) -> None:
    """Any sequence of steps by anyone: refused steps change nothing, the status is always a
    ladder status, and the timeline's last status-bearing event names the current status."""
    w = world
    with sessions() as session, session.begin():
        case = service.get(session=session, number=w.number)
        assert case is not None
        # Each example starts from a fresh draft of the same case.
        case.status = CaseStatus.draft
        case.consumer_consents_mediation = case.merchant_consents_mediation = False
    for who, action in moves:
        data = dict(INPUT.get(action, {}))
        if action in (Action.file_complaint, Action.file_report):
            data["agency_id"] = w.agency_id
        if action == Action.agency_transfer:
            data["agency"] = w.other_agency_id
        if action == Action.assign_mediator:
            data["mediator_email"] = w.users["mediator"].email
        before = w.case().status
        with sessions() as session:
            count_before = len(session.execute(select(CaseEvent.id)).all())
        try:
            after = w.step(who, action, **data).status
        except (StepRefused, StepInputError):
            after = w.case().status
            with sessions() as session:
                assert len(session.execute(select(CaseEvent.id)).all()) == count_before
            assert after == before
            continue
        assert after in set(CaseStatus)
        with sessions() as session:
            last = session.execute(
                select(CaseEvent)
                .where(CaseEvent.case_id == w.case().id, CaseEvent.data["status"].is_not(None))
                .order_by(CaseEvent.seq.desc())
                .limit(1)
            ).scalar_one()
            assert last.data["status"] == after
