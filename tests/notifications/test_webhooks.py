"""Webhook endpoints through the API and the CLI, and `weiquan worker` draining the outbox."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.notifications.conftest import Receiver, sign_in
from weiquan.accounts.models import Account
from weiquan.cases.models import Case
from weiquan.cli import app as cli
from weiquan.config import get_settings
from weiquan.notifications import service
from weiquan.notifications.models import Delivery, WebhookEndpoint
from weiquan.notifications.outbox import notify

runner = CliRunner()


def test_endpoint_api_shows_the_secret_once_and_only_to_the_owner(
    client: TestClient,
    make_account: Callable[..., Account],
    make_agency_row: Callable[..., int],
) -> None:
    team = make_agency_row("拼多多 dispute team")
    make_account("staff@pdd.cn", role="platform_staff", agency_id=team)
    make_account("shop@example.cn", role="merchant")
    staff, staff_csrf = sign_in(client.app, "staff@pdd.cn")
    shop, shop_csrf = sign_in(client.app, "shop@example.cn")

    r = staff.post(
        "/api/webhooks",
        json={"url": "https://odr.pdd.example/hook", "events": ["case_closed"], "agency": True},
        headers={"X-CSRF-Token": staff_csrf},
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["secret"].startswith("whsec_") and created["agency_id"] == team
    listed = staff.get("/api/webhooks").json()
    assert [e["id"] for e in listed] == [created["id"]] and "secret" not in listed[0]

    # A merchant may add its own endpoint, not one for an agency it does not belong to.
    headers = {"X-CSRF-Token": shop_csrf}
    r = shop.post(
        "/api/webhooks", json={"url": "https://a.example/h", "agency": True}, headers=headers
    )
    assert r.status_code == 403
    assert shop.get("/api/webhooks").json() == []
    assert shop.delete(f"/api/webhooks/{created['id']}", headers=headers).status_code == 404
    assert shop.get(f"/api/webhooks/{created['id']}/deliveries").status_code == 404
    r = shop.post(
        "/api/webhooks",
        json={"url": "ftp://x", "events": ["no_such_kind"]},
        headers={**headers, "Accept-Language": "zh-CN"},
    )
    assert r.status_code == 422
    messages = {e["field"]: e["msg"] for e in r.json()["detail"]}
    assert messages["url"] == "请输入以 https:// 开头的地址（最多 500 个字符）。"
    assert messages["events"] == "未知的事件类型；全部类型列在 docs/notifications.md 中。"

    assert (
        staff.delete(
            f"/api/webhooks/{created['id']}", headers={"X-CSRF-Token": staff_csrf}
        ).status_code
        == 204
    )
    assert staff.get("/api/webhooks").json()[0]["active"] is False
    assert staff.get(f"/api/webhooks/{created['id']}/deliveries").json() == []


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_add_list_deliveries_retry(
    cli_env: dict[str, str],
    sessions: sessionmaker[Session],
    make_account: Callable[..., Account],
    make_agency_row: Callable[..., int],
) -> None:
    make_agency_row("京东 ODR")
    make_account("odr@shop.cn", role="merchant")
    code, out, err = invoke(
        "webhooks", "add", "--agency", "京东 ODR", "https://jd.example/hook",
        "--events", "case_closed,offer_made", "--events", "withdrawn",
    )  # fmt: skip
    assert code == 0, err
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("whsec_")
    code, out, err = invoke("webhooks", "add", "--account", "odr@shop.cn", "http://127.0.0.1:9/h")
    assert code == 0, err
    assert invoke("webhooks", "add", "https://x.example/h")[0] == 2  # no owner
    code, _, err = invoke("webhooks", "add", "--account", "nobody@x.cn", "https://x.example/h")
    assert code == 2 and "nobody@x.cn" in err
    code, _, err = invoke(
        "webhooks", "add", "--account", "odr@shop.cn", "https://x.example/h", "--events", "bogus"
    )
    assert code == 2 and "case_closed" in err  # the known kinds are listed
    code, out, _ = invoke("webhooks", "list")
    assert code == 0 and secret not in out
    code, out, _ = invoke("webhooks", "list", "--format", "json")
    listed = json.loads(out)
    assert [e["url"] for e in listed] == ["https://jd.example/hook", "http://127.0.0.1:9/h"]
    assert "secret" not in listed[0]
    with sessions() as session:
        endpoints = service.get_endpoints(session=session)
        assert endpoints[0].events == ["case_closed", "offer_made", "withdrawn"]
        session.add(
            Delivery(
                channel="webhook", target="http://127.0.0.1:9/h", endpoint_id=endpoints[1].id,
                kind="case_closed", payload={}, status="failed", attempts=3, last_error="HTTP 500",
            )
        )  # fmt: skip
        session.commit()
        failed_id = session.execute(select(Delivery.id)).scalar_one()
    code, out, _ = invoke("webhooks", "deliveries", "--failed", "--format", "json")
    assert code == 0 and [d["last_error"] for d in json.loads(out)] == ["HTTP 500"]
    assert invoke("webhooks", "deliveries")[0] == 0
    code, out, _ = invoke("webhooks", "retry", str(failed_id))
    assert code == 0
    with sessions() as session:
        retried = session.get(Delivery, failed_id)
        assert retried is not None and (retried.status, retried.attempts) == ("pending", 0)
    assert invoke("webhooks", "retry", "424242")[0] == 2
    code, out, _ = invoke("webhooks", "disable", str(endpoints[0].id))
    assert code == 0
    with sessions() as session:
        assert session.get(WebhookEndpoint, endpoints[0].id).active is False  # type: ignore[union-attr]


def queue_webhook(
    sessions: sessionmaker[Session], owner: Account, url: str, case: Case | None = None
) -> None:
    with sessions() as session, session.begin():
        service.create_endpoint(session=session, url=url, events=[], account_id=owner.id)
        notify(
            session=session,
            recipients=[owner],
            kind="case_closed",
            case=session.merge(case) if case else None,
            data={},
            settings=get_settings(),
        )


def test_worker_once_delivers_the_outbox(
    cli_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    sessions: sessionmaker[Session],
    receiver: Receiver,
    make_account: Callable[..., Account],
) -> None:
    monkeypatch.setenv("WEIQUAN_WEBHOOK_ALLOW_PRIVATE", "true")
    get_settings.cache_clear()
    queue_webhook(sessions, make_account("once@shop.cn", role="merchant"), receiver.url)
    code, _, err = invoke("worker", "--once")
    assert code == 0, err
    assert "deliver_due" in err
    assert len(receiver.requests) == 1
    with sessions() as session:
        assert session.execute(select(Delivery.status)).scalar_one() == "delivered"


def test_worker_runs_until_sigterm_and_stops_cleanly(
    cli_env: dict[str, str],
    sessions: sessionmaker[Session],
    receiver: Receiver,
    make_account: Callable[..., Account],
) -> None:
    queue_webhook(sessions, make_account("loop@shop.cn", role="merchant"), receiver.url)
    env = {
        **os.environ,
        **cli_env,
        "WEIQUAN_WEBHOOK_ALLOW_PRIVATE": "true",
        "WEIQUAN_WORKER_INTERVAL_SECONDS": "1",
    }
    command = [str(Path(sys.executable).parent / "weiquan"), "worker"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not receiver.requests and time.monotonic() < deadline:
            time.sleep(0.1)
        assert receiver.requests, "the worker did not deliver"
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "后台任务已停止。" in err and "Traceback" not in err
    with sessions() as session:
        jobs = session.execute(text("SELECT name, lease_owner FROM jobs")).all()
    # The schedule lives in the weiquan database: the jobs one worker at a time runs (the
    # outbox runs in every worker), as names and times, and the stop freed their leases.
    assert sorted(jobs) == [
        ("case_clocks", None),
        ("evidence_readings", None),
        ("merchant_profiles", None),
    ]


def test_docs_list_every_kind_and_the_signature() -> None:
    import re

    from weiquan.notifications.schemas import KINDS

    readme = (Path(__file__).resolve().parents[2] / "docs" / "notifications.md").read_text(
        encoding="utf-8"
    )
    section = readme[readme.index("The kinds an endpoint may") :]
    section = section[: section.index("\n\n")]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    assert documented == set(KINDS), "a new EventKind? list it in docs/notifications.md"
    assert "X-Weiquan-Signature" in readme and "TIMESTAMP.BODY" in readme
