"""evidence vault: items, redactions, custody log, checkpoints, timestamps

Revision ID: 0003_evidence
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import weiquan.db

revision: str = "0003_evidence"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Evidence records are what a court is asked to trust: the database itself refuses to change
# or delete them. (The log head is the one table that moves.)
APPEND_ONLY = (
    "evidence_items",
    "evidence_redactions",
    "evidence_log",
    "evidence_checkpoints",
    "evidence_timestamps",
)


def upgrade() -> None:
    op.create_table(
        "evidence_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("root", sa.String(length=64), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_checkpoints")),
    )
    with op.batch_alter_table("evidence_checkpoints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_checkpoints_size"), ["size"], unique=False)

    op.create_table(
        "evidence_log_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("frontier", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_log_head")),
    )
    op.create_table(
        "evidence_timestamps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkpoint_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("gen_time", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("tsa_url", sa.String(length=500), nullable=False),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checkpoint_id"],
            ["evidence_checkpoints.id"],
            name=op.f("fk_evidence_timestamps_checkpoint_id_evidence_checkpoints"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_timestamps")),
        sa.UniqueConstraint("checkpoint_id", name=op.f("uq_evidence_timestamps_checkpoint_id")),
    )
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("extension", sa.String(length=16), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("captured_at", weiquan.db.UTCDateTime(), nullable=True),
        sa.Column("device", sa.String(length=200), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=False),
        sa.Column("uploaded_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("client_ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=500), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_evidence_items_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_items")),
        sa.UniqueConstraint("case_id", "seq", name="uq_evidence_items_case_id_seq"),
        sa.UniqueConstraint("case_id", "sha256", name="uq_evidence_items_case_id_sha256"),
    )
    with op.batch_alter_table("evidence_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_items_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_items_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_items_sha256"), ["sha256"], unique=False)

    op.create_table(
        "evidence_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(length=20), nullable=False),
        sa.Column("item_seq", sa.Integer(), nullable=True),
        sa.Column("item_sha256", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("client_ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=500), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_evidence_log_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_evidence_log")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_evidence_log_entry_hash")),
    )
    with op.batch_alter_table("evidence_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_log_case_id"), ["case_id"], unique=False)

    op.create_table(
        "evidence_redactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("extension", sa.String(length=16), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_redactions_item_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_redactions")),
    )
    with op.batch_alter_table("evidence_redactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_redactions_item_id"), ["item_id"], unique=False
        )

    _forbid_changes()


def _forbid_changes() -> None:
    postgres = op.get_context().dialect.name == "postgresql"
    if postgres:
        op.execute(
            "CREATE FUNCTION evidence_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'evidence records are append-only'; END; $$ LANGUAGE plpgsql"
        )
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            name = f"{table}_no_{verb.lower()}"
            if postgres:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION evidence_append_only()"
                )
            else:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def _allow_changes() -> None:
    postgres = op.get_context().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        for verb in ("update", "delete"):
            op.execute(
                f"DROP TRIGGER IF EXISTS {table}_no_{verb}" + (f" ON {table}" if postgres else "")
            )
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS evidence_append_only()")


def downgrade() -> None:
    _allow_changes()
    with op.batch_alter_table("evidence_redactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_redactions_item_id"))
    op.drop_table("evidence_redactions")
    with op.batch_alter_table("evidence_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_log_case_id"))
    op.drop_table("evidence_log")
    with op.batch_alter_table("evidence_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_items_sha256"))
        batch_op.drop_index(batch_op.f("ix_evidence_items_kind"))
        batch_op.drop_index(batch_op.f("ix_evidence_items_case_id"))
    op.drop_table("evidence_items")
    op.drop_table("evidence_timestamps")
    op.drop_table("evidence_log_head")
    with op.batch_alter_table("evidence_checkpoints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_checkpoints_size"))
    op.drop_table("evidence_checkpoints")
