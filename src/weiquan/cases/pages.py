"""Case pages: the same operations as the API, as server-rendered HTML."""

from __future__ import annotations

from collections.abc import Callable
from math import ceil
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from weiquan.accounts import service as accounts
from weiquan.accounts.auth import CheckedForm, CurrentAccount
from weiquan.accounts.models import Account, Role
from weiquan.cases import access, joint, next_step, proposals, queues, service, thread
from weiquan.cases.actions import INPUTS
from weiquan.cases.effects import CaseEffects
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.filters import CaseFilters
from weiquan.cases.ladder import SIDE_STEPS, Action, Party, possible
from weiquan.cases.models import Case, CaseStatus
from weiquan.cases.present import STATUS_LABELS, for_group, to_public, to_summary
from weiquan.cases.schemas import CaseCreate, MessageIn
from weiquan.cases.views import (
    CONSUMERS_FILE,
    NOT_FOUND,
    case_and_parties,
    writer_case,
)
from weiquan.common.dates import local_today
from weiquan.common.enums import Actor
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.web import SessionDep, render

router = APIRouter(prefix="/cases", include_in_schema=False)

CONFIRM_WITHDRAW = N_("Tick the box to confirm that you withdraw the case.")

# What the case page shows from the packages above cases (the latest assessment), each a part
# of the page's context given the case and whether the reader only belongs to its group: the
# app sets them as app.state.case_panels.
CasePanel = Callable[[Session, Case, bool], dict[str, Any]]

# Form fields are named after the JSON paths ("order.price_paid"), so errors map one to one.
FORM_SECTIONS = ("consumer", "merchant", "order")


def form_to_document(form: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """The flat form as the nested document the API takes; empty inputs are left out."""
    doc: dict[str, Any] = {section: {} for section in FORM_SECTIONS}
    for key, value in form.items():
        section, _, name = key.partition(".")
        if section in FORM_SECTIONS and name and isinstance(value, str) and value.strip():
            doc[section][name] = value
    if narrative := form.get("narrative"):
        doc["narrative"] = narrative
    doc["problems"] = problems
    return doc


@router.get("", response_class=HTMLResponse)
def list_page(request: Request, session: SessionDep, account: CurrentAccount) -> HTMLResponse:
    errors: dict[str, str] = {}
    try:
        filters = CaseFilters.model_validate(dict(request.query_params))
    except ValidationError as exc:
        errors = {e["field"] or "q": e["msg"] for e in field_errors(exc.errors())}
        filters = CaseFilters()
    items, total = service.get_all(
        session=session, filters=filters, visible=access.condition(account)
    )
    pages = max(1, ceil(total / filters.page_size))
    return render(
        request,
        "cases/list.html",
        cases=[to_summary(c) for c in items],
        total=total,
        filters=filters,
        errors=errors,
        page=filters.page,
        pages=pages,
        statuses=[(s.value, gettext(STATUS_LABELS[s])) for s in CaseStatus],
        page_link=lambda n: "?" + urlencode(filters.query_args(page=n)),
    )


@router.get("/new", response_class=HTMLResponse)
def new_page(request: Request, account: CurrentAccount, session: SessionDep) -> HTMLResponse:
    values = {"consumer.name": account.display_name, "consumer.phone": account.phone or ""}
    draft = request.query_params.get("draft")
    if not draft:
        return render(request, "cases/new.html", values=values, problems=[], errors={})
    # Proposed facts (an interview's answers) fill the form, each marked for the person to
    # check; submitting confirms them. Drafts sit above cases: app.state.draft_prefill.
    found = request.app.state.draft_prefill(request, session, account, draft)
    if found is None:  # not this person's draft, or expired: the same blank form for both
        return render(
            request,
            "cases/new.html",
            status_code=404,
            values=values,
            problems=[],
            errors={},
            draft_missing=True,
        )
    proposed, problems, marked = found
    # Values read from screenshots (issue 22) get a box to tick: unticked, they are not filed.
    read = {
        name: proposals.joined(problems) if name == "problems" else proposed.get(name, "")
        for name, source in marked.items()
        if source == "reading"
    }
    return render(
        request,
        "cases/new.html",
        values={**values, **proposed, "draft": draft},
        problems=problems,
        errors={},
        proposed=marked,
        read_values=read,
    )


@router.post("", response_class=HTMLResponse)
def create_page(
    request: Request, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Any:
    if account.role not in (Role.consumer, Role.admin):
        return render(request, "error.html", status_code=403, message=gettext(CONSUMERS_FILE))
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    problems = [p for p in form.getlist("problems") if isinstance(p, str)]
    # Values read from screenshots go in only once confirmed (ticked, or edited).
    read = proposals.of(values)
    kept, kept_problems = proposals.filed(values, problems, read)
    try:
        case_in = CaseCreate.model_validate(form_to_document(kept, kept_problems))
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for e in field_errors(exc.errors()):
            errors.setdefault(e["field"], e["msg"])
        return render(
            request,
            "cases/new.html",
            status_code=422,
            values=values,
            problems=problems,
            errors=errors,
            read_values=read.values,
            confirmed=read.confirmed,
            read_extras=read.extras,
        )
    # For the hook that files the draft: which values read the person confirmed.
    request.state.confirmed = frozenset(read.confirmed)
    # Filing sits above cases (weiquan.filing, the one write path): wired in by create_app.
    case = request.app.state.file_case(
        session=session,
        case_in=case_in,
        actor=Actor.consumer,
        language=current_language.get(),
        account=account,
    )
    if draft := values.get("draft"):  # filed from a draft: its other answers join the case
        request.app.state.draft_filed(request, session, account, draft, case.number)
    return RedirectResponse(f"/cases/{case.number}?filed=1", status_code=status.HTTP_303_SEE_OTHER)


@router.get("/{number}", response_class=HTMLResponse, response_model=None)
def show_page(
    request: Request, number: str, session: SessionDep, account: CurrentAccount
) -> Response:
    return _show(request, session, account, number)


def case_page(
    request: Request,
    number: str,
    session: Session,
    account: Account,
    *,
    status_code: int = 200,
    **more: Any,
) -> Response:
    """The case page again after a failed card or message form: what was typed and its errors
    come as `more`."""
    return _show(request, session, account, number, status_code=status_code, more=more)


def _show(
    request: Request,
    session: Session,
    account: Account,
    number: str,
    *,
    failed: Action | None = None,
    step_error: str | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
    more: dict[str, Any] | None = None,
) -> Response:
    """The case page; after a refused step, again with its error and what was typed (422).

    A step that is not the viewer's to take (not its party's, not from this status) has no
    form to come back to: the refusal goes back to the page as a message (303)."""
    case, parties = case_and_parties(session, account, number, "case page")
    # Side steps (the seller's identity) have their own panel, not a form among the steps.
    steps = [s for s in possible(case.status, parties) if s not in SIDE_STEPS]
    if failed is not None and failed not in steps:
        return back(number, step_error or "")
    member = access.group_only(parties)
    effects: CaseEffects = request.app.state.case_effects
    messages = thread.public(session=session, case=case, effects=effects)
    panels: tuple[CasePanel, ...] = request.app.state.case_panels
    extra = {k: v for panel in panels for k, v in panel(session, case, member).items()}
    deadlines = queues.deadlines_of(session, case)
    latest = extra.get("assessment")
    card = next_step.card(
        case=case,
        parties=parties,
        deadlines=deadlines,
        today=local_today(),
        offers=messages,
        best=next_step.best_amount(latest.result if latest is not None else None),
    )
    return render(
        request,
        "cases/show.html",
        status_code=422 if failed else status_code,
        INPUTS=INPUTS,
        case=(
            for_group(to_public(case, session=session))
            if member
            else to_public(case, session=session)
        ),
        parties=parties,
        filer=Party.consumer in parties,
        group_member=member,
        may_write=not member or Party.representative in parties,
        steps=steps,
        card=card,
        stages=next_step.STAGES,
        agencies=accounts.get_agencies(session=session) if _needs_agency(steps) else [],
        deadlines=deadlines,
        messages=thread.for_group(messages, account) if member else messages,
        attachable=[] if member else effects.attachable(session=session, case=case),
        complainants=joint.public(
            session=session,
            case=case,
            account=account,
            full=joint.sees_in_full(case, account, parties),
        ),
        manages_group=joint.may_manage(case, account),
        can_assess=bool(parties & {"consumer", "admin"}),
        filed=request.query_params.get("filed") == "1",
        # The refused step's form shows its error; a step the viewer has no form for (not
        # theirs to take) gets it above the forms.
        failed=failed if failed in {card.recommended, *card.secondary, *card.more} else None,
        step_error=step_error or request.query_params.get("step_error"),
        typed=typed or {},
        joint_error=request.query_params.get("joint_error"),
        thread_error=request.query_params.get("thread_error"),
        **{**extra, **(more or {})},
    )


def _needs_agency(steps: list[Action]) -> bool:
    return Action.file_complaint in steps or Action.file_report in steps


@router.post("/{number}/steps/{action}", response_model=None)
def take_step(
    request: Request,
    number: str,
    action: Action,
    session: SessionDep,
    account: CurrentAccount,
    form: CheckedForm,
) -> Response:
    fields = INPUTS[action].model_fields
    typed = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    data: dict[str, Any] = {}
    for name in fields:
        if name in ("evidence_ids",):
            continue
        if name == "reasons":
            lines = [ln.strip() for ln in str(form.get("reasons") or "").splitlines()]
            data[name] = [ln for ln in lines if ln]
        elif name == "publish_consent":
            data[name] = form.get(name) == "on"
        elif (value := str(form.get(name) or "").strip()) != "":
            data[name] = value

    def again(message: str) -> Response:
        session.rollback()
        return _show(request, session, account, number, failed=action, step_error=message,
                     typed=typed)  # fmt: skip

    # Withdrawing ends the case for good: the page asks for a ticked confirmation, checked
    # here too (a form posted without the box does nothing). Whoever may not withdraw at all
    # goes on to the flow's refusal.
    if action == Action.withdraw and form.get("confirm") != "yes":
        case, parties = case_and_parties(session, account, number, "case page")
        if action in possible(case.status, parties):
            return again(gettext(CONFIRM_WITHDRAW))
        session.rollback()
    try:
        case = request.app.state.take_step(
            session=session, number=number, action=action, actor=account, data=data
        )
    except ValidationError as exc:
        return again("; ".join(e["msg"] for e in field_errors(exc.errors())))
    except (StepRefused, StepInputError) as exc:
        return again(exc.message)
    if case is None:  # not a case of the account's: 404, as the API (and its page) answers
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(number=number))
    return RedirectResponse(f"/cases/{case.number}#next", status_code=303)


def back(number: str, message: str, section: str = "steps") -> Response:
    key = "step_error" if section == "steps" else f"{section}_error"
    query = urlencode({key: message}) if message else ""
    return RedirectResponse(f"/cases/{number}?{query}#{section}", status_code=303)


@router.post("/{number}/messages", response_model=None)
def post_message(
    request: Request, number: str, session: SessionDep, account: CurrentAccount, form: CheckedForm
) -> Response:
    """A message in the thread; refused, the case page again with what was typed kept and the
    reason beside the field (a redirect would lose the text)."""
    writer_case(session, account, number, "messages")
    session.rollback()
    raw: dict[str, object] = {"body": str(form.get("body") or "")}
    if offer := str(form.get("offer") or "").strip():
        raw["offer"] = offer
    raw["evidence_ids"] = [str(v) for v in form.getlist("evidence")]
    errors: dict[str, str] = {}
    try:
        thread.post(
            session=session,
            number=number,
            author=account,
            message=MessageIn.model_validate(raw),
            effects=request.app.state.case_effects,
        )
    except ValidationError as exc:
        for e in field_errors(exc.errors()):
            errors.setdefault(e["field"].split(".")[0] or "body", e["msg"])
    except (StepRefused, StepInputError) as exc:
        errors["evidence_ids" if isinstance(exc, StepInputError) else "body"] = exc.message
    if not errors:
        return RedirectResponse(f"/cases/{number}#thread", status_code=303)
    session.rollback()
    kept = {
        "body": raw["body"],
        "offer": str(form.get("offer") or ""),
        "evidence": raw["evidence_ids"],
    }
    return case_page(
        request, number, session, account, status_code=422, message_form=kept, message_errors=errors
    )
