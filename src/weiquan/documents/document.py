"""The document model: the blocks of a filled-in template, parsed from its HTML.

Entities in the HTML decode back into plain text here; every writer (pdf, word, text) escapes
or places that text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, ClassVar

from weiquan.common import i18n
from weiquan.common.i18n import N_


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


# Page numbers: a court counts the pages of what is filed, and loose pages get mixed up.
PAGE_OF = N_("Page {page} of {pages}")


def page_parts(lang: str) -> list[tuple[str, str]]:
    """The footer in the document's language as (text, counter) parts; counter is page or
    pages (then text is empty)."""
    parts: list[tuple[str, str]] = []
    for piece in re.split(r"(\{page\}|\{pages\})", i18n.gettext(PAGE_OF, lang)):
        if piece in ("{page}", "{pages}"):
            parts.append(("", piece[1:-1]))
        elif piece:
            parts.append((piece, ""))
    return parts
