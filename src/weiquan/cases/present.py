"""ORM cases turned into their public shapes, with labels in the current language."""

from __future__ import annotations

from sqlalchemy.orm import Session

from weiquan.cases.models import Case, CaseStatus
from weiquan.cases.schemas import (
    CasePublic,
    CaseSummary,
    ConsumerPublic,
    EventPublic,
    MerchantPublic,
    OrderPublic,
)
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, gettext
from weiquan.common.privacy import mask_name, mask_phone
from weiquan.events import actors
from weiquan.events.messages import describe

STATUS_LABELS: dict[str, str] = {
    CaseStatus.draft: N_("Recorded, not yet sent"),
    CaseStatus.demand_sent: N_("Demand sent to the merchant"),
    CaseStatus.merchant_answered: N_("Merchant answered"),
    CaseStatus.settled: N_("Settled with the merchant"),
    CaseStatus.consumer_rejected: N_("Merchant's answer rejected"),
    CaseStatus.platform_intervention: N_("Platform asked to intervene"),
    CaseStatus.platform_failed: N_("Platform did not resolve it"),
    CaseStatus.complaint_filed: N_("Complaint filed with an agency"),
    CaseStatus.report_filed: N_("Violation reported"),
    CaseStatus.accepted: N_("Accepted by the agency"),
    CaseStatus.refused: N_("Refused by the agency"),
    CaseStatus.mediation: N_("In mediation"),
    CaseStatus.agreement: N_("Mediation agreement"),
    CaseStatus.mediation_ended: N_("Mediation ended without agreement"),
    CaseStatus.referred: N_("Referred to arbitration or court"),
    CaseStatus.closed: N_("Closed"),
    CaseStatus.withdrawn: N_("Withdrawn"),
}


def status_label(status: str) -> str:
    text = STATUS_LABELS.get(status)
    return gettext(text) if text else status


def merchant_display(case: Case) -> str:
    """The best single name for the merchant: shop, name, live room, WeChat ID or phone."""
    return (
        case.merchant_shop
        or case.merchant_name
        or case.merchant_live_room
        or case.merchant_wechat_id
        or case.merchant_phone
        or ""
    )


def to_public(case: Case, *, session: Session | None = None) -> CasePublic:
    """The case as its parties see it. With a session, the timeline names the accounts that
    acted (one query); without, it shows their roles: never an email either way."""
    known = actors.resolve(session, (e.actor for e in case.events)) if session else {}
    return CasePublic(
        number=case.number,
        external_ref=case.external_ref,
        status=case.status,
        status_label=status_label(case.status),
        created_at=case.created_at,
        created_at_local=format_local(case.created_at),
        consumer=ConsumerPublic(
            name=case.consumer_name,
            phone=case.consumer_phone,
            email=case.consumer_email,
            address=case.consumer_address,
        ),
        merchant=MerchantPublic(
            name=case.merchant_name,
            wechat_id=case.merchant_wechat_id,
            phone=case.merchant_phone,
            shop=case.merchant_shop,
            platform=case.merchant_platform,
            live_room=case.merchant_live_room,
        ),
        order=OrderPublic(
            goods=case.goods,
            category=case.category,
            brand=case.brand,
            price_paid=case.price_paid_fen,
            quantity=case.quantity,
            order_date=case.order_date,
            received_date=case.received_date,
            channel=case.channel,
            payment_method=case.payment_method,
        ),
        problems=list(case.problems or []),
        narrative=case.narrative,
        timeline=[
            EventPublic(
                seq=e.seq,
                at=e.at,
                at_local=format_local(e.at),
                kind=e.kind,
                actor=who.name,
                actor_role=who.role,
                message=describe(e, case.number),
                data=e.data,
            )
            for e in case.events
            for who in [actors.shown(e.actor, known)]
        ],
        amount_agreed=case.amount_agreed_fen,
        amount_received=case.amount_received_fen,
        received_on=case.received_on,
    )


def for_group(public: CasePublic) -> CasePublic:
    """The case as a fellow complainant of a joint complaint reads it: the dispute in full,
    the filer as surname and last digits, no address, email or order reference, and the
    timeline's actors masked (PIPL Art. 6: no more than the purpose needs)."""
    consumer = public.consumer
    return public.model_copy(
        update={
            "external_ref": None,
            "consumer": ConsumerPublic(
                name=mask_name(consumer.name),
                phone=mask_phone(consumer.phone),
                email=None,
                address=None,
            ),
            "timeline": [
                e.model_copy(update={"actor": mask_name(e.actor)}) for e in public.timeline
            ],
        }
    )


def to_summary(case: Case) -> CaseSummary:
    return CaseSummary(
        number=case.number,
        status=case.status,
        status_label=status_label(case.status),
        created_at=case.created_at,
        created_at_local=format_local(case.created_at),
        # Lists are seen by more people than the case itself: the surname is enough there.
        consumer_name=mask_name(case.consumer_name),
        merchant=merchant_display(case),
        goods=case.goods,
        category=case.category,
        channel=case.channel,
        platform=case.merchant_platform,
        price_paid=case.price_paid_fen,
        order_date=case.order_date,
    )
