"""The negotiation as cards: each demand, answer, counter-offer and proposal with its amount,
read from the case's timeline, and which one is on the table now.

The timeline is the record (every card is an event the one write path wrote), so the cards
cannot disagree with it. What is on the table decides what a step may settle on: the
consumer accepts only the merchant's current offer, the merchant answers only the consumer's
current demand (apply.py checks the card a form names against `on_table`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.cases import clocks
from weiquan.cases.models import Case, CaseDeadline, CaseStatus, DeadlineKind, DeadlineStatus
from weiquan.common.dates import format_local, local_today
from weiquan.events.models import CaseEvent, EventKind
from weiquan.law.calendar import is_working_day

E = EventKind

# While the case is in one of these the parties are still negotiating between themselves.
TALKING = frozenset(
    {CaseStatus.demand_sent, CaseStatus.merchant_answered, CaseStatus.consumer_rejected}
)


@dataclass(frozen=True)
class Card:
    """One move of the negotiation as the thread shows it."""

    seq: int  # the timeline event's number in the case: what a card's form names
    kind: str  # demand | answer | counter | offer | rejected | accepted | platform |
    # agreement | performed | received
    by: str  # consumer | merchant | platform | mediator
    at: datetime
    amount_fen: int | None = None
    answer: str | None = None  # a merchant's answer: accept | offer | refuse
    note: str | None = None
    received_on: str | None = None
    current: bool = False  # on the table now: the other side may act on it
    at_local: str = ""  # at, in Beijing time


def cards(events: Iterable[CaseEvent], status: str) -> list[Card]:
    """The money moves of a case, oldest first; the one on the table marked current."""
    found: list[Card] = []
    for e in events:
        card = _card(e)
        if card is not None:
            found.append(card)
    table = _table(found, status)
    if table is None:
        return found
    return [replace(c, current=True) if c.seq == table.seq else c for c in found]


def on_table(events: Iterable[CaseEvent], status: str) -> Card | None:
    """The proposal the other side may act on now, if any."""
    return _table([c for e in events if (c := _card(e)) is not None], status)


def agreed(found: Sequence[Card]) -> Card | None:
    """The card the consumer accepted (the last), if any."""
    return next((c for c in reversed(found) if c.kind == "accepted"), None)


def _table(found: Sequence[Card], status: str) -> Card | None:
    """Whose turn it is follows the status: after the merchant answered, its latest answer or
    offer is on the table; before (or after a rejection), the consumer's latest demand or
    counter-offer. An offer the other side put in a message meanwhile stays a message."""
    if status == CaseStatus.merchant_answered:
        side, kinds = "merchant", ("answer", "offer")
    elif status in TALKING:
        side, kinds = "consumer", ("demand", "counter")
    else:
        return None
    moves = [c for c in found if c.by == side and c.kind in kinds]
    return moves[-1] if moves else None


def _card(e: CaseEvent) -> Card | None:
    data = e.data or {}
    amount = data.get("amount_fen") if isinstance(data.get("amount_fen"), int) else None
    note = data.get("note") if isinstance(data.get("note"), str) else None

    def card(kind: str, by: str, answer: str | None = None, on: str | None = None) -> Card:
        return Card(e.seq, kind, by, e.at, amount, answer, note, on, at_local=format_local(e.at))

    match e.kind:
        case E.demand_sent:
            return card("demand", "consumer")
        case E.merchant_answered:
            return card("answer", "merchant", answer=data.get("answer"))
        case E.consumer_rejected:
            return card("counter" if amount is not None else "rejected", "consumer")
        case E.offer_made:
            by = "merchant" if data.get("by") == "merchant" else "consumer"
            return card("offer" if by == "merchant" else "counter", by)
        case E.consumer_accepted:
            return card("accepted", "consumer")
        case E.platform_intervention_resolved:
            return card("platform", "platform")
        case E.agreement_recorded:
            return card("agreement", "mediator")
        case E.agreement_performed:
            return card("performed", "mediator")
        case E.money_received:
            return card("received", "consumer", on=data.get("on"))
    return None


def working_days_left(today: date, due: date) -> int:
    """Working days from tomorrow up to and including due (0 on the day itself or after)."""
    left, day = 0, today
    while day < due:
        day = date.fromordinal(day.toordinal() + 1)
        left += is_working_day(day)
    return left


def case_panel(session: Session, case: Case, group_member: bool) -> dict[str, Any]:
    """The negotiation's part of the case page (app.state.case_panels): the cards, the one on
    the table, and the working days the merchant has left to answer it."""
    found = cards(case.events, case.status)
    answer_due = [d for d in clocks.open_of(session, case, DeadlineKind.merchant_answer)]
    today = local_today()
    return {
        "offer_cards": found,
        "offer_on_table": next((c for c in found if c.current), None),
        "agreed_card": agreed(found),
        "answer_due": answer_due[0].due_on if answer_due else None,
        "answer_days_left": working_days_left(today, answer_due[0].due_on) if answer_due else None,
        "today": today,
    }


@dataclass(frozen=True)
class InboxLine:
    """What a merchant's inbox says of one case: the sum asked and the days left to answer."""

    demanded_fen: int | None
    days_left: int | None


def inbox_lines(session: Session, numbers: Sequence[str]) -> dict[str, InboxLine]:
    """For each case number: the consumer's latest demand or counter-offer and the working
    days left on the merchant's clock (two queries, whatever the length of the list)."""
    if not numbers:
        return {}
    rows = session.execute(
        select(Case.number, Case.id, CaseEvent)
        .join(CaseEvent, CaseEvent.case_id == Case.id)
        .where(Case.number.in_(numbers), CaseEvent.kind.in_(_CONSUMER_MOVES))
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    ).all()
    asked: dict[str, int | None] = {}
    for number, _, event in rows:
        card = _card(event)
        if card is not None and card.kind in ("demand", "counter"):
            asked[number] = card.amount_fen if card.amount_fen is not None else asked.get(number)
    due = dict(
        session.execute(
            select(Case.number, CaseDeadline.due_on)
            .join(CaseDeadline, CaseDeadline.case_id == Case.id)
            .where(
                Case.number.in_(numbers),
                CaseDeadline.kind == DeadlineKind.merchant_answer,
                CaseDeadline.status == DeadlineStatus.open,
            )
        ).all()
    )
    today = local_today()
    return {
        n: InboxLine(asked.get(n), working_days_left(today, due[n]) if n in due else None)
        for n in numbers
    }


_CONSUMER_MOVES = (E.demand_sent, E.consumer_rejected, E.offer_made)
