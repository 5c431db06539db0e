"""evidence_readings: what the worker read from each picture of the vault (issue 22)

Revision ID: 0016_reading
Revises: 0012_uploads
Create Date: 2026-12-07

Beside the original, never in it: the original's bytes and hash stay as they were. One row per
item, replaced when a newer engine reads the item again (so not append-only, unlike the items).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.db import UTCDateTime

revision: str = "0016_reading"
down_revision: str | None = "0012_uploads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("engine", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reading", sa.JSON(), nullable=False),
        sa.Column("error", sa.String(length=64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("queued_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_readings_item_id_evidence_items"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_evidence_readings_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_readings")),
        sa.UniqueConstraint("item_id", name=op.f("uq_evidence_readings_item_id")),
    )
    with op.batch_alter_table("evidence_readings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_readings_case_id"), ["case_id"])
        batch_op.create_index(batch_op.f("ix_evidence_readings_status"), ["status"])


def downgrade() -> None:
    op.drop_table("evidence_readings")
