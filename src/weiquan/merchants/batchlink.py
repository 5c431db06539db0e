"""Identity resolution for a batch of new evidence (the cases of one filing batch).

`resolution.link` reads and writes a few rows per call through the ORM, about 2 ms a case.
A filing batch links all its cases here with one read of the identifiers they name and one
insert per table, doing what `link` would for each in turn: identifiers seen together join one
merchant, a new identifier joins the merchant of the others or a new one, a nickname is reused
only within its own merchant. A case whose identifiers already belong to two merchants needs a
merge; `link` does that, one case at a time (the caller's job: see merchants.service).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session

from weiquan.common.bulk import insert_ids, insert_rows
from weiquan.db import utcnow
from weiquan.merchants.identifiers import Identifier
from weiquan.merchants.models import Merchant, MerchantIdentifier, MerchantLink
from weiquan.merchants.resolution import Evidence, hold_registry

MERCHANTS: Table = Merchant.__table__  # type: ignore[assignment]
NODES: Table = MerchantIdentifier.__table__  # type: ignore[assignment]
LINKS: Table = MerchantLink.__table__  # type: ignore[assignment]
_CHUNK = 500  # values per IN list
# Built once, not per batch (building a statement costs more than running it here).
_NEW_MERCHANTS = insert(MERCHANTS)
_NEW_NODES = insert(NODES)
_NEW_LINKS = insert(LINKS)
_WEAK = (
    select(NODES.c.id, NODES.c.merchant_id, NODES.c.kind, NODES.c.scope, NODES.c.value)
    .where(
        NODES.c.key.is_(None),
        NODES.c.merchant_id.in_(bindparam("merchants", expanding=True)),
        NODES.c.value.in_(bindparam("values", expanding=True)),
    )
    .order_by(NODES.c.id)
)
_BY_KEY = select(NODES.c.id, NODES.c.merchant_id, NODES.c.key).where(
    NODES.c.key.in_(bindparam("keys", expanding=True))
)

Request = tuple[Sequence[Identifier], Evidence, str]  # identifiers, evidence, actor


@dataclass(eq=False)
class _Merchant:
    id: int | None  # None until inserted


@dataclass(eq=False)
class _Node:
    merchant: _Merchant
    key: str | None  # strong identifiers have one
    id: int | None = None  # None until inserted
    new: Identifier | None = None  # what to insert, for a new node


def link_many(*, session: Session, requests: Sequence[Request]) -> list[tuple[int, int] | None]:
    """Link each request's identifiers (its evidence is new: nothing can cite it yet).

    Returns, per request, (merchant id, anchor identifier id), or None where the identifiers
    belong to two or more merchants and `resolution.link` has to merge them. Flushes nothing
    through the ORM; writes with Core in the session's transaction.
    """
    hold_registry(session)
    merchants: dict[int, _Merchant] = {}
    by_key = _strong_nodes(session, requests, merchants)
    targets: list[_Merchant | None] = []
    for identifiers, _, _ in requests:
        owners = {by_key[i.key].merchant for i in identifiers if i.key and i.key in by_key}
        if len(owners) > 1:
            targets.append(None)
            continue
        target = owners.pop() if owners else _Merchant(None)
        for ident in identifiers:  # a later request naming them joins this merchant
            if ident.key and ident.key not in by_key:
                by_key[ident.key] = _Node(target, ident.key, new=ident)
        targets.append(target)
    weak = _weak_nodes(session, requests, targets, merchants)
    plans: list[list[_Node] | None] = []
    for (identifiers, _, _), owner in zip(requests, targets, strict=True):
        if owner is None:
            plans.append(None)
            continue
        chosen: list[_Node] = []
        for ident in identifiers:
            if ident.key:
                node = by_key[ident.key]
            else:
                node = weak.setdefault(
                    (owner, ident.kind, ident.scope, ident.value), _Node(owner, None, new=ident)
                )
            if node not in chosen:
                chosen.append(node)
        plans.append(chosen)
    _insert(session, targets, plans, requests)
    out: list[tuple[int, int] | None] = []
    for plan, owner in zip(plans, targets, strict=True):
        if plan is None or owner is None:
            out.append(None)
            continue
        hub = _hub(plan)
        assert owner.id is not None and hub.id is not None
        out.append((owner.id, hub.id))
    return out


def _hub(plan: list[_Node]) -> _Node:
    # As in resolution.link: the first strong identifier, else the first of all.
    return next((n for n in plan if n.key), plan[0])


def _strong_nodes(
    session: Session, requests: Sequence[Request], merchants: dict[int, _Merchant]
) -> dict[str, _Node]:
    keys = sorted({i.key for identifiers, _, _ in requests for i in identifiers if i.key})
    by_key: dict[str, _Node] = {}
    for start in range(0, len(keys), _CHUNK):
        rows = session.connection().execute(_BY_KEY, {"keys": keys[start : start + _CHUNK]})
        for node_id, merchant_id, key in rows:
            merchant = merchants.setdefault(merchant_id, _Merchant(merchant_id))
            by_key[key] = _Node(merchant, key, id=node_id)
    return by_key


def _weak_nodes(
    session: Session,
    requests: Sequence[Request],
    targets: Sequence[_Merchant | None],
    merchants: dict[int, _Merchant],
) -> dict[tuple[_Merchant, str, str, str], _Node]:
    """The nicknames (weak identifiers) the requests name that their merchants already have."""
    wanted = {
        (target.id, ident.kind, ident.scope, ident.value)
        for (identifiers, _, _), target in zip(requests, targets, strict=True)
        if target is not None and target.id is not None
        for ident in identifiers
        if not ident.key
    }
    found: dict[tuple[_Merchant, str, str, str], _Node] = {}
    if not wanted:
        return found
    merchant_ids = sorted({w[0] for w in wanted if w[0] is not None})
    values = sorted({w[3] for w in wanted})
    for start in range(0, len(merchant_ids), _CHUNK):
        rows = session.connection().execute(
            _WEAK, {"merchants": merchant_ids[start : start + _CHUNK], "values": values}
        )
        for node_id, merchant_id, kind, scope, value in rows:
            if (merchant_id, kind, scope, value) in wanted:
                found.setdefault(
                    (merchants[merchant_id], kind, scope, value),
                    _Node(merchants[merchant_id], None, id=node_id),
                )
    return found


def _insert(
    session: Session,
    targets: Sequence[_Merchant | None],
    plans: Sequence[list[_Node] | None],
    requests: Sequence[Request],
) -> None:
    """Insert the new merchants, then their new nodes, then the links, in that order."""
    connection, now = session.connection(), utcnow()
    new_merchants = list(dict.fromkeys(t for t in targets if t is not None and t.id is None))
    if new_merchants:
        ids = insert_ids(connection, _NEW_MERCHANTS, [{"created_at": now} for _ in new_merchants])
        for merchant, merchant_id in zip(new_merchants, ids, strict=True):
            merchant.id = merchant_id
    new_nodes = list(
        dict.fromkeys(n for plan in plans if plan is not None for n in plan if n.id is None)
    )
    if new_nodes:
        rows = []
        for node in new_nodes:
            ident = node.new
            assert ident is not None
            rows.append(
                {"merchant_id": node.merchant.id, "kind": ident.kind, "scope": ident.scope,
                 "value": ident.value, "display": ident.display or ident.value,
                 "key": ident.key, "created_at": now}
            )  # fmt: skip
        ids = insert_ids(connection, _NEW_NODES, rows)
        for node, node_id in zip(new_nodes, ids, strict=True):
            node.id = node_id
    links = [
        {"a_id": hub.id, "b_id": node.id, "evidence_kind": evidence.kind,
         "evidence_ref": evidence.ref, "actor": actor, "created_at": now}
        for plan, (_, evidence, actor) in zip(plans, requests, strict=True)
        if plan is not None
        for hub in [_hub(plan)]
        for node in plan
        if node is not hub
    ]  # fmt: skip
    if links:
        insert_rows(connection, _NEW_LINKS, links)
