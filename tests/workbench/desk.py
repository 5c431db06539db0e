"""An agency desk to test the queue on: two offices, their clerks, complaints filed with them
through the ladder (the one write path), and facts set beside them where a filter needs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.accounts.models import Account
from weiquan.assessments import flows as assessments
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseDeadline, DeadlineStatus
from weiquan.cases.schemas import CaseCreate
from weiquan.filing import flows

OURS, THEIRS = "甲区市场监督管理局", "乙区市场监督管理局"


@dataclass
class Desk:
    sessions: sessionmaker[Session]
    ours: int
    theirs: int
    consumer: User
    clerk: User
    colleague: User
    other: User  # staff of the other office
    users: dict[str, User] = field(default_factory=dict)

    def account(self, user: User) -> Account:
        with self.sessions() as session:
            found = session.get_one(Account, user.id)
            session.expunge(found)
            return found

    def step(self, user: User | None, number: str, action: Action, **data: Any) -> None:
        today = data.pop("today", None)
        with self.sessions() as session:
            flows.take_step(
                session=session,
                number=number,
                action=action,
                actor=self.account(user) if user else None,
                data=data,
                today=today,
            )

    def file(self, agency: int | None = None, *, on: date | None = None, **changes: Any) -> str:
        """A complaint filed with agency (ours by default) on `on` (its clock starts then)."""
        with self.sessions() as session:
            number = flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(case_document(**changes)),
                actor="test",
                language="zh_CN",
                account=self.account(self.consumer),
            ).number
        self.step(self.consumer, number, Action.record_seller, **SELLER)
        self.step(
            self.consumer, number, Action.file_complaint, agency_id=agency or self.ours, today=on
        )
        return number

    def set(self, number: str, **columns: Any) -> None:
        """Facts a filter reads, set beside the case (as the steps that own them would)."""
        with self.sessions() as session, session.begin():
            session.execute(update(Case).where(Case.number == number).values(**columns))

    def due(self, number: str, day: date) -> None:
        """Move the case's running clock to day, its queue key with it."""
        with self.sessions() as session, session.begin():
            case_id = session.execute(select(Case.id).where(Case.number == number)).scalar_one()
            session.execute(
                update(CaseDeadline)
                .where(CaseDeadline.case_id == case_id, CaseDeadline.status == DeadlineStatus.open)
                .values(due_on=day)
            )
            flows.changed(session, [case_id])

    def private_seller(self, number: str) -> None:
        """The consumer tells the engine the seller is a private person on a second-hand
        platform: not an operator, a reason to refuse (SAMR complaint measures Art. 15(1))."""
        seller = {
            "purchase": {"channel": "second_hand_platform"},
            "seller": {"kind": "private_individual", "identified": True},
        }
        with self.sessions() as session:
            assert assessments.attach(session=session, number=number, facts=seller, actor="t")

    def case(self, number: str) -> Case:
        with self.sessions() as session:
            found = session.execute(select(Case).where(Case.number == number)).scalar_one()
            session.expunge(found)
            return found


def make_desk(
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
    make_agency: Callable[..., int],
) -> Desk:
    ours = make_agency(OURS, regions=["3101"])
    theirs = make_agency(THEIRS, regions=["3201"])
    return Desk(
        sessions=sessions,
        ours=ours,
        theirs=theirs,
        consumer=make_user("consumer", name="李娜"),
        clerk=make_user("agency_staff", agency=OURS, name="张科长"),
        colleague=make_user("agency_staff", agency=OURS, name="王干事"),
        other=make_user("agency_staff", agency=THEIRS, name="赵科员"),
    )
