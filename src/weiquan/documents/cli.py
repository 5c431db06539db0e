"""`weiquan documents ...`: types, render, facts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table

from weiquan.cases import service as cases
from weiquan.common.cli import err, out
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
from weiquan.documents import render, service
from weiquan.documents.facts import FACTS, NEEDS, TITLES, DocType
from weiquan.documents.flows import NotYours, supply_facts
from weiquan.documents.service import Source

documents_app = typer.Typer(no_args_is_help=True)

NOT_FOUND = N_("No case {number}.")
WROTE = N_("Wrote {path} ({size} bytes).")
BAD_TYPE = N_("Unknown document type {type}; see `weiquan documents types`.")
BAD_FORMAT = N_("Format must be pdf, docx or txt.")
BAD_LANG = N_("Language must be zh or en.")
BAD_SET = N_("Write facts as KEY=VALUE; known keys: {keys}.")
UNKNOWN_FACT = N_("Unknown fact {fact}.")
HOW_TO_SUPPLY = N_("Supply them with `weiquan documents facts {number} --set KEY=VALUE`.")

Number = Annotated[str, typer.Argument(help="案件编号，如 WQ-2026-000123。 Case number.")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(message, markup=False, highlight=False)
    raise typer.Exit(code)


def _source(factory: Any, number: str) -> Source:
    with factory() as session, session.begin():
        case = cases.get(session=session, number=number)
        if case is None:
            _fail(gettext(NOT_FOUND).format(number=number), 1)
        return service.load(session=session, case=case)


@documents_app.command("types")
def types(
    format: Annotated[
        str, typer.Option(help="输出格式 table 或 json。 Output: table or json.")
    ] = "table",
) -> None:
    """列出文书类型及各自需要的事实。 List the document types and the facts each needs."""
    rows: list[dict[str, Any]] = [
        {"type": t.value, "title": gettext(TITLES[t]), "needs": list(NEEDS[t])} for t in DocType
    ]
    if format == "json":
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table()
    for header in (N_("Type"), N_("Document"), N_("Needs")):
        table.add_column(gettext(header))
    for r in rows:
        table.add_row(r["type"], r["title"], ", ".join(r["needs"]))
    out.print(table)


@documents_app.command("render")
def render_document(
    number: Number,
    type: Annotated[str, typer.Option("--type", "-t", help="文书类型。 Document type.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="pdf、docx 或 txt。 pdf, docx or txt.")
    ] = "pdf",
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="文书语言 zh 或 en。 Language: zh or en.")
    ] = "zh",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="输出文件，- 表示标准输出。 Output file; - for stdout."
        ),
    ] = None,
) -> None:
    """生成文书；缺少事实时列出所缺（退出码 2）。 Render a document, or list what it lacks."""
    try:
        doc_type = DocType(type)
    except ValueError:
        _fail(gettext(BAD_TYPE).format(type=type))
    if format not in render.FORMATS:
        _fail(gettext(BAD_FORMAT))
    if lang not in ("zh", "en", "zh_CN", "zh-CN"):
        _fail(gettext(BAD_LANG))
    language = render.doc_language(lang)
    source = _source(configured_sessions(), number)
    try:
        data = render.produce(source, doc_type, language, format)
    except render.Missing as exc:
        lines = [exc.text()]
        lines += [f"  - {m['fact']}: {m['label']}" for m in render.missing_public(exc.keys)]
        lines.append(gettext(HOW_TO_SUPPLY).format(number=source.case["number"]))
        _fail("\n".join(lines))
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = output or Path(render.filename(source.case["number"], doc_type, language, format))
    path.write_bytes(data)
    err.print(gettext(WROTE).format(path=path, size=len(data)), markup=False, highlight=False)


@documents_app.command("facts")
def facts(
    number: Number,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="KEY=VALUE，可重复；空值表示清除。 KEY=VALUE, repeatable; empty clears."
        ),
    ] = None,
    format: Annotated[
        str, typer.Option(help="输出格式 table 或 json。 Output: table or json.")
    ] = "table",
) -> None:
    """查看或补充文书所需的事实。 Show, or supply, the facts documents need."""
    factory = configured_sessions()
    source = _source(factory, number)
    if set_:
        values: dict[str, str | None] = {}
        for item in set_:
            key, sep, value = item.partition("=")
            if not sep:
                _fail(gettext(BAD_SET).format(keys=", ".join(FACTS)))
            values[key.strip()] = value
        with factory() as session:
            try:
                source = supply_facts(
                    session, source.case["number"], values, {"consumer", "merchant"}, "cli"
                )
            except NotYours as exc:
                _fail(gettext(UNKNOWN_FACT).format(fact=str(exc)))
    rows = [
        {"fact": f.key, "label": gettext(f.label), "side": f.side, "value": source.facts.get(f.key)}
        for f in FACTS.values()
    ]
    if format == "json":
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table()
    for header in (N_("Fact"), N_("Label"), N_("Value")):
        table.add_column(gettext(header))
    for r in rows:
        table.add_row(r["fact"], r["label"], r["value"] or "")
    out.print(table)
