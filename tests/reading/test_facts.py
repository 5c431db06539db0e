"""Facts read from text: sums, days, identifiers, goods, what to mask, and the questions left."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from weiquan.reading import amounts, dates, lexicon, sensitive
from weiquan.reading.facts import CHAT, RECORD, STORY, Source, build, check
from weiquan.reading.findings import BUYER, SELLER, SYSTEM, Said, find
from weiquan.reading.story import said

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("-2,680.00", "2680.00"), ("¥2680", "2680.00"), ("2680元", "2680.00"),
     ("两千六百八十元", "2680.00"), ("2.6k", "2600.00"), ("2千6块", "2600.00"),
     ("1w2", "12000.00"), ("5万8块", "58000.00"), ("三百五块", "350.00")],
)  # fmt: skip
def test_sums_as_people_write_them(text: str, yuan: str) -> None:
    found = amounts.find(text)
    assert [a.yuan for a in found if a.unit] == [yuan]


@pytest.mark.parametrize(
    ("text", "value"),
    [("两千六", 2600), ("两千六百八", 2680), ("一万二", 12000), ("三百五", 350),
     ("两千零八十", 2080), ("十五", 15), ("八百八十八", 888)],
)  # fmt: skip
def test_colloquial_chinese_numerals(text: str, value: int) -> None:
    assert amounts.cn_int(text) == value


@pytest.mark.parametrize(
    ("text", "day"),
    [("上周五", date(2026, 11, 20)), ("前天", date(2026, 11, 21)), ("昨天", date(2026, 11, 22)),
     ("3号", date(2026, 11, 3)), ("25号", date(2026, 10, 25)), ("上个月15号", date(2026, 10, 15)),
     ("11月20日", date(2026, 11, 20)), ("十二月一号", date(2025, 12, 1)),
     ("三天前", date(2026, 11, 20)), ("双十一", date(2026, 11, 11)),
     ("上上周三", date(2026, 11, 11)), ("2026年11月20日", date(2026, 11, 20))],
)  # fmt: skip
def test_days_against_the_filing_day(text: str, day: date) -> None:
    assert [f.day for f in dates.find(f"我{text}买的", MONDAY)] == [day]


def test_a_day_not_yet_come_is_last_months_or_last_years() -> None:
    assert dates.find("他说3号楼", MONDAY) == []  # a building, not a day
    assert dates.find("28号", date(2026, 11, 23))[0].day == date(2026, 10, 28)


def test_wechat_time_stamps() -> None:
    stamp = dates.parse_time("昨天 晚上9:14", MONDAY)
    assert stamp is not None and stamp.isoformat() == "2026-11-22T21:14:00+08:00"


def story_facts(text: str, *, as_role: str = BUYER, as_of: date = MONDAY) -> dict[str, object]:
    items = said(text, narrator=as_role, source=0)
    facts, _ = build([Source(0, STORY, text, items)], find(items), as_of=as_of, self_role=as_role)
    return facts


def test_a_claim_is_not_the_price() -> None:
    facts = story_facts("花了两千六买的包，现在要求十倍赔偿26000")
    assert facts["purchase"] == {"amount_paid": "2600.00"}  # type: ignore[comparison-overlap]


def test_a_model_number_is_not_the_price() -> None:
    facts = story_facts("在闲鱼买了个iPhone 13，转了他2300")
    assert facts["purchase"]["amount_paid"] == "2300.00"  # type: ignore[index]


def test_goods_brand_and_category() -> None:
    facts = story_facts("在朋友圈买了一支香奈儿口红，两百八块，收到是假的")
    assert facts["goods"]["brand"] == "Chanel"  # type: ignore[index]
    assert facts["goods"]["category"] == "cosmetics"  # type: ignore[index]
    assert facts["purchase"]["channel"] == "wechat_moments"  # type: ignore[index]
    assert facts["problems"] == ["counterfeit"]


@pytest.mark.parametrize(
    ("text", "category"),
    [("LV包", "luxury_fashion"), ("飞天茅台", "food"), ("大闸蟹", "fresh_perishable"),
     ("胶原蛋白", "health_food"), ("苹果15手机", "electronics"), ("耐克鞋", "clothing"),
     ("金手镯", "jewelry_collectible"), ("血压计", "medical_device")],
)  # fmt: skip
def test_the_lexicon_maps_goods_to_the_facts_categories(text: str, category: str) -> None:
    assert lexicon.category(text, lexicon.brand(text)) == category


def test_a_fruit_is_not_a_phone() -> None:
    assert lexicon.brand("团购的苹果很甜") is None


def test_seller_identifiers_normalised_as_the_registry_does() -> None:
    chat = [
        Said(BUYER, "我的电话13900001111", 0),
        Said(SELLER, "加我微信号：Coco_MingPin2026", 0),
        Said(SELLER, "电话 138-1234-5678", 0),
    ]
    record = "转账-转给Coco名品代购\n收款方 *明\n-2,680.00"
    sources = [
        Source(
            0, CHAT, "", chat, [(datetime(2026, 11, 20, 21, 14), "¥2680.00 转账")], "Coco名品代购"
        ),
        Source(1, RECORD, record, [Said(SYSTEM, line, 1) for line in record.split("\n")]),
    ]
    facts, _ = build(sources, find(chat), as_of=MONDAY, self_role=BUYER)
    assert facts["seller"]["identifiers"] == {
        "wechat_id": "coco_mingpin2026",
        "phone": "13812345678",  # the buyer's own 139… is not the seller's
        "name": "Coco名品代购",
        "real_name": "*明",
    }
    assert facts["purchase"]["amount_paid"] == "2680.00"  # the record's
    assert facts["purchase"]["payment"] == "private_transfer"
    assert facts["purchase"]["channel"] == "wechat_private"


def test_on_a_merchants_reading_the_buyers_details_are_not_the_sellers() -> None:
    chat = [Said(BUYER, "我微信号：buyer_li88，电话13900001111", 0)]
    facts, _ = build([Source(0, CHAT, "", chat)], [], as_of=MONDAY, self_role=SELLER)
    assert "seller" not in facts


def test_questions_ask_what_the_engine_needs_in_both_languages() -> None:
    facts, questions = build([], [], as_of=MONDAY, self_role=BUYER)
    assert facts == {}
    asked = [q["fact"] for q in questions]
    assert asked == [
        "purchase.date",
        "purchase.amount_paid",
        "purchase.channel",
        "goods.category",
        "problems",
        "purchase.received_date",
    ]
    assert questions[1]["question"] == {
        "zh": "您一共实际付了多少钱？",
        "en": "How much did you actually pay in total?",
    }


def test_the_law_engines_model_accepts_what_was_read() -> None:
    check(
        {
            "purchase": {"amount_paid": "2680.00", "channel": "wechat_moments"},
            "problems": ["counterfeit"],
        }
    )
    with pytest.raises(ValueError, match=r"purchase\.channel"):
        check({"purchase": {"channel": "wechat"}})
    with pytest.raises(ValueError, match=r"goods\.colour"):
        check({"goods": {"colour": "red"}})


# -- what to mask ----------------------------------------------------------------------------


def test_sensitive_items_with_their_checks_and_masks() -> None:
    text = "收货人：王小明 电话138 1234 5678 身份证110101199003074514 卡号6222 0200 0000 0000 000"
    found = {i.kind: i for i in sensitive.items(text)}
    assert found["name"].masked == "王*"
    assert found["phone"].masked == "138****5678"
    assert found["id_number"].masked == "110101********4514"
    assert found["bank_card"].value == "6222020000000000000"
    assert found["bank_card"].masked == "6222***********0000"
    # An 18-digit number failing the ID check digit, a 16-digit one failing Luhn: neither.
    assert sensitive.items("订单号110101199003074515 1234567812345678") == []


def test_the_sellers_wechat_id_is_evidence_a_third_partys_is_masked() -> None:
    text = "微信号：coco_mingpin2026 朋友的微信：lily_88888"
    kinds = [(i.kind, i.value) for i in sensitive.items(text, keep_wechat=["coco_mingpin2026"])]
    assert kinds == [("wechat_id", "lily_88888")]


def test_an_address_is_masked_below_the_district() -> None:
    (item,) = sensitive.items("收货地址：上海市浦东新区张江路88弄3号502室")
    assert item.kind == "address" and item.masked == "上海市浦东新区****"


def test_a_sub_box_is_cut_from_the_lines_box_by_character_widths() -> None:
    # 10 Chinese characters (width 2 each) then 11 digits (width 1): 31 units over 310 pixels.
    text = "卖家电话号码是这个：13812345678"
    start = text.index("1")
    assert sensitive.sub_box(text, (100, 50, 310, 40), start, start + 11) == (300, 50, 110, 40)


def test_on_a_merchants_reading_the_seller_is_the_uploader() -> None:
    chat = [
        Said(SELLER, "我的微信：Shop_A88，有事打我电话13712345678", 0),
        Said(BUYER, "我的电话13900001111", 0),
    ]
    facts, _ = build([Source(0, CHAT, "", chat)], [], as_of=MONDAY, self_role=SELLER)
    assert facts["seller"]["identifiers"] == {"wechat_id": "shop_a88", "phone": "13712345678"}
