"""cases: external_ref unique per filing account

Revision ID: 0012_intake
Revises: 0011_trust_base
Create Date: 2026-12-07

A case's external_ref was unique across everyone, so anyone who sent another person's order id
got that person's case back, and whoever sent it first blocked the other's filing. The key is
now the filing account and the reference. Cases filed by a consumer get that consumer as their
filer; the others (staff or the command line, who filed for someone) keep their reference but
no filer, so a later filing never matches them. No duplicate can exist: the old key was
stricter.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

revision: str = "0012_intake"
down_revision: str | None = "0011_trust_base"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with _cases_rebuilt() as batch_op:
        batch_op.add_column(sa.Column("filer_account_id", sa.Integer(), nullable=True))
        batch_op.drop_constraint("uq_cases_external_ref", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_cases_filer_account_id"), ["filer_account_id", "external_ref"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_cases_filer_account_id_accounts"),
            "accounts",
            ["filer_account_id"],
            ["id"],
        )
    op.execute("UPDATE cases SET filer_account_id = consumer_account_id")


def downgrade() -> None:
    # Fails, rather than guess, if two filers used the same reference meanwhile.
    with _cases_rebuilt() as batch_op:
        batch_op.drop_constraint("fk_cases_filer_account_id_accounts", type_="foreignkey")
        batch_op.drop_constraint("uq_cases_filer_account_id", type_="unique")
        batch_op.create_unique_constraint("uq_cases_external_ref", ["external_ref"])
        batch_op.drop_column("filer_account_id")


@contextmanager
def _cases_rebuilt() -> Iterator[BatchOperations]:
    """op.batch_alter_table("cases"), which on SQLite copies the table and drops the old one.

    The drop deletes every case first as far as foreign keys go, and the rows of other tables
    that point at them (events, evidence, ...) make it fail. SQLite's own recipe for changing a
    table (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off, which takes
    effect only outside a transaction, rebuild, check them, then on again.
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        with op.batch_alter_table("cases", schema=None) as batch_op:
            yield batch_op
        return
    bind.exec_driver_sql("COMMIT")  # the connection's transaction is begun again below
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    bind.exec_driver_sql("BEGIN IMMEDIATE")
    try:
        with op.batch_alter_table("cases", schema=None) as batch_op:
            yield batch_op
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"foreign keys broken by rebuilding cases: {broken[:5]}")
    except BaseException:
        bind.exec_driver_sql("ROLLBACK")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN")
        raise
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys=ON")
    bind.exec_driver_sql("BEGIN IMMEDIATE")
