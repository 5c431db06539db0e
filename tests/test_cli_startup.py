"""`weiquan --help` and `weiquan assess` start without the heavy parts; every command still loads.

Which modules a command imports is counted, not timed (timings are in `make bench`): a fresh
interpreter runs the real entry point and, as it exits, writes down every module it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer._click import Context
from typer.main import get_command
from typer.testing import CliRunner

from weiquan.cli import Commands, app

# The database, the document renderer, object storage, Parquet, the web framework and server.
HEAVY = {"sqlalchemy", "alembic", "weasyprint", "boto3", "botocore", "pyarrow", "fastapi"}
HEAVY |= {"starlette", "uvicorn", "jinja2", "PIL", "numpy", "apscheduler"}
# What the root itself needs: i18n and the CLI helpers; a command also reads the settings.
HELP = {"weiquan.cli", "weiquan.common", "weiquan.common.cli", "weiquan.common.errors"}
HELP |= {"weiquan.common.i18n"}
ROOT = HELP | {"weiquan.config"}

# The README's example: a fake bag bought through WeChat Moments.
FACTS = Path(__file__).resolve().parents[1] / "docs" / "examples" / "counterfeit.json"


# The entry point of the `weiquan` script, and a note of sys.modules when the process exits.
RUNNER = """
import atexit, sys
listing = sys.argv.pop(1)
sys.argv[0] = "weiquan"
atexit.register(lambda: open(listing, "w").write("\\n".join(sys.modules)))
from weiquan.cli import main
main()
"""


def run(*args: str, cwd: Path, **extra: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """The weiquan command in a fresh interpreter, and the modules it imported."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEIQUAN_")}
    env |= {"COLUMNS": "100", **extra}
    listing = cwd / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(listing), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    modules = set(listing.read_text(encoding="utf-8").split())
    assert "weiquan.cli" in modules, result.stderr[-2000:]
    return result, modules


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_loads_no_command_module(tmp_path: Path) -> None:
    result, modules = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for name, declared in Commands.lazy.items():
        assert f"│ {name} " in result.stdout
        assert declared.help.split("。")[0] in result.stdout  # its Chinese help, first sentence
    assert top_level(modules) & (HEAVY | {"pydantic_settings"}) == set()
    assert {m for m in modules if m.startswith("weiquan.")} <= HELP


def test_assess_loads_the_law_engine_only(tmp_path: Path) -> None:
    result, modules = run("assess", str(FACTS), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["schema"] == "weiquan.assessment/1"
    assert top_level(modules) & HEAVY == set()
    ours = {m for m in modules if m.startswith("weiquan.")}
    assert "weiquan.law.engine" in ours
    outside_the_law = {m for m in ours if m.split(".")[:2] != ["weiquan", "law"]}
    assert outside_the_law <= ROOT


def test_completing_a_command_name_loads_no_command_module(tmp_path: Path) -> None:
    bash = {"_WEIQUAN_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    result, modules = run(cwd=tmp_path, COMP_WORDS="weiquan me", **bash)
    assert result.returncode == 0 and result.stdout.split() == ["merchants"]
    assert {m for m in modules if m.startswith("weiquan.")} <= HELP
    result, modules = run(
        cwd=tmp_path, COMP_WORDS="weiquan merchants lo", **bash | {"COMP_CWORD": "2"}
    )
    assert result.stdout.split() == ["lookup"] and "weiquan.merchants.cli" in modules


def test_a_group_loads_when_invoked(tmp_path: Path) -> None:
    result, modules = run("merchants", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "lookup" in result.stdout
    assert "weiquan.merchants.cli" in modules
    assert "weiquan.filing.cli" not in modules


@pytest.mark.parametrize("name", list(Commands.lazy))
def test_every_declared_command_loads_with_its_declared_help(name: str) -> None:
    root = get_command(app)
    command = root.get_command(Context(root), name)  # type: ignore[attr-defined]
    assert command is not None and command.name == name
    assert command.help == Commands.lazy[name].help
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output


def test_a_misspelt_command_gets_a_suggestion_among_those_not_loaded() -> None:
    result = CliRunner().invoke(app, ["merchant"])
    assert result.exit_code == 2
    assert "Did you mean 'merchants'?" in result.output
