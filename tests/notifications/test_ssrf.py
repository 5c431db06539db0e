"""Hole 10: webhooks go to the address that was checked (no DNS rebinding), https only in
production, and the receiver's answer never comes back through the API."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.notifications.conftest import sign_in
from tests.pg import free_port
from weiquan.accounts.models import Account
from weiquan.config import Settings
from weiquan.notifications import service, webhooks
from weiquan.notifications.delivery import deliver_due
from weiquan.notifications.outbox import notify
from weiquan.notifications.webhooks import DeliveryError, refused_address

PUBLIC = "93.184.215.14"
REAL_GETADDRINFO = socket.getaddrinfo


def _answer(address: str, port: int) -> list[Any]:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return [(family, socket.SOCK_STREAM, 6, "", (address, port))]


class Received:
    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []


def _serve(status: int = 200, body: bytes = b"", tls: ssl.SSLContext | None = None) -> Any:
    seen = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen.requests.append({k.lower(): v for k, v in self.headers.items()})
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port, seen


@pytest.fixture
def plain_receiver() -> Iterator[tuple[int, Received]]:
    server, port, seen = _serve()
    yield port, seen
    server.shutdown()
    server.server_close()


def _post(url: str, client: httpx.Client | None = None, **kw: Any) -> None:
    with client or httpx.Client(timeout=2) as c:
        webhooks.post(
            client=c,
            url=url,
            secret="whsec_x",
            delivery_id=1,
            kind="case_closed",
            payload={"a": 1},
            **{"allow_private": False, **kw},
        )


def test_a_name_that_rebinds_to_loopback_is_called_at_the_checked_address(
    plain_receiver: tuple[int, Received], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resolver answers a public address to the first look and loopback to any later one:
    the only connection made is to the public address, and the receiver on loopback (an
    internal service) is never reached."""
    port, seen = plain_receiver
    looks: list[str] = []

    def rebinding(host: Any, *args: Any, **kw: Any) -> Any:
        if host != "rebind.test":
            return REAL_GETADDRINFO(host, *args, **kw)
        looks.append(host)
        return _answer(PUBLIC if len(looks) == 1 else "127.0.0.1", port)

    connected: list[tuple[str, int]] = []

    def connect(address: tuple[str, int], *args: Any, **kw: Any) -> socket.socket:
        connected.append(address)
        if address[0] in (PUBLIC, "rebind.test"):
            raise ConnectionRefusedError("no network in the test")  # the public host is away
        return REAL_CREATE(address, *args, **kw)

    REAL_CREATE = socket.create_connection
    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", connect)
    with pytest.raises(DeliveryError) as failed:
        _post(f"http://rebind.test:{port}/hook")
    assert connected == [(PUBLIC, port)]
    assert looks == ["rebind.test"]  # resolved once
    assert seen.requests == []
    assert "ConnectError" in str(failed.value) and "refused" not in str(failed.value).lower()


def test_the_pinned_address_is_called_with_the_registered_name(
    plain_receiver: tuple[int, Received], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, seen = plain_receiver
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *a, **k: (
            _answer("127.0.0.1", port) if host == "hooks.test" else REAL_GETADDRINFO(host, *a, **k)
        ),
    )
    _post(f"http://hooks.test:{port}/hook", allow_private=True)
    assert seen.requests[0]["host"] == f"hooks.test:{port}"
    # Without allow-private the same name is refused before any connection.
    with pytest.raises(DeliveryError) as refused:
        _post(f"http://hooks.test:{port}/hook")
    assert refused.value.permanent and len(seen.requests) == 1


def _certificate(name: str) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@pytest.mark.parametrize(("certified", "ok"), [("hooks.test", True), ("other.test", False)])
def test_https_checks_the_certificate_against_the_name_not_the_address(
    certified: str, ok: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = _certificate(certified)
    (tmp_path / "c.pem").write_bytes(cert)
    (tmp_path / "k.pem").write_bytes(key)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(tmp_path / "c.pem", tmp_path / "k.pem")
    server, port, seen = _serve(tls=server_tls)
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *a, **k: (
            _answer("127.0.0.1", port) if host == "hooks.test" else REAL_GETADDRINFO(host, *a, **k)
        ),
    )
    trust = ssl.create_default_context(cafile=str(tmp_path / "c.pem"))
    try:
        if ok:
            _post(f"https://hooks.test:{port}/h", httpx.Client(verify=trust), allow_private=True)
            assert seen.requests[0]["host"] == f"hooks.test:{port}"
        else:
            with pytest.raises(DeliveryError):
                _post(
                    f"https://hooks.test:{port}/h", httpx.Client(verify=trust), allow_private=True
                )
            assert seen.requests == []
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata
        ("100.64.0.1", True),  # carrier-grade NAT
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("240.0.0.1", True),
        ("255.255.255.255", True),
        ("::1", True),
        ("::", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("ff02::1", True),
        ("::ffff:127.0.0.1", True),  # IPv4-mapped loopback
        ("::ffff:10.0.0.1", True),
        ("2002:7f00:1::", True),  # 6to4 around 127.0.0.1
        ("2002:a00:1::", True),  # 6to4 around 10.0.0.1
        (PUBLIC, False),
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
    ],
)
def test_refused_addresses(address: str, refused: bool) -> None:
    assert refused_address(ipaddress.ip_address(address)) is refused


def test_every_resolved_address_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: _answer(PUBLIC, 443) + _answer("::ffff:169.254.169.254", 443),
    )
    with pytest.raises(DeliveryError) as refused:
        webhooks.resolve("https://mixed.test/h", allow_private=False, require_https=True)
    assert refused.value.permanent and "169.254" not in str(refused.value)


def test_every_checked_address_is_tried_in_turn(
    plain_receiver: tuple[int, Received], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name with two addresses, the first down: the call goes to the second, and only to
    addresses that were checked."""
    port, seen = plain_receiver
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *a, **k: (
            _answer("127.0.0.2", port) + _answer("127.0.0.1", port)
            if host == "two.test"
            else REAL_GETADDRINFO(host, *a, **k)
        ),
    )
    connected: list[str] = []
    real_create = socket.create_connection

    def connect(address: tuple[str, int], *args: Any, **kw: Any) -> socket.socket:
        connected.append(address[0])
        if address[0] == "127.0.0.2":
            raise ConnectionRefusedError("down")
        return real_create(address, *args, **kw)

    monkeypatch.setattr(socket, "create_connection", connect)
    _post(f"http://two.test:{port}/h", allow_private=True)
    assert connected == ["127.0.0.2", "127.0.0.1"] and len(seen.requests) == 1


def test_redirects_are_not_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    server, port, seen = _serve(status=307)
    try:
        with pytest.raises(DeliveryError) as failed:
            _post(f"http://127.0.0.1:{port}/h", allow_private=True)
        assert str(failed.value) == "HTTP 307" and len(seen.requests) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_only_https_in_production(
    client: TestClient, make_account: Callable[..., Account], settings: Settings
) -> None:
    with pytest.raises(DeliveryError) as refused:
        webhooks.resolve("http://hooks.example/h", allow_private=True, require_https=True)
    assert refused.value.permanent
    make_account("shop@example.cn", role="merchant")
    shop, csrf = sign_in(client.app, "shop@example.cn")
    client.app.state.settings.environment = "production"  # type: ignore[attr-defined]
    try:
        r = shop.post(
            "/api/webhooks?lang=en",
            json={"url": "http://hooks.example/h"},
            headers={"X-CSRF-Token": csrf},
        )
        assert r.status_code == 422 and "https://" in r.json()["detail"]
        r = shop.post(
            "/api/webhooks", json={"url": "https://hooks.example/h"}, headers={"X-CSRF-Token": csrf}
        )
        assert r.status_code == 201
    finally:
        client.app.state.settings.environment = "test"  # type: ignore[attr-defined]


def test_the_receivers_answer_never_comes_back_through_the_api(
    client: TestClient,
    sessions: sessionmaker[Session],
    notify_settings: Settings,
    make_account: Callable[..., Account],
) -> None:
    """An internal service's answer (allowed by allow-private) would otherwise be readable by
    whoever registered the endpoint, through the deliveries list."""
    server, port, _ = _serve(status=500, body=b"root:x:0:0 INTERNAL-SECRET-ANSWER")
    owner = make_account("hooks@shop.cn", role="merchant")
    try:
        with sessions() as session, session.begin():
            endpoint = service.create_endpoint(
                session=session,
                url=f"http://127.0.0.1:{port}/h",
                events=["merchant_answered"],
                account_id=owner.id,
            )
            endpoint_id = endpoint.id
            notify(
                session=session,
                recipients=[owner],
                kind="merchant_answered",
                case=None,
                data={"answer": "refuse"},
                settings=notify_settings,
            )
        assert deliver_due(sessions, settings=notify_settings).retrying
    finally:
        server.shutdown()
        server.server_close()
    shop, _ = sign_in(client.app, "hooks@shop.cn")
    r = shop.get(f"/api/webhooks/{endpoint_id}/deliveries")
    assert r.status_code == 200
    assert "INTERNAL-SECRET-ANSWER" not in r.text and "root:x" not in r.text
    assert [d["last_error"] for d in r.json()] == ["HTTP 500"]
