"""Evidence flows: each owns its transaction, appends to the custody log, signs a checkpoint.

Order matters for crash safety: a blob is published to the store (durably) before the
transaction that records it commits. A crash in between leaves an unrecorded blob, which is
harmless (content-addressed, reused by the next upload of the same bytes); it never leaves a
recorded item without its blob.
"""

from __future__ import annotations

import base64
import logging
import os
import unicodedata
from concurrent.futures import CancelledError, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload

from weiquan.cases import service as cases
from weiquan.cases.models import Case
from weiquan.common.i18n import N_
from weiquan.events import service as events
from weiquan.events.models import EventKind
from weiquan.evidence import custody, quota, service
from weiquan.evidence.capture import Capture, inspect
from weiquan.evidence.detect import Detected, clean_name, detect
from weiquan.evidence.errors import NotFound, Refused
from weiquan.evidence.models import (
    Action,
    EvidenceCheckpoint,
    EvidenceItem,
    EvidenceKind,
    EvidenceTimestamp,
)
from weiquan.evidence.staging import Staged, stage_file
from weiquan.evidence.tsa import TimestampError, timestamp
from weiquan.evidence.vault import Vault

log = logging.getLogger("weiquan.evidence")

CASE_NOT_FOUND = N_("No case has the number {number}.")
ITEM_NOT_FOUND = N_("Case {number} has no evidence item E{seq}.")
UNKNOWN_KIND = N_("Choose what the evidence shows from the list (got {kind}).")
NO_FILES = N_("Choose at least one file.")
DESCRIPTION_TOO_LONG = N_("Keep the description under {limit} characters.")
DESCRIPTION_LIMIT = 2000


@dataclass(frozen=True)
class Origin:
    """Who acts, through what, from where (recorded with every custody entry)."""

    actor: str
    source: str  # web | api | cli
    client_ip: str | None = None
    user_agent: str | None = None


@dataclass
class Prepared:
    staged: Staged
    name: str
    found: Detected
    capture: Capture


@dataclass
class Added:
    items: list[EvidenceItem] = field(default_factory=list)
    duplicates: list[EvidenceItem] = field(default_factory=list)
    checkpoint: EvidenceCheckpoint | None = None


def prepare(vault: Vault, staged: Staged, name: str | None, content_type: str | None) -> Prepared:
    """Check a staged upload before anything is kept: type from content, image bombs."""
    clean = clean_name(name)
    found = detect(staged.head, clean, content_type)
    capture = inspect(staged.path, found, clean, vault.settings.evidence_max_image_pixels)
    return Prepared(staged, clean, found, capture)


STAGE_WORKERS = 4


def prepare_local(vault: Vault, paths: list[Path]) -> list[Prepared | Exception]:
    """Stage and check local files (the CLI's batch), in order, a failure in its file's place.

    SHA-256 of one file cannot be split, but the files of a batch can be hashed side by side:
    one worker per core (up to STAGE_WORKERS), since hashlib and file reads release the GIL.
    Once a file fails, files not started yet are not staged (they come back as cancelled).
    """
    workers = max(1, min(len(paths), os.cpu_count() or 1, STAGE_WORKERS))
    limit = vault.settings.evidence_max_bytes

    def one(path: Path) -> Prepared:
        staged = stage_file(path, vault.staging_dir, limit)
        try:
            return prepare(vault, staged, path.name, None)
        except BaseException:
            staged.path.unlink(missing_ok=True)
            raise

    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0  # reported by its worker

    # Largest first, so that no big file is left to run alone at the end (results keep the
    # order of `paths`).
    order = sorted(range(len(paths)), key=lambda i: -size(paths[i]))
    results: list[Prepared | Exception] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        submitted = {i: pool.submit(one, paths[i]) for i in order}
        futures = [submitted[i] for i in range(len(paths))]
        try:
            for future in futures:
                if future.cancelled():
                    results.append(CancelledError())
                    continue
                error = future.exception()
                if error is not None and not isinstance(error, Exception):
                    raise error
                if error is not None:
                    for later in futures:
                        later.cancel()
                results.append(error if error is not None else future.result())
        except BaseException:  # interrupted: remove whatever the workers staged
            for future in futures:
                future.cancel()
            wait(futures)
            discard([f.result() for f in futures if not f.cancelled() and not f.exception()])
            raise
    return results


def publish(vault: Vault, staged: list[Staged]) -> None:
    """Put staged files in the store, durably, before anything records them."""
    for s in staged:
        s.wait_durable()
        vault.store.put(s.sha256, s.path)
    vault.store.sync()


def check_kind(kind: str | None) -> str:
    value = (kind or EvidenceKind.other).strip()
    if value not in EvidenceKind.__members__:
        raise Refused(UNKNOWN_KIND, kind=value)
    return value


def check_description(text: str | None) -> str:
    value = "".join(
        ch for ch in (text or "") if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    ).strip()
    if len(value) > DESCRIPTION_LIMIT:
        raise Refused(DESCRIPTION_TOO_LONG, limit=DESCRIPTION_LIMIT)
    return value


def get_case(session: Session, number: str) -> Case:
    # Without its timeline: evidence flows never read it, and loading it on every upload or
    # view would cost a query per call.
    case = session.execute(
        select(Case)
        .where(Case.number == cases.normalize_number(number))
        .options(lazyload(Case.events))
    ).scalar_one_or_none()
    if case is None:
        raise NotFound(CASE_NOT_FOUND, number=number)
    return case


def add(
    *,
    session: Session,
    vault: Vault,
    number: str,
    files: list[Prepared],
    kind: str | None,
    description: str | None,
    origin: Origin,
) -> Added:
    """Keep checked uploads as evidence of case `number`, all or nothing.

    A file the case already holds is not added twice: it comes back among the duplicates.
    """
    if not files:
        raise Refused(NO_FILES)
    kind = check_kind(kind)
    description = check_description(description)
    publish(vault, [p.staged for p in files])
    result = Added()
    with session.begin():
        head = custody.lock_head(session=session)
        case = get_case(session, number)
        # One query for what the case already holds, one for the next number: a batch of
        # files is then one flush, not a round of queries per file.
        seen = service.get_by_hashes(
            session=session, case=case, digests={p.staged.sha256 for p in files}
        )
        fresh = {p.staged.sha256: p.staged.size for p in files if p.staged.sha256 not in seen}
        quota.check(
            session=session,
            case=case,
            settings=vault.settings,
            items=len(fresh),
            size=sum(fresh.values()),
        )
        seq = service.next_seq(session=session, case=case)
        for p in files:
            digest = p.staged.sha256
            earlier = seen.get(digest)
            if earlier is not None:
                result.duplicates.append(earlier)
                continue
            item = service.create(
                session=session,
                case=case,
                sha256=digest,
                size=p.staged.size,
                media_type=p.found.media_type,
                extension=p.found.extension,
                original_name=p.name,
                kind=kind,
                description=description,
                captured_at=p.capture.captured_at,
                device=p.capture.device,
                details=p.capture.details,
                uploaded_by=origin.actor,
                client_ip=origin.client_ip,
                user_agent=origin.user_agent,
                source=origin.source,
                seq=seq,
            )
            seq += 1
            seen[digest] = item
            result.items.append(item)
            log_action(session, head, Action.added, case, item, origin, service.record(item))
        if result.items:
            events.create(
                session=session,
                case=case,
                kind=EventKind.evidence_added,
                actor=origin.actor[:48],
                data={
                    "count": len(result.items),
                    "labels": ", ".join(i.label for i in result.items),
                },
            )
            result.checkpoint = custody.checkpoint(session=session, head=head, key=vault.key)
    if result.checkpoint is not None:
        stamp(session=session, vault=vault, checkpoint=result.checkpoint)
    return result


def log_action(
    session: Session,
    head: Any,
    action: str,
    case: Case,
    item: EvidenceItem | None,
    origin: Origin,
    data: dict[str, Any],
) -> None:
    """Append one entry to the custody log, with who acted and from where."""
    custody.append(
        session=session,
        head=head,
        action=action,
        case_id=case.id,
        case_number=case.number,
        item=item,
        actor=origin.actor,
        client_ip=origin.client_ip,
        user_agent=origin.user_agent,
        data=data,
    )


def open_item(
    *, session: Session, vault: Vault, number: str, seq: int, origin: Origin
) -> EvidenceItem:
    """Record that someone opened an original, and return the item to stream."""
    with session.begin():
        head = custody.lock_head(session=session)
        case = get_case(session, number)
        item = service.get(session=session, case=case, seq=seq)
        if item is None:
            raise NotFound(ITEM_NOT_FOUND, number=case.number, seq=seq)
        log_action(session, head, Action.viewed, case, item, origin, {})
    return item


def record_export(
    *, session: Session, vault: Vault, number: str, origin: Origin
) -> tuple[Case, list[EvidenceItem], EvidenceCheckpoint]:
    """Log the export of every item of the case and sign a checkpoint that covers it."""
    with session.begin():
        head = custody.lock_head(session=session)
        case = get_case(session, number)
        items = service.get_all(session=session, case=case)
        for item in items:
            log_action(session, head, Action.exported, case, item, origin, {})
        checkpoint = custody.checkpoint(session=session, head=head, key=vault.key)
    stamp(session=session, vault=vault, checkpoint=checkpoint)
    return case, items, checkpoint


def checkpoint_now(*, session: Session, vault: Vault) -> EvidenceCheckpoint | None:
    """Sign the log as it stands and timestamp it (and any checkpoint still without a token)."""
    with session.begin():
        head = custody.lock_head(session=session)
        if head.size == 0:
            return None
        checkpoint = custody.checkpoint(session=session, head=head, key=vault.key)
    stamp(session=session, vault=vault, checkpoint=checkpoint)
    return checkpoint


def stamp(
    *, session: Session, vault: Vault, checkpoint: EvidenceCheckpoint
) -> EvidenceTimestamp | None:
    """Get an RFC 3161 token for the checkpoint when a TSA is configured; best effort.

    Runs after the commit: a slow or absent authority never holds the log's lock or loses an
    upload. A checkpoint left without a token is retried by `weiquan evidence checkpoint`.
    """
    url = vault.settings.evidence_tsa_url
    if not url:
        return None
    with session.begin():
        existing = custody.get_timestamp(session=session, checkpoint=checkpoint)
    if existing is not None:
        return existing
    try:
        token, when = timestamp(
            url,
            checkpoint.statement.encode(),
            vault.settings.evidence_tsa_timeout,
            vault.tsa_ca,
        )
    except TimestampError as exc:
        log.warning("checkpoint %s not timestamped: %s", checkpoint.id, exc)
        return None
    row = EvidenceTimestamp(
        checkpoint_id=checkpoint.id,
        token=base64.b64encode(token).decode("ascii"),
        gen_time=when,
        tsa_url=url[:500],
    )
    try:
        with session.begin():
            if custody.get_timestamp(session=session, checkpoint=checkpoint) is None:
                session.add(row)
    except IntegrityError:  # another process stamped the same checkpoint meanwhile
        with session.begin():
            return custody.get_timestamp(session=session, checkpoint=checkpoint)
    return row


def discard(files: list[Prepared] | list[Staged]) -> None:
    """Remove staged files (kept or refused, they are not needed once the flow is over)."""
    for f in files:
        path: Path = f.staged.path if isinstance(f, Prepared) else f.path
        path.unlink(missing_ok=True)
