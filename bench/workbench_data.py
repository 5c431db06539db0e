"""A year's worth (two, in fact) of an agency workbench: a million complaints with agencies.

The merchants' generator (weiquan.merchants.synthetic) makes the people, the merchants behind
several identities, the complaints' narratives and each case's negotiation; here the cases go on
to about thirty agencies (market regulators of cities and districts, consumer associations of
provinces and cities), as the ladder's steps would take them: filed, accepted or refused within
the seven working days (or late), mediated within forty-five, agreed and performed, ended,
referred, closed, withdrawn; each step its event with the data the step writes, each clock a
case_deadlines row kept, met, missed (as the clocks' sweep leaves it: a past due day is missed)
or cancelled. Each complaint gets a clerk of its agency, the engine's admissibility, the amounts
agreed and recovered, and its narrative in the search index; about 1% of narratives name
TERM, the search the benchmark times. Queue keys are set by cases.queuekeys, as the flows do.

The cases are loaded into SQLite in large transactions (executemany); PostgreSQL gets a copy of
that file's rows through COPY (to_postgres), so the two databases hold the same cases and the
words are cut once.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, Table, insert, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from weiquan import db, models
from weiquan.accounts.models import Account, Agency
from weiquan.cases import queuekeys, timeline
from weiquan.cases.models import Case, CaseCounter, CaseDeadline, CaseIdentifier, CaseStatus
from weiquan.common import bulk
from weiquan.common import identifiers as case_identifiers
from weiquan.common.dates import local, local_today
from weiquan.events.models import CaseEvent
from weiquan.law.calendar import add_working_days
from weiquan.merchants import facts, profile, textgen
from weiquan.merchants import identifiers as ids
from weiquan.merchants.models import (
    AgencyRecord,
    Merchant,
    MerchantCase,
    MerchantIdentifier,
    MerchantLink,
)
from weiquan.merchants.synthetic import Generator
from weiquan.search import service as search
from weiquan.search import words

VERSION = 1  # of what this module generates: a new version makes the cached file anew
TERM = "发票"  # planted in ~1% of narratives (textgen never writes it)
TERM_SENTENCE = "另外商家一直拒绝开具发票。"
MA, CA = "market_regulator", "consumer_association"
# (name, kind, regions): a national association, provincial and city associations, city and
# district market regulators, where online sellers are.
AGENCIES: list[tuple[str, str, list[str]]] = [
    ("中国消费者协会", CA, []),
    ("浙江省消费者权益保护委员会", CA, ["33"]),
    ("广东省消费者委员会", CA, ["44"]),
    ("江苏省消费者权益保护委员会", CA, ["32"]),
    ("上海市消费者权益保护委员会", CA, ["3101"]),
    ("北京市消费者协会", CA, ["1101"]),
    ("深圳市消费者委员会", CA, ["4403"]),
    ("杭州市消费者权益保护委员会", CA, ["3301"]),
    ("四川省保护消费者权益委员会", CA, ["51"]),
    ("上海市市场监督管理局", MA, ["3101"]),
    ("杭州市市场监督管理局", MA, ["3301"]),
    ("广州市市场监督管理局", MA, ["4401"]),
    ("深圳市市场监督管理局", MA, ["4403"]),
    ("北京市市场监督管理局", MA, ["1101"]),
    ("苏州市市场监督管理局", MA, ["3205"]),
    ("成都市市场监督管理局", MA, ["5101"]),
    ("金华市市场监督管理局", MA, ["3307"]),
    ("上海市浦东新区市场监督管理局", MA, ["310115"]),
    ("上海市长宁区市场监督管理局", MA, ["310105"]),
    ("杭州市余杭区市场监督管理局", MA, ["330110"]),
    ("杭州市滨江区市场监督管理局", MA, ["330108"]),
    ("杭州市西湖区市场监督管理局", MA, ["330106"]),
    ("广州市天河区市场监督管理局", MA, ["440106"]),
    ("广州市白云区市场监督管理局", MA, ["440111"]),
    ("深圳市南山区市场监督管理局", MA, ["440305"]),
    ("深圳市龙岗区市场监督管理局", MA, ["440307"]),
    ("北京市朝阳区市场监督管理局", MA, ["110105"]),
    ("北京市海淀区市场监督管理局", MA, ["110108"]),
    ("义乌市市场监督管理局", MA, ["330782"]),
    ("苏州市吴中区市场监督管理局", MA, ["320506"]),
    ("成都市武侯区市场监督管理局", MA, ["510107"]),
]
# Merchants' county-level regions, weighted where online sellers are many.
REGIONS: dict[str, int] = {
    "310115": 8, "310105": 4, "310104": 3, "310112": 3, "330110": 9, "330108": 6,
    "330106": 5, "330102": 3, "330782": 7, "330702": 2, "440106": 7, "440111": 6,
    "440104": 3, "440305": 6, "440307": 5, "440304": 4, "110105": 5, "110108": 4,
    "110102": 2, "320506": 3, "320508": 3, "320106": 2, "510107": 3, "510104": 2,
    "510116": 1, "440604": 2, "441900": 3,
}  # fmt: skip
REFUSAL_REASONS = [
    "投诉人未能提供购买凭证等基本事实材料。",
    "该纠纷已由人民法院受理。",
    "超出本机构管辖范围，已告知向有管辖权的部门投诉。",
    "投诉事项不属于消费者权益争议。",
]
ACTOR = "generator"


# Runs of words recur across a million made-up narratives (the same sentences with other
# goods): cut once each. The words are those search.words gives without the cache.
_cut = lru_cache(maxsize=1_000_000)(words.cut_run)


@lru_cache(maxsize=8192)
def working_days(start: date, n: int) -> date:
    return add_working_days(start, n)


def _covers(regions: list[str], region: str) -> bool:
    return any(region.startswith(r) for r in regions)


class Workbench(Generator):
    """The merchants' generator, with agencies, clerks, clocks and the search index."""

    def __init__(self, engine: Engine, seed: int) -> None:
        super().__init__(engine, seed)
        self.now = datetime.now(UTC)
        self.today = local_today()
        self.regions_of: dict[int, str] = {}  # persona index -> its region
        self.agencies: list[tuple[int, str, str, list[str]]] = []  # id, name, kind, regions
        self.clerks: dict[int, list[int]] = {}  # agency id -> its clerks' account ids
        self.choices: dict[str, tuple[list[int], list[float]]] = {}  # region -> agencies
        self.planted = 0

    def staff(self) -> None:
        """The agencies and their clerks (and an admin), written at once."""
        rng, now = self.rng, self.now
        agencies, accounts = [], []
        with self.engine.begin() as conn:
            first = bulk.next_id(conn, _table(Agency))
            account_id = bulk.next_id(conn, _table(Account))
            for n, (name, kind, regions) in enumerate(AGENCIES):
                agency_id = first + n
                self.agencies.append((agency_id, name, kind, regions))
                agencies.append({"id": agency_id, "name": name, "kind": kind, "regions": regions,
                                 "platforms": [], "created_at": now})  # fmt: skip
                self.clerks[agency_id] = []
                for k in range(rng.randint(3, 12)):
                    accounts.append(_account(account_id, f"clerk{agency_id}-{k}", agency_id, now))
                    self.clerks[agency_id].append(account_id)
                    account_id += 1
            accounts.append(_account(account_id, "admin", None, now, role="admin"))
            conn.execute(insert(_table(Agency)), agencies)
            conn.execute(insert(_table(Account)), accounts)
            bulk.fix_sequences(conn, [_table(Agency), _table(Account)])
        for region in REGIONS:
            found = [(a, kind, rs) for a, _, kind, rs in self.agencies if _covers(rs, region)]
            weights = [(5.0 if len(rs[0]) == 6 else 3.0) if kind == MA else 1.5
                       for _, kind, rs in found]  # fmt: skip
            national = self.agencies[0][0]
            self.choices[region] = ([a for a, _, _ in found] + [national], [*weights, 0.4])

    def region(self, persona: int) -> str:
        if persona not in self.regions_of:
            self.regions_of[persona] = self.rng.choices(
                list(REGIONS), weights=list(REGIONS.values())
            )[0]
        return self.regions_of[persona]

    # -- one case's life at an agency -----------------------------------------------------
    def agency_life(self, row: dict[str, Any], events: list[dict[str, Any]]) -> None:
        """Take the case on from its negotiation to an agency (when its time allows), writing
        its events, clocks and columns as the ladder's steps would."""
        rng = self.rng
        region = row["merchant_region"]
        if rng.random() < 0.01:
            row["narrative"] += TERM_SENTENCE
            self.planted += 1
        negotiation = ("case_filed", "demand_sent", "merchant_answered")
        kept = [e for e in events if e["kind"] in negotiation]
        last = kept[-1]["at"]
        lodged = last + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 10))
        if rng.random() > 0.88 or lodged >= self.now:
            self.consumer_clock(row, events)
            return
        del events[len(kept) :]
        row |= {"closed_at": None, "outcome": None, "amount_recovered_fen": None,
                "rating": None, "publish_consent": False}  # fmt: skip
        agencies, weights = self.choices[region]
        agency = rng.choices(agencies, weights=weights)[0]
        name = next(n for a, n, _, _ in self.agencies if a == agency)
        kind = "report" if rng.random() < 0.12 else "complaint"
        day = local(lodged).date()
        admissibility = rng.choices(("ok", "missing", "refuse"), (75, 17, 8))[0]
        row |= {"agency_id": agency, "complaint_kind": kind, "lodged_on": day,
                "admissibility": admissibility}  # fmt: skip
        life = Life(self, row, events)
        clock = "agency_decision" if kind == "complaint" else "report_verification"
        first = life.clock(clock, day, working_days(day, 7 if kind == "complaint" else 15))
        life.event("complaint_filed", lodged, {"agency_id": agency, "agency": name,
                                                "kind": kind, "due": first.due.isoformat()})  # fmt: skip
        row["status"] = (
            CaseStatus.complaint_filed if kind == "complaint" else CaseStatus.report_filed
        )
        if rng.random() < 0.5 or lodged < self.now - timedelta(days=3):
            row["assigned_account_id"] = rng.choice(self.clerks[agency])
        if rng.random() < 0.04:
            life.end_by_withdrawal(lodged + timedelta(days=rng.randint(1, 30)))
        elif kind == "report":
            life.report(lodged, first)
        else:
            life.complaint(lodged, first, admissibility)
        life.finish()

    def consumer_clock(self, row: dict[str, Any], events: list[dict[str, Any]]) -> None:
        """A case still with the merchant: its demand's clock, if the demand waits."""
        if row["status"] != CaseStatus.demand_sent:
            return
        sent = next(e for e in events if e["kind"] == "demand_sent")
        life = Life(self, row, events)
        start = local(sent["at"]).date()
        life.clock("merchant_answer", start, date.fromisoformat(sent["data"]["due"]))
        life.finish()

    # -- the buffers, written in one transaction a batch ----------------------------------
    def flush(self) -> None:
        order = [_table(m) for m in (Merchant, MerchantIdentifier, MerchantLink, Case,
                                     CaseIdentifier, CaseEvent, MerchantCase, AgencyRecord)]  # fmt: skip
        self.buffers["cases"] = _uniform(_table(Case), self.buffers.get("cases", []))
        case_ids = [row["id"] for row in self.buffers.get("cases", [])]
        merchant_ids = [row["id"] for row in self.buffers.get("merchants", [])]
        documents = [
            {"kind": "case_narrative", "ref_id": row["id"], "scope": None,
             "words": search.words(row["narrative"], cut=_cut)}
            for row in self.buffers.get("cases", [])
        ]  # fmt: skip
        deadlines = self.buffers.pop("case_deadlines", [])
        with self.engine.begin() as conn:
            for table in order:
                rows = bulk.with_defaults(table, self.buffers.pop(table.name, []))
                bulk.insert_rows(conn, insert(table), rows)
            deadline_table = _table(CaseDeadline)
            bulk.insert_rows(
                conn, insert(deadline_table), bulk.with_defaults(deadline_table, deadlines)
            )
            bulk.insert_rows(conn, insert(_table(search.SearchDocument)), documents)
            queuekeys.refresh(conn, case_ids)
            profile.refresh(conn, merchant_ids)
            for year in self.dirty_years:
                conn.execute(sqlite_insert(CaseCounter).values(year=year, last=0)
                             .on_conflict_do_nothing())  # fmt: skip
                conn.execute(update(CaseCounter).where(CaseCounter.year == year,
                                                       CaseCounter.last < self.counters[year])
                             .values(last=self.counters[year]))  # fmt: skip
            self.dirty_years.clear()


class Life:
    """One case's agency steps: its events and clocks as the ladder writes them."""

    def __init__(self, g: Workbench, row: dict[str, Any], events: list[dict[str, Any]]) -> None:
        self.g, self.row, self.events, self.rng = g, row, events, g.rng
        self.clocks: list[Clock] = []

    def event(self, kind: str, at: datetime, data: dict[str, Any]) -> bool:
        """Record the step's event, if its time has come (False: the case waits there)."""
        if at >= self.g.now:
            return False
        self.settle(at)
        self.events.append({"id": self.g.take("case_events"), "case_id": self.row["id"],
                            "seq": len(self.events) + 1, "at": at, "kind": kind,
                            "actor": ACTOR, "data": data})  # fmt: skip
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
                missed_at = datetime.combine(c.due + timedelta(days=1), datetime.min.time(),
                                             UTC) - timedelta(hours=7)  # fmt: skip
                self.events.append({"id": self.g.take("case_events"), "case_id": self.row["id"],
                                    "seq": len(self.events) + 1, "at": missed_at,
                                    "kind": "deadline_missed", "actor": "system",
                                    "data": {"deadline": c.kind, "due": c.due.isoformat()}})  # fmt: skip

    def close(self, kind: str, status: str = "met") -> None:
        for c in self.clocks:
            if c.status == "open" and (kind == "*" or c.kind == kind):
                c.status = status

    def complaint(self, lodged: datetime, first: Clock, admissibility: str) -> None:
        rng, row = self.rng, self.row
        late = rng.random() < 0.15
        decided = lodged + timedelta(days=rng.randint(10, 20) if late else rng.randint(1, 9),
                                     hours=rng.randint(0, 8))  # fmt: skip
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
        if not self.event("complaint_accepted", decided, {"mediation_due": mediation.due.isoformat()}):
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
        row |= {"status": CaseStatus.mediation, "consumer_consents_mediation": True,
                "merchant_consents_mediation": True}  # fmt: skip
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
        if rng.random() < 0.9 and self.event("agreement_performed", performed,
                                             {"amount_fen": amount}):  # fmt: skip
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
                self.closed(verified + timedelta(days=self.rng.randint(1, 20)),
                            "nothing_recovered", 0)  # fmt: skip

    def closed(self, at: datetime, outcome: str, recovered: int) -> None:
        rating, consent = self.rng.randint(1, 5), self.rng.random() < 0.4
        data = timeline.case_closed(outcome=outcome, amount_recovered_fen=recovered,
                                    rating=rating, publish_consent=consent)  # fmt: skip
        if self.event("case_closed", at, data):
            self.close("*", "cancelled")
            self.row |= {"status": CaseStatus.closed, "closed_at": at, "outcome": outcome,
                         "amount_recovered_fen": recovered, "rating": rating,
                         "publish_consent": consent}  # fmt: skip

    def end_by_withdrawal(self, at: datetime) -> None:
        if self.event("withdrawn", at, {}):
            self.close("*", "cancelled")
            self.row |= {"status": CaseStatus.withdrawn, "closed_at": at, "outcome": "withdrawn"}

    def finish(self) -> None:
        """Up to now: the sweep's missed clocks, then the clocks as rows."""
        self.settle(self.g.now)
        for c in self.clocks:
            self.g.add("case_deadlines", {
                "case_id": self.row["id"], "kind": c.kind, "starts_on": c.start,
                "due_on": c.due, "status": c.status, "rule": c.kind, "reminded_at": None,
                "closed_at": None})  # fmt: skip


class Clock:
    __slots__ = ("due", "kind", "start", "status")

    def __init__(self, kind: str, start: date, due: date | str) -> None:
        self.kind, self.start, self.status = kind, start, "open"
        self.due = due if isinstance(due, date) else date.fromisoformat(due)


def generate(engine: Engine, cases: int, *, seed: int = 21,
             progress: Callable[[int], None] | None = None) -> dict[str, Any]:  # fmt: skip
    """Load `cases` complaints (and their merchants, agencies, clerks); what the bench needs
    to know of them."""
    g = Workbench(engine, seed)
    g.staff()
    rng = g.rng
    merchants = max(1, cases // 10)
    weights = [rng.paretovariate(1.2) for _ in range(merchants)]
    scale = max(cases - merchants, 0) / sum(weights)
    counts = [1 + int(w * scale) for w in weights]
    for _ in range(cases - sum(counts)):
        counts[rng.randrange(merchants)] += 1
    done = pending = 0
    for m, count in enumerate(counts):
        p = g.persona(m, count)
        region = g.region(m)
        evidence: list[tuple[str, str, list[ids.Identifier], dict[str, Any] | None]] = []
        for _ in range(count):
            row, events = g.case(p, g.consumer())
            row["merchant_region"] = region
            g.agency_life(row, events)
            found = ids.from_case(name=row["merchant_name"], wechat_id=row["merchant_wechat_id"],
                                  phone=row["merchant_phone"], shop=row["merchant_shop"],
                                  platform=row["merchant_platform"],
                                  live_room=row["merchant_live_room"])  # fmt: skip
            link = {"case_id": row["id"], "linked_at": row["created_at"]}
            link |= facts.compute(row, events)
            evidence.append(("case", row["number"], found, link))
            g.add("cases", row)
            for kind, value in case_identifiers.of_case(
                name=row["merchant_name"], wechat_id=row["merchant_wechat_id"],
                phone=row["merchant_phone"], shop=row["merchant_shop"],
                live_room=row["merchant_live_room"],
            ):  # fmt: skip
                g.add("case_identifiers", {"id": g.take("case_identifiers"), "case_id": row["id"],
                                           "kind": kind, "value": value, "queue_key": None})  # fmt: skip
            g.buffers.setdefault("case_events", []).extend(events)
            g.add("merchant_cases", link)
            pending += 1
        g.resolve(p, evidence)
        if pending >= 20000:
            g.flush()
            done += pending
            pending = 0
            if progress:
                progress(done)
    g.flush()
    busiest = max(g.clerks, key=lambda a: _held(engine, a))
    return {"version": VERSION, "cases": cases, "term": TERM, "planted": g.planted,
            "agency": busiest, "clerk": g.clerks[busiest][0],
            "today": g.today.isoformat()}  # fmt: skip


def _held(engine: Engine, agency_id: int) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(text("count(*)")).select_from(_table(Case))
                                .where(Case.agency_id == agency_id)).scalar_one())  # fmt: skip


def _account(id_: int, name: str, agency: int | None, now: datetime,
             role: str = "agency_staff") -> dict[str, Any]:  # fmt: skip
    return {"id": id_, "email": f"{name}@bench.weiquan", "display_name": name, "role": role,
            "password_hash": "!", "agency_id": agency, "active": True, "language": "zh_CN",
            "created_at": now}  # fmt: skip


def _uniform(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with every column of table (its default or NULL where not given) and no other
    key (lodged_on, say, before the statistics' migration is there)."""
    fill: dict[str, Any] = {}
    for column in table.columns:
        arg = getattr(column.default, "arg", None)
        fill[column.name] = arg(None) if callable(arg) else arg
    names = list(fill)
    return [{n: row[n] if n in row else fill[n] for n in names} for row in rows]


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def to_postgres(sqlite_path: Path, url: str) -> None:
    """Copy every table's rows from the SQLite file into the (migrated, empty) PostgreSQL
    database at url, through COPY; then move its sequences on and ANALYZE."""
    metadata = models.load()
    source = sqlite3.connect(sqlite_path)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as target:
        for table in metadata.sorted_tables:
            names = [c.name for c in table.columns]
            quoted = ", ".join(f'"{n}"' for n in names)
            rows = source.execute(f'SELECT {quoted} FROM "{table.name}"')
            with target.cursor() as cursor:
                with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
        target.commit()
    source.close()
    engine = db.make_engine(url)
    with engine.begin() as conn:
        bulk.fix_sequences(conn, [t for t in metadata.sorted_tables if "id" in t.c])
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
