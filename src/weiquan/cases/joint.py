"""Joint complaints: several consumers with the same dispute against the same merchant complain
together, with their consent, and may elect two representatives (SAMR complaint measures
Art. 11); a representative's acts bind those represented, but changing or dropping the claims
or settling needs their consent (the page says so; weiquan records who represents whom)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account, Role
from weiquan.cases import service
from weiquan.cases.errors import StepInputError, StepRefused
from weiquan.cases.models import Case, CaseStatus, Complainant
from weiquan.cases.schemas import ComplainantIn, ComplainantPublic
from weiquan.common.enums import Actor
from weiquan.common.i18n import N_, gettext
from weiquan.common.identifiers import phone_or_none
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.events import actors
from weiquan.events import service as events
from weiquan.events.models import EventKind

MAX_COMPLAINANTS = 200
REPRESENTATIVES = 2  # Art. 11(2)
ONLY_FILER = N_(
    "Only the consumer who filed the case can add complainants or choose representatives."
)
CLOSED = N_("This case is closed; nobody can join it now.")
ALREADY = N_("This person is already a complainant in this case.")
TOO_MANY = N_("A joint complaint has at most 200 complainants.")
AT_MOST_TWO = N_("Choose at most two representatives (Art. 11 of the complaint measures).")
NOT_IN_CASE = N_("Choose representatives among this case's complainants.")
FILER_STAYS = N_("The consumer who filed this case cannot leave it; withdraw it instead.")
NOT_A_MEMBER = N_("You are not a complainant in this case.")


def may_manage(case: Case, account: Account | None) -> bool:
    """The filer, an admin, or the operator at the command line (no account)."""
    return account is None or account.role == Role.admin or case.consumer_account_id == account.id


def sees_in_full(case: Case, account: Account | None, parties: frozenset[str]) -> bool:
    """The filer, admins and the agencies and mediators handling the case see every name and
    phone of the group; others (the merchant, fellow complainants) see them masked."""
    return may_manage(case, account) or bool(
        parties & {"agency", "region_agency", "mediator", "admin"}
    )


def _sees_accounts(account: Account | None) -> bool:
    """Whether members have accounts is shown to staff only: to the filer it would tell
    whether an email they typed belongs to someone (the form must not reveal that)."""
    return account is None or account.role in (Role.admin, Role.agency_staff, Role.mediator)


def _filer(case: Case) -> Complainant:
    """The consumer who filed, as the group's first complainant."""
    return Complainant(
        case_id=case.id,
        name=case.consumer_name,
        phone=case.consumer_phone,
        account_id=case.consumer_account_id,
        representative=False,
    )


def _is(account: Account | None, member: Complainant) -> bool:
    return account is not None and member.account_id == account.id


def get_all(*, session: Session, case: Case) -> list[Complainant]:
    return list(
        session.execute(
            select(Complainant).where(Complainant.case_id == case.id).order_by(Complainant.id)
        ).scalars()
    )


def public(
    *, session: Session, case: Case, account: Account | None, full: bool
) -> list[ComplainantPublic]:
    """The group; names and phones in full only for those entitled (the filer, staff)."""
    return [
        ComplainantPublic(
            id=c.id,
            name=c.name if full or _is(account, c) else mask_name(c.name),
            phone=c.phone if full or _is(account, c) else mask_phone(c.phone),
            representative=c.representative,
            has_account=c.account_id is not None and (_sees_accounts(account) or _is(account, c)),
            is_you=_is(account, c),
        )
        for c in get_all(session=session, case=case)
    ]


def _load(session: Session, number: str, actor: Account | None) -> Case | None:
    case = service.get(session=session, number=number)
    if case is None:
        return None
    if not may_manage(case, actor):
        raise StepRefused("not_filer", gettext(ONLY_FILER))
    if case.status in (CaseStatus.closed, CaseStatus.withdrawn):
        raise StepRefused("closed", gettext(CLOSED))
    return case


def add(
    *, session: Session, number: str, actor: Account | None, data: ComplainantIn
) -> Case | None:
    """Add a consenting co-complainant; the filer becomes the group's first member."""
    with session.begin():
        case = _load(session, number, actor)
        if case is None:
            return None
        members = get_all(session=session, case=case)
        if not members:
            filer = _filer(case)
            session.add(filer)
            members.append(filer)
        if len(members) >= MAX_COMPLAINANTS:
            raise StepInputError("too_many", TOO_MANY)
        # Phones were checked when typed; an old one that no longer reads compares as typed.
        phone = phone_or_none(data.phone) or data.phone
        if any((phone_or_none(m.phone) or m.phone) == phone for m in members):
            raise StepInputError("already", ALREADY)
        account_id = _linkable(session, data.email, members)
        session.add(
            Complainant(
                case_id=case.id,
                name=data.name,
                phone=data.phone,
                account_id=account_id,
                representative=False,
            )
        )
        session.flush()
        events.create(
            session=session,
            case=case,
            kind=EventKind.complainant_joined,
            actor=actors.of(actor),
            data={"count": len(members) + 1, "name": mask_name(data.name)},
        )
    return case


def _linkable(session: Session, email: str | None, members: list[Complainant]) -> int | None:
    """The account to link to a new complainant: a consumer whose email is verified and who is
    not in the group yet. Anything else adds the person unlinked, with the same answer, so the
    form tells nobody whether an account exists for an email (a link is made only here, when
    the person is added; adding them before they verify leaves them unlinked)."""
    if not email:
        return None
    found = accounts.get_by_email(session=session, email=email)
    if found is None or found.role != Role.consumer or found.email_verified_at is None:
        return None
    if any(m.account_id == found.id for m in members):
        return None
    return found.id


def leave(*, session: Session, number: str, actor: Account) -> Case | None:
    """A co-complainant leaves the joint complaint (their own participation only)."""
    with session.begin():
        case = service.get(session=session, number=number)
        if case is None:
            return None
        if case.consumer_account_id == actor.id:
            raise StepRefused("filer_stays", gettext(FILER_STAYS))
        member = session.execute(
            select(Complainant)
            .where(Complainant.case_id == case.id, Complainant.account_id == actor.id)
            .limit(1)
        ).scalar_one_or_none()
        if member is None:
            raise StepRefused("not_a_member", gettext(NOT_A_MEMBER))
        name = mask_name(member.name)
        session.delete(member)
        session.flush()
        events.create(
            session=session,
            case=case,
            kind=EventKind.complainant_left,
            # Every party reads the timeline: the leaver's email is nobody else's business.
            actor=Actor.consumer,
            data={"count": len(get_all(session=session, case=case)), "name": name},
        )
    return case


def choose_representatives(
    *, session: Session, number: str, actor: Account | None, ids: list[int]
) -> Case | None:
    """Mark at most two of the group as its representatives (an empty list: none)."""
    if len(set(ids)) > REPRESENTATIVES:
        raise StepInputError("at_most_two", AT_MOST_TWO)
    with session.begin():
        case = _load(session, number, actor)
        if case is None:
            return None
        members = get_all(session=session, case=case)
        if not set(ids) <= {m.id for m in members}:
            raise StepInputError("not_in_case", NOT_IN_CASE)
        for member in members:
            member.representative = member.id in ids
        session.flush()
        names = [mask_name(m.name) for m in members if m.representative]
        events.create(
            session=session,
            case=case,
            kind=EventKind.representatives_chosen,
            actor=actors.of(actor),
            data={"names": "、".join(names) or "-"},
        )
    return case
