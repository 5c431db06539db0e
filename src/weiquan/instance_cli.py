"""`weiquan serve` and `weiquan db ...`: migrate this instance's database and serve it."""

from __future__ import annotations

from typing import Annotated

import typer
from alembic import command

from weiquan import db, instance, serving
from weiquan.common.cli import err, usage_error
from weiquan.common.i18n import gettext
from weiquan.config import get_settings

db_app = typer.Typer(no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="监听地址。 Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="监听端口。 Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="服务进程数，通常每个 CPU 核一个。 Server processes, usually one per CPU core.",
        ),
    ] = 1,
) -> None:
    """迁移数据库并启动网页和 API 服务。 Migrate the database, then serve the pages and the API."""
    settings = get_settings()
    try:
        # Made (or read) here, once, before the server processes start and read it.
        key = instance.secret_key(settings)
    except instance.KeyFileError as error:
        usage_error(str(error))
    db.upgrade(settings.sqlalchemy_url)
    for line in instance.mode_lines(settings, key):
        err.print(line, markup=False, highlight=False)
    err.print(gettext("Serving weiquan at http://{host}:{port}").format(host=host, port=port))
    try:
        status = serving.serve(host, port, workers)
    except OSError as error:  # the port is taken, or not ours to listen on
        message = gettext("Cannot listen on {host}:{port}: {reason}")
        usage_error(message.format(host=host, port=port, reason=error.strerror or error))
    raise typer.Exit(status)


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="目标版本。 Target revision.")] = "heads",
) -> None:
    """把数据库迁移到最新结构（或 REVISION）。 Migrate the database to the newest schema."""
    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url, revision)
    err.print(gettext("Database is up to date."))


@db_app.command("revision")
def db_revision(
    message: Annotated[str, typer.Option("-m", help="变更说明。 What the change does.")],
) -> None:
    """开发用：按模型与数据库的差异生成迁移。 For developers: write a new migration."""
    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url)
    command.revision(db.alembic_config(settings.sqlalchemy_url), message=message, autogenerate=True)
