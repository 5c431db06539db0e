"""Documents: a template (per type, per language) → a document model → PDF, DOCX or text.

Templates are HTML with a small vocabulary (h1 title, h2/h3 headings, p, ol/ul/li, table) in
templates/documents/<lang>/<type>.html, written for lawyers to read and edit. They render with
autoescape on, so case text (the narrative, names) arrives as escaped text; the rendered HTML is
parsed into the model (document.py, entities decoded back into plain text) and the model is
written out three ways (pdf.py, word.py, text.py). User text is only ever data: no template is
ever built from it.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from weiquan.common import i18n
from weiquan.common.i18n import N_
from weiquan.common.templating import PACKAGE
from weiquan.documents.document import Document, parse
from weiquan.documents.facts import FACTS, REQUIREMENTS, TITLES, DocType
from weiquan.documents.numerals import capital_yuan
from weiquan.documents.pdf import to_pdf
from weiquan.documents.service import Source, context, missing
from weiquan.documents.text import to_text
from weiquan.documents.word import to_docx
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
