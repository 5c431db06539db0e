"""Tables people download: the same columns and rows as CSV or XLSX (issue 21's exports).

Both formats pass every text cell through `spreadsheet.safe_cell` (a cell starting with = + - @
is a formula to Excel). The CSV starts with a byte-order mark because Excel, which most agency
clerks open it with, reads UTF-8 without one as the local code page and garbles Chinese.
Masking is the caller's: rows arrive here already as the reader may see them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from weiquan.common.spreadsheet import safe_cell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}

# Excel's sheet names: at most 31 characters, none of these.
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    key: str  # the row's key
    title: str  # the heading, already in the reader's language


def _cell(value: Any) -> Any:
    if isinstance(value, datetime | date) or value is None:
        return value
    if isinstance(value, bool | int | float):
        return value
    return safe_cell(str(value))


def to_csv(columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c.title) for c in columns])
    for row in rows:
        values = [_cell(row.get(c.key)) for c in columns]
        writer.writerow(["" if v is None else v for v in values])
    return out.getvalue().encode("utf-8")


def to_xlsx(
    columns: Sequence[Column], rows: Iterable[dict[str, Any]], *, sheet: str = "weiquan"
) -> bytes:
    # Write-only mode streams rows to the file instead of holding every cell object.
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet.translate(_SHEET_FORBIDDEN)[:31] or "weiquan")
    widths = [max(8, min(40, len(c.title) * 2 + 2)) for c in columns]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.append([c.title for c in columns])
    for row in rows:
        ws.append([_cell(row.get(c.key)) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(
    fmt: str, columns: Sequence[Column], rows: Iterable[dict[str, Any]], *, sheet: str = "weiquan"
) -> tuple[bytes, str]:
    """(body, media type) in `fmt` ("csv" or "xlsx"); ValueError for any other."""
    if fmt == "csv":
        return to_csv(columns, rows), CSV_TYPE
    if fmt == "xlsx":
        return to_xlsx(columns, rows, sheet=sheet), XLSX_TYPE
    raise ValueError(fmt)
