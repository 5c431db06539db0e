"""The workbench's writes: the queue's bulk steps (each case through the ladder's own step
flow), saved views and exports (whose reads of personal data in full go to the access log);
the clerk's request for the materials a complaint lacks.

The request for materials (SAMR complaint measures Art. 9) is a
message in the case's thread, in the consumer's language, naming what is missing and the day
it is needed by (the office's own decision day, Art. 14), written through the thread's flow
(timeline and notices with it). The notice to supply them is a document (documents.notices)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts.models import AccessLog, Account, Agency
from weiquan.assessments import refusal
from weiquan.cases import access, clocks, thread
from weiquan.cases import service as cases
from weiquan.cases.effects import CaseEffects
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case, CaseStatus, DeadlineKind
from weiquan.cases.schemas import MessageIn, MessagePublic
from weiquan.common import i18n
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.templating import cite
from weiquan.documents import notices
from weiquan.documents.render import day
from weiquan.events.messages import describe
from weiquan.workbench import admissibility, effects, exports, saved
from weiquan.workbench.clerk import DECIDERS
from weiquan.workbench.models import SavedView
from weiquan.workbench.schemas import (
    BulkAction,
    BulkDone,
    BulkFailed,
    BulkIn,
    BulkResult,
    QueueFilters,
    SavedViewIn,
)

NO_SUCH_CASE = N_("No case has the number {number}.")
NO_ENGINE_REASONS = N_(
    "The law engine finds no reason to refuse this complaint: refuse it from its own page, "
    "with your reasons."
)
CLERK_NEEDED = N_("Choose the clerk to assign the cases to.")
TRANSFER_NEEDS = N_("Choose the agency to transfer to, and give the reason.")
NOT_OFFERED = N_("This step is not available.")


def bulk(*, session: Session, account: Account, request: BulkIn) -> BulkResult:
    """Take the step on every case, one by one, each in its own transaction: a case that
    fails is reported with its reason and the others go on (StepInputError, before any case,
    when the action lacks its inputs)."""
    step = _step(account, request)
    session.rollback()  # each step owns its transaction
    done: list[BulkDone] = []
    failed: list[BulkFailed] = []
    for number in request.cases:
        try:
            message = _one(session, account, request, number, step)
        except (StepRefused, StepInputError) as exc:
            failed.append(BulkFailed(number=number, reason=exc.message))
        except ValidationError as exc:
            reason = "; ".join(e["msg"] for e in field_errors(exc.errors()))
            failed.append(BulkFailed(number=number, reason=reason))
        else:
            if message is None:
                reason = gettext(NO_SUCH_CASE).format(number=number)
                failed.append(BulkFailed(number=number, reason=reason))
            else:
                done.append(BulkDone(number=number, message=message))
    return BulkResult(action=request.action, done=done, failed=failed)


def _one(
    session: Session,
    account: Account,
    request: BulkIn,
    number: str,
    step: tuple[Action, dict[str, Any]],
) -> str | None:
    action, data = step
    if request.action == BulkAction.agency_refuse and not request.reasons:
        reasons = engine_reasons(session=session, account=account, number=number)
        if reasons is None:
            return None
        if not reasons:
            raise StepInputError("no_reasons", NO_ENGINE_REASONS)
    # The app's step flow: the admissibility of the case is kept with it (workbench.effects).
    case = effects.take_step(
        session=session, number=number, action=action, actor=account, data=data
    )
    if case is None:
        return None
    return describe(case.events[-1], case.number)


def _step(account: Account, request: BulkIn) -> tuple[Action, dict[str, Any]]:
    """The ladder step and its input for the bulk action (StepInputError if incomplete)."""
    note = {"note": request.note} if request.note else {}
    if request.action == BulkAction.assign:
        if request.clerk is None:
            raise StepInputError("clerk", CLERK_NEEDED)
        clerk = request.clerk
        clerk_id = None if clerk == "none" else account.id if clerk == "me" else int(clerk)
        return Action.assign_clerk, {"clerk_id": clerk_id, **note}
    if request.action == BulkAction.agency_accept:
        return Action.agency_accept, note
    if request.action == BulkAction.agency_refuse:
        return Action.agency_refuse, {"reasons": request.reasons, **note}
    # agency_transfer: the receiving agency and the reason (cases.actions, helper clerk's step)
    if request.agency is None or not request.note:
        raise StepInputError("transfer", TRANSFER_NEEDS)
    if "agency_transfer" not in Action.__members__:
        raise StepInputError("transfer", NOT_OFFERED)
    return Action("agency_transfer"), {"agency": request.agency, "reason": request.note}


def engine_reasons(
    *, session: Session, account: Account, number: str
) -> list[dict[str, Any]] | None:
    """The law engine's reasons to refuse the case, as the refusal step would record them;
    None when the reader may not see the case."""
    try:
        case = cases.get(session=session, number=number)
        if case is None or not access.parties_of(session, account, case):
            return None
        return refusal.engine_reasons(session=session, case=case)
    finally:
        session.rollback()


def save_view(*, session: Session, account: Account, data: SavedViewIn) -> SavedView:
    with session.begin():
        return saved.create(session=session, account=account, data=data)


def delete_view(*, session: Session, account: Account, view_id: int) -> bool:
    with session.begin():
        return saved.delete(session=session, account=account, view_id=view_id)


def export(
    *, session: Session, account: Account, filters: QueueFilters, fmt: str
) -> tuple[bytes, str]:
    """The queue under filters as a file, masked as the reader may see each case; the cases
    it shows in full are written to the access log (PIPL: who read what)."""
    table = exports.table(session, account, filters)
    session.rollback()
    if table.full:
        with session.begin():
            session.add_all(
                AccessLog(account_id=account.id, case_id=case_id, what="queue export")
                for case_id in table.full
            )
    return exports.render(fmt, table)


NOT_YOURS = N_("Only the agency the complaint is with asks for its materials.")
NOT_NOW = N_("Materials are asked for while the agency has still to decide on the complaint.")
NOTHING_MISSING = N_("The complaint lacks none of the materials the law requires.")
REQUEST_BY = N_(
    "To decide on your complaint, {agency} needs what the law requires a complaint to give "
    "({law}): {missing}. Please add it on the case page by {due}: your postal address on the "
    'Documents page, the seller\'s name and address under "Who is the seller?". Without it '
    "the complaint cannot be accepted. The notice to supply the materials is among the case's "
    "documents."
)
REQUEST_SOON = N_(
    "To decide on your complaint, {agency} needs what the law requires a complaint to give "
    "({law}): {missing}. Please add it on the case page as soon as possible: your postal "
    "address on the Documents page, the seller's name and address under \"Who is the "
    'seller?". Without it the complaint cannot be accepted. The notice to supply the '
    "materials is among the case's documents."
)


class Refused(Exception):
    """The request cannot be made: msgid says why (translated by the caller)."""

    def __init__(self, msgid: str) -> None:
        super().__init__(msgid)
        self.msgid = msgid


def message(case: Case, agency: str, missing: list[str], due: date | None) -> str:
    """The request in the case's language (the consumer's)."""
    lang = case.language or i18n.DEFAULT
    restore = i18n.bind(lang)
    try:
        sep = "、" if lang == "zh_CN" else "; "
        law = sep.join(cite(dict(c)) for c in admissibility.materials_law())
        return gettext(REQUEST_BY if due else REQUEST_SOON).format(
            agency=agency,
            law=law,
            missing=sep.join(gettext(notices.WHAT[k]) for k in missing),
            due=day(due, lang) if due else "",
        )
    finally:
        restore()


def request_materials(
    *, session: Session, number: str, account: Account, effects: CaseEffects
) -> MessagePublic | None:
    """Post the request in the thread as the clerk; None when account cannot see the case."""
    case = cases.get(session=session, number=number)
    parties = access.parties_of(session, account, case) if case else frozenset()
    if case is None or not parties:
        return None
    if not parties & DECIDERS:
        raise Refused(NOT_YOURS)
    if case.status != CaseStatus.complaint_filed:
        raise Refused(NOT_NOW)
    missing = admissibility.verdict(session, case).missing
    if not missing:
        raise Refused(NOTHING_MISSING)
    rows = clocks.open_of(session, case, DeadlineKind.agency_decision)
    agency = session.get(Agency, case.agency_id) if case.agency_id else None
    body = message(case, agency.name if agency else "", missing, rows[0].due_on if rows else None)
    session.rollback()  # the thread's flow owns the transaction that writes
    return thread.post(
        session=session,
        number=number,
        author=account,
        message=MessageIn(body=body),
        effects=effects,
    )
