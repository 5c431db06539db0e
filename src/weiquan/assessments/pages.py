"""The "know your rights" pages: a guided interview, then the assessment in plain words."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from weiquan.accounts.auth import (
    CheckedForm,
    CurrentAccount,
    MaybeAccount,
    SignInRequired,
    forbid,
)
from weiquan.accounts.models import Account
from weiquan.assessments import flows, interview
from weiquan.assessments import service as assessments
from weiquan.assessments.interview import REQUIRED, State, Widget
from weiquan.cases import access
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case
from weiquan.cases.views import NOT_FOUND, filers_case
from weiquan.common.enums import Actor
from weiquan.common.errors import field_errors, message
from weiquan.common.i18n import gettext
from weiquan.common.web import SessionDep, render

router = APIRouter(include_in_schema=False)


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


def _start_state(
    request: Request, session: Any, account: Account | None
) -> tuple[State, str | None]:
    number = request.query_params.get("case")
    if not number:
        return State(), None
    if account is None:
        raise SignInRequired()
    case = filers_case(session, account, number, "assessment")
    return State(facts=assessments.facts_from_case(case)), case.number


@router.get("/rights", response_class=HTMLResponse)
def start(request: Request, session: SessionDep, account: MaybeAccount) -> Response:
    state, number = _start_state(request, session, account)
    if number and all(state.get(p) for p in REQUIRED):
        return _advance(request, state, number)
    return _start_page(request, state, number, {})


def _start_page(
    request: Request,
    state: State,
    number: str | None,
    errors: dict[str, str],
    code: int = 200,
    typed: dict[str, list[str]] | None = None,
) -> HTMLResponse:
    widgets = [interview.widget(p) for p in REQUIRED]
    values = {w.path: interview.current_value(w, state) for w in widgets}
    values.update(typed or {})  # what the person typed stays on the page, even if invalid
    return render(
        request,
        "rights/start.html",
        status_code=code,
        widgets=widgets,
        values=values,
        state=state.dumps(),
        case_number=number,
        errors=errors,
    )


@router.post("/rights", response_class=HTMLResponse)
def answer(request: Request, form: CheckedForm) -> Response:
    state = State.loads(str(form.get("state") or ""))
    number = str(form.get("case") or "") or None
    action = str(form.get("action") or "answer")
    paths = [str(p) for p in form.getlist("path")]
    errors: dict[str, str] = {}
    typed: dict[str, list[str]] = {}
    for path in paths:
        try:
            w = interview.widget(path)
        except (KeyError, TypeError):
            continue
        raw = [str(v) for v in form.getlist(path)]
        typed[path] = raw
        if action == "unknown" or raw == [interview.UNKNOWN]:
            state.set(path, None)
            if path not in state.unknown:
                state.unknown.append(path)
            continue
        try:
            state.set(path, interview.parse(w, raw))
        except PydanticCustomError as exc:
            errors[path] = message({"type": exc.type, "msg": exc.message(), "ctx": exc.context})
    if errors:
        return _question_or_start(request, state, number, paths, errors, typed)
    if paths and not any(p in REQUIRED for p in paths):
        state.asked += 1
    if action == "finish":
        return _result(request, state, number, finished=True)
    return _advance(request, state, number)


def _question_or_start(
    request: Request,
    state: State,
    number: str | None,
    paths: list[str],
    errors: dict[str, str],
    typed: dict[str, list[str]],
) -> HTMLResponse:
    if any(p in REQUIRED for p in paths):
        return _start_page(request, state, number, errors, code=422, typed=typed)
    w = interview.widget(paths[0])
    return _question_page(request, state, number, w, None, errors, code=422)


def _advance(request: Request, state: State, number: str | None) -> Response:
    """Run the engine on the facts so far; ask the next question, or show the result."""
    try:
        result = flows.run(state.facts)
    except ValidationError as exc:
        errs = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
        return _start_page(request, state, number, errs, code=422)
    item = interview.next_missing(result.get("missing_facts", []), state)
    if item is None:
        return _result(request, state, number, result=result)
    w = interview.widget(item["fact"])
    return _question_page(request, state, number, w, item)


def _question_page(
    request: Request,
    state: State,
    number: str | None,
    w: Widget,
    item: dict[str, Any] | None,
    errors: dict[str, str] | None = None,
    code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "rights/question.html",
        status_code=code,
        widget=w,
        item=item,
        value=interview.current_value(w, state),
        state=state.dumps(),
        case_number=number,
        errors=errors or {},
        step=state.asked + 1,
        yes_no=interview.yes_no(),
    )


def _result(
    request: Request,
    state: State,
    number: str | None,
    result: dict[str, Any] | None = None,
    finished: bool = False,
) -> HTMLResponse:
    try:
        result = result or flows.run(state.facts)
    except ValidationError as exc:
        errs = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
        return _start_page(request, state, number, errs, code=422)
    return render(
        request,
        "rights/result.html",
        result=result,
        state=state.dumps(),
        case_number=number,
        more_questions=bool(interview.next_missing(result.get("missing_facts", []), state)),
        finished=finished,
    )


@router.post("/cases/{number}/assessment")
def attach(
    number: str, request: Request, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    state = State.loads(str(form.get("state") or ""))
    case = filers_case(session, account, number, "assessment")
    if not access.parties_of(session, account, case) & {Party.consumer, Party.admin}:
        raise forbid()
    session.rollback()
    try:
        done = flows.attach(session=session, number=number, facts=state.facts, actor=Actor.consumer)
    except ValidationError as exc:
        errs = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
        return _start_page(request, state, number, errs, code=422)
    if done is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return RedirectResponse(f"/cases/{done[0].number}#assessment", status_code=303)
