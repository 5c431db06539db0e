"""Account flows: each owns its transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from weiquan.accounts import mails, security, service
from weiquan.accounts.models import (
    CLAIMABLE_KINDS,
    SCOPED_KINDS,
    Account,
    ClaimStatus,
    MerchantClaim,
    Role,
)
from weiquan.accounts.schemas import Register
from weiquan.common.i18n import N_
from weiquan.common.identifiers import (
    PHONE_INVALID,
    WECHAT_INVALID,
    IdentifierError,
    normalize,
    platform_key,
)
from weiquan.config import Settings
from weiquan.db import utcnow

NO_CLAIM = N_("There is no such claim.")
FORBIDDEN = N_("You may not do this.")
ONLY_MERCHANTS = N_("Only merchant accounts claim identities.")
NAME_CLAIM = N_(
    "A name or nickname cannot be claimed: anyone may use it. Claim a WeChat ID, a phone, or a"
    " shop or live room together with its platform."
)
NEED_PLATFORM = N_("Say on which platform this shop or live room is.")
WRONG_CODE = N_("The code is not right: {left} more tries before it stops working.")
CODE_SHAPE = N_("Type the code as it was given to you: letters and digits.")
NO_CODE = N_("No code is in force for this claim: ask for one.")
CODE_EXPIRED = N_("This code has expired: ask for a new one.")
CODE_VOID = N_("Too many wrong codes: this code no longer works. Ask for a new one.")
ALREADY_VERIFIED = N_("This claim is already verified.")
IN_REVIEW = N_("Another account already holds this identifier: staff will review your claim.")
REJECTED = N_("This claim was rejected: it cannot be verified.")
HELD = N_("Another account holds this identifier: reject or revoke its claim first.")
WEAK_CLAIM = N_("This claim names no platform or only a name: it cannot be verified.")
# The message of each refusal, by AccountError.code (pages carry the code in ?error=).
CLAIM_MESSAGES = {
    "forbidden": FORBIDDEN,
    "no_claim": NO_CLAIM,
    "weak": NAME_CLAIM,
    "platform": NEED_PLATFORM,
    "weak_claim": WEAK_CLAIM,
    "wrong_code": WRONG_CODE,
    "code_shape": CODE_SHAPE,
    "no_code": NO_CODE,
    "expired": CODE_EXPIRED,
    "void": CODE_VOID,
    "verified": ALREADY_VERIFIED,
    "review": IN_REVIEW,
    "rejected": REJECTED,
    "held": HELD,
    # A value that cannot be an identifier of its kind (the normaliser's own message).
    "bad_phone": PHONE_INVALID,
    "bad_wechat_id": WECHAT_INVALID,
}
# Who decides claims; each only within its jurisdiction (service.decidable).
DECIDERS = frozenset({Role.agency_staff, Role.platform_staff, Role.admin})


class AccountError(Exception):
    def __init__(self, code: str, msgid: str, **params: object) -> None:
        super().__init__(msgid)
        self.code = code
        self.msgid = msgid
        self.params = params


def register(
    *,
    session: Session,
    data: Register,
    language: str,
    settings: Settings,
    send_email: mails.SendEmail,
    now: datetime | None = None,
) -> Account | None:
    """Sign up a consumer or merchant and email a link to verify the address.

    For an address that already has an account nothing is made: its owner gets an email
    saying so, and the caller answers exactly as for a new address (None here), so that the
    form cannot be used to learn who has an account.
    """
    now = now or utcnow()
    with session.begin():
        existing = service.get_by_email(session=session, email=data.email)
        if existing is not None:
            # As long as making the account would take (hashing is most of it).
            security.hash_password(data.password)
            mails.send_exists(
                session=session,
                account=existing,
                settings=settings,
                now=now,
                send_email=send_email,
            )
            return None
        try:
            with session.begin_nested():
                account = service.create(
                    session=session,
                    email=data.email,
                    display_name=data.display_name,
                    password=data.password,
                    role=data.role,
                    phone=data.phone,
                    language=language,
                )
        except IntegrityError:
            return None  # the same address signed up a moment ago, by another request
        mails.send_verification(
            session=session, account=account, settings=settings, now=now, send_email=send_email
        )
        return account


def claim(
    *, session: Session, account: Account, kind: str, value: str, platform: str | None = None
) -> MerchantClaim:
    """A merchant claims an identifier; it stays pending until verified (in review when
    another account already holds it)."""
    if account.role != Role.merchant:
        raise AccountError("forbidden", ONLY_MERCHANTS)
    if kind not in CLAIMABLE_KINDS:
        raise AccountError("weak", NAME_CLAIM)
    if kind in SCOPED_KINDS and not platform_key(platform):
        raise AccountError("platform", NEED_PLATFORM)
    try:
        normalize(kind, value)
    except IdentifierError as exc:
        code = f"bad_{kind}" if f"bad_{kind}" in CLAIM_MESSAGES else "value"
        raise AccountError(code, exc.message, **exc.params) from None
    with session.begin():
        return service.add_claim(
            session=session, account=account, kind=kind, value=value, platform=platform
        )


def issue_code(
    *, session: Session, claim_id: int, length: int, minutes: int
) -> tuple[MerchantClaim, str]:
    """A new code for a pending claim (the old one stops working, its tries start again)."""
    with session.begin():
        row = session.get(MerchantClaim, claim_id)
        if row is None:
            raise AccountError("no_claim", NO_CLAIM)
        _must_be_pending(row)
        return row, service.issue_code(session=session, claim=row, length=length, minutes=minutes)


def _must_be_pending(row: MerchantClaim) -> None:
    if row.status == ClaimStatus.pending:
        return
    raise {
        ClaimStatus.verified: AccountError("verified", ALREADY_VERIFIED),
        ClaimStatus.review: AccountError("review", IN_REVIEW),
    }.get(ClaimStatus(row.status), AccountError("rejected", REJECTED))


def verify_with_code(
    *, session: Session, account: Account, claim_id: int, code: str, attempts: int
) -> MerchantClaim:
    """The merchant proves a pending claim with the code it was given through that channel.

    Each try is counted on the claim row before the code is compared, and the count commits
    even when the code is wrong; after `attempts` wrong tries the code is void."""
    typed = security.typed_code(code)
    try:
        with session.begin():
            row = session.get(MerchantClaim, claim_id)
            if row is None or row.account_id != account.id:
                raise AccountError("no_claim", NO_CLAIM)
            _must_be_pending(row)
            if not row.code_hash:
                raise AccountError("no_code", NO_CODE)
            if typed is None:
                raise AccountError("code_shape", CODE_SHAPE)  # not a try: nothing compared
            failure = _try_code(session, row, typed, attempts)
    except IntegrityError:
        # Another account's claim to the same identifier was verified at the same moment.
        session.rollback()
        _to_review(session, claim_id)
        raise AccountError("review", IN_REVIEW) from None
    if failure is not None:
        raise failure  # after the commit: the counted try and a voided code stay written
    return row


def _try_code(
    session: Session, row: MerchantClaim, typed: str, attempts: int
) -> AccountError | None:
    """One try of a code against a pending claim with a code; the error to give, if any."""
    if service.code_expired(row):
        service.clear_code(row)
        return AccountError("expired", CODE_EXPIRED)
    tries = service.count_try(session=session, claim=row, limit=attempts)
    if tries is None:
        service.clear_code(row)
        return AccountError("void", CODE_VOID)
    if service.code_matches(row, typed):
        held = service.owner_of(
            session=session,
            kind=row.kind,
            value=row.value,
            platform=row.platform,
            besides=row.account_id,
        )
        service.clear_code(row)
        if held is not None:
            row.status = ClaimStatus.review
            return AccountError("review", IN_REVIEW)
        _verify(row, "code")
        return None
    if tries >= attempts:
        service.clear_code(row)
        return AccountError("void", CODE_VOID)
    return AccountError("wrong_code", WRONG_CODE, left=attempts - tries)


def _verify(row: MerchantClaim, by: str) -> None:
    row.status = ClaimStatus.verified
    row.verified_by = by
    row.verified_at = utcnow()
    row.decision_reason = None
    service.clear_code(row)


def _to_review(session: Session, claim_id: int) -> None:
    with session.begin():
        row = session.get(MerchantClaim, claim_id)
        if row is not None and row.status == ClaimStatus.pending:
            row.status = ClaimStatus.review
            service.clear_code(row)


def decide(
    *,
    session: Session,
    staff: Account,
    claim_id: int,
    approve: bool,
    named_in: service.NamedIn,
    reason: str | None = None,
) -> MerchantClaim:
    """Staff approve a claim they checked themselves, or reject (or revoke) it with a reason
    the merchant sees; only within their jurisdiction (`service.decidable`)."""
    if staff.role not in DECIDERS:
        raise AccountError("forbidden", FORBIDDEN)
    try:
        with session.begin():
            row = session.get(MerchantClaim, claim_id)
            if row is None or not service.may_decide(
                session=session, staff=staff, claim=row, named_in=named_in
            ):
                raise AccountError("no_claim", NO_CLAIM)
            if not approve:
                row.status = ClaimStatus.rejected
                row.verified_by = staff.email
                row.verified_at = None
                row.decision_reason = reason
                service.clear_code(row)
                return row
            if row.status == ClaimStatus.verified:
                return row
            if row.kind not in CLAIMABLE_KINDS or (row.kind in SCOPED_KINDS and not row.platform):
                raise AccountError("weak_claim", WEAK_CLAIM)
            held = service.owner_of(
                session=session,
                kind=row.kind,
                value=row.value,
                platform=row.platform,
                besides=row.account_id,
            )
            if held is not None:
                raise AccountError("held", HELD)
            _verify(row, staff.handle)
            return row
    except IntegrityError:
        session.rollback()
        raise AccountError("held", HELD) from None
