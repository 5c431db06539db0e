"""The case API: thin routes that load, check who may see, and delegate."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from math import ceil
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts.auth import ClaimDep, CurrentAccount, sign_in_needed
from weiquan.accounts.models import Account, Role
from weiquan.cases import access, joint, queues, service, thread
from weiquan.cases.errors import NOT_FILED_HERE, FilingRefused, StepInputError, StepRefused
from weiquan.cases.filters import CaseFilters
from weiquan.cases.ladder import Action, Party, possible
from weiquan.cases.models import Case
from weiquan.cases.present import for_group, to_public, to_summary
from weiquan.cases.schemas import (
    CaseCreate,
    CasePage,
    CasePublic,
    ComplainantIn,
    ComplainantPublic,
    DeadlinePublic,
    Filing,
    MessageIn,
    MessagePublic,
    QueueItem,
    RepresentativesIn,
    StepsPublic,
)
from weiquan.common.enums import Actor
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep

router = APIRouter(prefix="/cases", tags=["cases"])
desk = APIRouter(tags=["desks"])

NOT_FOUND = N_("No case has the number {number}.")
CONSUMERS_FILE = N_("Only consumer accounts file complaints.")
FILERS_ONLY = N_(
    "Only the consumer who filed this case sees its facts, evidence, documents and "
    "assessments; as a co-complainant you follow the case and its messages."
)
READ_ONLY_THREAD = N_(
    "Only the consumer who filed this case and the group's representatives write here; "
    "as a co-complainant you can read the messages."
)


def case_and_parties(
    session: Session, account: Account, number: str, what: str
) -> tuple[Case, frozenset[Party]]:
    """The case and account's parts in it if it takes part (staff reads are logged), else 404."""
    case = service.get(session=session, number=number)
    parties = access.parties_of(session, account, case) if case else frozenset()
    if case is None or not parties:
        # 404, not 403: a stranger learns nothing, not even that the number exists.
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    if access.is_staff_read(account, parties):
        access.log_read(session=session, account=account, case=case, what=what)
    return case, parties


def visible_case(session: Session, account: Account, number: str, what: str) -> Case:
    """The case if account takes part in it (staff reads are logged), else 404."""
    return case_and_parties(session, account, number, what)[0]


def filers_case(session: Session, account: Account, number: str, what: str) -> Case:
    """visible_case for the filer's own material (facts, documents, evidence, assessments):
    403 to a fellow complainant of a joint complaint, who knows the case but not its papers."""
    case, parties = case_and_parties(session, account, number, what)
    if access.group_only(parties):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(FILERS_ONLY))
    return case


def writer_case(session: Session, account: Account, number: str, what: str) -> Case:
    """visible_case for writing in the thread: a co-complainant reads it, a representative
    writes for the group (SAMR complaint measures Art. 11); an agency that only covers the
    region reads, as it decides nothing on a complaint filed elsewhere."""
    case, parties = case_and_parties(session, account, number, what)
    if access.group_only(parties) and Party.representative not in parties:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(READ_ONLY_THREAD))
    if parties == {Party.region_agency}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(NOT_FILED_HERE))
    return case


def adding_case(session: Session, account: Account, number: str, what: str) -> Case:
    """filers_case for adding to the case's vault: neither a fellow complainant nor an agency
    that only covers the region adds evidence to it."""
    case, parties = case_and_parties(session, account, number, what)
    if access.group_only(parties):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(FILERS_ONLY))
    if parties == {Party.region_agency}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(NOT_FILED_HERE))
    return case


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CasePublic)
async def create_case(request: Request, case_in: CaseCreate, claim: ClaimDep) -> Response:
    """File a complaint as the signed-in consumer; returns the case with its number."""
    filing = Filing(case_in=case_in, actor=Actor.consumer, language=current_language.get())
    # The process's writer signs the request in and files it with whatever else has just
    # arrived (group commit); this route is left out of the app's own sign-in for that.
    writer = request.app.state.filing_writer
    try:
        case = await asyncio.wrap_future(writer.submit(filing, claim=claim, check=consumer_filing))
    except FilingRefused as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, exc.message) from None
    # Serialised here, once: FastAPI would check the model again and encode it through json.
    body = to_public(case).model_dump_json()
    return Response(body, status_code=status.HTTP_201_CREATED, media_type="application/json")


def consumer_filing(filing: Filing, account: Account | None) -> Filing:
    """The filing as account may make it: a consumer's own, an admin's for someone else; its
    external_ref is the account's own key either way."""
    if account is None:
        raise sign_in_needed()
    if account.role not in (Role.consumer, Role.admin):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(CONSUMERS_FILE))
    return replace(
        filing,
        account_id=account.id if account.role == Role.consumer else None,
        filer_id=account.id,
    )


@router.get("", response_model=CasePage)
def list_cases(
    session: SessionDep, account: CurrentAccount, filters: Annotated[CaseFilters, Query()]
) -> CasePage:
    """The cases you take part in, newest first, filtered and paged."""
    items, total = service.get_all(
        session=session, filters=filters, visible=access.condition(account)
    )
    return CasePage(
        items=[to_summary(c) for c in items],
        total=total,
        page=filters.page,
        page_size=filters.page_size,
        pages=max(1, ceil(total / filters.page_size)),
    )


@router.get("/{number}", response_model=CasePublic)
def get_case(number: str, session: SessionDep, account: CurrentAccount) -> CasePublic:
    """One case with its timeline (the filer's identity masked for fellow complainants)."""
    case, parties = case_and_parties(session, account, number, "case")
    public = to_public(case, session=session)
    return for_group(public) if access.group_only(parties) else public


@router.get("/{number}/steps", response_model=StepsPublic)
def get_steps(number: str, session: SessionDep, account: CurrentAccount) -> StepsPublic:
    """The steps you may take on this case now, and its running clocks."""
    case, parties = case_and_parties(session, account, number, "steps")
    return StepsPublic(
        status=case.status,
        parties=sorted(parties),
        steps=[a.value for a in possible(case.status, parties)],
        deadlines=[DeadlinePublic.of(d) for d in queues.deadlines_of(session, case)],
    )


@router.post("/{number}/steps/{action}", response_model=CasePublic)
def take_step(
    request: Request,
    number: str,
    action: Action,
    session: SessionDep,
    account: CurrentAccount,
    data: Annotated[dict[str, Any], Body(default_factory=dict)],
) -> CasePublic:
    """Take one step of the escalation ladder (see GET .../steps for the ones open to you)."""
    try:
        # The step's flow sits above merchants (it keeps their facts): wired in by create_app.
        case = request.app.state.take_step(
            session=session, number=number, action=action, actor=account, data=data
        )
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    except StepRefused as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, exc.message) from None
    except StepInputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from None
    if case is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return to_public(case, session=session)


@router.get("/{number}/messages", response_model=list[MessagePublic])
def get_messages(
    request: Request, number: str, session: SessionDep, account: CurrentAccount
) -> list[MessagePublic]:
    """The negotiation thread, oldest first, with who has read each message."""
    case, parties = case_and_parties(session, account, number, "messages")
    messages = thread.public(session=session, case=case, effects=request.app.state.case_effects)
    return thread.for_group(messages, account) if access.group_only(parties) else messages


@router.post(
    "/{number}/messages", status_code=status.HTTP_201_CREATED, response_model=MessagePublic
)
def post_message(
    request: Request, number: str, message: MessageIn, session: SessionDep, account: CurrentAccount
) -> MessagePublic:
    """Write in the negotiation thread; an amount makes it an offer or counter-offer."""
    writer_case(session, account, number, "messages")
    session.rollback()
    try:
        row = thread.post(
            session=session,
            number=number,
            author=account,
            message=message,
            effects=request.app.state.case_effects,
        )
    except StepInputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from None
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return row


@router.post("/{number}/messages/{message_id}/read", status_code=status.HTTP_204_NO_CONTENT)
def read_message(
    number: str, message_id: RowId, session: SessionDep, account: CurrentAccount
) -> None:
    """Record that you have read a message (a read receipt the other party sees)."""
    # The receipt shows the reader's name to the merchant: those who write in the thread.
    # The id is read before the rollback, which expires the case (reading it after would
    # start the transaction mark_read opens).
    case_id = writer_case(session, account, number, "messages").id
    session.rollback()
    thread.mark_read(session=session, case_id=case_id, message_id=message_id, account=account)


# How many cases a work list answers with at once.
QueueLimit = Annotated[int, Query(ge=1, le=200)]


@desk.get("/merchant/inbox", response_model=list[QueueItem])
def merchant_inbox(
    session: SessionDep, account: CurrentAccount, limit: QueueLimit = 50
) -> list[QueueItem]:
    """Every case against your verified identities, the most urgent deadline first."""
    if account.role not in (Role.merchant, Role.admin):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(N_("You may not do this.")))
    return queues.merchant_inbox(session=session, account=account, limit=min(limit, 200))


@desk.get("/merchant/stats")
def merchant_stats(session: SessionDep, account: CurrentAccount) -> dict[str, Any]:
    """Your response rate and times, as the public record will show them."""
    if account.role not in (Role.merchant, Role.admin):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(N_("You may not do this.")))
    return queues.merchant_stats(session=session, account=account)


@desk.get("/agency/overdue")
def agency_overdue(session: SessionDep, account: CurrentAccount) -> dict[str, int]:
    """How many of your agency's clocks are overdue, by kind."""
    if account.role not in (Role.agency_staff, Role.admin):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(N_("You may not do this.")))
    return queues.overdue_counts(session=session, account=account)


@router.get("/{number}/complainants", response_model=list[ComplainantPublic])
def get_complainants(
    number: str, session: SessionDep, account: CurrentAccount
) -> list[ComplainantPublic]:
    """The complainants of a joint complaint (empty when the filer complains alone)."""
    case, parties = case_and_parties(session, account, number, "complainants")
    full = joint.sees_in_full(case, account, parties)
    return joint.public(session=session, case=case, account=account, full=full)


@router.post(
    "/{number}/complainants",
    status_code=status.HTTP_201_CREATED,
    response_model=list[ComplainantPublic],
)
def add_complainant(
    number: str, data: ComplainantIn, session: SessionDep, account: CurrentAccount
) -> list[ComplainantPublic]:
    """Add a consenting co-complainant (the filer or an admin; SAMR complaint measures Art. 11)."""
    visible_case(session, account, number, "complainants")
    session.rollback()
    case = _joint(
        number, lambda: joint.add(session=session, number=number, actor=account, data=data)
    )
    return joint.public(session=session, case=case, account=account, full=True)


@router.put("/{number}/complainants/representatives", response_model=list[ComplainantPublic])
def set_representatives(
    number: str, data: RepresentativesIn, session: SessionDep, account: CurrentAccount
) -> list[ComplainantPublic]:
    """Choose at most two representatives among the complainants."""
    visible_case(session, account, number, "complainants")
    session.rollback()
    case = _joint(
        number,
        lambda: joint.choose_representatives(
            session=session, number=number, actor=account, ids=data.ids
        ),
    )
    return joint.public(session=session, case=case, account=account, full=True)


@router.delete("/{number}/complainants/me", status_code=status.HTTP_204_NO_CONTENT)
def leave_case(number: str, session: SessionDep, account: CurrentAccount) -> None:
    """Leave a joint complaint you were added to: your own participation, not the case
    (the filer withdraws instead); written to the timeline."""
    visible_case(session, account, number, "complainants")
    session.rollback()
    _joint(number, lambda: joint.leave(session=session, number=number, actor=account))


def _joint(number: str, run: Callable[[], Case | None]) -> Case:
    try:
        case = run()
    except StepRefused as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, exc.message) from None
    except StepInputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from None
    if case is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return case
