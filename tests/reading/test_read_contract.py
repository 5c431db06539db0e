"""`read()` gives the weiquan.reading/1 document: its shape, per-file errors, a real picture."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from bench.readingset import chat

from weiquan.law.facts import Facts
from weiquan.reading.facts import check
from weiquan.reading.read import MAX_TEXT_BYTES, Upload, read

STORY = (
    "上周五在朋友圈看到她卖LV的Neverfull包，说是专柜正品，假一陪十，我就微信转了她两千六百八。"
    "她微信号coco_mingpin2026，电话138 1234 5678。前天收到货拿去专柜鉴定，柜姐说是高仿。"
    "我找她退款，她说售出不退，还骂我神经病，后来直接把我拉黑了。"
)
PASTED = "我：是正品吗\n卖家：专柜正品，假一赔十\n卖家：再闹就曝光你"
KINDS = {"chat_screenshot", "transfer_record", "order_page", "product_page", "other_image", "story"}
MONDAY = date(2026, 11, 23)


def assert_contract_shape(doc: dict[str, Any]) -> None:
    assert doc["schema"] == "weiquan.reading/1"
    assert doc["engine"]["ocr"].startswith("rapidocr-onnxruntime") and doc["engine"]["rules"]
    for source in doc["sources"]:
        assert source["kind"] in KINDS
        assert isinstance(source["text"], str) and isinstance(source["lines"], list)
        for line in source["lines"]:
            assert len(line["box"]) == 4 and 0 <= line["confidence"] <= 1
        for item in source["sensitive"]:
            assert item["kind"] in {
                "phone",
                "id_number",
                "bank_card",
                "name",
                "address",
                "wechat_id",
            }
            assert "*" in item["masked"]
    for finding in doc["findings"]:
        source = doc["sources"][finding["source"]]
        assert finding["quote"] and finding["quote"] in source["text"]
    check(doc["facts"])  # every value is one weiquan.law's facts model accepts
    for question in doc["questions"]:
        assert question["question"]["zh"] and question["question"]["en"]


def test_a_story_and_a_pasted_chat() -> None:
    doc = read([Upload("chat.txt", PASTED.encode())], story=STORY, as_of=MONDAY)
    assert_contract_shape(doc)
    assert [(s["file"], s["kind"]) for s in doc["sources"]] == [
        ("chat.txt", "story"),
        (None, "story"),
    ]
    assert doc["facts"]["purchase"] == {
        "date": "2026-11-20",
        "received_date": "2026-11-21",
        "amount_paid": "2680.00",
        "channel": "wechat_moments",
        "payment": "private_transfer",
    }
    assert doc["facts"]["goods"] == {
        "description": "LV的Neverfull包",
        "brand": "LV",
        "category": "luxury_fashion",
    }
    assert doc["facts"]["problems"] == ["counterfeit", "return_refused", "insult_or_threat"]
    assert doc["facts"]["seller"] == {
        "promised_multiplier": 10,
        "identifiers": {"wechat_id": "coco_mingpin2026", "phone": "13812345678"},
    }
    found = {(f["code"], f["source"]) for f in doc["findings"]}
    assert {("seller_promised_genuine", 0), ("seller_promised_multiplier", 0)} <= found
    assert ("seller_threat", 0) in found  # from the pasted chat
    assert {
        ("seller_refused_return", 1),
        ("seller_blocked_buyer", 1),
        ("seller_insult", 1),
    } <= found
    # The seller's WeChat ID is the evidence; the phone is proposed for masking.
    assert [s["kind"] for s in doc["sources"][1]["sensitive"]] == ["phone"]
    # Everything the engine requires was read: the whole document is valid facts.
    facts = Facts.model_validate(doc["facts"])
    assert facts.seller.promised_multiplier == 10
    assert [q["fact"] for q in doc["questions"]] == []


def test_on_a_merchants_upload_self_is_the_seller() -> None:
    doc = read([Upload("chat.txt", "我：亲，正品\n买家：不退钱就给你差评".encode())],
               as_role="seller", as_of=MONDAY)  # fmt: skip
    # The merchant's own "正品" is the seller's promise; the buyer's bargain is a threat.
    assert [f["code"] for f in doc["findings"]] == ["seller_promised_genuine", "consumer_threat"]
    assert "seller" not in doc["facts"]  # the other side is the buyer: no seller identifiers


def test_a_bad_file_gives_its_error_and_the_others_are_read() -> None:
    uploads = [Upload("a.bin", b"\x00\x01garbage"), Upload("story.txt", STORY.encode())]
    doc = read(uploads, as_of=MONDAY, lang="en")
    assert doc["errors"] == [
        {
            "file": "a.bin",
            "code": "not_image",
            "message": "This file is not a picture and cannot be read. Upload a screenshot or "
            "photo (PNG, JPEG, WebP and the like).",
        }
    ]
    assert [s["file"] for s in doc["sources"]] == ["story.txt"]
    assert doc["facts"]["purchase"]["amount_paid"] == "2680.00"
    # The findings point at the story by its index among the sources read.
    assert {f["source"] for f in doc["findings"]} == {0}


def test_all_or_nothing_reads_nothing_when_a_file_is_bad() -> None:
    uploads = [Upload("story.txt", STORY.encode()), Upload("cut.png", b"\x89PNG\r\n\x1a\n\x00")]
    doc = read(uploads, as_of=MONDAY, all_or_nothing=True)
    assert doc["sources"] == [] and doc["facts"] == {} and doc["findings"] == []
    assert [e["file"] for e in doc["errors"]] == ["cut.png"]
    assert "图片" in doc["errors"][0]["message"]  # Chinese by default


def test_a_text_too_long_for_a_story_is_refused() -> None:
    doc = read([Upload("log.txt", b"a" * (MAX_TEXT_BYTES + 1))], as_of=MONDAY, lang="en")
    assert doc["errors"][0]["code"] == "text_too_long"
    assert "too long" in doc["errors"][0]["message"]


def test_a_role_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match="as_role"):
        read([], story=STORY, as_role="platform", as_of=MONDAY)


def test_a_real_chat_screenshot() -> None:
    """One picture of the project's test set, read by the real OCR, through the contract."""
    sample = chat("tuning", 0)
    doc = read([Upload("chat.png", sample.png)], as_of=sample.as_of or MONDAY)
    assert_contract_shape(doc)
    (source,) = doc["sources"]
    assert source["kind"] == "chat_screenshot"
    said = [(m["role"], m["text"]) for m in source["messages"] if m["speaker"] != "system"]
    assert ("seller", "都是专柜正品哦亲，假一赔三") in said
    assert all(m["role"] is None for m in source["messages"] if m["speaker"] == "system")
    ids = doc["facts"]["seller"]["identifiers"]
    assert ids["wechat_id"] == sample.wechat_id and ids["phone"] == sample.phone
    assert ids["name"] == sample.title.casefold()  # type: ignore[union-attr]
    assert doc["facts"]["seller"]["promised_multiplier"] == 3
    codes = {f["code"] for f in doc["findings"]}
    assert {"seller_promised_genuine", "seller_promised_multiplier"} <= codes
    # The phone is proposed for masking, with a box inside the picture.
    phones = [s for s in source["sensitive"] if s["kind"] == "phone"]
    assert phones and phones[0]["masked"] == sample.phone[:3] + "****" + sample.phone[-4:]  # type: ignore[index]
    x, y, w, _ = phones[0]["box"]
    assert x >= 0 and y >= 0 and x + w <= sample.style.width
