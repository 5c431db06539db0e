"""case index and merchant claims: phone numbers and WeChat IDs in their one normal form

Revision ID: 0013_claim_ids
Revises: 0012_claims
Create Date: 2026-12-07

Cases and claims normalised phone numbers their own way (0086 138 0013 8001 was
008613800138001 here, 13800138001 in the merchant registry), so a merchant's inbox missed the
cases that wrote its number another way. Both now use weiquan.common.identifiers. A case's
index rows are worked out again from the case's own fields (a value that is no identifier, a
WeChat ID with a space in it, say, leaves the index as it would today); a claim from its stored
value. Two claims of one account that now name one identifier become one: the older row, with
the better status of the two. Where two accounts now hold one identifier verified, the later
goes to staff review, as in 0012_claims. Only phone and WeChat kinds change form.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from weiquan.common.identifiers import IdentifierError, normalize

revision: str = "0013_claim_ids"
down_revision: str | None = "0012_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = "('phone', 'wechat_id')"
# Which claim survives a merge: a verified one over one in review, pending or rejected.
_RANK = {"verified": 0, "review": 1, "pending": 2, "rejected": 3}
_CHUNK = 500


def normal(kind: str, raw: str | None) -> str | None:
    if not raw or not raw.strip():
        return None
    try:
        return normalize(kind, raw)
    except IdentifierError:
        return None


def upgrade() -> None:
    conn = op.get_bind()
    _case_index(conn)
    _claims(conn)


def downgrade() -> None:
    """The old forms are not kept: a downgrade leaves the new ones (they are valid there too)."""


def _delete(conn: sa.Connection, table: str, ids: list[int]) -> None:
    statement = sa.text(f"DELETE FROM {table} WHERE id IN :ids").bindparams(
        sa.bindparam("ids", expanding=True)
    )
    for start in range(0, len(ids), _CHUNK):
        conn.execute(statement, {"ids": ids[start : start + _CHUNK]})


def _case_index(conn: sa.Connection) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT ci.id, ci.kind, ci.value, c.merchant_phone, c.merchant_wechat_id"
            " FROM case_identifiers ci JOIN cases c ON c.id = ci.case_id"
            f" WHERE ci.kind IN {_KINDS}"
        )
    ).all()
    changed: list[dict[str, Any]] = []
    gone: list[int] = []
    for row_id, kind, value, phone, wechat in rows:
        new = normal(kind, phone if kind == "phone" else wechat)
        if new is None:
            gone.append(row_id)
        elif new != value:
            changed.append({"id": row_id, "value": new})
    _delete(conn, "case_identifiers", gone)
    # One row per case and kind: a new value cannot meet another row of its case.
    if changed:
        conn.execute(sa.text("UPDATE case_identifiers SET value = :value WHERE id = :id"), changed)


def _claims(conn: sa.Connection) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT id, account_id, kind, platform, value, status, verified_by, verified_at"
            f" FROM merchant_claims WHERE kind IN {_KINDS} ORDER BY id"
        )
    ).all()
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for row in rows:
        value = normal(row.kind, row.value) or row.value
        groups[(row.account_id, row.kind, row.platform, value)].append(row)

    # The state each kept claim ends in, worked out before anything is written.
    final: dict[int, dict[str, Any]] = {}
    merged: list[int] = []
    identifier_of: dict[int, tuple[str, str, str]] = {}
    for (_, kind, platform, value), group in groups.items():
        keeper, best = group[0], min(group, key=lambda r: (_RANK.get(r.status, 9), r.id))
        source = best if _RANK.get(best.status, 9) < _RANK.get(keeper.status, 9) else keeper
        final[keeper.id] = {
            "id": keeper.id,
            "value": value,
            "status": source.status,
            "verified_by": source.verified_by,
            "verified_at": source.verified_at,
        }
        identifier_of[keeper.id] = (kind, platform, value)
        merged += [r.id for r in group[1:]]
    owners: dict[tuple[Any, ...], int] = {}
    for claim_id in sorted(final):
        state = final[claim_id]
        if state["status"] != "verified":
            continue
        key = identifier_of[claim_id]
        if key in owners:
            state.update(status="review", verified_by=None, verified_at=None)
        else:
            owners[key] = claim_id

    before = {r.id: r for r in rows}
    _delete(conn, "merchant_claims", merged)
    demoted = [s for s in final.values() if s["status"] == "review" != before[s["id"]].status]
    if demoted:  # first, so that no moment holds two verified owners of one identifier
        conn.execute(
            sa.text(
                "UPDATE merchant_claims SET status = 'review', verified_by = NULL,"
                " verified_at = NULL WHERE id = :id"
            ),
            [{"id": s["id"]} for s in demoted],
        )
    changed = [
        s
        for s in final.values()
        if (s["value"], s["status"], s["verified_by"], s["verified_at"])
        != tuple(
            getattr(before[s["id"]], c) for c in ("value", "status", "verified_by", "verified_at")
        )
    ]
    if changed:
        conn.execute(
            sa.text(
                "UPDATE merchant_claims SET value = :value, status = :status,"
                " verified_by = :verified_by, verified_at = :verified_at WHERE id = :id"
            ),
            changed,
        )
