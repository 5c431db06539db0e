"""POST /api/readings (issue 22): signed-in callers, rate-limited, its uploads bounded before
anything is read, each bad file its own message in the caller's language, the contract's shape."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine

from tests.conftest import User
from tests.evidence.chatpic import SELLER_CHAT, chat_png
from tests.evidence.conftest import png_bomb
from weiquan.app import create_app
from weiquan.config import Settings

CHAT = chat_png(SELLER_CHAT)


def files(*named: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in named]


def test_a_stranger_is_asked_to_sign_in(anon: TestClient) -> None:
    r = anon.post("/api/readings", files=files(("chat.png", CHAT)))
    assert r.status_code == 401


def test_a_chat_screenshot_is_read_to_the_contract(make_user: Callable[..., User]) -> None:
    consumer = make_user("consumer")
    r = consumer.client.post(
        "/api/readings",
        files=files(("chat.png", CHAT)),
        data={"story": "上周五在朋友圈买的包，两千六百八", "as_of": "2026-11-27"},
    )
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["schema"] == "weiquan.reading/1"
    assert set(doc["engine"]) >= {"ocr", "rules"}
    chat = doc["sources"][0]
    assert chat["file"] == "chat.png" and chat["kind"] == "chat_screenshot"
    assert "专柜正品" in chat["text"]
    # A bubble the screen wrapped ("假一赔" / "十") is one message again.
    assert "亲，这款是专柜正品，假一赔十" in [m["text"] for m in chat["messages"]]
    assert all(len(line["box"]) == 4 and 0 <= line["confidence"] <= 1 for line in chat["lines"])
    speakers = {m["text"]: (m["speaker"], m["role"]) for m in chat["messages"]}
    assert speakers["售出不退"] == ("other", "seller")
    assert speakers["多少钱？"] == ("self", "buyer")
    assert any(s["kind"] == "phone" and s["masked"].startswith("138") for s in chat["sensitive"])
    assert doc["facts"]["seller"]["promised_multiplier"] == 10
    assert doc["facts"]["seller"]["identifiers"]["wechat_id"] == "coco_mingpin2026"
    codes = {f["code"] for f in doc["findings"]}
    assert {"seller_promised_multiplier", "seller_refused_return"} <= codes
    assert r.headers["cache-control"] == "no-store"


def test_each_bad_file_gets_its_own_message_in_the_callers_language(
    make_user: Callable[..., User],
) -> None:
    consumer = make_user("consumer")
    r = consumer.client.post(
        "/api/readings", files=files(("chat.png", CHAT), ("notes.png", b"\x00\xff\xfe" * 200))
    )
    assert r.status_code == 200, r.text  # one bad file does not stop the others
    errors = {e["file"]: e for e in r.json()["errors"]}
    assert (
        errors["notes.png"]["code"] == "not_image" and "不是图片" in errors["notes.png"]["message"]
    )
    assert [s["file"] for s in r.json()["sources"]] == ["chat.png"]

    r = consumer.client.post(
        "/api/readings",
        files=files(("bomb.png", png_bomb()), ("junk.png", b"\x00\xff\xfe" * 100)),
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == 422, r.text  # none could be read
    errors = {e["file"]: e for e in r.json()["errors"]}
    assert errors["bomb.png"]["code"] == "too_many_pixels"
    assert "too large" in errors["bomb.png"]["message"]
    assert "not a picture" in errors["junk.png"]["message"]
    # A picture cut off in transfer: read as far as it goes, or (too little of it) a clear word.
    r = consumer.client.post("/api/readings", files=files(("cut.png", CHAT[: len(CHAT) // 3])))
    body = r.json()
    if r.status_code == 422:
        assert body["errors"][0]["code"] == "truncated" and "不完整" in body["errors"][0]["message"]
    else:
        assert r.status_code == 200 and body["sources"][0]["file"] == "cut.png"

    def fields(**values: str) -> list[tuple[str, tuple[None, str]]]:
        return [(k, (None, v)) for k, v in values.items()]

    r = consumer.client.post("/api/readings", files=fields(as_of="last friday", story="买了包"))
    assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["detail"]
    r = consumer.client.post("/api/readings", files=fields(story=" "))
    assert r.status_code == 422 and "至少发送一张截图" in r.json()["detail"]
    r = consumer.client.post("/api/readings", data={"story": "买了包"})
    assert r.status_code == 415 and "multipart/form-data" in r.json()["detail"]
    # A story alone is read: the facts it tells.
    story = "上周五在朋友圈花了2680元买了个LV的包"
    r = consumer.client.post("/api/readings", files=fields(story=story, as_of="2026-11-27"))
    assert r.status_code == 200, r.text
    assert r.json()["sources"][0]["kind"] == "story"
    assert r.json()["facts"]["purchase"]["amount_paid"] == "2680.00"


@pytest.fixture
def tight(settings: Settings, engine: Engine) -> Iterator[FastAPI]:
    """An app whose reading limits are small enough to cross in a test."""
    yield create_app(
        settings.model_copy(
            update={
                "reading_max_files": 2,
                "reading_max_bytes": 200_000,
                "reading_max_total_bytes": 300_000,
                "reading_per_account_hour": 3,
            }
        ),
        engine=engine,
    )


def signed_in(app: FastAPI, user: User) -> TestClient:
    c = TestClient(app, headers={"Authorization": f"Bearer {user.token}"})
    return c


def test_uploads_are_bounded_before_anything_is_read(
    tight: FastAPI, make_user: Callable[..., User]
) -> None:
    user = make_user("consumer")
    with signed_in(tight, user) as c:
        r = c.post("/api/readings", files=files(*[(f"{n}.png", CHAT) for n in range(3)]))
        assert r.status_code == 413 and "最多上传 2 个文件" in r.json()["detail"]
        noise = io.BytesIO()
        Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3)).save(noise, format="PNG")
        r = c.post("/api/readings", files=files(("big.png", noise.getvalue())))
        assert r.status_code == 413 and "big.png" in r.json()["detail"]
        # The third call of the hour is the last this account gets.
        r = c.post("/api/readings", files=files(("chat.png", CHAT)))
        assert r.status_code == 200
        r = c.post("/api/readings", files=files(("chat.png", CHAT)))
        assert r.status_code == 429 and "请等待" in r.json()["detail"]


def test_a_body_over_the_json_limit_streams_through(
    settings: Settings, engine: Engine, make_user: Callable[..., User]
) -> None:
    """The app's body limit (for JSON) does not apply: the route bounds its own uploads."""
    app = create_app(settings.model_copy(update={"request_max_bytes": 2048}), engine=engine)
    user = make_user("consumer")
    with signed_in(app, user) as c:
        r = c.post("/api/readings", files=files(("chat.png", CHAT)))
        assert len(CHAT) > 2048 and r.status_code == 200, r.text


def test_the_api_is_documented(anon: TestClient) -> None:
    spec = anon.get("/api/openapi.json").json()
    op = spec["paths"]["/api/readings"]["post"]
    assert "weiquan.reading/1" in op["description"]
