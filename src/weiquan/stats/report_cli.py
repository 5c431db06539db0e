"""`weiquan report` (an agency's quarterly analysis) and `weiquan export statistics`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from weiquan.common import i18n, tabular
from weiquan.common.cli import err, out, usage_error
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
from weiquan.merchants import cli as merchants_cli
from weiquan.stats import public, public_export
from weiquan.stats import report as reports
from weiquan.stats.charts import ChartFontMissing

WROTE = N_("Wrote {path}")
BAD_LANG = N_("The report's language is zh or en, not {value}.")


def report(
    agency: Annotated[str, typer.Option(help="机构名称。 The agency's name.")],
    quarter: Annotated[str, typer.Option(help="季度，如 2026Q4。 The quarter, e.g. 2026Q4.")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="报告语言 zh 或 en。 The report's language.")
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="输出目录。 The folder to write to.")
    ] = Path("."),
) -> None:
    """写出机构的季度投诉分析（PDF 和 DOCX）。 Write an agency's quarterly analysis."""
    chosen = i18n.normalize(lang) if lang else i18n.current_language.get()
    if chosen is None:
        usage_error(gettext(BAD_LANG).format(value=lang))
    try:
        q = reports.Quarter.parse(quarter)
        with configured_sessions()() as session:
            found = reports.agency_named(session, agency)
            made = reports.build(session, found.id, q, chosen)
        pdf, docx = reports.report_pdf(made), reports.report_docx(made)
    except reports.ReportError as exc:
        usage_error(str(exc))
    except ChartFontMissing as exc:
        err.print(str(exc), markup=False, highlight=False)
        raise typer.Exit(1) from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = reports.file_stem(made)
    for suffix, data in (("pdf", pdf), ("docx", docx)):
        path = out_dir / f"{stem}.{suffix}"
        path.write_bytes(data)
        out.print(gettext(WROTE).format(path=path), markup=False, highlight=False)


# `weiquan export` is the open-data export: merchants own its complaints; the statistics are
# this package's, which sits above merchants, so the group gains its command here.
export_app = merchants_cli.export_app
EXPORTED = N_("{n} rows of public statistics exported.")


@export_app.command("statistics")
def export_statistics(
    format: Annotated[str, typer.Option(help="csv 或 xlsx。 csv or xlsx.")] = "csv",
    output: Annotated[
        Path | None, typer.Option(help="输出文件（csv 默认标准输出）。 Output file.")
    ] = None,
) -> None:
    """导出公开统计（已适用公开规则）。 Export the public statistics, public rules applied."""
    if format not in tabular.FORMATS:
        usage_error(gettext(CHOOSE))
    if format == "xlsx" and output is None:
        usage_error(gettext(XLSX_NEEDS_FILE))
    with configured_sessions()() as session:
        rows = list(public_export.rows(public.build(session)))
    body, _ = tabular.render(format, public_export.columns(), rows)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        output.write_bytes(body)
    err.print(gettext(EXPORTED).format(n=len(rows)), markup=False, highlight=False)


CHOOSE = N_("Choose one of the listed options.")
XLSX_NEEDS_FILE = N_("Excel needs an output file: --output statistics.xlsx")
