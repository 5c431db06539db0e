"""The emails of the account itself (verify the address, reset the password, "you already
have an account"), queued in the outbox with the change that causes them. Never commits.

Their links carry a random token only. Like every email, they go out only when SMTP is set up
(WEIQUAN_SMTP_HOST) and point at WEIQUAN_PUBLIC_URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Protocol

from jinja2 import Environment
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from weiquan.accounts import tokens
from weiquan.accounts.models import Account, TokenPurpose
from weiquan.common import i18n
from weiquan.common.email import GREETING, SUBJECT
from weiquan.common.i18n import N_, gettext
from weiquan.common.templating import make_templates
from weiquan.config import Settings

VERIFY_TITLE = N_("Confirm your email address")
VERIFY_BODY = N_(
    "Open this link to confirm that this address is yours: {link}\n\nThe link works once, "
    "for {hours} hours. If you did not sign up on weiquan, ignore this email."
)
RESET_TITLE = N_("Choose a new password")
RESET_BODY = N_(
    "Someone (we hope you) asked to reset the password of your weiquan account. Open this "
    "link to choose a new one: {link}\n\nThe link works once, for {minutes} minutes. If it "
    "was not you, ignore this email: your password stays as it is."
)
EXISTS_TITLE = N_("You already have an account")
EXISTS_BODY = N_(
    "Someone (perhaps you) tried to sign up on weiquan with this address, which already has "
    "an account. Nothing was changed. Sign in at {login}. If you forgot your password, ask for "
    "a new one at {forgot}. If it was not you, ignore this email."
)
WHY = N_("You receive this email because this address was entered on weiquan.")


class SendEmail(Protocol):
    """Queues one email in the outbox: notifications.outbox.send_email, which sits above
    accounts, handed in by the app (app.state.send_email)."""

    def __call__(
        self,
        *,
        session: Session,
        to: str,
        kind: str,
        payload: dict[str, Any],
        now: datetime | None = None,
    ) -> object: ...


@cache
def _templates() -> Environment:
    return make_templates()


def _url(settings: Settings, path: str) -> str:
    return settings.public_url.rstrip("/") + path


def _linked(paragraph: str, values: Mapping[str, object]) -> Markup:
    """paragraph as HTML with its links clickable (Chinese text has no space before them)."""
    html = escape(paragraph)
    for value in values.values():
        if isinstance(value, str):
            url = escape(value)
            html = Markup(html.replace(url, Markup(f'<a href="{url}">{url}</a>')))
    return html


def _queue(
    session: Session,
    account: Account,
    kind: str,
    title: str,
    body: str,
    values: Mapping[str, object],
    settings: Settings,
    now: datetime,
    send_email: SendEmail,
) -> None:
    lang = account.language or settings.default_language
    greeting = gettext(GREETING, lang).format(name=account.display_name)
    subject = gettext(title, lang)
    text = gettext(body, lang).format(**values)
    why = gettext(WHY, lang)
    undo = i18n.bind(lang)
    try:
        html = (
            _templates()
            .get_template("accounts/email.html")
            .render(
                html_lang=i18n.HTML_LANG.get(lang, "zh-CN"),
                greeting=greeting,
                title=subject,
                paragraphs=[_linked(p, values) for p in text.split("\n\n")],
                why=why,
            )
        )
    finally:
        undo()
    if not account.email:
        return  # a phone-only account: nothing to email (its page shows its notices)
    payload = {
        "to": account.email,
        "subject": " ".join(gettext(SUBJECT, lang).format(title=subject).split()),
        "text": "\n\n".join((greeting, text, "-- \n" + why)),
        "html": html,
    }
    send_email(session=session, to=account.email, kind=kind, payload=payload, now=now)


def send_verification(
    *,
    session: Session,
    account: Account,
    settings: Settings,
    now: datetime,
    send_email: SendEmail,
) -> None:
    """Email account a link that marks its address verified."""
    if not settings.smtp_host:
        return
    hours = settings.email_verification_hours
    token = tokens.issue(
        session=session,
        account=account,
        purpose=TokenPurpose.verify_email,
        lifetime=timedelta(hours=hours),
        now=now,
    )
    link = _url(settings, f"/verify-email/{token}")
    values = {"link": link, "hours": hours}
    _queue(
        session,
        account,
        "account_verify_email",
        VERIFY_TITLE,
        VERIFY_BODY,
        values,
        settings,
        now,
        send_email,
    )


def send_reset(
    *,
    session: Session,
    account: Account,
    settings: Settings,
    now: datetime,
    send_email: SendEmail,
) -> None:
    """Email account a link to choose a new password."""
    if not settings.smtp_host:
        return
    minutes = settings.password_reset_minutes
    token = tokens.issue(
        session=session,
        account=account,
        purpose=TokenPurpose.reset_password,
        lifetime=timedelta(minutes=minutes),
        now=now,
    )
    values = {"link": _url(settings, f"/reset-password/{token}"), "minutes": minutes}
    _queue(
        session,
        account,
        "account_reset_password",
        RESET_TITLE,
        RESET_BODY,
        values,
        settings,
        now,
        send_email,
    )


def send_exists(
    *,
    session: Session,
    account: Account,
    settings: Settings,
    now: datetime,
    send_email: SendEmail,
) -> None:
    """Tell the owner of an address that someone tried to sign up with it again."""
    if not settings.smtp_host:
        return
    values = {"login": _url(settings, "/login"), "forgot": _url(settings, "/forgot-password")}
    _queue(
        session,
        account,
        "account_exists",
        EXISTS_TITLE,
        EXISTS_BODY,
        values,
        settings,
        now,
        send_email,
    )


PHONE_TAKEN_TITLE = N_("Your phone number now belongs to another account")
PHONE_TAKEN_BODY = N_(
    "Someone proved with a code sent by SMS that the phone number {phone} is theirs now (a "
    "number given up is handed to a new owner in time). It no longer signs in to your weiquan "
    "account, and a shop identity you verified with it waits until you verify it again. Your "
    "account, its cases and this email stay yours: sign in at {login}. If the number is still "
    "yours, sign in and prove it again with a new code."
)


def send_phone_taken(
    *,
    session: Session,
    account: Account,
    phone: str,
    settings: Settings,
    now: datetime,
    send_email: SendEmail,
) -> None:
    """Tell an account that a new owner of its phone number proved it (see phone_flows)."""
    if not settings.smtp_host or not account.email:
        return
    values = {"phone": phone, "login": _url(settings, "/login")}
    _queue(
        session,
        account,
        "account_phone_taken",
        PHONE_TAKEN_TITLE,
        PHONE_TAKEN_BODY,
        values,
        settings,
        now,
        send_email,
    )
