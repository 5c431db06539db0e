"""Merchant registry pages: the pre-purchase check, profiles, public records, the lists, and
the merchant's reply form. The same operations as the API, as HTML."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from weiquan.accounts.auth import CheckedForm, MaybeAccount
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.identifiers import IdentifierError
from weiquan.common.types import PageNumber, RowId
from weiquan.common.web import SessionDep, render
from weiquan.merchants import flows, service
from weiquan.merchants import identifiers as ids
from weiquan.merchants.models import RecordType
from weiquan.merchants.schemas import ReplyIn
from weiquan.merchants.views import _profile_of, current_merchant, run_lookup

router = APIRouter(prefix="/merchants", include_in_schema=False)

PHONE_IN_LINK = N_(
    "For your privacy, phone numbers are not looked up from a link: type the number into"
    " the form below."
)


@router.get("", response_class=HTMLResponse)
def check_page(request: Request, session: SessionDep) -> HTMLResponse:
    """The check form; ?q= still works for links to identifiers that are not phone numbers,
    though the form posts (see below)."""
    query = request.query_params.get("q") or ""
    if ids.names_phone(query):
        return render(
            request,
            "merchants/check.html",
            asked=True,
            result=None,
            error=gettext(PHONE_IN_LINK),
            status_code=422,
        )
    return _check(request, session, query)


@router.post("", response_class=HTMLResponse)
async def check_post(request: Request, session: SessionDep) -> HTMLResponse:
    # The form posts so that a phone number or WeChat ID typed in does not end up in the
    # address bar, the history, referrers or the language-switch link. It only reads, so it
    # carries no CSRF token.
    form = await request.form()
    return _check(request, session, str(form.get("q") or ""))


def _check(request: Request, session: SessionDep, query: str) -> HTMLResponse:
    query = query.strip()[:500]
    result, error = None, None
    if query:
        try:
            result = run_lookup(session=session, query=query)
        except IdentifierError as exc:
            error = gettext(exc.message).format(**exc.params)
    return render(
        request,
        "merchants/check.html",
        asked=bool(query),
        result=result,
        error=error,
        status_code=422 if error else 200,
    )


@router.get("/records", response_class=HTMLResponse)
def records_page(request: Request, session: SessionDep, page: PageNumber = 1) -> HTMLResponse:
    page = max(1, min(page, 100_000))
    result = service.public_records(session=session, page=page, page_size=20)
    return render(request, "merchants/records.html", result=result)


@router.get("/lists", response_class=HTMLResponse)
def lists_page(request: Request, session: SessionDep) -> HTMLResponse:
    return render(
        request,
        "merchants/lists.html",
        black=service.list_entries(session=session, record_type=RecordType.black_list),
        red=service.list_entries(session=session, record_type=RecordType.red_list),
    )


@router.get("/{merchant_id}", response_class=HTMLResponse)
def profile_page(request: Request, merchant_id: RowId, session: SessionDep) -> HTMLResponse:
    return render(request, "merchants/profile.html", p=_profile_of(session, merchant_id))


@router.get("/{merchant_id}/reply", response_class=HTMLResponse)
def reply_page(request: Request, merchant_id: RowId, session: SessionDep) -> HTMLResponse:
    p = _profile_of(session, merchant_id)
    return render(request, "merchants/reply.html", p=p, values={}, errors={})


@router.post("/{merchant_id}/reply", response_class=HTMLResponse)
def reply_post(
    request: Request,
    merchant_id: RowId,
    session: SessionDep,
    form: CheckedForm,
    account: MaybeAccount,
) -> Any:
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    errors: dict[str, str] = {}
    reply_in: ReplyIn | None = None
    try:
        reply_in = ReplyIn.model_validate({"text": values.get("text", "")})
    except ValidationError as exc:
        errors = {e["field"]: e["msg"] for e in field_errors(exc.errors())}
    try:
        # A merchant account with a verified claim needs no code; anyone else shows one.
        merchant = current_merchant(session, account, merchant_id, values.get("code") or None)
    except HTTPException as exc:
        if exc.status_code != status.HTTP_403_FORBIDDEN:
            raise
        errors["code"] = str(exc.detail)
    if errors or reply_in is None:
        p = _profile_of(session, merchant_id)
        values.pop("code", None)  # a code is never sent back into a page
        return render(
            request, "merchants/reply.html", status_code=422, p=p, values=values, errors=errors
        )
    flows.reply(session=session, merchant_id=merchant.id, text=reply_in.text)
    return RedirectResponse(f"/merchants/{merchant.id}", status_code=status.HTTP_303_SEE_OTHER)
