"""`POST /api/readings`: read screenshots and a story on demand (issue 22, contract
weiquan.reading/1), and what the complaint form's "read" shares with it.

Reading costs seconds of a core per picture, so a call is bounded before anything is read: the
caller signed in, counted per account and per address, at most `reading_max_files` files of
`reading_max_bytes` each and `reading_max_total_bytes` in all, refused as the stream crosses
a limit (the route streams like the vault's upload, outside the app's body limit). The reader
checks each picture's pixels before decoding it (a bomb is that file's error, not a crash).
Nothing read is kept here: the answer is the reading, a proposal for the caller to confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from weiquan.accounts import limits
from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.models import Account, Role
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, current_language
from weiquan.db import utcnow
from weiquan.evidence import upload
from weiquan.evidence.errors import Refused
from weiquan.evidence.http import VaultDep
from weiquan.evidence.upload import UploadForm
from weiquan.evidence.vault import Vault
from weiquan.reading.read import Upload, read

router = APIRouter(tags=["reading"])

BAD_DATE = N_("Give the day relative dates are read against as YYYY-MM-DD (got “{value}”).")
BAD_ROLE = N_("Say whose screenshots they are: buyer or seller (got “{value}”).")
NOTHING = N_("Send at least one screenshot or a story to read.")
STORY_LIMIT = 20_000
STORY_TOO_LONG = N_("Keep the story under {limit} characters.")
# The complaint form posts all its fields with the screenshots (the typed values are kept).
FORM_FIELDS = 160


def count(request: Request, account: Account) -> None:
    """One reading call: per address (the `reading` scope) and per account (an hour's quota);
    429 past either."""
    limits.attempt(request, "reading")
    sessions, settings = request.app.state.sessions, request.app.state.settings
    rule = limits.Rule(
        name="reading:account",
        limit=settings.reading_per_account_hour,
        window=timedelta(hours=1),
        max_block=timedelta(seconds=settings.limit_max_block_seconds),
    )
    now = utcnow()
    limits.check(sessions, rule, str(account.id), now)
    limits.hit(sessions, rule, str(account.id), now)


async def receive(
    request: Request,
    vault: Vault,
    *,
    check_fields: Callable[[dict[str, str]], None] | None = None,
    max_fields: int = 20,
) -> UploadForm:
    """The call's fields and screenshots, streamed to staging within the reading's bounds."""
    settings = vault.settings
    return await upload.receive(
        request,
        vault,
        before_files=check_fields,
        room=settings.reading_max_total_bytes,
        max_files=settings.reading_max_files,
        file_limit=settings.reading_max_bytes,
        max_fields=max_fields,
    )


def language() -> str:
    return "en" if current_language.get().startswith("en") else "zh"


def as_of_of(value: str | None) -> date:
    text = (value or "").strip()
    if not text:
        return local_today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Refused(BAD_DATE, status=422, value=text[:20]) from None


def story_of(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > STORY_LIMIT:
        raise Refused(STORY_TOO_LONG, status=422, limit=STORY_LIMIT)
    return text or None


def read_form(form: UploadForm, *, as_role: str, as_of: date, story: str | None) -> dict[str, Any]:
    """The weiquan.reading/1 document of the staged screenshots and the story (blocking)."""
    uploads = []
    for f in form.files:
        uploads.append(Upload(name=f.name or "upload", data=f.staged.path.read_bytes()))
    return read(uploads, story=story, as_role=as_role, as_of=as_of, lang=language())


def none_read(doc: dict[str, Any], form: UploadForm) -> bool:
    """Whether the call read nothing at all: every file refused and no story."""
    return bool(form.files) and not doc.get("sources") and bool(doc.get("errors"))


# The route reads its multipart body as a stream (bounded as it arrives), so FastAPI cannot see
# its fields: they are described here for the API's documentation.
REQUEST_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "Screenshots or photos (PNG, JPEG, WebP...), repeated",
                    },
                    "story": {"type": "string", "description": "The consumer's own words"},
                    "as_of": {"type": "string", "format": "date"},
                    "as": {"type": "string", "enum": ["buyer", "seller"]},
                },
            }
        }
    },
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The weiquan.reading/1 document (refused files under `errors`)"},
    413: {"description": "Too many files, a file or the whole call too large"},
    422: {"description": "Nothing could be read: each file's reason under `errors`"},
    429: {"description": "Too many reading calls from this account or address"},
}


@router.post(
    "/readings",
    response_model=None,
    openapi_extra={"requestBody": REQUEST_BODY},
    responses=RESPONSES,
)
async def create_reading(request: Request, account: CurrentAccount, vault: VaultDep) -> Any:
    """Read screenshots (multipart: `files` repeated) and a `story`; relative dates against
    `as_of` (YYYY-MM-DD, default today in Beijing); `as` is `buyer` or `seller` (default: a
    merchant's account reads as the seller). Answers the weiquan.reading/1 document: each
    refused file in `errors` with its message in the caller's language; 422 when nothing could
    be read. Nothing is kept and nothing links the caller to a case or a merchant."""
    await run_in_threadpool(count, request, account)
    try:
        form = await receive(request, vault)
    except Refused as exc:
        return JSONResponse({"detail": exc.text()}, status_code=exc.status)
    try:
        fields = form.fields
        as_role = (fields.get("as") or "").strip() or (
            "seller" if account.role == Role.merchant else "buyer"
        )
        if as_role not in ("buyer", "seller"):
            raise Refused(BAD_ROLE, status=422, value=as_role[:20])
        as_of, story = as_of_of(fields.get("as_of")), story_of(fields.get("story"))
        if not form.files and not story:
            raise Refused(NOTHING, status=422)
        doc = await run_in_threadpool(
            lambda: read_form(form, as_role=as_role, as_of=as_of, story=story)
        )
    except Refused as exc:
        return JSONResponse({"detail": exc.text()}, status_code=exc.status)
    finally:
        form.discard()
    code = 422 if none_read(doc, form) else 200
    return JSONResponse(doc, status_code=code, headers={"Cache-Control": "no-store"})
