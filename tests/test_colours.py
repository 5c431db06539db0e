"""The colours of weiquan.css can be read: text in each variable's colour reaches 4.5:1 (WCAG AA
for body text) on white and on the tinted backgrounds it is written on. axe-core checks the
pages in the browser tests; this checks the palette itself, even where no page uses a colour
yet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "src/weiquan/static/weiquan.css").read_text()
ROOT = re.search(r":root\s*\{([^}]*)\}", CSS)
assert ROOT is not None
VARIABLES = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", ROOT[1]))
WHITE = "#ffffff"
# Text colour, background: where the stylesheet puts one on the other.
PAIRS = [
    ("muted", WHITE),  # hints, meta lines, timeline times, the unavailable remedy badge
    ("muted", "#f6f8fa"),  # an unavailable remedy
    ("ok", WHITE),  # the available badge, the unread count
    ("bad", WHITE),  # error text, overdue clocks
    ("accent", WHITE),  # the brand, secondary buttons, case numbers
    ("accent", "#fff1f0"),  # problem tags
    ("fg", "#ffebe9"),  # an error notice
    ("fg", "#dafbe1"),  # a success notice
    (WHITE, "accent"),  # primary buttons
    (WHITE, "ok"),  # the recommended badge
    ("#9a6700", WHITE),  # the contested badge
]


def colour(name: str) -> str:
    return name if name.startswith("#") else VARIABLES[name]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_is_computed_as_wcag_does() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_colours_reach_4_5_to_1(text: str, background: str) -> None:
    ratio = contrast(colour(text), colour(background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_the_contested_badge_and_its_background_are_in_the_stylesheet() -> None:
    """The pairs above are the stylesheet's: a changed colour must change them too."""
    for literal in ("#9a6700", "#fff1f0", "#ffebe9", "#dafbe1", "#f6f8fa"):
        assert literal in CSS, literal
