"""The custody log: append entries, sign checkpoints; flushes, never commits.

Each entry is a canonical JSON document that names the previous entry's hash, so the log is a
hash chain (a changed entry breaks the next link) and the leaves of an RFC 6962 Merkle tree
(a checkpoint signs the root, and an export proves each of its entries is in that tree).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from weiquan.db import utcnow
from weiquan.evidence import merkle
from weiquan.evidence.keys import SigningKey
from weiquan.evidence.models import (
    EvidenceCheckpoint,
    EvidenceItem,
    EvidenceLogEntry,
    EvidenceLogHead,
    EvidenceTimestamp,
)
from weiquan.evidence.verifier import LOG_ID, canonical, leaf_hash, meta_commitment

GENESIS = "0" * 64
HEAD_ID = 1


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def lock_head(*, session: Session) -> EvidenceLogHead:
    """The log head, locked for this transaction: call it before any other statement.

    The UPDATE comes first so that it takes the row lock (PostgreSQL) or the write lock
    (SQLite) at once; concurrent appenders queue here instead of forking the chain.
    """
    touched = session.execute(
        update(EvidenceLogHead)
        .where(EvidenceLogHead.id == HEAD_ID)
        .values(size=EvidenceLogHead.size)
        .returning(EvidenceLogHead.id)
    ).first()
    if touched is None:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(EvidenceLogHead)
            .values(id=HEAD_ID, size=0, head=GENESIS, frontier=[])
            .on_conflict_do_nothing()
        )
        return lock_head(session=session)
    return session.execute(
        select(EvidenceLogHead)
        .where(EvidenceLogHead.id == HEAD_ID)
        .execution_options(populate_existing=True)
    ).scalar_one()


def entry_document(row: EvidenceLogEntry) -> dict[str, Any]:
    """The entry as the canonical document its hash covers.

    Format 2 (an entry with connection data, since 0012) names a salted hash of the address
    and browser, so the document can be shown to either party; format 1 carried them in clear.
    """
    document: dict[str, Any] = {
        "v": 1,
        "seq": row.seq,
        "at": iso(row.at),
        "action": row.action,
        "case": row.case_number,
        "item": (
            {"seq": row.item_seq, "sha256": row.item_sha256}
            if row.item_sha256 is not None
            else None
        ),
        "actor": row.actor,
        "ip": row.client_ip,
        "ua": row.user_agent,
        "data": row.data,
        "prev": row.prev_hash,
    }
    if row.meta_salt is not None:
        del document["ip"], document["ua"]
        document["v"] = 2
        document["meta"] = meta_commitment(row.client_ip, row.user_agent, row.meta_salt)
    return document


def meta_opening(row: EvidenceLogEntry) -> dict[str, Any] | None:
    """What opens a format-2 entry's commitment (for staff and the actor), None for format 1."""
    if row.meta_salt is None:
        return None
    return {"ip": row.client_ip, "ua": row.user_agent, "salt": row.meta_salt}


def new_salt() -> str | None:
    """Random per entry: an IPv4 address alone is only 2^32 guesses away from its hash."""
    return secrets.token_hex(16)


def append(
    *,
    session: Session,
    head: EvidenceLogHead,
    action: str,
    case_id: int,
    case_number: str,
    item: EvidenceItem | None,
    actor: str,
    client_ip: str | None = None,
    user_agent: str | None = None,
    data: dict[str, Any] | None = None,
) -> EvidenceLogEntry:
    """Append one entry after the locked head and advance it (no flush of its own)."""
    row = EvidenceLogEntry(
        seq=head.size + 1,
        at=utcnow(),
        action=action,
        case_id=case_id,
        case_number=case_number,
        item_seq=item.seq if item else None,
        item_sha256=item.sha256 if item else None,
        actor=actor,
        client_ip=client_ip,
        user_agent=user_agent,
        meta_salt=new_salt() if client_ip or user_agent else None,
        data=data or {},
        prev_hash=head.head,
        entry_hash="",
    )
    row.entry_hash = leaf_hash(canonical(entry_document(row)))
    session.add(row)
    head.size = row.seq
    head.head = row.entry_hash
    head.frontier = merkle.append(head.frontier, row.entry_hash)
    return row  # flushed with the next query or the commit; the head holds the chain


def checkpoint(*, session: Session, head: EvidenceLogHead, key: SigningKey) -> EvidenceCheckpoint:
    """Sign the log as it stands (reusing the last checkpoint if nothing was added since)."""
    last = latest_checkpoint(session=session)
    if last is not None and last.size == head.size and last.key_id == key.fingerprint:
        return last
    at = utcnow()
    root = merkle.root(head.frontier)
    statement = canonical(
        {
            "log": LOG_ID,
            "size": head.size,
            "root": root,
            "head": head.head,
            "at": iso(at),
            "key": key.fingerprint,
        }
    )
    row = EvidenceCheckpoint(
        size=head.size,
        root=root,
        head=head.head,
        at=at,
        key_id=key.fingerprint,
        statement=statement.decode(),
        signature=key.sign(statement),
    )
    session.add(row)
    session.flush()
    return row


def latest_checkpoint(*, session: Session) -> EvidenceCheckpoint | None:
    """The newest checkpoint, if any."""
    return session.execute(
        select(EvidenceCheckpoint).order_by(EvidenceCheckpoint.id.desc()).limit(1)
    ).scalar_one_or_none()


def get_timestamp(*, session: Session, checkpoint: EvidenceCheckpoint) -> EvidenceTimestamp | None:
    """The timestamp token of a checkpoint, if one was obtained."""
    return session.execute(
        select(EvidenceTimestamp).where(EvidenceTimestamp.checkpoint_id == checkpoint.id)
    ).scalar_one_or_none()


def get_all(*, session: Session, case_id: int | None = None) -> list[EvidenceLogEntry]:
    """Log entries in order, all of them or one case's."""
    query = select(EvidenceLogEntry).order_by(EvidenceLogEntry.seq)
    if case_id is not None:
        query = query.where(EvidenceLogEntry.case_id == case_id)
    return list(session.execute(query).scalars())


def leaf_hashes(*, session: Session, size: int) -> list[str]:
    """The stored hashes of the first `size` entries, in order."""
    return list(
        session.execute(
            select(EvidenceLogEntry.entry_hash)
            .where(EvidenceLogEntry.seq <= size)
            .order_by(EvidenceLogEntry.seq)
        ).scalars()
    )
