"""evidence: custody entries commit to the connection data instead of carrying it

Revision ID: 0012_uploads
Revises: 0003_evidence
Create Date: 2026-12-07

An entry's address and browser are for staff only, but the entry's hash (and so every bundle's
proofs) covered them in clear. Entries written from now on hash a salted commitment to them;
the salt is kept here, outside the hashed document, so a bundle for staff can open the
commitment and a bundle for a party leaves it closed and still verifies.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_uploads"
down_revision: str | None = "0003_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch rebuild on SQLite would drop the append-only triggers.
    op.add_column("evidence_log", sa.Column("meta_salt", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evidence_log", schema=None) as batch_op:
        batch_op.drop_column("meta_salt")
