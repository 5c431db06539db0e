"""What the worker read from the vault's pictures (issue 22): keyword-only, flushes, never commits.

A reading sits beside its item (table evidence_readings) and names the engine that made it; the
original's bytes and hash are never touched. Its text is indexed for search twice: in full
(kind `evidence_text`, for the side that added the item and for staff) and as far as the item's
redacted copies show it (kind `evidence_shared_text`, for the other side): the lines a copy
covers, or a name it masks, never reach the other side through a search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from weiquan.cases.ladder import Party
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.evidence import checklist
from weiquan.evidence.boxes import Box
from weiquan.evidence.models import (
    EvidenceItem,
    EvidenceReading,
    EvidenceRedaction,
    ReadingStatus,
)
from weiquan.reading.errors import MESSAGES
from weiquan.search import service as search

FULL = "evidence_text"
SHARED = "evidence_shared_text"
# A picture that made the reader fail this many times (a crash, not a refusal) is given up.
MAX_ATTEMPTS = 3
# Pictures the reader takes: those the thumbnails take (Pillow reads them).
PICTURES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff")
# Staff see both sides in full; a party sees its own side in full and the other side's shared.
STAFF = frozenset({Party.agency, Party.region_agency, Party.mediator, Party.platform, Party.admin})

FINDINGS = {
    "seller_promised_genuine": N_("The seller promised genuine goods: “{quote}”"),
    "seller_promised_multiplier": N_("The seller promised: “{quote}”"),
    "seller_refused_return": N_("The seller refused a return: “{quote}”"),
    "seller_refused_refund": N_("The seller refused a refund: “{quote}”"),
    "seller_blocked_buyer": N_("The seller blocked the buyer: “{quote}”"),
    "seller_insult": N_("The seller insulted the buyer: “{quote}”"),
    "seller_threat": N_("The seller threatened: “{quote}”"),
    "seller_admitted_replica": N_("The seller admitted a replica: “{quote}”"),
    "consumer_threat": N_("The buyer threatened: “{quote}”"),
    "payment_record": N_("Payment record: “{quote}”"),
    "delivery_record": N_("Delivery record: “{quote}”"),
}
OTHER_FINDING = N_("Noted: “{quote}”")
# Findings a page puts first, in red: threats and insults from either side.
WARNINGS = frozenset({"consumer_threat", "seller_threat", "seller_insult"})


def readable(item: EvidenceItem) -> bool:
    """Whether the worker reads item (pictures only: PDFs, videos and sound are not read)."""
    return item.media_type in PICTURES


def get_for(*, session: Session, items: Iterable[EvidenceItem]) -> dict[int, EvidenceReading]:
    """The readings of these items, by item id (one query)."""
    ids = [i.id for i in items]
    if not ids:
        return {}
    rows = session.execute(select(EvidenceReading).where(EvidenceReading.item_id.in_(ids)))
    return {r.item_id: r for r in rows.scalars()}


def next_due(*, session: Session, engine: str) -> EvidenceItem | None:
    """The next picture to read: never read first, then one a crash interrupted, then one an
    older engine read (re-read with the current one); None when all are read."""
    r = EvidenceReading
    due = (
        select(EvidenceItem, r.id)
        .outerjoin(r, r.item_id == EvidenceItem.id)
        .where(
            EvidenceItem.media_type.in_(PICTURES),
            or_(
                r.id.is_(None),
                and_(r.status == ReadingStatus.pending, r.attempts < MAX_ATTEMPTS),
                and_(r.status != ReadingStatus.pending, r.engine != engine),
            ),
        )
        .order_by(r.id.is_not(None), EvidenceItem.id)
        .limit(1)
    )
    found = session.execute(due).first()
    return found[0] if found else None


def give_up_stuck(*, session: Session, now: datetime) -> int:
    """Pictures whose reading crashed MAX_ATTEMPTS times are marked failed (never looped on)."""
    rows = session.execute(
        select(EvidenceReading).where(
            EvidenceReading.status == ReadingStatus.pending,
            EvidenceReading.attempts >= MAX_ATTEMPTS,
        )
    ).scalars()
    n = 0
    for row in rows:
        row.status, row.error, row.read_at = ReadingStatus.failed, "crashed", now
        n += 1
    session.flush()
    return n


def start(*, session: Session, item: EvidenceItem, now: datetime) -> EvidenceReading:
    """Mark item as being read (a row if it has none); counts the attempt."""
    row = get_for(session=session, items=[item]).get(item.id)
    if row is None:
        row = EvidenceReading(
            item_id=item.id,
            case_id=item.case_id,
            status=ReadingStatus.pending,
            engine="",
            text="",
            reading={},
            attempts=0,
            queued_at=now,
        )
        session.add(row)
    elif row.status != ReadingStatus.pending:
        # Read again by a newer engine: the old text stays shown until the new one is in.
        row.status = ReadingStatus.pending
        row.attempts = 0
    row.attempts += 1
    session.flush()
    return row


def source_of(doc: dict[str, Any]) -> dict[str, Any]:
    """The one source of a reading of one file (empty when the file was refused)."""
    sources = doc.get("sources") or []
    return sources[0] if sources and isinstance(sources[0], dict) else {}


def finish(
    *, session: Session, item: EvidenceItem, doc: dict[str, Any], engine: str, now: datetime
) -> EvidenceReading:
    """Keep what was read and index its text (in full, and as its redacted copies show it)."""
    row = _row(session, item)
    text = str(source_of(doc).get("text") or "").strip()
    errors = doc.get("errors") or []
    if not source_of(doc) and errors:
        row.status, row.error = ReadingStatus.failed, str(errors[0].get("code") or "")[:64]
    else:
        row.status, row.error = (ReadingStatus.done if text else ReadingStatus.none), None
    row.engine, row.text, row.reading, row.read_at = engine[:200], text, doc, now
    session.flush()
    index(session=session, item=item, reading=row)
    return row


def fail(
    *,
    session: Session,
    item: EvidenceItem,
    code: str,
    message: dict[str, str],
    engine: str,
    now: datetime,
) -> EvidenceReading:
    """The reader refused the picture: kept as failed with its reason; the item stays as is."""
    row = _row(session, item)
    row.status, row.error, row.engine, row.read_at = ReadingStatus.failed, code[:64], engine, now
    row.reading = {"errors": [{"file": item.original_name, "code": code, "message": message}]}
    session.flush()
    return row


def _row(session: Session, item: EvidenceItem) -> EvidenceReading:
    row = get_for(session=session, items=[item]).get(item.id)
    return row if row is not None else start(session=session, item=item, now=item.uploaded_at)


# Search: the full text for the side that added the item, the shared text for the other.


def shared_text(reading: EvidenceReading, copies: list[EvidenceRedaction]) -> str:
    """The lines of the reading that some redacted copy shows: a line under a covered region
    is left out, a masked name is masked; nothing when the item has no redacted copy."""
    lines = source_of(reading.reading).get("lines") or []
    shown: list[str] = []
    for line in lines:
        box = line.get("box") or [0, 0, 0, 0]
        for copy in copies:
            covered = any(overlaps(box, r) for r in copy.spec.get("regions") or [])
            if not covered:
                text = str(line.get("text") or "")
                for name in copy.spec.get("names") or []:
                    text = text.replace(str(name), "*" * len(str(name))) if name else text
                shown.append(text)
                break
    return "\n".join(shown)


def overlaps(a: list[int], b: list[int]) -> bool:
    ax, ay, aw, ah = (int(v) for v in a[:4])
    bx, by, bw, bh = (int(v) for v in b[:4])
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def full_text(reading: EvidenceReading) -> str:
    """The text searched: the lines read, and each chat bubble whole (a word a line wraps,
    "假一赔" / "十", is found as "假一赔十")."""
    messages = source_of(reading.reading).get("messages") or []
    bubbles = [str(m.get("text") or "") for m in messages if isinstance(m, dict)]
    return "\n".join([reading.text, *bubbles])


def index(*, session: Session, item: EvidenceItem, reading: EvidenceReading | None) -> None:
    """(Re)index the item's read text: in full, and as far as its redacted copies show it."""
    if reading is None or reading.status != ReadingStatus.done:
        search.remove(session, kind=FULL, ref_id=item.id)
        search.remove(session, kind=SHARED, ref_id=item.id)
        return
    search.index(session, kind=FULL, ref_id=item.id, text=full_text(reading), scope=item.case_id)
    copies = list(
        session.execute(
            select(EvidenceRedaction).where(EvidenceRedaction.item_id == item.id)
        ).scalars()
    )
    shared = shared_text(reading, copies)
    if shared:
        search.index(session, kind=SHARED, ref_id=item.id, text=shared, scope=item.case_id)
    else:
        search.remove(session, kind=SHARED, ref_id=item.id)


def find(
    *, session: Session, items: list[EvidenceItem], parties: frozenset[Party], query: str
) -> list[EvidenceItem]:
    """The items whose read text matches every word of query, as far as the reader may see it:
    staff the full text of all, a party the full text of its own side's items and the shared
    text of the other side's. Raises search.service.EmptyQuery for a query of no words."""
    if not items:
        search.matching(FULL, query, scope=None)  # an empty query is refused all the same
        return []
    case_id = items[0].case_id
    full = set(session.execute(search.matching(FULL, query, scope=case_id)).scalars())
    if parties & STAFF:
        return [i for i in items if i.id in full]
    shared = set(session.execute(search.matching(SHARED, query, scope=case_id)).scalars())
    merchant = Party.merchant in parties
    return [
        i
        for i in items
        if (i.id in full if checklist.from_merchant(i) == merchant else i.id in shared)
    ]


# What a page shows of a reading.


@dataclass(frozen=True)
class Finding:
    code: str
    text: str  # in words, with its quote
    warning: bool  # a threat or an insult: shown first


@dataclass(frozen=True)
class Shown:
    """An item's reading as a page shows it."""

    status: str  # pending | done | failed | none
    text: str
    long: bool  # folded under a disclosure
    findings: list[Finding]
    error: str | None  # why it could not be read, in the reader's language


LONG_TEXT = 240


def finding_text(finding: dict[str, Any]) -> str:
    quote = str(finding.get("quote") or "")
    template = FINDINGS.get(str(finding.get("code")), OTHER_FINDING)
    return gettext(template).format(quote=quote)


def shown(item: EvidenceItem, reading: EvidenceReading | None) -> Shown | None:
    """What the page shows under the picture; None for what is not read (not a picture)."""
    if not readable(item):
        return None
    if reading is None or (reading.status == ReadingStatus.pending and not reading.engine):
        return Shown(ReadingStatus.pending, "", False, [], None)
    doc = reading.reading or {}
    found: dict[str, Finding] = {}
    for f in doc.get("findings") or []:
        if isinstance(f, dict):
            code, text = str(f.get("code")), finding_text(f)
            found.setdefault(text, Finding(code, text, code in WARNINGS))
    findings = sorted(found.values(), key=lambda f: not f.warning)
    error = None
    if reading.status == ReadingStatus.failed:
        error = failure(reading.error, (doc.get("errors") or [{}])[0].get("message"))
    status = reading.status if reading.engine else ReadingStatus.pending
    return Shown(status, reading.text, len(reading.text) > LONG_TEXT, findings, error)


UNREADABLE = N_("This picture could not be read. The file itself is kept as it was.")


def failure(code: str | None, stored: Any) -> str:
    """Why a picture could not be read, in the reader's language (the reader's own words for
    its codes; the worker kept them in one language only)."""
    english = current_language.get().startswith("en")
    if code in MESSAGES:
        zh, en = MESSAGES[code]
        return en if english else zh
    if isinstance(stored, dict):
        return str(stored.get("en" if english else "zh") or gettext(UNREADABLE))
    return gettext(UNREADABLE)


def proposed_boxes(reading: EvidenceReading | None) -> list[Box]:
    """The sensitive items read (phones, ID and card numbers, names, addresses, WeChat IDs) as
    boxes proposed for a redacted copy: they cover nothing until the person confirms them."""
    if reading is None or reading.status != ReadingStatus.done:
        return []
    out = []
    for found in source_of(reading.reading).get("sensitive") or []:
        box = found.get("box") if isinstance(found, dict) else None
        if isinstance(box, list) and len(box) == 4 and all(isinstance(v, int) for v in box):
            x, y, w, h = box
            if w > 0 and h > 0:
                out.append(Box(x, y, w, h, proposed=True))
    return out
