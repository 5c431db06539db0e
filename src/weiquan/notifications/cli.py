"""`weiquan webhooks ...`: endpoints for platforms and ODR merchants, and the outbox."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic_core import PydanticCustomError
from rich.table import Table

from weiquan.common.cli import out, usage_error
from weiquan.common.dates import format_local
from weiquan.common.i18n import N_, gettext
from weiquan.db import configured_sessions
from weiquan.notifications import flows, service
from weiquan.notifications.models import DeliveryStatus
from weiquan.notifications.schemas import (
    KINDS,
    DeliveryPublic,
    WebhookEndpointPublic,
    check_kinds,
    check_url,
)

webhooks_app = typer.Typer(no_args_is_help=True)

NO_OWNER = N_("Give exactly one owner: --agency NAME or --account EMAIL.")
UNKNOWN_OWNER = N_("No agency or account matches {owner}.")
CREATED = N_("Endpoint {id} added for {url}.")
SECRET = N_("Signing secret (shown only now; keep it to verify X-Weiquan-Signature):")
NO_SUCH_ENDPOINT = N_("No webhook endpoint has the id {id}.")
NO_SUCH_DELIVERY = N_("No delivery has the id {id}.")
DISABLED = N_("Endpoint {id} disabled.")
QUEUED = N_("Delivery {id} queued; the worker sends it at its next run.")


@webhooks_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="接收地址。 The URL to POST to.")],
    agency: Annotated[
        str | None, typer.Option("--agency", help="所属机构名称。 Owned by this agency (name).")
    ] = None,
    account: Annotated[
        str | None, typer.Option("--account", help="所属账户邮箱。 Owned by this account (email).")
    ] = None,
    events: Annotated[
        list[str] | None,
        typer.Option(
            "--events",
            help="订阅的类型，可重复或用逗号分隔，默认全部。"
            " Kinds to send: repeat or comma-separate; default all.",
        ),
    ] = None,
) -> None:
    """添加网络钩子端点并显示其签名密钥。 Add a webhook endpoint and show its signing secret."""
    if (agency is None) == (account is None):
        usage_error(gettext(NO_OWNER))
    kinds = [k.strip() for item in events or [] for k in item.split(",") if k.strip()]
    try:
        url = check_url(url)
    except PydanticCustomError as exc:  # its sentence is the msgid
        usage_error(gettext(exc.message_template))
    try:
        kinds = check_kinds(kinds)
    except PydanticCustomError as exc:
        usage_error(gettext(exc.message_template) + "\n" + ", ".join(KINDS))
    with configured_sessions()() as session:
        endpoint = flows.add_endpoint_for(
            session=session, url=url, events=kinds, agency=agency, email=account
        )
    if endpoint is None:
        usage_error(gettext(UNKNOWN_OWNER).format(owner=agency or account))
    typer.echo(gettext(CREATED).format(id=endpoint.id, url=endpoint.url))
    typer.echo(gettext(SECRET))
    typer.echo(endpoint.secret)


FormatOption = Annotated[
    str, typer.Option("--format", help="输出格式 table 或 json。 Output: table or json.")
]


@webhooks_app.command("list")
def list_endpoints(format: FormatOption = "table") -> None:
    """列出网络钩子端点（不显示密钥）。 List webhook endpoints (secrets are not shown)."""
    with configured_sessions()() as session:
        rows = service.get_endpoints(session=session)
    if format == "json":
        public = [WebhookEndpointPublic.model_validate(e).model_dump(mode="json") for e in rows]
        out.print_json(data=public)
        return
    table = Table(title=gettext("Webhook endpoints"))
    for header in (N_("Id"), N_("Owner"), N_("URL"), N_("Kinds"), N_("Active"), N_("Added")):
        table.add_column(gettext(header))
    for e in rows:
        owner = f"agency {e.agency_id}" if e.agency_id else f"account {e.account_id}"
        table.add_row(
            str(e.id),
            owner,
            e.url,
            ", ".join(e.events) or gettext("all"),
            gettext("yes") if e.active else gettext("no"),
            format_local(e.created_at),
        )
    out.print(table)


@webhooks_app.command("disable")
def disable(endpoint_id: Annotated[int, typer.Argument(help="端点编号。 Endpoint id.")]) -> None:
    """停用一个端点（保留投递记录）。 Stop sending to an endpoint (its deliveries stay listed)."""
    with configured_sessions()() as session:
        if flows.disable_endpoint(session=session, endpoint_id=endpoint_id) is None:
            usage_error(gettext(NO_SUCH_ENDPOINT).format(id=endpoint_id))
    typer.echo(gettext(DISABLED).format(id=endpoint_id))


@webhooks_app.command("deliveries")
def deliveries(
    failed: Annotated[
        bool, typer.Option("--failed", help="只显示失败的投递。 Only failed deliveries.")
    ] = False,
    limit: Annotated[int, typer.Option(help="最多显示条数。 At most this many.")] = 50,
    format: FormatOption = "table",
) -> None:
    """列出最近的邮件和网络钩子投递。 List the latest email and webhook deliveries."""
    with configured_sessions()() as session:
        rows = service.get_deliveries(
            session=session, status=DeliveryStatus.failed if failed else None, limit=limit
        )
    if format == "json":
        out.print_json(
            data=[DeliveryPublic.model_validate(d).model_dump(mode="json") for d in rows]
        )
        return
    table = Table(title=gettext("Deliveries"))
    headers = (N_("Id"), N_("Channel"), N_("To"), N_("Kind"), N_("Status"), N_("Attempts"))
    for header in (*headers, N_("Next attempt"), N_("Last error")):
        table.add_column(gettext(header))
    for d in rows:
        table.add_row(
            str(d.id),
            d.channel,
            d.target,
            d.kind,
            d.status,
            str(d.attempts),
            format_local(d.next_attempt_at) if d.status == DeliveryStatus.pending else "",
            (d.last_error or "")[:120],
        )
    out.print(table)


@webhooks_app.command("retry")
def retry(delivery_id: Annotated[int, typer.Argument(help="投递编号。 Delivery id.")]) -> None:
    """重新发送一条失败的投递。 Send a failed delivery again."""
    with configured_sessions()() as session:
        try:
            delivery = flows.retry_delivery(session=session, delivery_id=delivery_id)
        except flows.NotificationError as exc:
            usage_error(gettext(exc.message).format(**exc.values))
    if delivery is None:
        usage_error(gettext(NO_SUCH_DELIVERY).format(id=delivery_id))
    typer.echo(gettext(QUEUED).format(id=delivery_id))
