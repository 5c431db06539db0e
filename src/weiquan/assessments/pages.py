"""The "know your rights" pages: one question a screen, then the assessment in plain words.

Answers are kept in the person's draft (drafts.py; the owner's account, or a signed cookie for
a visitor not signed in), so that "back" keeps them, a sign-in half-way loses nothing and
"file a complaint" carries them into the complaint form (owners.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from weiquan.accounts import limits
from weiquan.accounts.auth import CheckedForm, CurrentAccount, MaybeAccount, SignInRequired, forbid
from weiquan.assessments import drafts, flows, interview, owners, screens
from weiquan.assessments import service as assessments
from weiquan.assessments.models import FactDraft
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case
from weiquan.cases.views import NOT_FOUND, filers_case
from weiquan.common.enums import Actor
from weiquan.common.errors import field_errors, message
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.web import SessionDep, render
from weiquan.db import utcnow

router = APIRouter(include_in_schema=False)

NO_DRAFT = N_("These answers are not there any more: they expire after 7 days. Please start again.")
TICK_ONE = N_("Tick at least one.")
REQUIRED_ANSWER = N_("This question needs an answer.")


def case_panel(session: Session, case: Case, group_member: bool) -> dict[str, Any]:
    """The case page's assessment (none for a co-complainant): app.state.case_panels.

    With it, what makes the case's facts invalid under today's contract (facts that now
    contradict each other, such as a received date after today): the page says so, field by
    field, instead of offering an assessment the engine would refuse."""
    if group_member:
        return {"assessment": None, "facts_problems": []}
    latest = assessments.get_latest(session=session, case=case)
    facts = assessments.facts_from_case(case)
    if latest is not None:
        # The facts last assessed, with what the case says now laid over them (as a new
        # assessment would see them).
        facts = assessments.merge(latest.facts, facts)
    return {"assessment": latest, "facts_problems": assessments.facts_problems(facts)}


def _case_of(request: Request, session: Session, account: Any, number: str) -> Case:
    if account is None:
        raise SignInRequired()
    return filers_case(session, account, number, "assessment")


@router.get("/rights", response_class=HTMLResponse)
def start(request: Request, session: SessionDep, account: MaybeAccount) -> Response:
    """The first question (nothing is stored before the first answer)."""
    number = request.query_params.get("case") or None
    answered: dict[str, Any] = {}
    if number:
        case = _case_of(request, session, account, number)
        answered = drafts.fields_of(assessments.facts_from_case(case), source="case")
        problems = assessments.facts_problems(drafts.facts_of_fields(answered))
        if problems:
            errors = {p["field"]: p["msg"] for p in problems}
            return render(
                request, "rights/problems.html", status_code=422, errors=errors, number=number
            )
    screen = screens.screen(answered=answered, unknown=[], trail=[])
    if screen.path is None:  # a case whose basics are all known and nothing more to ask
        return _result_page(request, None, screen.result or {}, number, answered)
    return _question_page(request, None, screen, number)


@router.get("/rights/d/{public_id}", response_class=HTMLResponse)
def resume(
    public_id: str, request: Request, session: SessionDep, account: MaybeAccount
) -> Response:
    """The next question of a draft, or the one asked for (?q=, for "back"), or the result."""
    draft = _draft(request, session, account, public_id)
    wanted = request.query_params.get("q")
    screen = screens.screen(
        answered=draft.fields, unknown=draft.unknown, trail=draft.trail, wanted=wanted
    )
    if wanted and screen.path != wanted:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_DRAFT))
    if screen.errors:
        return _question_page(request, draft, screen, draft.case_number, screen.errors, 422)
    if screen.path is None:
        return _result_page(request, draft, screen.result or {}, draft.case_number)
    return _question_page(request, draft, screen, draft.case_number)


@router.get("/rights/d/{public_id}/result", response_class=HTMLResponse)
def result(
    public_id: str, request: Request, session: SessionDep, account: MaybeAccount
) -> Response:
    """The result now, even with questions left ("show my rights now")."""
    draft = _draft(request, session, account, public_id)
    screen = screens.screen(answered=draft.fields, unknown=draft.unknown, trail=draft.trail)
    if screen.result is None:  # the basics are not all known yet
        return RedirectResponse(f"/rights/d/{public_id}", status_code=303)
    return _result_page(request, draft, screen.result, draft.case_number)


def _draft(request: Request, session: Session, account: Any, public_id: str) -> FactDraft:
    owner = owners.owner(request, account)
    draft = flows.open_draft(session=session, public_id=public_id, owner=owner, now=utcnow())
    if draft is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_DRAFT))
    return draft


@router.post("/rights", response_class=HTMLResponse)
def answer(
    request: Request, session: SessionDep, account: MaybeAccount, form: CheckedForm
) -> Response:
    public_id = str(form.get("draft") or "") or None
    number = str(form.get("case") or "") or None
    action = str(form.get("action") or "answer")
    path = str(form.get("path") or "")
    if not interview.askable(path) and path not in interview.BASICS:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, gettext(REQUIRED_ANSWER))
    w = interview.widget(path)
    raw = owners.raw_answer(form, w)
    if action == "finish" and public_id and not any(v.strip() for v in raw):
        # "Show my rights now" with this question left blank: nothing to record.
        return RedirectResponse(f"/rights/d/{public_id}/result", status_code=303)
    unknown = action == "unknown" or raw == [interview.UNKNOWN]
    value: Any = None
    error: str | None = None
    if not unknown:
        try:
            value = interview.parse(w, raw)
        except PydanticCustomError as exc:
            error = message({"type": exc.type, "msg": exc.message(), "ctx": exc.context})
        else:
            if path in interview.BASICS and not value:
                needed = TICK_ONE if w.kind == "multi" else REQUIRED_ANSWER
                error = gettext(needed)
            elif value is None and action == "answer":
                error = gettext(REQUIRED_ANSWER)
    if unknown and path in interview.BASICS:
        error = gettext(REQUIRED_ANSWER)  # the engine cannot run without the basics
    if error is not None:
        return _retry(request, session, account, public_id, number, path, raw, error)
    case_facts = None
    if public_id is None and number:
        case_facts = assessments.facts_from_case(_case_of(request, session, account, number))
    if public_id is None:
        # Each new interview is a row: a client address starts a limited number a minute.
        limits.attempt(request, "draft")
    owner, new_key = owners.owner_or_new(request, account)
    draft = flows.answer(
        session=session,
        public_id=public_id,
        owner=owner,
        path=path,
        value=value,
        unknown=unknown,
        now=utcnow(),
        case_facts=case_facts,
        case_number=number,
    )
    if draft is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_DRAFT))
    where = f"/rights/d/{draft.public_id}" + ("/result" if action == "finish" else "")
    response = RedirectResponse(where, status_code=303)
    if new_key:
        owners.set_cookie(request, response, new_key)
    return response


def _retry(
    request: Request,
    session: Session,
    account: Any,
    public_id: str | None,
    number: str | None,
    path: str,
    raw: list[str],
    error: str,
) -> HTMLResponse:
    """The same question again with what was typed and what is wrong with it (422)."""
    draft = _draft(request, session, account, public_id) if public_id else None
    answered = draft.fields if draft else {}
    if draft is None and number:
        case = _case_of(request, session, account, number)
        answered = drafts.fields_of(assessments.facts_from_case(case), source="case")
    screen = screens.screen(
        answered=answered,
        unknown=draft.unknown if draft else [],
        trail=draft.trail if draft else [],
        wanted=path,
    )
    screen = screen.typed(path, raw)
    return _question_page(request, draft, screen, number, {path: error}, 422)


def _question_page(
    request: Request,
    draft: FactDraft | None,
    screen: screens.Screen,
    number: str | None,
    errors: dict[str, str] | None = None,
    code: int = 200,
) -> HTMLResponse:
    assert screen.path is not None
    q = interview.question(screen.path, screen.missing, current_language.get())
    back = None
    if draft is not None and screen.previous:
        back = f"/rights/d/{draft.public_id}?q={quote(screen.previous)}"
    return render(
        request,
        "rights/question.html",
        status_code=code,
        q=q,
        value=screen.value,
        draft=draft,
        case_number=number,
        errors=errors or {},
        n=screen.n,
        total=screen.total,
        basics=screen.path in interview.BASICS,
        more_may_follow=screen.more_may_follow,
        can_finish=screen.result is not None,
        back=back,
        yes_no=interview.yes_no(),
    )


def _result_page(
    request: Request,
    draft: FactDraft | None,
    result: dict[str, Any],
    number: str | None,
    answered: dict[str, Any] | None = None,
) -> HTMLResponse:
    fields = draft.fields if draft else (answered or {})
    screen = screens.screen(
        answered=fields, unknown=draft.unknown if draft else [], trail=draft.trail if draft else []
    )
    return render(
        request,
        "rights/result.html",
        result=result,
        draft=draft,
        case_number=number,
        more_questions=screen.path is not None,
    )


@router.post("/cases/{number}/assessment")
def attach(
    number: str, request: Request, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    """Keep the interview's assessment on the case (the answers laid over the case's facts)."""
    case = filers_case(session, account, number, "assessment")
    if not access.parties_of(session, account, case) & {Party.consumer, Party.admin}:
        raise forbid()
    owner = owners.owner(request, account)
    public_id = str(form.get("draft") or "")
    draft = flows.open_draft(session=session, public_id=public_id, owner=owner, now=utcnow())
    if draft is None or draft.case_number != number:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_DRAFT))
    facts = drafts.facts(draft)
    session.rollback()
    try:
        done = flows.attach(
            session=session,
            number=number,
            facts=facts,
            actor=Actor.consumer,
            changed=request.app.state.case_effects.admissibility,
        )
    except ValidationError as exc:
        errors = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
        return render(
            request, "rights/problems.html", status_code=422, errors=errors, number=number
        )
    if done is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    flows.forget_draft(session=session, public_id=public_id, owner=owner, now=utcnow())
    return RedirectResponse(f"/cases/{done[0].number}#assessment", status_code=303)
