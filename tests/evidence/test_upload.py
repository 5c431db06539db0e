"""Uploads through the API: type from content, metadata, dedup, and every kind of bad input
refused with a clear message and nothing partial kept."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.evidence.conftest import CHAT, HTML, MHTML, jpeg, mp4, pdf, png, png_bomb, upload
from weiquan.config import Settings
from weiquan.evidence.models import EvidenceItem, EvidenceLogEntry
from weiquan.evidence.storage import LocalStore


def kept(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions() as session:
        items = session.execute(select(func.count()).select_from(EvidenceItem)).scalar_one()
        entries = session.execute(select(func.count()).select_from(EvidenceLogEntry)).scalar_one()
    return items, entries


def leftovers(settings: Settings) -> list[Path]:
    """Files in staging or blobs (what a refused upload must not leave)."""
    root = settings.data_dir / "evidence"
    return [p for p in root.rglob("*") if p.is_file() and p.name != "signing-key.pem"]


def test_upload_records_type_hash_metadata_and_origin(
    client: TestClient, number: str, settings: Settings
) -> None:
    photo = jpeg()
    files = [
        ("IMG_2041.JPG", photo),
        ("聊天记录.txt", CHAT),
        ("商品页.html", HTML),
        ("订单.mhtml", MHTML),
        ("发票.pdf", pdf()),
        ("开箱.mp4", mp4()),
        ("screenshot", png()),  # no extension: the content decides
    ]
    r = upload(client, number, files, kind="goods_photo", description="收到的包")
    assert r.status_code == 201, r.text
    items = r.json()["items"]
    assert [i["label"] for i in items] == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]
    types = [i["media_type"] for i in items]
    assert types == [
        "image/jpeg",
        "text/plain",
        "text/html",
        "multipart/related",
        "application/pdf",
        "video/mp4",
        "image/png",
    ]
    first = items[0]
    assert first["sha256"] == hashlib.sha256(photo).hexdigest()
    assert first["size"] == len(photo)
    assert first["captured_at"] == "2026-03-05T12:15:30Z"  # 20:15:30 +08:00
    assert first["device"] == "Xiaomi Redmi K70"
    assert first["details"]["width"] == 64
    assert first["uploaded_by"].startswith("consumer:") and first["source"] == "api"
    assert first["client_ip"] and first["user_agent"]
    assert items[5]["captured_at"] is not None  # the MP4's own creation time
    # Stored content-addressed, byte for byte, and the staging area is empty again.
    store = LocalStore(settings.data_dir / "evidence" / "blobs")
    assert store.path(first["sha256"]).read_bytes() == photo
    assert list((settings.data_dir / "evidence" / "staging").iterdir()) == []
    original = client.get(first["file_url"])
    assert original.content == photo
    assert original.headers["content-type"] == "image/jpeg"
    page = client.get(items[2]["file_url"])  # stored HTML is never served as a page
    assert page.headers["content-type"] == "application/octet-stream"
    assert page.headers["content-disposition"].startswith("attachment")


def test_duplicate_upload_is_not_added_twice(
    client: TestClient, number: str, sessions: sessionmaker[Session], settings: Settings
) -> None:
    assert upload(client, number, [("a.jpg", jpeg(1))]).status_code == 201
    r = upload(client, number, [("copy-of-a.jpg", jpeg(1)), ("b.jpg", jpeg(2))])
    assert r.status_code == 201
    body = r.json()
    assert [i["label"] for i in body["items"]] == ["E2"]
    assert [i["label"] for i in body["duplicates"]] == ["E1"]
    # The same bytes twice in one request count once too.
    r = upload(client, number, [("c.jpg", jpeg(3)), ("c-again.jpg", jpeg(3))])
    assert [i["label"] for i in r.json()["items"]] == ["E3"]
    assert kept(sessions)[0] == 3


def test_same_file_in_two_cases_is_stored_once(
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    settings: Settings,
    consumer: Any,
) -> None:
    from tests.evidence.conftest import file_case

    other = file_case(sessions, consumer)
    for n in (number, other):
        assert upload(client, n, [("a.jpg", jpeg(9))]).status_code == 201
    blobs = list((settings.data_dir / "evidence" / "blobs").rglob("*"))
    assert len([b for b in blobs if b.is_file()]) == 1


BAD = [
    ("empty.jpg", b"", "文件是空的"),
    ("photo.jpg", pdf(), "文件名表明是图片，但内容是PDF 文件"),
    ("invoice.pdf", jpeg(), "文件名表明是PDF 文件，但内容是图片"),
    ("bomb.png", png_bomb(), "解压炸弹"),
    ("program.exe", b"MZ\x90\x00" + b"\x00" * 200, "不接受这种文件"),
    ("archive.txt", b"PK\x03\x04" + b"\x00" * 100, "不接受这种文件"),
    ("broken.png", png()[:40], "图片已损坏或不完整"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_clear_message_and_nothing_kept(
    client: TestClient,
    number: str,
    sessions: sessionmaker[Session],
    settings: Settings,
    name: str,
    data: bytes,
    message: str,
) -> None:
    before = kept(sessions)
    r = upload(client, number, [("ok.jpg", jpeg(5)), (name, data)])
    assert r.status_code == 422, r.text
    assert message in r.json()["detail"], r.json()
    assert "Traceback" not in r.text
    assert kept(sessions) == before  # all or nothing: the good file was not kept either
    assert leftovers(settings) == [] or all(p.parent.name != "staging" for p in leftovers(settings))


def test_messages_follow_the_language(client: TestClient, number: str) -> None:
    r = client.post(
        f"/api/cases/{number}/evidence?lang=en",
        files=[("files", ("photo.jpg", pdf()))],
    )
    assert (
        r.json()["detail"] == "photo.jpg: the name says it is an image, but the content is a PDF."
    )


@pytest.mark.parametrize(
    "raw",
    [
        "../../etc/passwd.txt",
        "..\\..\\windows\\win.ini.txt",
        "/abs/path/聊天.txt",
        "\u202egpj.exe.txt",
        "zero\u200bwidth\x00nul\x07.txt",
        "..",
        "   ",
        "很长的名字" * 80 + ".txt",
        "Ａｂｃ\u0301.txt",
    ],
)
def test_odd_and_hostile_file_names(
    client: TestClient, number: str, settings: Settings, raw: str
) -> None:
    r = upload(client, number, [(raw, CHAT)])
    assert r.status_code == 201, r.text
    name = r.json()["items"][0]["original_name"]
    assert "/" not in name and "\\" not in name and "\x00" not in name and "\u202e" not in name
    assert not name.startswith(".") and 0 < len(name) <= 200
    # Storage never used the name: nothing was written outside the evidence folder.
    outside = [p for p in settings.data_dir.rglob("*") if "evidence" not in p.parts]
    assert all(
        p.suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm", ".sqlite3-writer")
        for p in outside
        if p.is_file()
    )


def test_file_over_the_limit_is_refused_midway(
    client: TestClient, number: str, settings: Settings, sessions: sessionmaker[Session]
) -> None:
    settings.evidence_max_bytes = 100_000
    big = b"\xff\xd8\xff\xe0" + b"\x00" * 200_000
    r = upload(client, number, [("big.jpg", big)])
    assert r.status_code == 413
    assert "上限" in r.json()["detail"]
    assert kept(sessions) == (0, 0)
    assert list((settings.data_dir / "evidence" / "staging").iterdir()) == []


def test_upload_cut_off_midway_keeps_nothing(
    client: TestClient, number: str, settings: Settings, sessions: sessionmaker[Session]
) -> None:
    body = (
        b'--XYZ\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n" + jpeg()[:300]
    )  # no closing boundary: the client went away
    r = client.post(
        f"/api/cases/{number}/evidence",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=XYZ"},
    )
    assert r.status_code == 400
    assert "中断" in r.json()["detail"]
    assert kept(sessions) == (0, 0)
    assert list((settings.data_dir / "evidence" / "staging").iterdir()) == []


def test_not_multipart_and_no_files(client: TestClient, number: str) -> None:
    r = client.post(f"/api/cases/{number}/evidence", json={"files": []})
    assert r.status_code == 415
    r = client.post(
        f"/api/cases/{number}/evidence",
        content=b'--B\r\nContent-Disposition: form-data; name="kind"\r\n\r\nchat\r\n--B--\r\n',
        headers={"Content-Type": "multipart/form-data; boundary=B"},
    )
    assert r.status_code == 422 and "至少选择一个文件" in r.json()["detail"]
    r = upload(client, number, [("a.txt", CHAT)], kind="telepathy")
    assert r.status_code == 422 and "telepathy" in r.json()["detail"]


def test_strangers_see_nothing(
    number: str, anon: TestClient, make_user: Any, client: TestClient
) -> None:
    assert upload(client, number, [("a.txt", CHAT)]).status_code == 201
    assert anon.get(f"/api/cases/{number}/evidence").status_code == 401
    other = make_user("consumer")
    for url in (f"/api/cases/{number}/evidence", f"/api/cases/{number}/evidence/1/file"):
        assert other.client.get(url).status_code == 404
    assert upload(other.client, number, [("b.txt", CHAT)]).status_code == 404
