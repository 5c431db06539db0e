"""merchant claims: platform, expiring codes with an attempt count, one owner, reasons

Revision ID: 0012_claims
Revises: 0011_trust_base
Create Date: 2026-12-07

Claim codes were six digits with no expiry and no limit on tries. Codes now expire and count
wrong tries on the claim row (so the limit holds across server processes); the codes issued
before this revision are voided, a new one must be issued. A shop or live-room claim now names
its platform: claims made before have none and open nothing until made again with it. When two
accounts held the same identifier verified, the later claims go to staff review.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.db import UTCDateTime

revision: str = "0012_claims"
down_revision: str | None = "0011_trust_base"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_VERIFIED = sa.text("status = 'verified'")


def upgrade() -> None:
    with op.batch_alter_table("merchant_claims", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("platform", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("code_expires_at", UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("code_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("decision_reason", sa.Text(), nullable=True))
        batch_op.drop_constraint("uq_merchant_claims_account_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_merchant_claims_account_id", ["account_id", "kind", "platform", "value"]
        )
    op.execute("UPDATE merchant_claims SET code_hash = NULL")
    op.execute(
        "UPDATE merchant_claims SET status = 'review' WHERE status = 'verified' AND EXISTS ("
        " SELECT 1 FROM merchant_claims AS first WHERE first.status = 'verified'"
        " AND first.kind = merchant_claims.kind AND first.platform = merchant_claims.platform"
        " AND first.value = merchant_claims.value AND first.id < merchant_claims.id)"
    )
    op.create_index(
        "uq_merchant_claims_owner",
        "merchant_claims",
        ["kind", "platform", "value"],
        unique=True,
        sqlite_where=_VERIFIED,
        postgresql_where=_VERIFIED,
    )


def downgrade() -> None:
    op.drop_index("uq_merchant_claims_owner", table_name="merchant_claims")
    with op.batch_alter_table("merchant_claims", schema=None) as batch_op:
        batch_op.drop_constraint("uq_merchant_claims_account_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_merchant_claims_account_id", ["account_id", "kind", "value"]
        )
        batch_op.drop_column("decision_reason")
        batch_op.drop_column("code_attempts")
        batch_op.drop_column("code_expires_at")
        batch_op.drop_column("platform")
