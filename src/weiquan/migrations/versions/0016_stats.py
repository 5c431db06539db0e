"""cases: the day a complaint reached its agency; case_tallies: agencies' statistics

Revision ID: 0016_stats
Revises: 0015_workbench
Create Date: 2026-12-07

An agency's dashboard over a year of a million complaints (issue 21) sums counts kept per
agency, Beijing day and measure (weiquan.cases.tallies) instead of counting events per request.
The rows are filled by `weiquan stats rebuild` (cases.tallies.rebuild) and kept by the write
path from then on; this migration fills them for the cases already on file.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from weiquan.cases import tallies

revision: str = "0016_stats"
down_revision: str | None = "0015_workbench"
branch_labels: str | Sequence[str] | None = None
# The rebuild below reads the registry's links of cases to merchants as they stand since 0013.
depends_on: str | Sequence[str] | None = ("0013_merchant_ids",)


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("lodged_on", sa.Date(), nullable=True))
    op.create_index("ix_cases_agency_lodged", "cases", ["agency_id", "lodged_on"])
    op.create_index("ix_cases_lodged", "cases", ["lodged_on"])
    op.create_table(
        "case_tallies",
        sa.Column("agency_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("agency_id", "day", "measure", "value"),
    )
    # The model's definitions of the counts live in code (cases.tallies.sources): the cases on
    # file are counted with them here, once, as `weiquan stats rebuild` would.
    tallies.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("case_tallies")
    op.drop_index("ix_cases_lodged", table_name="cases")
    op.drop_index("ix_cases_agency_lodged", table_name="cases")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("lodged_on")
