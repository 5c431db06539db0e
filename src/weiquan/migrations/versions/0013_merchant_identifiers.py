"""merchant registry: phone numbers and WeChat IDs in their one normal form, split merchants joined

Revision ID: 0013_merchant_ids
Revises: 0008_merchant_stats
Create Date: 2026-12-07

The registry read 0086 as a country code but +86 before a landline as digits, and a foreign
number without its +; weiquan.common.identifiers now gives one form for every spelling. Each
phone and WeChat identifier is normalised again from what was typed (its display), and a
claimant's key from the case's consumer phone.

Two identifiers that now have one key are one: the newer row's links, cases and agency records
are repointed to the older row, and the newer row is deleted (a link between the two, now from
the row to itself, is revoked). When the two belonged to two merchants, those were one merchant
written two ways: the newer merchant is merged into the older, as `resolution._merge` does,
with an audit row by "migration" (undoing it moves back every identifier but the one deleted).
The merchants touched have their figures worked out again by the worker.
"""

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from weiquan.common.identifiers import IdentifierError, normalize, normalize_phone
from weiquan.db import UTCDateTime

revision: str = "0013_merchant_ids"
down_revision: str | None = "0008_merchant_stats"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTOR = "migration"
REASON = "One identifier written two ways (0013_merchant_ids): the same merchant."
_CHUNK = 500

_resolutions = sa.table(
    "merchant_resolutions",
    sa.column("at", UTCDateTime()),
    sa.column("action", sa.String),
    sa.column("actor", sa.String),
    sa.column("reason", sa.Text),
    sa.column("evidence_kind", sa.String),
    sa.column("evidence_ref", sa.String),
    sa.column("merchant_id", sa.Integer),
    sa.column("other_merchant_ids", sa.JSON),
    sa.column("identifier_ids", sa.JSON),
)
_links = sa.table(
    "merchant_links",
    sa.column("id", sa.Integer),
    sa.column("a_id", sa.Integer),
    sa.column("b_id", sa.Integer),
    sa.column("revoked_at", UTCDateTime()),
    sa.column("revoked_by", sa.String),
    sa.column("revoke_reason", sa.Text),
)


def normal(kind: str, *raws: str | None) -> str | None:
    """The normal form of the first of raws that has one."""
    for raw in raws:
        if raw and raw.strip():
            try:
                return normalize(kind, raw)
            except IdentifierError:
                continue
    return None


def claimant_key(phone: str) -> str:
    """As merchants.facts.claimant_key on the day of this revision."""
    try:
        return normalize_phone(phone)
    except IdentifierError:
        return re.sub(r"\D", "", phone)[:32] or phone.strip()[:32]


def upgrade() -> None:
    conn = op.get_bind()
    stale: set[int] = set()
    _identifiers(conn, stale)
    _claimant_keys(conn, stale)
    ids = sorted(stale)
    for start in range(0, len(ids), _CHUNK):
        conn.execute(
            sa.text("UPDATE merchants SET stats = NULL WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": ids[start : start + _CHUNK]},
        )


def downgrade() -> None:
    """The old forms are not kept: a downgrade leaves the new ones."""


def _identifiers(conn: sa.Connection, stale: set[int]) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT id, merchant_id, kind, scope, value, display, key FROM merchant_identifiers"
            " WHERE kind IN ('phone', 'wechat') ORDER BY id"
        )
    ).all()
    groups: dict[str, list[Any]] = defaultdict(list)
    values: dict[int, str] = {}
    for row in rows:
        values[row.id] = normal(row.kind, row.display, row.value) or row.value
        # Phone numbers and WeChat IDs are strong and unscoped: they always have a key.
        groups[f"{row.kind}|{row.scope}|{values[row.id]}"].append(row)
    remap: dict[int, int] = {}
    for group in groups.values():
        keeper = group[0]
        for newer in group[1:]:
            target, absorbed = _root(conn, keeper.merchant_id), _root(conn, newer.merchant_id)
            if target != absorbed:
                _merge(conn, target, absorbed)
            stale.update((target, absorbed))
            _repoint(conn, newer.id, keeper.id)
            remap[newer.id] = keeper.id
    if remap:
        _rewrite_history(conn, remap)
    changed = [
        {"id": r.id, "value": values[r.id], "key": key}
        for key, group in groups.items()
        for r in group[:1]
        if r.key != key or r.value != values[r.id]
    ]
    # A new key can only meet a row of its own group, deleted by now: a normal form is its own.
    if changed:
        conn.execute(
            sa.text("UPDATE merchant_identifiers SET value = :value, key = :key WHERE id = :id"),
            changed,
        )
    stale.update(r.merchant_id for r in rows if r.id in {c["id"] for c in changed})


def _root(conn: sa.Connection, merchant_id: int) -> int:
    seen = {merchant_id}
    while True:
        parent = conn.execute(
            sa.text("SELECT merged_into_id FROM merchants WHERE id = :id"), {"id": merchant_id}
        ).scalar()
        if parent is None or parent in seen:
            return merchant_id
        seen.add(parent)
        merchant_id = parent


def _merge(conn: sa.Connection, target: int, absorbed: int) -> None:
    """Merchant absorbed into target, as resolution._merge does, audited."""
    moved = list(
        conn.execute(
            sa.text("SELECT id FROM merchant_identifiers WHERE merchant_id = :m ORDER BY id"),
            {"m": absorbed},
        ).scalars()
    )
    params = {"t": target, "a": absorbed}
    for table in ("merchant_identifiers", "merchant_cases", "merchant_agency_records"):
        conn.execute(sa.text(f"UPDATE {table} SET merchant_id = :t WHERE merchant_id = :a"), params)
    conn.execute(
        sa.text("UPDATE merchants SET merged_into_id = :t WHERE id = :a OR merged_into_id = :a"),
        params,
    )
    conn.execute(
        _resolutions.insert().values(
            at=datetime.now(UTC),
            action="merge",
            actor=ACTOR,
            reason=REASON,
            evidence_kind="manual",
            evidence_ref=revision,
            merchant_id=target,
            other_merchant_ids=[absorbed],
            identifier_ids=moved,
        )
    )


def _repoint(conn: sa.Connection, newer: int, keeper: int) -> None:
    """Everything that names identifier newer names keeper; newer goes."""
    params = {"n": newer, "k": keeper}
    for table, column in (
        ("merchant_links", "a_id"),
        ("merchant_links", "b_id"),
        ("merchant_cases", "identifier_id"),
        ("merchant_agency_records", "identifier_id"),
    ):
        conn.execute(sa.text(f"UPDATE {table} SET {column} = :k WHERE {column} = :n"), params)
    conn.execute(
        _links.update()
        .where(_links.c.a_id == keeper, _links.c.b_id == keeper, _links.c.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC), revoked_by=ACTOR, revoke_reason=REASON)
    )
    conn.execute(sa.text("DELETE FROM merchant_identifiers WHERE id = :n"), params)


def _rewrite_history(conn: sa.Connection, remap: dict[int, int]) -> None:
    """Audit rows name the identifiers that moved: name the kept row for a deleted one."""
    history = sa.table(
        "merchant_resolutions", sa.column("id", sa.Integer), sa.column("identifier_ids", sa.JSON)
    )
    for row_id, named in conn.execute(sa.select(history.c.id, history.c.identifier_ids)).all():
        renamed = _renamed(named, remap)
        if renamed != named:
            conn.execute(
                history.update().where(history.c.id == row_id).values(identifier_ids=renamed)
            )


def _renamed(named: Any, remap: dict[int, int]) -> Any:
    """identifier_ids of a merge (ids) or of a split (parts, each with its ids), renamed."""
    if not isinstance(named, list):
        return named
    out: list[Any] = []
    for item in named:
        if isinstance(item, dict) and isinstance(item.get("identifier_ids"), list):
            item = item | {"identifier_ids": _renamed(item["identifier_ids"], remap)}
        elif isinstance(item, int):
            item = remap.get(item, item)
        if item not in out:
            out.append(item)
    return out


def _claimant_keys(conn: sa.Connection, stale: set[int]) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT mc.case_id, mc.merchant_id, mc.claimant_key, c.consumer_phone"
            " FROM merchant_cases mc JOIN cases c ON c.id = mc.case_id"
        )
    ).all()
    changed = []
    for case_id, merchant_id, key, phone in rows:
        new = claimant_key(phone or "")
        if new != key:
            changed.append({"case_id": case_id, "key": new})
            stale.add(merchant_id)
    if changed:
        conn.execute(
            sa.text("UPDATE merchant_cases SET claimant_key = :key WHERE case_id = :case_id"),
            changed,
        )
