"""Request bodies over WEIQUAN_REQUEST_MAX_BYTES are refused before they fill memory, in the
user's language; evidence uploads stream past it. Starlette's own HTTP errors are worded too."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.evidence.conftest import upload
from tests.factories import case_document
from weiquan.cases.models import Case
from weiquan.config import Settings

LIMIT = 4096


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"request_max_bytes": LIMIT})


def big_complaint() -> bytes:
    document = case_document(narrative="收到的是假货，" * 2000)  # 14,000 characters, 42 KB
    return json.dumps(document, ensure_ascii=False).encode()


def count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.query(Case).count()


def test_a_body_over_the_limit_is_refused_in_the_users_language(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    body = big_complaint()
    headers = {"content-type": "application/json"}
    zh = client.post("/api/cases", content=body, headers=headers)
    assert (zh.status_code, zh.json()) == (413, {"detail": "请求内容过大：最多 4.0 KiB。"})
    en = client.post("/api/cases?lang=en", content=body, headers=headers)
    assert en.json() == {"detail": "The request is too large: at most 4.0 KiB."}
    page = client.post("/cases", content=b"narrative=" + b"x" * LIMIT,
                       headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert page.status_code == 413 and "请求内容过大" in page.text
    assert count(sessions) == 0


def test_a_body_without_its_length_is_counted_as_it_arrives(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    def chunks() -> Iterator[bytes]:
        body = big_complaint()
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    r = client.post("/api/cases?lang=en", content=chunks(),
                    headers={"content-type": "application/json"})  # fmt: skip
    assert r.status_code == 413 and "content-length" not in r.request.headers
    assert r.json() == {"detail": "The request is too large: at most 4.0 KiB."}
    assert count(sessions) == 0


def test_a_complaint_under_the_limit_and_an_upload_over_it_go_through(
    client: TestClient, number: str
) -> None:
    small = json.dumps(case_document(), ensure_ascii=False).encode()
    assert len(small) < LIMIT
    filed = client.post("/api/cases", content=small, headers={"content-type": "application/json"})
    assert filed.status_code == 201
    chat = "卖家：包是专柜正品，假一赔十。\n".encode() * 500
    assert len(chat) > LIMIT
    r = upload(client, number, [("chat.txt", chat)])
    assert r.status_code == 201, r.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "missing", "method"),
    [
        ("zh_CN", "这里什么也没有：地址可能输错了，或者原来的内容已不在。",
         "此地址不接受这种请求。"),
        ("en", "Nothing is here: the address may be mistyped, or what it showed is gone.",
         "This address does not take that kind of request."),
    ],
)  # fmt: skip
def test_starlettes_own_errors_are_worded(
    client: TestClient, lang: str, missing: str, method: str
) -> None:
    assert client.get(f"/api/nowhere?lang={lang}").json() == {"detail": missing}
    assert client.delete(f"/api/cases?lang={lang}").json() == {"detail": method}
    page = client.get(f"/nowhere?lang={lang}")
    assert page.status_code == 404 and missing in page.text and "Not Found" not in page.text
