"""Findings: what each side said that matters to the law, with its quote, speaker-aware."""

from __future__ import annotations

import pytest

from weiquan.reading.findings import BUYER, SELLER, SYSTEM, Said, find


def codes(*said: Said, self_role: str = BUYER) -> list[tuple[str, str, int | None]]:
    return [(f.code, f.quote, f.value) for f in find(list(said), self_role=self_role)]


def seller(text: str) -> Said:
    return Said(SELLER, text, 0)


def buyer(text: str) -> Said:
    return Said(BUYER, text, 0)


def test_the_contracts_example_chat() -> None:
    found = codes(
        seller("亲，这款是专柜正品，假一赔十"),
        buyer("多少钱？"),
        seller("2680元，包邮"),
        seller("售出不退"),
        seller("再闹就曝光你的电话"),
    )
    assert ("seller_promised_genuine", "专柜正品", None) in found
    assert ("seller_promised_multiplier", "假一赔十", 10) in found
    assert ("seller_refused_return", "售出不退", None) in found
    assert ("seller_threat", "再闹就曝光你的电话", None) in found
    # 专柜正品 was said: 假一赔十 is not counted as a second promise of genuine goods.
    assert [c for c in found if c[0] == "seller_promised_genuine"] == [
        ("seller_promised_genuine", "专柜正品", None)
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("假一赔十", 10), ("假一罚十", 10), ("假一赔三", 3), ("假1赔10", 10), ("假一陪十", 10),
     ("假一赔百", 100), ("假的话十倍赔", 10), ("假货赔三倍", 3)],
)  # fmt: skip
def test_multiplier_in_chinese_or_arabic_numerals(text: str, value: int) -> None:
    found = codes(seller(f"放心，{text}"))
    assert ("seller_promised_multiplier", value) in [(c, v) for c, _, v in found]


def test_the_same_words_from_the_buyer_are_no_promise() -> None:
    assert codes(buyer("你说的专柜正品，假一赔十，现在呢？")) == []
    assert codes(buyer("这是高仿吧")) == []
    assert codes(buyer("你再不退我就拉黑你")) == []


@pytest.mark.parametrize(
    "text", ["不是高仿，放心", "我们家绝对不是A货", "我没说过假一赔十", "从来没说过是正品"]
)
def test_negation(text: str) -> None:
    found = {c for c, _, _ in codes(seller(text))}
    assert "seller_admitted_replica" not in found
    assert "seller_promised_multiplier" not in found
    if "正品" in text:
        assert "seller_promised_genuine" not in found


def test_a_sellers_question_is_no_promise_and_no_admission() -> None:
    assert codes(seller("你要高仿还是正品？")) == []


@pytest.mark.parametrize(
    "text", ["高仿的", "这个是A货", "顶级复刻", "1:1做工", "原单货", "一比一的"]
)
def test_replica_admitted(text: str) -> None:
    assert [c for c, _, _ in codes(seller(text))] == ["seller_admitted_replica"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("售出不退", {"seller_refused_return", "seller_refused_refund"}),
        ("不退不换", {"seller_refused_return", "seller_refused_refund"}),
        ("概不退款", {"seller_refused_refund"}),
        ("不给退钱", {"seller_refused_refund"}),
        ("不支持退货", {"seller_refused_return"}),
        ("不给退", {"seller_refused_return", "seller_refused_refund"}),
        ("不可能退款，你爱找谁找谁", {"seller_refused_refund"}),
    ],
)
def test_refusals(text: str, expected: set[str]) -> None:
    assert {c for c, _, _ in codes(seller(text))} == expected


def test_a_delay_is_not_a_refusal() -> None:
    assert codes(seller("财务在处理，一直不退是因为还没到账期")) == []


def test_wechats_notices_mean_the_seller_blocked_the_buyer() -> None:
    for notice in ("消息已发出，但被对方拒收了。", "对方开启了朋友验证，你还不是他（她）朋友。"):
        assert [c for c, _, _ in codes(Said(SYSTEM, notice, 1))] == ["seller_blocked_buyer"]
    # On a merchant's screenshots the same notice means the buyer blocked the seller.
    assert codes(Said(SYSTEM, "消息已发出，但被对方拒收了。", 1), self_role=SELLER) == []


def test_insult_and_threat_are_quoted_by_clause() -> None:
    found = codes(seller("你个傻逼，滚"), seller("知道你住哪，小心点"))
    assert ("seller_insult", "你个傻逼", None) in found
    assert ("seller_threat", "知道你住哪", None) in found


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("不赔钱就曝光你", "不赔钱就曝光你"),
        ("不退钱，我就去12315举报你", "不退钱，我就去12315举报你"),
        ("再不处理就给你差评", "再不处理就给你差评"),
        ("不退钱就去你店里闹", "不退钱就去你店里闹"),
    ],
)
def test_a_buyers_threat_is_found_for_the_merchant(text: str, quote: str) -> None:
    # A merchant's screenshot: self is the seller, the other side the buyer.
    found = codes(Said(BUYER, text, 2), self_role=SELLER)
    assert found == [("consumer_threat", quote, None)]


def test_a_buyer_complaining_is_not_a_threat() -> None:
    assert codes(buyer("我已经在12315上投诉了")) == []


def test_records_of_payment_and_delivery() -> None:
    found = codes(
        Said(BUYER, "¥2,680.00 转账", 0),
        Said(SYSTEM, "已收款", 0),
        Said(SELLER, "顺丰单号SF1234567890123，已发货", 0),
    )
    assert ("payment_record", "¥2,680.00", None) in found
    assert ("delivery_record", "SF1234567890123", None) in found


def test_each_finding_names_its_source() -> None:
    found = find([Said(SELLER, "专柜正品", 3), Said(SELLER, "专柜正品", 5)], self_role=BUYER)
    assert [(f.code, f.source) for f in found] == [
        ("seller_promised_genuine", 3),
        ("seller_promised_genuine", 5),
    ]
    assert found[0].as_dict() == {
        "code": "seller_promised_genuine",
        "quote": "专柜正品",
        "source": 3,
    }
