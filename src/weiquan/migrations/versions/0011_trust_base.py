"""accounts: when the account's email was verified

Revision ID: 0011_trust_base
Revises: 0007_queue_keys
Create Date: 2026-12-07

A case links a co-complainant's account only once that account has shown it owns its email
(emails were never checked, so anyone could be linked into a stranger's case by typing the
address). Accounts made before this revision start unverified.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.db import UTCDateTime

revision: str = "0011_trust_base"
down_revision: str | None = "0007_queue_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
