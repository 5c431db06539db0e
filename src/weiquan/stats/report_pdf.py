"""The quarterly report as PDF: HTML through the one PDF path (common.pdf, WeasyPrint with Noto
CJK embedded), each chart an SVG beside its table."""

from __future__ import annotations

import base64
from collections.abc import Iterable

from markupsafe import escape

from weiquan.common import i18n
from weiquan.common.i18n import HTML_LANG, gettext
from weiquan.common.pdf import html_to_pdf
from weiquan.stats import charts
from weiquan.stats import report_texts as texts
from weiquan.stats.report_model import Breakdown, Hot, Report, Table

CSS = """
@page { size: A4; margin: 18mm 16mm 18mm;
        @top-right { content: string(title); font-size: 7.5pt; color: #666; } }
html { font-size: 10pt; line-height: 1.55; color: #1b1b1b; }
h1 { font-size: 18pt; margin: 0 0 4pt; string-set: title content(); color: #14406e; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.2pt solid #1f5fa8;
     color: #14406e; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 5pt; }
p.period, p.made { color: #555; font-size: 8.5pt; }
p.summary { font-size: 11pt; background: #eef3fa; padding: 6pt 8pt;
            border-left: 3pt solid #1f5fa8; }
figure { margin: 4pt 0 6pt; break-inside: avoid; }
figure img { width: 100%; }
table { margin: 0 0 8pt; break-inside: auto; }
th { background: #e8eef6; }
th, td { border-color: #b9c4d0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
section.breakdown { break-inside: avoid; }
blockquote { margin: 3pt 0 6pt 10pt; padding-left: 8pt; border-left: 2pt solid #b9c4d0;
             color: #333; font-size: 9pt; }
dl dt { font-weight: bold; margin-top: 4pt; }
dl dd { margin: 0 0 2pt 12pt; }
p.note { color: #555; font-size: 8.5pt; }
"""


def _svg(chart: charts.Chart) -> str:
    data = base64.b64encode(charts.svg(chart)).decode("ascii")
    return f'<img alt="{escape(chart.title)}" src="data:image/svg+xml;base64,{data}">'


def _numeric(text: str) -> bool:
    t = text.replace(",", "").replace(".", "").replace("%", "").replace("—", "")
    return t.isdigit() or text == "—"


def table(t: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in t.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=n' if i and _numeric(v) else ''}>{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in t.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def breakdown(b: Breakdown, level: str = "h3") -> str:
    chart = f"<figure>{_svg(b.chart)}</figure>" if b.chart.labels else ""
    return (
        f'<section class="breakdown"><{level}>{escape(b.heading)}</{level}>'
        f"{chart}{table(b.table)}</section>"
    )


def hot(items: Iterable[Hot]) -> str:
    out = []
    for h in items:
        out.append(f"<h3>{escape(h.heading)}</h3>")
        if h.narratives:
            out.append(f'<p class="note">{escape(gettext(texts.EXAMPLES))}</p>')
            out.extend(f"<blockquote>{escape(n)}</blockquote>" for n in h.narratives)
        else:
            out.append(f'<p class="note">{escape(gettext(texts.NO_EXAMPLE))}</p>')
    return "".join(out)


def to_html(r: Report) -> str:
    merchants = (
        table(r.merchants) if r.merchants.rows else f"<p>{escape(gettext(texts.NO_MERCHANTS))}</p>"
    )
    method = "".join(f"<dt>{escape(t)}</dt><dd>{escape(d)}</dd>" for t, d in r.method)
    body = [
        f"<h1>{escape(r.title)}</h1>",
        f'<p class="period">{escape(r.period)}</p>',
        f"<h2>{escape(gettext(texts.OVERVIEW))}</h2>",
        f'<p class="summary">{escape(r.summary)}</p>',
        table(r.totals),
        f"<h2>{escape(gettext(texts.BREAKDOWNS))}</h2>",
        *(breakdown(b) for b in r.breakdowns),
        f"<h2>{escape(gettext(texts.HOT_PROBLEMS))}</h2>",
        hot(r.hot_problems),
        f"<h2>{escape(gettext(texts.HOT_GOODS))}</h2>",
        hot(r.hot_goods),
        f"<h2>{escape(gettext(texts.MERCHANTS))}</h2>",
        f'<p class="note">{escape(gettext(texts.MERCHANTS_NOTE))}</p>',
        merchants,
        breakdown(r.outcomes, "h2"),
        f"<h2>{escape(gettext(texts.METHOD_HEADING))}</h2>",
        f"<dl>{method}</dl>",
        f'<p class="made">{escape(r.made)}</p>',
    ]
    return (
        f'<!doctype html><html lang="{HTML_LANG[r.lang]}"><head><meta charset="utf-8">'
        f"<title>{escape(r.title)}</title></head><body>{''.join(body)}</body></html>"
    )


def render(r: Report) -> bytes:
    """The report as PDF bytes (the language is the report's own)."""
    undo = i18n.bind(r.lang)
    try:
        return html_to_pdf(to_html(r), css=CSS)
    finally:
        undo()
