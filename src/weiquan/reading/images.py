"""Pictures as pixels the OCR can read, or a clear refusal: never a crash on bad input.

Sizes are checked from the header before anything is decoded (a picture bomb is refused
without allocating it); orientation follows EXIF (boxes are in the picture as a person sees
it); animated pictures give their first frame; CMYK, 16-bit, palette and transparent pictures
become 8-bit RGB on white. A truncated picture gives the part that decodes, flagged, rather
than nothing: the top of a cut-off screenshot is still evidence.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from .errors import ReadingError

# The bounds: a picture over 100 million pixels or wider than 10,000 is refused (a
# phone's scroll capture is tall, never that wide; 30,000 x 1080 is 32 million).
MAX_PIXELS = 100_000_000
MAX_WIDTH = 10_000

# Tiles of a tall picture: a tile is at most this many times as tall as it is wide (a phone
# screen is about 2.2), and consecutive tiles overlap by more than any line's height so
# every line lies whole inside one tile.
TILE_RATIO = 2.4
OVERLAP_RATIO = 0.12


@dataclass(frozen=True)
class Picture:
    """8-bit RGB pixels (height x width x 3) and what was done to get them."""

    pixels: np.ndarray
    notes: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


def decode(data: bytes) -> Picture:
    """The picture in `data`, upright and in RGB; ReadingError if it cannot or may not be read."""
    if not data:
        raise ReadingError("empty")
    try:
        return _decode(data, ())
    except _Truncated as cut:
        # A JPEG cut off in transfer: closed with its end marker, libjpeg decodes the rows it
        # has and fills the rest with grey, so the top of the screenshot is still read.
        if data[:2] == b"\xff\xd8":
            try:
                return _decode(data + b"\xff\xd9", ("truncated",))
            except _Truncated:
                pass
        raise ReadingError("truncated") from cut.__cause__


# WeasyPrint, once loaded, sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, and a cut
# picture then decodes silently padded with grey: the reader would neither say "truncated" nor
# refuse a picture with nothing in it. Pillow reads only that global, so it is turned off
# around our own decoding, one decoding at a time, and put back as it was.
_STRICT = threading.Lock()


@contextmanager
def _strict() -> Iterator[None]:
    with _STRICT:
        was = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = was


class _Truncated(Exception):
    """The header was fine, the pixels ran out."""


def _decode(data: bytes, notes: tuple[str, ...]) -> Picture:
    with warnings.catch_warnings():
        # Our own bound (checked next, from the header) is the one that counts.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as exc:
            raise ReadingError("too_many_pixels") from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise ReadingError("not_image") from exc
        width, height = image.size
        if width > MAX_WIDTH:
            raise ReadingError("too_wide")
        if width * height > MAX_PIXELS:
            raise ReadingError("too_many_pixels")
        if width < 1 or height < 1:
            raise ReadingError("unreadable")
        said = list(notes)
        if getattr(image, "n_frames", 1) > 1:
            said.append("first_frame")
        try:
            image.seek(0)
            with _strict():
                image.load()
        except Image.DecompressionBombError as exc:
            raise ReadingError("too_many_pixels") from exc
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise _Truncated() from exc
    upright: Image.Image = image
    try:
        upright = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, KeyError, TypeError):
        said.append("exif_ignored")  # a broken EXIF block: the pixels as stored
    return Picture(_rgb(upright), tuple(said))


def _rgb(image: Image.Image) -> np.ndarray:
    """8-bit RGB: 16-bit scaled down, CMYK converted, transparency flattened on white."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        wide = np.asarray(image, dtype=np.float64)
        top = float(wide.max()) or 1.0
        scale = 255.0 / (65535.0 if top > 255 else max(top, 255.0))
        image = Image.fromarray(np.clip(wide * scale, 0, 255).astype(np.uint8), "L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image, dtype=np.uint8)


def tiles(height: int, width: int) -> list[tuple[int, int]]:
    """(top, bottom) rows of overlapping tiles covering a picture; one tile unless it is tall."""
    tall = max(int(width * TILE_RATIO), 1600)
    if height <= tall * 1.25:
        return [(0, height)]
    overlap = max(int(tall * OVERLAP_RATIO), 200)
    out: list[tuple[int, int]] = []
    top = 0
    while True:
        bottom = min(top + tall, height)
        out.append((top, bottom))
        if bottom >= height:
            return out
        top = bottom - overlap
