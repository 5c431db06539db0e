"""Small previews of evidence pictures, made on the server with Pillow.

A thumbnail is derived from the original's bytes and cached under the original's SHA-256 in
the evidence folder (thumbs/ab/<sha256>-240.jpg, beside the blobs); the original and its
fingerprint are never touched. It is re-encoded without metadata, since EXIF can carry where a
photo was taken. A file that cannot be previewed (not a picture, broken, a decompression bomb,
a format Pillow cannot read) gets an icon instead, and that answer is cached too, so a bad
file is looked at once. Thumbnails are served through the same checks as the original
(pages.thumbnail_page); they are previews, not the evidence handed out, so opening one is not a
custody event.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageOps

from weiquan.common.files import private_dir, private_file
from weiquan.evidence.staging import CHUNK
from weiquan.evidence.storage import evidence_dir
from weiquan.evidence.vault import Vault

log = logging.getLogger("weiquan.evidence")

SIZE = 240  # pixels on the longer side: sharp on a phone's screen at three across
QUALITY = 80
# What Pillow reads here (HEIC and AVIF need plug-ins this install may lack: they get an icon).
PICTURES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff"}
)
# The icon of each family of file, under /static; a picture that cannot be read gets "picture".
ICONS = {
    "image/": "picture",
    "video/": "video",
    "audio/": "audio",
    "application/pdf": "document",
    "text/": "document",
}
ICON_FILE = "/static/evidence-icons/{name}.svg"


def icon_of(media_type: str) -> str:
    """The static icon's address for a file of media_type."""
    name = next((n for prefix, n in ICONS.items() if media_type.startswith(prefix)), "file")
    return ICON_FILE.format(name=name)


def previewable(media_type: str) -> bool:
    return media_type in PICTURES


def _cached(vault: Vault, sha256: str) -> Path:
    folder = evidence_dir(vault.settings) / "thumbs" / sha256[:2]
    return folder / f"{sha256}-{SIZE}.jpg"


def get(vault: Vault, sha256: str, media_type: str) -> Path | None:
    """The thumbnail's file, made on first use; None when the file gets an icon instead."""
    if not previewable(media_type):
        return None
    target = _cached(vault, sha256)
    if target.is_file():
        return target
    failed = target.with_suffix(".none")
    if failed.exists():
        return None
    private_dir(target.parent.parent)
    private_dir(target.parent)
    temp = target.with_name(f".{target.name}.{os.getpid()}.{id(target)}")
    try:
        if not _make(vault, sha256, temp):
            failed.touch()
            return None
        os.replace(temp, target)  # whole or absent: two requests may make it side by side
    except Exception as exc:
        # Not the picture's fault (the store failed): an icon this time, another try next.
        log.warning("thumbnail of %s: the store failed: %s", sha256[:12], exc)
        return None
    finally:
        temp.unlink(missing_ok=True)
    return target


def _make(vault: Vault, sha256: str, out: Path) -> bool:
    """Write the thumbnail to out; False when the picture cannot give one. A store that
    fails (a network error, a missing blob) raises: that is no answer about the picture."""
    limit = vault.settings.evidence_max_image_pixels
    with _readable(vault, sha256) as source:
        try:
            with Image.open(source) as img:
                # Checked before a pixel is decoded: the header says how big it claims to be.
                if img.width * img.height > limit:
                    return False
                img.draft("RGB", (SIZE * 2, SIZE * 2))  # JPEG decodes at a fraction of its size
                shown = ImageOps.exif_transpose(img)  # as people see it
                shown.thumbnail((SIZE, SIZE))
                flat = _flatten(shown)
                with private_file(out).open("wb") as f:
                    flat.save(f, format="JPEG", quality=QUALITY, optimize=True)
            return True
        # A preview is never worth a failed page: whatever the decoder trips on (truncated
        # data, a bomb past Pillow's own bound, a format it half knows) means an icon. (Once
        # WeasyPrint is loaded it sets Pillow's LOAD_TRUNCATED_IMAGES for the process: a cut
        # picture then previews as far as it goes, as a browser would show it.)
        except Exception as exc:
            log.info("no thumbnail for %s: %s", sha256[:12], exc)
            return False


def _flatten(img: Image.Image) -> Image.Image:
    """img in RGB, transparent parts on white (JPEG has no transparency)."""
    if img.mode in ("RGBA", "LA", "P"):
        rgba = img.convert("RGBA")
        back = Image.new("RGB", rgba.size, (255, 255, 255))
        back.paste(rgba, mask=rgba.getchannel("A"))
        return back
    return img.convert("RGB")


@contextmanager
def _readable(vault: Vault, sha256: str) -> Iterator[BinaryIO]:
    """The blob as a seekable file: a local blob directly, an S3 object through staging."""
    blob = vault.store.open(sha256)
    if blob.seekable():
        with blob:
            yield blob
        return
    stager = vault.stager()
    try:
        with blob:
            while chunk := blob.read(CHUNK):
                stager.write(chunk)
        staged = stager.finish()
    except BaseException:
        stager.discard()
        raise
    try:
        with staged.path.open("rb") as f:
            yield f
    finally:
        staged.path.unlink(missing_ok=True)
