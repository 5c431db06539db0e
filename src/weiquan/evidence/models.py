"""Evidence items, their redacted copies, and the tamper-evident custody log with checkpoints.

Blobs live in the content-addressed store (storage.py), never in the database; a row names
its blob by SHA-256. Items, redactions, log entries, checkpoints and timestamps are
append-only: the database refuses updates and deletes (triggers in migration 0003_evidence).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from weiquan.db import Base, UTCDateTime, utcnow


class EvidenceKind(StrEnum):
    """What a piece of evidence shows."""

    chat = "chat"
    product_page = "product_page"
    payment = "payment"
    order = "order"
    invoice = "invoice"
    goods_photo = "goods_photo"
    label = "label"
    appraisal_report = "appraisal_report"
    brand_statement = "brand_statement"
    unpacking_video = "unpacking_video"
    logistics = "logistics"
    lawful_source = "lawful_source"
    other = "other"


class Action(StrEnum):
    """What happened to an item; every action is one custody log entry."""

    added = "added"
    viewed = "viewed"
    exported = "exported"
    redacted = "redacted"
    shared = "shared"


class EvidenceItem(Base):
    __tablename__ = "evidence_items"
    __table_args__ = (
        UniqueConstraint("case_id", "sha256", name="uq_evidence_items_case_id_sha256"),
        UniqueConstraint("case_id", "seq", name="uq_evidence_items_case_id_seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # E1, E2, ... within the case: the numbering of the evidence list (证据目录).
    seq: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    extension: Mapped[str] = mapped_column(String(16))
    original_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    captured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    device: Mapped[str | None] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    client_ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(16))

    @property
    def label(self) -> str:
        return f"E{self.seq}"


class EvidenceRedaction(Base):
    """A copy for public disclosure with regions covered or names masked; the original stays."""

    __tablename__ = "evidence_redactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    extension: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(32))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReadingStatus(StrEnum):
    """Where the reading of an item stands (issue 22)."""

    pending = "pending"  # waiting for the worker, or being read
    done = "done"  # read: text and findings kept
    failed = "failed"  # the reader could not read it (the item itself is untouched)
    none = "none"  # nothing to read: not a picture


class EvidenceReading(Base):
    """What the worker read from an item, kept beside the original (which is never changed).

    Not append-only: a new engine reads the item again and replaces its text, so a reading
    names the engine that made it. One row per item.
    """

    __tablename__ = "evidence_readings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    # The OCR engine and the rules' version that made the reading ("" while pending).
    engine: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    # The weiquan.reading/1 document of this one file.
    reading: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The reader's refusal (its code) when failed, for the page's message in either language.
    error: Mapped[str | None] = mapped_column(String(64))
    # Times the worker started it: a picture that kills the reader is tried a few times only.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class EvidenceLogEntry(Base):
    """One custody event. entry_hash covers the canonical entry, which includes prev_hash."""

    __tablename__ = "evidence_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    case_number: Mapped[str] = mapped_column(String(20))
    item_seq: Mapped[int | None] = mapped_column(Integer)
    item_sha256: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(200))
    client_ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    # Set when the entry (format 2) hashes a salted commitment to client_ip and user_agent
    # rather than the values: a bundle for a party then leaves them out and still verifies.
    meta_salt: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class EvidenceLogHead(Base):
    """The log's tip: its size, last hash and Merkle frontier. Updating it first in every
    appending transaction serialises writers (row lock on PostgreSQL, write lock on SQLite)."""

    __tablename__ = "evidence_log_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    size: Mapped[int] = mapped_column(Integer, default=0)
    head: Mapped[str] = mapped_column(String(64))
    frontier: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)


class EvidenceCheckpoint(Base):
    """A signed statement of the log's size, Merkle root and last hash at a moment."""

    __tablename__ = "evidence_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    size: Mapped[int] = mapped_column(Integer, index=True)
    root: Mapped[str] = mapped_column(String(64))
    head: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    key_id: Mapped[str] = mapped_column(String(64))
    # The exact bytes that were signed (canonical JSON), and the Ed25519 signature (base64).
    statement: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(200))


class EvidenceTimestamp(Base):
    """An RFC 3161 token from a timestamp authority over a checkpoint's statement."""

    __tablename__ = "evidence_timestamps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkpoint_id: Mapped[int] = mapped_column(ForeignKey("evidence_checkpoints.id"), unique=True)
    token: Mapped[str] = mapped_column(Text)  # base64 DER TimeStampToken (CMS ContentInfo)
    gen_time: Mapped[datetime] = mapped_column(UTCDateTime)
    tsa_url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AppendOnlyError(RuntimeError):
    pass


APPEND_ONLY = (
    EvidenceItem,
    EvidenceRedaction,
    EvidenceLogEntry,
    EvidenceCheckpoint,
    EvidenceTimestamp,
)


def _refuse(*_: Any) -> None:
    raise AppendOnlyError("evidence records are append-only")


# The database refuses too (migration triggers); this catches the mistake earlier.
for _model in APPEND_ONLY:
    event.listen(_model, "before_update", _refuse)
    event.listen(_model, "before_delete", _refuse)
