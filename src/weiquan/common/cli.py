"""What the command line modules share: consoles, plain errors, JSON input, sessions, --lang."""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, NoReturn

import typer
from rich.console import Console
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import UsageError
from typer._click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command, get_group

from weiquan.common.errors import field_errors
from weiquan.common.i18n import gettext

if TYPE_CHECKING:
    from pydantic import ValidationError

out = Console()
err = Console(stderr=True, soft_wrap=True)

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="提示信息的语言 zh 或 en。 Language of messages: zh or en.",
        show_default=False,
    ),
]


def usage_error(message: str) -> NoReturn:
    """Bad input from the user: said plainly (no trace), exit code 2."""
    err.print(message, markup=False, highlight=False)
    raise typer.Exit(2)


def read_json(file: Path) -> Any:
    """The JSON document in file (- for standard input), or a usage error that says why not."""
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        usage_error(
            gettext("Cannot read {file}: {reason}").format(
                file=file, reason=getattr(exc, "strerror", None) or exc
            )
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        usage_error(
            gettext("{file} is not valid JSON (line {line}, column {column}).").format(
                file=file, line=exc.lineno, column=exc.colno
            )
        )


def describe_errors(exc: ValidationError) -> str:
    """A validation error as lines of field: message, in the user's language."""
    lines = [gettext("Some fields need your attention.")]
    for e in field_errors(exc.errors()):
        lines.append(f"  {e['field'] or '-'}: {e['msg']}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Lazy:
    """A command known by name and help text; its module ("module:attribute") loads when used."""

    target: str
    help: str


class LazyGroup(TyperGroup):
    """A group that lists its commands from their declarations and loads each when it runs."""

    # So `weiquan --help` and `weiquan assess` load no database, renderer or web framework.

    lazy: ClassVar[dict[str, Lazy]] = {}
    _LISTING = "weiquan.cli.listing"  # in ctx.meta while help or completion lists the commands

    def list_commands(self, ctx: Context) -> list[str]:
        return [*self.lazy, *(name for name in self.commands if name not in self.lazy)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name in self.commands or cmd_name not in self.lazy:
            return self.commands.get(cmd_name)
        declared = self.lazy[cmd_name]
        if ctx.meta.get(self._LISTING):  # a name and a line of help are all a listing shows
            return TyperCommand(name=cmd_name, help=declared.help)
        module, _, attribute = declared.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        if isinstance(found, typer.Typer):  # a group, even of one command
            command: Command = get_group(found)
        else:  # a command's function
            single = typer.Typer(add_completion=False)
            single.command(cmd_name)(found)
            command = get_command(single)
        command.name = cmd_name
        command.help = declared.help
        self.commands[cmd_name] = command
        return command

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        ctx.meta[self._LISTING] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            del ctx.meta[self._LISTING]

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        ctx.meta[self._LISTING] = True  # completing a name needs no more than the listing does
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            del ctx.meta[self._LISTING]

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        try:
            return self._click_resolve_command(ctx, args)
        except UsageError as e:
            # As TyperGroup does, with the names not loaded yet among the suggestions.
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if self.suggest_commands and matches:
                suggestions = ", ".join(f"{m!r}" for m in matches)
                e.message = f"{e.message.rstrip('.')}. Did you mean {suggestions}?"
            raise
