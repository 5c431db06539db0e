"""assessment results packed with zstd against a dictionary of assessments

Revision ID: 0010_assessments_packed
Revises: 0009_assessment_lz4
Create Date: 2026-12-06

The result column holds the bytes of weiquan.assessments.packing instead of JSON text: 1 to 2
KB instead of about 30. Rows already stored are packed here, a chunk at a time; their JSON text
is kept byte for byte (packing gives it back exactly), and downgrade unpacks it again.
"""

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from weiquan.assessments import packing

revision: str = "0010_assessments_packed"
down_revision: str | None = "0009_assessment_lz4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 500
ROWS = sa.table("case_assessments", sa.column("id", sa.Integer), sa.column("result"))


def upgrade() -> None:
    _retype(sa.JSON(), sa.LargeBinary(), "convert_to(result::text, 'UTF8')")
    # SQLite keeps each value's own type through the change: text, here.
    _rewrite(lambda value: packing.pack(value.encode() if isinstance(value, str) else value))


def downgrade() -> None:
    # Bytes for PostgreSQL's bytea (the type change turns them into JSON); text for SQLite.
    sqlite = op.get_bind().dialect.name == "sqlite"
    _rewrite(lambda value: packing.unpack(value).decode() if sqlite else packing.unpack(value))
    _retype(sa.LargeBinary(), sa.JSON(), "convert_from(result, 'UTF8')::json")


def _retype(old: sa.types.TypeEngine[Any], new: sa.types.TypeEngine[Any], using: str) -> None:
    with op.batch_alter_table("case_assessments", schema=None) as batch_op:
        batch_op.alter_column(
            "result", existing_type=old, type_=new, existing_nullable=False,
            postgresql_using=using,
        )  # fmt: skip


def _rewrite(change: Callable[[Any], bytes | str]) -> None:
    bind = op.get_bind()
    after = 0
    while True:
        rows = bind.execute(
            sa.select(ROWS.c.id, ROWS.c.result)
            .where(ROWS.c.id > after)
            .order_by(ROWS.c.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        bind.execute(
            ROWS.update().where(ROWS.c.id == sa.bindparam("row_id")),
            [{"row_id": row.id, "result": change(row.result)} for row in rows],
        )
        after = rows[-1].id
