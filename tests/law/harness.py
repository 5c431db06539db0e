"""`weiquan assess` and `POST /api/assessments` on their own, for tests of the contract's
input and output: a Typer app with the command registered as the root CLI registers it, and an
API with only the law's router."""

from __future__ import annotations

import typer
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from weiquan.law.cli import assess
from weiquan.law.views import router

# The root CLI registers the command the same way (app.command("assess")(assess)).
cli = typer.Typer()
cli.command("assess")(assess)
cli.command("noop")(lambda: None)  # a second command keeps "assess" a subcommand, as in weiquan
runner = CliRunner()

api = FastAPI()
api.include_router(router, prefix="/api")
client = TestClient(api)
