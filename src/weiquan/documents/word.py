"""The document as DOCX (python-docx), for a lawyer to edit in Word or WPS."""

from __future__ import annotations

import io
from typing import Any

from weiquan.documents.document import Document, page_parts

EAST_ASIAN_FONT = "SimSun"  # 宋体: on every Chinese Windows and in Word for Mac
LATIN_FONT = "Times New Roman"


def to_docx(doc: Document) -> bytes:
    # Lazy, like WeasyPrint for PDF: python-docx (lxml) loads only when a DOCX is made.
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = Docx()
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "List Bullet"):
        style = word.styles[style_name]
        style.font.name = LATIN_FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
    word.styles["Normal"].font.size = Pt(11.5)
    word.core_properties.title = doc.title
    word.core_properties.language = "zh-CN" if doc.lang == "zh_CN" else "en"

    def lines(paragraph: Any, text: str, bold: bool = False) -> None:
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            if bold:
                run.bold = True

    for b in doc.blocks:
        if b.kind == "title":
            p = word.add_paragraph(style="Title")
            lines(p, b.text)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "heading":
            lines(word.add_paragraph(style="Heading 1"), b.text)
        elif b.kind == "subheading":
            lines(word.add_paragraph(style="Heading 2"), b.text)
        elif b.kind == "para":
            p = word.add_paragraph()
            lines(p, b.text)
            if b.style == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif b.style == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "item":
            prefix = f"{b.number}. " if b.style == "ol" else "• "
            lines(word.add_paragraph(), prefix + b.text)
        elif b.kind == "table":
            width = max(len(r) for r in b.rows)
            table = word.add_table(rows=len(b.rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, (text, header) in enumerate(row):
                    cell = table.cell(r, c)
                    lines(cell.paragraphs[0], text, bold=header)
    _docx_page_numbers(word, doc.lang)
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def _docx_page_numbers(word: Any, lang: str) -> None:
    """A centred footer with the page number and the page count (Word fields)."""
    # Lazy: see to_docx.
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, counter in page_parts(lang):
        if text:
            paragraph.add_run(text).font.size = Pt(9)
            continue
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), "PAGE" if counter == "page" else "NUMPAGES")
        run = OxmlElement("w:r")
        shown = OxmlElement("w:t")
        shown.text = "1"  # what a reader shows before it updates the field
        run.append(shown)
        simple.append(run)
        paragraph._p.append(simple)
