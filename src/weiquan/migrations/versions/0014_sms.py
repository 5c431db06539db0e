"""accounts: sign-in with a phone and an SMS code (email optional), the codes sent by SMS

Revision ID: 0014_sms
Revises: 0013_claim_ids
Create Date: 2026-12-07

Consumers and merchants sign up with a mainland mobile number and a code sent to it, so an
account's email becomes optional (still unique where set) and its password may be empty. A
proved phone is marked (`phone_verified_at`) and held by one account at a time. The codes keep
a digest of the number and a salted HMAC of the code, never either in clear.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.db import UTCDateTime

revision: str = "0014_sms"
down_revision: str | None = "0013_claim_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_VERIFIED = "phone_verified_at IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.alter_column("email", existing_type=sa.String(length=254), nullable=True)
        batch.add_column(sa.Column("phone_verified_at", UTCDateTime(), nullable=True))
    op.create_index(
        "uq_accounts_verified_phone",
        "accounts",
        ["phone"],
        unique=True,
        sqlite_where=sa.text(_VERIFIED),
        postgresql_where=sa.text(_VERIFIED),
    )
    op.create_table(
        "phone_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone_key", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_codes")),
    )
    op.create_index(op.f("ix_phone_codes_phone_key"), "phone_codes", ["phone_key"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_phone_codes_phone_key"), table_name="phone_codes")
    op.drop_table("phone_codes")
    op.drop_index("uq_accounts_verified_phone", table_name="accounts")
    # Accounts without an email cannot go back to a schema that requires one: the database
    # refuses the step below while one exists.
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("phone_verified_at")
        batch.alter_column("email", existing_type=sa.String(length=254), nullable=False)
