"""The next step on a case page: what the viewer's party should do now, and why.

The choice is the declared table of cases.advice; here it meets the case: its situation, the
steps the ladder allows the viewer, the amount at stake and the running clocks counted in
working days (the official calendar, through the law engine; due dates are Beijing dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Any

from weiquan.cases.advice import (
    ADVICE,
    AT_DEADLINE,
    CLOCK_RULES,
    ELSEWHERE,
    FINISHED,
    NOTHING,
    OFFER_SOURCES,
    RARE,
    STAGE_OF,
    STAGES,
    TURN,
    WAITING_FOR,
)
from weiquan.cases.ladder import Action, Party, possible
from weiquan.cases.models import Case, CaseDeadline, CaseStatus, DeadlineKind, DeadlineStatus
from weiquan.common.i18n import N_, gettext
from weiquan.law import calendar

__all__ = ["STAGES", "Card", "best_amount", "card"]

S, A = CaseStatus, Action
C, M, PL, AG, MD = Party.consumer, Party.merchant, Party.platform, Party.agency, Party.mediator


@dataclass
class Clock:
    kind: str
    due_on: date
    working_days: int  # left (not overdue) or past (overdue)
    overdue: bool
    rule: str
    at_it: str


@dataclass
class Amount:
    label: str
    fen: int
    source: str


@dataclass
class Card:
    party: Party | None
    recommended: Action | None
    secondary: list[Action]
    more: list[Action]
    why: str
    waiting_for: str | None
    then: str | None
    amounts: list[Amount] = field(default_factory=list)
    clocks: list[Clock] = field(default_factory=list)
    stage: int = 0
    over: bool = False


def viewer_party(parties: Iterable[Party], status: str) -> Party | None:
    """The one party the card speaks to: an admin sees whoever's move it is."""
    found = set(parties)
    for party in (C, M, PL, AG, MD):
        if party in found:
            return party
    if Party.admin in found:
        return TURN.get(status)
    return None


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (0 when end <= start)."""
    count, day = 0, start
    for _ in range((end - start).days):
        day = date.fromordinal(day.toordinal() + 1)
        count += calendar.is_working_day(day)
    return count


def clocks(rows: Sequence[CaseDeadline], today: date) -> list[Clock]:
    """The case's running clocks (and those missed), the nearest first."""
    out = []
    for row in sorted(rows, key=lambda r: r.due_on):
        if row.status not in (DeadlineStatus.open, DeadlineStatus.missed):
            continue
        overdue = row.due_on < today
        out.append(
            Clock(
                kind=row.kind,
                due_on=row.due_on,
                working_days=working_days_between(row.due_on, today)
                if overdue
                else working_days_between(today, row.due_on),
                overdue=overdue,
                rule=gettext(CLOCK_RULES[row.kind]) if row.kind in CLOCK_RULES else "",
                at_it=gettext(AT_DEADLINE[row.kind]) if row.kind in AT_DEADLINE else "",
            )
        )
    return out


def situation(case: Case, party: Party | None, late: bool) -> str:
    """The status, refined where whose move it is depends on more than the status."""
    status = case.status
    events = list(case.events)
    if status == S.demand_sent and late:
        return "demand_sent:late"
    if status == S.merchant_answered:
        answers = [e for e in events if e.kind == "merchant_answered"]
        if answers and (answers[-1].data or {}).get("answer") == "refuse":
            return "merchant_answered:refuse"
    if status == S.accepted and (
        (party == C and case.consumer_consents_mediation)
        or (party == M and case.merchant_consents_mediation)
    ):
        return "accepted:agreed"
    if status == S.agreement and any(e.kind == "agreement_performed" for e in events):
        return "agreement:performed"
    if status == S.complaint_filed and party == AG and case.admissibility in ("refuse", "missing"):
        return f"complaint_filed:{case.admissibility}"
    return status


def stage(status: str) -> int:
    return STAGE_OF.get(status, 5)


def amounts(
    case: Case, offers: Sequence[Any], best: int | None, party: Party | None = None
) -> list[Amount]:
    """What is at stake: the sum demanded and the latest offer, else the law's best amount.

    offers are the thread's messages (their offer in fen, their time); the timeline adds the
    merchant's answer, the platform's and the mediation's amounts."""
    out: list[Amount] = []
    events = list(case.events)
    demands = [e for e in events if e.kind == "demand_sent" and (e.data or {}).get("amount_fen")]
    if demands:
        out.append(
            Amount(
                gettext(N_("Amount demanded")),
                demands[-1].data["amount_fen"],
                gettext(N_("your demand") if party == C else N_("the consumer's demand")),
            )
        )
    latest: tuple[Any, int, str] | None = None
    for e in events:
        data = e.data or {}
        fen = data.get("amount_fen")
        if e.kind == "merchant_answered" and data.get("answer") == "accept" and demands:
            fen = demands[-1].data["amount_fen"]
        if fen is None or e.kind not in OFFER_SOURCES:
            continue
        if latest is None or e.at >= latest[0]:
            latest = (e.at, fen, gettext(OFFER_SOURCES[e.kind]))
    for m in offers:
        if m.offer is not None and (latest is None or _aware(m.created_at) >= _aware(latest[0])):
            latest = (m.created_at, m.offer, gettext(N_("an offer in the messages")))
    if latest is not None:
        out.append(Amount(gettext(N_("Latest offer")), latest[1], latest[2]))
    if not out and best:
        out.append(
            Amount(
                gettext(N_("The most the law engine says can be claimed")),
                best,
                gettext(N_("the latest legal assessment")),
            )
        )
    return out


def _aware(value: Any) -> Any:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def best_amount(result: dict[str, Any] | None) -> int | None:
    """The law engine's best total in fen: the refund plus the recommended punitive damages
    (CRPL Art. 55 adds them to the refund), plus any compensation of losses."""
    if not result:
        return None
    total = 0
    for remedy in result.get("remedies", []):
        if remedy.get("status") == "unavailable" or not remedy.get("amount"):
            continue
        kind = remedy.get("kind")
        counted = kind in ("refund", "loss_compensation")
        if counted or (kind == "punitive" and remedy.get("recommended")):
            yuan, _, cents = str(remedy["amount"]).partition(".")
            total += int(yuan) * 100 + int((cents + "00")[:2])
    return total or None


def card(
    *,
    case: Case,
    parties: frozenset[Party],
    deadlines: Sequence[CaseDeadline],
    today: date,
    offers: Sequence[Any] = (),
    best: int | None = None,
) -> Card:
    """The next-step card of case for a viewer with these parties."""
    steps = [s for s in possible(case.status, parties) if s not in ELSEWHERE]
    party = viewer_party(parties, case.status)
    running = clocks(deadlines, today)
    late = any(c.kind == DeadlineKind.merchant_answer and c.overdue for c in running)
    advice = ADVICE.get((situation(case, party, late), party)) if party else None
    if advice is None and party is not None:
        advice = ADVICE.get((case.status, party))
    usable = [s for s in (advice.steps if advice else ()) if s in steps and _fits(case, s)]
    recommended = usable[0] if usable else None
    others = [s for s in steps if s != recommended]
    turn = TURN.get(case.status)
    over = case.status in (S.closed, S.withdrawn)
    waiting = None
    if recommended is None and not over and turn is not None and turn != party:
        waiting = gettext(WAITING_FOR[turn])
    why = gettext(advice.why) if advice else gettext(FINISHED if over else NOTHING)
    then = gettext(advice.then) if advice and advice.then else None
    return Card(
        party=party,
        recommended=recommended,
        secondary=[s for s in others if s not in RARE],
        more=[s for s in others if s in RARE],
        why=why,
        waiting_for=waiting,
        then=then,
        amounts=amounts(case, offers, best, party),
        clocks=running,
        stage=stage(case.status),
        over=over,
    )


def _fits(case: Case, action: Action) -> bool:
    """A step the ladder allows that this case can still not take (a platform without one)."""
    return action != A.request_platform or bool(case.merchant_platform)
