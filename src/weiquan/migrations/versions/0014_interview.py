"""assessments: drafts of proposed facts (the interview's answers on their way to a complaint)

Revision ID: 0014_interview
Revises: 0011_trust_base
Create Date: 2026-12-07

A draft belongs to an account or to a browser not signed in (the hash of its cookie's key),
and expires. Its own branch from the accounts it names.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.db import UTCDateTime

revision: str = "0014_interview"
down_revision: str | None = "0011_trust_base"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fact_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("owner_hash", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("case_number", sa.String(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("unknown", sa.JSON(), nullable=False),
        sa.Column("trail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_fact_drafts_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_drafts")),
        sa.UniqueConstraint("public_id", name=op.f("uq_fact_drafts_public_id")),
    )
    with op.batch_alter_table("fact_drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fact_drafts_account_id"), ["account_id"])
        batch_op.create_index(batch_op.f("ix_fact_drafts_expires_at"), ["expires_at"])
        batch_op.create_index(batch_op.f("ix_fact_drafts_owner_hash"), ["owner_hash"])


def downgrade() -> None:
    op.drop_table("fact_drafts")
