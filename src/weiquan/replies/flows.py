"""Reply-link flows: reach a case through its link, record the seller's first use, answer,
revoke and renew. Each owns its transaction; answers go through the ladder's one write path
(filing.flows.take_step) as the link's unverified responder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account
from weiquan.cases import service as cases
from weiquan.cases.ladder import TERMINAL, Action, Responder
from weiquan.cases.models import Case, CaseStatus
from weiquan.common.i18n import N_
from weiquan.db import utcnow
from weiquan.events import actors
from weiquan.events import service as events
from weiquan.events.models import CaseEvent, EventKind
from weiquan.filing import flows as filing
from weiquan.replies import service

BAD = N_(
    "This reply link does not work: it may be mistyped or cut off. Ask the buyer to send it again."
)
REVOKED = N_("The buyer has withdrawn this reply link. Ask the buyer for the new one.")
CLOSED = N_("This case is over, so its reply link no longer works.")
EXPIRED = N_("This reply link has expired. Ask the buyer for a new one.")


class LinkRefused(Exception):
    """The link leads nowhere now; message says why, in words the seller understands."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Reached:
    """A case reached through a live link."""

    case_id: int
    number: str
    generation: int

    @property
    def responder(self) -> Responder:
        return Responder(actors.via_link(self.generation))


def reach(
    *, session: Session, secret: str, token: str, days: int, now: datetime | None = None
) -> tuple[Reached, Case]:
    """The case a token opens, read in a transaction that ends here; LinkRefused if none.
    A link works `days` after the demand was made (settings.reply_link_days)."""
    found = service.read_token(secret=secret, token=token)
    if found is None:
        raise LinkRefused("bad", BAD)
    case_id, generation = found
    with session.begin():
        case = session.get(Case, case_id)
        if case is None or case.status == CaseStatus.draft:
            raise LinkRefused("bad", BAD)
        live = service.live(session=session, case_id=case_id)
        if generation != live.generation or live.revoked:
            raise LinkRefused("revoked", REVOKED)
        if case.status in TERMINAL:
            raise LinkRefused("closed", CLOSED)
        made = session.execute(
            select(func.min(CaseEvent.at)).where(
                CaseEvent.case_id == case_id, CaseEvent.kind == EventKind.demand_sent
            )
        ).scalar_one_or_none()
        if made is None:
            raise LinkRefused("bad", BAD)
        if (now or utcnow()) > made + timedelta(days=days):
            raise LinkRefused("expired", EXPIRED)
        session.expunge(case)  # read for the page, detached from what follows
    return Reached(case_id, case.number, generation), case


def acted(*, session: Session, reached: Reached) -> None:
    """The seller acted on the page (a POST): the first time, the timeline says the link was
    used. Never on a GET: chat apps fetch a link to preview it."""
    with session.begin():
        row = service.get_or_create(
            session=session, case_id=reached.case_id, generation=reached.generation
        )
        if row.opened_at is not None:
            return
        case = cases.get(session=session, number=reached.number, for_update=True)
        assert case is not None
        row.opened_at = utcnow()
        events.create(
            session=session,
            case=case,
            kind=EventKind.reply_link_opened,
            actor=reached.responder.actor,
            data={"generation": reached.generation},
        )
        filing.changed(session, [case.id])


def answer(*, session: Session, reached: Reached, data: dict[str, Any]) -> Case | None:
    """The seller's answer (accept, offer, refuse), through the ladder's one write path."""
    return filing.take_step(
        session=session,
        number=reached.number,
        action=Action.merchant_answer,
        actor=reached.responder,
        data=data,
    )


def revoke(*, session: Session, case: Case, account: Account) -> bool:
    """The consumer revokes the live link; False when it was already revoked."""
    with session.begin():
        row = service.revoke(session=session, case_id=case.id, by=actors.of(account))
        if row is None:
            return False
        locked = cases.get(session=session, number=case.number, for_update=True)
        assert locked is not None
        events.create(
            session=session,
            case=locked,
            kind=EventKind.reply_link_revoked,
            actor=actors.of(account),
            data={"generation": row.generation},
        )
        filing.changed(session, [locked.id])
    return True


def renew(*, session: Session, case: Case) -> int:
    """A new link after a revoked one; its generation."""
    with session.begin():
        return service.renew(session=session, case_id=case.id).generation
