"""`weiquan evidence verify`: recheck every blob against its hash and the log against its
checkpoints, and say exactly which item or entry is wrong."""

from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case
from weiquan.common.i18n import N_, gettext
from weiquan.evidence import custody, merkle, service
from weiquan.evidence.models import (
    EvidenceCheckpoint,
    EvidenceItem,
    EvidenceLogEntry,
    EvidenceLogHead,
    EvidenceRedaction,
    EvidenceTimestamp,
)
from weiquan.evidence.staging import CHUNK
from weiquan.evidence.storage import BlobMissing
from weiquan.evidence.vault import Vault
from weiquan.evidence.verifier import (
    Invalid,
    canonical,
    leaf_hash,
    verify_signature,
    verify_timestamp,
)

BLOB_MISSING = N_("Item {label} of case {number}: the stored file {sha256} is missing.")
BLOB_CHANGED = N_(
    "Item {label} of case {number}: the stored file has changed (its SHA-256 is now {actual}, "
    "recorded {expected})."
)
REDACTION_CHANGED = N_(
    "Redacted copy {rid} of item {label} of case {number}: the stored file is missing or changed."
)
ENTRY_GAP = N_("Custody entries {first} to {last} are missing from the log.")
ENTRY_ALTERED = N_("Custody entry {seq} has been altered: its content does not match its hash.")
ENTRY_CHAIN = N_("Custody entry {seq} does not follow entry {prev}: the hash chain is broken.")
HEAD_MISMATCH = N_(
    "The log's head says {size} entries ending in {head}, but the log ends at entry {last}: "
    "entries were removed or added behind its back."
)
CHECKPOINT_SIGNATURE = N_("Checkpoint {id}: its signature does not verify.")
CHECKPOINT_KEY = N_("Checkpoint {id} was signed by another key ({key}).")
CHECKPOINT_STATEMENT = N_("Checkpoint {id}: the stored statement differs from its columns.")
CHECKPOINT_SHORT = N_(
    "Checkpoint {id} covers {size} entries but the log has only {last}: entries were removed."
)
CHECKPOINT_ROOT = N_(
    "Checkpoint {id} (log size {size}) does not match the log: an entry between {first} and "
    "{size} was changed after the checkpoint was signed."
)
TIMESTAMP_INVALID = N_("Checkpoint {id}: its trusted timestamp is not valid ({reason}).")
ITEM_NOT_LOGGED = N_("Item {label} of case {number} has no 'added' entry in the custody log.")
ITEM_DIFFERS = N_("Item {label} of case {number}: {field} differs from its custody entry {seq}.")
NOT_CHECKPOINTED = N_("{count} custody entries after the last checkpoint are not signed yet.")
SUMMARY = N_(
    "Checked {items} items ({blobs} stored files), {entries} custody entries and "
    "{checkpoints} checkpoints ({stamps} with a trusted timestamp)."
)


@dataclass
class Finding:
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return gettext(self.message).format(**self.params)


@dataclass
class Report:
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, message: str, **params: Any) -> None:
        self.problems.append(Finding(message, params))


def verify(*, session: Session, vault: Vault, number: str | None = None) -> Report:
    """Every check; `number` limits the blob and item checks to one case."""
    report = Report()
    with session.begin():
        query = select(EvidenceItem, Case.number).join(Case, Case.id == EvidenceItem.case_id)
        if number is not None:
            query = query.where(Case.number == number)
        items = [(row[0], row[1]) for row in session.execute(query.order_by(EvidenceItem.id))]
        redactions = list(session.execute(select(EvidenceRedaction)).scalars())
        entries = list(
            session.execute(select(EvidenceLogEntry).order_by(EvidenceLogEntry.seq)).scalars()
        )
        checkpoints = list(
            session.execute(select(EvidenceCheckpoint).order_by(EvidenceCheckpoint.id)).scalars()
        )
        stamps = {s.checkpoint_id: s for s in session.execute(select(EvidenceTimestamp)).scalars()}
        head = session.get(EvidenceLogHead, custody.HEAD_ID)
    blobs = _check_blobs(vault, items, redactions, report)
    hashes = _check_log(entries, head, report)
    _check_checkpoints(vault, checkpoints, stamps, hashes, report)
    _check_items(items, entries, report)
    report.notes.append(
        Finding(
            SUMMARY,
            {
                "items": len(items),
                "blobs": blobs,
                "entries": len(entries),
                "checkpoints": len(checkpoints),
                "stamps": len(stamps),
            },
        )
    )
    return report


def _hash_blob(vault: Vault, digest: str) -> str | None:
    h = hashlib.sha256()
    try:
        with vault.store.open(digest) as blob:
            while chunk := blob.read(CHUNK):
                h.update(chunk)
    except BlobMissing:
        return None
    return h.hexdigest()


def _check_blobs(
    vault: Vault,
    items: list[tuple[EvidenceItem, str]],
    redactions: list[EvidenceRedaction],
    report: Report,
) -> int:
    users: dict[str, list[tuple[EvidenceItem, str]]] = defaultdict(list)
    for item, number in items:
        users[item.sha256].append((item, number))
    for digest, holders in users.items():
        actual = _hash_blob(vault, digest)
        for item, number in holders:
            if actual is None:
                report.fail(BLOB_MISSING, label=item.label, number=number, sha256=digest)
            elif actual != digest:
                report.fail(
                    BLOB_CHANGED, label=item.label, number=number, actual=actual, expected=digest
                )
    wanted = {item.id: (item, number) for item, number in items}
    for r in redactions:
        if r.item_id in wanted and _hash_blob(vault, r.sha256) != r.sha256:
            item, number = wanted[r.item_id]
            report.fail(REDACTION_CHANGED, rid=r.id, label=item.label, number=number)
    return len(users)


def _check_log(
    entries: list[EvidenceLogEntry], head: EvidenceLogHead | None, report: Report
) -> list[str]:
    """The stored hashes in order; every entry recomputed and its link checked."""
    hashes: list[str] = []
    prev = custody.GENESIS
    for entry in entries:
        expected_seq = len(hashes) + 1
        if entry.seq != expected_seq:
            report.fail(ENTRY_GAP, first=expected_seq, last=entry.seq - 1)
        if leaf_hash(canonical(custody.entry_document(entry))) != entry.entry_hash:
            report.fail(ENTRY_ALTERED, seq=entry.seq)
        if entry.prev_hash != prev:
            report.fail(ENTRY_CHAIN, seq=entry.seq, prev=entry.seq - 1)
        prev = entry.entry_hash
        while len(hashes) < entry.seq - 1:
            hashes.append("")  # a gap: its hash is unknown, roots over it will not match
        hashes.append(entry.entry_hash)
    last = entries[-1].seq if entries else 0
    if head is not None and (head.size != last or head.head != (prev if entries else head.head)):
        report.fail(HEAD_MISMATCH, size=head.size, head=head.head[:12], last=last)
    return hashes


def _check_checkpoints(
    vault: Vault,
    checkpoints: list[EvidenceCheckpoint],
    stamps: dict[int, EvidenceTimestamp],
    hashes: list[str],
    report: Report,
) -> None:
    key = vault.key
    frontier: merkle.Frontier = []
    roots: dict[int, str] = {0: merkle.root([])}
    for size, h in enumerate(hashes, start=1):
        frontier = merkle.append(frontier, h or "0" * 64)
        roots[size] = merkle.root(frontier)
    good = 0
    for cp in checkpoints:
        if cp.key_id != key.fingerprint:
            report.fail(CHECKPOINT_KEY, id=cp.id, key=cp.key_id[:16])
        elif not verify_signature(key.public_pem, cp.statement.encode(), cp.signature):
            report.fail(CHECKPOINT_SIGNATURE, id=cp.id)
            continue
        try:
            statement = json.loads(cp.statement)
            same = (statement["size"], statement["root"], statement["head"]) == (
                cp.size,
                cp.root,
                cp.head,
            )
        except (ValueError, KeyError, TypeError):
            same = False
        if not same:
            report.fail(CHECKPOINT_STATEMENT, id=cp.id)
        if cp.size > len(hashes):
            report.fail(CHECKPOINT_SHORT, id=cp.id, size=cp.size, last=len(hashes))
        elif roots[cp.size] != cp.root or (cp.size and hashes[cp.size - 1] != cp.head):
            report.fail(CHECKPOINT_ROOT, id=cp.id, size=cp.size, first=good + 1)
        else:
            good = max(good, cp.size)
        if (stamp := stamps.get(cp.id)) is not None:
            try:
                verify_timestamp(base64.b64decode(stamp.token), cp.statement.encode(), vault.tsa_ca)
            except (Invalid, ValueError) as exc:
                reason = exc.problem.text("en") if isinstance(exc, Invalid) else str(exc)
                report.fail(TIMESTAMP_INVALID, id=cp.id, reason=reason)
    signed = max((cp.size for cp in checkpoints), default=0)
    if len(hashes) > signed:
        report.notes.append(Finding(NOT_CHECKPOINTED, {"count": len(hashes) - signed}))


def _check_items(
    items: list[tuple[EvidenceItem, str]], entries: list[EvidenceLogEntry], report: Report
) -> None:
    added = {(e.case_number, e.item_seq): e for e in entries if e.action == "added" and e.item_seq}
    for item, number in items:
        entry = added.get((number, item.seq))
        if entry is None:
            report.fail(ITEM_NOT_LOGGED, label=item.label, number=number)
            continue
        recorded = {**entry.data, "sha256": entry.item_sha256}
        current = {**service.record(item), "sha256": item.sha256}
        for name, value in current.items():
            if recorded.get(name) != value:
                report.fail(
                    ITEM_DIFFERS, label=item.label, number=number, field=name, seq=entry.seq
                )
