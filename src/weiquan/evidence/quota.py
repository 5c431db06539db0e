"""How much evidence one case may hold: a number of items and a total size (settings).

Without it one account could fill the installation's disk through a single case, file after
file each under the per-file limit. Duplicates cost nothing (they are not kept twice).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case
from weiquan.common.i18n import N_
from weiquan.config import Settings
from weiquan.evidence.errors import Refused
from weiquan.evidence.labels import human_size
from weiquan.evidence.models import EvidenceItem

FULL = N_(
    "Case {number} can hold at most {max_items} items and {max_size} of evidence; it holds "
    "{items} items ({size}) and this upload would pass the limit. Nothing was kept."
)


def usage(*, session: Session, case_id: int) -> tuple[int, int]:
    """The number of items of a case and their total size in bytes (one query)."""
    count, total = session.execute(
        select(func.count(EvidenceItem.id), func.coalesce(func.sum(EvidenceItem.size), 0)).where(
            EvidenceItem.case_id == case_id
        )
    ).one()
    return int(count), int(total)


def check(*, session: Session, case: Case, settings: Settings, items: int, size: int) -> int:
    """Refuse (413) when adding items of size bytes would take the case past its quota; else
    the bytes the case still has room for after them."""
    held, used = usage(session=session, case_id=case.id)
    max_items, max_bytes = settings.evidence_case_max_items, settings.evidence_case_max_bytes
    if held + items > max_items or used + size > max_bytes:
        raise Refused(
            FULL,
            status=413,
            number=case.number,
            max_items=max_items,
            max_size=human_size(max_bytes),
            items=held,
            size=human_size(used),
        )
    return max_bytes - used - size
