"""Hole 9: an upload's address and browser are for staff and the uploader, never the other party
(API, pages, bundles), and X-Forwarded-For is believed only from the proxies named in settings."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from tests.conftest import User
from tests.evidence.conftest import ORIGIN, jpeg, pdf
from tests.factories import SELLER, case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.common.web import client_address
from weiquan.config import Settings
from weiquan.evidence import bundle, custody, verifier
from weiquan.evidence.models import EvidenceItem, EvidenceLogEntry
from weiquan.evidence.present import OPERATOR
from weiquan.evidence.vault import Vault

CONSUMER_UA = "ConsumerPhone/7.1 (secret-handset)"
CONSUMER_IP = "198.51.100.23"
MERCHANT_UA = "MerchantDesk/2.0"
MERCHANT_IP = "203.0.113.77"


def _client(app: FastAPI, user: User, ip: str, ua: str) -> TestClient:
    c = TestClient(
        app,
        client=(ip, 40000),
        headers={"Authorization": f"Bearer {user.token}", "User-Agent": ua},
    )
    c.__enter__()
    return c


@pytest.fixture
def parties(
    app: FastAPI, make_user: Callable[..., User], make_agency: Callable[..., int], sessions: Any
) -> dict[str, Any]:
    """A case past the demand, evidence from both sides, each from its own address."""
    agency = make_agency("浦东市场监管局", regions=["310115"])
    make_agency("抖音消费者服务", kind="platform", platforms=["抖音"])
    u = {
        "consumer": make_user("consumer", name="李娜"),
        "merchant": make_user("merchant"),
        "agency": make_user("agency_staff", agency="浦东市场监管局"),
        "platform": make_user("platform_staff", agency="抖音消费者服务"),
    }
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=u["merchant"].id, kind="wechat_id",
                                  value="mingpin_888", status=ClaimStatus.verified))  # fmt: skip
    number = u["consumer"].client.post("/api/cases", json=case_document()).json()["number"]
    for who, action, data in (
        ("consumer", "send_demand", {}),
        ("merchant", "merchant_answer", {"answer": "refuse", "note": "拒绝"}),
        ("consumer", "consumer_reject", {}),
        ("consumer", "request_platform", {}),
        ("platform", "platform_fail", {"note": "无法处理"}),
        ("consumer", "record_seller", SELLER),
        ("consumer", "file_complaint", {"agency_id": agency}),
        ("agency", "agency_accept", {}),
    ):
        r = u[who].client.post(f"/api/cases/{number}/steps/{action}", json=data)
        assert r.status_code == 200, (who, action, r.text)
    consumer = _client(app, u["consumer"], CONSUMER_IP, CONSUMER_UA)
    merchant = _client(app, u["merchant"], MERCHANT_IP, MERCHANT_UA)
    for c, name, data in ((consumer, "a.jpg", jpeg(1)), (merchant, "reply.pdf", pdf())):
        r = c.post(
            f"/api/cases/{number}/evidence",
            data={"kind": "other", "description": ""},
            files=[("files", (name, data))],
        )
        assert r.status_code == 201, r.text
    yield {"users": u, "number": number, "consumer": consumer, "merchant": merchant}
    consumer.__exit__(None, None, None)
    merchant.__exit__(None, None, None)


def _seen(text: str) -> set[str]:
    return {s for s in (CONSUMER_IP, CONSUMER_UA, MERCHANT_IP, MERCHANT_UA) if s in text}


def _answers(c: TestClient, number: str) -> str:
    """Everything a party reads about the evidence: API and pages, list and items."""
    out = []
    for path in (
        f"/api/cases/{number}/evidence",
        f"/api/cases/{number}/evidence/1",
        f"/api/cases/{number}/evidence/2",
        f"/cases/{number}/evidence",
        f"/cases/{number}/evidence/1",
        f"/cases/{number}/evidence/2",
    ):
        r = c.get(path)
        assert r.status_code == 200, (path, r.text)
        out.append(r.text)
    return "\n".join(out)


def test_the_other_party_never_sees_an_uploads_address_or_browser(
    parties: dict[str, Any],
) -> None:
    number, u = parties["number"], parties["users"]
    # The merchant sees its own connection data, never the consumer's; and the other way round.
    assert _seen(_answers(parties["merchant"], number)) <= {MERCHANT_IP, MERCHANT_UA}
    assert MERCHANT_UA in _answers(parties["merchant"], number)
    assert _seen(_answers(parties["consumer"], number)) <= {CONSUMER_IP, CONSUMER_UA}
    assert CONSUMER_IP in _answers(parties["consumer"], number)
    # Platform staff stand between the parties: they see neither.
    assert _seen(_answers(u["platform"].client, number)) == set()
    # Agency staff see both.
    assert _seen(_answers(u["agency"].client, number)) == {
        CONSUMER_IP, CONSUMER_UA, MERCHANT_IP, MERCHANT_UA
    }  # fmt: skip


def _bundle(c: TestClient, number: str) -> bytes:
    r = c.post(f"/api/cases/{number}/evidence/export")
    assert r.status_code == 200, r.text
    return r.content


def _manifest(raw: bytes) -> dict[str, Any]:
    return json.loads(zipfile.ZipFile(io.BytesIO(raw)).read("manifest.json"))


def _verify(raw: bytes, tmp_path: Any, pin: bool = True) -> verifier.Report:
    path = tmp_path / "b.zip"
    path.write_bytes(raw)
    key = verifier.key_fingerprint(zipfile.ZipFile(path).read("public-key.pem"))
    return verifier.verify_bundle(str(path), key if pin else None)


def test_a_partys_bundle_leaves_out_the_other_sides_connection_and_still_verifies(
    parties: dict[str, Any], tmp_path: Any
) -> None:
    number, u = parties["number"], parties["users"]
    raw = _bundle(parties["merchant"], number)
    manifest = json.dumps(_manifest(raw), ensure_ascii=False)
    assert CONSUMER_IP not in manifest and CONSUMER_UA not in manifest
    report = _verify(raw, tmp_path)
    assert report.ok, [p.text("en") for p in report.problems]
    assert [n.code for n in report.notes][-1] == "ok"
    raw = _bundle(parties["consumer"], number)
    manifest = json.dumps(_manifest(raw), ensure_ascii=False)
    assert MERCHANT_IP not in manifest and MERCHANT_UA not in manifest
    assert _verify(raw, tmp_path).ok
    # Staff get the openings of the commitments, and they are checked.
    raw = _bundle(u["agency"].client, number)
    doc = _manifest(raw)
    assert _seen(json.dumps(doc, ensure_ascii=False)) == {
        CONSUMER_IP, CONSUMER_UA, MERCHANT_IP, MERCHANT_UA
    }  # fmt: skip
    assert _verify(raw, tmp_path).ok


def test_entries_written_before_the_commitment_are_withheld_from_a_party(
    parties: dict[str, Any],
    sessions: sessionmaker[Session],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
) -> None:
    """Format-1 entries (connection data in clear inside the hash) go to a party as their hash
    alone, proven in the log; the bundle verifies, saying what it could not compare."""
    number = parties["number"]
    monkeypatch.setattr(custody, "new_salt", lambda: None)
    r = parties["consumer"].post(
        f"/api/cases/{number}/evidence",
        data={"kind": "other", "description": ""},
        files=[("files", ("old.jpg", jpeg(9)))],
    )
    assert r.status_code == 201
    with sessions() as session:
        old = session.execute(
            select(EvidenceLogEntry).where(EvidenceLogEntry.item_seq == 3)
        ).scalar_one()
        assert old.meta_salt is None and CONSUMER_IP in custody.entry_document(old).values()
    raw = _bundle(parties["merchant"], number)
    assert CONSUMER_IP.encode() not in zipfile.ZipFile(io.BytesIO(raw)).read("manifest.json")
    report = _verify(raw, tmp_path)
    assert report.ok, [p.text("en") for p in report.problems]
    codes = [n.code for n in report.notes]
    assert "entry_withheld" in codes and "item_withheld" in codes
    # The operator's staff bundle carries the entry whole.
    vault = Vault.from_settings(settings)
    out = tmp_path / "staff.zip"
    with sessions() as session:
        bundle.export(
            session=session, vault=vault, number=number, out=out, origin=ORIGIN, viewer=OPERATOR
        )
    assert CONSUMER_IP.encode() in zipfile.ZipFile(out).read("manifest.json")
    report = verifier.verify_bundle(str(out))
    assert report.ok and "entry_withheld" not in [n.code for n in report.notes]


def test_a_forged_opening_of_the_commitment_is_reported(
    parties: dict[str, Any], sessions: sessionmaker[Session], settings: Settings, tmp_path: Any
) -> None:
    vault = Vault.from_settings(settings)
    out = tmp_path / "staff.zip"
    with sessions() as session:
        bundle.export(
            session=session,
            vault=vault,
            number=parties["number"],
            out=out,
            origin=ORIGIN,
            viewer=OPERATOR,
        )
    zf = zipfile.ZipFile(out)
    doc = json.loads(zf.read("manifest.json"))
    record = next(r for r in doc["custody"] if r.get("meta", {}).get("ip") == CONSUMER_IP)
    record["meta"]["ip"] = "192.0.2.1"
    raw = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as dst:
        for info in zf.infolist():
            data = zf.read(info)
            if info.filename == "manifest.json":
                data = raw
            elif info.filename == "manifest.sig":
                data = vault.key.sign(raw)  # signed again: only the opening is wrong
            dst.writestr(info, data)
    report = verifier.verify_bundle(str(forged))
    assert [p.code for p in report.problems] == ["entry_meta"]


# -- the client's address ---------------------------------------------------------------------


def _request(peer: str, forwarded: str | None, trusted: str) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    settings = SimpleNamespace(trusted_proxies=trusted)
    app = SimpleNamespace(state=SimpleNamespace(settings=settings))
    return Request({"type": "http", "headers": headers, "client": (peer, 1), "app": app})


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        # No trusted proxy: the header is anyone's to write, and ignored.
        ("203.0.113.5", "1.2.3.4", "", "203.0.113.5"),
        # From a proxy not named: ignored.
        ("10.0.0.9", "1.2.3.4", "10.0.0.1", "10.0.0.9"),
        # From a named proxy: the address it saw.
        ("10.0.0.1", "1.2.3.4", "10.0.0.1", "1.2.3.4"),
        # A client's own forged hop on the left is not believed: the rightmost untrusted one is.
        ("10.0.0.1", "6.6.6.6, 1.2.3.4", "10.0.0.0/8", "1.2.3.4"),
        # Two trusted proxies in a row.
        ("10.0.0.1", "1.2.3.4, 10.0.0.2", "10.0.0.0/8", "1.2.3.4"),
        # Garbage stops the walk at the last proxy.
        ("10.0.0.1", "evil, 10.0.0.2", "10.0.0.0/8", "10.0.0.2"),
        ("10.0.0.1", "", "10.0.0.0/8", "10.0.0.1"),
        ("2001:db8::1", "2001:db8:1::5", "2001:db8::/64", "2001:db8:1::5"),
    ],
)
def test_client_address_believes_x_forwarded_for_only_from_named_proxies(
    peer: str, forwarded: str, trusted: str, expected: str
) -> None:
    assert client_address(_request(peer, forwarded, trusted)) == expected


def test_a_bad_trusted_proxy_setting_stops_the_start() -> None:
    with pytest.raises(ValueError):
        Settings(trusted_proxies="10.0.0.1, not-an-address")


def test_an_upload_through_a_named_proxy_records_the_clients_address(
    app: FastAPI, make_user: Callable[..., User], settings: Settings, sessions: Any
) -> None:
    consumer = make_user("consumer")
    number = consumer.client.post("/api/cases", json=case_document()).json()["number"]
    settings.trusted_proxies = "10.1.2.3"
    forged = {"X-Forwarded-For": "192.0.2.99"}
    for peer, expected in (("10.1.2.3", "192.0.2.99"), ("203.0.113.1", "203.0.113.1")):
        c = _client(app, consumer, peer, "ua")
        r = c.post(
            f"/api/cases/{number}/evidence",
            data={"kind": "other"},
            files=[("files", (f"{peer}.jpg", jpeg(len(peer))))],
            headers=forged,
        )
        c.__exit__(None, None, None)
        assert r.status_code == 201, r.text
        with sessions() as session:
            item = session.execute(
                select(EvidenceItem).where(EvidenceItem.original_name == f"{peer}.jpg")
            ).scalar_one()
        assert item.client_ip == expected


def test_the_server_leaves_forwarded_headers_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """uvicorn would otherwise rewrite the peer from X-Forwarded-For of any local peer."""
    import uvicorn

    from weiquan import serving

    seen: dict[str, Any] = {}
    monkeypatch.setattr(serving, "_listen", lambda *a, **k: SimpleNamespace(close=lambda: None))
    monkeypatch.setattr(serving, "load", lambda app: app)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    serving.serve("127.0.0.1", 0, 1, app="weiquan.app:app_from_env")
    assert seen.get("proxy_headers") is False
