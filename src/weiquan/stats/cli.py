"""`weiquan report`: an agency's quarterly complaint analysis as PDF and DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from weiquan.common import i18n
from weiquan.common.cli import err, out, usage_error
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
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
