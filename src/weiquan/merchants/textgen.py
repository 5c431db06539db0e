"""Synthetic Chinese people, merchants and complaint texts for the data generator.

Everything is made up from small word pools and numbers; phone numbers are drawn from an
index, so every generated person has a distinct one.
"""

from __future__ import annotations

import random
from datetime import date

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = list(
    "伟芳娜敏静秀英丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玲华飞鹏辉斌宇浩凯健俊帆琳晨欣悦婷雪倩蕾"
)
CITIES = [
    ("上海市", ["浦东新区", "徐汇区", "静安区"]),
    ("北京市", ["朝阳区", "海淀区", "丰台区"]),
    ("广州市", ["天河区", "越秀区"]),
    ("杭州市", ["西湖区", "余杭区"]),
    ("成都市", ["武侯区", "锦江区"]),
    ("武汉市", ["洪山区", "江汉区"]),
]
ROADS = ["人民路", "解放路", "建设路", "中山路", "文化路", "青年路", "和平路", "新华路"]
PLATFORMS = {
    "live_stream": ["抖音", "快手", "微信视频号", "淘宝直播"],
    "platform_store": ["淘宝", "天猫", "京东", "拼多多"],
    "wechat_private": ["微信"],
    "wechat_moments": ["微信朋友圈"],
    "wechat_group_buy": ["微信群"],
    "second_hand_platform": ["闲鱼", "转转"],
}
PRODUCTS = [
    # (category, goods, brand, price range in yuan)
    ("luxury_fashion", "手提包", "LV", (1800, 4500)),
    ("luxury_fashion", "链条包", "Chanel", (2500, 6000)),
    ("luxury_fashion", "腰带", "Gucci", (600, 2500)),
    ("luxury_fashion", "手表", "Rolex", (3000, 9000)),
    ("clothing", "羽绒服", None, (199, 899)),
    ("clothing", "运动鞋", "Nike", (299, 999)),
    ("clothing", "羊毛大衣", None, (259, 799)),
    ("cosmetics", "面霜", "兰蔻", (199, 699)),
    ("cosmetics", "口红套装", "迪奥", (159, 499)),
    ("food", "进口纯牛奶", None, (59, 139)),
    ("food", "土蜂蜜", None, (39, 199)),
    ("food", "阳澄湖大闸蟹", None, (199, 699)),
    ("health_food", "鱼油软胶囊", None, (99, 399)),
    ("electronics", "蓝牙耳机", "Apple", (299, 1299)),
    ("electronics", "手机", "华为", (1599, 4999)),
    ("jewelry_collectible", "翡翠手镯", None, (680, 5800)),
    ("fresh_perishable", "车厘子", None, (99, 299)),
]
# What buyers complain about, by kind of goods.
PROBLEMS_BY_CATEGORY = {
    "luxury_fashion": ["counterfeit", "passed_off_as_genuine"],
    "jewelry_collectible": ["counterfeit", "false_advertising"],
    "food": ["expired", "non_compliant_food", "false_advertising", "not_as_described"],
    "health_food": ["false_advertising", "expired"],
    "fresh_perishable": ["not_as_described", "quality_defect", "refund_delayed"],
    "cosmetics": ["counterfeit", "quality_defect", "return_refused"],
}
OTHER_PROBLEMS = ["quality_defect", "not_as_described", "false_advertising", "return_refused"]
PROMISES = ["保真", "假一赔十", "专柜正品", "七天无理由退换", "不满意包退", "原单尾货"]
DEFECTS = {
    "counterfeit": ["鉴定为假货", "做工粗糙，和正品差别很大", "专柜验证不是正品", "防伪码查不到"],
    "passed_off_as_genuine": ["是高仿却说是正品", "所谓正品其实是仿货"],
    "false_advertising": ["和直播里说的完全不一样", "宣传的功效根本没有", "图片和实物差距很大"],
    "expired": ["已经过了保质期", "生产日期是一年前的"],
    "non_compliant_food": ["没有中文标签", "有异味，吃了肚子疼", "检测出不合格"],
    "quality_defect": ["用了没几天就坏了", "做工很差，有明显瑕疵", "和样品的质量差得很远"],
    "not_as_described": ["材质和描述不符", "尺码和颜色都发错了", "数量少了一半"],
    "not_delivered": ["付款后一直没发货", "物流信息一直不更新"],
    "return_refused": ["申请退货被拒绝", "七天内申请退货，客服不同意"],
    "refund_delayed": ["答应退款却迟迟不退", "退货寄回去半个月了还没退款"],
    "insult_or_threat": ["客服在聊天里骂人", "对方威胁要上门"],
}
REACTIONS = [
    "一直不回复消息",
    "说是正常现象，不给退",
    "直接把我拉黑了",
    "只愿意退一半",
    "让我自己去找厂家",
    "说过了售后期",
    "答应处理但之后再也没有下文",
    "态度很好，说会尽快处理",
]
DEMANDS = ["退货退款", "退一赔三", "按承诺假一赔十", "换一件正品", "赔偿损失", "全额退款"]
OPENERS = {
    "live_stream": [
        "{d}在{p}“{room}”看直播下单了{goods}，主播说{promise}。",
        "我{d}在{p}直播间买了{goods}，主播一再保证{promise}。",
        "{d}晚上刷{p}时进了一个直播间，主播在卖{goods}，说是{promise}，我就拍了一单。",
    ],
    "platform_store": [
        "{d}在{p}店铺“{shop}”购买了{goods}，页面写着{promise}。",
        "我于{d}在{p}上的“{shop}”下单{goods}。",
        "{d}看到{p}上“{shop}”在做活动，{goods}比别家便宜，就买了。",
    ],
    "wechat_private": [
        "{d}通过微信向卖家购买{goods}，对方说{promise}。",
        "朋友介绍加了卖家微信，{d}买了{goods}。",
    ],
    "wechat_moments": [
        "在朋友圈看到卖家发的{goods}，说是{promise}，{d}下单。",
        "{d}在朋友圈代购那里买了{goods}。",
    ],
    "wechat_group_buy": [
        "{d}在小区团购群跟团买了{goods}。",
        "团长在群里推荐{goods}，我{d}跟团下单。",
    ],
    "second_hand_platform": ["{d}在{p}上买了一件二手{goods}，卖家说{promise}。"],
}
DETAILS = [
    "快递是{courier}送来的，外包装完好。",
    "当时客服承诺{days}天内处理。",
    "我拍了开箱视频，也保存了聊天截图。",
    "页面上标的是{color}，收到的却是另一种颜色。",
    "同一批买的朋友也遇到了同样的问题。",
    "我在评论区看到不少类似的差评。",
    "商品详情页现在已经被修改了。",
    "付款{days}天后才发货，比承诺的晚。",
    "拿到附近的专柜问过，店员说不是他们的货。",
    "包装上没有厂名厂址，也没有合格证。",
    "家里老人用了以后皮肤过敏。",
    "卖家发来的所谓授权书明显是PS的。",
    "平台客服让我等商家回复，之后就没消息了。",
    "我已经按要求把商品寄回，单号留着。",
    "一开始说{days}小时内给答复，结果一直拖着。",
]
COURIERS = ["顺丰", "中通", "圆通", "韵达", "京东物流", "邮政"]
COLORS = ["黑色", "白色", "米色", "酒红色", "藏青色"]
REACTION_LEADS = [
    "联系卖家后对方",
    "找客服沟通，对方",
    "多次联系商家，对方",
    "跟卖家说明情况后，对方",
]
DEMAND_LEADS = ["要求", "希望商家", "请平台督促商家", "我的诉求是"]
PAYMENT_SENTENCES = [
    "对方让我加微信{wx}私下转账{price}元。",
    "卖家说走平台要扣点，让我微信转账{price}元。",
    "按卖家要求通过支付宝转账{price}元，没有订单。",
]
PII_SENTENCES = [
    "我的电话是{phone}，地址{address}。",
    "本人{name}，联系电话{phone}。",
    "收货地址{address}，收件人{name}。",
    "我叫{name}，身份证号{idno}，方便核实。",
]
# What professional claimants file again and again, word for word but for the goods.
TEMPLATES = [
    "本人于{d}在贵店购买{goods}{q}件，收到后发现该商品{defect}，违反《食品安全法》第三十四条规定，"
    "属于不符合食品安全标准的食品。根据《食品安全法》第一百四十八条，要求退还货款{price}元并支付"
    "价款十倍赔偿金，否则将向市场监督管理部门投诉举报，请贵店在三日内答复。",
    "投诉人于{d}购买{goods}共{q}件，经查该商品标签{defect}，属于虚假宣传和欺诈消费者的行为，依据"
    "《消费者权益保护法》第五十五条要求退一赔三，合计{price}元。如不处理，投诉人将依法向12315举报并"
    "保留起诉权利。",
    "你好，我在你们店买的{goods}（{q}件）{defect}。根据相关法律规定，经营者明知商品不合格仍然销售的，"
    "消费者可以要求十倍赔偿。请在24小时内联系我处理，赔偿{price}元，否则我将向平台和市场监管局投诉，"
    "并申请对店铺进行检查。",
]
TEMPLATE_DEFECTS = ["没有中文标签", "生产日期模糊不清", "配料表与实物不符", "未标注生产许可证编号"]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def phone(index: int, prefix: str = "13") -> str:
    """A distinct mobile number per index: prefix, then index digits spread over 9 digits."""
    return f"{prefix}{(index * 7919) % 10**9:09d}"


def address(rng: random.Random) -> str:
    city, districts = rng.choice(CITIES)
    return (
        f"{city}{rng.choice(districts)}{rng.choice(ROADS)}{rng.randint(1, 999)}号"
        f"{rng.randint(1, 30)}栋{rng.randint(101, 2805)}室"
    )


def id_number(rng: random.Random, born: date) -> str:
    """A resident ID number with a valid GB 11643 check digit."""
    area = rng.choice(["110105", "310104", "440106", "330106"])
    body = f"{area}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def narrative(
    rng: random.Random,
    *,
    channel: str,
    platform: str,
    goods: str,
    price: int,
    when: date,
    problems: list[str],
    shop: str,
    room: str,
    wechat: str | None,
    private_transfer: bool,
    blocked: bool,
    person: dict[str, str],
) -> str:
    """An ordinary consumer's complaint, in their own words."""
    d = f"{when.month}月{when.day}日"
    opener = rng.choice(OPENERS.get(channel, OPENERS["wechat_private"])).format(
        d=d, p=platform, room=room, shop=shop, goods=goods, promise=rng.choice(PROMISES)
    )
    middle = []
    if private_transfer:
        middle.append(rng.choice(PAYMENT_SENTENCES).format(wx=wechat or "卖家", price=price))
    for problem in problems:
        if problem in DEFECTS:
            lead = rng.choice(("收到后发现", "拆开一看，", "用了几天发现", "仔细检查后发现"))
            middle.append(f"{lead}{rng.choice(DEFECTS[problem])}。")
    for detail in rng.sample(DETAILS, rng.randint(0, 2)):
        middle.append(
            detail.format(
                courier=rng.choice(COURIERS), days=rng.randint(2, 15), color=rng.choice(COLORS)
            )
        )
    rng.shuffle(middle)
    reaction = (
        "直接把我拉黑了" if blocked else rng.choice([r for r in REACTIONS if "拉黑" not in r])
    )
    parts = [opener, *middle, f"{rng.choice(REACTION_LEADS)}{reaction}。"]
    if rng.random() < 0.5:
        parts.append(rng.choice(PII_SENTENCES).format(**person))
    parts.append(f"{rng.choice(DEMAND_LEADS)}{rng.choice(DEMANDS)}。")
    return "".join(parts)


def templated(
    rng: random.Random, template: int, *, goods: str, q: int, price: int, when: date
) -> str:
    return TEMPLATES[template].format(
        d=f"{when.year}年{when.month}月{when.day}日",
        goods=goods,
        q=q,
        price=price,
        defect=rng.choice(TEMPLATE_DEFECTS),
    )
