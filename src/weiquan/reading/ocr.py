"""Lines of text with boxes and confidences from a picture, by offline OCR.

The engine is RapidOCR on onnxruntime with PaddleOCR's PP-OCRv4 detection and recognition
models, which ship inside the wheel: nothing is downloaded, ever. One engine per process,
loaded on first use (not when the app or the CLI starts) and used under a lock: RapidOCR keeps
per-call state on the engine, so threads of one process take turns and a batch gets its
parallelism from processes, each with `reading_ocr_threads` onnxruntime threads (1 by default:
one core per worker process).

Tall pictures (scroll captures) are read in overlapping tiles; a line belongs to the tile
whose middle band holds its centre, so a line in an overlap is read once.
"""

from __future__ import annotations

import re
import statistics
import threading
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np

from weiquan.config import get_settings

from . import images
from .errors import ReadingError


def _engine_name() -> str:
    try:
        release = version("rapidocr-onnxruntime")
    except PackageNotFoundError:  # pragma: no cover - the dependency is declared
        release = "?"
    return f"rapidocr-onnxruntime {release} PP-OCRv4"


# Stored beside every reading (the contract's engine.ocr): a re-reading with another engine
# is told apart from the first.
ENGINE: str = _engine_name()

# Detection works on the picture scaled so its width is at most this: screenshot text is large
# (a phone draws it at 3x), and detection time grows with the pixels. Recognition crops come
# from the same scaled picture; PP-OCRv4 recognises at 48 px line height anyway. 810 reads the
# test set as well as 1080 and takes a quarter less time (bench/bench_reading.py).
READ_WIDTH = 810
# Below this confidence a line is dropped as noise (RapidOCR's own default is 0.5).
MIN_CONFIDENCE = 0.5
# A reading whose median confidence is under this is flagged: a photo of a screen, a blurred
# picture, or text in neither Chinese nor English (the models read only those).
UNSURE = 0.9


@dataclass(frozen=True)
class Line:
    """One line of text; `box` is x, y, width, height in the upright picture's pixels."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float


@dataclass(frozen=True)
class Page:
    """What was read on one picture, lines in reading order (top to bottom, left to right).

    `notes` says what a person should know about the reading: "no_text" (nothing found),
    "unsure" (low confidence: a photo of a screen, or another language), "truncated" (only
    the part of a cut-off file that decodes), "first_frame" (an animated picture).
    """

    width: int
    height: int
    lines: list[Line]
    tiles: int
    notes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


_lock = threading.Lock()
_loaded: Any = None


def _engine() -> Any:
    """The process's RapidOCR engine, created on first use."""
    global _loaded
    if _loaded is None:
        # Imported here, not at the top: onnxruntime and OpenCV take a second and 100 MB to
        # load, and the app and CLI import this module without reading anything.
        from rapidocr_onnxruntime import RapidOCR

        threads = get_settings().reading_ocr_threads
        _loaded = RapidOCR(
            intra_op_num_threads=threads if threads > 0 else -1,
            inter_op_num_threads=1 if threads > 0 else -1,
            # We scale and tile ourselves; RapidOCR must not shrink a tile again.
            max_side_len=100_000,
            use_cls=False,  # screenshots are upright; EXIF turned photos upright already
            # One line at a time: batches are padded to their widest line, which costs a third
            # more on one core (measured) and gains nothing without a GPU.
            rec_batch_num=1,
        )
    return _loaded


def ocr(data: bytes) -> Page:
    """Read the picture in `data`; ReadingError (code, zh/en message) if it cannot be read."""
    picture = images.decode(data)
    return read_pixels(picture)


def read_pixels(picture: images.Picture) -> Page:
    """Read decoded pixels, in tiles if the picture is tall."""
    import cv2  # loaded with the engine: see _engine

    bgr = cv2.cvtColor(picture.pixels, cv2.COLOR_RGB2BGR)
    height, width = picture.height, picture.width
    spans = images.tiles(height, width)
    found: list[Line] = []
    for index, (top, bottom) in enumerate(spans):
        lines = _read_tile(bgr[top:bottom], top)
        # The band this tile owns: its overlaps are split half and half with its neighbours.
        low = top if index == 0 else top + (spans[index - 1][1] - top) // 2
        high = bottom if index == len(spans) - 1 else bottom - (bottom - spans[index + 1][0]) // 2
        found.extend(ln for ln in lines if low <= ln.box[1] + ln.box[3] / 2 < high)
    ordered = reading_order(found)
    notes = list(picture.notes)
    if not ordered:
        notes.append("no_text")
    elif statistics.median(ln.confidence for ln in ordered) < UNSURE:
        notes.append("unsure")
    return Page(width, height, ordered, len(spans), tuple(notes))


def _read_tile(bgr: np.ndarray, top: int) -> list[Line]:
    """Lines of one tile, boxes in the whole picture's pixels."""
    import cv2

    scale = min(1.0, READ_WIDTH / bgr.shape[1])
    if scale < 1.0:
        size = (round(bgr.shape[1] * scale), round(bgr.shape[0] * scale))
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    with _lock:
        result, _ = _engine()(bgr, use_cls=False)
    lines = []
    for points, text, score in result or []:
        text = str(text).strip()
        if not text or float(score) < MIN_CONFIDENCE:
            continue
        xs = [p[0] / scale for p in points]
        ys = [p[1] / scale + top for p in points]
        x, y = max(0, int(min(xs))), max(0, int(min(ys)))
        box = (x, y, int(max(xs)) - x, int(max(ys)) - y)
        lines.append(Line(repair(text), box, round(float(score), 4)))
    return lines


# Inside a run of Latin letters and digits (an ID, a name), the recogniser sometimes takes a
# lower-case o for a capital O or a zero ("cOc0_daigou", "xia0ya"), and a serif 1 for an l
# ("luxl720"). A zero between letters, or after letters before _ or -, and a capital O between
# lower-case letters are read as "o"; an l or I after letters and before three digits as "1"
# (IDs end in years and numbers far more often than in a word ending in l and then digits).
_ZERO = re.compile(r"(?<=[a-z])0(?=[a-z_-])|(?<=[a-z])0$|(?<=[a-z])O(?=[a-z0-9_-])")
_ONE = re.compile(r"(?<=[A-Za-z_-])[lI](?=\d{3})")
_TOKEN = re.compile(r"[A-Za-z0-9_-]*[a-z][A-Za-z0-9_-]*")


def repair(text: str) -> str:
    """Text read with the recogniser's o/0/O and 1/l confusions inside Latin words undone."""
    return _TOKEN.sub(lambda m: _ONE.sub("1", _ZERO.sub("o", m.group(0))), text)


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; lines whose middles share a row, left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: ln.box[1] + ln.box[3] / 2):
        middle = line.box[1] + line.box[3] / 2
        if rows:
            last = rows[-1][0]
            if abs(last.box[1] + last.box[3] / 2 - middle) < min(last.box[3], line.box[3]) / 2:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.box[0])]


__all__ = ["ENGINE", "Line", "Page", "ReadingError", "ocr"]
