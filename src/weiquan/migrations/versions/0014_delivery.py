"""delivery: the reply links a seller who is not on weiquan answers through

Revision ID: 0014_delivery
Revises: 0011_trust_base
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.db import UTCDateTime

revision: str = "0014_delivery"
down_revision: str | None = "0011_trust_base"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reply_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=48), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_reply_links_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_links")),
        sa.UniqueConstraint("case_id", "generation", name=op.f("uq_reply_links_case_id")),
    )
    with op.batch_alter_table("reply_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reply_links_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reply_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reply_links_case_id"))
    op.drop_table("reply_links")
