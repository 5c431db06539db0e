"""Receive a multipart upload as it arrives: each file goes straight to staging, hashed on the
way, in bounded memory (a buffer of BUFFER bytes per request), whatever its size.

Starlette's own form parser spools files to temporary files first, which would write every
upload twice and decide limits only at the end; here a file over the limit is refused the
moment it crosses it, and a request cut off midway leaves nothing behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request

from weiquan.common.i18n import N_
from weiquan.evidence.errors import Refused
from weiquan.evidence.labels import human_size
from weiquan.evidence.staging import Staged, Stager, TooLarge
from weiquan.evidence.vault import Vault

BUFFER = 1024 * 1024
MAX_FILES = 50
MAX_FIELD = 64 * 1024
# The form beside the files has three fields (kind, description, csrf_token): room to spare,
# but a request of a million tiny fields, or of fields adding up to gigabytes, is refused as it
# arrives (this path streams, so the app's body limit does not hold it).
MAX_FIELDS = 20
MAX_FIELDS_BYTES = 256 * 1024

NOT_MULTIPART = N_("Send the files as multipart/form-data.")
CUT_OFF = N_("The upload was cut off before it finished; nothing was kept. Please try again.")
TOO_LARGE = N_("{name}: the file is larger than the limit of {limit}; nothing was kept.")
TOO_MANY = N_("Send at most {limit} files at once.")
FIELD_TOO_LONG = N_("The field {name} is too long.")
TOO_MANY_FIELDS = N_("Send at most {limit} form fields with the files; nothing was kept.")
FIELDS_TOO_LARGE = N_("The form fields add up to more than {limit}; nothing was kept.")
OVER_QUOTA = N_(
    "The case has room for {limit} more evidence; this upload is larger. Nothing was kept."
)
MALFORMED = N_("The upload is not valid multipart/form-data; nothing was kept.")


@dataclass
class StagedUpload:
    staged: Staged
    name: str
    content_type: str | None


@dataclass
class UploadForm:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[StagedUpload] = field(default_factory=list)
    # Every value of a field sent more than once (a form's ticks), in order.
    lists: dict[str, list[str]] = field(default_factory=dict)

    def discard(self) -> None:
        for f in self.files:
            f.staged.path.unlink(missing_ok=True)


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    stager: Stager | None = None
    buffer: bytearray = field(default_factory=bytearray)


def _disposition(value: str) -> tuple[str, str | None]:
    _, options = parse_options_header(value.encode("latin-1"))
    name = options.get(b"name", b"").decode("utf-8", "replace")
    filename = options.get(b"filename")
    text = filename.decode("utf-8", "replace") if filename is not None else None
    # RFC 5987 filename*=UTF-8''..., which the options parser above does not decode.
    if m := re.search(r"filename\*\s*=\s*([\w-]+)''([^;]+)", value, re.I):
        text = unquote(m.group(2).strip().strip('"'), encoding=m.group(1) or "utf-8")
    return name, text


async def receive(
    request: Request,
    vault: Vault,
    before_files: Callable[[dict[str, str]], None] | None = None,
    room: int | None = None,
    *,
    max_files: int = MAX_FILES,
    file_limit: int | None = None,
    max_fields: int = MAX_FIELDS,
) -> UploadForm:
    """The fields and staged files of a multipart request; refuses with Refused.

    before_files runs once, when the first file starts, with the fields seen so far (the page
    checks its CSRF token there, before accepting a byte of file data). room is what the case's
    quota leaves, in bytes: files past it are refused as they cross it, not once stored.
    max_files, file_limit (bytes per file, else the vault's) and max_fields bound other uses
    (reading screenshots, issue 22) more tightly than the vault's own upload.
    """
    content_type = request.headers.get("content-type", "")
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise Refused(NOT_MULTIPART, status=415)
    form = UploadForm()
    state: dict[str, Any] = {"part": None, "field": "", "value": "", "ended": False}
    # Headers of a part need no count here: the parser refuses them past its own maximum.
    state["fields"] = state["field_bytes"] = state["files"] = 0
    open_stagers: list[Stager] = []
    left = [room]

    def spend(size: int) -> None:
        if left[0] is not None:
            left[0] -= size
            if left[0] < 0:
                raise Refused(OVER_QUOTA, status=413, limit=human_size(room or 0))

    state["finished"] = []
    checked = before_files is None

    def on_part_begin() -> None:
        state["part"] = _Part()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end].decode("latin-1")

    def on_header_value(data: bytes, start: int, end: int) -> None:
        # latin-1 keeps the raw bytes; the file name is decoded as UTF-8 below.
        state["value"] += data[start:end].decode("latin-1")

    def on_header_end() -> None:
        state["part"].headers[state["field"].lower()] = state["value"]
        state["field"], state["value"] = "", ""

    def on_headers_finished() -> None:
        nonlocal checked
        part: _Part = state["part"]
        part.name, part.filename = _disposition(part.headers.get("content-disposition", ""))
        if part.filename is not None:
            if not checked:
                checked = True
                assert before_files is not None
                before_files(form.fields)
            # Counted as each file starts: the parts of one chunk reach form.files only after
            # the chunk is parsed, so form.files alone would let a small body through.
            state["files"] += 1
            if state["files"] > max_files:
                raise Refused(TOO_MANY, status=413, limit=max_files)
            part.stager = (
                Stager(vault.staging_dir, file_limit) if file_limit is not None else vault.stager()
            )
            # Known from its first byte: a refusal while parts of one chunk wait to be flushed
            # (one file over a limit, the next already begun) discards them all.
            open_stagers.append(part.stager)
        else:
            state["fields"] += 1
            if state["fields"] > max_fields:
                raise Refused(TOO_MANY_FIELDS, status=413, limit=max_fields)

    def on_part_data(data: bytes, start: int, end: int) -> None:
        part: _Part = state["part"]
        part.buffer += data[start:end]
        if part.stager is None:
            state["field_bytes"] += end - start
            if len(part.buffer) > MAX_FIELD:
                raise Refused(FIELD_TOO_LONG, status=413, name=part.name[:40])
            if state["field_bytes"] > MAX_FIELDS_BYTES:
                raise Refused(FIELDS_TOO_LARGE, status=413, limit=human_size(MAX_FIELDS_BYTES))

    def on_part_end() -> None:
        part: _Part = state["part"]
        if part.stager is None:
            # Fields are small: keep them now, so a CSRF field is known before the next file.
            form.fields[part.name] = part.buffer.decode("utf-8", "replace")
            form.lists.setdefault(part.name, []).append(form.fields[part.name])
        else:
            state["finished"].append(part)
        state["part"] = None

    def on_end() -> None:
        state["ended"] = True

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
            "on_end": on_end,
        },
    )
    try:
        async for chunk in request.stream():
            try:
                parser.write(chunk)
            except Refused:
                raise
            except Exception:
                raise Refused(MALFORMED, status=400) from None
            current: _Part | None = state["part"]
            if current is not None and current.stager is not None:
                if current.stager not in open_stagers:
                    open_stagers.append(current.stager)
                if len(current.buffer) >= BUFFER:
                    await _flush(current, spend)
            finished, state["finished"] = state["finished"], []
            for done in finished:
                if done.stager not in open_stagers:
                    open_stagers.append(done.stager)
                await _flush(done, spend)
                await _close(done, form)
                open_stagers.remove(done.stager)
        if not state["ended"]:
            raise Refused(CUT_OFF, status=400)
    except ClientDisconnect:
        _discard(open_stagers, form)
        raise Refused(CUT_OFF, status=400) from None
    except BaseException:
        _discard(open_stagers, form)
        raise
    return form


async def _flush(part: _Part, spend: Callable[[int], None]) -> None:
    assert part.stager is not None
    if not part.buffer:
        return
    data, part.buffer = bytes(part.buffer), bytearray()
    spend(len(data))
    # Hashing and writing a megabyte off the event loop keeps other requests moving.
    try:
        await run_in_threadpool(part.stager.write, data)
    except TooLarge as exc:
        limit = human_size(exc.limit)
        raise Refused(TOO_LARGE, status=413, name=part.filename or "?", limit=limit) from None


async def _close(part: _Part, form: UploadForm) -> None:
    assert part.stager is not None
    staged = await run_in_threadpool(part.stager.finish)
    form.files.append(
        StagedUpload(staged, part.filename or "", part.headers.get("content-type") or None)
    )


def _discard(stagers: list[Stager], form: UploadForm) -> None:
    for stager in stagers:
        stager.discard()
    form.discard()
