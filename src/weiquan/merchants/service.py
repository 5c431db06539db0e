"""Merchant registry storage: keyword-only functions that flush and never commit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Collection
from math import ceil

from sqlalchemy import Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from weiquan.accounts.models import Account, ClaimStatus, MerchantClaim
from weiquan.cases.access import reached_merchant
from weiquan.cases.models import Case
from weiquan.common.i18n import N_
from weiquan.common.identifiers import IdentifierError, Kind, normalize
from weiquan.common.labels import OUTCOME_LABELS, label
from weiquan.common.privacy import is_business_name
from weiquan.db import utcnow
from weiquan.merchants import facts, present
from weiquan.merchants import identifiers as ids
from weiquan.merchants import profile as prof
from weiquan.merchants.models import (
    AgencyRecord,
    EvidenceKind,
    Merchant,
    MerchantCase,
    MerchantIdentifier,
    RecordType,
)
from weiquan.merchants.resolution import Evidence, ResolutionError, link, live
from weiquan.merchants.schemas import (
    AgencyRecordIn,
    AgencyRecordPublic,
    MerchantProfile,
    PublicRecord,
    RecordPage,
)

MAX_MATCHES = 5
SHOWN_IDENTIFIERS = 50


def get(*, session: Session, merchant_id: int) -> Merchant | None:
    """One merchant by id; an absorbed id gives the merchant that absorbed it."""
    return live(session, merchant_id)


def get_by_identifier(*, session: Session, identifier: ids.Identifier) -> Merchant | None:
    """The merchant of one strong identifier, if known."""
    if identifier.key is None:
        return None
    node = session.execute(
        select(MerchantIdentifier).where(MerchantIdentifier.key == identifier.key)
    ).scalar_one_or_none()
    return session.get(Merchant, node.merchant_id) if node else None


# Built once: a lookup then costs no statement construction, only the cache key.
_RANKED = (
    select(MerchantIdentifier.kind, MerchantIdentifier.key, Merchant)
    .join(Merchant, Merchant.id == MerchantIdentifier.merchant_id)
    .where(
        MerchantIdentifier.value.in_(bindparam("values", expanding=True)),
        MerchantIdentifier.kind.in_(bindparam("kinds", expanding=True)),
    )
    .limit(500)
)


def _ranked(session: Session, query: str) -> list[tuple[int, Merchant]]:
    """(merchant id, merchant) for a free-text identifier, strong matches first; one query."""
    wanted = ids.candidates(query)
    values = {c.kind.value: c.value for c in wanted}
    rows = session.execute(
        _RANKED,
        {"values": sorted({c.value for c in wanted}), "kinds": sorted(values)},
    ).all()
    order = {(c.kind.value, c.value): i for i, c in enumerate(wanted)}
    ranked = sorted(
        (r for r in rows if (r.kind, values.get(r.kind)) in order),
        key=lambda r: (r.key is None, order[(r.kind, values[r.kind])], r.Merchant.id),
    )
    return list({r.Merchant.id: (r.Merchant.id, r.Merchant) for r in ranked}.values())


def find_ids(*, session: Session, query: str) -> list[int]:
    """Ids of the merchants a free-text identifier may mean: strong matches first."""
    return [merchant_id for merchant_id, _ in _ranked(session, query)]


def find(*, session: Session, query: str, limit: int = MAX_MATCHES) -> list[Merchant]:
    """The first few merchants a free-text identifier may mean."""
    return [merchant for _, merchant in _ranked(session, query)[:limit]]


def nodes(*, session: Session, merchant_id: int) -> list[MerchantIdentifier]:
    """Every identifier of one merchant, strong ones first (its own page shows them all)."""
    query = (
        select(MerchantIdentifier)
        .where(MerchantIdentifier.merchant_id == merchant_id)
        .order_by(MerchantIdentifier.key.is_(None), MerchantIdentifier.id)
    )
    return list(session.execute(query).scalars())


def _shown_query() -> Select[MerchantIdentifier, int]:
    numbered = (
        select(
            MerchantIdentifier,
            func.row_number()
            .over(
                partition_by=MerchantIdentifier.merchant_id,
                order_by=(MerchantIdentifier.key.is_(None), MerchantIdentifier.id),
            )
            .label("n"),
            func.count().over(partition_by=MerchantIdentifier.merchant_id).label("total"),
        )
        .where(MerchantIdentifier.merchant_id.in_(bindparam("ids", expanding=True)))
        .subquery()
    )
    node = aliased(MerchantIdentifier, numbered)
    return (
        select(node, numbered.c.total)
        .where(numbered.c.n <= SHOWN_IDENTIFIERS)
        .order_by(numbered.c.merchant_id, numbered.c.n)
    )


_SHOWN_OF = _shown_query()


def shown_nodes(
    *, session: Session, merchant_ids: Collection[int]
) -> dict[int, tuple[list[MerchantIdentifier], int]]:
    """Per merchant: the identifiers a profile shows (strong first) and how many it has; one
    query for a whole page of merchants, not one (or two) each."""
    shown: dict[int, list[MerchantIdentifier]] = {m: [] for m in merchant_ids}
    totals: dict[int, int] = {}
    if shown:
        for node, total in session.execute(_SHOWN_OF, {"ids": sorted(shown)}):
            shown[node.merchant_id].append(node)
            totals[node.merchant_id] = int(total)
    return {m: (nodes, totals.get(m, 0)) for m, nodes in shown.items()}


def profiles(*, session: Session, merchants: list[Merchant]) -> list[MerchantProfile]:
    """The public profiles of these merchants: figures, records, score, warnings, replies."""
    shown = shown_nodes(session=session, merchant_ids=[m.id for m in merchants])
    out = []
    for merchant in merchants:
        nodes_shown, total = shown[merchant.id]
        s = prof.current(session=session, merchant=merchant)
        agency = prof.records(session=session, merchant_id=merchant.id) if s.agency_records else []
        out.append(present.merchant_profile(merchant, nodes_shown, total, s, agency))
    return out


def profile(*, session: Session, merchant: Merchant) -> MerchantProfile:
    """The public profile of one merchant."""
    return profiles(session=session, merchants=[merchant])[0]


def create_record(*, session: Session, record_in: AgencyRecordIn, actor: str) -> AgencyRecord:
    """Store a finding or list entry and link the identifiers it names."""
    merchant, linked = link(
        session=session,
        identifiers=[i.parsed() for i in record_in.identifiers],
        evidence=Evidence(
            EvidenceKind.agency_record, f"{record_in.authority}:{record_in.reference}"[:100]
        ),
        actor=actor,
        reason=N_("Named together in one agency record."),
    )
    anchor = next((n for n in linked if n.key), linked[0])
    record = AgencyRecord(
        record_type=record_in.record_type,
        finding_kind=record_in.finding_kind,
        decided_by=record_in.decided_by,
        authority=record_in.authority,
        decided_on=record_in.decided_on,
        reference=record_in.reference,
        case_number=record_in.case_number,
        reason=record_in.reason,
        valid_until=record_in.valid_until,
        merchant_id=merchant.id,
        identifier_id=anchor.id,
        actor=actor,
    )
    session.add(record)
    session.flush()
    facts.mark_stale(session, [merchant.id])  # its figures count agency records
    return record


def hash_code(code: str) -> str:
    # The code is 80 random bits, so a plain SHA-256 is enough: nothing to guess from the hash.
    return hashlib.sha256(code.strip().upper().replace("-", "").encode()).hexdigest()


def issue_code(*, session: Session, merchant: Merchant) -> str:
    """A new proof-of-control code for merchant; only its hash is kept."""
    raw = secrets.token_hex(10).upper()
    merchant.code_hash = hash_code(raw)
    merchant.code_issued_at = utcnow()
    session.flush()
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def check_code(merchant: Merchant, code: str | None) -> bool:
    if not code or not merchant.code_hash:
        return False
    return hmac.compare_digest(merchant.code_hash, hash_code(code))


def set_reply(*, session: Session, merchant: Merchant, text: str) -> Merchant:
    """The merchant's public reply to its profile (replaces an earlier one)."""
    merchant.reply = text
    merchant.reply_at = utcnow()
    session.flush()
    return merchant


def own_cases(
    *, session: Session, merchant_id: int, limit: int = 200
) -> list[tuple[Case, MerchantCase]]:
    return [
        (c, mc)
        for c, mc in session.execute(
            select(Case, MerchantCase)
            .join(MerchantCase, MerchantCase.case_id == Case.id)
            # A case reaches the merchant with the demand: a draft is the consumer's alone.
            .where(MerchantCase.merchant_id == merchant_id, reached_merchant(Case))
            .order_by(MerchantCase.filed_at.desc())
            .limit(limit)
        ).all()
    ]


def public_records(*, session: Session, page: int, page_size: int) -> RecordPage:
    """Closed complaints whose consumer agreed to publication, 12315 style, newest first."""
    where = (
        MerchantCase.publish_consent.is_(True),
        MerchantCase.closed_at.is_not(None),
    )
    total = int(session.execute(select(func.count()).where(*where)).scalar_one())
    rows = session.execute(
        select(Case, MerchantCase)
        .join(MerchantCase, MerchantCase.case_id == Case.id)
        .where(*where)
        .order_by(MerchantCase.closed_at.desc(), Case.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    names = _names(session, {mc.merchant_id for _, mc in rows})
    items = []
    for c, mc in rows:
        consumer, phone = present.masked_consumer(c.consumer_name, c.consumer_phone)
        items.append(
            PublicRecord(
                number=c.number,
                closed_on=mc.closed_at.date() if mc.closed_at else None,
                merchant=names.get(mc.merchant_id, "—"),
                merchant_id=mc.merchant_id,
                platform=c.merchant_platform,
                category=c.category,
                channel=c.channel,
                problems=list(c.problems or []),
                outcome=mc.outcome,
                outcome_label=label(OUTCOME_LABELS, mc.outcome or "") if mc.outcome else "—",
                recovered=mc.amount_recovered_fen,
                consumer=consumer,
                phone=phone,
            )
        )
    return RecordPage(items=items, total=total, page=page, pages=max(1, ceil(total / page_size)))


def list_entries(*, session: Session, record_type: RecordType) -> list[AgencyRecordPublic]:
    """A red or black list as the agencies published it, newest first."""
    rows = list(
        session.execute(
            select(AgencyRecord)
            .where(AgencyRecord.record_type == record_type)
            .order_by(AgencyRecord.decided_on.desc(), AgencyRecord.id.desc())
            .limit(500)
        ).scalars()
    )
    names = _names(session, {r.merchant_id for r in rows})
    return [present.record_public(r, names.get(r.merchant_id, "—")) for r in rows]


def list_entries_of(*, session: Session, record_id: int) -> list[AgencyRecordPublic]:
    """One agency record in its public shape (a list of one, or empty)."""
    record = session.get(AgencyRecord, record_id)
    if record is None:
        return []
    return [
        present.record_public(record, _names(session, {record.merchant_id})[record.merchant_id])
    ]


def _names(session: Session, merchant_ids: set[int]) -> dict[int, str]:
    shown = shown_nodes(session=session, merchant_ids=merchant_ids)
    return {merchant_id: present.public_name(nodes) for merchant_id, (nodes, _) in shown.items()}


def require_one(*, session: Session, query: str) -> Merchant:
    """The one merchant an identifier names (for agency commands); errors say why not."""
    found = find_ids(session=session, query=query)
    if not found:
        raise ResolutionError(N_("No merchant is on record for {query}."), query=query)
    if len(found) > 1:
        raise ResolutionError(
            N_("{query} names {n} merchants; use a more specific identifier."),
            query=query,
            n=len(found),
        )
    merchant = session.get(Merchant, found[0])
    assert merchant is not None
    return merchant


# A merchant account's verified claims (accounts domain) name identifiers in the case's words.
_CLAIM_KINDS = {"wechat_id": Kind.wechat, "phone": Kind.phone}


def claimed_by(*, session: Session, merchant_id: int, account: Account) -> bool:
    """Whether account holds a verified claim to a strong identifier of this merchant (or of
    a record merged into it). Names and shop names are weak and prove nothing."""
    target = live(session, merchant_id)
    if target is None:
        return False
    wanted: set[tuple[str, str]] = set()
    claims = session.execute(
        select(MerchantClaim).where(
            MerchantClaim.account_id == account.id, MerchantClaim.status == ClaimStatus.verified
        )
    ).scalars()
    for claim in claims:
        kind = _CLAIM_KINDS.get(claim.kind)
        if kind is None:
            continue
        try:
            wanted.add((str(kind), normalize(kind, claim.value)))
        except IdentifierError:
            continue
    if not wanted:
        return False
    owners = session.execute(
        select(MerchantIdentifier.merchant_id).where(
            or_(
                *(
                    and_(MerchantIdentifier.kind == kind, MerchantIdentifier.value == value)
                    for kind, value in sorted(wanted)
                )
            )
        )
    ).scalars()
    for owner in owners:
        found = live(session, owner)
        if found is not None and found.id == target.id:
            return True
    return False


def legal_identity(*, session: Session, case_id: int) -> dict[str, str]:
    """The seller's business identity as the registry knows it, for a case's documents:
    {"respondent_name": company name, "respondent_id": credit code}, each only when there is
    exactly one. Credit codes and registered names come only from agency records, verified
    merchant accounts and agencies' links, never from what a buyer typed. A private person's
    name is never given out here: the platform discloses it on request (E-Commerce Law Art. 15)."""
    merchant_id = session.execute(
        select(MerchantCase.merchant_id).where(MerchantCase.case_id == case_id)
    ).scalar_one_or_none()
    if merchant_id is None:
        return {}
    rows = session.execute(
        select(MerchantIdentifier.kind, MerchantIdentifier.display).where(
            MerchantIdentifier.merchant_id == merchant_id,
            MerchantIdentifier.kind.in_((Kind.uscc, Kind.real_name)),
        )
    ).all()
    codes = {display for kind, display in rows if kind == Kind.uscc}
    names = {d for k, d in rows if k == Kind.real_name and is_business_name(d)}
    out = {}
    if len(names) == 1:
        out["respondent_name"] = names.pop()
    if len(codes) == 1:
        out["respondent_id"] = codes.pop()
    return out
