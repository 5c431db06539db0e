"""`weiquan read FILE...`: screenshots, records and a story in, the weiquan.reading/1 document
out (the root CLI registers `read`). A file that cannot be read is named on stderr with why, the
others are still read, and the exit code is 2."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from weiquan.common import labels
from weiquan.common.dates import local_today
from weiquan.common.i18n import gettext

from .findings import LABELS
from .read import Upload
from .read import read as read_all

EXIT_INVALID = 2


class Format(StrEnum):
    JSON = "json"
    TEXT = "text"


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Role(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


_MESSAGES = {
    "unreadable": ("无法读取文件 {file}：{reason}", "Cannot read the file {file}: {reason}"),
    "nothing": (
        "请给出要读取的文件，或用 --story / --story-file 给出描述。",
        "Give the files to read, or a story with --story or --story-file.",
    ),
    "both_stories": (
        "--story 和 --story-file 只能用一个。",
        "Use either --story or --story-file, not both.",
    ),
    "bad_as_of": ("--as-of 应为 YYYY-MM-DD 格式的日期。", "--as-of must be a date YYYY-MM-DD."),
    "file_error": ("{file}：{message}", "{file}: {message}"),
    "sources": ("读取的材料", "What was read"),
    "facts": ("读出的事实（待您确认）", "Facts read (for you to confirm)"),
    "findings": ("发现", "Findings"),
    "questions": ("还需要您回答", "Still to answer"),
    "none": ("（无）", "(none)"),
    "story": ("描述", "the story"),
    "sensitive": ("处需遮盖的个人信息", "personal details to mask"),
}
_FACT_NAMES = {
    "purchase.date": ("购买日期", "Bought on"),
    "purchase.received_date": ("签收日期", "Received on"),
    "purchase.amount_paid": ("实付金额（元）", "Amount paid (yuan)"),
    "purchase.channel": ("购买渠道", "Channel"),
    "purchase.platform_name": ("平台", "Platform"),
    "purchase.payment": ("付款方式", "Payment"),
    "goods.description": ("商品", "Goods"),
    "goods.brand": ("品牌", "Brand"),
    "goods.category": ("类别", "Category"),
    "problems": ("问题", "Problems"),
    "seller.promised_multiplier": ("卖家承诺赔偿倍数", "Seller's promised multiple"),
    "seller.identifiers.wechat_id": ("卖家微信号", "Seller's WeChat ID"),
    "seller.identifiers.phone": ("卖家电话", "Seller's phone"),
    "seller.identifiers.name": ("卖家昵称", "Seller's name"),
    "seller.identifiers.real_name": ("卖家实名（部分隐藏）", "Seller's real name (masked)"),
    "history.seller_response": ("卖家的回应", "Seller's response"),
}
_TABLES = {
    "purchase.channel": labels.CHANNELS,
    "purchase.payment": labels.PAYMENT_METHODS,
    "goods.category": labels.CATEGORIES,
    "problems": labels.PROBLEMS,
    "history.seller_response": labels.SELLER_RESPONSES,
}


def _say(key: str, lang: Lang, **params: Any) -> str:
    zh, en = _MESSAGES[key]
    return (zh if lang is Lang.ZH else en).format(**params)


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_INVALID)


def read(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Screenshots, transfer records, order pages or text."),
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="The story in the person's own words.")
    ] = None,
    story_file: Annotated[
        Path | None, typer.Option("--story-file", help="A UTF-8 file holding the story.")
    ] = None,
    as_role: Annotated[
        Role, typer.Option("--as", help="Who uploads: buyer (self is the buyer) or seller.")
    ] = Role.BUYER,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Day relative dates are read against (default today, Beijing)."
        ),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", help="json (the contract) or text (for people).")
    ] = Format.JSON,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of messages and text.")] = Lang.ZH,
    all_or_nothing: Annotated[
        bool, typer.Option("--all-or-nothing", help="Read nothing if any file cannot be read.")
    ] = False,
) -> None:
    """Read screenshots and a story: proposed facts, findings and what to mask."""
    files = files or []
    if story is not None and story_file is not None:
        _fail(_say("both_stories", lang))
    day = local_today()
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            _fail(_say("bad_as_of", lang))
    problems: list[str] = []
    if story_file is not None:
        try:
            story = story_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            _fail(
                _say("unreadable", lang, file=story_file, reason=getattr(e, "strerror", None) or e)
            )
    if not files and not (story and story.strip()):
        _fail(_say("nothing", lang))
    uploads = []
    for path in files:
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except OSError as e:
            problems.append(_say("unreadable", lang, file=path, reason=e.strerror or e))
    if problems and all_or_nothing:
        _fail("\n".join(problems))
    doc = read_all(
        uploads, story=story, as_role=as_role.value, as_of=day, lang=lang.value,
        all_or_nothing=all_or_nothing,
    )  # fmt: skip
    for error in doc["errors"]:
        problems.append(_say("file_error", lang, file=error["file"], message=error["message"]))
    if format is Format.TEXT:
        typer.echo(render(doc, lang.value), nl=False)
    else:
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    if problems:
        typer.echo("\n".join(problems), err=True)
        raise typer.Exit(EXIT_INVALID)


def _flat(facts: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in facts.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.extend(_flat(value, path + "."))
        elif key != "negotiated_with_seller":
            out.append((path, value))
    return out


def _value(path: str, value: Any, lang: str) -> str:
    table = _TABLES.get(path)
    if table is not None:
        values = value if isinstance(value, list) else [value]
        return "、".join(gettext(table[v], lang) if v in table else str(v) for v in values)
    return str(value)


def render(doc: dict[str, Any], lang: str = "zh") -> str:
    """The reading for people: what was read, the facts, the findings, the questions."""
    en = lang == "en"
    code = Lang.EN if en else Lang.ZH
    lines = [f"== {_say('sources', code)}"]
    for i, source in enumerate(doc["sources"]):
        name = source["file"] or _say("story", code)
        extra = (
            f", {len(source.get('sensitive', []))} {_say('sensitive', code)}"
            if source.get("sensitive")
            else ""
        )
        lines.append(f"  [{i}] {name} ({source['kind']}{extra})")
    lines.append(f"== {_say('facts', code)}")
    flat = _flat(doc["facts"])
    for path, value in flat:
        zh_name, en_name = _FACT_NAMES.get(path, (path, path))
        lines.append(f"  {en_name if en else zh_name}: {_value(path, value, lang)}")
    if not flat:
        lines.append(f"  {_say('none', code)}")
    lines.append(f"== {_say('findings', code)}")
    for f in doc["findings"]:
        zh, english = LABELS.get(f["code"], (f["code"], f["code"]))
        text = (english if en else zh).format(value=f.get("value", ""))
        lines.append(f"  [{f['source']}] {text}: “{f['quote']}”")
    if not doc["findings"]:
        lines.append(f"  {_say('none', code)}")
    if doc["questions"]:
        lines.append(f"== {_say('questions', code)}")
        for q in doc["questions"]:
            lines.append(f"  - {q['question']['en' if en else 'zh']}")
    return "\n".join(lines) + "\n"
