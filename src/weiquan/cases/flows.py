"""Case flows: each owns its transaction and writes the case timeline."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from weiquan.cases import service
from weiquan.cases.models import Case, snapshot
from weiquan.cases.schemas import CaseCreate
from weiquan.events import service as events
from weiquan.events.models import EventKind


def file_case(*, session: Session, case_in: CaseCreate, actor: str, language: str) -> Case:
    """File a complaint: number it, store it and record the filing, all or nothing.

    With an external_ref already on file, the earlier case is returned and nothing is written.
    """
    try:
        return _file(session=session, case_in=case_in, actor=actor, language=language)
    except IntegrityError:
        # Two filings with one external_ref raced; the loser returns the winner's case.
        if not case_in.external_ref:
            raise
        with session.begin():
            earlier = service.get_by_external_ref(
                session=session, external_ref=case_in.external_ref
            )
        if earlier is None:
            raise
        return earlier


def _file(*, session: Session, case_in: CaseCreate, actor: str, language: str) -> Case:
    with session.begin():
        if case_in.external_ref and (
            earlier := service.get_by_external_ref(
                session=session, external_ref=case_in.external_ref
            )
        ):
            return earlier
        case = service.create(session=session, case_in=case_in, language=language)
        events.create(
            session=session,
            case=case,
            kind=EventKind.case_filed,
            actor=actor,
            data=snapshot(case),
        )
    return case
