"""The custody log: RFC 6962 Merkle tree, append-only in the database, one chain under load."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from tests.evidence.conftest import ORIGIN, State, add_files, check
from weiquan.evidence import merkle
from weiquan.evidence.models import AppendOnlyError, EvidenceItem, EvidenceLogEntry
from weiquan.evidence.verifier import leaf_hash, merkle_root, root_from_proof

HASHES = st.lists(st.binary(min_size=1, max_size=8).map(leaf_hash), min_size=1, max_size=70)


@given(HASHES)
@settings(max_examples=120, deadline=None)
def test_frontier_root_is_rfc6962_root_and_every_proof_verifies(leaves: list[str]) -> None:
    frontier: merkle.Frontier = []
    for i, leaf in enumerate(leaves, start=1):
        frontier = merkle.append(frontier, leaf)
        assert merkle.root(frontier) == merkle_root(leaves[:i])
    tree = merkle.levels(leaves)
    root = merkle_root(leaves)
    for index, leaf in enumerate(leaves):
        proof = merkle.inclusion_proof(tree, index)
        assert root_from_proof(index, len(leaves), leaf, proof) == root
        if len(leaves) > 1:
            wrong = leaves[(index + 1) % len(leaves)]
            if wrong != leaf:
                assert root_from_proof(index, len(leaves), wrong, proof) != root


def test_known_tree_hashes() -> None:
    # RFC 6962 test vector: the empty tree.
    assert merkle_root([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    a, b, c = (leaf_hash(x) for x in (b"a", b"b", b"c"))
    from weiquan.evidence.verifier import node_hash

    assert merkle_root([a, b, c]) == node_hash(node_hash(a, b), c)


def test_evidence_records_are_append_only_in_the_database(
    state: State, engine: Engine, sessions: sessionmaker[Session]
) -> None:
    for statement in (
        "UPDATE evidence_log SET actor = 'forged'",
        "DELETE FROM evidence_log",
        "UPDATE evidence_items SET sha256 = 'x'",
        "DELETE FROM evidence_checkpoints",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with sessions() as session:
        item = session.execute(select(EvidenceItem)).scalars().first()
        assert item is not None
        item.description = "forged"
        with pytest.raises(AppendOnlyError):
            session.flush()


def test_concurrent_uploads_keep_one_unbroken_chain(
    state: State, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    from tests.evidence.conftest import jpeg

    failures: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for j in range(4):
                folder = tmp_path / f"w{k}-{j}"
                folder.mkdir()
                add_files(
                    sessions, state.vault, state.number, {"p.jpg": jpeg(100 + 10 * k + j)}, folder
                )
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with sessions() as session:
        seqs = list(
            session.execute(select(EvidenceLogEntry.seq).order_by(EvidenceLogEntry.seq)).scalars()
        )
        items = list(
            session.execute(
                select(EvidenceItem.seq).where(EvidenceItem.case_id.is_not(None))
            ).scalars()
        )
    assert seqs == list(range(1, len(seqs) + 1))
    assert sorted(items) == list(range(1, len(items) + 1)) and len(items) == 4 + 12
    report = check(sessions, state.vault)
    assert report.ok, [p.text() for p in report.problems]
    assert ORIGIN.actor == "test"
