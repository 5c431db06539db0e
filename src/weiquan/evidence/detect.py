"""What a file is, judged from its content (never its name), and safe display names.

Binary formats are recognised by their signatures (the `filetype` library); text, HTML and
MHTML by sniffing the first bytes. A name whose extension claims one kind of file while the
content is another is refused: the original is what a court wants, not a renamed copy.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import filetype

from weiquan.common.i18n import N_, gettext
from weiquan.evidence.errors import Refused

IMAGE, PDF, AUDIO, VIDEO, TEXT, HTML, MHTML = (
    "image",
    "pdf",
    "audio",
    "video",
    "text",
    "html",
    "mhtml",
)
FAMILY_LABELS = {
    IMAGE: N_("an image"),
    PDF: N_("a PDF"),
    AUDIO: N_("an audio recording"),
    VIDEO: N_("a video"),
    TEXT: N_("text"),
    HTML: N_("a web page (HTML)"),
    MHTML: N_("a saved web page (MHTML)"),
}
# Kinds of file a name may claim and still hold the other: a browser saves chats as text or
# HTML under either name; an .mp4 may hold only sound.
COMPATIBLE = [{IMAGE}, {PDF}, {AUDIO, VIDEO}, {TEXT, HTML, MHTML}]

ACCEPTED = {
    "image/jpeg": IMAGE,
    "image/png": IMAGE,
    "image/apng": IMAGE,
    "image/gif": IMAGE,
    "image/webp": IMAGE,
    "image/heic": IMAGE,
    "image/avif": IMAGE,
    "image/bmp": IMAGE,
    "image/tiff": IMAGE,
    "application/pdf": PDF,
    "audio/mpeg": AUDIO,
    "audio/mp4": AUDIO,
    "audio/aac": AUDIO,
    "audio/ogg": AUDIO,
    "audio/x-flac": AUDIO,
    "audio/x-wav": AUDIO,
    "audio/amr": AUDIO,
    "audio/silk": AUDIO,
    "video/mp4": VIDEO,
    "video/x-m4v": VIDEO,
    "video/3gpp": VIDEO,
    "video/quicktime": VIDEO,
    "video/webm": VIDEO,
    "video/x-matroska": VIDEO,
    "video/x-msvideo": VIDEO,
    "video/x-flv": VIDEO,
    "video/mpeg": VIDEO,
}
EXTENSIONS = {
    **dict.fromkeys(
        ("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif", "bmp", "tif", "tiff"),
        IMAGE,
    ),
    "pdf": PDF,
    **dict.fromkeys(("mp3", "m4a", "aac", "ogg", "opus", "flac", "wav", "amr", "silk"), AUDIO),
    **dict.fromkeys(
        ("mp4", "m4v", "3gp", "mov", "webm", "mkv", "avi", "flv", "mpg", "mpeg"), VIDEO
    ),
    **dict.fromkeys(("txt", "csv", "log", "json", "xml"), TEXT),
    **dict.fromkeys(("html", "htm", "xhtml"), HTML),
    **dict.fromkeys(("mhtml", "mht"), MHTML),
}

EMPTY = N_("{name}: the file is empty.")
NOT_ACCEPTED = N_(
    "{name}: this kind of file is not accepted. Upload photos, screenshots, chat exports "
    "(text or HTML), PDFs, saved web pages (HTML or MHTML), audio or video."
)
MISMATCH = N_("{name}: the name says it is {claimed}, but the content is {actual}.")


@dataclass(frozen=True)
class Detected:
    media_type: str
    family: str
    extension: str


def _text_encoding(head: bytes) -> str | None:
    """The encoding the head decodes in (UTF-8, UTF-16 with BOM, GB18030), or None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            # A chunk may end inside a character: the incremental decoder allows that.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if not any(
            ord(c) < 32 and c not in "\t\n\r\f\x1b"
            for c in head[:4096].decode(encoding, errors="ignore")
        ):
            return encoding
    return None


_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_MHTML = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)


def sniff(head: bytes) -> Detected | None:
    """The type of a file from its first bytes, or None when it is not one we accept."""
    if head.startswith((b"#!SILK_V3", b"\x02#!SILK_V3")):
        return Detected("audio/silk", AUDIO, "silk")  # WeChat voice messages
    kind = filetype.guess(head)
    if kind is not None:
        family = ACCEPTED.get(kind.mime)
        return Detected(kind.mime, family, kind.extension) if family else None
    encoding = _text_encoding(head)
    if encoding is None:
        return None
    text = head[:8192]
    if encoding == "utf-16":
        text = head[:8192].decode("utf-16", errors="ignore").encode("utf-8")
    if _MHTML.search(text[:4096]) and re.search(rb"^mime-version:", text[:4096], re.I | re.M):
        return Detected("multipart/related", MHTML, "mhtml")
    if _HTML.search(text.lstrip()[:2048]):
        return Detected("text/html", HTML, "html")
    return Detected("text/plain", TEXT, "txt")


def family_of_name(name: str, content_type: str | None = None) -> str | None:
    """What the file's name (or, lacking an extension, its declared type) claims it is."""
    _, dot, ext = name.rpartition(".")
    if dot and ext.lower() in EXTENSIONS:
        return EXTENSIONS[ext.lower()]
    if content_type:
        return ACCEPTED.get(content_type.split(";")[0].strip().lower())
    return None


def detect(head: bytes, name: str, content_type: str | None = None) -> Detected:
    """The file's type; refuses empty files, unknown types and content that its name belies."""
    if not head:
        raise Refused(EMPTY, name=name)
    found = sniff(head)
    if found is None:
        raise Refused(NOT_ACCEPTED, name=name)
    claimed = family_of_name(name, content_type)
    if claimed and not any(claimed in g and found.family in g for g in COMPATIBLE):
        raise Refused(
            MISMATCH,
            name=name,
            claimed=_Label(FAMILY_LABELS[claimed]),
            actual=_Label(FAMILY_LABELS[found.family]),
        )
    return found


class _Label(str):
    """A label translated when the message is formatted, in the reader's language."""

    def __format__(self, spec: str) -> str:
        return gettext(str(self)).__format__(spec)


_UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clean_name(name: str | None) -> str:
    """A file name safe to show and to store: no folders, no control or bidi characters."""
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _UNSAFE)
    text = " ".join(text.split()).strip(" .")
    if not text:
        return "unnamed"
    if len(text) > 200:
        _, dot, ext = text.rpartition(".")
        keep = ext[:16] if dot else ""
        text = text[: 200 - len(keep) - 1] + ("." + keep if keep else "")
    return text
