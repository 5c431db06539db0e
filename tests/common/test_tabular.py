"""Downloads open in Excel as the reader saw them: Chinese intact, formulas inert."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from weiquan.common.tabular import Column, render, to_csv, to_xlsx

COLUMNS = [Column("number", "编号"), Column("merchant", "商家"), Column("n", "数量")]
ROWS = [
    {"number": "WQ-2026-000001", "merchant": '=HYPERLINK("x")', "n": 3},
    {"number": "WQ-2026-000002", "merchant": "张*明的小店", "n": None, "extra": "not shown"},
]


def test_csv_has_bom_headings_and_inert_formulas() -> None:
    body = to_csv(COLUMNS, ROWS)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["编号", "商家", "数量"]
    assert rows[1] == ["WQ-2026-000001", '\'=HYPERLINK("x")', "3"]
    assert rows[2] == ["WQ-2026-000002", "张*明的小店", ""]


def test_xlsx_reads_back_with_types() -> None:
    body = to_xlsx(
        [*COLUMNS, Column("on", "日期")], [{**ROWS[0], "on": date(2026, 12, 1)}], sheet="队列:1"
    )
    book = load_workbook(io.BytesIO(body))
    sheet = book.worksheets[0]
    assert sheet.title == "队列 1"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("编号", "商家", "数量", "日期")
    assert values[1][1] == '\'=HYPERLINK("x")'
    assert values[1][2] == 3
    assert values[1][3].date() == date(2026, 12, 1)


def test_render_refuses_other_formats() -> None:
    assert render("csv", COLUMNS, [])[1].startswith("text/csv")
    with pytest.raises(ValueError):
        render("pdf", COLUMNS, [])
