"""Demo agency records and a merchant's reply, added to the demo stories' merchants."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from weiquan.common.enums import Actor
from weiquan.merchants import flows, service
from weiquan.merchants.models import AgencyRecord
from weiquan.merchants.schemas import AgencyRecordIn

RECORDS: list[dict[str, Any]] = [
    {
        "record_type": "finding",
        "finding_kind": "counterfeit",
        "authority": "上海市浦东新区市场监督管理局",
        "decided_on": "2026-04-20",
        "reference": "沪市监浦处〔2026〕118号",
        "reason": "在直播间以“专柜正品”名义销售假冒注册商标的手提包。",
        "identifiers": [
            {"kind": "wechat", "value": "xiaomei_lux88"},
            {"kind": "wechat", "value": "XiaoMei_VIP2026"},
            {"kind": "phone", "value": "+86 139 1234 5670"},
            {"kind": "live_room", "value": "小美奢品直播间", "platform": "微信视频号"},
            {"kind": "real_name", "value": "林小美"},
        ],
    },
    {
        "record_type": "black_list",
        "authority": "上海市浦东新区市场监督管理局",
        "decided_on": "2026-05-10",
        "valid_until": "2029-05-09",
        "reference": "沪市监浦信〔2026〕7号",
        "reason": "一年内两次因销售假冒商品受到行政处罚。",
        "identifiers": [{"kind": "phone", "value": "13912345670"}],
    },
    {
        "record_type": "finding",
        "finding_kind": "fraud",
        "decided_by": "court",
        "authority": "杭州互联网法院",
        "decided_on": "2026-09-01",
        "reference": "(2026)浙0192民初1234号",
        "identifiers": [
            {"kind": "wechat", "value": "lisa_daigou2026"},
            {"kind": "phone", "value": "136-1234-5678"},
        ],
    },
    {
        "record_type": "red_list",
        "authority": "杭州市消费者权益保护委员会",
        "decided_on": "2026-03-15",
        "valid_until": "2027-03-14",
        "reference": "杭消委〔2026〕3号 放心消费示范店",
        "identifiers": [
            {"kind": "shop_url", "value": "https://shop.example.com/chengpin-sport"},
            {"kind": "shop_name", "value": "诚品运动专营店", "platform": "淘宝"},
            {"kind": "uscc", "value": "91330106MA27XK5Q0G"},
            {"kind": "real_name", "value": "杭州诚品体育用品有限公司"},
        ],
    },
]
REPLY = (
    "本店所售商品均有品牌授权书和进货发票，可在店铺首页查看。发货前拍摄开箱视频，"
    "退回商品与发货不符的，我们会提交平台核实。欢迎顾客随时联系客服。"
)


def load(*, sessions: sessionmaker[Session]) -> int:
    """Add the demo records not yet on file (by reference); returns how many were added."""
    with sessions() as session:
        flows.backfill(session=session, actor=Actor.demo)  # demo cases filed before the registry
    added = 0
    for doc in RECORDS:
        record_in = AgencyRecordIn.model_validate(doc)
        with sessions() as session:
            exists = session.execute(
                select(AgencyRecord.id).where(AgencyRecord.reference == record_in.reference)
            ).first()
            session.rollback()
            if exists:
                continue
            flows.record(session=session, record_in=record_in, actor=Actor.demo)
            added += 1
    with sessions() as session:
        found = [(m.id, m.reply) for m in service.find(session=session, query="诚品运动专营店")]
        session.rollback()
        if found and not found[0][1]:
            flows.reply(session=session, merchant_id=found[0][0], text=REPLY)
    return added
