"""The delivery kit: the WeChat text, the share image and its QR code, on the case page."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from PIL import Image

from tests.replies.conftest import Filed
from weiquan.replies import image, kit


def _demand(**changes: object) -> kit.Demand:
    values: dict[str, object] = {
        "number": "WQ-2026-000123",
        "seller": "名品小店",
        "goods": "Gucci 双肩包",
        "order_date": date(2026, 8, 1),
        "price_fen": 399950,
        "problems": ["counterfeit"],
        "amount_fen": 1199850,
        "ask": kit.PUNITIVE_CRPL,
        "basis": kit.BASIS_CRPL,
        "due": None,
        "consumer_name": "李*",
        "consumer_phone": "*******5678",
    }
    values.update(changes)
    return kit.Demand(**values)  # type: ignore[arg-type]


LINK = "https://weiquan.example.cn/r/" + "x" * 90


def test_the_text_says_the_demand_in_one_wechat_message() -> None:
    text = kit.text(_demand(), LINK)
    assert len(text) <= kit.TEXT_LIMIT
    for part in ("名品小店", "Gucci 双肩包", "2026-08-01", "¥3,999.50", "假冒", "¥11,998.50"):
        assert part in text, part
    assert "《消费者权益保护法》第五十五条" in text or "消费者权益保护法第五十五条" in text
    assert "10 个工作日" in text or "10个工作日" in text
    assert LINK in text
    assert "李*" in text and "*******5678" in text


def test_the_text_stays_short_with_long_goods_and_names() -> None:
    text = kit.text(
        _demand(
            goods="超长商品名称" * 50,
            seller="某某某" * 60,
            problems=["counterfeit", "false_advertising", "quality_defect", "expired"],
        ),
        LINK,
    )
    assert len(text) <= kit.TEXT_LIMIT
    assert LINK in text


def test_the_ask_follows_the_amount_and_the_goods() -> None:
    assert kit.text(_demand(amount_fen=399950, ask=kit.REFUND, basis=kit.BASIS_REFUND), LINK)
    filed_food = _demand(ask=kit.PUNITIVE_FOOD, basis=kit.BASIS_FOOD)
    assert "食品安全法" in kit.text(filed_food, LINK)


def test_the_share_image_is_a_png_whose_qr_code_is_the_link() -> None:
    share = image.render(_demand(), LINK)
    picture = Image.open(io.BytesIO(share.png))
    assert picture.format == "PNG" and picture.width == image.WIDTH
    gray = picture.convert("L")
    matrix = image.qr_matrix(LINK)
    x0 = share.qr_at[0] + share.qr_border * share.qr_box
    y0 = share.qr_at[1] + share.qr_border * share.qr_box
    half = share.qr_box // 2
    read = [
        [
            gray.getpixel((x0 + c * share.qr_box + half, y0 + r * share.qr_box + half)) < 128
            for c in range(len(matrix))
        ]
        for r in range(len(matrix))
    ]
    assert read == matrix
    # The quiet zone around it is white, so that a camera finds the code.
    assert gray.getpixel((share.qr_at[0] + 2, share.qr_at[1] + 2)) > 200


def test_the_qr_matrix_differs_for_another_link() -> None:
    assert image.qr_matrix(LINK) != image.qr_matrix(LINK[:-1] + "y")


def test_the_case_page_shows_the_kit_until_the_delivery_is_recorded(filed: Filed) -> None:
    page = filed.consumer.client.get(f"/cases/{filed.number}")
    assert page.status_code == 200
    assert "还没有送达卖家" in page.text
    assert "¥11,998.50" in page.text
    assert "13812345678" not in page.text.split('id="kit-text"')[1].split("</textarea>")[0]
    assert f"/cases/{filed.number}/delivery/image.png" in page.text
    assert "download" not in page.text.split('class="kit-image"')[1].split("</figure>")[0]
    assert "/static/replies.js" in page.text


def test_the_share_image_is_served_inline_to_the_consumer_only(
    filed: Filed, make_user: Callable[..., object]
) -> None:
    r = filed.consumer.client.get(f"/cases/{filed.number}/delivery/image.png")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.headers["content-disposition"] == "inline"
    Image.open(io.BytesIO(r.content)).verify()
    stranger = make_user("consumer")
    assert stranger.client.get(f"/cases/{filed.number}/delivery/image.png").status_code == 404  # type: ignore[attr-defined]


def test_no_kit_before_the_demand(file_case: Callable[..., Filed]) -> None:
    draft = file_case(demand=None)
    page = draft.consumer.client.get(f"/cases/{draft.number}")
    assert "/r/" not in page.text
    assert draft.consumer.client.get(f"/cases/{draft.number}/delivery/image.png").status_code == 404


def test_the_kit_as_json(filed: Filed, make_user: Callable[..., object]) -> None:
    r = filed.consumer.client.get(f"/api/cases/{filed.number}/delivery")
    assert r.status_code == 200
    body = r.json()
    assert body["delivered"] is False and body["deliveries"] == []
    assert "/r/" in body["link"] and body["link"] in body["text"]
    assert "¥11,998.50" in body["text"] and len(body["text"]) <= kit.TEXT_LIMIT
    assert body["image"] == f"/cases/{filed.number}/delivery/image.png"
    stranger = make_user("consumer")
    assert stranger.client.get(f"/api/cases/{filed.number}/delivery").status_code == 404  # type: ignore[attr-defined]
