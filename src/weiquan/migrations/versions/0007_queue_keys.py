"""queue keys: work lists ordered by an index at any size

Revision ID: 0007_queue_keys
Revises: 0006_notifications
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_queue_keys"
down_revision: str | None = "0006_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queue_key", sa.String(length=10), nullable=True))
        batch_op.create_index("ix_cases_queue_key", ["queue_key", "id"], unique=False)
        batch_op.create_index(
            "ix_cases_agency_queue", ["agency_id", "queue_key", "id"], unique=False
        )
        batch_op.create_index(
            "ix_cases_region_queue", ["merchant_region", "queue_key", "id"], unique=False
        )
    with op.batch_alter_table("case_identifiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queue_key", sa.String(length=10), nullable=True))
        batch_op.drop_index("ix_case_identifiers_kind_value")
        batch_op.create_index(
            "ix_case_identifiers_queue", ["kind", "value", "queue_key", "case_id"], unique=False
        )
    # Existing cases: the same statements the application runs after every change.
    op.execute(
        "UPDATE cases SET queue_key = CASE WHEN status IN ('closed', 'withdrawn') THEN NULL"
        " ELSE COALESCE((SELECT CAST(MIN(d.due_on) AS VARCHAR(10)) FROM case_deadlines d"
        " WHERE d.case_id = cases.id AND d.status = 'open'), '9999-12-31') END"
    )
    op.execute(
        "UPDATE case_identifiers SET queue_key ="
        " (SELECT c.queue_key FROM cases c WHERE c.id = case_identifiers.case_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("case_identifiers", schema=None) as batch_op:
        batch_op.drop_index("ix_case_identifiers_queue")
        batch_op.create_index("ix_case_identifiers_kind_value", ["kind", "value"], unique=False)
        batch_op.drop_column("queue_key")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_region_queue")
        batch_op.drop_index("ix_cases_agency_queue")
        batch_op.drop_index("ix_cases_queue_key")
        batch_op.drop_column("queue_key")
