"""Returned items against the merchant's listing: perceptual hashes of the photos.

A buyer who returns a different (fake) item and claims the shop sold it is the classic
blackmail claim. A perceptual hash (pHash) survives resizing and recompression, so the same
item photographed again stays close while a different item lands far away.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from weiquan.common.i18n import N_

BITS = 64
MISMATCH_BITS = 16  # closest pair further apart: probably not the listed item (a flag only)


class ImageError(ValueError):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def phash(data: bytes, name: str = "") -> str:
    """The 64-bit perceptual hash of an image, as 16 hex digits."""
    import imagehash
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return str(imagehash.phash(image.convert("RGB")))
    except (UnidentifiedImageError, OSError, ValueError):
        raise ImageError(N_("{name} is not an image weiquan can read."), name=name) from None


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def compare(listing: Sequence[str], returned: Sequence[str]) -> tuple[int, bool]:
    """The closest listing/returned pair's distance, and whether the item looks different."""
    if not listing or not returned:
        raise ImageError(N_("Give at least one listing photo and one photo of the returned item."))
    best = min(distance(a, b) for a in listing for b in returned)
    return best, best > MISMATCH_BITS
