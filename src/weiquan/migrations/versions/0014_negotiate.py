"""cases: the amount agreed, the amount received and the day it arrived

Revision ID: 0014_negotiate
Revises: 0012_intake
Create Date: 2026-12-07

Accepting an offer records the sum agreed; the consumer then records what actually arrived and
when (the ladder's record_received step), which agencies' statistics sum. Nullable: cases
settled before this have neither.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_negotiate"
down_revision: str | None = "0012_intake"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): SQLite adds nullable columns in place.
    op.add_column("cases", sa.Column("amount_agreed_fen", sa.BigInteger(), nullable=True))
    op.add_column("cases", sa.Column("amount_received_fen", sa.BigInteger(), nullable=True))
    op.add_column("cases", sa.Column("received_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("received_on")
        batch_op.drop_column("amount_received_fen")
        batch_op.drop_column("amount_agreed_fen")
