"""The document as HTML: a page for the PDF, or a fragment to preview.

weiquan.common.pdf loads WeasyPrint only when a PDF is made, so importing this is cheap.
"""

from __future__ import annotations

import re

from markupsafe import escape

from weiquan.common.pdf import html_to_pdf
from weiquan.documents.document import Block, Document, page_parts

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


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(lang: str) -> str:
    content = " ".join(
        f"counter({counter})" if counter else _css_string(text)
        for text, counter in page_parts(lang)
    )
    return (
        f"@page {{ @bottom-center {{ content: {content}; font-size: 9pt; color: #444; "
        'font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; } }'
    )


def to_pdf(doc: Document) -> bytes:
    return html_to_pdf(to_html(doc), css=PDF_CSS + page_css(doc.lang))
