"""Who may see and act on a case: a party sees its own cases, nobody else sees personal data.

consumer        the account that filed it
co_complainant  a consumer linked to one of the case's complainants (joint complaint), not the
                filer: reads the case masked, takes no step (representative: may also write)
merchant        a merchant account with a verified claim to an identifier the case names
platform        staff of a platform dispute team, once the consumer asked that platform to step in
agency          staff of the agency the complaint went to: reads and decides
region_agency   staff of an agency whose jurisdiction covers the merchant's region, when the
                complaint went to another agency: reads, decides nothing
mediator        the mediator assigned to it
admin           everyone, every case
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, aliased

from weiquan.accounts.models import (
    SCOPED_KINDS,
    STRONG_KINDS,
    AccessLog,
    Account,
    Agency,
    ClaimStatus,
    MerchantClaim,
    Role,
)
from weiquan.cases.ladder import GROUP, Party
from weiquan.cases.models import Case, CaseIdentifier, CaseStatus, Complainant
from weiquan.common.identifiers import platform_sql
from weiquan.events.models import CaseEvent, EventKind


def claim_opens(case: Any) -> ColumnElement[bool]:
    """SQL for "the MerchantClaim row, joined to a case's identifier of the same kind and value,
    opens case" (case: Case or an alias of it): it names the case (`claim_names`), and only
    once the case left draft (a demand was sent)."""
    return and_(claim_names(case), reached_merchant(case))


def claim_names(case: Any) -> ColumnElement[bool]:
    """SQL for "the MerchantClaim row names case": verified, strong, or a shop or live-room name
    on the case's own platform."""
    return and_(
        MerchantClaim.status == ClaimStatus.verified,
        or_(
            MerchantClaim.kind.in_(sorted(STRONG_KINDS)),
            and_(
                MerchantClaim.kind.in_(sorted(SCOPED_KINDS)),
                MerchantClaim.platform != "",
                MerchantClaim.platform == platform_sql(case.merchant_platform),
            ),
        ),
    )


def merchant_on_weiquan(session: Session, case: Case) -> bool:
    """Whether a merchant account's verified claim names the case: a demand sent on weiquan
    reaches that merchant in its inbox at once."""
    found = session.execute(
        select(MerchantClaim.id)
        .join(
            CaseIdentifier,
            and_(
                CaseIdentifier.kind == MerchantClaim.kind,
                CaseIdentifier.value == MerchantClaim.value,
            ),
        )
        .join(Case, Case.id == CaseIdentifier.case_id)
        .where(Case.id == case.id, claim_names(Case))
        .limit(1)
    ).first()
    return found is not None


def opened_by(kind: str, platform: str) -> ColumnElement[bool] | None:
    """`claim_opens` for one verified claim already in hand, on Case (for the inbox's index
    ranges, one per claim): None when its kind opens nothing."""
    if kind in STRONG_KINDS:
        return reached_merchant(Case)
    if kind in SCOPED_KINDS and platform:
        return and_(reached_merchant(Case), platform_sql(Case.merchant_platform) == platform)
    return None


def reached_merchant(case: Any) -> ColumnElement[bool]:
    """SQL for "the case has reached the merchant": past draft, and a case withdrawn had a
    demand or a complaint first (one withdrawn as a draft never reached anyone)."""
    return and_(
        case.status != CaseStatus.draft,
        or_(
            case.status != CaseStatus.withdrawn,
            exists().where(
                CaseEvent.case_id == case.id,
                CaseEvent.kind.in_((EventKind.demand_sent, EventKind.complaint_filed)),
            ),
        ),
    )


def _claims(account: Account) -> ColumnElement[bool]:
    # IN (subquery), not a correlated EXISTS: the databases then start from the merchant's few
    # claims and the identifier index instead of testing every case; the case row the status
    # and platform come from is one primary-key read per identifier row.
    named = aliased(Case)
    return Case.id.in_(
        select(CaseIdentifier.case_id)
        .join(
            MerchantClaim,
            and_(
                MerchantClaim.kind == CaseIdentifier.kind,
                MerchantClaim.value == CaseIdentifier.value,
            ),
        )
        .join(named, named.id == CaseIdentifier.case_id)
        .where(MerchantClaim.account_id == account.id, claim_opens(named))
    )


def _platform_asked() -> ColumnElement[bool]:
    return Case.id.in_(
        select(CaseEvent.case_id).where(CaseEvent.kind == EventKind.platform_intervention_requested)
    )


def region_ranges(regions: list[str]) -> list[ColumnElement[bool]]:
    """Region codes under each of regions (310115 is under 3101), as index-friendly ranges; a
    full six-digit county code is an equality, which lets a work list read its cases in order
    from the (merchant_region, queue_key) index."""
    return [
        Case.merchant_region == r
        if len(r) == 6
        else and_(Case.merchant_region >= r, Case.merchant_region < r[:-1] + chr(ord(r[-1]) + 1))
        for r in regions
        if r
    ]


def claim_named(regions: list[str]) -> ColumnElement[bool]:
    """SQL for "a case of a merchant in one of regions names the claim's identifier" (on the
    claim's platform for a shop or live room): an agency's jurisdiction over merchant claims,
    which the app hands to accounts (below cases) as `claims_named_in`."""
    ranges = region_ranges(regions)
    if not ranges:
        return false()
    return exists().where(
        CaseIdentifier.kind == MerchantClaim.kind,
        CaseIdentifier.value == MerchantClaim.value,
        Case.id == CaseIdentifier.case_id,
        or_(
            MerchantClaim.kind.in_(sorted(STRONG_KINDS)),
            MerchantClaim.platform == platform_sql(Case.merchant_platform),
        ),
        or_(*ranges),
    )


def _in_jurisdiction(regions: list[str]) -> ColumnElement[bool]:
    ranges = region_ranges(regions)
    return or_(*ranges) if ranges else false()


def _filer(account: Account) -> ColumnElement[bool]:
    return Case.consumer_account_id == account.id


def _member(account: Account, *, representative: bool = False) -> ColumnElement[bool]:
    """A complainant row of the case linked to account (one of its representatives)."""
    row = exists().where(Complainant.case_id == Case.id, Complainant.account_id == account.id)
    return row.where(Complainant.representative.is_(True)) if representative else row


def _not_filer(account: Account) -> ColumnElement[bool]:
    return or_(Case.consumer_account_id.is_(None), Case.consumer_account_id != account.id)


def _consumer(account: Account, party: Party | None) -> ColumnElement[bool]:
    if party is None:  # the list queries: one OR, as before the roles were told apart
        return or_(_filer(account), _member(account))
    if party == Party.consumer:
        return _filer(account)
    if party in GROUP:
        return and_(
            _member(account, representative=party == Party.representative), _not_filer(account)
        )
    return false()


def _agency(agency: Agency, party: Party | None) -> ColumnElement[bool]:
    filed_here = Case.agency_id == agency.id
    region = _in_jurisdiction(agency.regions or [])
    if party is None:
        where = or_(filed_here, region)
    elif party == Party.agency:
        where = filed_here
    elif party == Party.region_agency:
        where = and_(or_(Case.agency_id.is_(None), Case.agency_id != agency.id), region)
    else:
        return false()
    return and_(Case.complaint_kind.is_not(None), where)


def condition(account: Account, party: Party | None = None) -> ColumnElement[bool]:
    """SQL for "account takes part in the case" (as party, when given)."""
    role = account.role
    if role == Role.admin:
        return true()
    if role == Role.consumer:
        return _consumer(account, party)
    if role == Role.merchant and party in (None, Party.merchant):
        return _claims(account)
    agency = account.agency
    if role == Role.platform_staff and agency is not None and party in (None, Party.platform):
        return and_(Case.merchant_platform.in_(agency.platforms or [""]), _platform_asked())
    if role == Role.agency_staff and agency is not None:
        return _agency(agency, party)
    if role == Role.mediator and party in (None, Party.mediator):
        return Case.mediator_account_id == account.id
    return false()


def parties_of(session: Session, account: Account | None, case: Case) -> frozenset[Party]:
    """The parts account plays in case."""
    if account is None:
        return frozenset()
    if account.role == Role.admin:
        return frozenset({Party.admin})
    if account.role == Role.consumer:
        return _consumer_parties(session, account, case)
    candidates = {
        Role.merchant: Party.merchant,
        Role.platform_staff: Party.platform,
        Role.agency_staff: Party.agency,
        Role.mediator: Party.mediator,
    }
    party = candidates.get(Role(account.role))
    if party is None:
        return frozenset()
    found = session.execute(select(Case.id).where(Case.id == case.id, condition(account))).first()
    if not found:
        return frozenset()
    if party == Party.agency and case.agency_id != account.agency_id:
        return frozenset({Party.region_agency})
    return frozenset({party})


def _consumer_parties(session: Session, account: Account, case: Case) -> frozenset[Party]:
    if case.consumer_account_id == account.id:
        return frozenset({Party.consumer})
    row = session.execute(
        select(Complainant.representative)
        .where(Complainant.case_id == case.id, Complainant.account_id == account.id)
        .limit(1)
    ).first()
    if row is None:
        return frozenset()
    return GROUP if row.representative else frozenset({Party.co_complainant})


def group_only(parties: frozenset[Party]) -> bool:
    """A fellow complainant and nothing more: none of the filer's facts, files or steps."""
    return bool(parties) and parties <= GROUP


def is_staff_read(account: Account, parties: frozenset[Party]) -> bool:
    """Reads that go to the access log: anyone who is not a consumer or the merchant."""
    return bool(parties) and not parties <= {Party.consumer, Party.merchant, *GROUP}


def log_read(*, session: Session, account: Account, case: Case, what: str) -> None:
    """Record that staff read a case's personal data (committed at once, on its own)."""
    # End the read, then write in a transaction of its own: on SQLite that one takes the write
    # lock up front and waits for it, where a read turned write would fail under load.
    session.commit()
    with session.begin():
        session.add(AccessLog(account_id=account.id, case_id=case.id, what=what))
