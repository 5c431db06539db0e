"""The clerk's request for the materials a complaint lacks (SAMR complaint measures Art. 9): a
message in the case's thread, in the consumer's language, naming what is missing and the day
it is needed by (the office's own decision day, Art. 14), written through the thread's flow
(timeline and notices with it). The notice to supply them is a document (documents.notices)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Agency
from weiquan.cases import access, clocks, thread
from weiquan.cases import service as cases
from weiquan.cases.effects import CaseEffects
from weiquan.cases.models import Case, CaseStatus, DeadlineKind
from weiquan.cases.schemas import MessageIn, MessagePublic
from weiquan.common import i18n
from weiquan.common.i18n import N_, gettext
from weiquan.common.templating import cite
from weiquan.documents import notices
from weiquan.documents.render import day
from weiquan.workbench import admissibility
from weiquan.workbench.clerk import DECIDERS

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
