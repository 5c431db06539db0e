"""Redacted copies for public disclosure: cover regions of a picture, mask people in text.

The result is a new blob linked to the original; the original is never touched. Pictures are
re-encoded as PNG, which also drops their metadata (EXIF can carry a place and a phone model).
Masking follows the privacy rule of the product: a surname and the last four digits of a
phone number stay, the rest is starred (PIPL; see common/privacy.py).
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import shutil
from dataclasses import dataclass
from typing import Any

from weiquan.common.i18n import N_
from weiquan.common.privacy import mask_name
from weiquan.evidence.detect import ACCEPTED, HTML, IMAGE, MHTML, TEXT
from weiquan.evidence.errors import Refused
from weiquan.evidence.staging import CHUNK, Staged
from weiquan.evidence.vault import Vault

CANNOT_REDACT = N_(
    "Only pictures and text (chat exports, web pages) can be redacted; for this file, share "
    "nothing or cut the part you need first."
)
NO_REGIONS = N_("Give at least one region to cover, as x,y,width,height in pixels.")
BAD_REGION = N_("Region {region} is not four whole numbers x,y,width,height inside the picture.")
UNREADABLE = N_("This picture cannot be opened for redaction.")
# Bounds on what a request may ask, checked before the picture is opened: a person covers a
# few faces and numbers, not ten thousand rectangles (each one a pass of drawing), and each
# name to mask is one more scan of the whole text. The sentences carry the numbers: keep them
# in step (tests/evidence/test_limits.py checks).
MAX_REGIONS = 200
MAX_COORDINATE = 1_000_000  # pixels: past any picture evidence_max_image_pixels lets in
MAX_NAMES = 50
MAX_NAME_CHARS = 100
TOO_MANY_REGIONS = N_("Give at most 200 regions to cover; nothing was made.")
TOO_MANY_NAMES = N_("Give at most 50 names to mask, each under 100 characters; nothing was made.")

# Mainland mobile numbers, with or without +86 and separators; 18-character ID numbers.
PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


@dataclass
class Redacted:
    staged: Staged
    media_type: str
    extension: str
    method: str
    spec: dict[str, Any]


def mask_phone_keep_last4(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_text(text: str, names: list[str]) -> tuple[str, int]:
    """text with phone and ID numbers and the given names masked; and how many were."""
    count = 0

    def _sub(pattern: re.Pattern[str], repl: Any, value: str) -> str:
        nonlocal count
        value, n = pattern.subn(repl, value)
        count += n
        return value

    text = _sub(ID_NUMBER, lambda m: m.group(0)[:1] + "*" * 17, text)
    text = _sub(PHONE, mask_phone_keep_last4, text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len)[::-1]:
        masked = mask_name(name) + "*" * max(0, len(name) - 2)
        text = _sub(re.compile(re.escape(name)), masked, text)
    return text, count


def check_spec(spec: dict[str, Any]) -> None:
    """Refuse a request past the bounds above, before any work is done for it."""
    regions = spec.get("regions") or []
    if not isinstance(regions, list) or len(regions) > MAX_REGIONS:
        raise Refused(TOO_MANY_REGIONS)
    for region in regions:
        if (
            not isinstance(region, (list, tuple))
            or len(region) != 4
            or not all(isinstance(v, int) and 0 <= v <= MAX_COORDINATE for v in region)
        ):
            raise Refused(BAD_REGION, region=str(region)[:40])
    names = spec.get("names") or []
    if len(names) > MAX_NAMES or any(len(str(n)) > MAX_NAME_CHARS for n in names):
        raise Refused(TOO_MANY_NAMES)


def redact_blob(
    vault: Vault, sha256: str, media_type: str, spec: dict[str, Any], default_names: list[str]
) -> Redacted:
    check_spec(spec)
    family = ACCEPTED.get(media_type) or {
        "text/plain": TEXT,
        "text/html": HTML,
        "multipart/related": MHTML,
    }.get(media_type)
    if family == IMAGE and media_type not in ("image/heic", "image/avif"):
        return _image(vault, sha256, spec)
    if family in (TEXT, HTML, MHTML):
        names = [str(n) for n in spec.get("names") or []] + default_names
        return _text(vault, sha256, media_type, family, names)
    raise Refused(CANNOT_REDACT)


def _regions(spec: dict[str, Any], width: int, height: int) -> list[tuple[int, int, int, int]]:
    raw = spec.get("regions") or []
    if not raw:
        raise Refused(NO_REGIONS)
    out = []
    for region in raw:
        try:
            x, y, w, h = (int(v) for v in region)
        except (TypeError, ValueError):
            raise Refused(BAD_REGION, region=str(region)[:40]) from None
        if w <= 0 or h <= 0 or x < 0 or y < 0 or x >= width or y >= height:
            raise Refused(BAD_REGION, region=f"{x},{y},{w},{h}")
        out.append((x, y, min(w, width - x), min(h, height - y)))
    return out


def parse_regions(text: str) -> list[list[int]]:
    """'10,20,100,40' per line (or ';'-separated) as [[10, 20, 100, 40], ...]."""
    parts = [part for part in re.split(r"[;\n]+", text or "") if part.strip()]
    if len(parts) > MAX_REGIONS:
        raise Refused(TOO_MANY_REGIONS)
    out = []
    for part in parts:
        if part.strip():
            try:
                out.append([int(float(v)) for v in part.replace(" ", "").split(",")])
            except ValueError:
                raise Refused(BAD_REGION, region=part.strip()[:40]) from None
    return out


def _image(vault: Vault, sha256: str, spec: dict[str, Any]) -> Redacted:
    from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

    source = vault.stager()
    try:
        with vault.store.open(sha256) as blob:
            while chunk := blob.read(CHUNK):
                source.write(chunk)
        staged_source = source.finish()
    except BaseException:
        source.discard()
        raise
    try:
        Image.MAX_IMAGE_PIXELS = vault.settings.evidence_max_image_pixels
        with Image.open(staged_source.path) as opened:
            # Regions are drawn on the picture as people see it: EXIF orientation applied.
            img = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise Refused(UNREADABLE) from None
    finally:
        staged_source.path.unlink(missing_ok=True)
    regions = _regions(spec, img.width, img.height)
    draw = ImageDraw.Draw(img)
    for x, y, w, h in regions:
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=(0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    staged = _stage(vault, buf.getvalue())
    return Redacted(staged, "image/png", "png", "cover_regions", {"regions": regions})


def _text(vault: Vault, sha256: str, media_type: str, family: str, names: list[str]) -> Redacted:
    with vault.store.open(sha256) as blob:
        raw = blob.read()
    if family == MHTML:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        count = 0
        for part in message.walk():
            if part.get_content_maintype() == "text":
                content = part.get_content()
                masked, n = mask_text(content, names)
                count += n
                part.set_content(masked, subtype=part.get_content_subtype(), charset="utf-8")
        data = message.as_bytes()
    else:
        text = _decode(raw)
        masked, count = mask_text(text, names)
        data = masked.encode("utf-8")
    staged = _stage(vault, data)
    ext = {TEXT: "txt", HTML: "html", MHTML: "mhtml"}[family]
    return Redacted(staged, media_type, ext, "mask_text", {"names": len(names), "masked": count})


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _stage(vault: Vault, data: bytes) -> Staged:
    stager = vault.stager()
    try:
        with io.BytesIO(data) as f:
            shutil.copyfileobj(f, _Writer(stager), CHUNK)
        return stager.finish()
    except BaseException:
        stager.discard()
        raise


class _Writer:
    def __init__(self, stager: Any) -> None:
        self.stager = stager

    def write(self, chunk: bytes) -> int:
        self.stager.write(bytes(chunk))
        return len(chunk)
