"""documents: the facts supplied for a case's documents

Revision ID: 0007_documents
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import weiquan.db

revision: str = "0007_documents"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("updated_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_document_facts_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_facts")),
        sa.UniqueConstraint("case_id", name=op.f("uq_document_facts_case_id")),
    )


def downgrade() -> None:
    op.drop_table("document_facts")
