"""Every picture added to the vault is read by the worker (issue 22): the upload never waits,
the reading is kept beside the original (never changing it), shown under the picture and
searchable as far as the reader may see it."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.chatpic import SELLER_CHAT, chat_png
from tests.evidence.test_phone import merchant_on
from weiquan.config import Settings
from weiquan.evidence import reading_jobs, readings
from weiquan.evidence.models import EvidenceItem, EvidenceReading
from weiquan.evidence.vault import Vault
from weiquan.worker import jobs

BUYER_THREAT = [
    ("time", "2026年11月25日 10:02"),
    ("other", "你好，我要退款"),
    ("self", "亲，请问是什么问题"),
    ("other", "包有问题"),
    ("self", "我们是正规渠道进货"),
    ("other", "不赔三万就曝光你，让你的店开不下去"),
    ("self", "请按平台流程申请退货"),
]


def add(user: User, number: str, name: str, data: bytes, kind: str = "chat") -> None:
    r = user.client.post(
        f"/cases/{number}/evidence",
        data=user.form(kind=kind),
        files=[("files", (name, data, "image/png"))],
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def stored_hash(vault: Vault, sha256: str) -> str:
    with vault.store.open(sha256) as blob:
        return hashlib.sha256(blob.read()).hexdigest()


def read_all(settings: Settings, sessions: sessionmaker[Session]) -> int:
    """What the worker does: read every picture that has no current reading."""
    return reading_jobs.read_due(Vault.from_settings(settings), sessions)


def test_a_picture_is_read_in_the_background_and_shown_under_it(
    consumer: User, number: str, settings: Settings, sessions: sessionmaker[Session]
) -> None:
    assert "evidence_readings" in [j.name for j in jobs(settings)]
    picture = chat_png(SELLER_CHAT)
    add(consumer, number, "聊天记录.png", picture)
    # The upload did not wait: the page says the picture is being read, and polls.
    page = consumer.client.get(f"/cases/{number}/evidence").text
    assert "正在读取…" in page and 'data-reading-poll="/cases/' in page
    assert "/static/evidence-reading.js" in page
    assert consumer.client.get(f"/cases/{number}/evidence/readings").json() == {"pending": [1]}
    case_page = consumer.client.get(f"/cases/{number}").text
    assert "正在读取…" in case_page

    assert read_all(settings, sessions) == 1
    assert read_all(settings, sessions) == 0  # read once, not again
    assert consumer.client.get(f"/cases/{number}/evidence/readings").json() == {"pending": []}
    item_page = consumer.client.get(f"/cases/{number}/evidence/1").text
    assert "正在读取…" not in item_page
    assert "从图片中读取的文字" in item_page
    text = re.search(r'<p class="read-text">(.*?)</p>', item_page, re.S)
    assert text and "专柜正品" in text.group(1) and "售出不退" in text.group(1)
    assert "卖家承诺：“假一赔十”" in item_page
    assert "卖家拒绝退货：“售出不退”" in item_page
    listing = consumer.client.get(f"/cases/{number}/evidence").text
    assert "卖家承诺：“假一赔十”" in listing and "正在读取…" not in listing

    with sessions() as session:
        item = session.execute(select(EvidenceItem)).scalar_one()
        row = session.execute(select(EvidenceReading)).scalar_one()
        assert row.status == "done" and row.engine == reading_jobs.engine_version()
        assert row.reading["schema"] == "weiquan.reading/1"
        assert row.reading["sources"][0]["kind"] == "chat_screenshot"
        # The original is as it was uploaded, byte for byte.
        assert item.sha256 == hashlib.sha256(picture).hexdigest()
        assert stored_hash(Vault.from_settings(settings), item.sha256) == item.sha256
        # A newer engine reads it again (after every new picture); this one does not.
        assert readings.next_due(session=session, engine="a newer engine").id == item.id
        assert readings.next_due(session=session, engine=row.engine) is None


def test_the_proposed_redaction_boxes_cover_what_was_read_as_sensitive(
    consumer: User, number: str, settings: Settings, sessions: sessionmaker[Session]
) -> None:
    add(consumer, number, "chat.png", chat_png(SELLER_CHAT))
    read_all(settings, sessions)
    page = consumer.client.get(f"/cases/{number}/evidence/1").text
    boxes = re.search(r'data-boxes="([^"]*)"', page)
    assert boxes and "&#34;proposed&#34;: true" in boxes.group(1)
    assert "建议" in page or "虚线" in page
    # Confirming a proposal makes the redacted copy as today; the original stays.
    with sessions() as session:
        row = session.execute(select(EvidenceReading)).scalar_one()
        found = readings.proposed_boxes(row)
        lines = row.reading["sources"][0]["lines"]
    # The phone number's line of the picture is among the proposals.
    phone = next(ln["box"] for ln in lines if "13812345678" in ln["text"].replace(" ", ""))
    assert any(readings.overlaps(phone, b.region) for b in found)
    assert f"&#34;x&#34;: {found[0].x}, &#34;y&#34;: {found[0].y}" in boxes.group(1)
    form = {f"box-{n}-{k}": str(getattr(b, k)) for n, b in enumerate(found) for k in "xywh"}
    form |= {f"box-{n}-proposed": "1" for n in range(len(found))}
    form |= {f"box-{n}-confirmed": "on" for n in range(len(found))}
    r = consumer.client.post(
        f"/cases/{number}/evidence/1/redactions", data=consumer.form(**form), follow_redirects=False
    )
    assert r.status_code == 303, r.text


def test_a_picture_that_cannot_be_read_stays_intact_with_a_message(
    consumer: User, number: str, settings: Settings, sessions: sessionmaker[Session]
) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (10_001, 8), (255, 255, 255)).save(buf, format="PNG")
    wide = buf.getvalue()
    add(consumer, number, "全景.png", wide, kind="other")
    assert read_all(settings, sessions) == 1
    page = consumer.client.get(f"/cases/{number}/evidence/1").text
    assert "这张图片太宽" in page and "正在读取…" not in page
    assert consumer.client.get(f"/cases/{number}/evidence/1/file").content == wide
    listing = consumer.client.get(f"/cases/{number}/evidence").text
    assert "无法读取" in listing
    with sessions() as session:
        row = session.execute(select(EvidenceReading)).scalar_one()
        assert row.status == "failed" and row.error == "too_wide"


def search(user: User, number: str, q: str) -> list[str]:
    page = user.client.get(f"/cases/{number}/evidence", params={"q": q}).text
    return re.findall(r'<li class="evidence-item" data-label="(E\d+)">', page)


def test_the_read_text_is_searched_as_far_as_the_reader_may_see_it(
    client: TestClient,
    consumer: User,
    number: str,
    settings: Settings,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
) -> None:
    merchant = merchant_on(sessions, make_user, client, number)
    add(consumer, number, "chat.png", chat_png(SELLER_CHAT))
    add(merchant, number, "buyer.png", chat_png(BUYER_THREAT))
    read_all(settings, sessions)
    admin = make_user("admin")

    assert search(consumer, number, "专柜正品") == ["E1"]
    assert search(consumer, number, "假一赔十") == ["E1"]  # a bubble wrapped after 假一赔
    assert search(admin, number, "专柜正品") == ["E1"]
    assert search(admin, number, "退货") == ["E1", "E2"]
    # The consumer's original was shared with nobody: the merchant cannot find its text.
    assert search(merchant, number, "专柜正品") == []
    assert search(merchant, number, "13812345678") == []
    assert search(merchant, number, "平台流程") == ["E2"]  # its own
    assert search(consumer, number, "平台流程") == []  # the merchant's, unshared
    page = merchant.client.get(f"/cases/{number}/evidence", params={"q": "专柜正品"}).text
    assert "没有哪一项的文字包含“专柜正品”" in page

    # A redacted copy covering the phone number: the merchant finds what the copy shows only.
    with sessions() as session:
        row = session.execute(
            select(EvidenceReading).join(EvidenceItem).where(EvidenceItem.seq == 1)
        ).scalar_one()
        phone = next(ln for ln in row.reading["sources"][0]["lines"] if "1381234" in ln["text"])
    x, y, w, h = phone["box"]
    r = consumer.client.post(
        f"/cases/{number}/evidence/1/redactions",
        data=consumer.form(**{"box-0-x": x, "box-0-y": y, "box-0-w": w, "box-0-h": h}),
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    assert search(merchant, number, "专柜正品") == ["E1"]
    assert search(merchant, number, "13812345678") == []
    assert search(consumer, number, "13812345678") == ["E1"]
    assert (
        "请输入要查找的字词"
        in merchant.client.get(f"/cases/{number}/evidence", params={"q": "？！"}).text
    )


def test_a_buyers_threat_is_shown_to_the_merchant_and_the_agency(
    client: TestClient,
    consumer: User,
    number: str,
    settings: Settings,
    sessions: sessionmaker[Session],
    make_user: Callable[..., User],
) -> None:
    merchant = merchant_on(sessions, make_user, client, number)
    add(merchant, number, "买家聊天.png", chat_png(BUYER_THREAT))
    read_all(settings, sessions)
    with sessions() as session:
        row = session.execute(select(EvidenceReading)).scalar_one()
        codes = [f["code"] for f in row.reading["findings"]]
    assert "consumer_threat" in codes  # read as the seller's screenshot: the left is the buyer
    for viewer in (merchant, make_user("admin")):
        page = viewer.client.get(f"/cases/{number}").text
        assert "买方威胁：“不赔三万就曝光你" in page
        item = viewer.client.get(f"/cases/{number}/evidence/1").text
        assert "买方威胁：“不赔三万就曝光你" in item
