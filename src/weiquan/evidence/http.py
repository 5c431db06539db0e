"""What the evidence API and pages share: the vault, who is asking, files out, refusals."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import FileResponse, StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.models import Account
from weiquan.cases import service as cases
from weiquan.cases.access import group_only
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case
from weiquan.cases.views import FILERS_ONLY, adding_case, case_and_parties, filers_case
from weiquan.common.i18n import gettext
from weiquan.common.web import client_address
from weiquan.evidence import bundle, flows, quota, service, upload
from weiquan.evidence.errors import NotFound, Refused
from weiquan.evidence.flows import ITEM_NOT_FOUND, Added, Origin, open_item
from weiquan.evidence.models import EvidenceItem, EvidenceLogEntry, EvidenceRedaction
from weiquan.evidence.redaction_flows import open_redaction
from weiquan.evidence.staging import CHUNK
from weiquan.evidence.vault import Vault

# Shown in the browser: pictures, sound, video and PDFs. Anything else (HTML saved from a shop,
# chat exports) is only downloaded, so a stored page can never run inside weiquan's origin.
INLINE = ("image/", "audio/", "video/", "application/pdf")


def get_vault(request: Request) -> Vault:
    vault: Vault | None = getattr(request.app.state, "evidence", None)
    if vault is None:
        vault = Vault.from_settings(request.app.state.settings)
        request.app.state.evidence = vault
    return vault


VaultDep = Annotated[Vault, Depends(get_vault)]


def origin(request: Request, account: Account | None, source: str) -> Origin:
    actor = f"{account.role}:{account.id} {account.display_name}" if account else "anonymous"
    return Origin(
        actor=actor[:200],
        source=source,
        client_ip=client_address(request),
        user_agent=(request.headers.get("user-agent") or "")[:500] or None,
    )


def load_case(session: Session, account: Account, number: str, what: str) -> str:
    """The case's number if the account takes part in it (else 404), with the read ended so
    that a flow can open its own transaction on the session."""
    found = filers_case(session, account, number, what).number  # 403 to a co-complainant
    session.rollback()
    return found


def load_case_parties(
    session: Session, account: Account, number: str, what: str
) -> tuple[str, frozenset[Party]]:
    """load_case, with the account's parts in the case (which checklist it sees)."""
    case, parties = case_and_parties(session, account, number, what)
    if group_only(parties):
        raise HTTPException(403, gettext(FILERS_ONLY))
    found = case.number
    session.rollback()
    return found, parties


def read_item(session: Session, number: str, seq: int) -> tuple[Case, EvidenceItem]:
    """The case's item E`seq` (404 if none), read in one transaction; the case checked first."""
    with refusals(), session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        item = service.get(session=session, case=case, seq=seq)
        if item is None:
            raise NotFound(ITEM_NOT_FOUND, number=case.number, seq=seq)
        return case, item


def load_case_to_add(session: Session, account: Account, number: str, what: str) -> str:
    """load_case for adding to the vault (uploads, redactions): a region agency reads the case
    but adds nothing to a complaint filed with another agency, as it decides nothing there."""
    found = adding_case(session, account, number, what).number
    session.rollback()
    return found


def check_room(session: Session, number: str, vault: Vault) -> int:
    """Refuse an upload to a case already at its quota before a byte of it is read, else the
    bytes it has room for (flows.add checks again, exactly, once the files are in)."""
    with session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        return quota.check(session=session, case=case, settings=vault.settings, items=1, size=0)


def read_case(session: Session, number: str) -> tuple[Case, list[EvidenceItem]]:
    """The case and its items, read in one transaction (ended on return)."""
    with session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        return case, service.get_all(session=session, case=case)


def item_custody(session: Session, case: Case, seq: int) -> list[EvidenceLogEntry]:
    return list(
        session.execute(
            select(EvidenceLogEntry)
            .where(EvidenceLogEntry.case_id == case.id, EvidenceLogEntry.item_seq == seq)
            .order_by(EvidenceLogEntry.seq)
        ).scalars()
    )


async def add_upload(
    request: Request,
    session: Session,
    vault: Vault,
    account: Account,
    number: str,
    *,
    source: str,
    check_fields: Callable[[dict[str, str]], None] | None = None,
) -> Added:
    """The one upload of the API and the page: the case's room checked, the files streamed to
    staging, prepared and added all or nothing, the staging discarded whatever happens.

    check_fields (the page's CSRF check) sees the form's fields before a byte of file data is
    accepted, or once the form is read when it has no file. Refuses with Refused.
    """
    room = await run_in_threadpool(check_room, session, number, vault)
    form = await upload.receive(request, vault, before_files=check_fields, room=room)
    try:
        if check_fields is not None and not form.files:
            check_fields(form.fields)
        prepared = [
            await run_in_threadpool(flows.prepare, vault, f.staged, f.name, f.content_type)
            for f in form.files
        ]
        return await run_in_threadpool(
            lambda: flows.add(
                session=session,
                vault=vault,
                number=number,
                files=prepared,
                kind=form.fields.get("kind"),
                description=form.fields.get("description"),
                origin=origin(request, account, source),
            )
        )
    finally:
        form.discard()


def remove_folder(folder: Path) -> None:
    """Delete a temporary export folder once its response was sent."""
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def refusals() -> Iterator[None]:
    """Refused becomes an HTTP error with the sentence in the reader's language."""
    try:
        yield
    except Refused as exc:
        raise HTTPException(exc.status, exc.text()) from None


def blob_response(
    vault: Vault, sha256: str, media_type: str, filename: str, size: int
) -> StreamingResponse:
    inline = media_type.startswith(INLINE)

    def chunks() -> Iterator[bytes]:
        with vault.store.open(sha256) as blob:
            while chunk := blob.read(CHUNK):
                yield chunk

    disposition = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    headers: dict[str, Any] = {
        "Content-Disposition": (
            f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
        ),
        "Content-Length": str(size),
        "ETag": f'"{sha256}"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    if not inline:
        headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return StreamingResponse(
        chunks(),
        media_type=media_type if inline else "application/octet-stream",
        headers=headers,
    )


# What the API and the pages do alike; `source` ("api" or "web") goes into the custody log.


def export_response(
    request: Request, session: Session, account: Account, vault: Vault, number: str, source: str
) -> FileResponse:
    """The evidence bundle of the case as a zip download (its folder removed once sent)."""
    found = load_case(session, account, number, "evidence export")
    folder = Path(tempfile.mkdtemp(prefix="weiquan-export-"))
    out = folder / f"{found}-evidence.zip"
    with refusals():
        bundle.export(
            session=session,
            vault=vault,
            number=found,
            out=out,
            origin=origin(request, account, source),
            viewer=account,
        )
    return FileResponse(
        out,
        media_type="application/zip",
        filename=out.name,
        background=BackgroundTask(remove_folder, folder),
    )


def item_detail(
    session: Session, account: Account, number: str, seq: int
) -> tuple[Case, EvidenceItem, list[EvidenceLogEntry], list[EvidenceRedaction]]:
    """One item of the case with its custody entries and redacted copies (404 if none)."""
    return item_record(session, load_case(session, account, number, "evidence item"), seq)


def item_record(
    session: Session, number: str, seq: int
) -> tuple[Case, EvidenceItem, list[EvidenceLogEntry], list[EvidenceRedaction]]:
    """item_detail of a case the caller was already let into."""
    case, _ = read_case(session, number)
    with refusals(), session.begin():
        item = service.get(session=session, case=case, seq=seq)
        if item is None:
            raise NotFound(ITEM_NOT_FOUND, number=case.number, seq=seq)
        return (
            case,
            item,
            item_custody(session, case, seq),
            service.get_redactions(session=session, item=item),
        )


def original_response(
    request: Request,
    session: Session,
    account: Account,
    vault: Vault,
    number: str,
    seq: int,
    source: str,
) -> StreamingResponse:
    """The original file, byte for byte (logged as opened)."""
    found = load_case(session, account, number, "evidence file")
    with refusals():
        item = open_item(
            session=session,
            vault=vault,
            number=found,
            seq=seq,
            origin=origin(request, account, source),
        )
    name = f"{found}-{item.label}.{item.extension}"
    return blob_response(vault, item.sha256, item.media_type, name, item.size)


def redacted_response(
    request: Request,
    session: Session,
    account: Account,
    vault: Vault,
    number: str,
    seq: int,
    rid: int,
    source: str,
) -> StreamingResponse:
    """A redacted copy (logged as shared)."""
    found = load_case(session, account, number, "evidence redaction file")
    with refusals():
        row = open_redaction(
            session=session,
            vault=vault,
            number=found,
            seq=seq,
            rid=rid,
            origin=origin(request, account, source),
        )
    name = f"{found}-E{seq}-redacted-{rid}.{row.extension}"
    return blob_response(vault, row.sha256, row.media_type, name, row.size)
