"""The case as a clerk sees it: admissibility first (the engine's grounds, the missing
materials), the one-click refusal with its notice, the request for materials, the registry's
record and flags; kept on the case as one word the queue filters on. Seen by agency staff and
admins only."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import User
from tests.documents.conftest import pdf_fonts, read_back, squash
from tests.factories import SELLER, case_document
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.assessments import flows as assessments
from weiquan.cases import service
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseMessage
from weiquan.cases.queues import deadlines_of
from weiquan.cases.schemas import CaseCreate
from weiquan.cli import app
from weiquan.documents.render import day
from weiquan.filing import flows
from weiquan.notifications.models import Notification
from weiquan.workbench import admissibility
from weiquan.workbench.effects import take_step

PUDONG = "上海市浦东新区市场监督管理局"
CITY = "上海市市场监督管理局"
ADDRESS = "上海市浦东新区世纪大道100号"


class Desk:
    """A consumer, the merchant (its WeChat ID verified), the Pudong office's clerk, the city
    office (the seller's region: reads only) and an admin."""

    def __init__(self, sessions: sessionmaker[Session], make_user: Callable[..., User],
                 make_agency: Callable[..., int]) -> None:  # fmt: skip
        self.sessions = sessions
        self.pudong = make_agency(PUDONG, regions=["310115"])
        self.city = make_agency(CITY, regions=["3101"])
        self.users = {
            "consumer": make_user("consumer", name="李娜"),
            "merchant": make_user("merchant"),
            "clerk": make_user("agency_staff", agency=PUDONG),
            "region": make_user("agency_staff", agency=CITY),
            "admin": make_user("admin"),
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

    def account(self, who: str, session: Session) -> Account:
        account = session.get(Account, self.users[who].id)
        assert account is not None
        session.expunge(account)
        session.rollback()
        return account

    def complaint(
        self, *, address: str | None = ADDRESS, legacy: bool = False, **facts: Any
    ) -> str:
        """A complaint filed with the Pudong office (its seller recorded first)."""
        doc = case_document(consumer={"address": address} if address else {})
        with self.sessions() as session:
            case = flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(doc),
                actor="test",
                language="zh_CN",
                account=self.account("consumer", session),
            )
            number = case.number
        with self.sessions() as session, session.begin():
            filed = service.get(session=session, number=number)
            assert filed is not None
            filed.merchant_region = "310115"
        if facts:
            with self.sessions() as session:
                assert assessments.attach(session=session, number=number, facts=facts, actor="t")
        self.step(number, "consumer", Action.send_demand)
        self.step(number, "consumer", Action.record_seller, **SELLER)
        self.step(number, "consumer", Action.file_complaint, legacy, agency_id=self.pudong)
        return number

    def step(
        self, number: str, who: str, action: Action, legacy: bool = False, **data: object
    ) -> Case:
        """A step through the app's flow (legacy: filing's own, which keeps no admissibility,
        as complaints filed before the workbench)."""
        with self.sessions() as session:
            case = (flows.take_step if legacy else take_step)(
                session=session,
                number=number,
                action=action,
                actor=self.account(who, session),
                data=data,
            )
        assert case is not None
        return case

    def case(self, number: str) -> Case:
        with self.sessions() as session:
            case = service.get(session=session, number=number)
            assert case is not None
            return case

    def page(self, who: str, number: str) -> str:
        response = self.users[who].client.get(f"/cases/{number}")
        assert response.status_code == 200
        return response.text


@pytest.fixture
def desk(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> Desk:
    return Desk(sessions, make_user, make_agency)


def panel(html: str) -> str:
    found = re.search(r'<section id="clerk".*?</section>', html, re.S)
    assert found is not None, "the clerk's panel is not on the page"
    return found.group(0)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_complaint_the_engine_would_refuse(desk: Desk) -> None:
    number = desk.complaint(history={"already_handled_by": "court"})
    assert desk.case(number).admissibility == "refuse"
    shown = text(panel(desk.page("clerk", number)))
    assert "法律引擎认为有不予受理的情形" in shown
    # The reason in plain words, its article in words, before anything else of the panel.
    assert "同一争议已由其他机构（法院、仲裁、行政机关、消协或调解组织）受理或处理过" in shown
    assert "市场监督管理投诉举报处理暂行办法 第15条第1款" in shown
    assert shown.index("受理或处理过") < shown.index("商家的记录")
    assert "以这些理由不予受理" in shown
    assert "补正" not in shown  # nothing is missing: no request for materials


def test_a_complaint_without_the_sellers_address(desk: Desk) -> None:
    number = desk.complaint()
    assert desk.case(number).admissibility == "ok"
    # A complaint filed before weiquan required the seller's identity: the address is gone.
    with desk.sessions() as session, session.begin():
        case = service.get(session=session, number=number)
        assert case is not None
        case.seller_address = None
        assert admissibility.refresh(session=session, case=case) == "missing"
    shown = text(panel(desk.page("clerk", number)))
    assert "缺少法律规定的材料" in shown
    assert "卖家的地址" in shown and "市场监督管理投诉举报处理暂行办法 第9条第1款" in shown
    assert "请消费者补正所缺材料" in shown
    assert "以这些理由不予受理" not in shown  # nothing to refuse on: ask first


def test_a_complaint_that_is_fine(desk: Desk) -> None:
    number = desk.complaint()
    assert desk.case(number).admissibility == "ok"
    shown = text(panel(desk.page("clerk", number)))
    assert "法律引擎未发现不予受理的情形" in shown
    assert "不予受理的情形 " not in shown and "以这些理由不予受理" not in shown
    # What only an unknown fact would decide is there to check, folded.
    assert "待核实：取决于尚不清楚的事实的情形（2项）" in shown
    # The deadline and what happens at it, in working days.
    assert re.search(r"还剩 ?\d+ ?个工作日", shown)
    assert "视为本机构逾期" in shown
    # The merchant's record across its identities and the consumer's flags (none here).
    assert "投诉" in shown and "名品" in shown
    assert "无标记" in shown


def test_filing_with_the_agency_keeps_the_word_and_a_transfer_too(desk: Desk) -> None:
    number = desk.complaint(address=None)
    assert desk.case(number).admissibility == "missing"
    # The consumer gives the address on the documents' form: complete.
    consumer = desk.users["consumer"]
    answer = consumer.client.post(
        f"/cases/{number}/documents/facts", data=consumer.form(consumer_address=ADDRESS)
    )
    assert answer.status_code in (200, 303)
    assert desk.case(number).admissibility == "ok"
    desk.step(number, "clerk", Action.agency_transfer, agency=desk.city, reason="移送市局")
    assert desk.case(number).admissibility == "ok"


def test_one_click_refusal_and_its_notice(desk: Desk) -> None:
    number = desk.complaint(history={"already_handled_by": "court"})
    clerk = desk.users["clerk"]
    done = clerk.client.post(
        f"/cases/{number}/steps/agency_refuse", data=clerk.form(), follow_redirects=False
    )
    assert done.status_code == 303
    assert desk.case(number).status == "refused"
    # The consumer reads the refusal with its reasons on the timeline.
    consumer_page = text(desk.page("consumer", number))
    assert "机构不予受理投诉：同一争议已由其他机构" in consumer_page
    # The notice addressed to the consumer, from the agency, with the reasons and the law.
    letter = desk.users["consumer"].client.get(
        f"/cases/{number}/documents/refusal_notice/file?format=txt&doc=zh"
    )
    assert letter.status_code == 200
    body = letter.text
    assert "不予受理告知书" in body and "李娜：" in body and PUDONG in body
    assert "同一争议已由其他机构（法院、仲裁、行政机关、消协或调解组织）受理或处理过" in body
    assert "第十四条" in body and "第十五条" in body and "提起诉讼" in body
    assert number in body
    # As a PDF with its CJK font embedded, and in English, as the other documents.
    pdf = desk.users["clerk"].client.get(
        f"/cases/{number}/documents/refusal_notice/file?format=pdf&doc=zh"
    )
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "不予受理告知书" in squash(read_back(pdf.content, "pdf"))
    cjk = [line for line in pdf_fonts(pdf.content).splitlines() if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk)
    english = desk.users["consumer"].client.get(
        f"/cases/{number}/documents/refusal_notice/file?format=txt&doc=en"
    )
    assert "Notice that the complaint is not accepted" in english.text
    assert "The same dispute has already been accepted or handled by another body" in english.text


def test_request_for_materials(desk: Desk) -> None:
    number = desk.complaint(address=None)
    with desk.sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        due = session.execute(select(CaseMessage.id).where(CaseMessage.case_id == case.id)).first()
        assert due is None
    clerk = desk.users["clerk"]
    asked = clerk.client.post(
        f"/cases/{number}/clerk/materials", data=clerk.form(), follow_redirects=False
    )
    assert asked.status_code == 303
    with desk.sessions() as session:
        case = service.get(session=session, number=number)
        assert case is not None
        message = session.execute(
            select(CaseMessage).where(CaseMessage.case_id == case.id)
        ).scalar_one()
        told = (
            session.execute(
                select(Notification.kind).where(
                    Notification.account_id == desk.users["consumer"].id,
                    Notification.case_id == case.id,
                )
            )
            .scalars()
            .all()
        )
        due_on = next(d for d in case_deadlines(session, case) if d[0] == "agency_decision")[1]
    assert "你的通讯地址" in message.body and day(due_on, "zh_CN") in message.body
    assert "市场监督管理投诉举报处理暂行办法 第9条第1款" in message.body
    assert "message_posted" in told
    notice = desk.users["consumer"].client.get(
        f"/cases/{number}/documents/materials_request/file?format=txt&doc=zh"
    )
    assert notice.status_code == 200
    assert "补正材料通知书" in notice.text and "你的通讯地址" in notice.text
    assert (
        f"请于{day(due_on, 'zh_CN')}前" in notice.text and "第十五条第一款第（五）项" in notice.text
    )
    # Asked twice is fine; asked when nothing is missing is refused in words.
    consumer = desk.users["consumer"]
    consumer.client.post(
        f"/cases/{number}/documents/facts", data=consumer.form(consumer_address=ADDRESS)
    )
    again = clerk.client.post(f"/api/cases/{number}/materials-request", headers=auth(clerk))
    assert again.status_code == 409 and "不缺少" in again.json()["detail"]


def case_deadlines(session: Session, case: Case) -> list[tuple[str, Any]]:
    return [(d.kind, d.due_on) for d in deadlines_of(session, case) if d.status == "open"]


def auth(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {user.token}"}


def test_only_agency_staff_and_admins_see_the_panel(desk: Desk) -> None:
    number = desk.complaint(history={"already_handled_by": "court"})
    for who in ("consumer", "merchant"):
        html = desk.page(who, number)
        assert 'id="clerk"' not in html
        assert "商家的记录" not in html and "消费者的投诉记录" not in html
    # The office of the seller's region reads it, without the buttons.
    region = panel(desk.page("region", number))
    assert "您所在机构的辖区覆盖该卖家" in text(region)
    assert 'data-clerk="refuse"' not in region and 'data-clerk="transfer"' not in region
    assert 'data-clerk="refuse"' in panel(desk.page("admin", number))
    # Nor may it ask for materials or refuse.
    region_user = desk.users["region"]
    refused = region_user.client.post(
        f"/api/cases/{number}/materials-request", headers=auth(region_user)
    )
    assert refused.status_code == 403


def test_the_mediator_sees_no_panel(desk: Desk) -> None:
    """Whether to accept is the office's decision, and the flags are the office's."""
    number = desk.complaint()
    desk.step(number, "clerk", Action.agency_accept)
    mediator = desk.users["mediator"]
    desk.step(number, "clerk", Action.assign_mediator, mediator_email=mediator.email)
    html = desk.page("mediator", number)
    assert 'id="clerk"' not in html and "消费者的投诉记录" not in html
    # The office still has it, decided: the panel says so and offers no refusal.
    shown = text(panel(desk.page("clerk", number)))
    assert "本机构已作出决定：机构已受理。" in shown and "以这些理由不予受理" not in shown


def test_the_command_works_out_the_word_for_complaints_filed_before(
    desk: Desk, cli_env: dict[str, str]
) -> None:
    fine = desk.complaint(legacy=True)
    lacking = desk.complaint(address=None, legacy=True)
    assert desk.case(fine).admissibility is None and desk.case(lacking).admissibility is None
    result = CliRunner().invoke(app, ["workbench", "admissibility"])
    assert result.exit_code == 0, result.output
    assert "共2件：1件可受理，1件缺少材料，0件应不予受理。" in result.stdout
    assert desk.case(fine).admissibility == "ok"
    assert desk.case(lacking).admissibility == "missing"
    one = CliRunner().invoke(app, ["workbench", "admissibility", "--number", "WQ-2026-999999"])
    assert one.exit_code == 1 and "WQ-2026-999999" in one.stderr
