"""The evidence API: upload, list with the checklist, originals, redactions, export."""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from fastapi.responses import FileResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import CurrentAccount
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep
from weiquan.evidence import checklist, redaction_flows
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
    refusals,
)
from weiquan.evidence.present import (
    checklist_public,
    entry_public,
    redaction_public,
    to_public,
)
from weiquan.evidence.schemas import (
    ChecklistPublic,
    EvidenceDetail,
    EvidenceList,
    RedactionCreate,
    RedactionPublic,
    UploadResult,
)

router = APIRouter(prefix="/cases/{number}/evidence", tags=["evidence"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UploadResult)
async def upload_evidence(
    number: str, request: Request, session: SessionDep, account: CurrentAccount, vault: VaultDep
) -> UploadResult:
    """Add files (multipart: `files` repeated, `kind`, `description`) to the case's evidence.

    Streamed to storage as they arrive; all or nothing. Files the case already holds come back
    under `duplicates`.
    """
    with refusals():
        case_number = await run_in_threadpool(load_case_to_add, session, account, number, "upload")
        result = await add_upload(request, session, vault, account, case_number, source="api")
    return UploadResult(
        items=[to_public(i, case_number, viewer=account) for i in result.items],
        duplicates=[to_public(i, case_number, viewer=account) for i in result.duplicates],
        checkpoint=result.checkpoint.id if result.checkpoint else None,
    )


@router.get("", response_model=EvidenceList)
def list_evidence(number: str, session: SessionDep, account: CurrentAccount) -> EvidenceList:
    """The case's evidence and its checklist (what the claim needs, what is missing)."""
    case, items = read_case(session, load_case(session, account, number, "evidence"))
    return EvidenceList(
        number=case.number,
        items=[to_public(i, case.number, viewer=account) for i in items],
        checklist=checklist_public(checklist.build(case, items)),
    )


@router.get("/checklist", response_model=ChecklistPublic)
def get_checklist(number: str, session: SessionDep, account: CurrentAccount) -> ChecklistPublic:
    """What evidence the claim needs, from the law engine's assessment of the case."""
    case, items = read_case(session, load_case(session, account, number, "evidence checklist"))
    return checklist_public(checklist.build(case, items))


@router.post("/export", response_class=FileResponse)
def export_bundle(
    number: str, request: Request, session: SessionDep, account: CurrentAccount, vault: VaultDep
) -> FileResponse:
    """The evidence bundle (zip): originals, signed manifest, custody proofs, evidence list."""
    return export_response(request, session, account, vault, number, "api")


@router.get("/{seq}", response_model=EvidenceDetail)
def get_item(
    number: str, seq: RowId, session: SessionDep, account: CurrentAccount
) -> EvidenceDetail:
    """One item with its custody history and redacted copies."""
    case, item, custody, redactions = item_detail(session, account, number, seq)
    return EvidenceDetail(
        **to_public(item, case.number, viewer=account).model_dump(),
        custody=[entry_public(e, viewer=account) for e in custody],
        redactions=[redaction_public(r, case.number, seq, api=True) for r in redactions],
    )


@router.get("/{seq}/file", response_class=StreamingResponse)
def get_original(
    number: str,
    seq: RowId,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
) -> StreamingResponse:
    """The original file, byte for byte (recorded in the custody log as opened)."""
    return original_response(request, session, account, vault, number, seq, "api")


@router.post(
    "/{seq}/redactions", status_code=status.HTTP_201_CREATED, response_model=RedactionPublic
)
def create_redaction(
    number: str,
    seq: RowId,
    body: RedactionCreate,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
) -> RedactionPublic:
    """A copy for public disclosure: regions covered (pictures), people masked (text)."""
    case_number = load_case_to_add(session, account, number, "evidence redaction")
    with refusals():
        row = redaction_flows.redact(
            session=session,
            vault=vault,
            number=case_number,
            seq=seq,
            spec=body.model_dump(exclude_none=True),
            origin=origin(request, account, "api"),
        )
    return redaction_public(row, case_number, seq, api=True)


@router.get("/{seq}/redactions/{rid}/file", response_class=StreamingResponse)
def get_redacted(
    number: str,
    seq: RowId,
    rid: RowId,
    request: Request,
    session: SessionDep,
    account: CurrentAccount,
    vault: VaultDep,
) -> StreamingResponse:
    """A redacted copy (recorded in the custody log as shared)."""
    return redacted_response(request, session, account, vault, number, seq, rid, "api")
