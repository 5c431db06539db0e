"""Files into a case's vault from the delivery pages: the consumer's proof of delivery and the
seller's evidence through the reply link. The evidence flows keep each original as uploaded
(content-addressed, custody-logged); only who added it differs (`Origin`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from weiquan.common.web import client_address
from weiquan.evidence import flows, upload
from weiquan.evidence.flows import Added, Origin
from weiquan.evidence.http import check_room
from weiquan.evidence.vault import Vault


@dataclass
class Received:
    fields: dict[str, str]
    added: Added | None  # None when the form carried no file


def origin(request: Request, actor: str) -> Origin:
    return Origin(
        actor=actor[:200],
        source="web",
        client_ip=client_address(request),
        user_agent=(request.headers.get("user-agent") or "")[:500] or None,
    )


async def receive(
    request: Request,
    session: Session,
    vault: Vault,
    number: str,
    *,
    actor: str,
    kind: str,
    check_fields: Callable[[dict[str, str]], None],
) -> Received:
    """The form's fields, checked (check_fields: CSRF and the rest) before a byte of file data
    is accepted, and its files added to the vault all or nothing; Refused otherwise."""
    room = await run_in_threadpool(check_room, session, number, vault)
    form = await upload.receive(request, vault, before_files=check_fields, room=room)
    try:
        # A file input left empty still sends a part: no name, no bytes.
        files = [f for f in form.files if f.name or f.staged.size]
        if not files:
            check_fields(form.fields)
            return Received(form.fields, None)
        prepared = [
            await run_in_threadpool(flows.prepare, vault, f.staged, f.name, f.content_type)
            for f in files
        ]
        added = await run_in_threadpool(
            lambda: flows.add(
                session=session,
                vault=vault,
                number=number,
                files=prepared,
                kind=form.fields.get("kind") or kind,
                description=form.fields.get("description"),
                origin=origin(request, actor),
            )
        )
        return Received(form.fields, added)
    finally:
        form.discard()
