"""The delivery card of the case page (app.state.case_panels): the kit until the demand reached
the seller, then how and when it did, the link's state and an answer through it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.cases.ladder import TERMINAL
from weiquan.cases.models import Case, CaseStatus
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, gettext
from weiquan.common.money import format_yuan
from weiquan.events.messages import ANSWERS, CHANNELS
from weiquan.events.models import CaseEvent, EventKind
from weiquan.replies import kit, service

CONSUMER_ONLY = N_("Only the consumer who filed the case sends its demand.")
NO_DEMAND = N_("Send the demand first: the kit is made from it.")


@dataclass(frozen=True)
class Delivered:
    channel: str
    sent_at: str  # Beijing time
    tracking: str | None
    due: str | None


@dataclass(frozen=True)
class LinkAnswer:
    answer: str
    amount: str | None
    note: str | None
    at: str


@dataclass
class DeliveryCard:
    """What the consumer's delivery card shows (the template shows it to the consumer only)."""

    number: str
    case_id: int
    demand: kit.Demand
    generation: int
    revoked: bool
    used: bool
    secret: str = field(repr=False)
    public_url: str
    deliveries: list[Delivered]
    answer: LinkAnswer | None
    # The answer's due date when the demand reached a merchant on weiquan (its inbox) at once.
    in_inbox: str | None = None

    def link(self, base: str) -> str:
        """The reply link, absolute: the configured public address, else the one asked."""
        root = (self.public_url or base).rstrip("/")
        token = service.token(secret=self.secret, case_id=self.case_id, generation=self.generation)
        return f"{root}/r/{token}"

    def text(self, base: str) -> str:
        return kit.text(self.demand, self.link(base))

    @property
    def delivered(self) -> bool:
        return bool(self.deliveries)


def link_answer(event: CaseEvent) -> LinkAnswer:
    """An answer given through the reply link, as the card and the seller's page show it."""
    data: dict[str, Any] = event.data or {}
    amount = data.get("amount_fen")
    code = data.get("answer", "")
    return LinkAnswer(
        answer=gettext(ANSWERS[code]) if code in ANSWERS else code,
        amount=format_yuan(amount) if isinstance(amount, int) else None,
        note=data.get("note"),
        at=format_local(event.at),
    )


def latest_link_answer(session: Session, case_id: int) -> LinkAnswer | None:
    """The newest answer given through the case's reply link, if any."""
    event = session.execute(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case_id,
            CaseEvent.kind == EventKind.merchant_answered,
            CaseEvent.actor.startswith("reply_link:"),
        )
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    return link_answer(event) if event is not None else None


def _local(iso: str) -> str:
    return format_local(datetime.fromisoformat(iso))


def card(session: Session, case: Case, secret: str, public_url: str) -> DeliveryCard | None:
    """The card of case, or None (no demand yet, or the case is over)."""
    if case.status == CaseStatus.draft or case.status in TERMINAL:
        return None
    demand = kit.demand_of(session, case)
    if demand is None:
        return None
    state = service.live(session=session, case_id=case.id)
    rows = session.execute(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.kind.in_(
                (EventKind.demand_sent, EventKind.demand_delivered, EventKind.merchant_answered)
            ),
        )
        .order_by(CaseEvent.seq)
    ).scalars()
    deliveries: list[Delivered] = []
    answer: LinkAnswer | None = None
    in_inbox: str | None = None
    for event in rows:
        data: dict[str, Any] = event.data or {}
        if event.kind == EventKind.demand_sent:
            in_inbox = data.get("due")
        elif event.kind == EventKind.demand_delivered:
            channel = data.get("channel", "")
            deliveries.append(
                Delivered(
                    channel=gettext(CHANNELS[channel]) if channel in CHANNELS else channel,
                    sent_at=_local(data["sent_at"]) if data.get("sent_at") else "",
                    tracking=data.get("tracking"),
                    due=data.get("due"),
                )
            )
        elif event.actor.startswith("reply_link:"):
            answer = link_answer(event)
    return DeliveryCard(
        number=case.number,
        case_id=case.id,
        demand=demand,
        generation=state.generation,
        revoked=state.revoked,
        used=state.opened,
        secret=secret,
        public_url=public_url,
        deliveries=deliveries,
        answer=answer,
        in_inbox=in_inbox,
    )


def case_panel(secret: str, public_url: str) -> Callable[[Session, Case, bool], dict[str, Any]]:
    """The panel app.state.case_panels holds: the card (none for a fellow complainant)."""

    def panel(session: Session, case: Case, group_member: bool) -> dict[str, Any]:
        return {"delivery": None if group_member else card(session, case, secret, public_url)}

    return panel
