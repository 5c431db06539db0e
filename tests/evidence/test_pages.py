"""Evidence pages, the checklist from the law engine, and redacted copies."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import zipfile
from datetime import date

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.conftest import CHAT, HTML, MHTML, jpeg, pdf, png, upload
from weiquan.evidence.checklist import assessment_of, needs_for


def codes(problems: list[str], category: str = "luxury_fashion") -> tuple[list[str], list[str]]:
    from weiquan.cases.models import Case

    case = Case(
        number="WQ-2026-000001",
        category=category,
        problems=problems,
        channel="live_stream",
        price_paid_fen=268000,
        quantity=1,
        goods="包",
        order_date=date(2026, 3, 2),
        payment_method="platform",
    )
    needs = needs_for(problems, assessment_of(case))
    return [n.code for n in needs if n.side == "claim"], [
        n.code for n in needs if n.side == "defence"
    ]


def test_checklist_follows_the_claim() -> None:
    claim, defence = codes(["counterfeit"])
    assert claim == [
        "order",
        "payment",
        "product_page",
        "chat",
        "goods_photo",
        "label",
        "authenticity",
    ]
    assert defence == ["unpacking_video", "shipping", "lawful_source"]
    claim, _ = codes(["not_delivered"], "electronics")
    assert "logistics" in claim and "authenticity" not in claim and "label" not in claim
    claim, _ = codes(["non_compliant_food"], "food")
    assert {"label", "goods_photo"} <= set(claim) and "authenticity" not in claim


def test_page_shows_checklist_and_upload_updates_it(
    consumer: User, client: TestClient, number: str
) -> None:
    page = client.get(f"/cases/{number}/evidence")
    assert page.status_code == 200
    assert "证据清单" in page.text and "鉴定报告或品牌方真伪说明" in page.text
    assert 'data-need="authenticity"' in page.text and "还缺 7 项" in page.text
    r = client.post(
        f"/cases/{number}/evidence",
        data=consumer.form(kind="appraisal_report", description="鉴定意见"),
        files=[("files", ("鉴定.pdf", pdf()))],
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"])
    assert "已添加：E1。" in page.text and "还缺 6 项" in page.text
    assert "已提供：E1" in page.text
    # The script's request: JSON back, one file per request.
    r = client.post(
        f"/cases/{number}/evidence",
        data=consumer.form(kind="chat"),
        files=[("files", ("chat.txt", CHAT))],
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 201 and r.json()["items"] == ["E2"]
    r = client.post(
        f"/cases/{number}/evidence",
        data=consumer.form(kind="chat"),
        files=[("files", ("fake.jpg", pdf()))],
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 422 and "内容是PDF 文件" in r.json()["detail"]
    case_page = client.get(f"/cases/{number}")
    assert case_page.status_code == 200
    assert f'href="/cases/{number}/evidence"' in case_page.text


def test_page_upload_needs_the_csrf_token(consumer: User, client: TestClient, number: str) -> None:
    r = client.post(
        f"/cases/{number}/evidence",
        data={"csrf_token": "forged", "kind": "chat"},
        files=[("files", ("chat.txt", CHAT))],
    )
    assert r.status_code == 403
    assert client.get(f"/api/cases/{number}/evidence").json()["items"] == []


def test_item_page_export_and_english(consumer: User, client: TestClient, number: str) -> None:
    assert upload(client, number, [("a.jpg", jpeg())], kind="goods_photo").status_code == 201
    page = client.get(f"/cases/{number}/evidence/1?lang=en")
    assert page.status_code == 200
    assert "Custody log" in page.text and "Xiaomi Redmi K70" in page.text
    r = client.post(f"/cases/{number}/evidence/export", data=consumer.form())
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert "files/E01.jpg" in names and "evidence-list.pdf" in names
    detail = client.get(f"/api/cases/{number}/evidence/1").json()
    assert [e["action"] for e in detail["custody"]] == ["added", "exported"]


def test_redacted_picture_covers_regions_and_leaves_the_original(
    consumer: User, client: TestClient, number: str
) -> None:
    original = png(size=(100, 80))
    upload(client, number, [("s.png", original)])
    r = client.post(
        f"/api/cases/{number}/evidence/1/redactions", json={"regions": [[10, 10, 30, 20]]}
    )
    assert r.status_code == 201, r.text
    copy = client.get(r.json()["file_url"])
    img = Image.open(io.BytesIO(copy.content)).convert("RGB")
    assert img.getpixel((15, 15)) == (0, 0, 0) and img.getpixel((80, 70)) != (0, 0, 0)
    kept = client.get(f"/api/cases/{number}/evidence/1/file").content
    assert hashlib.sha256(kept).digest() == hashlib.sha256(original).digest()
    actions = [e["action"] for e in client.get(f"/api/cases/{number}/evidence/1").json()["custody"]]
    assert actions == ["added", "redacted", "shared", "viewed"]
    bad = client.post(
        f"/api/cases/{number}/evidence/1/redactions", json={"regions": [[500, 1, 2, 2]]}
    )
    assert bad.status_code == 422 and "不是图片范围内" in bad.json()["detail"]
    # Through the page form too.
    r = client.post(
        f"/cases/{number}/evidence/1/redactions",
        data=consumer.form(regions="0,0,5,5\n50,50,10,10"),
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("#redactions")


def test_redacted_text_masks_phones_ids_and_names(
    client: TestClient, number: str, sessions: sessionmaker[Session]
) -> None:
    chat = CHAT + "身份证 110101199003074512，联系人张三丰".encode()
    upload(
        client, number, [("c.txt", chat), ("p.html", HTML), ("o.mhtml", MHTML), ("x.pdf", pdf())]
    )
    r = client.post(
        f"/api/cases/{number}/evidence/1/redactions", json={"names": ["张三丰", "小美奢品"]}
    )
    text = client.get(r.json()["file_url"]).content.decode()
    assert "13800138001" not in text and "*******8001" in text
    assert "110101199003074512" not in text and "张**" in text and "小*奢品" not in text
    html = client.get(
        client.post(f"/api/cases/{number}/evidence/2/redactions", json={}).json()["file_url"]
    ).content.decode()
    assert "139-1234-5678" not in html and "5678" in html
    mhtml = client.post(f"/api/cases/{number}/evidence/3/redactions", json={"names": ["王丽"]})
    message = email.message_from_bytes(
        client.get(mhtml.json()["file_url"]).content, policy=email.policy.default
    )
    part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    assert "订单 王* *******8001" in part.get_content()
    refused = client.post(f"/api/cases/{number}/evidence/4/redactions", json={})
    assert refused.status_code == 422 and "只能遮盖图片和文本" in refused.json()["detail"]
