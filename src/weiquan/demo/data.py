"""The demo cases: the five stories weiquan was started from, told as filed complaints."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from weiquan.cases import flows, service
from weiquan.cases.schemas import CaseCreate
from weiquan.common.enums import Actor

STORIES: list[dict[str, Any]] = [
    {
        "external_ref": "demo:live-stream-fake-bag",
        "consumer": {
            "name": "王丽",
            "phone": "13800138001",
            "address": "上海市浦东新区张杨路 100 号",
        },
        "merchant": {
            "name": "小美奢品",
            "wechat_id": "xiaomei_lux88",
            "platform": "微信视频号",
            "live_room": "小美奢品直播间",
        },
        "order": {
            "goods": "LV Neverfull 手提包",
            "category": "luxury_fashion",
            "brand": "LV",
            "price_paid": "2680.00",
            "quantity": 1,
            "order_date": "2026-03-02",
            "received_date": "2026-03-05",
            "channel": "live_stream",
            "payment_method": "private_transfer",
        },
        "problems": ["counterfeit", "passed_off_as_genuine"],
        "narrative": (
            "3 月 2 日在微信视频号“小美奢品直播间”看直播，主播反复说“专柜正品、假一赔十”。"
            "下单后主播让我加微信私下转账 2680 元。"
            "3 月 5 日收到包，做工粗糙，拿去鉴定机构鉴定为假货。"
            "我联系卖家要求退款，对方先说是“高仿”早就说过，随后把我拉黑，直播间也改了名字。"
        ),
    },
    {
        "external_ref": "demo:marketplace-returned-fake",
        "consumer": {"name": "赵强", "phone": "13900139002"},
        "merchant": {
            "name": "诚品运动专营店",
            "shop": "https://shop.example.com/chengpin-sport",
            "platform": "淘宝",
        },
        "order": {
            "goods": "Nike Air Force 1 运动鞋",
            "category": "clothing",
            "brand": "Nike",
            "price_paid": "899.00",
            "quantity": 1,
            "order_date": "2026-05-10",
            "received_date": "2026-05-12",
            "channel": "platform_store",
            "payment_method": "platform",
        },
        "problems": ["counterfeit", "return_refused"],
        "narrative": (
            "买家称收到的鞋是假货，申请“假一赔三”。店铺查验退回的包裹，发现鞋盒批次号和鞋码标签"
            "与发货时拍摄的开箱视频不一致，认为买家退回的不是店铺发出的商品，拒绝退款。"
            "店铺有品牌授权书和进货发票。双方都申请平台介入。"
        ),
    },
    {
        "external_ref": "demo:moments-replica-luxury",
        "consumer": {"name": "陈静", "phone": "13700137003"},
        "merchant": {
            "name": "Lisa 海外代购",
            "wechat_id": "lisa_daigou2026",
            "phone": "13612345678",
        },
        "order": {
            "goods": "Chanel CF 链条包",
            "category": "luxury_fashion",
            "brand": "Chanel",
            "price_paid": "4200.00",
            "quantity": 1,
            "order_date": "2026-06-18",
            "received_date": "2026-06-25",
            "channel": "wechat_moments",
            "payment_method": "private_transfer",
        },
        "problems": ["counterfeit", "false_advertising"],
        "narrative": (
            "在朋友圈看到 Lisa 发的“海外专柜直邮、支持验货”，专柜价 4 万多的包只卖 4200 元。"
            "微信转账付款，没有订单也没有发票。收到后在品牌专柜验证为仿品。"
            "Lisa 说她只是代购，不负责真假，不肯退款。我只知道她的微信号和手机号。"
        ),
    },
    {
        "external_ref": "demo:shop-insults-customer",
        "consumer": {"name": "刘洋", "phone": "13500135004"},
        "merchant": {"name": "潮流女装馆", "shop": "潮流女装馆", "platform": "拼多多"},
        "order": {
            "goods": "羊毛呢大衣",
            "category": "clothing",
            "price_paid": "358.00",
            "quantity": 1,
            "order_date": "2026-10-08",
            "received_date": "2026-10-11",
            "channel": "platform_store",
            "payment_method": "platform",
        },
        "problems": ["not_as_described", "return_refused", "insult_or_threat"],
        "narrative": (
            "大衣标注 90% 羊毛，吊牌却写 30% 羊毛。我在七天内申请无理由退货，客服拒绝，"
            "还在聊天里骂我“穷就别买”，说知道我家地址，再给差评就“上门聊聊”。聊天记录已截图。"
        ),
    },
    {
        "external_ref": "demo:group-buy-expired-food",
        "consumer": {"name": "孙梅", "phone": "13300133005", "address": "杭州市西湖区文三路 8 号"},
        "merchant": {"name": "社区团长阿芳", "wechat_id": "afang_tuangou", "platform": "微信群"},
        "order": {
            "goods": "进口纯牛奶 1L×12 盒",
            "category": "food",
            "brand": "某进口品牌",
            "price_paid": "96.00",
            "quantity": 2,
            "order_date": "2026-09-01",
            "received_date": "2026-09-02",
            "channel": "wechat_group_buy",
            "payment_method": "private_transfer",
        },
        "problems": ["expired", "non_compliant_food"],
        "narrative": (
            "在小区团购群里跟团长阿芳买了两箱牛奶，收货后发现生产日期是去年，已经过了保质期，"
            "孩子喝了一盒后腹泻。阿芳按团购拿提成，她说是供货商的问题，让我自己去找厂家。"
        ),
    },
]


def load(*, sessions: sessionmaker[Session]) -> tuple[int, int]:
    """File every demo story not yet on file; returns (added, already present)."""
    added = present = 0
    for story in STORIES:
        case_in = CaseCreate.model_validate(story)
        with sessions() as session:
            with session.begin():
                exists = service.get_by_external_ref(
                    session=session, external_ref=story["external_ref"]
                )
            if exists:
                present += 1
                continue
            flows.file_case(session=session, case_in=case_in, actor=Actor.demo, language="zh_CN")
            added += 1
    return added, present
