"""docs/security.md cannot drift from the policy table, and keeps the sections people look for."""

from __future__ import annotations

from pathlib import Path

from weiquan.policy import Relation, doc

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_the_doc_shows_the_policy_table_as_it_is() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert doc.markdown() in text, (
        "docs/security.md's route table differs from weiquan.policy: "
        "run `uv run python scripts/policy_table.py`"
    )


def test_every_relation_is_explained() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = [r for r in Relation if r.value.startswith("other_") or f"\n| {r.value} |" in text]
    assert named == list(Relation)


def test_the_doc_has_its_sections() -> None:
    headings = {
        line.lstrip("#").strip()
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
    assert headings >= {
        "What weiquan protects",
        "From whom",
        "Roles and relations",
        "Masking",
        "Limits on guessing",
        "Sessions and keys",
        "Headers",
        "Uploads and webhooks",
        "What an operator must configure",
        "Reporting a problem",
    }
