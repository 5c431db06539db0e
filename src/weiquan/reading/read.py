"""The contract's entry: files and a story in, a weiquan.reading/1 document out.

Pictures are read by OCR (ocr.py) into lines, chats into messages (chat.py); a text file is
read as the person's own words (a story, or a pasted chat). One bad file gives its error in
the reader's language and the others are still read, unless the caller asks for all or
nothing. Nothing here writes anywhere: what is read is a proposal for the person to confirm.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import Any

from . import sensitive
from . import story as story_reader
from .errors import ReadingError
from .facts import CHAT, RECORD, STORY, Source, build
from .findings import BUYER, RULES_VERSION, SELLER, SYSTEM, Finding, Said, find

SCHEMA = "weiquan.reading/1"
# A text file longer than this is not a story or a pasted chat: refuse it rather than read it.
MAX_TEXT_BYTES = 200_000
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM", b"II*\x00", b"MM\x00*")
_TEXT_ERRORS = {
    "text_too_long": (
        "文本文件太长（超过 20 万字节），不是一段描述或聊天记录。请只上传需要的部分。",
        "The text file is too long (over 200,000 bytes) for a story or a pasted chat. Upload "
        "only the part you need.",
    ),
}


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@lru_cache(maxsize=1)
def _ocr() -> tuple[ModuleType, ModuleType]:
    # OCR brings numpy, OpenCV and onnxruntime: loaded on the first picture, so that reading
    # a story, `weiquan --help` and the web app's start do not pay for them.
    return importlib.import_module(f"{__package__}.ocr"), importlib.import_module(
        f"{__package__}.chat"
    )


def _ocr_name() -> str:
    # ocr.ENGINE, without loading the OCR for a reading of text alone (a test keeps them equal).
    try:
        release = version("rapidocr-onnxruntime")
    except PackageNotFoundError:  # pragma: no cover - the dependency is declared
        release = "?"
    return f"rapidocr-onnxruntime {release} PP-OCRv4"


def engine() -> dict[str, str]:
    """The contract's `engine`: the OCR's name and model, and the rules' version."""
    return {"ocr": _ocr_name(), "rules": RULES_VERSION}


def _as_text(data: bytes) -> str | None:
    """The upload as text when it is text (UTF-8, or GB 18030 as Chinese Windows saves it)."""
    if data.startswith(_IMAGE_MAGIC) or b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch.isspace() for ch in text[:4096])
        if printable >= 0.95 * min(len(text), 4096):
            return text
    return None


def _other(role: str | None) -> str | None:
    if role is None:
        return None
    return SELLER if role == BUYER else BUYER


def _text_source(
    index: int, name: str | None, text: str, as_role: str | None
) -> tuple[dict[str, Any], Source]:
    narrator = as_role or BUYER
    said = story_reader.said(text, narrator=narrator, source=index)
    doc: dict[str, Any] = {"file": name, "kind": STORY, "text": text, "lines": [], "_plain": text}
    return doc, Source(index, STORY, text, said)


def _picture_source(
    index: int, upload: Upload, as_role: str | None, as_of: date
) -> tuple[dict[str, Any], Source, list[Any]]:
    ocr, chat = _ocr()
    page = ocr.ocr(upload.data)
    kind = chat.kind_of(page)
    text = "\n".join(line.text for line in page.lines)
    lines = [
        {"text": line.text, "box": list(line.box), "confidence": round(float(line.confidence), 3)}
        for line in page.lines
    ]
    doc: dict[str, Any] = {"file": upload.name, "kind": kind, "text": text, "lines": lines}
    if getattr(page, "notes", ()):
        doc["notes"] = list(page.notes)
    messages: list[Any] = []
    if kind == CHAT:
        messages = list(chat.messages(page, as_of=as_of))
        doc["messages"] = [_message(m, as_role) for m in messages]
        times = [(m.time, m.text) for m in messages if m.time is not None]
        source = Source(index, kind, text, [], times, chat.title(page))
    else:
        # A product page is the seller's own listing; other pages are records.
        role = SELLER if kind == "product_page" and as_role != SELLER else SYSTEM
        said = [Said(role, row, index) for row in _rows(page.lines)]
        source = Source(index, kind, text, said)
    doc["_lines"] = page.lines
    return doc, source, messages


def _rows(lines: list[Any]) -> list[str]:
    """A record's lines joined row by row, left to right: a bill or an order page puts its
    label and its value on one row as two lines ("实付款" … "¥2,690.00"), and the label says
    what the value is."""
    rows: list[list[Any]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3] / 2, ln.box[0])):
        middle = line.box[1] + line.box[3] / 2
        last = rows[-1][-1] if rows else None
        if last is not None and abs(middle - (last.box[1] + last.box[3] / 2)) < (
            min(line.box[3], last.box[3]) / 2
        ):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [" ".join(ln.text for ln in sorted(row, key=lambda ln: ln.box[0])) for row in rows]


def _role(speaker: str, as_role: str | None) -> str | None:
    if speaker == "self":
        return as_role
    if speaker == "other":
        return _other(as_role)
    return None


def _message(m: Any, as_role: str | None) -> dict[str, Any]:
    return {
        "speaker": m.speaker,
        "role": _role(m.speaker, as_role),
        "text": m.text,
        "time": m.time.isoformat() if m.time is not None else None,
    }


def _chat_said(chats: list[tuple[int, list[Any]]], as_role: str | None) -> dict[int, list[Said]]:
    """Each chat's messages as said, the overlap of consecutive screenshots counted once."""
    out: dict[int, list[Said]] = {index: [] for index, _ in chats}
    if not chats:
        return out
    _, chat = _ocr()
    owner = {id(m): index for index, msgs in chats for m in msgs}
    stitched = chat.stitch([msgs for _, msgs in chats])
    # Without a known uploader, the side that sells is the one that names a price or a promise.
    role_of_self = as_role or BUYER
    index = chats[0][0]
    for m in stitched:
        # A message at a seam may be the other screenshot's longer reading: keep the last owner.
        index = owner.get(id(m), index)
        role = SYSTEM if m.speaker == "system" else _role(m.speaker, role_of_self)
        out[index].append(Said(role, m.text, index))
    return out


def read(
    uploads: list[Upload],
    *,
    story: str | None = None,
    as_role: str | None = BUYER,
    as_of: date,
    lang: str = "zh",
    all_or_nothing: bool = False,
) -> dict[str, Any]:
    """The weiquan.reading/1 document for the uploads and the story."""
    if as_role not in (BUYER, SELLER, None):
        raise ValueError(f"as_role must be buyer, seller or None, not {as_role!r}")
    docs: list[dict[str, Any]] = []
    sources: list[Source] = []
    chats: list[tuple[int, list[Any]]] = []
    errors: list[dict[str, str]] = []
    for upload in uploads:
        index = len(docs)
        try:
            text = _as_text(upload.data) if upload.data else None
            if text is not None:
                if len(upload.data) > MAX_TEXT_BYTES:
                    zh, en = _TEXT_ERRORS["text_too_long"]
                    raise ReadingError("text_too_long", {"zh": zh, "en": en})
                doc, source = _text_source(index, upload.name, text, as_role)
            else:
                doc, source, messages = _picture_source(index, upload, as_role, as_of)
                if source.kind == CHAT:
                    chats.append((index, messages))
        except ReadingError as e:
            errors.append({"file": upload.name, "code": e.code, "message": e.text(lang)})
            continue
        docs.append(doc)
        sources.append(source)
    if story and story.strip():
        doc, source = _text_source(len(docs), None, story, as_role)
        docs.append(doc)
        sources.append(source)
    if errors and all_or_nothing:
        return _document([], {}, [], [], errors)
    for index, said in _chat_said(chats, as_role).items():
        sources[index].said = said
    found = find([s for src in sources for s in src.said], self_role=as_role or BUYER)
    found.extend(_records(sources))
    facts, questions = build(sources, found, as_of=as_of, self_role=as_role)
    seller_wechat = facts.get("seller", {}).get("identifiers", {}).get("wechat_id")
    keep = [seller_wechat] if seller_wechat else []
    for doc in docs:
        lines = doc.pop("_lines", None)
        if lines is not None:
            doc["sensitive"] = sensitive.on_lines(lines, keep_wechat=keep)
        plain = doc.pop("_plain", None)
        if plain is not None:  # a text has no boxes: its items are placed by character offsets
            doc["sensitive"] = [
                {"kind": i.kind, "box": None, "masked": i.masked, "start": i.start, "end": i.end}
                for i in sensitive.items(plain, keep_wechat=keep)
            ]
    return _document(docs, facts, found, questions, errors)


def _records(sources: list[Source]) -> list[Finding]:
    """A transfer record is itself the record of payment: quoted by its amount line."""
    out = []
    for source in sources:
        if source.kind != RECORD:
            continue
        from_amount = [
            s.text for s in source.said if any(ch.isdigit() for ch in s.text) and ("." in s.text)
        ]
        quote = from_amount[0] if from_amount else source.text.split("\n", 1)[0]
        out.append(Finding("payment_record", quote.strip(), source.index))
    return out


def _document(
    docs: list[dict[str, Any]],
    facts: dict[str, Any],
    found: list[Finding],
    questions: list[dict[str, Any]],
    errors: list[dict[str, str]],
) -> dict[str, Any]:
    unique: list[Finding] = []
    for f in found:
        if not any((g.code, g.quote, g.source) == (f.code, f.quote, f.source) for g in unique):
            unique.append(f)
    return {
        "schema": SCHEMA,
        "engine": engine(),
        "sources": docs,
        "facts": facts,
        "findings": [f.as_dict() for f in unique],
        "questions": questions,
        "errors": errors,
    }
