"""cases: the queue's filters in queue order across agencies, for the regions' part of a queue

Revision ID: 0017_workbench_indexes
Revises: 0016_queue
Create Date: 2026-12-07

An office's queue is its own complaints (read from the (agency, filter, queue key) indexes of
0016_queue) and the complaints filed elsewhere about merchants in its regions. With a filter,
that second part had no index giving both the filter and the order: SQLite read the region's
or the filter's rows and sorted them all for a page of fifty (EXPLAIN QUERY PLAN: "USE TEMP
B-TREE FOR ORDER BY"), which at a million cases is most of a province. With (filter, queue
key, id) the rows come in queue order and the region is checked on each, so a page reads a few
hundred index entries (bench/bench_workbench.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017_workbench_indexes"
down_revision: str | None = "0016_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_cases_status_queue": "status",
    "ix_cases_channel_queue": "channel",
    "ix_cases_category_queue": "category",
    "ix_cases_platform_queue": "merchant_platform",
    "ix_cases_assigned_queue": "assigned_account_id",
    "ix_cases_admissibility_queue": "admissibility",
}


def upgrade() -> None:
    for name, column in INDEXES.items():
        op.create_index(name, "cases", [column, "queue_key", "id"])


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="cases")
