"""`weiquan assess FILE.json`: facts in, assessment out (the root CLI registers `assess`)."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from .engine import assess as run_assessment
from .facts import Facts, error_list
from .serialise import dump_json
from .text import render

__all__ = ["Format", "Lang", "assess"]

EXIT_INVALID = 2


class Format(StrEnum):
    JSON = "json"
    TEXT = "text"


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


_MESSAGES = {
    "invalid": ("事实文件有以下问题：", "The facts document has these problems:"),
    "not_json": ("不是有效的 JSON：", "Not valid JSON: "),
    "unreadable": ("无法读取文件：", "Cannot read the file: "),
    "no_file": (
        "请给出事实文件（或用 - 表示标准输入），或使用 --schema。",
        "Give a facts file (or - for standard input), or use --schema.",
    ),
    "bad_as_of": ("--as-of 应为 YYYY-MM-DD 格式的日期。", "--as-of must be a date YYYY-MM-DD."),
}


def _say(key: str, lang: Lang) -> str:
    zh, en = _MESSAGES[key]
    return zh if lang is Lang.ZH else en


def _fail(problems: list[dict[str, Any]], fmt: Format, lang: Lang) -> NoReturn:
    """Every problem with its path, on stderr; exit code 2."""
    if fmt is Format.JSON:
        doc = {"error": "invalid_facts", "problems": problems}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2), err=True)
    else:
        typer.echo(_say("invalid", lang), err=True)
        for p in problems:
            typer.echo(f"  {p['path']}: {p[lang.value]}", err=True)
    raise typer.Exit(EXIT_INVALID)


def _problem(path: str, kind: str, key: str, detail: str) -> dict[str, Any]:
    zh, en = _MESSAGES[key]
    return {"path": path, "type": kind, "zh": zh + detail, "en": en + detail}


def assess(
    file: Annotated[
        str | None,
        typer.Argument(help="Facts JSON file (weiquan.facts/1), or - for standard input."),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the facts and exit.")
    ] = False,
    format: Annotated[
        Format, typer.Option("--format", help="json (the contract) or text (for people).")
    ] = Format.JSON,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of text output.")] = Lang.ZH,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Assess as of this day (YYYY-MM-DD); overrides the file."),
    ] = None,
) -> None:
    """Assess a dispute under PRC consumer law: facts JSON in, assessment out."""
    if schema:
        doc = Facts.model_json_schema(by_alias=True)
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    if file is None:
        typer.echo(_say("no_file", lang), err=True)
        raise typer.Exit(EXIT_INVALID)
    day: date | None = None
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            _fail([_problem("--as-of", "date_format", "bad_as_of", "")], format, lang)
    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        _fail([_problem("(file)", "unreadable", "unreadable", str(e))], format, lang)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}"
        _fail([_problem("(document)", "json_invalid", "not_json", where)], format, lang)
    if day is not None and isinstance(data, dict):
        # --as-of replaces the document's own day, so its dates are checked against it.
        data = {**data, "as_of": day.isoformat()}
    try:
        facts = Facts.model_validate(data)
    except ValidationError as e:
        _fail(error_list(e), format, lang)
    try:
        result = run_assessment(facts, as_of=day)
    except ValidationError as e:  # dates after --as-of
        _fail(error_list(e), format, lang)
    if format is Format.TEXT:
        typer.echo(render(result, lang.value), nl=False)
    else:
        typer.echo(dump_json(result, indent=2).decode())
