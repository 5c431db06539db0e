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

    @property
    def covers(self) -> bool:
        """Whether the box goes into the redaction (a proposal only once confirmed)."""
        return not self.proposed or self.confirmed

    @property
    def region(self) -> list[int]:
        return [v or 0 for v in (self.x, self.y, self.w, self.h)]


def _number(n: int, value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = round(float(text))
    except (ValueError, OverflowError):
        raise Refused(NOT_A_NUMBER, n=n, value=text[:20]) from None
    if not 0 <= number <= MAX_COORDINATE:
        raise Refused(NOT_A_NUMBER, n=n, value=text[:20])
    return number


def from_form(form: Mapping[str, Any]) -> list[Box]:
    """The rows of the form, in order, blank rows left out; refuses a half-filled one."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in form.items():
        if (match := FIELD.fullmatch(key)) and isinstance(value, str):
            rows.setdefault(int(match.group(1)), {})[match.group(2)] = value
            if len(rows) > MAX_REGIONS:
                raise Refused(TOO_MANY_REGIONS)
    boxes = []
    for shown, index in enumerate(sorted(rows), start=1):
        row = rows[index]
        values = [_number(shown, row.get(k, "")) for k in "xywh"]
        if all(v is None for v in values):
            continue
        if any(v is None for v in values):
            raise Refused(HALF_FILLED, n=shown)
        x, y, w, h = values
        boxes.append(
            Box(
                x,
                y,
                w,
                h,
                proposed=row.get("proposed") == "1",
                confirmed=row.get("confirmed") == "on",
            )
        )
    return boxes


def regions(boxes: Iterable[Box]) -> list[list[int]]:
    """What the redaction covers: every drawn box and every confirmed proposal."""
    return [b.region for b in boxes if b.covers]


def to_json(boxes: Iterable[Box]) -> str:
    """The component's data-boxes attribute: [{"x":..,"y":..,"w":..,"h":..,"proposed":..}]."""
    return json.dumps([shown(b) for b in boxes if b.w])


def shown(box: Box) -> dict[str, Any]:
    """A box as the page starts with it: a confirmed proposal is the person's own box."""
    return {"x": box.x, "y": box.y, "w": box.w, "h": box.h, "proposed": not box.covers}


def rows(boxes: list[Box]) -> list[dict[str, Any]]:
    """The numeric rows a page shows: its boxes, then blank ones to type into."""
    return [shown(b) for b in boxes] + [shown(Box(None, None, None, None))] * BLANK_ROWS
