"""Statutory clocks on the official calendar, across the 2026 Spring Festival and National Day
holidays and their make-up working days, with reminders and missed deadlines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.cases.test_ladder import World
from tests.conftest import User
from weiquan.cases import clocks
from weiquan.cases.ladder import Action
from weiquan.cases.models import CaseDeadline
from weiquan.events.models import CaseEvent
from weiquan.filing.effects import EFFECTS


@pytest.fixture
def world(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> World:
    return World(sessions, make_user, make_agency)


def due(sessions: sessionmaker[Session], kind: str) -> date:
    with sessions() as session:
        return session.execute(
            select(CaseDeadline.due_on).where(CaseDeadline.kind == kind)
        ).scalar_one()


@pytest.mark.parametrize(
    ("filed", "expected"),
    [
        # 2026 Spring Festival: off Feb 15-23; Saturday Feb 14 and Saturday Feb 28 are working.
        (date(2026, 2, 13), date(2026, 3, 2)),
        # 2026 National Day: off Oct 1-7; Sunday Sep 20 and Saturday Oct 10 are working.
        (date(2026, 9, 30), date(2026, 10, 15)),
        (date(2026, 9, 18), date(2026, 9, 29)),  # counts the make-up Sunday Sep 20
        # An ordinary week: Monday + 7 working days is the Wednesday after next.
        (date(2026, 11, 2), date(2026, 11, 11)),
    ],
)
def test_agency_decision_in_seven_working_days(
    world: World, sessions: sessionmaker[Session], filed: date, expected: date
) -> None:
    world.step("consumer", Action.file_complaint, today=filed, agency_id=world.agency_id)
    assert due(sessions, "agency_decision") == expected


def test_mediation_45_and_report_15_plus_15(world: World, sessions: sessionmaker[Session]) -> None:
    world.step("consumer", Action.file_complaint, today=date(2026, 9, 1), agency_id=world.agency_id)
    world.step("agency", Action.agency_accept, today=date(2026, 9, 30))
    assert due(sessions, "mediation_end") == date(2026, 12, 8)
    world.step("agency", Action.convert_to_report, today=date(2026, 9, 30))
    assert due(sessions, "report_verification") == date(2026, 10, 27)
    world.step("agency", Action.extend_verification, note="需要检验")
    assert due(sessions, "report_verification") == date(2026, 11, 17)
    from weiquan.cases.errors import StepInputError

    with pytest.raises(StepInputError):
        world.step("agency", Action.extend_verification, note="再延一次")


def test_scan_reminds_then_marks_missed(world: World, sessions: sessionmaker[Session]) -> None:
    world.step(
        "consumer", Action.file_complaint, today=date(2026, 9, 30), agency_id=world.agency_id
    )
    # Oct 14 is the working day before the Oct 15 due date: a reminder, once.
    at = datetime(2026, 10, 14, 2, 0, tzinfo=UTC)
    assert clocks.scan(sessions, at, effects=EFFECTS) == {"reminded": 1, "missed": 0}
    assert clocks.scan(sessions, at, effects=EFFECTS) == {"reminded": 0, "missed": 0}
    # On the due day itself nothing is missed yet; the day after, it is.
    assert (
        clocks.scan(sessions, datetime(2026, 10, 15, 15, 0, tzinfo=UTC), effects=EFFECTS)["missed"]
        == 0
    )
    assert (
        clocks.scan(sessions, datetime(2026, 10, 15, 16, 30, tzinfo=UTC), effects=EFFECTS)["missed"]
        == 1
    )
    with sessions() as session:
        kinds = [e.kind for e in session.execute(select(CaseEvent)).scalars()]
        status = session.execute(select(CaseDeadline.status)).scalar_one()
    assert kinds.count("deadline_reminder") == 1 and kinds.count("deadline_missed") == 1
    assert status == "missed"
