"""Boxes drawn on a picture to redact it: the form's fields, and the boxes a page starts with.

The drawing component (static/redact-boxes.js) keeps one row of numeric fields per box,
`box-<n>-x`, `-y`, `-w`, `-h` in the picture's own pixels (EXIF orientation applied, as the
browser shows it and as redaction.py draws), which is also the keyboard's way in. A box can be
"proposed" (`box-<n>-proposed`, put there by the page, e.g. read from the picture): it covers
nothing until the person ticks `box-<n>-confirmed`. The numbers go to the one redaction flow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from weiquan.common.i18n import N_
from weiquan.evidence.errors import Refused
from weiquan.evidence.redaction import MAX_COORDINATE, MAX_REGIONS, TOO_MANY_REGIONS

FIELD = re.compile(r"box-(\d{1,4})-(x|y|w|h|proposed|confirmed)")
HALF_FILLED = N_(
    "Box {n} needs all four numbers (left, top, width, height, in pixels of the picture)."
)
NOT_A_NUMBER = N_("Box {n}: “{value}” is not a whole number of pixels.")
NO_BOXES = N_(
    "Draw at least one box over what should be hidden, or confirm a proposed one; nothing was made."
)
# Blank rows the page offers when it cannot draw (no script): typed numbers still work.
BLANK_ROWS = 2


@dataclass
class Box:
    x: int | None
    y: int | None
    w: int | None
    h: int | None
    proposed: bool = False
    confirmed: bool = False
    n: int = 0  # its place among the rows the person saw (Box 1, Box 2, ...)
    bad: str | None = None  # what was typed that is not a number

    @property
    def covers(self) -> bool:
        """Whether the box goes into the redaction (a proposal only once confirmed)."""
        return not self.proposed or self.confirmed

    @property
    def region(self) -> list[int]:
        return [v or 0 for v in (self.x, self.y, self.w, self.h)]


def _number(value: str) -> tuple[int | None, str | None]:
    """The typed value as whole pixels, or what was typed if it is not one."""
    text = value.strip()
    if not text:
        return None, None
    try:
        number = round(float(text))
    except (ValueError, OverflowError):
        return None, text[:20]
    return (number, None) if 0 <= number <= MAX_COORDINATE else (None, text[:20])


def from_form(form: Mapping[str, Any]) -> list[Box]:
    """The rows of the form as they were typed or drawn, in order, blank rows left out (a
    refused request shows them again as they were: regions() says what is wrong)."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in form.items():
        if (match := FIELD.fullmatch(key)) and isinstance(value, str):
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value
            if len(rows) > MAX_REGIONS:
                raise Refused(TOO_MANY_REGIONS)
    boxes = []
    for n, index in enumerate(sorted(rows), start=1):
        row = rows[index]
        parsed = [_number(row.get(k, "")) for k in "xywh"]
        if not any(value is not None or bad for value, bad in parsed):
            continue
        x, y, w, h = (value for value, _ in parsed)
        boxes.append(
            Box(
                x,
                y,
                w,
                h,
                proposed=row.get("proposed") == "1",
                confirmed=row.get("confirmed") == "on",
                n=n,
                bad=next((bad for _, bad in parsed if bad), None),
            )
        )
    return boxes


def regions(boxes: Iterable[Box]) -> list[list[int]]:
    """What the redaction covers: every drawn box and every confirmed proposal; refuses a
    box with a word for a number or a number missing."""
    out = []
    for box in boxes:
        if box.bad is not None:
            raise Refused(NOT_A_NUMBER, n=box.n, value=box.bad)
        if None in (box.x, box.y, box.w, box.h):
            raise Refused(HALF_FILLED, n=box.n)
        if box.covers:
            out.append(box.region)
    return out


def to_json(boxes: Iterable[Box]) -> str:
    """The component's data-boxes attribute: [{"x":..,"y":..,"w":..,"h":..,"proposed":..}]."""
    return json.dumps([shown(b) for b in boxes])


def shown(box: Box) -> dict[str, Any]:
    """A box as the page starts with it: a confirmed proposal is the person's own box."""
    return {"x": box.x, "y": box.y, "w": box.w, "h": box.h, "proposed": not box.covers}


def rows(boxes: list[Box]) -> list[dict[str, Any]]:
    """The numeric rows a page shows: its boxes, then blank ones to type into."""
    return [shown(b) for b in boxes] + [shown(Box(None, None, None, None))] * BLANK_ROWS
