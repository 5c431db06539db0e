"""cases: the seller's legal identity, as the consumer recorded it

Revision ID: 0014_seller
Revises: 0012_intake
Create Date: 2026-12-07

A complaint to a regulator or an association must name the respondent and give its address
(SAMR complaint measures Art. 9(1)(2)); the merchant fields a consumer files with are what the
consumer knows (a nickname, a WeChat ID). These columns hold the legal name and address once
the consumer found them, and where they were found. Plain nullable columns: adding them
rewrites nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_seller"
down_revision: str | None = "0012_intake"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("seller_legal_name", sa.String(length=200), nullable=True))
    op.add_column("cases", sa.Column("seller_address", sa.String(length=300), nullable=True))
    op.add_column("cases", sa.Column("seller_source", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("seller_source")
        batch_op.drop_column("seller_address")
        batch_op.drop_column("seller_legal_name")
