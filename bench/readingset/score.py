"""How close a reading is to the truth: characters, speakers, key strings, stitching."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

from weiquan.reading.chat import Message
from weiquan.reading.ocr import Line


def norm(text: str) -> str:
    """Compared as a person reads: full-width forms folded, spaces and case ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = row
    return previous[-1]


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0.0


def characters(
    truth: Sequence[tuple[str, tuple[int, int, int, int], str]], read: Sequence[Line]
) -> tuple[int, int]:
    """(edits, characters) over the drawn lines, each against the read line over its box."""
    errors = total = 0
    for text, box, _ in truth:
        want = norm(text)
        best = max(read, key=lambda ln: _iou(box, ln.box), default=None)
        got = norm(best.text) if best is not None and _iou(box, best.box) > 0.2 else ""
        errors += min(edits(want, got), len(want))
        total += len(want)
    return errors, total


def align(
    truth: Sequence[tuple[str, str]], read: Sequence[Message]
) -> list[tuple[int, int | None]]:
    """Each true message's index and the read message that is its text (in order), or None."""
    pairs: list[tuple[int, int | None]] = []
    start = 0
    for i, (_, text) in enumerate(truth):
        want = norm(text)
        found, best = None, 0.7
        for j in range(start, min(len(read), start + 6)):
            got = norm(read[j].text)
            ratio = 1.0 if got == want else difflib.SequenceMatcher(None, want, got).ratio()
            if ratio > best or (ratio == 1.0 and found is None):
                found, best = j, ratio
        pairs.append((i, found))
        if found is not None:
            start = found + 1
    return pairs


def speakers(truth: Sequence[tuple[str, str]], read: Sequence[Message]) -> tuple[int, int, int]:
    """(right speaker, text found, true messages): a message not found counts as wrong."""
    right = found = 0
    for i, j in align(truth, read):
        if j is not None:
            found += 1
            right += read[j].speaker == truth[i][0]
    return right, found, len(truth)


def contains(texts: Sequence[str], wanted: str | None) -> bool | None:
    """Whether `wanted` was read whole inside one of `texts` (None if nothing was wanted)."""
    if not wanted:
        return None
    target = norm(wanted)
    return any(target in norm(t) for t in texts)


def amount_forms(amount: str) -> list[str]:
    """How an amount "2680.00" is written on the picture: 2680, 2,680.00, 2680.00."""
    whole = int(float(amount))
    return [f"{whole:,}.00", f"{whole}.00", f"{whole}元", f"{whole}，", f"{whole}"]
