"""The dashboard's charts drawn on the server (matplotlib), for the PDF and DOCX reports.

Every chart is a `matplotlib.figure.Figure` of its own, never pyplot: pyplot keeps a global
current figure that two requests drawing at once would share. matplotlib loads on the first
chart, not at import, so the command line and the web app start without it. Labels are in
Noto Sans CJK from the system fonts (Debian's fonts-noto-cjk), found through matplotlib's font
manager; without it Chinese would come out as empty boxes, so its absence is an error.

SVG text is written as glyph outlines (svg.fonttype "path"): WeasyPrint then draws the SVG
exactly as matplotlib did, whatever fonts the PDF reader has, and the figures themselves are
in the table beside each chart, where the PDF's text search finds them.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

FAMILY = "Noto Sans CJK SC"
# weiquan's colours (static/weiquan.css): the first series, then the others.
COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#d68910", "#6c3483", "#17a589", "#7f8c8d")
Kind = Literal["bars", "columns", "line", "percent"]


class ChartFontMissing(RuntimeError):
    """The CJK font is not installed: charts would show boxes for every Chinese character."""


@dataclass(frozen=True)
class Chart:
    """One chart: labels and values already in the reader's language and units."""

    title: str
    kind: Kind  # bars: horizontal (long labels); columns, line: over time; percent: rates
    labels: tuple[str, ...]
    values: tuple[float, ...]


def _matplotlib() -> None:
    # The Agg backend before anything could import pyplot; nothing here does, but a library
    # that does must not pick a GUI backend in a server.
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    # svg.fonttype is read from rcParams when saving; changing it (rc_context) would change the
    # process-wide dict under other threads, so the default, outlines, is relied on.
    if matplotlib.rcParams["svg.fonttype"] != "path":
        raise RuntimeError("charts need svg.fonttype 'path' (text as outlines)")


@cache
def font() -> FontProperties:
    """Noto Sans CJK SC from the system fonts, or ChartFontMissing saying how to install it."""
    _matplotlib()
    from matplotlib import font_manager

    try:
        path = font_manager.findfont(
            font_manager.FontProperties(family=FAMILY), fallback_to_default=False
        )
    except ValueError as exc:
        raise ChartFontMissing(
            f"The font {FAMILY} is not installed; install Debian's fonts-noto-cjk"
            " (make test and make run do) so that charts can show Chinese."
        ) from exc
    return font_manager.FontProperties(fname=path)


def _figure(chart: Chart, titled: bool) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    prop = font()
    small = prop.copy()
    small.set_size(8)
    rows = max(1, len(chart.labels))
    height = 0.5 + 0.3 * rows if chart.kind == "bars" else 2.2
    fig = Figure(figsize=(6.4, min(max(height, 1.4), 5.5)), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    if titled:
        ax.set_title(chart.title, fontproperties=prop, fontsize=10.5, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    labels, values = list(chart.labels), list(chart.values)
    if not labels:
        ax.set_axis_off()
        return fig
    if chart.kind == "bars":
        # Largest at the top, as the tables beside them list them.
        positions = range(len(labels))[::-1]
        bars = ax.barh(list(positions), values, color=COLOURS[0], height=0.6)
        ax.set_yticks(list(positions), labels, fontproperties=small)
        ax.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize=7.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(x=0.12)
    elif chart.kind == "percent":
        bars = ax.bar(labels, [v * 100 for v in values], color=COLOURS[2], width=0.55)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter())
        ax.bar_label(bars, labels=[f"{v * 100:.1f}%" for v in values], padding=2, fontsize=8)
        ax.set_xticks(range(len(labels)), labels, fontproperties=small)
        ax.set_xlim(-0.6, max(len(labels), 3) - 0.4)  # one rate is a bar, not a wall
    else:
        if chart.kind == "line":
            ax.plot(labels, values, color=COLOURS[0], marker="o", linewidth=1.8)
        else:
            ax.bar(labels, values, color=COLOURS[0], width=0.6)
        ax.set_xticks(range(len(labels)), labels, fontproperties=small)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        for x, v in enumerate(values):
            ax.annotate(_number(v), (x, v), textcoords="offset points", xytext=(0, 3),
                        ha="center", fontsize=7.5)  # fmt: skip
    ax.tick_params(labelsize=8)
    return fig


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def png(chart: Chart, *, scale: float = 2.0, titled: bool = False) -> bytes:
    """The chart as PNG, at `scale` times 100 dpi (2: sharp in print and on phones); untitled
    unless asked, as a document's heading already names it."""
    _matplotlib()
    out = io.BytesIO()
    _figure(chart, titled).savefig(out, format="png", dpi=100 * scale)
    return out.getvalue()


def svg(chart: Chart, *, titled: bool = False) -> bytes:
    """The chart as SVG, its text as outlines (see the module's note)."""
    _matplotlib()
    out = io.BytesIO()
    # metadata Date None: the same chart gives the same bytes (no timestamp inside).
    _figure(chart, titled).savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
