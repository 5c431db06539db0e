"""Admin commands: accounts, agencies, API tokens and merchant claims."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import select

from weiquan.accounts import credentials, flows, service
from weiquan.accounts.credentials import Limits
from weiquan.accounts.models import Account, Agency, AgencyKind, Role
from weiquan.accounts.security import check_new_password
from weiquan.common.cli import err, out, usage_error
from weiquan.common.i18n import gettext
from weiquan.config import get_settings
from weiquan.db import configured_sessions, utcnow

accounts_app = typer.Typer(no_args_is_help=True)


@accounts_app.command("create")
def create(
    email: Annotated[str, typer.Option(help="电子邮箱。 Email.")],
    name: Annotated[str, typer.Option(help="显示名。 Display name.")],
    role: Annotated[Role, typer.Option(help="角色。 Role.")],
    password: Annotated[
        str,
        typer.Option(
            help="初始密码（至少 8 位）。 Initial password.", prompt=True, hide_input=True
        ),
    ],
    agency: Annotated[str | None, typer.Option(help="所属机构名称。 Agency name (staff).")] = None,
    phone: Annotated[str | None, typer.Option(help="电话。 Phone.")] = None,
) -> None:
    """创建任意角色的账户。 Create an account of any role."""
    if problem := check_new_password(password, email=email, name=name):
        usage_error(gettext(problem))
    with configured_sessions()() as session, session.begin():
        if service.get_by_email(session=session, email=email):
            usage_error(gettext("An account with this email already exists."))
        org = service.get_agency(session=session, name=agency) if agency else None
        if agency and org is None:
            usage_error(gettext("There is no such agency."))
        account = service.create(
            session=session, email=email, display_name=name, password=password, role=role,
            phone=phone, agency=org,
        )  # fmt: skip
        out.print(f"{account.id}\t{account.email}\t{account.role}")


@accounts_app.command("list")
def list_accounts(
    format: Annotated[str, typer.Option(help="table 或 json。 table or json.")] = "table",
) -> None:
    """列出账户。 List accounts."""
    with configured_sessions()() as session:
        rows: list[dict[str, Any]] = [
            {"id": a.id, "email": a.email, "phone": a.phone if a.phone_verified_at else None,
             "name": a.display_name, "role": a.role,
             "agency": a.agency.name if a.agency else None}
            for a in session.execute(select(Account).order_by(Account.id)).scalars()
        ]  # fmt: skip
    if format == "json":
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "email", "phone", "name", "role", "agency")
    for r in rows:
        # An account made with a phone has no email (and signs in by SMS code).
        table.add_row(
            str(r["id"]), r["email"] or "", r["phone"] or "", r["name"], r["role"],
            r["agency"] or "",
        )  # fmt: skip
    out.print(table)


@accounts_app.command("agency")
def create_agency(
    name: Annotated[str, typer.Argument(help="机构名称。 Agency name.")],
    kind: Annotated[AgencyKind, typer.Option(help="机构类型。 Kind.")],
    regions: Annotated[
        str, typer.Option(help="管辖区划代码，逗号分隔。 Region codes, comma-separated.")
    ] = "",
    platforms: Annotated[
        str, typer.Option(help="平台名称，逗号分隔（平台团队）。 Platform names.")
    ] = "",
) -> None:
    """创建投诉受理机构或平台团队。 Create an agency or a platform dispute team."""
    with configured_sessions()() as session, session.begin():
        if service.get_agency(session=session, name=name):
            usage_error(gettext("An agency with this name already exists."))
        agency = Agency(
            name=name,
            kind=kind,
            regions=[r.strip() for r in regions.split(",") if r.strip()],
            platforms=[p.strip() for p in platforms.split(",") if p.strip()],
        )
        session.add(agency)
        session.flush()
        out.print(f"{agency.id}\t{agency.name}\t{agency.kind}")


@accounts_app.command("token")
def create_token(
    email: Annotated[str, typer.Argument(help="账户邮箱。 Account email.")],
    name: Annotated[str, typer.Option(help="令牌用途。 What the token is for.")] = "cli",
) -> None:
    """为账户签发 API 令牌（只显示一次）。 Issue an API token (shown once)."""
    expires_at = utcnow() + Limits.of(get_settings()).token
    with configured_sessions()() as session, session.begin():
        account = service.get_by_email(session=session, email=email)
        if account is None:
            usage_error(gettext("There is no such account."))
        token = service.create_token(
            session=session, account=account, name=name, expires_at=expires_at
        )
        out.print(token)


@accounts_app.command("tokens")
def list_tokens(
    email: Annotated[str, typer.Argument(help="账户邮箱。 Account email.")],
    format: Annotated[str, typer.Option(help="table 或 json。 table or json.")] = "table",
) -> None:
    """列出账户仍有效的 API 令牌。 List an account's API tokens that still work."""
    with configured_sessions()() as session:
        account = service.get_by_email(session=session, email=email)
        if account is None:
            usage_error(gettext("There is no such account."))
        rows = [
            {"id": t.id, "name": t.name, "created_at": t.created_at.isoformat(),
             "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
             "expires_at": t.expires_at.isoformat()}
            for t in credentials.live_tokens(session=session, account_id=account.id)
        ]  # fmt: skip
    if format == "json":
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    table = Table("id", "name", "created_at", "last_used_at", "expires_at")
    for r in rows:
        table.add_row(*(str(r[k] or "") for k in ("id", "name", "created_at", "last_used_at",
                                                  "expires_at")))  # fmt: skip
    out.print(table)


@accounts_app.command("revoke-token")
def revoke_token(token_id: Annotated[int, typer.Argument(help="令牌编号。 Token id.")]) -> None:
    """吊销 API 令牌（任何账户的）。 Revoke an API token (of any account)."""
    with configured_sessions()() as session, session.begin():
        if credentials.revoke_token(session=session, token_id=token_id, account_id=None) is None:
            usage_error(gettext("There is no such token."))
        out.print(gettext("Token {id} revoked.").format(id=token_id))


@accounts_app.command("sign-out")
def sign_out(
    email: Annotated[str, typer.Argument(help="账户邮箱。 Account email.")],
    tokens: Annotated[
        bool, typer.Option(help="同时吊销其 API 令牌。 Revoke its API tokens too.")
    ] = False,
) -> None:
    """让账户在所有地方退出登录。 Sign an account out everywhere (all its sessions)."""
    with configured_sessions()() as session, session.begin():
        account = service.get_by_email(session=session, email=email)
        if account is None:
            usage_error(gettext("There is no such account."))
        ended = credentials.end_sessions(session=session, account_id=account.id)
        revoked = credentials.revoke_tokens(session=session, account_id=account.id) if tokens else 0
        message = gettext("{sessions} sessions ended, {tokens} tokens revoked.")
        out.print(message.format(sessions=ended, tokens=revoked))


@accounts_app.command("claim-code")
def claim_code(claim_id: Annotated[int, typer.Argument(help="认领编号。 Claim id.")]) -> None:
    """为待验证的商家认领生成验证码（限时、限次），经该渠道（电话、微信）交给商家。
    Issue a code for a pending claim (it expires, a few wrong tries void it)."""
    settings = get_settings()
    with configured_sessions()() as session:
        try:
            _, code = flows.issue_code(
                session=session,
                claim_id=claim_id,
                length=settings.claim_code_length,
                minutes=settings.claim_code_minutes,
            )
        except flows.AccountError as exc:
            usage_error(gettext(exc.msgid).format(**exc.params))
    out.print(code)
    minutes = settings.claim_code_minutes
    err.print(
        gettext("The code works for {minutes} minutes.").format(minutes=minutes),
        markup=False,
        highlight=False,
    )
