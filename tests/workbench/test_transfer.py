"""Transfer to the agency with jurisdiction (the ladder's agency_transfer, SAMR complaint
measures Arts. 12-14, 37): from the right statuses only, by the right staff, the receiving
agency decides and the sending one no longer does, the timeline and the clocks say so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import Account
from weiquan.cases import service, transfer
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseDeadline, CaseStatus
from weiquan.cases.schemas import CaseCreate
from weiquan.common.dates import local_today
from weiquan.events.messages import describe
from weiquan.events.models import CaseEvent
from weiquan.filing import flows
from weiquan.law import calendar
from weiquan.notifications.models import Notification

NANJING = "南京市鼓楼区市场监督管理局"
PUDONG = "上海市浦东新区市场监督管理局"
SHANGHAI = "上海市市场监督管理局"
ASSOCIATION = "上海市消费者权益保护委员会"


class Office:
    """A complaint about a Pudong seller, filed with the Nanjing office; the Pudong office,
    the Shanghai city office and an association exist, each with a clerk."""

    def __init__(self, sessions: sessionmaker[Session], make_user: Callable[..., User],
                 make_agency: Callable[..., int]) -> None:  # fmt: skip
        self.sessions = sessions
        self.ids = {
            NANJING: make_agency(NANJING, regions=["320106"]),
            PUDONG: make_agency(PUDONG, regions=["310115"]),
            SHANGHAI: make_agency(SHANGHAI, regions=["3101"]),
            ASSOCIATION: make_agency(ASSOCIATION, kind="consumer_association", regions=["3101"]),
        }
        self.users = {
            "consumer": make_user("consumer"),
            "nanjing": make_user("agency_staff", agency=NANJING),
            "pudong": make_user("agency_staff", agency=PUDONG),
            "admin": make_user("admin"),
        }
        with sessions() as session:
            case = flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(case_document()),
                actor="test",
                language="zh_CN",
                account=self.account("consumer", session),
            )
            self.number = case.number
        with sessions() as session, session.begin():
            filed = service.get(session=session, number=self.number)
            assert filed is not None
            filed.seller_legal_name, filed.seller_address = SELLER["legal_name"], SELLER["address"]
            filed.merchant_region = "310115"

    def account(self, who: str, session: Session) -> Account:
        account = session.get(Account, self.users[who].id)
        assert account is not None
        session.expunge(account)
        session.rollback()
        return account

    def step(self, who: str, action: Action, **data: object) -> Case:
        with self.sessions() as session:
            case = flows.take_step(
                session=session,
                number=self.number,
                action=action,
                actor=self.account(who, session),
                data=data,
            )
        if case is None:
            raise StepRefused("not_visible", "not visible")
        return case

    def file(self, action: Action = Action.file_complaint) -> None:
        self.step("consumer", action, agency_id=self.ids[NANJING])

    def case(self) -> Case:
        with self.sessions() as session:
            case = service.get(session=session, number=self.number)
            assert case is not None
            return case

    def clocks(self) -> list[tuple[str, str, date, date]]:
        with self.sessions() as session:
            rows = session.execute(
                select(CaseDeadline)
                .where(CaseDeadline.case_id == self.case().id)
                .order_by(CaseDeadline.id)
            ).scalars()
            return [(r.kind, r.status, r.starts_on, r.due_on) for r in rows]


@pytest.fixture
def office(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> Office:
    return Office(sessions, make_user, make_agency)


def test_the_office_proposed_is_the_county_where_the_seller_is(office: Office) -> None:
    office.file()
    with office.sessions() as session:
        case = service.get(session=session, number=office.number)
        assert case is not None
        # The Pudong office before the Shanghai city office (a county office, Art. 12), never
        # the association (another kind of body) or the office that has it already.
        assert [a.name for a in transfer.receivers(session, case)] == [SHANGHAI, PUDONG]
        proposed = transfer.with_jurisdiction(session, case)
        assert proposed is not None and proposed.name == PUDONG
        case.merchant_region = "320106"  # a Nanjing seller: the office that has it is right
        assert transfer.with_jurisdiction(session, case) is None


def test_a_transfer_moves_the_complaint_its_clock_and_the_decision(office: Office) -> None:
    office.file()
    today = local_today()
    office.step(
        "nanjing",
        Action.agency_transfer,
        agency=office.ids[PUDONG],
        reason="商家住所地在浦东新区。",
    )
    case = office.case()
    assert case.agency_id == office.ids[PUDONG]
    assert case.status == CaseStatus.complaint_filed  # the new office has still to decide
    due = calendar.add_working_days(today, 7)  # Art. 14: 7 working days from its receipt
    assert office.clocks() == [
        ("agency_decision", "met", today, calendar.add_working_days(today, 7)),
        ("agency_decision", "open", today, due),
    ]
    with office.sessions() as session:
        event = (
            session.execute(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
            )
            .scalars()
            .first()
        )
        assert event is not None and event.kind == "complaint_transferred"
        assert event.data["from_agency"] == NANJING and event.data["agency"] == PUDONG
        words = describe(event, case.number)  # in Chinese, the default
        expected = (
            f"已移送至{PUDONG}，理由：商家住所地在浦东新区。该机构应于{due.isoformat()}前作出决定。"
        )
        assert words == expected
        told = session.execute(
            select(Notification).where(
                Notification.account_id == office.users["consumer"].id,
                Notification.kind == "complaint_transferred",
            )
        ).scalar_one()
        assert told.data["agency"] == PUDONG
    # The sending office no longer decides (it does not see it at all: the seller is not in
    # its region); the receiving one does.
    with pytest.raises(StepRefused):
        office.step("nanjing", Action.agency_accept)
    assert office.step("pudong", Action.agency_accept).status == CaseStatus.accepted


def test_only_the_office_that_has_it_transfers_and_only_before_deciding(office: Office) -> None:
    # Not before it is with an agency.
    with pytest.raises(StepRefused):
        office.step("admin", Action.agency_transfer, agency=office.ids[PUDONG], reason="管辖")
    office.file()
    # Not the consumer, not the office of the seller's region (it reads, decides nothing).
    for who in ("consumer", "pudong"):
        with pytest.raises(StepRefused):
            office.step(who, Action.agency_transfer, agency=office.ids[PUDONG], reason="管辖")
    assert office.case().agency_id == office.ids[NANJING]
    office.step("nanjing", Action.agency_accept)
    # Once accepted, the office has used its jurisdiction (Art. 13).
    with pytest.raises(StepRefused):
        office.step("nanjing", Action.agency_transfer, agency=office.ids[PUDONG], reason="管辖")


@pytest.mark.parametrize(
    ("target", "code"),
    [(NANJING, "agency"), (ASSOCIATION, "agency"), (None, "agency")],
)
def test_a_transfer_needs_another_office_of_the_same_kind(
    office: Office, target: str | None, code: str
) -> None:
    office.file()
    agency = office.ids[target] if target else 999_999
    with pytest.raises(StepInputError) as refused:
        office.step("nanjing", Action.agency_transfer, agency=agency, reason="管辖")
    assert refused.value.code == code
    assert office.case().agency_id == office.ids[NANJING]
    assert [c[1] for c in office.clocks()] == ["open"]


def test_a_transfer_needs_its_reason(office: Office) -> None:
    office.file()
    with pytest.raises(ValidationError):
        office.step("nanjing", Action.agency_transfer, agency=office.ids[PUDONG], reason="  ")


def test_a_report_goes_on_with_its_verification_clock(office: Office) -> None:
    office.file(Action.file_report)
    today = local_today()
    case = office.step(
        "admin", Action.agency_transfer, agency=office.ids[SHANGHAI], reason="市局处理"
    )
    assert case.status == CaseStatus.report_filed and case.agency_id == office.ids[SHANGHAI]
    assert [c[:2] for c in office.clocks()] == [
        ("report_verification", "met"),
        ("report_verification", "open"),
    ]
    assert office.clocks()[1][3] == calendar.add_working_days(today, 15)
