"""merchant stats: each merchant's profile figures cached for the pre-purchase check

Revision ID: 0008_merchant_stats
Revises: 0004_merchants
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_merchant_stats"
down_revision: str | None = "0004_merchants"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STALE = "stats IS NULL AND merged_into_id IS NULL"


def upgrade() -> None:
    # Every merchant starts stale; the worker works the figures out in batches, and a lookup
    # of a stale merchant works them out on the spot meanwhile.
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stats", sa.JSON(none_as_null=True), nullable=True))
        batch_op.create_index(
            "ix_merchants_stale",
            ["id"],
            unique=False,
            sqlite_where=sa.text(STALE),
            postgresql_where=sa.text(STALE),
        )


def downgrade() -> None:
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.drop_index("ix_merchants_stale")
        batch_op.drop_column("stats")
