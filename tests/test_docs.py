"""The docs keep up: the two commands and every setting in the README, every command in docs/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer
from typer._click import Context
from typer.main import get_command

from weiquan.cli import app
from weiquan.config import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_two_commands() -> None:
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nrun:" in makefile and "\ntest:" in makefile


def test_every_setting_documented() -> None:
    for name in Settings.model_fields:
        assert f"WEIQUAN_{name.upper()}" in README, name


def command_paths(group: typer.Typer) -> list[str]:
    root = get_command(group)
    paths = []

    def walk(cmd: Any, prefix: str) -> None:
        # Through list_commands and get_command: the root loads its groups only when asked.
        if hasattr(cmd, "list_commands"):
            context = Context(cmd)
            for name in cmd.list_commands(context):
                walk(cmd.get_command(context, name), f"{prefix} {name}".strip())
        else:
            paths.append(prefix)

    walk(root, "")
    return paths


def test_every_command_documented() -> None:
    paths = command_paths(app)
    assert "cases create" in paths and "serve" in paths
    for path in paths:
        assert f"weiquan {path}" in CLI_DOC, path


def test_readme_links_resolve() -> None:
    """Every docs/ file the README points a newcomer to exists."""
    for target in re.findall(r"\]\((docs/[^)#]+)\)", README):
        assert (ROOT / target).is_file(), target


def test_readme_images_exist() -> None:
    """Every picture the README shows or links (the screens of `make screenshots`) exists."""
    images = re.findall(r'<img [^>]*src="([^"]+)"', README)
    images += re.findall(r'<a [^>]*href="(docs/[^"]+\.png)"', README)
    images += re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README)
    assert images, "the README's screens are gone"
    for target in images:
        assert (ROOT / target).is_file(), target
