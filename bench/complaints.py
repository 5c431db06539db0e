"""Varied complaints for the filing benchmark: goods, amounts, dates, merchants, problems.

Drawn at random from a seed, so that a run files the same mix each time, and varied in every
fact the law engine reads from a complaint (category, channel, payment, problems, the order's
and the delivery's dates), so that its assessments come from the rules, not from its cache of
results by shape of facts. Every complaint is one the API accepts (checked against CaseCreate
before a run).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# (category, goods with a price range in yuan, brands, the problems such a purchase has)
GOODS: list[tuple[str, list[tuple[str, int, int]], list[str | None], list[str]]] = [
    (
        "luxury_fashion",
        [
            ("双肩包", 1500, 12000),
            ("手提包", 2000, 30000),
            ("围巾", 800, 5000),
            ("皮带", 600, 4000),
        ],
        ["Gucci", "LV", "Prada", "Coach", "Burberry"],
        ["counterfeit", "passed_off_as_genuine", "false_advertising", "not_as_described"],
    ),
    (
        "cosmetics",
        [("精华液", 150, 1500), ("面霜", 100, 3000), ("口红套装", 200, 900), ("防晒霜", 60, 400)],
        ["雅诗兰黛", "兰蔻", "SK-II", None],
        [
            "counterfeit",
            "expired",
            "false_advertising",
            "missing_mandatory_label",
            "quality_defect",
        ],
    ),
    (
        "food",
        [("进口奶粉", 200, 600), ("坚果礼盒", 80, 400), ("牛肉干", 40, 300), ("蜂蜜", 60, 500)],
        ["飞鹤", "三只松鼠", None],
        [
            "expired",
            "non_compliant_food",
            "label_flaw_minor",
            "missing_mandatory_label",
            "short_quantity",
        ],
    ),
    (
        "health_food",
        [("鱼油胶囊", 150, 900), ("蛋白粉", 200, 800), ("维生素片", 80, 500)],
        ["汤臣倍健", "Swisse", None],
        ["false_advertising", "expired", "non_compliant_food", "concealed_material_fact"],
    ),
    (
        "electronics",
        [
            ("蓝牙耳机", 150, 2000),
            ("手机", 1500, 9000),
            ("平板电脑", 1800, 7000),
            ("充电宝", 60, 300),
        ],
        ["华为", "小米", "Apple", None],
        [
            "quality_defect",
            "not_as_described",
            "counterfeit",
            "return_refused",
            "refund_delayed",
            "not_delivered",
        ],
    ),
    (
        "durable_appliance",
        [("空气炸锅", 200, 900), ("洗衣机", 1500, 6000), ("扫地机器人", 900, 4000)],
        ["美的", "海尔", "科沃斯"],
        ["quality_defect", "not_as_described", "return_refused", "unfair_terms"],
    ),
    (
        "clothing",
        [("羽绒服", 300, 2500), ("运动鞋", 200, 1500), ("连衣裙", 100, 900)],
        ["Nike", "波司登", None],
        ["counterfeit", "quality_defect", "not_as_described", "return_refused", "refund_delayed"],
    ),
    (
        "jewelry_collectible",
        [("金手镯", 3000, 20000), ("翡翠吊坠", 1000, 50000), ("和田玉手串", 500, 8000)],
        ["周大福", None],
        ["counterfeit", "false_advertising", "concealed_material_fact", "not_as_described"],
    ),
    (
        "fresh_perishable",
        [("车厘子", 100, 500), ("大闸蟹", 200, 1200), ("榴莲", 100, 400)],
        [None],
        ["short_quantity", "quality_defect", "not_as_described", "refund_delayed"],
    ),
    (
        "digital_content",
        [("网课会员", 99, 2999), ("游戏点卡", 30, 648)],
        [None],
        ["not_delivered", "false_advertising", "unfair_terms", "refund_delayed"],
    ),
    (
        "service",
        [("健身年卡", 1000, 6000), ("美容护理套餐", 500, 5000)],
        [None],
        ["false_advertising", "unfair_terms", "refund_delayed", "insult_or_threat"],
    ),
    (
        "drug",
        [("感冒药", 20, 120), ("护肝片", 80, 600)],
        [None],
        ["counterfeit", "expired", "false_advertising"],
    ),
    (
        "other",
        [("宠物粮", 80, 600), ("茶叶礼盒", 200, 3000)],
        [None],
        ["quality_defect", "short_quantity", "privacy_violation", "not_delivered"],
    ),
]
CHANNELS = [
    "platform_store", "platform_self_operated", "live_stream", "wechat_private",
    "wechat_moments", "wechat_group_buy", "second_hand_platform", "own_website",
]  # fmt: skip
PLATFORMS = {"platform_store": ["淘宝", "京东", "拼多多"], "platform_self_operated": ["京东"],
             "live_stream": ["抖音", "快手", "淘宝直播"], "second_hand_platform": ["闲鱼"],
             "own_website": [None]}  # fmt: skip
PAYMENTS = {"platform_store": ["platform"], "platform_self_operated": ["platform"],
            "live_stream": ["platform", "private_transfer"],
            "wechat_private": ["private_transfer", "other"],
            "wechat_moments": ["private_transfer"],
            "wechat_group_buy": ["private_transfer", "cash"],
            "second_hand_platform": ["platform", "private_transfer"],
            "own_website": ["platform", "other"]}  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超"]
SHOP_WORDS = ["名品", "优选", "好物", "海淘", "正品", "小铺", "严选", "旗舰", "折扣", "精品"]
NARRATIVES = {
    "counterfeit": "收到的{goods}经专柜鉴定为假货，商家坚称是正品并拒绝退款。",
    "passed_off_as_genuine": "卖家宣传是{brand}正品，实物做工粗糙、没有防伪标识。",
    "false_advertising": "页面宣传的功效和实物完全不符，{goods}根本没有广告说的效果。",
    "expired": "{goods}收到时已经过了保质期，外包装的日期有涂改痕迹。",
    "non_compliant_food": "{goods}没有中文标签，也查不到生产许可证编号。",
    "label_flaw_minor": "{goods}的标签上配料表印刷有误，其他信息齐全。",
    "quality_defect": "{goods}用了不到一周就坏了，商家说是人为损坏不给保修。",
    "not_as_described": "收到的{goods}和页面描述的规格、颜色都不一样。",
    "short_quantity": "{goods}称重明显缺斤短两，和下单的重量差很多。",
    "not_delivered": "付款后一直没有发货，联系客服也不回复，{goods}至今没收到。",
    "return_refused": "{goods}未拆封申请七天无理由退货，商家拒绝退货。",
    "refund_delayed": "商家同意退款后一直拖着不退，{goods}已经寄回半个月了。",
    "insult_or_threat": "我要求退款后，商家在电话里辱骂我，还威胁要公开我的信息。",
    "privacy_violation": "下单后不断收到骚扰电话，商家泄露了我的手机号和地址。",
    "unfair_terms": "合同写着“一经售出概不退换”，{goods}有问题也不给退。",
    "concealed_material_fact": "商家隐瞒了{goods}是翻新货的事实，购买时没有告知。",
    "missing_mandatory_label": "{goods}没有生产日期和厂名厂址，无法确认来源。",
}


def complaint(rng: random.Random, today: date) -> dict[str, Any]:
    """One complaint as a consumer files it through the API, drawn with rng."""
    category, items, brands, problems = rng.choice(GOODS)
    name, low, high = rng.choice(items)
    brand = rng.choice(brands)
    channel = rng.choice(CHANNELS)
    chosen = rng.sample(problems, rng.choice([1, 1, 1, 2, 2, 3]))
    ordered = today - timedelta(days=rng.randrange(1, 720))
    # Amounts in yuan with fen, as people pay them: 3999.50, 128, 86.90.
    fen = rng.randrange(low * 100, high * 100)
    fen -= fen % rng.choice([1, 10, 100])
    order: dict[str, Any] = {
        "goods": f"{brand} {name}" if brand else name,
        "category": category,
        "price_paid": f"{fen // 100}.{fen % 100:02d}",
        "quantity": rng.choice([1, 1, 1, 1, 2, 3]),
        "order_date": ordered.isoformat(),
        "channel": channel,
    }
    if brand:
        order["brand"] = brand
    if rng.random() < 0.8 and "not_delivered" not in chosen:
        received = min(today, ordered + timedelta(days=rng.randrange(1, 15)))
        order["received_date"] = received.isoformat()
    if rng.random() < 0.85:
        order["payment_method"] = rng.choice(PAYMENTS.get(channel, ["platform"]))
    seller = rng.randrange(50_000)  # 50,000 merchants, named by one to three identifiers
    shop = f"{rng.choice(SHOP_WORDS)}{rng.choice(SHOP_WORDS)}{seller}"
    merchant: dict[str, Any] = {"name": shop}
    if channel.startswith("wechat") or rng.random() < 0.5:
        merchant["wechat_id"] = f"seller_{seller}"
    if rng.random() < 0.3:
        merchant["phone"] = f"1{rng.choice('3456789')}{seller:09d}"
    platform = rng.choice(PLATFORMS.get(channel, [None]))
    if platform:
        merchant["platform"] = platform
        merchant["shop"] = f"{platform}·{shop}"
    if channel == "live_stream":
        merchant["live_room"] = f"{shop}直播间"
    person = rng.randrange(10**8)
    consumer = {
        "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2]))),
        "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
    }
    if rng.random() < 0.5:
        consumer["email"] = f"user{person}@example.com"
    story = "".join(
        NARRATIVES[p].format(goods=order["goods"], brand=brand or "品牌") for p in chosen
    )
    return {"consumer": consumer, "merchant": merchant, "order": order, "problems": chosen,
            "narrative": story}  # fmt: skip


def complaints(count: int, *, seed: int, today: date) -> list[dict[str, Any]]:
    """count complaints drawn from seed, dated up to today."""
    rng = random.Random(seed)
    return [complaint(rng, today) for _ in range(count)]


def write_lines(documents: list[dict[str, Any]], path: Path) -> Path:
    """One compact JSON document a line (for wrk's script to read)."""
    lines = (json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in documents)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
