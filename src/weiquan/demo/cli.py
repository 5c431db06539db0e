"""`weiquan demo load` and `weiquan demo generate`: the demo's cases, and synthetic data."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress

from weiquan import db
from weiquan.common.cli import err, usage_error
from weiquan.common.i18n import N_, gettext
from weiquan.config import get_settings
from weiquan.db import configured_sessions
from weiquan.demo.data import load
from weiquan.merchants import demo as merchants_demo
from weiquan.merchants.generator import generate as run_generator

demo_app = typer.Typer(no_args_is_help=True)

DEMO_ONLY_IN_DEVELOPMENT = N_(
    "The demo accounts share a published password (an administrator's among them): "
    "`weiquan demo load` runs only with WEIQUAN_ENVIRONMENT=development."
)


@demo_app.command("generate")
def generate(
    cases: Annotated[int, typer.Option(help="投诉数量。 How many complaints.")] = 1000,
    merchants: Annotated[
        int | None, typer.Option(help="商家数量（默认投诉数的十分之一）。 How many merchants.")
    ] = None,
    seed: Annotated[int, typer.Option(help="随机种子。 Random seed.")] = 1,
) -> None:
    """生成逼真的合成商家、投诉人与投诉（中文）。 Generate synthetic merchants and complaints."""
    if cases < 1 or (merchants is not None and not 1 <= merchants <= cases):
        usage_error(gettext("Give at least one complaint, and no more merchants than complaints."))
    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url)
    engine = db.make_engine(settings.sqlalchemy_url)
    try:
        with Progress(console=err, transient=False) as progress:
            task = progress.add_task(gettext("Generating complaints"), total=cases)
            truth = run_generator(
                engine=engine,
                cases=cases,
                merchants=merchants,
                seed=seed,
                progress=lambda n: progress.advance(task, n),
            )
    finally:
        engine.dispose()
    err.print(
        gettext(
            "Generated {cases} complaints against {merchants} merchants"
            " ({resolved} as the registry sees them)."
        ).format(cases=truth.cases, merchants=truth.merchants, resolved=truth.resolved)
    )


@demo_app.command("load")
def demo_load() -> None:
    """载入演示案件（可重复运行，不会重复载入）。 Load the demo cases (idempotent)."""
    # Its accounts' password is in the README, an administrator's among them.
    if get_settings().environment != "development":
        usage_error(gettext(DEMO_ONLY_IN_DEVELOPMENT))
    factory = configured_sessions()
    added, present = load(sessions=factory)
    merchants_demo.load(sessions=factory)
    err.print(
        gettext("Demo data: {added} cases added, {present} already present.").format(
            added=added, present=present
        )
    )
