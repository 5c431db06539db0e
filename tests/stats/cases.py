"""A quarter's complaints with an agency, filed through the one write path, then dated and
moved along (the tests are about what the statistics read, not the ladder)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate
from weiquan.filing import flows

BUSINESS = {"name": "广州名品贸易有限公司", "phone": "02088886666", "platform": "抖音"}
PERSON = {"name": "王小明", "wechat_id": "wxm_secondhand9", "platform": "闲鱼"}
SHOP = {"name": "海淘优选店", "phone": "13922223333", "platform": "淘宝"}


@dataclass(frozen=True)
class Spec:
    filed: datetime
    merchant: dict[str, Any]
    channel: str = "live_stream"
    category: str = "luxury_fashion"
    problems: tuple[str, ...] = ("counterfeit",)
    status: str = "complaint_filed"
    consent: bool = False
    narrative: str = "主播说是专柜正品，收到后经鉴定是假货，卖家拒绝退款。"
    recovered_fen: int | None = None


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def file_all(
    sessions: sessionmaker[Session], agency_id: int | None, specs: list[Spec]
) -> list[str]:
    numbers = []
    for i, s in enumerate(specs):
        doc = case_document(
            order={"channel": s.channel, "category": s.category},
            problems=list(s.problems),
            narrative=s.narrative,
            consumer={"name": "李娜", "phone": f"138{i:08d}", "email": f"c{i}@example.com"},
        )
        doc["merchant"] = dict(s.merchant)
        with sessions() as session:
            case = flows.file_case(
                session=session,
                case_in=CaseCreate.model_validate(doc),
                actor="test",
                language="zh_CN",
            )
            numbers.append(case.number)
        with sessions() as session, session.begin():
            case = session.execute(select(Case).where(Case.number == numbers[-1])).scalar_one()
            case.agency_id = agency_id
            case.created_at = s.filed
            case.status = s.status
            case.publish_consent = s.consent
            case.amount_recovered_fen = s.recovered_fen
    return numbers
