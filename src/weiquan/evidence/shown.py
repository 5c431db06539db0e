"""What a person sees of a case's evidence on a phone: each role's own checklist, the items as
cards (thumbnail, plain size, Beijing time) and the case page's summary of them.

The consumer sees what the claim needs; a merchant sees its own defence, never the consumer's
list (and the consumer never sees the seller's defence as something missing in red); staff who
handle the case see both, each named by whose it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from weiquan.cases.access import group_only
from weiquan.cases.ladder import Party
from weiquan.cases.models import Case
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, gettext
from weiquan.evidence import checklist, readings, service, thumbnails
from weiquan.evidence.labels import kind_label, plain_size
from weiquan.evidence.models import EvidenceItem
from weiquan.evidence.present import checklist_public
from weiquan.evidence.schemas import ChecklistPublic, NeedPublic

OWN_CLAIM = N_("What your claim needs")
OWN_DEFENCE = N_("Your defence evidence")
CONSUMER_SIDE = N_("The consumer's evidence")
SELLER_SIDE = N_("The seller's defence evidence")
# How many thumbnails the case page shows before "and N more".
SUMMARY_THUMBNAILS = 6


def may_add(parties: frozenset[Party]) -> bool:
    """Whether these parts in a case let an account add to its vault (http.load_case_to_add
    answers the same for the request itself): not a fellow complainant, not an agency that
    only covers the region."""
    return bool(parties) and not group_only(parties) and parties != {Party.region_agency}


@dataclass(frozen=True)
class Side:
    """One checklist as one viewer sees it."""

    key: str  # claim or defence: the need's side
    title: str
    lines: list[NeedPublic]
    own: bool  # the viewer's own list: its gaps in red
    tappable: bool  # each missing row opens the upload for that need

    @property
    def missing(self) -> list[NeedPublic]:
        return [line for line in self.lines if not line.present]


def sides(check: ChecklistPublic, parties: frozenset[Party]) -> list[Side]:
    """The checklists the holder of these parts sees, in order."""
    adds = may_add(parties)
    if Party.consumer in parties:
        return [Side("claim", gettext(OWN_CLAIM), check.claim, own=True, tappable=adds)]
    if Party.merchant in parties:
        if not check.defence:
            return []
        return [Side("defence", gettext(OWN_DEFENCE), check.defence, own=True, tappable=adds)]
    shown = [Side("claim", gettext(CONSUMER_SIDE), check.claim, own=False, tappable=False)]
    if check.defence:
        shown.append(Side("defence", gettext(SELLER_SIDE), check.defence, False, False))
    return shown


@dataclass(frozen=True)
class Card:
    """One item in the list: what a person needs to recognise it."""

    seq: int
    label: str
    name: str
    kind: str  # in words
    added: str  # Beijing time
    size: str  # "2.3 MB"
    thumbnail: str  # the thumbnail's address, or its icon's
    picture: bool  # a thumbnail of the picture (else an icon)
    href: str
    # For the technical disclosure (courts, appraisers): exact bytes, type and fingerprint.
    media_type: str
    sha256: str
    size_bytes: int


def card(item: EvidenceItem, number: str) -> Card:
    base = f"/cases/{number}/evidence/{item.seq}"
    picture = thumbnails.previewable(item.media_type)
    return Card(
        seq=item.seq,
        label=item.label,
        name=item.original_name,
        kind=kind_label(item.kind),
        added=format_local(item.uploaded_at),
        size=plain_size(item.size),
        thumbnail=f"{base}/thumbnail" if picture else thumbnails.icon_of(item.media_type),
        picture=picture,
        href=base,
        media_type=item.media_type,
        sha256=item.sha256,
        size_bytes=item.size,
    )


@dataclass(frozen=True)
class Summary:
    """The case page's evidence section: thumbnails, how many, what is missing, add."""

    number: str
    cards: list[Card]
    count: int
    size: str
    check: ChecklistPublic = field(repr=False)
    # What the worker read from the pictures shown (issue 22), by item number (seq).
    read: dict[int, readings.Shown] = field(default_factory=dict)
    # Threats and insults read from any picture of the case, with the item they are in.
    warnings: list[tuple[str, readings.Finding]] = field(default_factory=list)

    def sides(self, parties: frozenset[Party] | None) -> list[Side]:
        return sides(self.check, parties or frozenset())

    def may_add(self, parties: frozenset[Party] | None) -> bool:
        return may_add(parties or frozenset())

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.cards))


def read_of(session: Session, items: list[EvidenceItem]) -> dict[int, readings.Shown]:
    """What was read from each picture among items, by seq (pictures only)."""
    found = readings.get_for(session=session, items=items)
    out = {}
    for item in items:
        if (seen := readings.shown(item, found.get(item.id))) is not None:
            out[item.seq] = seen
    return out


def summary(session: Session, case: Case) -> Summary:
    items = service.get_all(session=session, case=case)
    read = read_of(session, items)
    latest = items[-SUMMARY_THUMBNAILS:]
    return Summary(
        number=case.number,
        cards=[card(i, case.number) for i in latest],
        count=len(items),
        size=plain_size(sum(i.size for i in items)),
        check=checklist_public(checklist.build(case, items)),
        read={i.seq: read[i.seq] for i in latest if i.seq in read},
        warnings=[
            (f"E{seq}", f) for seq, r in sorted(read.items()) for f in r.findings if f.warning
        ],
    )


def case_panel(session: Session, case: Case, group_member: bool) -> dict[str, Any]:
    """The case page's evidence summary (none for a fellow complainant, who sees no evidence):
    one of app.state.case_panels, shown by templates/evidence/_case_summary.html."""
    return {"evidence_summary": None if group_member else summary(session, case)}
