"""Evidence pages: the same operations as the API, as server-rendered HTML (phone first)."""

from __future__ import annotations

import hmac
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import CSRF_FAILED, CheckedForm, CurrentAccount, session_data
from weiquan.cases.ladder import Party
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, gettext
from weiquan.common.templating import PACKAGE
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep, render
from weiquan.evidence import (
    boxes,
    checklist,
    reading_pages,
    readings,
    redaction_flows,
    shown,
    thumbnails,
)
from weiquan.evidence.checklist import NEEDS
from weiquan.evidence.errors import NotFound, Refused
from weiquan.evidence.http import (
    VaultDep,
    add_upload,
    export_response,
    item_record,
    load_case,
    load_case_parties,
    load_case_to_add,
    origin,
    original_response,
    read_case,
    read_item,
    redacted_response,
)
from weiquan.evidence.labels import KINDS, human_size, plain_size
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
    request: Request,
    session: Any,
    number: str,
    parties: frozenset[Party],
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    case, items = read_case(session, number)
    settings = request.app.state.settings
    need = NEEDS.get(request.query_params.get("need") or "")
    with session.begin():
        read = shown.read_of(session, items)
        found = reading_pages.search_items(session, items, parties, request.query_params)
    return render(
        request,
        "evidence/list.html",
        status_code=status_code,
        number=case.number,
        goods=case.goods,
        cards=[shown.card(i, case.number) for i in (items if found is None else found.items)],
        read=read,
        search=found,
        total=len(items),
        sides=shown.sides(checklist_public(checklist.build(case, items)), parties),
        may_add=shown.may_add(parties),
        need=need,
        need_label=gettext(need.label) if need else None,
        kind=need.kinds[0] if need else request.query_params.get("kind"),
        kinds=KINDS,
        max_bytes=settings.evidence_max_bytes,
        max_size=plain_size(settings.evidence_max_bytes),
        used=plain_size(sum(i.size for i in items)),
        quota=plain_size(settings.evidence_case_max_bytes),
        max_items=settings.evidence_case_max_items,
        **extra,
    )


@router.get("", response_class=HTMLResponse)
def list_page(
    number: str, request: Request, session: SessionDep, account: CurrentAccount
) -> HTMLResponse:
    found, parties = load_case_parties(session, account, number, "evidence page")
    return _list(
        request,
        session,
        found,
        parties,
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
            lambda: _list(
                request, session, found, _parties_again(session, account, found), code, error=text
            )
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
    query = {"added": added, "dup": dup}
    anchor = "#checklist"
    if (need := request.query_params.get("need")) in NEEDS:
        query["need"] = need
        anchor = f"#need-{need}"
    return RedirectResponse(
        f"/cases/{found}/evidence?{urlencode(query)}{anchor}",
        status_code=status.HTTP_303_SEE_OTHER,
    )


def _parties_again(session: Any, account: Any, number: str) -> frozenset[Party]:
    """The account's parts in the case, for a page shown again after a refused upload."""
    return load_case_parties(session, account, number, "evidence page")[1]


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


def _item(
    request: Request,
    session: Any,
    account: Any,
    number: str,
    seq: int,
    status_code: int = 200,
    drawn: list[boxes.Box] | None = None,
    **extra: Any,
) -> HTMLResponse:
    found, parties = load_case_parties(session, account, number, "evidence item")
    case, item, custody, redactions = item_record(session, found, seq)
    with session.begin():
        reading = readings.get_for(session=session, items=[item]).get(item.id)
    # The boxes the drawing starts with: those sent back after a refusal, else what reading
    # the picture found sensitive (phones, ID numbers, names...), proposed for the person to
    # confirm, add to or remove (issue 22).
    start = drawn if drawn is not None else readings.proposed_boxes(reading)
    return render(
        request,
        "evidence/item.html",
        status_code=status_code,
        number=case.number,
        item=to_public(item, case.number, api=False, viewer=account),
        card=shown.card(item, case.number),
        added_by=item.uploaded_by.partition(" ")[2] or item.uploaded_by,
        taken=format_local(item.captured_at) if item.captured_at else None,
        custody=[entry_public(e, viewer=account) for e in custody],
        redactions=[redaction_public(r, case.number, seq, api=False) for r in redactions],
        human_size=human_size,
        boxes_json=boxes.to_json(start),
        box_rows=boxes.rows(start),
        may_add=shown.may_add(parties),
        read=readings.shown(item, reading),
        proposed_count=sum(1 for b in start if b.proposed and not b.confirmed),
        error=extra.pop("error", None) or request.query_params.get("error"),
        **extra,
    )


@router.get("/{seq}", response_class=HTMLResponse)
def item_page(
    number: str, seq: RowId, request: Request, session: SessionDep, account: CurrentAccount
) -> HTMLResponse:
    return _item(request, session, account, number, seq, made=request.query_params.get("made"))


# The icon a picture gets when it cannot be previewed (broken, a bomb, an unread format).
BROKEN_PICTURE = PACKAGE / "static" / "evidence-icons" / "picture.svg"


@router.get("/{seq}/thumbnail")
def thumbnail_page(
    number: str,
    seq: RowId,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
) -> Response:
    """A small preview of a picture, to those who may open the original (else 404)."""
    found = load_case(session, account, number, "evidence thumbnail")
    _, item = read_item(session, found, seq)
    # Never kept by the phone (as every answer with people's data): seen only while allowed.
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    path = thumbnails.get(vault, item.sha256, item.media_type)
    if path is None:
        return FileResponse(BROKEN_PICTURE, media_type="image/svg+xml", headers=headers)
    return FileResponse(path, media_type="image/jpeg", headers=headers)


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
    drawn: list[boxes.Box] = []
    try:
        drawn = boxes.from_form(form)
        spec: dict[str, Any] = {"names": names}
        regions = boxes.regions(drawn)
        if typed := str(form.get("regions") or "").strip():
            regions += parse_regions(typed)
        if regions:
            spec["regions"] = regions
        elif drawn or "box-0-x" in form:
            raise Refused(boxes.NO_BOXES)
        row = redaction_flows.redact(
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
        # The page again, with the boxes as they were drawn: nothing to draw twice.
        return _item(request, session, account, found, seq, exc.status, drawn, error=exc.text())
    return RedirectResponse(
        f"/cases/{found}/evidence/{seq}?made={row.id}#redactions",
        status_code=status.HTTP_303_SEE_OTHER,
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
