"""One case's life at an agency, as the ladder's steps write it: events, clocks and columns
(bench/workbench_data.py makes the cases; this takes them on from their negotiation)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol

from weiquan.cases import timeline
from weiquan.cases.models import CaseStatus
from weiquan.common.dates import local
from weiquan.law.calendar import add_working_days

REFUSAL_REASONS = [
    "投诉人未能提供购买凭证等基本事实材料。",
    "该纠纷已由人民法院受理。",
    "超出本机构管辖范围，已告知向有管辖权的部门投诉。",
    "投诉事项不属于消费者权益争议。",
]
ACTOR = "generator"


@lru_cache(maxsize=8192)
def working_days(start: date, n: int) -> date:
    return add_working_days(start, n)


class Maker(Protocol):
    """What a life needs of the generator."""

    now: datetime
    rng: random.Random
    clerks: dict[int, list[int]]

    def take(self, table: str) -> int: ...
    def add(self, table: str, row: dict[str, Any]) -> None: ...


class Life:
    """One case's agency steps: its events and clocks as the ladder writes them."""

    def __init__(self, g: Maker, row: dict[str, Any], events: list[dict[str, Any]]) -> None:
        self.g, self.row, self.events, self.rng = g, row, events, g.rng
        self.clocks: list[Clock] = []

    def event(self, kind: str, at: datetime, data: dict[str, Any]) -> bool:
        """Record the step's event, if its time has come (False: the case waits there)."""
        if at >= self.g.now:
            return False
        self.settle(at)
        self.events.append(
            {
                "id": self.g.take("case_events"),
                "case_id": self.row["id"],
                "seq": len(self.events) + 1,
                "at": at,
                "kind": kind,
                "actor": ACTOR,
                "data": data,
            }
        )
        self.row["updated_at"] = at
        return True

    def clock(self, kind: str, start: date, due: date) -> Clock:
        found = Clock(kind, start, due)
        self.clocks.append(found)
        return found

    def settle(self, at: datetime) -> None:
        """The sweep's work up to `at`: a clock whose day is over is missed, and says so."""
        day = local(at).date()
        for c in self.clocks:
            if c.status == "open" and c.due < day:
                c.status = "missed"
                missed_at = datetime.combine(
                    c.due + timedelta(days=1), datetime.min.time(), UTC
                ) - timedelta(hours=7)
                self.events.append(
                    {
                        "id": self.g.take("case_events"),
                        "case_id": self.row["id"],
                        "seq": len(self.events) + 1,
                        "at": missed_at,
                        "kind": "deadline_missed",
                        "actor": "system",
                        "data": {"deadline": c.kind, "due": c.due.isoformat()},
                    }
                )

    def close(self, kind: str, status: str = "met") -> None:
        for c in self.clocks:
            if c.status == "open" and (kind == "*" or c.kind == kind):
                c.status = status

    def complaint(self, lodged: datetime, first: Clock, admissibility: str) -> None:
        rng, row = self.rng, self.row
        late = rng.random() < 0.15
        decided = lodged + timedelta(
            days=rng.randint(10, 20) if late else rng.randint(1, 9), hours=rng.randint(0, 8)
        )
        refuse = rng.random() < {"ok": 0.1, "missing": 0.45, "refuse": 0.85}[admissibility]
        if refuse:
            reasons = [rng.choice(REFUSAL_REASONS)]
            data = {"reasons": reasons, "engine_reasons": [], "edited": True}
            if not self.event("complaint_refused", decided, data):
                return
            self.close("agency_decision")
            row["status"] = CaseStatus.refused
            if rng.random() < 0.5:
                self.closed(decided + timedelta(days=rng.randint(1, 40)), "nothing_recovered", 0)
            return
        day = local(decided).date()
        mediation = Clock("mediation_end", day, working_days(day, 45))
        if not self.event(
            "complaint_accepted", decided, {"mediation_due": mediation.due.isoformat()}
        ):
            return
        self.close("agency_decision")
        self.clocks.append(mediation)
        row["status"] = CaseStatus.accepted
        row["assigned_account_id"] = row.get("assigned_account_id") or rng.choice(
            self.g.clerks[row["agency_id"]]
        )
        started = decided + timedelta(days=rng.randint(1, 6))
        if rng.random() < 0.15:
            self.ended(started, "party_refused")
            return
        consents = {"consumer_consents": True, "merchant_consents": True}
        if not self.event("mediation_started", started, consents):
            return
        row |= {
            "status": CaseStatus.mediation,
            "consumer_consents_mediation": True,
            "merchant_consents_mediation": True,
        }
        outcome_at = started + timedelta(days=rng.randint(5, 75))
        if rng.random() < 0.6:
            self.agreement(outcome_at)
        else:
            self.ended(outcome_at, rng.choice(("party_refused", "no_agreement", "expired")))

    def agreement(self, at: datetime) -> None:
        rng, row = self.rng, self.row
        paid = row["price_paid_fen"]
        amount = paid if rng.random() < 0.5 else paid * rng.randint(50, 95) // 100
        perform_by = local(at).date() + timedelta(days=rng.randint(7, 20))
        data = {"amount_fen": amount, "terms": "商家退款", "perform_by": perform_by.isoformat()}
        if not self.event("agreement_recorded", at, data):
            return
        self.close("mediation_end")
        self.clocks.append(Clock("agreement_performance", local(at).date(), perform_by))
        row |= {"status": CaseStatus.agreement, "amount_agreed_fen": amount}
        performed = at + timedelta(days=rng.randint(2, 25))
        if rng.random() < 0.9 and self.event(
            "agreement_performed", performed, {"amount_fen": amount}
        ):
            self.close("agreement_performance")
            got = amount if rng.random() < 0.9 else amount * 8 // 10
            on = local(performed).date()
            self.event("money_received", performed, {"amount_fen": got, "on": on.isoformat()})
            row |= {"amount_received_fen": got, "received_on": on}
            if rng.random() < 0.85:
                outcome = "refunded" if got >= paid else "partly_refunded"
                self.closed(performed + timedelta(days=rng.randint(0, 10)), outcome, got)

    def ended(self, at: datetime, reason: str) -> None:
        rng = self.rng
        if not self.event("mediation_ended", at, {"reason": reason}):
            return
        self.close("mediation_end")
        self.row["status"] = CaseStatus.mediation_ended
        then = at + timedelta(days=rng.randint(3, 40))
        if rng.random() < 0.2:
            to = rng.choice(("lawsuit", "arbitration"))
            if self.event("referred", then, {"to": to}):
                self.close("*", "cancelled")
                self.row |= {"status": CaseStatus.referred, "referred_to": to}
        elif rng.random() < 0.6:
            self.closed(then, "nothing_recovered", 0)

    def report(self, lodged: datetime, first: Clock) -> None:
        verified = lodged + timedelta(days=self.rng.randint(5, 40))
        if verified < self.g.now:
            self.close("report_verification")
            if self.rng.random() < 0.7:
                self.closed(
                    verified + timedelta(days=self.rng.randint(1, 20)), "nothing_recovered", 0
                )

    def closed(self, at: datetime, outcome: str, recovered: int) -> None:
        rating, consent = self.rng.randint(1, 5), self.rng.random() < 0.4
        data = timeline.case_closed(
            outcome=outcome, amount_recovered_fen=recovered, rating=rating, publish_consent=consent
        )
        if self.event("case_closed", at, data):
            self.close("*", "cancelled")
            self.row |= {
                "status": CaseStatus.closed,
                "closed_at": at,
                "outcome": outcome,
                "amount_recovered_fen": recovered,
                "rating": rating,
                "publish_consent": consent,
            }

    def end_by_withdrawal(self, at: datetime) -> None:
        if self.event("withdrawn", at, {}):
            self.close("*", "cancelled")
            self.row |= {"status": CaseStatus.withdrawn, "closed_at": at, "outcome": "withdrawn"}

    def finish(self) -> None:
        """Up to now: the sweep's missed clocks, then the clocks as rows."""
        self.settle(self.g.now)
        for c in self.clocks:
            self.g.add(
                "case_deadlines",
                {
                    "case_id": self.row["id"],
                    "kind": c.kind,
                    "starts_on": c.start,
                    "due_on": c.due,
                    "status": c.status,
                    "rule": c.kind,
                    "reminded_at": None,
                    "closed_at": None,
                },
            )


class Clock:
    __slots__ = ("due", "kind", "start", "status")

    def __init__(self, kind: str, start: date, due: date | str) -> None:
        self.kind, self.start, self.status = kind, start, "open"
        self.due = due if isinstance(due, date) else date.fromisoformat(due)
