"""`weiquan stats ...`: the agencies' statistics kept as tallies (weiquan.cases.tallies)."""

from __future__ import annotations

import time

import typer

from weiquan.common.cli import out
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
from weiquan.stats.figures import rebuild as rebuild_tallies

stats_app = typer.Typer(no_args_is_help=True)

REBUILT = N_("The statistics were counted again from every case ({seconds:.1f} s).")


@stats_app.command("rebuild")
def rebuild() -> None:
    """从全部案件重新统计（批量导入或修复后）。 Count the statistics again from every case."""
    started = time.monotonic()
    with configured_sessions()() as session, session.begin():
        rebuild_tallies(session)
    out.print(gettext(REBUILT).format(seconds=time.monotonic() - started))
