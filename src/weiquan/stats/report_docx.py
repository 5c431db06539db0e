"""The quarterly report as DOCX (python-docx), for an association to edit before publishing:
charts as PNG at twice the screen's resolution, tables as Word tables, and the East Asian font
set on every style (w:eastAsia), or Word shows Chinese in a Latin font's fallback."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from weiquan.common import i18n
from weiquan.common.i18n import gettext
from weiquan.stats import charts
from weiquan.stats import report_texts as texts
from weiquan.stats.report_model import Breakdown, Hot, Report, Table

EAST_ASIAN_FONT = "Microsoft YaHei"  # 微软雅黑: a sans-serif report font on Chinese Windows
LATIN_FONT = "Calibri"
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "Table Grid")


def _fonts(word: Any) -> None:
    from docx.oxml.ns import qn

    for name in STYLES:
        style = word.styles[name]
        style.font.name = LATIN_FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        # Headings use the theme's fonts unless told otherwise: drop the theme attributes.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _table(word: Any, t: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = word.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    table.style = "Table Grid"
    for c, text in enumerate(t.columns):
        cell = table.cell(0, c)
        cell.paragraphs[0].add_run(text).bold = True
    for r, row in enumerate(t.rows, start=1):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            paragraph.add_run(text)
            if (c and text[:1].isdigit()) or text == "—":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    word.add_paragraph()


def _breakdown(word: Any, b: Breakdown, level: int = 2) -> None:
    from docx.shared import Cm

    word.add_heading(b.heading, level=level)
    if b.chart.labels:
        word.add_picture(io.BytesIO(charts.png(b.chart)), width=Cm(15.5))
    _table(word, b.table)


def _hot(word: Any, items: Iterable[Hot]) -> None:
    for h in items:
        word.add_heading(h.heading, level=2)
        if not h.narratives:
            word.add_paragraph(gettext(texts.NO_EXAMPLE))
            continue
        word.add_paragraph(gettext(texts.EXAMPLES))
        for n in h.narratives:
            word.add_paragraph(n, style="Quote")


def render(r: Report) -> bytes:
    """The report as DOCX bytes (the language is the report's own)."""
    # Lazy, as WeasyPrint for PDF: python-docx (lxml) loads only when a DOCX is made.
    from docx import Document as Docx
    from docx.shared import Pt

    undo = i18n.bind(r.lang)
    try:
        word = Docx()
        _fonts(word)
        word.styles["Normal"].font.size = Pt(10.5)
        word.core_properties.title = r.title
        word.core_properties.language = i18n.HTML_LANG[r.lang]
        word.add_heading(r.title, level=0)
        word.add_paragraph(r.period)
        word.add_heading(gettext(texts.OVERVIEW), level=1)
        word.add_paragraph(r.summary)
        _table(word, r.totals)
        word.add_heading(gettext(texts.BREAKDOWNS), level=1)
        for b in r.breakdowns:
            _breakdown(word, b)
        word.add_heading(gettext(texts.HOT_PROBLEMS), level=1)
        _hot(word, r.hot_problems)
        word.add_heading(gettext(texts.HOT_GOODS), level=1)
        _hot(word, r.hot_goods)
        word.add_heading(gettext(texts.MERCHANTS), level=1)
        word.add_paragraph(gettext(texts.MERCHANTS_NOTE))
        if r.merchants.rows:
            _table(word, r.merchants)
        else:
            word.add_paragraph(gettext(texts.NO_MERCHANTS))
        _breakdown(word, r.outcomes, level=1)
        word.add_heading(gettext(texts.METHOD_HEADING), level=1)
        for term, text in r.method:
            p = word.add_paragraph()
            p.add_run(term + ": ").bold = True
            p.add_run(text)
        word.add_paragraph(r.made)
        buf = io.BytesIO()
        word.save(buf)
        return buf.getvalue()
    finally:
        undo()
