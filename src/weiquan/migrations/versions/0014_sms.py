"""accounts: sign-in with a phone and an SMS code (email optional), the codes sent by SMS

Revision ID: 0014_sms
Revises: 0013_claim_ids
Create Date: 2026-12-07

Consumers and merchants sign up with a mainland mobile number and a code sent to it, so an
account's email becomes optional (still unique where set) and its password may be empty. A
proved phone is marked (`phone_verified_at`) and held by one account at a time. The codes keep
a digest of the number and a salted HMAC of the code, never either in clear.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

from weiquan.db import UTCDateTime

revision: str = "0014_sms"
down_revision: str | None = "0013_claim_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_VERIFIED = "phone_verified_at IS NOT NULL"


def upgrade() -> None:
    with _accounts_rebuilt() as batch:
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
    with _accounts_rebuilt() as batch:
        batch.drop_column("phone_verified_at")
        batch.alter_column("email", existing_type=sa.String(length=254), nullable=False)


@contextmanager
def _accounts_rebuilt() -> Iterator[BatchOperations]:
    """op.batch_alter_table("accounts"), which on SQLite copies the table and drops the old one:
    the rows of other tables that point at accounts (cases, sessions, tokens, ...) would make
    the drop fail. SQLite's recipe (https://sqlite.org/lang_altertable.html#otheralter), as in
    0012_intake: foreign keys off (only outside a transaction), rebuild, check, on again."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        with op.batch_alter_table("accounts", schema=None) as batch_op:
            yield batch_op
        return
    bind.exec_driver_sql("COMMIT")  # the connection's transaction is begun again below
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    bind.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        with op.batch_alter_table("accounts", schema=None) as batch_op:
            yield batch_op
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"foreign keys broken by rebuilding accounts: {broken[:5]}")
    except BaseException:
        bind.exec_driver_sql("ROLLBACK")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN")
        raise
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys=ON")
    bind.exec_driver_sql("BEGIN IMMEDIATE")
