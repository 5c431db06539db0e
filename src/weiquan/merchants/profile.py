"""A merchant's credit profile: what its complaints and findings say, and a score that shows
its working line by line (never a bare number)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update
from sqlalchemy.orm import Session

from weiquan.common.dates import local_today
from weiquan.common.i18n import N_
from weiquan.merchants.models import AgencyRecord, FindingKind, Merchant, RecordType

BASE_POINTS = 70
REPEAT_WINDOW = timedelta(days=730)  # "repeat within 2 years", as credit rules count repeats
SERIOUS = {FindingKind.fraud, FindingKind.counterfeit}


@dataclass
class Stats:
    complaints: int = 0  # counted: not refused by an agency, not withdrawn
    not_counted: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    demanded: int = 0
    answered: int = 0
    on_time_known: int = 0
    on_time: int = 0
    median_answer_seconds: int | None = None
    settled: int = 0
    recovered_fen: int = 0
    closed: int = 0
    private_transfer: int = 0
    blocked: int = 0
    below_market: int = 0
    agency_records: int = 0  # how many findings and list entries (read only when some exist)


@dataclass
class Line:
    points: int
    message: str  # English msgid with {placeholders}
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Score:
    value: int
    band: str
    lines: list[Line]


# Figures are worked out for a batch of merchants at once (the refresh of stale profiles) or for
# one (a lookup whose cached figures are stale), with the same two portable statements (no
# database-specific function) on the merchant_cases indexes.
COUNTED = "NOT refused AND NOT withdrawn"
TOTALS = text(
    f"""
    SELECT merchant_id, count(*),
      coalesce(sum(CASE WHEN refused OR withdrawn THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND demanded THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND demanded AND answered THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND answered_on_time IS NOT NULL THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND answered_on_time THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND settled THEN 1 ELSE 0 END), 0),
      coalesce(sum(amount_recovered_fen), 0),
      coalesce(sum(CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND private_transfer THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND blocked THEN 1 ELSE 0 END), 0),
      coalesce(sum(CASE WHEN {COUNTED} AND below_market THEN 1 ELSE 0 END), 0)
    FROM merchant_cases WHERE merchant_id IN :ids GROUP BY merchant_id
    """
).bindparams(bindparam("ids", expanding=True))
# Counts by main problem and by channel, the median answer time (window functions, which SQLite
# and PostgreSQL both have) and the number of agency records, in one round trip.
GROUPS = text(
    f"""
    SELECT merchant_id, 'kind', kind, count(*) FROM merchant_cases
      WHERE merchant_id IN :ids AND {COUNTED} GROUP BY merchant_id, kind
    UNION ALL
    SELECT merchant_id, 'channel', channel, count(*) FROM merchant_cases
      WHERE merchant_id IN :ids AND {COUNTED} GROUP BY merchant_id, channel
    UNION ALL
    SELECT merchant_id, 'median', '', answer_seconds FROM (
      SELECT merchant_id, answer_seconds,
        row_number() OVER (PARTITION BY merchant_id ORDER BY answer_seconds) AS rn,
        count(*) OVER (PARTITION BY merchant_id) AS n
      FROM merchant_cases
      WHERE merchant_id IN :ids AND {COUNTED} AND answer_seconds IS NOT NULL
    ) AS timed WHERE rn = n / 2 + 1
    UNION ALL
    SELECT merchant_id, 'records', '', count(*) FROM merchant_agency_records
      WHERE merchant_id IN :ids GROUP BY merchant_id
    """
).bindparams(bindparam("ids", expanding=True))
# The layout of the cached figures; a change of Stats changes it, and older caches are ignored.
CACHE_VERSION = 1
REFRESH_BATCH = 500


def stats_of(connection: Connection, merchant_ids: Collection[int]) -> dict[int, Stats]:
    """Complaint figures of several merchants: two statements, whatever their number."""
    ids = sorted(set(merchant_ids))
    out = {m: Stats() for m in ids}
    if not ids:
        return out
    for row in connection.execute(TOTALS, {"ids": ids}):
        s = out[row[0]]
        s.complaints = int(row[1]) - int(row[2])
        s.not_counted = int(row[2])
        s.demanded, s.answered = int(row[3]), int(row[4])
        s.on_time_known, s.on_time = int(row[5]), int(row[6])
        s.settled, s.recovered_fen, s.closed = int(row[7]), int(row[8]), int(row[9])
        s.private_transfer, s.blocked, s.below_market = int(row[10]), int(row[11]), int(row[12])
    groups = connection.execute(GROUPS, {"ids": ids}).all()
    for merchant_id, what, code, n in sorted(groups, key=lambda g: (g[0], -g[3], g[2])):
        s = out[merchant_id]
        if what == "median":
            s.median_answer_seconds = int(n)
        elif what == "records":
            s.agency_records = int(n)
        else:
            (s.by_kind if what == "kind" else s.by_channel)[code] = int(n)
    return out


def stats(*, session: Session, merchant_id: int) -> Stats:
    """Complaint figures of one merchant, worked out now."""
    return stats_of(session.connection(), [merchant_id])[merchant_id]


def to_cache(s: Stats) -> dict[str, Any]:
    return {"v": CACHE_VERSION, **asdict(s)}


def from_cache(cached: dict[str, Any] | None) -> Stats | None:
    """The cached figures, or None when there are none or they have an older layout."""
    if not cached or cached.get("v") != CACHE_VERSION:
        return None
    values = {k: v for k, v in cached.items() if k != "v"}
    try:
        return Stats(**values)
    except TypeError:
        return None


def current(*, session: Session, merchant: Merchant) -> Stats:
    """A merchant's figures: from its cache when fresh, otherwise worked out now."""
    return from_cache(merchant.stats) or stats(session=session, merchant_id=merchant.id)


_STALE = (
    select(Merchant.id)
    .where(Merchant.stats.is_(None), Merchant.merged_into_id.is_(None))
    .order_by(Merchant.id)
)


def refresh(connection: Connection, merchant_ids: Collection[int]) -> None:
    """Work out and cache the figures of these merchants (in the caller's transaction).

    The rows are locked first (PostgreSQL; SQLite has one writer anyway), so a transaction
    that changes their cases meanwhile drops the cache after this one commits, not before.
    """
    ids = sorted(set(merchant_ids))
    for start in range(0, len(ids), REFRESH_BATCH):
        lock = select(Merchant.id).where(Merchant.id.in_(ids[start : start + REFRESH_BATCH]))
        _store(connection, list(connection.execute(lock.with_for_update()).scalars()))


def refresh_stale(connection: Connection, limit: int = REFRESH_BATCH) -> int:
    """Cache the figures of up to limit merchants whose cache is missing or was dropped;
    returns how many. Rows another transaction holds are left for the next round."""
    ids = list(connection.execute(_STALE.limit(limit).with_for_update(skip_locked=True)).scalars())
    _store(connection, ids)  # locked by the select above
    return len(ids)


def _store(connection: Connection, locked: list[int]) -> None:
    if not locked:
        return
    figures = stats_of(connection, locked)
    connection.execute(
        update(Merchant).where(Merchant.id == bindparam("mid")).values(stats=bindparam("s")),
        [{"mid": m, "s": to_cache(figures[m])} for m in locked],
    )


def records(*, session: Session, merchant_id: int) -> list[AgencyRecord]:
    """Findings and list entries of one merchant, newest first."""
    return list(
        session.execute(
            select(AgencyRecord)
            .where(AgencyRecord.merchant_id == merchant_id)
            .order_by(AgencyRecord.decided_on.desc(), AgencyRecord.id.desc())
        ).scalars()
    )


def repeats(findings: list[AgencyRecord]) -> int:
    """Serious findings that came within two years of an earlier serious finding."""
    dates = sorted(f.decided_on for f in findings if f.finding_kind in SERIOUS)
    return sum(1 for a, b in pairwise(dates) if b - a <= REPEAT_WINDOW)


def active(record: AgencyRecord, today: date | None = None) -> bool:
    return record.valid_until is None or record.valid_until >= (today or local_today())


def score(s: Stats, agency: list[AgencyRecord], has_real_name: bool) -> Score:
    """Points from a starting value, each line saying what moved it and by how much."""
    lines = [Line(BASE_POINTS, N_("Every merchant starts at {points} points."))]
    lines[0].params = {"points": BASE_POINTS}
    if has_real_name:
        lines.append(Line(5, N_("Real-name information (licence or credit code) is on record.")))
    else:
        lines.append(Line(-5, N_("No real-name information (licence or credit code) on record.")))
    if s.complaints == 0:
        lines.append(Line(0, N_("No complaints on record.")))
    unsettled = s.complaints - s.settled
    if unsettled:
        lines.append(
            Line(
                -min(30, 3 * unsettled),
                N_("{n} of {total} complaints were not settled (3 points each, at most 30)."),
                {"n": unsettled, "total": s.complaints},
            )
        )
    if s.demanded:
        share = s.answered / s.demanded
        lines.append(
            Line(
                round((share - 0.5) * 20),
                N_("Answered {answered} of {demanded} demands ({percent}%)."),
                {"answered": s.answered, "demanded": s.demanded, "percent": round(share * 100)},
            )
        )
    if s.on_time_known:
        share = s.on_time / s.on_time_known
        lines.append(
            Line(
                round((share - 0.5) * 10),
                N_("Answered {on_time} of {known} demands by their deadline ({percent}%)."),
                {"on_time": s.on_time, "known": s.on_time_known, "percent": round(share * 100)},
            )
        )
    if s.settled:
        lines.append(
            Line(
                min(10, 2 * s.settled),
                N_("Settled {n} complaints (2 points each, at most 10)."),
                {"n": s.settled},
            )
        )
    findings = [r for r in agency if r.record_type == RecordType.finding]
    for f in findings:
        if f.finding_kind in SERIOUS:
            points = -25 if f.decided_by == "court" else -20
            message = (
                N_("A court found {kind} ({reference}, {date}).")
                if f.decided_by == "court"
                else N_("An agency found {kind} ({reference}, {date}).")
            )
        else:
            points, message = -5, N_("A finding of another violation ({reference}, {date}).")
        lines.append(
            Line(
                points,
                message,
                {"kind": f.finding_kind, "reference": f.reference, "date": f.decided_on},
            )
        )
    if n := repeats(findings):
        lines.append(
            Line(-10 * n, N_("{n} repeat findings within two years (10 points each)."), {"n": n})
        )
    for r in agency:
        if r.record_type == RecordType.black_list and active(r):
            lines.append(
                Line(-30, N_("On the black list of {authority}."), {"authority": r.authority})
            )
        elif r.record_type == RecordType.red_list and active(r):
            lines.append(
                Line(10, N_("On the red list of {authority}."), {"authority": r.authority})
            )
    total = max(0, min(100, sum(line.points for line in lines)))
    band = "good" if total >= 80 else "fair" if total >= 60 else "poor" if total >= 40 else "risk"
    return Score(total, band, lines)


BANDS = {
    "good": N_("Good record"),
    "fair": N_("Fair record"),
    "poor": N_("Poor record"),
    "risk": N_("High risk"),
}
