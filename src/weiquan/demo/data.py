"""The demo cases: the five stories weiquan was started from, told as filed complaints."""

from __future__ import annotations

from typing import Any, Required, TypedDict

from sqlalchemy.orm import Session, sessionmaker

from weiquan.accounts import service as accounts
from weiquan.accounts.models import Account, Agency, ClaimStatus, Role
from weiquan.cases import service
from weiquan.cases.ladder import Action
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate
from weiquan.common.enums import Actor
from weiquan.db import utcnow
from weiquan.filing import flows
from weiquan.workbench import effects as workbench

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


DEMO_PASSWORD = "weiquan-demo"  # documented in the README; demo data only


class AgencySpec(TypedDict, total=False):
    name: Required[str]
    kind: Required[str]
    regions: list[str]
    platforms: list[str]


AGENCIES: list[AgencySpec] = [
    {"name": "上海市浦东新区市场监督管理局", "kind": "market_regulator", "regions": ["310115"]},
    {
        "name": "杭州市西湖区消费者权益保护委员会",
        "kind": "consumer_association",
        "regions": ["330106"],
    },
    {"name": "抖音电商消费者服务团队", "kind": "platform", "platforms": ["抖音", "微信视频号"]},
    {"name": "拼多多平台纠纷处理中心", "kind": "platform", "platforms": ["拼多多", "淘宝"]},
]

# email, name, role, agency
ACCOUNTS = [
    ("consumer@demo.weiquan", "王丽", Role.consumer, None),
    ("liuyang@demo.weiquan", "刘洋", Role.consumer, None),
    ("merchant@demo.weiquan", "小美奢品", Role.merchant, None),
    ("shop@demo.weiquan", "潮流女装馆", Role.merchant, None),
    ("regulator@demo.weiquan", "张科长", Role.agency_staff, "上海市浦东新区市场监督管理局"),
    ("association@demo.weiquan", "李主任", Role.agency_staff, "杭州市西湖区消费者权益保护委员会"),
    ("platform@demo.weiquan", "平台客服小陈", Role.platform_staff, "拼多多平台纠纷处理中心"),
    ("mediator@demo.weiquan", "赵调解员", Role.mediator, None),
    ("admin@demo.weiquan", "管理员", Role.admin, None),
]

# Which demo account filed which story, where the merchant operates, and how far up the
# ladder the story has come (steps taken as which account).
JOURNEYS: dict[str, dict[str, Any]] = {
    "demo:live-stream-fake-bag": {
        "consumer": "consumer@demo.weiquan",
        "region": "310115",
        "claims": [("merchant@demo.weiquan", "wechat_id", "xiaomei_lux88", None)],
        "steps": [("consumer@demo.weiquan", "send_demand", {"amount": "10720.00"})],
    },
    "demo:shop-insults-customer": {
        "consumer": "liuyang@demo.weiquan",
        "claims": [("shop@demo.weiquan", "shop", "潮流女装馆", "拼多多")],
        "steps": [
            ("liuyang@demo.weiquan", "send_demand", {"amount": "358.00"}),
            (
                "shop@demo.weiquan",
                "merchant_answer",
                {"answer": "refuse", "note": "吊牌已剪，不退。"},
            ),
            ("liuyang@demo.weiquan", "consumer_reject", {}),
            (
                "liuyang@demo.weiquan",
                "request_platform",
                {"note": "客服辱骂并拒绝七天无理由退货。"},
            ),
        ],
    },
    "demo:group-buy-expired-food": {
        "consumer": "consumer@demo.weiquan",
        "region": "330106",
        "steps": [
            (
                "consumer@demo.weiquan",
                "record_seller",
                {
                    "legal_name": "杭州鲜果团购商贸有限公司",
                    "address": "杭州市西湖区文三路90号",
                    "source": "platform_answer",
                },
            ),
            (
                "consumer@demo.weiquan",
                "file_complaint",
                {"agency": "杭州市西湖区消费者权益保护委员会"},
            ),
        ],
    },
}


def _agencies_and_accounts(session: Session) -> None:
    for spec in AGENCIES:
        if accounts.get_agency(session=session, name=spec["name"]) is None:
            session.add(
                Agency(
                    name=spec["name"],
                    kind=spec["kind"],
                    regions=spec.get("regions", []),
                    platforms=spec.get("platforms", []),
                )
            )
    session.flush()
    for email, name, role, agency_name in ACCOUNTS:
        if accounts.get_by_email(session=session, email=email) is None:
            agency = accounts.get_agency(session=session, name=agency_name) if agency_name else None
            account = accounts.create(
                session=session,
                email=email,
                display_name=name,
                password=DEMO_PASSWORD,
                role=role,
                agency=agency,
            )
            # Demo addresses receive no mail: count them as verified, as a real one would be.
            account.email_verified_at = utcnow()


def load(*, sessions: sessionmaker[Session]) -> tuple[int, int]:
    """Demo agencies, accounts (one per role) and cases, each case as far as its story goes.

    Returns (cases added, cases already present); nothing is loaded twice.
    """
    with sessions() as session, session.begin():
        _agencies_and_accounts(session)
    added = present = 0
    for story in STORIES:
        case_in = CaseCreate.model_validate(story)
        journey = JOURNEYS.get(story["external_ref"], {})
        with sessions() as session:
            with session.begin():
                consumer = _consumer(session, story)
                exists = filed(session=session, story=story)
                if consumer is not None:
                    session.expunge(consumer)
            if exists:
                present += 1
                continue
            case = flows.file_case(
                session=session,
                case_in=case_in,
                actor=Actor.demo,
                language="zh_CN",
                account=consumer,
            )
            _play(sessions, case.number, journey)
            added += 1
    return added, present


def filed(*, session: Session, story: dict[str, Any]) -> Case | None:
    """The story's case if loaded: filed by its consumer under the story's reference."""
    consumer = _consumer(session, story)
    return service.get_by_external_ref(
        session=session,
        filer_account_id=consumer.id if consumer else None,
        external_ref=story["external_ref"],
    )


def _consumer(session: Session, story: dict[str, Any]) -> Account | None:
    """The demo account a story's case is filed by (and for)."""
    journey = JOURNEYS.get(story["external_ref"], {})
    return accounts.get_by_email(
        session=session, email=journey.get("consumer", "consumer@demo.weiquan")
    )


def _play(sessions: sessionmaker[Session], number: str, journey: dict[str, Any]) -> None:
    with sessions() as session, session.begin():
        case = service.get(session=session, number=number)
        assert case is not None
        case.merchant_region = journey.get("region")
        for email, kind, value, platform in journey.get("claims", []):
            merchant = accounts.get_by_email(session=session, email=email)
            assert merchant is not None
            claim = accounts.add_claim(
                session=session, account=merchant, kind=kind, value=value, platform=platform
            )
            claim.status = ClaimStatus.verified
            claim.verified_by = "demo"
            claim.verified_at = utcnow()
    for email, action, data in journey.get("steps", []):
        with sessions() as session:
            actor = accounts.get_by_email(session=session, email=email)
            assert actor is not None
            if "agency" in data:
                agency = accounts.get_agency(session=session, name=data["agency"])
                assert agency is not None
                data = {**{k: v for k, v in data.items() if k != "agency"}, "agency_id": agency.id}
            session.expunge(actor)
            session.rollback()
            workbench.take_step(
                session=session, number=number, action=Action(action), actor=actor, data=data
            )
