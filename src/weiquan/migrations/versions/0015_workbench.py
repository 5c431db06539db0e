"""cases: the clerk a complaint is assigned to, and the engine's word on its admissibility

Revision ID: 0015_workbench
Revises: 0014_negotiate
Create Date: 2026-12-07

The agency's queue filters on both (issue 21): each clerk's own list, and the complaints the law
engine would refuse (SAMR complaint measures Art. 15) or that lack what Art. 9 requires. The
admissibility is kept beside the case, written by the step that files the complaint and by
those that change its facts, because a queue of a million cases cannot run the engine per row.
Nullable: a case not yet with an agency has neither.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_workbench"
down_revision: str | None = "0014_negotiate"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, no batch rebuild: rebuilding `cases` on SQLite drops and re-creates the
    # table that other tables' rows point at. SQLite takes the reference inline on a nullable
    # column (Alembic's add_column would try an ALTER of constraints, which SQLite lacks);
    # PostgreSQL gets it as a named constraint.
    fk = "fk_cases_assigned_account_id_accounts"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE cases ADD COLUMN assigned_account_id INTEGER "
            f"CONSTRAINT {fk} REFERENCES accounts (id)"
        )
    else:
        op.add_column("cases", sa.Column("assigned_account_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk, "cases", "accounts", ["assigned_account_id"], ["id"])
    op.add_column("cases", sa.Column("admissibility", sa.String(length=16), nullable=True))
    op.create_index("ix_cases_assigned_account_id", "cases", ["assigned_account_id"])
    op.create_index("ix_cases_admissibility", "cases", ["admissibility"])


def downgrade() -> None:
    op.drop_index("ix_cases_admissibility", table_name="cases")
    op.drop_index("ix_cases_assigned_account_id", table_name="cases")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_constraint("fk_cases_assigned_account_id_accounts", type_="foreignkey")
        batch_op.drop_column("admissibility")
        batch_op.drop_column("assigned_account_id")
