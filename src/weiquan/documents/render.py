"""Documents: a template (per type, per language) → a document model → PDF, DOCX or text.

Templates are HTML with a small vocabulary (h1 title, h2/h3 headings, p, ol/ul/li, table) in
templates/documents/<lang>/<type>.html, written for lawyers to read and edit. They render with
autoescape on, so case text (the narrative, names) arrives as escaped text; the rendered HTML is
parsed into the model below (entities decoded back into plain text) and the model is written
out three ways. User text is only ever data: no template is ever built from it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html.parser import HTMLParser
from typing import Any, ClassVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from weiquan.common import i18n
from weiquan.common.i18n import N_
from weiquan.common.templating import PACKAGE
from weiquan.documents.facts import FACTS, REQUIREMENTS, TITLES, DocType
from weiquan.documents.numerals import capital_yuan
from weiquan.documents.service import Source, context, missing
from weiquan.law.money import format_fen
from weiquan.law.provision import instrument_name

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
}

# Instruments the engine does not cite but documents do.
EXTRA_INSTRUMENTS = {
    "CPL": {"zh": "民事诉讼法", "en": "Civil Procedure Law"},
}


# ---- the document model -------------------------------------------------------------------


@dataclass
class Block:
    """title | heading | subheading | para | item (of a list) | table."""

    kind: str
    text: str = ""
    style: str = ""  # para: "right", "center", "small"; item: "ol" or "ul"
    number: int = 0  # item: its number in an ordered list
    rows: list[list[tuple[str, bool]]] = field(default_factory=list)  # table: (text, header)


@dataclass
class Document:
    type: str
    lang: str
    title: str
    blocks: list[Block]


class _Parser(HTMLParser):
    BLOCKS: ClassVar[dict[str, str]] = {
        "h1": "title",
        "h2": "heading",
        "h3": "subheading",
        "p": "para",
        "li": "item",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.buffer: list[str] = []
        self.lists: list[list[Any]] = []  # [kind, counter]
        self.table: Block | None = None
        self.row: list[tuple[str, bool]] | None = None
        self.cell_header = False
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_body = True
        if not self.in_body:
            return
        style = dict(attrs).get("class") or ""
        if tag in ("ol", "ul"):
            self.lists.append([tag, 0])
        elif tag in self.BLOCKS:
            self.buffer = []
            self.current = Block(self.BLOCKS[tag], style=style)
            if tag == "li" and self.lists:
                self.lists[-1][1] += 1
                self.current.style, self.current.number = self.lists[-1][0], self.lists[-1][1]
        elif tag == "table":
            self.table = Block("table", style=style)
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.buffer = []
            self.cell_header = tag == "th"
        elif tag == "br":
            self.buffer.append(BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_body = False
        if not self.in_body:
            return
        if tag in self.BLOCKS and self.current is not None:
            self.current.text = _clean("".join(self.buffer))
            if self.current.text:
                self.blocks.append(self.current)
            self.current = None
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.row is not None:
            self.row.append((_clean("".join(self.buffer)), self.cell_header))
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.table.rows.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            if self.table.rows:
                self.blocks.append(self.table)
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.in_body:
            self.buffer.append(data.replace(BREAK, ""))


BREAK = "\x00"  # a <br> while parsing; case text cannot contain it (removed on the way in)


def _clean(text: str) -> str:
    """Template whitespace collapsed; only a <br> breaks a line."""
    lines = (re.sub(r"\s+", " ", part).strip() for part in text.split(BREAK))
    return "\n".join(line for line in lines if line)


def parse(html: str, doc_type: str, lang: str) -> Document:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    title = next((b.text for b in parser.blocks if b.kind == "title"), doc_type)
    return Document(doc_type, lang, title, parser.blocks)


# ---- templates ----------------------------------------------------------------------------


def yuan(fen: int, lang: str) -> str:
    return f"{format_fen(fen)}元" if lang == "zh_CN" else f"CNY {format_fen(fen)}"


def cite(citation: dict[str, Any], lang: str) -> str:
    """消费者权益保护法第55条第1款 / Consumer Rights Protection Law Art. 55(1)."""
    code = citation.get("instrument", "")
    names = EXTRA_INSTRUMENTS.get(code) or instrument_name(code).model_dump()
    name = names["zh" if lang == "zh_CN" else "en"]
    article, paragraph, item = (citation.get(k) for k in ("article", "paragraph", "item"))
    if lang == "zh_CN":
        return (
            f"《{name}》第{article}条"
            + (f"第{paragraph}款" if paragraph else "")
            + (f"第{item}项" if item else "")
        )
    return (
        f"{name} Art. {article}"
        + (f"({paragraph})" if paragraph else "")
        + (f"({item})" if item else "")
    )


def cites(citations: list[dict[str, Any]], lang: str) -> str:
    """Citations in words, each once, in order."""
    seen: list[str] = []
    for c in citations:
        text = cite(c, lang)
        if text not in seen:
            seen.append(text)
    return ("、" if lang == "zh_CN" else "; ").join(seen)


def day(value: date | str | None, lang: str) -> str:
    if value is None or value == "":
        return ""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    if lang == "zh_CN":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {d.strftime('%B %Y')}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE / "templates" / "documents"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def to_html_source(doc_type: DocType, lang: str, ctx: dict[str, Any]) -> str:
    """The filled-in template (HTML with autoescaped case text)."""
    folder = "zh" if lang == "zh_CN" else "en"
    template = environment().get_template(f"{folder}/{doc_type.value}.html")
    helpers = {
        "yuan": lambda fen: yuan(fen, lang),
        "capital": capital_yuan,
        "amount": lambda fen: (
            f"{yuan(fen, lang)}（{capital_yuan(fen)}）"
            if lang == "zh_CN"
            else f"{yuan(fen, lang)} ({capital_yuan(fen)})"
        ),
        "cite": lambda c: cite(c, lang),
        "cites": lambda cs: cites(cs, lang),
        "day": lambda d: day(d, lang),
        "pick": lambda t: i18n.pick(t or {}, lang) if t else "",
    }
    return template.render(**ctx, **helpers)


def build(source: Source, doc_type: DocType, lang: str) -> Document:
    """The document model of doc_type in lang (zh_CN or en) for the case in source."""
    restore = i18n.bind(lang)
    try:
        html = to_html_source(doc_type, lang, context(source, doc_type))
    finally:
        restore()
    doc = parse(html, doc_type.value, lang)
    if not doc.blocks:
        doc.title = i18n.gettext(TITLES[doc_type], lang)
    return doc


# ---- writers ------------------------------------------------------------------------------

PDF_CSS = """
@page { size: A4; margin: 25mm 24mm 22mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11.5pt;
       line-height: 1.7; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 14pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; }
h3 { font-size: 11.5pt; margin: 8pt 0 2pt; }
p { margin: 0 0 5pt; text-align: justify; }
p.right { text-align: right; } p.center { text-align: center; }
p.small { font-size: 9pt; color: #333; }
li { margin-bottom: 3pt; }
td, th { font-size: 9.5pt; }
td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 6.5pt; word-break: break-all; }
p.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; margin: 0; }
table.evidence { table-layout: fixed; }
table.evidence th:nth-child(1) { width: 8%; } table.evidence th:nth-child(2) { width: 15%; }
table.evidence th:nth-child(3) { width: 27%; } table.evidence th:nth-child(4) { width: 22%; }
table.evidence th:nth-child(5) { width: 28%; }
"""


SHA256 = re.compile(r"[0-9a-f]{64}")
HASH_CLASS = ' class="hash"'


def _lines(text: str) -> str:
    # str() first: Markup.replace would escape the <br> it puts in.
    return str(escape(text)).replace("\n", "<br>")


def to_html(doc: Document, *, fragment: bool = False) -> str:
    """The document as HTML (every text escaped): a page for PDF, or a fragment to preview."""
    out: list[str] = []
    items: list[Block] = []

    def flush() -> None:
        if items:
            tag = items[0].style if items[0].style in ("ol", "ul") else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_lines(i.text)}</li>" for i in items))
            out.append(f"</{tag}>")
            items.clear()

    for b in doc.blocks:
        if b.kind == "item":
            if items and items[0].style != b.style:
                flush()
            items.append(b)
            continue
        flush()
        cls = f' class="{escape(b.style)}"' if b.style else ""
        if b.kind == "title":
            out.append(f"<h1>{_lines(b.text)}</h1>")
        elif b.kind == "heading":
            out.append(f"<h2>{_lines(b.text)}</h2>")
        elif b.kind == "subheading":
            out.append(f"<h3>{_lines(b.text)}</h3>")
        elif b.kind == "para":
            out.append(f"<p{cls}>{_lines(b.text)}</p>")
        elif b.kind == "table":
            rows = []
            for row in b.rows:
                cells = "".join(
                    f"<th>{_lines(t)}</th>"
                    if h
                    else f"<td{HASH_CLASS if SHA256.fullmatch(t) else ''}>{_lines(t)}</td>"
                    for t, h in row
                )
                rows.append(f"<tr>{cells}</tr>")
            out.append(f"<table{cls}>{''.join(rows)}</table>")
    flush()
    body = "\n".join(out)
    if fragment:
        return f'<div class="document">{body}</div>'
    html_lang = "zh-CN" if doc.lang == "zh_CN" else "en"
    return (
        f'<!doctype html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title></head><body>{body}</body></html>"
    )


# Page numbers: a court counts the pages of what is filed, and loose pages get mixed up.
PAGE_OF = N_("Page {page} of {pages}")


def _page_parts(lang: str) -> list[tuple[str, str]]:
    """The footer in the document's language as (text, counter) parts; counter is page or
    pages (then text is empty)."""
    parts: list[tuple[str, str]] = []
    for piece in re.split(r"(\{page\}|\{pages\})", i18n.gettext(PAGE_OF, lang)):
        if piece in ("{page}", "{pages}"):
            parts.append(("", piece[1:-1]))
        elif piece:
            parts.append((piece, ""))
    return parts


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(lang: str) -> str:
    content = " ".join(
        f"counter({counter})" if counter else _css_string(text)
        for text, counter in _page_parts(lang)
    )
    return (
        f"@page {{ @bottom-center {{ content: {content}; font-size: 9pt; color: #444; "
        'font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; } }'
    )


def to_pdf(doc: Document) -> bytes:
    from weiquan.common.pdf import html_to_pdf

    return html_to_pdf(to_html(doc), css=PDF_CSS + page_css(doc.lang))


def to_text(doc: Document) -> str:
    """Plain text, for pasting into an online complaint form."""
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "title":
            out += [b.text, ""]
        elif b.kind in ("heading", "subheading"):
            out += ["", b.text]
        elif b.kind == "para":
            out.append(b.text)
        elif b.kind == "item":
            mark = f"{b.number}. " if b.style == "ol" else "- "
            out.append(mark + b.text.replace("\n", "\n   "))
        elif b.kind == "table":
            out += [" | ".join(t.replace("\n", " ") for t, _ in row) for row in b.rows]
    return "\n".join(out).strip() + "\n"


EAST_ASIAN_FONT = "SimSun"  # 宋体: on every Chinese Windows and in Word for Mac
LATIN_FONT = "Times New Roman"


def to_docx(doc: Document) -> bytes:
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
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, counter in _page_parts(lang):
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


def write(doc: Document, fmt: str) -> bytes:
    """The document in fmt: pdf, docx or txt."""
    if fmt == "pdf":
        return to_pdf(doc)
    if fmt == "docx":
        return to_docx(doc)
    if fmt == "txt":
        return to_text(doc).encode()
    raise ValueError(fmt)


# ---- making a document, or saying what it lacks ---------------------------------------------

CANNOT_MAKE = N_("This document cannot be made yet. Missing: {missing}.")


class Missing(Exception):
    """The facts a document still lacks (fact keys, or facts.EVIDENCE)."""

    def __init__(self, doc_type: DocType, keys: list[str]) -> None:
        super().__init__(", ".join(keys))
        self.doc_type = doc_type
        self.keys = keys

    def text(self, lang: str | None = None) -> str:
        labels = [m["label"] for m in missing_public(self.keys, lang)]
        sep = "、" if (lang or i18n.current_language.get()) == "zh_CN" else "; "
        return i18n.gettext(CANNOT_MAKE, lang).format(missing=sep.join(labels))


def missing_public(keys: list[str], lang: str | None = None) -> list[dict[str, Any]]:
    """What is missing, with labels and help in lang (or the current language)."""
    out = []
    for key in keys:
        if key in FACTS:
            fact = FACTS[key]
            out.append(
                {
                    "fact": key,
                    "label": i18n.gettext(fact.label, lang),
                    "help": i18n.gettext(fact.help, lang) if fact.help else "",
                    "side": fact.side,
                }
            )
        else:
            out.append(
                {
                    "fact": key,
                    "label": i18n.gettext(REQUIREMENTS[key], lang),
                    "help": "",
                    "side": "consumer",
                }
            )
    return out


def doc_language(value: str | None) -> str:
    """zh, zh-CN, en ... as zh_CN or en; the reader's language when not given."""
    return i18n.normalize(value) or i18n.current_language.get()


def produce(source: Source, doc_type: DocType, lang: str, fmt: str) -> bytes:
    """The document as bytes in fmt (pdf, docx, txt), or Missing."""
    if lacking := missing(source, doc_type):
        raise Missing(doc_type, lacking)
    return write(build(source, doc_type, lang), fmt)


def filename(number: str, doc_type: DocType, lang: str, fmt: str) -> str:
    short = "zh" if lang == "zh_CN" else "en"
    return f"{number}-{doc_type.value.replace('_', '-')}-{short}.{fmt}"
