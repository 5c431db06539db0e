"""Email: composed in the recipient's language when queued, sent through SMTP by the worker."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from functools import cache
from typing import Any

from jinja2 import Environment

from weiquan.common import i18n
from weiquan.common.email import GREETING, SUBJECT
from weiquan.common.i18n import N_, gettext
from weiquan.common.templating import make_templates
from weiquan.config import Settings
from weiquan.notifications.messages import Message

OPEN_CASE = N_("Open case {number}: {link}")
OPEN_INBOX = N_("All your notifications: {link}")
WHY = N_("You receive this email because you have an account on weiquan.")


@cache
def _templates() -> Environment:
    return make_templates()


def compose(
    *, to: str, name: str, message: Message, number: str | None, lang: str, settings: Settings
) -> dict[str, Any]:
    """The delivery payload of one email: subject, plain text and HTML, all in lang."""
    base = settings.public_url.rstrip("/")
    link = (f"{base}/cases/{number}" if number else f"{base}/inbox") if base else None
    link_line = None
    if link:
        template = OPEN_CASE if number else OPEN_INBOX
        link_line = gettext(template, lang).format(number=number, link=link)
    greeting = gettext(GREETING, lang).format(name=name)
    why = gettext(WHY, lang)
    text = "\n\n".join(p for p in (greeting, message.body, link_line, "-- \n" + why) if p)
    undo = i18n.bind(lang)
    try:
        html = (
            _templates()
            .get_template("notifications/email.html")
            .render(
                html_lang=i18n.HTML_LANG.get(lang, "zh-CN"),
                greeting=greeting,
                message=message,
                link=link,
                number=number,
                why=why,
            )
        )
    finally:
        undo()
    return {
        "to": to,
        # One line: a line break in a header (a platform name, say) would be refused or abused.
        "subject": " ".join(gettext(SUBJECT, lang).format(title=message.title).split()),
        "text": text,
        "html": html,
    }


def build(payload: dict[str, Any], settings: Settings) -> EmailMessage:
    """The MIME message: text/plain with a text/html alternative, UTF-8 headers and body."""
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = payload["to"]
    email["Subject"] = payload["subject"]
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2].strip("> "))
    email.set_content(payload["text"], charset="utf-8")
    email.add_alternative(payload["html"], subtype="html", charset="utf-8")
    return email


def send(payload: dict[str, Any], settings: Settings) -> None:
    """Hand one email to the SMTP server; raises smtplib.SMTPException or OSError."""
    timeout = settings.delivery_timeout_seconds
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        smtp.send_message(build(payload, settings))
