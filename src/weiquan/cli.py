"""The command line: `weiquan serve`, `weiquan db upgrade`, `weiquan cases ...` and more."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from weiquan import db, instance
from weiquan.accounts.cli import accounts_app
from weiquan.common import i18n
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.config import get_settings
from weiquan.documents.cli import documents_app
from weiquan.evidence.cli import evidence_app
from weiquan.law.cli import assess
from weiquan.merchants.cli import export_app, merchants_app
from weiquan.merchants.cli import generate as demo_generate
from weiquan.notifications.cli import webhooks_app
from weiquan.worker import worker

app = typer.Typer(
    help="weiquan 维权：网络与社交电商消费者权益保护。"
    " Consumer rights defence for online and social commerce.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="数据库命令。 Database commands.", no_args_is_help=True)
demo_app = typer.Typer(help="演示数据。 Demo data.", no_args_is_help=True)
cases_app = typer.Typer(help="案件（投诉）。 Cases (complaints).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(cases_app, name="cases")
app.add_typer(accounts_app, name="accounts")
app.add_typer(webhooks_app, name="webhooks")
app.add_typer(evidence_app, name="evidence")
app.add_typer(merchants_app, name="merchants")
app.add_typer(export_app, name="export")
app.add_typer(documents_app, name="documents")
demo_app.command("generate")(demo_generate)
app.command("worker")(worker)
app.command(
    "assess",
    help="依据中国法律评估纠纷（输入事实 JSON，输出评估）。 Assess a dispute under PRC law.",
)(assess)

out = Console()
err = Console(stderr=True, soft_wrap=True)

DEMO_ONLY_IN_DEVELOPMENT = N_(
    "The demo accounts share a published password (an administrator's among them): "
    "`weiquan demo load` runs only with WEIQUAN_ENVIRONMENT=development."
)

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


@app.callback()
def _root(lang: LangOption = None) -> None:
    chosen = i18n.normalize(lang) or get_settings().default_language
    i18n.current_language.set(chosen)


def sessions() -> Any:
    """A session factory on the configured database, migrated first."""
    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url)
    return db.make_sessionmaker(db.make_engine(settings.sqlalchemy_url))


_sessions = sessions


@app.command()
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
    from weiquan import serving

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
    from alembic import command

    settings = get_settings()
    db.upgrade(settings.sqlalchemy_url)
    command.revision(db.alembic_config(settings.sqlalchemy_url), message=message, autogenerate=True)


@demo_app.command("load")
def demo_load() -> None:
    """载入演示案件（可重复运行，不会重复载入）。 Load the demo cases (idempotent)."""
    from weiquan.demo.data import load
    from weiquan.merchants import demo as merchants_demo

    # Its accounts' password is in the README, an administrator's among them.
    if get_settings().environment != "development":
        usage_error(gettext(DEMO_ONLY_IN_DEVELOPMENT))
    factory = _sessions()
    added, present = load(sessions=factory)
    merchants_demo.load(sessions=factory)
    err.print(
        gettext("Demo data: {added} cases added, {present} already present.").format(
            added=added, present=present
        )
    )


@cases_app.command("create")
def cases_create(
    file: Annotated[
        Path,
        typer.Option(
            "--file", "-f", help="案件 JSON 文件，- 表示标准输入。 The case as JSON; - for stdin."
        ),
    ],
    format: Annotated[
        str, typer.Option(help="输出格式 text 或 json。 Output: text or json.")
    ] = "text",
    as_: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="以此账户身份提交（邮箱；消费者账户即案件所属人）；external_ref 只查找该账户"
            "以前提交的案件，不加此项则从不查找。 File as this account (email; a consumer's "
            "account owns the case); an external_ref finds only its earlier filings, and "
            "without --as none.",
        ),
    ] = None,
) -> None:
    """从 JSON 文件提交案件。 File a case from a JSON file."""
    from weiquan.accounts import service as accounts
    from weiquan.cases.errors import FilingRefused
    from weiquan.cases.present import to_public
    from weiquan.cases.schemas import CaseCreate
    from weiquan.common.enums import Actor
    from weiquan.filing import flows

    document = _read_json(file)
    try:
        case_in = CaseCreate.model_validate(document)
    except ValidationError as exc:
        usage_error(_describe_errors(exc))
    factory = _sessions()
    account = None
    if as_:  # without it, no account files: the reference then never finds an earlier case
        with factory() as session:
            account = accounts.get_by_email(session=session, email=as_)
            if account is None:
                usage_error(gettext("There is no such account."))
            session.expunge(account)
    with factory() as session:
        try:
            case = flows.file_case(
                session=session,
                case_in=case_in,
                actor=Actor.cli,
                language=i18n.current_language.get(),
                account=account,
            )
        except FilingRefused as exc:
            usage_error(exc.message)
        public = to_public(case)
    if format == "json":
        out.print_json(public.model_dump_json())
    else:
        out.print(gettext("Case {number} filed.").format(number=public.number))


@cases_app.command("list")
def cases_list(
    format: Annotated[
        str, typer.Option(help="输出格式 table 或 json。 Output: table or json.")
    ] = "table",
    q: Annotated[
        str | None,
        typer.Option(help="搜索编号、商品、商家、经过。 Search number, goods, merchant, text."),
    ] = None,
    channel: Annotated[
        str | None, typer.Option(help="渠道代码，如 live_stream。 Channel code.")
    ] = None,
    category: Annotated[
        str | None, typer.Option(help="商品类别代码，如 food。 Category code.")
    ] = None,
    status: Annotated[str | None, typer.Option(help="状态代码。 Status code.")] = None,
    platform: Annotated[
        str | None, typer.Option(help="平台名称包含。 Platform name contains.")
    ] = None,
    page: Annotated[int, typer.Option(help="页码。 Page number.")] = 1,
    page_size: Annotated[
        int, typer.Option(help="每页条数（最多 100）。 Cases per page (at most 100).")
    ] = 20,
) -> None:
    """列出案件，最新的在前。 List cases, newest first."""
    from math import ceil

    from weiquan.cases import service
    from weiquan.cases.filters import CaseFilters
    from weiquan.cases.present import to_summary
    from weiquan.cases.schemas import CasePage
    from weiquan.common.labels import CHANNELS, label
    from weiquan.common.money import format_fen

    raw: dict[str, object] = {"q": q, "channel": channel, "category": category, "status": status}
    raw |= {"platform": platform, "page": page, "page_size": page_size}
    try:
        filters = CaseFilters.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        usage_error(_describe_errors(exc))
    with _sessions()() as session:
        items, total = service.get_all(session=session, filters=filters)
        result = CasePage(
            items=[to_summary(c) for c in items],
            total=total,
            page=filters.page,
            page_size=filters.page_size,
            pages=max(1, ceil(total / filters.page_size)),
        )
    if format == "json":
        out.print_json(result.model_dump_json())
        return
    table = Table(
        title=gettext("Cases: {total} in all, page {page} of {pages}").format(
            total=result.total, page=result.page, pages=result.pages
        )
    )
    for header in (N_("Number"), N_("Goods"), N_("Merchant"), N_("Channel"), N_("Paid")):
        table.add_column(gettext(header))
    table.add_column(gettext("Status"))
    for c in result.items:
        table.add_row(
            c.number,
            c.goods,
            c.merchant,
            label(CHANNELS, c.channel),
            format_fen(c.price_paid),
            c.status_label,
        )
    out.print(table)


@cases_app.command("show")
def cases_show(
    number: Annotated[str, typer.Argument(help="案件编号，如 WQ-2026-000123。 Case number.")],
    format: Annotated[
        str, typer.Option(help="输出格式 text 或 json。 Output: text or json.")
    ] = "text",
) -> None:
    """显示一个案件及其进展记录。 Show one case with its timeline."""
    from weiquan.cases import service
    from weiquan.cases.present import to_public
    from weiquan.cases.views import NOT_FOUND

    with _sessions()() as session:
        case = service.get(session=session, number=number)
        if case is None:
            err.print(gettext(NOT_FOUND).format(number=number))
            raise typer.Exit(1)
        public = to_public(case, session=session)
    if format == "json":
        out.print_json(public.model_dump_json())
        return
    _print_case(public)


@cases_app.command("step")
def cases_step(
    number: Annotated[str, typer.Argument(help="案件编号。 Case number.")],
    action: Annotated[str, typer.Argument(help="步骤，如 send_demand。 Step, e.g. send_demand.")],
    as_: Annotated[
        str | None, typer.Option("--as", help="以此账户身份（邮箱）。 Act as this account (email).")
    ] = None,
    data: Annotated[str, typer.Option(help="步骤参数 JSON。 The step's input as JSON.")] = "{}",
) -> None:
    """推进案件一步（维权阶梯）。 Take one step of the escalation ladder on a case."""
    from weiquan.accounts import service as accounts
    from weiquan.cases.errors import StepInputError, StepRefused
    from weiquan.cases.ladder import Action
    from weiquan.filing import flows

    if action not in Action.__members__:
        usage_error(
            gettext("Unknown step {action}; known: {known}.").format(
                action=action, known=", ".join(Action.__members__)
            )
        )
    try:
        payload = json.loads(data)
    except json.JSONDecodeError:
        usage_error(gettext("The --data option is not valid JSON."))
    factory = _sessions()
    actor = None
    if as_:
        with factory() as session:
            actor = accounts.get_by_email(session=session, email=as_)
            if actor is None:
                usage_error(gettext("There is no such account."))
            session.expunge(actor)
    with factory() as session:
        try:
            case = flows.take_step(
                session=session, number=number, action=Action(action), actor=actor, data=payload
            )
        except ValidationError as exc:
            usage_error(_describe_errors(exc))
        except (StepRefused, StepInputError) as exc:
            usage_error(exc.message)
        if case is None:
            err.print(gettext(NOT_FOUND_CASE).format(number=number))
            raise typer.Exit(1)
        out.print(f"{case.number}\t{case.status}")


@cases_app.command("join")
def cases_join(
    number: Annotated[str, typer.Argument(help="案件编号。 Case number.")],
    name: Annotated[str, typer.Option(help="共同投诉人姓名。 The co-complainant's name.")],
    phone: Annotated[str, typer.Option(help="其电话。 Their phone.")],
    email: Annotated[
        str | None, typer.Option(help="其账户邮箱（可选）。 Their account's email (optional).")
    ] = None,
    consented: Annotated[
        bool, typer.Option("--consented", help="本人已同意共同投诉。 They agreed to join.")
    ] = False,
) -> None:
    """加入共同投诉人（须本人同意）。 Add a co-complainant to a joint complaint (with consent)."""
    from weiquan.cases import joint
    from weiquan.cases.errors import StepInputError, StepRefused
    from weiquan.cases.schemas import ComplainantIn

    try:
        data = ComplainantIn.model_validate(
            {"name": name, "phone": phone, "email": email, "consented": consented}
        )
    except ValidationError as exc:
        usage_error(_describe_errors(exc))
    with _sessions()() as session:
        try:
            case = joint.add(session=session, number=number, actor=None, data=data)
        except (StepRefused, StepInputError) as exc:
            usage_error(exc.message)
        if case is None:
            err.print(gettext(NOT_FOUND_CASE).format(number=number))
            raise typer.Exit(1)
        _print_group(session, case)


@cases_app.command("representatives")
def cases_representatives(
    number: Annotated[str, typer.Argument(help="案件编号。 Case number.")],
    ids: Annotated[
        list[int] | None, typer.Argument(help="至多两名投诉人的编号。 At most two complainant ids.")
    ] = None,
) -> None:
    """推选共同投诉代表人（至多两名）。 Choose a joint complaint's two representatives at most."""
    from weiquan.cases import joint
    from weiquan.cases.errors import StepInputError, StepRefused

    with _sessions()() as session:
        try:
            case = joint.choose_representatives(
                session=session, number=number, actor=None, ids=list(ids or [])
            )
        except (StepRefused, StepInputError) as exc:
            usage_error(exc.message)
        if case is None:
            err.print(gettext(NOT_FOUND_CASE).format(number=number))
            raise typer.Exit(1)
        _print_group(session, case)


def _print_group(session: Any, case: Any) -> None:
    from weiquan.cases import joint

    for c in joint.public(session=session, case=case, account=None, full=True):
        mark = gettext("Representative") if c.representative else ""
        out.print(f"{c.id}\t{c.name}\t{c.phone}\t{mark}".rstrip())


def _print_case(case: Any) -> None:
    from weiquan.common.labels import CATEGORIES, CHANNELS, PAYMENT_METHODS, PROBLEMS, label
    from weiquan.common.money import format_fen

    rows = [
        (N_("Status"), case.status_label),
        (N_("Filed"), case.created_at_local),
        (N_("Consumer"), f"{case.consumer.name} {case.consumer.phone}"),
        (N_("Merchant"), " / ".join(v for v in case.merchant.model_dump().values() if v)),
        (N_("Goods"), " ".join(x for x in (case.order.goods, case.order.brand or "") if x)),
        (N_("Kind of goods"), label(CATEGORIES, case.order.category)),
        (N_("Paid"), f"{format_fen(case.order.price_paid)} × {case.order.quantity}"),
        (N_("Order date"), str(case.order.order_date)),
        (N_("Channel"), label(CHANNELS, case.order.channel)),
        (N_("How you paid"), label(PAYMENT_METHODS, case.order.payment_method)),
        (N_("Problems"), ", ".join(label(PROBLEMS, p) for p in case.problems)),
    ]
    table = Table(title=case.number, show_header=False)
    table.add_column()
    table.add_column()
    for key, value in rows:
        table.add_row(gettext(key), value)
    out.print(table)
    out.print(case.narrative)
    out.print()
    for event in case.timeline:
        out.print(f"{event.at_local}  {event.message}")


NOT_FOUND_CASE = N_("No case has the number {number}.")


def _read_json(file: Path) -> Any:
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


def _describe_errors(exc: ValidationError) -> str:
    lines = [gettext("Some fields need your attention.")]
    for e in field_errors(exc.errors()):
        lines.append(f"  {e['field'] or '-'}: {e['msg']}")
    return "\n".join(lines)


def main() -> None:
    app()
