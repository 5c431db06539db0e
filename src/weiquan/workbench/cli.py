"""`weiquan workbench ...`: the agency workbench's upkeep from the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from weiquan.cases import service
from weiquan.common.cli import err, out
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
from weiquan.workbench import admissibility

workbench_app = typer.Typer(no_args_is_help=True)

NOT_FOUND_CASE = N_("No case has the number {number}.")
COUNTED = N_("{count} cases: {ok} can be accepted, {missing} lack materials, {refuse} to refuse.")


@workbench_app.callback()
def _group() -> None:
    """机构工作台。 The agency workbench."""


@workbench_app.command("admissibility")
def refresh_admissibility(
    number: Annotated[
        str | None,
        typer.Option(help="只处理此案件。 Only this case."),
    ] = None,
) -> None:
    """重新计算投诉能否受理。 Work out again whether complaints can be accepted.

    The law engine's word the agency queue filters on, for every complaint with an agency (or
    one): for complaints filed before it was kept, and after a change of the law."""
    factory = configured_sessions()
    with factory() as session:
        if number is None:
            counts = admissibility.refresh_all(session)
        else:
            with session.begin():
                case = service.get(session=session, number=number)
                if case is None:
                    err.print(gettext(NOT_FOUND_CASE).format(number=number))
                    raise typer.Exit(1)
                word = admissibility.refresh(session=session, case=case) or "none"
            counts = {word: 1}
    out.print(
        gettext(COUNTED).format(
            count=sum(counts.values()),
            ok=counts.get(admissibility.OK, 0),
            missing=counts.get(admissibility.MISSING, 0),
            refuse=counts.get(admissibility.REFUSE, 0),
        )
    )
