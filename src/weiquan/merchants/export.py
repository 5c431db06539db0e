"""Open data: closed complaints without personal data, as CSV or Parquet (like the CFPB's).

Narratives are published only where the consumer agreed, and only after scrubbing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.cases.models import Case
from weiquan.common.money import format_fen
from weiquan.common.privacy import is_business_name
from weiquan.common.spreadsheet import safe_row
from weiquan.merchants import present
from weiquan.merchants.models import MerchantCase, MerchantIdentifier
from weiquan.merchants.scrub import scrub

COLUMNS = [
    "number",
    "filed_on",
    "closed_on",
    "merchant_id",
    "merchant",
    "platform",
    "channel",
    "category",
    "problems",
    "answered",
    "answered_on_time",
    "settled",
    "outcome",
    "amount_recovered",
    "narrative",
]


def rows(*, session: Session, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every closed complaint as a public row, oldest first, streamed in batches."""
    last = 0
    names: dict[int, str] = {}
    while True:
        chunk = session.execute(
            select(Case, MerchantCase)
            .join(MerchantCase, MerchantCase.case_id == Case.id)
            .where(MerchantCase.closed_at.is_not(None), Case.id > last)
            .order_by(Case.id)
            .limit(batch)
        ).all()
        if not chunk:
            return
        last = chunk[-1][0].id
        for case, mc in chunk:
            if mc.merchant_id not in names:
                names[mc.merchant_id] = present.public_name(
                    list(
                        session.execute(
                            select(MerchantIdentifier)
                            .where(MerchantIdentifier.merchant_id == mc.merchant_id)
                            .order_by(MerchantIdentifier.id)
                            .limit(50)
                        ).scalars()
                    )
                )
            yield _row(case, mc, names[mc.merchant_id])
        session.expunge_all()  # a long export must not hold every case in memory


def _row(case: Case, mc: MerchantCase, merchant: str) -> dict[str, Any]:
    known = [
        case.consumer_name,
        case.consumer_phone,
        case.consumer_email,
        case.consumer_address,
        case.merchant_wechat_id,
        case.merchant_phone,
        None if is_business_name(case.merchant_name or "") else case.merchant_name,
    ]
    return {
        "number": case.number,
        "filed_on": mc.filed_at.date().isoformat(),
        "closed_on": mc.closed_at.date().isoformat() if mc.closed_at else "",
        "merchant_id": mc.merchant_id,
        "merchant": merchant,
        "platform": case.merchant_platform or "",
        "channel": case.channel,
        "category": case.category,
        "problems": ";".join(case.problems or []),
        "answered": mc.answered,
        "answered_on_time": "" if mc.answered_on_time is None else mc.answered_on_time,
        "settled": mc.settled,
        "outcome": mc.outcome or "",
        "amount_recovered": format_fen(mc.amount_recovered_fen),
        "narrative": scrub(case.narrative, known) if mc.publish_consent else "",
    }


def write_csv(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for n, row in enumerate(records, 1):  # noqa: B007 (n is the count)
        writer.writerow(safe_row(row))  # narratives and names are other people's text
    return n


def write_parquet(records: Iterator[dict[str, Any]], path: Path, batch: int = 50_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (c, pa.int64())
            if c == "merchant_id"
            else (c, pa.bool_())
            if c in ("answered", "settled")
            else (c, pa.string())
            for c in COLUMNS
        ]
    )
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        buffer: list[dict[str, Any]] = []
        for row in records:
            row = {**row, "answered_on_time": str(row["answered_on_time"])}
            buffer.append(row)
            if len(buffer) >= batch:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                n += len(buffer)
                buffer = []
        if buffer or n == 0:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
            n += len(buffer)
    return n
