"""The merchant registry API: public checks and records, the merchant's own view and reply,
and the agencies' records and corrections. Thin routes: load, 404/403, delegate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.auth import CurrentAccount, MaybeAccount, forbid
from weiquan.accounts.models import Account, Role
from weiquan.cases.models import Case
from weiquan.common.i18n import N_, gettext
from weiquan.common.identifiers import IdentifierError
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.common.types import RowId
from weiquan.common.web import SessionDep
from weiquan.merchants import claimants as cl
from weiquan.merchants import flows, service
from weiquan.merchants import identifiers as ids
from weiquan.merchants import warnings as warn
from weiquan.merchants.facts import claimant_key
from weiquan.merchants.models import Merchant, MerchantCase, RecordType, Resolution
from weiquan.merchants.present import say
from weiquan.merchants.resolution import ResolutionError, live
from weiquan.merchants.schemas import (
    AgencyRecordIn,
    AgencyRecordPublic,
    ClaimantIn,
    ClaimantProfile,
    Flag,
    LinkIn,
    LookupIn,
    LookupResult,
    MerchantProfile,
    OwnCase,
    OwnIdentifier,
    OwnProfile,
    RecordPage,
    ReplyIn,
    ResolutionPublic,
    UndoIn,
)

router = APIRouter(prefix="/merchants", tags=["merchants"])

NOT_FOUND = N_("No merchant has the number {id}.")
PROVE_CONTROL = N_(
    "Show that you are this merchant: give the verification code an agency issued to you"
    " (header X-Merchant-Code)."
)
PHONE_IN_ADDRESS = N_(
    "Phone numbers are not sent in the address, where logs and browser history keep them:"
    " send the query in the request body (POST /api/merchants/lookup)."
)
AGENCY_ROLES = frozenset({Role.agency_staff, Role.admin})


def unprocessable(message: str, **params: object) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, gettext(message).format(**params))


def run_lookup(*, session: Session, query: str) -> LookupResult:
    """The pre-purchase check: every merchant the identifier may mean, masked, with warnings."""
    found = service.find(session=session, query=query, limit=500)
    return LookupResult(
        found=len(found),
        matches=service.profiles(session=session, merchants=found[: service.MAX_MATCHES]),
        notice=None if found else gettext(warn.NOTHING_FOUND),
        advice=[gettext(a) for a in warn.ADVICE],
    )


def verified_merchant(session: Session, merchant_id: int, code: str | None) -> Merchant:
    """The merchant behind merchant_id if code proves control of it; 403 otherwise."""
    merchant = session.get(Merchant, merchant_id)
    if merchant is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(id=merchant_id))
    if not service.check_code(merchant, code):
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(PROVE_CONTROL))
    current = live(session, merchant.id)
    assert current is not None
    session.expunge(current)
    session.rollback()  # end the read, so the flow can open its own transaction
    return current


def current_merchant(
    session: SessionDep,
    account: MaybeAccount,
    merchant_id: Annotated[RowId, Path()],
    x_merchant_code: Annotated[str | None, Header()] = None,
) -> Merchant:
    """The acting merchant: a signed-in merchant account with a verified claim to one of its
    strong identifiers, or anyone holding the verification code an agency issued."""
    if (
        x_merchant_code is None
        and account is not None
        and account.role == Role.merchant
        and service.claimed_by(session=session, merchant_id=merchant_id, account=account)
    ):
        current = live(session, merchant_id)
        assert current is not None
        session.expunge(current)
        session.rollback()  # end the read, so the flow can open its own transaction
        return current
    return verified_merchant(session, merchant_id, x_merchant_code)


CurrentMerchant = Annotated[Merchant, Depends(current_merchant)]


def require_agency(account: CurrentAccount) -> Account:
    if account.role not in AGENCY_ROLES:
        raise forbid()
    return account


AgencyAccount = Annotated[Account, Depends(require_agency)]


def _profile_of(session: Session, merchant_id: int) -> MerchantProfile:
    merchant = live(session, merchant_id)
    if merchant is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(id=merchant_id))
    return service.profile(session=session, merchant=merchant)


@router.get("/lookup", response_model=LookupResult)
def lookup(
    session: SessionDep, q: Annotated[str, Query(min_length=1, max_length=500)]
) -> LookupResult:
    """Check a merchant before buying by an identifier that is not a phone number (a phone
    number goes in the body of POST /api/merchants/lookup)."""
    if ids.names_phone(q):
        raise unprocessable(PHONE_IN_ADDRESS)
    return _lookup(session, q)


@router.post("/lookup", response_model=LookupResult)
def lookup_post(session: SessionDep, lookup_in: LookupIn) -> LookupResult:
    """Check a merchant before buying: any identifier in, the masked profile(s) out."""
    return _lookup(session, lookup_in.q)


def _lookup(session: Session, query: str) -> LookupResult:
    try:
        return run_lookup(session=session, query=query)
    except IdentifierError as exc:
        raise unprocessable(exc.message, **exc.params) from None


@router.get("/records", response_model=RecordPage)
def records(
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> RecordPage:
    """Closed complaints published with the consumer's consent (surname, masked phone)."""
    return service.public_records(session=session, page=page, page_size=page_size)


@router.get("/lists/{which}", response_model=list[AgencyRecordPublic])
def lists(
    session: SessionDep, which: Annotated[str, Path(pattern="^(red|black)$")]
) -> list[AgencyRecordPublic]:
    """The red or black list, as the agencies published it."""
    return service.list_entries(session=session, record_type=RecordType(f"{which}_list"))


@router.post(
    "/agency-records", status_code=status.HTTP_201_CREATED, response_model=AgencyRecordPublic
)
def create_record(
    record_in: AgencyRecordIn, session: SessionDep, account: AgencyAccount
) -> AgencyRecordPublic:
    """(Agencies) Record a finding or a red/black list entry; its identifiers are linked."""
    record = flows.record(session=session, record_in=record_in, actor=account.handle)
    return next(r for r in service.list_entries_of(session=session, record_id=record.id))


@router.post("/links", response_model=MerchantProfile)
def create_link(link_in: LinkIn, session: SessionDep, account: AgencyAccount) -> MerchantProfile:
    """(Agencies) Link identifiers as one merchant after review."""
    merchant = flows.link(
        session=session,
        identifiers=[i.parsed() for i in link_in.identifiers],
        actor=account.handle,
        reason=link_in.reason,
        ref=f"account:{account.id}",
    )
    return _profile_of(session, merchant.id)


@router.post("/resolutions/{resolution_id}/undo", response_model=ResolutionPublic)
def undo(
    resolution_id: RowId, undo_in: UndoIn, session: SessionDep, account: AgencyAccount
) -> ResolutionPublic:
    """(Agencies) Undo a wrong merge (or a split); refused while other evidence still links."""
    try:
        done = flows.undo(
            session=session,
            resolution_id=resolution_id,
            actor=account.handle,
            reason=undo_in.reason,
        )
    except ResolutionError as exc:
        raise unprocessable(exc.message, **exc.params) from None
    return resolution_public(done)


@router.post("/claimants", response_model=ClaimantProfile)
def claimant(
    claimant_in: ClaimantIn,
    session: SessionDep,
    account: MaybeAccount,
    x_merchant_code: Annotated[str | None, Header()] = None,
) -> ClaimantProfile:
    """(Agencies, and merchants the claimant complained about) A claimant's flags and evidence.
    The phone travels in the body, never in the address."""
    phone, merchant_id = claimant_in.phone, claimant_in.merchant_id
    key = claimant_key(phone)
    if account is not None and account.role in AGENCY_ROLES:
        return claimant_public(session, cl.profile(session=session, key=key))
    if merchant_id is None:
        raise forbid()
    # A merchant sees the claimant through its own cases only (past draft): never the
    # claimant's complaints against other merchants (issue 17).
    merchant = current_merchant(session, account, merchant_id, x_merchant_code)
    own = cl.profile(session=session, key=key, merchant_id=merchant.id)
    if not own.claims:
        raise forbid()
    return claimant_public(session, own, merchant_id=merchant.id)


@router.get("/{merchant_id}", response_model=MerchantProfile)
def profile(merchant_id: RowId, session: SessionDep) -> MerchantProfile:
    """A merchant's public profile: figures, findings, lists, score line by line, its reply."""
    return _profile_of(session, merchant_id)


@router.get("/{merchant_id}/history", response_model=list[ResolutionPublic])
def history(
    merchant_id: RowId, session: SessionDep, account: AgencyAccount
) -> list[ResolutionPublic]:
    """(Agencies) Every merge and split of a merchant, with who, when, why and the evidence."""
    merchant = live(session, merchant_id)
    if merchant is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NOT_FOUND).format(id=merchant_id))
    return resolutions_of(session=session, merchant_id=merchant.id)


@router.get("/{merchant_id}/own", response_model=OwnProfile)
def own(merchant: CurrentMerchant, session: SessionDep) -> OwnProfile:
    """(The merchant) Its own profile, its identifiers in full and its complaints."""
    return own_profile(session, merchant)


@router.put("/{merchant_id}/reply", response_model=MerchantProfile)
def reply(merchant: CurrentMerchant, reply_in: ReplyIn, session: SessionDep) -> MerchantProfile:
    """(The merchant) Add or replace its public reply to its profile."""
    flows.reply(session=session, merchant_id=merchant.id, text=reply_in.text)
    return _profile_of(session, merchant.id)


def own_profile(session: Session, merchant: Merchant) -> OwnProfile:
    merchant = session.merge(merchant)
    return OwnProfile(
        profile=service.profile(session=session, merchant=merchant),
        identifiers=[
            OwnIdentifier(kind=n.kind, value=n.display, platform=n.scope or None)
            for n in service.nodes(session=session, merchant_id=merchant.id)
        ],
        cases=[
            OwnCase(
                number=c.number,
                filed_at=mc.filed_at,
                kind=mc.kind,
                status=c.status,
                answered=mc.answered,
                settled=mc.settled,
            )
            for c, mc in service.own_cases(session=session, merchant_id=merchant.id)
        ],
    )


def resolution_public(r: Resolution) -> ResolutionPublic:
    return ResolutionPublic(
        id=r.id,
        at=r.at,
        action=r.action,
        actor=r.actor,
        reason=r.reason,
        evidence_kind=r.evidence_kind,
        evidence_ref=r.evidence_ref,
        merchant_id=r.merchant_id,
        other_merchant_ids=list(r.other_merchant_ids),
        undone_by_id=r.undone_by_id,
    )


def resolutions_of(*, session: Session, merchant_id: int) -> list[ResolutionPublic]:
    absorbed = list(
        session.execute(select(Merchant.id).where(Merchant.merged_into_id == merchant_id)).scalars()
    )
    rows = session.execute(
        select(Resolution)
        .where(Resolution.merchant_id.in_([merchant_id, *absorbed]))
        .order_by(Resolution.id)
    ).scalars()
    return [resolution_public(r) for r in rows]


def scan_claimants(*, session: Session) -> list[cl.Flags]:
    return cl.scan(session=session)


def claimant_public(
    session: Session, flags: cl.Flags, merchant_id: int | None = None
) -> ClaimantProfile:
    mine = () if merchant_id is None else (MerchantCase.merchant_id == merchant_id,)
    name = session.execute(
        select(Case.consumer_name)
        .join(MerchantCase, MerchantCase.case_id == Case.id)
        .where(MerchantCase.claimant_key == flags.key, *mine)
        .limit(1)
    ).scalar_one_or_none()
    out = []
    for code, evidence in flags.flags.items():
        merchants = len({e.get("merchant_id") for e in evidence})
        out.append(
            Flag(
                code=code,
                text=say(cl.TEXTS[code], {"n": len(evidence), "m": merchants}),
                evidence=evidence,
            )
        )
    return ClaimantProfile(
        claimant=f"{mask_name(name or '')} {mask_phone(flags.key)}".strip(),
        claims=flags.claims,
        merchants=flags.merchants,
        flags=out,
        note=gettext(cl.NOTE),
    )
