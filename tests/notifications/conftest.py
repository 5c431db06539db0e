"""Real servers on loopback for the notification tests: SMTP (aiosmtpd) and an HTTP receiver."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from tests.pg import free_port
from weiquan.accounts.models import Account, Agency
from weiquan.accounts.security import hash_password
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate
from weiquan.config import Settings
from weiquan.filing import flows as case_flows

PASSWORD = "notify-password-1"


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Any] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        self.arrived.set()
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _Mailbox]]:
    """An SMTP server on a free loopback port; yields (port, mailbox)."""
    mailbox = _Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()


@dataclass
class Receiver:
    """A webhook receiver: answers with the next status in `statuses` (then 200)."""

    url: str
    statuses: list[int] = field(default_factory=list)
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def json(self, i: int) -> Any:
        return json.loads(self.requests[i][1])


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    port = free_port()
    state = Receiver(url=f"http://127.0.0.1:{port}/hooks/weiquan")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            code = state.statuses.pop(0) if state.statuses else 200
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def notify_settings(settings: Settings) -> Settings:
    """Settings for sending: loopback receivers allowed, quick backoff, three attempts."""
    return settings.model_copy(
        update={
            "webhook_allow_private": True,
            "delivery_backoff_seconds": 60.0,
            "delivery_max_attempts": 3,
            "delivery_timeout_seconds": 5.0,
        }
    )


@pytest.fixture
def make_account(sessions: sessionmaker[Session]) -> Callable[..., Account]:
    """make_account(email, role=..., language=..., agency_id=...) -> a detached Account."""

    def make(email: str, **fields: Any) -> Account:
        values: dict[str, Any] = {
            "display_name": email.split("@")[0],
            "role": "consumer",
            "language": "zh_CN",
            **fields,
        }
        with sessions() as session, session.begin():
            account = Account(email=email, password_hash=hash_password(PASSWORD), **values)
            session.add(account)
            session.flush()
            session.expunge(account)
        return account

    return make


@pytest.fixture
def make_agency_row(sessions: sessionmaker[Session]) -> Callable[..., int]:
    def make(name: str, kind: str = "platform", **fields: Any) -> int:
        with sessions() as session, session.begin():
            agency = Agency(name=name, kind=kind, **{"regions": [], "platforms": [], **fields})
            session.add(agency)
            session.flush()
            return agency.id

    return make


@pytest.fixture
def file_case(sessions: sessionmaker[Session]) -> Callable[..., Case]:
    def file(**changes: Any) -> Case:
        with sessions() as session:
            return case_flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(case_document(**changes)),
                actor="test",
                language="zh_CN",
            )

    return file


CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF_FIELD.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(app: Any, email: str) -> tuple[TestClient, str]:
    """A browser signed in through POST /login; returns it and its CSRF token."""
    client = TestClient(app)
    login = client.get("/login")
    r = client.post(
        "/login",
        data={"csrf_token": csrf_of(login.text), "email": email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client, csrf_of(client.get("/login").text)
