"""Work lists: the merchant's inbox and the agency's queue, most urgent first, kept current by
the queue keys on every change, each case once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.cases import clocks
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseIdentifier
from weiquan.cases.schemas import CaseCreate
from weiquan.filing import flows


def test_inbox_and_queue_order_and_follow_every_step(
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
) -> None:
    make_agency("甲区市场监管局", regions=["3101"])
    make_agency("乙区市场监管局", regions=["3201"])
    consumer = make_user("consumer")
    merchant = make_user("merchant")
    office = make_user("agency_staff", agency="甲区市场监管局")
    with sessions() as session, session.begin():
        for kind, value in (("wechat_id", "mingpin_888"), ("phone", "13900001111")):
            session.add(
                MerchantClaim(
                    account_id=merchant.id, kind=kind, value=value, status=ClaimStatus.verified
                )
            )

    def account(user: User) -> Account:
        with sessions() as session:
            found = session.get_one(Account, user.id)
            session.expunge(found)
            return found

    def file(**merchant_fields: Any) -> str:
        doc = case_document()
        doc["merchant"].update(merchant_fields)
        with sessions() as session:
            return flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(doc),
                actor="test",
                language="zh_CN",
                account=account(consumer),
            ).number

    def step(
        user: User, number: str, action: Action, today: date | None = None, **data: Any
    ) -> None:
        with sessions() as session:
            flows.take_step(
                session=session,
                number=number,
                action=action,
                actor=account(user),
                data=data,
                today=today,
            )

    def delivered(number: str, on: date) -> None:
        """The demand reached the seller on `on`: its clock, as record_delivery starts it (a
        recorded delivery cannot be dated before the demand, made today, so set it here)."""
        with sessions() as session, session.begin():
            case = session.execute(select(Case).where(Case.number == number)).scalar_one()
            clocks.start_merchant_answer(session=session, case=case, start=on, working_days=10)
            flows.changed(session, [case.id])

    def inbox() -> list[str]:
        r = merchant.client.get("/api/merchant/inbox")
        assert r.status_code == 200, r.text
        return [item["number"] for item in r.json()]

    no_clock = file()
    later = file()
    sooner = file()
    both = file(phone="139 0000 1111")  # named by both claimed identifiers: listed once
    gone = file()
    step(consumer, later, Action.send_demand, today=date(2026, 11, 2))
    step(consumer, sooner, Action.send_demand, today=date(2026, 10, 9))
    delivered(later, date(2026, 11, 2))
    delivered(sooner, date(2026, 10, 9))
    step(consumer, gone, Action.withdraw)
    # Drafts (no_clock, both) have not reached the merchant: nothing of them shows.
    assert inbox() == [sooner, later]
    first = merchant.client.get("/api/merchant/inbox").json()[0]
    # 10 working days from Friday 9 October 2026; Saturday the 10th is a make-up working day.
    assert first["deadline"] == "merchant_answer" and first["due_on"] == "2026-10-22"
    assert merchant.client.get("/api/merchant/inbox?limit=2").json()[1]["number"] == later

    # The merchant answers: that clock stops and the case moves behind those still waiting.
    step(merchant, sooner, Action.merchant_answer, answer="refuse", note="不同意")
    assert inbox().index(sooner) > inbox().index(later)

    # The office sees complaints filed with it and those in its region, nothing else.
    assert office.client.get("/api/agency/queue").json() == []
    with sessions() as session:
        ours = accounts.get_agency(session=session, name="甲区市场监管局")
        theirs = accounts.get_agency(session=session, name="乙区市场监管局")
        assert ours is not None and theirs is not None
        ours_id, theirs_id = ours.id, theirs.id
    for number in (no_clock, both):
        step(consumer, number, Action.record_seller, **SELLER)
    step(consumer, no_clock, Action.file_complaint, agency_id=ours_id)
    step(consumer, both, Action.file_complaint, agency_id=theirs_id)
    queue = [i["number"] for i in office.client.get("/api/agency/queue").json()]
    assert queue == [no_clock]
    assert set(inbox()) == {sooner, later, no_clock, both}  # past draft, they reach it
    with sessions() as session, session.begin():
        case = session.execute(select(Case).where(Case.number == both)).scalar_one()
        case.merchant_region = "310115"  # the merchant turns out to be in our district
    queue = office.client.get("/api/agency/queue").json()
    assert [i["number"] for i in queue] == [no_clock, both]
    assert {i["deadline"] for i in queue} == {"agency_decision"}

    # The keys on the identifier rows follow the case (they are what the inbox reads).
    with sessions() as session:
        keys = session.execute(
            select(Case.number, Case.queue_key, CaseIdentifier.queue_key).join(
                CaseIdentifier, CaseIdentifier.case_id == Case.id
            )
        ).all()
    for number, case_key, identifier_key in keys:
        assert case_key == identifier_key, number
        assert (case_key is None) == (number == gone)
