"""Evidence pages: the same operations as the API, as server-rendered HTML (phone first)."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import CSRF_FAILED, CheckedForm, CurrentAccount, session_data
from weiquan.common.i18n import N_, gettext
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep, render
from weiquan.evidence import checklist, redaction_flows
from weiquan.evidence.errors import NotFound, Refused
from weiquan.evidence.http import (
    VaultDep,
    add_upload,
    export_response,
    item_detail,
    load_case,
    load_case_to_add,
    origin,
    original_response,
    read_case,
    redacted_response,
)
from weiquan.evidence.labels import KINDS, human_size
from weiquan.evidence.present import (
    checklist_public,
    entry_public,
    redaction_public,
    to_public,
)
from weiquan.evidence.redaction import parse_regions

router = APIRouter(prefix="/cases/{number}/evidence", include_in_schema=False)

ADDED = N_("Added: {labels}.")
ALREADY = N_("Already kept: {labels} (not added again).")


def _list(
    request: Request, session: Any, number: str, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    case, items = read_case(session, number)
    viewer = getattr(request.state, "account", None)  # set by the page's sign-in check
    return render(
        request,
        "evidence/list.html",
        status_code=status_code,
        number=case.number,
        goods=case.goods,
        items=[to_public(i, case.number, api=False, viewer=viewer) for i in items],
        checklist=checklist_public(checklist.build(case, items)),
        kinds=KINDS,
        max_bytes=request.app.state.settings.evidence_max_bytes,
        max_size=human_size(request.app.state.settings.evidence_max_bytes),
        **extra,
    )


@router.get("", response_class=HTMLResponse)
def list_page(
    number: str, request: Request, session: SessionDep, account: CurrentAccount
) -> HTMLResponse:
    found = load_case(session, account, number, "evidence page")
    return _list(
        request,
        session,
        found,
        added=request.query_params.get("added"),
        duplicates=request.query_params.get("dup"),
    )


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


@router.post("", response_model=None)
async def upload_page(
    number: str, request: Request, session: SessionDep, account: CurrentAccount, vault: VaultDep
) -> Response:
    """The upload form (and its script, one file per request with progress); CSRF-checked
    before a byte of file data is accepted."""
    found = await run_in_threadpool(load_case_to_add, session, account, number, "evidence upload")
    expected = str(session_data(request).get("csrf") or "")

    def check_csrf(fields: dict[str, str]) -> None:
        if not expected or not hmac.compare_digest(fields.get("csrf_token", ""), expected):
            raise Refused(CSRF_FAILED, status=403)

    try:
        result = await add_upload(
            request, session, vault, account, found, source="web", check_fields=check_csrf
        )
    except Refused as exc:
        if _wants_json(request):
            return JSONResponse({"detail": exc.text()}, status_code=exc.status)
        code, text = exc.status, exc.text()
        return await run_in_threadpool(
            lambda: _list(request, session, found, status_code=code, error=text)
        )
    added = ", ".join(i.label for i in result.items)
    dup = ", ".join(i.label for i in result.duplicates)
    if _wants_json(request):
        message = " ".join(
            [gettext(ADDED).format(labels=added)] * bool(added)
            + [gettext(ALREADY).format(labels=dup)] * bool(dup)
        )
        return JSONResponse(
            {
                "items": [i.label for i in result.items],
                "duplicates": [i.label for i in result.duplicates],
                "message": message,
            },
            status_code=status.HTTP_201_CREATED if result.items else status.HTTP_200_OK,
        )
    return RedirectResponse(
        f"/cases/{found}/evidence?added={added}&dup={dup}", status_code=status.HTTP_303_SEE_OTHER
    )


@router.post("/export", response_class=FileResponse)
def export_page(
    number: str,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
    form: CheckedForm,
) -> FileResponse:
    return export_response(request, session, account, vault, number, "web")


@router.get("/{seq}", response_class=HTMLResponse)
def item_page(
    number: str, seq: RowId, request: Request, session: SessionDep, account: CurrentAccount
) -> HTMLResponse:
    case, item, custody, redactions = item_detail(session, account, number, seq)
    return render(
        request,
        "evidence/item.html",
        number=case.number,
        item=to_public(item, case.number, api=False, viewer=account),
        custody=[entry_public(e, viewer=account) for e in custody],
        redactions=[redaction_public(r, case.number, seq, api=False) for r in redactions],
        human_size=human_size,
        error=request.query_params.get("error"),
    )


@router.get("/{seq}/file")
def original_page(
    number: str,
    seq: RowId,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
) -> Response:
    return original_response(request, session, account, vault, number, seq, "web")


@router.post("/{seq}/redactions")
def redact_page(
    number: str,
    seq: RowId,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
    form: CheckedForm,
) -> Response:
    found = load_case_to_add(session, account, number, "evidence redaction")
    names = [n.strip() for n in str(form.get("names") or "").splitlines() if n.strip()]
    try:
        spec: dict[str, Any] = {"names": names}
        if regions := str(form.get("regions") or "").strip():
            spec["regions"] = parse_regions(regions)
        redaction_flows.redact(
            session=session,
            vault=vault,
            number=found,
            seq=seq,
            spec=spec,
            origin=origin(request, account, "web"),
        )
    except NotFound as exc:
        raise HTTPException(exc.status, exc.text()) from None
    except Refused as exc:
        from urllib.parse import quote

        return RedirectResponse(
            f"/cases/{found}/evidence/{seq}?error={quote(exc.text())}#redact",
            status_code=status.HTTP_303_SEE_OTHER,
        )
    return RedirectResponse(
        f"/cases/{found}/evidence/{seq}#redactions", status_code=status.HTTP_303_SEE_OTHER
    )


@router.get("/{seq}/redactions/{rid}/file")
def redacted_page(
    number: str,
    seq: RowId,
    rid: RowId,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
) -> Response:
    return redacted_response(request, session, account, vault, number, seq, rid, "web")
