"""Reading in the pages (issue 22): the complaint form's "read from screenshots", the evidence
page's search of the text read and its poll while pictures are being read, and the hook that
makes the form's screenshots the filed case's evidence.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import CSRF_FAILED, CurrentAccount, session_data
from weiquan.accounts.models import Account, Role
from weiquan.assessments import drafts, owners
from weiquan.cases.ladder import Party
from weiquan.cases.views import CONSUMERS_FILE
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext
from weiquan.common.web import SessionDep, render
from weiquan.db import utcnow
from weiquan.evidence import reading_drafts, reading_views, readings
from weiquan.evidence.errors import Refused
from weiquan.evidence.http import VaultDep, get_vault, load_case_parties, origin, read_case
from weiquan.evidence.models import EvidenceItem, ReadingStatus
from weiquan.search.service import EmptyQuery

router = APIRouter(include_in_schema=False)

EMPTY_QUERY = N_("Type a word or a number to look for.")
QUERY_LIMIT = 100
NO_SCREENSHOTS = N_("Choose one or more screenshots, or write what happened, to read.")


@dataclass(frozen=True)
class Search:
    """The evidence page's search of the text read from its pictures."""

    query: str
    items: list[EvidenceItem]
    error: str | None = None


def search_items(
    session: Session,
    items: list[EvidenceItem],
    parties: frozenset[Party],
    params: Mapping[str, str],
) -> Search | None:
    """The items whose read text matches ?q=, as far as the reader may see it; None without q."""
    query = (params.get("q") or "").strip()[:QUERY_LIMIT]
    if not query:
        return None
    try:
        found = readings.find(session=session, items=items, parties=parties, query=query)
    except EmptyQuery:
        return Search(query, [], gettext(EMPTY_QUERY))
    return Search(query, found)


@router.get("/cases/{number}/evidence/readings")
def reading_state(
    number: str, request: Request, session: SessionDep, account: CurrentAccount
) -> JSONResponse:
    """Which of the case's pictures are still being read (the evidence pages poll it)."""
    found, _ = load_case_parties(session, account, number, "evidence readings")
    _, items = read_case(session, found)
    with session.begin():
        read = readings.get_for(session=session, items=items)
        pending = [
            i.seq
            for i in items
            if (seen := readings.shown(i, read.get(i.id))) is not None
            and seen.status == ReadingStatus.pending
        ]
    return JSONResponse({"pending": pending}, headers={"Cache-Control": "no-store"})


# The complaint form's reading.


def _form_values(fields: dict[str, str]) -> dict[str, str]:
    return {
        k: v
        for k, v in fields.items()
        if k not in ("csrf_token", "files")
        and not k.startswith(("proposed.", "confirm.", "extra."))
    }


@router.post("/cases/new/reading", response_class=HTMLResponse)
async def read_on_form(
    request: Request, session: SessionDep, account: CurrentAccount, vault: VaultDep
) -> Response:
    """Read the screenshots sent with the complaint form (and its narrative so far), and show
    the form again filled with what was read, each value marked for the person to confirm."""
    if account.role not in (Role.consumer, Role.admin):
        return render(request, "error.html", status_code=403, message=gettext(CONSUMERS_FILE))
    await run_in_threadpool(reading_views.count, request, account)
    expected = str(session_data(request).get("csrf") or "")

    def check_csrf(fields: dict[str, str]) -> None:
        if not expected or not hmac.compare_digest(fields.get("csrf_token", ""), expected):
            raise Refused(CSRF_FAILED, status=403)

    try:
        form = await reading_views.receive(
            request, vault, check_fields=check_csrf, max_fields=reading_views.FORM_FIELDS
        )
    except Refused as exc:
        if exc.status == 403:
            return render(request, "error.html", status_code=403, message=exc.text())
        return _again(request, {}, [], exc.status, reading_error=exc.text())
    try:
        if not form.files:
            check_csrf(form.fields)
        values = _form_values(form.fields)
        problems = form.lists.get("problems", [])
        story = reading_views.story_of(values.get("narrative"))
        if not form.files and not story:
            return _again(request, values, problems, 422, reading_error=gettext(NO_SCREENSHOTS))
        doc = await run_in_threadpool(
            lambda: reading_views.read_form(form, as_role="buyer", as_of=local_today(), story=story)
        )
        shots = await run_in_threadpool(reading_drafts.keep_screenshots, vault, form, doc)
    except Refused as exc:
        if exc.status == 403:
            return render(request, "error.html", status_code=403, message=exc.text())
        return _again(request, {}, [], exc.status, reading_error=exc.text())
    finally:
        form.discard()
    return await run_in_threadpool(_filled, request, session, account, values, problems, doc, shots)


def _again(
    request: Request,
    values: dict[str, str],
    problems: list[str],
    status_code: int,
    **more: Any,
) -> HTMLResponse:
    return render(
        request,
        "cases/new.html",
        status_code=status_code,
        values=values,
        problems=problems,
        errors={},
        **more,
    )


def _filled(
    request: Request,
    session: Session,
    account: Account,
    typed: dict[str, str],
    problems: list[str],
    doc: dict[str, Any],
    shots: list[dict[str, str]],
) -> HTMLResponse:
    """The form again: what the person typed stays; an empty field takes the value read."""
    draft = reading_drafts.propose(
        session=session,
        owner=owners.owner(request, account),
        public_id=typed.get("draft") or None,
        fields=reading_drafts.fields_from(doc),
        screenshots=shots,
        now=utcnow(),
    )
    read_values, read_problems, sources = drafts.form_values(draft)
    values, proposals = dict(typed), {}
    for name, value in read_values.items():
        if sources.get(name) == "reading" and not (typed.get(name) or "").strip():
            values[name] = value
            proposals[name] = value
    if read_problems and not problems and sources.get("problems") == "reading":
        problems = read_problems
        proposals["problems"] = ",".join(sorted(set(read_problems)))
    values["draft"] = draft.public_id
    errors = [str(e.get("message") or "") for e in doc.get("errors") or [] if isinstance(e, dict)]
    shown_names = [str(s.get("name")) for s in drafts.value(draft, reading_drafts.SCREENSHOTS)]
    return render(
        request,
        "cases/new.html",
        values=values,
        problems=problems,
        errors={},
        proposed={n: "reading" for n in proposals},
        read_values=proposals,
        read_extras={e.path: e.text for e in reading_drafts.extras(draft)},
        read_findings=_findings(doc),
        read_errors=[e for e in errors if e],
        read_shots=shown_names,
    )


def _findings(doc: dict[str, Any]) -> list[readings.Finding]:
    """What the screenshots and the story say, each once (a chat and a story often say the
    same), threats and insults first."""
    found: dict[str, readings.Finding] = {}
    for f in doc.get("findings") or []:
        if isinstance(f, dict):
            code = str(f.get("code"))
            text = readings.finding_text(f)
            found.setdefault(text, readings.Finding(code, text, code in readings.WARNINGS))
    return sorted(found.values(), key=lambda f: not f.warning)


def filed_with(after: Callable[..., None]) -> Callable[..., None]:
    """app.state.draft_filed: the screenshots read on the form join the filed case's vault and
    the values read that were not confirmed leave the draft, then `after` (the assessments'
    hook) adds what remains to the case's assessment."""

    def hook(
        request: Request, session: Session, account: Account, public_id: str, number: str
    ) -> None:
        confirmed = {drafts.path_of(n) for n in getattr(request.state, "confirmed", ())}
        reading_drafts.file_screenshots(
            session=session,
            vault=get_vault(request),
            public_id=public_id,
            owner=owners.owner(request, account),
            number=number,
            confirmed=confirmed,
            origin=origin(request, account, "web"),
            now=utcnow(),
        )
        after(request, session, account, public_id, number)

    return hook
