"""saved_views, and the indexes the agency queue's filters read in order

Revision ID: 0016_queue
Revises: 0015_workbench
Create Date: 2026-12-07

Issue 21's queue filters an agency's complaints on one thing at a time (status, clerk,
admissibility, channel, category, platform) and pages them by cursor in deadline order: each
filter is then one ordered range of an index (agency, filter, queue key, id), as the unfiltered
queue already is (0007_queue_keys). Sorting by age reads (agency, id); a mediator's list reads
(mediator, queue key, id). saved_views keeps each clerk's named filter sets.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_queue"
down_revision: str | None = "0015_workbench"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_cases_agency_status_queue": ["agency_id", "status", "queue_key", "id"],
    "ix_cases_agency_assigned_queue": ["agency_id", "assigned_account_id", "queue_key", "id"],
    "ix_cases_agency_admissible_queue": ["agency_id", "admissibility", "queue_key", "id"],
    "ix_cases_agency_channel_queue": ["agency_id", "channel", "queue_key", "id"],
    "ix_cases_agency_category_queue": ["agency_id", "category", "queue_key", "id"],
    "ix_cases_agency_platform_queue": ["agency_id", "merchant_platform", "queue_key", "id"],
    "ix_cases_agency_age": ["agency_id", "id"],
    "ix_cases_mediator_queue": ["mediator_account_id", "queue_key", "id"],
}


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "name"),
    )
    op.create_index("ix_saved_views_account_id", "saved_views", ["account_id"])
    for name, columns in INDEXES.items():
        op.create_index(name, "cases", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="cases")
    op.drop_index("ix_saved_views_account_id", table_name="saved_views")
    op.drop_table("saved_views")
