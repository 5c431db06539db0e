"""merchant registry: identities, links and their audit, case facts, agency records

Revision ID: 0004_merchants
Revises: 0003_lifecycle
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import weiquan.db

revision: str = "0004_merchants"
down_revision: str | None = "0003_lifecycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "merchants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=True),
        sa.Column("code_issued_at", weiquan.db.UTCDateTime(), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("reply_at", weiquan.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["merchants.id"], name=op.f("fk_merchants_merged_into_id_merchants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchants")),
    )
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchants_merged_into_id"), ["merged_into_id"], unique=False
        )

    op.create_table(
        "merchant_identifiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("merchant_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("display", sa.String(length=500), nullable=False),
        sa.Column("key", sa.String(length=700), nullable=True),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_merchant_identifiers_merchant_id_merchants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_identifiers")),
        sa.UniqueConstraint("key", name=op.f("uq_merchant_identifiers_key")),
    )
    with op.batch_alter_table("merchant_identifiers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_identifiers_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_merchant_identifiers_value"), ["value"], unique=False)

    op.create_table(
        "merchant_agency_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=16), nullable=False),
        sa.Column("finding_kind", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.String(length=8), nullable=False),
        sa.Column("authority", sa.String(length=200), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("case_number", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("merchant_id", sa.Integer(), nullable=False),
        sa.Column("identifier_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=48), nullable=False),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identifier_id"],
            ["merchant_identifiers.id"],
            name=op.f("fk_merchant_agency_records_identifier_id_merchant_identifiers"),
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_merchant_agency_records_merchant_id_merchants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_agency_records")),
    )
    with op.batch_alter_table("merchant_agency_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_agency_records_merchant_id"), ["merchant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_merchant_agency_records_record_type"), ["record_type"], unique=False
        )

    op.create_table(
        "merchant_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("evidence_kind", sa.String(length=16), nullable=False),
        sa.Column("evidence_ref", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=48), nullable=False),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", weiquan.db.UTCDateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=48), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["a_id"],
            ["merchant_identifiers.id"],
            name=op.f("fk_merchant_links_a_id_merchant_identifiers"),
        ),
        sa.ForeignKeyConstraint(
            ["b_id"],
            ["merchant_identifiers.id"],
            name=op.f("fk_merchant_links_b_id_merchant_identifiers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_links")),
    )
    with op.batch_alter_table("merchant_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merchant_links_a_id"), ["a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merchant_links_b_id"), ["b_id"], unique=False)

    op.create_table(
        "merchant_cases",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("merchant_id", sa.Integer(), nullable=False),
        sa.Column("identifier_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("claimant_key", sa.String(length=32), nullable=False),
        sa.Column("filed_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("private_transfer", sa.Boolean(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("below_market", sa.Boolean(), nullable=False),
        sa.Column("demanded", sa.Boolean(), nullable=False),
        sa.Column("due_at", weiquan.db.UTCDateTime(), nullable=True),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("answered_on_time", sa.Boolean(), nullable=True),
        sa.Column("answer_seconds", sa.BigInteger(), nullable=True),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("settled", sa.Boolean(), nullable=False),
        sa.Column("refused", sa.Boolean(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("closed_at", weiquan.db.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("amount_recovered_fen", sa.BigInteger(), nullable=False),
        sa.Column("publish_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_merchant_cases_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["identifier_id"],
            ["merchant_identifiers.id"],
            name=op.f("fk_merchant_cases_identifier_id_merchant_identifiers"),
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"], ["merchants.id"], name=op.f("fk_merchant_cases_merchant_id_merchants")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_merchant_cases")),
    )
    with op.batch_alter_table("merchant_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_cases_claimant_key"), ["claimant_key"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_merchant_cases_identifier_id"), ["identifier_id"], unique=False
        )
        batch_op.create_index(
            "ix_merchant_cases_merchant_answer", ["merchant_id", "answer_seconds"], unique=False
        )
        batch_op.create_index(
            "ix_merchant_cases_public", ["publish_consent", "closed_at"], unique=False
        )

    op.create_table(
        "merchant_resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", weiquan.db.UTCDateTime(), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("actor", sa.String(length=48), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence_kind", sa.String(length=16), nullable=False),
        sa.Column("evidence_ref", sa.String(length=100), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("merchant_id", sa.Integer(), nullable=False),
        sa.Column("other_merchant_ids", sa.JSON(), nullable=False),
        sa.Column("identifier_ids", sa.JSON(), nullable=False),
        sa.Column("undone_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["merchant_links.id"],
            name=op.f("fk_merchant_resolutions_link_id_merchant_links"),
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["merchants.id"],
            name=op.f("fk_merchant_resolutions_merchant_id_merchants"),
        ),
        sa.ForeignKeyConstraint(
            ["undone_by_id"],
            ["merchant_resolutions.id"],
            name=op.f("fk_merchant_resolutions_undone_by_id_merchant_resolutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_resolutions")),
    )
    with op.batch_alter_table("merchant_resolutions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_resolutions_merchant_id"), ["merchant_id"], unique=False
        )

    op.create_table(
        "merchant_return_inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("listing_hashes", sa.JSON(), nullable=False),
        sa.Column("returned_hashes", sa.JSON(), nullable=False),
        sa.Column("distance", sa.Integer(), nullable=False),
        sa.Column("mismatch", sa.Boolean(), nullable=False),
        sa.Column("actor", sa.String(length=48), nullable=False),
        sa.Column("created_at", weiquan.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_merchant_return_inspections_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchant_return_inspections")),
    )
    with op.batch_alter_table("merchant_return_inspections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_return_inspections_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("merchant_return_inspections", schema=None) as batch_op:
        batch_op.drop_index("ix_merchant_return_inspections_case_id")
    op.drop_table("merchant_return_inspections")
    with op.batch_alter_table("merchant_resolutions", schema=None) as batch_op:
        batch_op.drop_index("ix_merchant_resolutions_merchant_id")
    op.drop_table("merchant_resolutions")
    with op.batch_alter_table("merchant_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_merchant_cases_claimant_key")
        batch_op.drop_index("ix_merchant_cases_identifier_id")
        batch_op.drop_index("ix_merchant_cases_merchant_answer")
        batch_op.drop_index("ix_merchant_cases_public")
    op.drop_table("merchant_cases")
    with op.batch_alter_table("merchant_links", schema=None) as batch_op:
        batch_op.drop_index("ix_merchant_links_a_id")
        batch_op.drop_index("ix_merchant_links_b_id")
    op.drop_table("merchant_links")
    with op.batch_alter_table("merchant_agency_records", schema=None) as batch_op:
        batch_op.drop_index("ix_merchant_agency_records_merchant_id")
        batch_op.drop_index("ix_merchant_agency_records_record_type")
    op.drop_table("merchant_agency_records")
    with op.batch_alter_table("merchant_identifiers", schema=None) as batch_op:
        batch_op.drop_index("ix_merchant_identifiers_merchant_id")
        batch_op.drop_index("ix_merchant_identifiers_value")
    op.drop_table("merchant_identifiers")
    with op.batch_alter_table("merchants", schema=None) as batch_op:
        batch_op.drop_index("ix_merchants_merged_into_id")
    op.drop_table("merchants")
