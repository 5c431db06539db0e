"""`weiquan cases ...`: file, list, show and take steps on cases from the command line."""

from __future__ import annotations

import json
from math import ceil
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account
from weiquan.cases import joint, service
from weiquan.cases.errors import FilingRefused, StepInputError, StepRefused
from weiquan.cases.filters import CaseFilters
from weiquan.cases.ladder import Action
from weiquan.cases.present import to_public, to_summary
from weiquan.cases.schemas import CaseCreate, CasePage, ComplainantIn
from weiquan.common import i18n
from weiquan.common.cli import describe_errors, err, out, read_json, usage_error
from weiquan.common.enums import Actor
from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import CATEGORIES, CHANNELS, PAYMENT_METHODS, PROBLEMS, label
from weiquan.common.money import format_fen
from weiquan.db import configured_sessions
from weiquan.filing import flows

cases_app = typer.Typer(no_args_is_help=True)

NOT_FOUND_CASE = N_("No case has the number {number}.")


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
    document = read_json(file)
    try:
        case_in = CaseCreate.model_validate(document)
    except ValidationError as exc:
        usage_error(describe_errors(exc))
    factory = configured_sessions()
    # Without --as no account files: the reference then never finds an earlier case.
    account = _account(factory, as_)
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
    raw: dict[str, object] = {"q": q, "channel": channel, "category": category, "status": status}
    raw |= {"platform": platform, "page": page, "page_size": page_size}
    try:
        filters = CaseFilters.model_validate({k: v for k, v in raw.items() if v is not None})
    except ValidationError as exc:
        usage_error(describe_errors(exc))
    with configured_sessions()() as session:
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
    with configured_sessions()() as session:
        case = service.get(session=session, number=number)
        if case is None:
            err.print(gettext(NOT_FOUND_CASE).format(number=number))
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
    factory = configured_sessions()
    actor = _account(factory, as_)
    with factory() as session:
        try:
            case = flows.take_step(
                session=session, number=number, action=Action(action), actor=actor, data=payload
            )
        except ValidationError as exc:
            usage_error(describe_errors(exc))
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
    try:
        data = ComplainantIn.model_validate(
            {"name": name, "phone": phone, "email": email, "consented": consented}
        )
    except ValidationError as exc:
        usage_error(describe_errors(exc))
    with configured_sessions()() as session:
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
    with configured_sessions()() as session:
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

    for c in joint.public(session=session, case=case, account=None, full=True):
        mark = gettext("Representative") if c.representative else ""
        out.print(f"{c.id}\t{c.name}\t{c.phone}\t{mark}".rstrip())


def _print_case(case: Any) -> None:
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


def _account(factory: sessionmaker[Session], email: str | None) -> Account | None:
    """The account --as names (detached, for the next session), None without --as."""
    if not email:
        return None
    with factory() as session:
        account = accounts.get_by_email(session=session, email=email)
        if account is None:
            usage_error(gettext("There is no such account."))
        session.expunge(account)
    return account


search_app = typer.Typer(no_args_is_help=True)

REINDEXED = N_("Indexed the narratives of {count} cases for search.")


@search_app.command("reindex")
def search_reindex() -> None:
    """重新为所有案件经过建立搜索索引（分词方式改变之后）。 Index every case's narrative for
    search anew (after a change to how words are cut)."""
    with configured_sessions()() as session:
        count = flows.reindex_narratives(session=session)
    out.print(gettext(REINDEXED).format(count=count))
