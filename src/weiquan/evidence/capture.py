"""Capture metadata a file carries: EXIF time and device of photos, creation time of videos.

Images are also checked here before anything is kept: Pillow reads only the header, so a
decompression bomb (a small file that claims a gigantic picture) is refused without decoding.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from weiquan.common.dates import SHANGHAI
from weiquan.common.i18n import N_
from weiquan.evidence.detect import IMAGE, VIDEO, Detected
from weiquan.evidence.errors import Refused

BOMB = N_(
    "{name}: the image claims {width}×{height} pixels, more than the {limit} million pixels "
    "accepted. It is refused to protect the server (a decompression bomb)."
)
DAMAGED = N_("{name}: the image is damaged or incomplete and cannot be read.")

EXIF_IFD = 0x8769
DATETIME_ORIGINAL, DATETIME_DIGITIZED, DATETIME = 0x9003, 0x9004, 0x0132
OFFSET_TIME_ORIGINAL = 0x9011
MAKE, MODEL = 0x010F, 0x0110
# Pillow cannot decode these without plugins; they are kept unread.
UNREAD = {"image/heic", "image/avif"}


@dataclass
class Capture:
    captured_at: datetime | None = None
    device: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def inspect(path: Path, found: Detected, name: str, max_pixels: int) -> Capture:
    """Capture metadata of the staged file; refuses bombs and unreadable images."""
    if found.family == IMAGE and found.media_type not in UNREAD:
        return _image(path, name, max_pixels)
    if found.family == VIDEO and found.media_type in ("video/mp4", "video/quicktime", "video/3gpp"):
        with path.open("rb") as f:
            created = mp4_creation_time(f)
        return Capture(captured_at=created, details={"container_created": _iso(created)})
    return Capture()


def _image(path: Path, name: str, max_pixels: int) -> Capture:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
                if width * height > max_pixels:
                    raise Refused(
                        BOMB, name=name, width=width, height=height, limit=max_pixels // 10**6
                    )
                if img.format == "PNG":
                    # getexif() on a PNG decodes the whole picture to look for a late eXIf
                    # chunk; screenshots have none, and an early one is already in info.
                    exif = Image.Exif()
                    if raw := img.info.get("exif"):
                        exif.load(raw)
                else:
                    exif = img.getexif()
                sub = exif.get_ifd(EXIF_IFD)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(BOMB, name=name, width="?", height="?", limit=max_pixels // 10**6) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error):
        raise Refused(DAMAGED, name=name) from None
    raw_time = sub.get(DATETIME_ORIGINAL) or sub.get(DATETIME_DIGITIZED) or exif.get(DATETIME)
    offset = sub.get(OFFSET_TIME_ORIGINAL)
    device = " ".join(str(v).strip("\x00 ") for v in (exif.get(MAKE), exif.get(MODEL)) if v)
    details: dict[str, Any] = {"width": width, "height": height}
    if raw_time:
        details["exif_datetime"] = str(raw_time).strip("\x00 ")
    if offset:
        details["exif_offset"] = str(offset).strip("\x00 ")
    return Capture(
        captured_at=exif_time(str(raw_time), str(offset) if offset else None) if raw_time else None,
        device=device[:200] or None,
        details=details,
    )


def exif_time(value: str, offset: str | None) -> datetime | None:
    """EXIF 'YYYY:MM:DD HH:MM:SS' as UTC; without an offset, the camera's clock is taken as
    Beijing time (the raw value is kept beside it in details)."""
    try:
        naive = datetime.strptime(value.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        try:
            sign = -1 if offset.strip().startswith("-") else 1
            hours, minutes = offset.strip().lstrip("+-").split(":")
            delta = timedelta(hours=int(hours), minutes=int(minutes)) * sign
            return (naive - delta).replace(tzinfo=UTC)
        except ValueError:
            pass
    return naive.replace(tzinfo=SHANGHAI).astimezone(UTC)


MP4_EPOCH = datetime(1904, 1, 1, tzinfo=UTC)


def mp4_creation_time(f: BinaryIO, limit: int = 64) -> datetime | None:
    """creation_time of the movie header (moov/mvhd), walking box headers only."""
    moov = _find_box(f, b"moov", 0, None, limit)
    if moov is None:
        return None
    mvhd = _find_box(f, b"mvhd", moov[0], moov[1], limit)
    if mvhd is None:
        return None
    f.seek(mvhd[0])
    body = f.read(20)
    if len(body) < 12:
        return None
    version = body[0]
    seconds = (
        struct.unpack(">Q", body[4:12])[0] if version == 1 else struct.unpack(">I", body[4:8])[0]
    )
    if seconds == 0:
        return None
    try:
        return MP4_EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        return None


def _find_box(
    f: BinaryIO, kind: bytes, start: int, end: int | None, limit: int
) -> tuple[int, int] | None:
    """(body start, body end) of the first box of `kind` between start and end."""
    pos = start
    for _ in range(limit):
        if end is not None and pos + 8 > end:
            return None
        f.seek(pos)
        header = f.read(8)
        if len(header) < 8:
            return None
        size, box = struct.unpack(">I4s", header)
        body = pos + 8
        if size == 1:
            size = struct.unpack(">Q", f.read(8))[0]
            body += 8
        elif size == 0:
            f.seek(0, 2)
            size = f.tell() - pos
        if size < body - pos:
            return None
        if box == kind:
            return body, pos + size
        pos += size
    return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
