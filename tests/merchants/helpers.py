"""Filing cases against merchants, and reading the registry back, for the merchant tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.factories import case_document
from weiquan.cases.models import Case, CaseStatus
from weiquan.cases.schemas import CaseCreate
from weiquan.filing import flows
from weiquan.merchants import identifiers as ids
from weiquan.merchants import service
from weiquan.merchants.models import Merchant, MerchantCase


def file(
    sessions: sessionmaker[Session],
    merchant: dict[str, Any],
    consumer: dict[str, Any] | None = None,
    **changes: Any,
) -> str:
    """File a case naming exactly this merchant; returns the case number."""
    doc = case_document(**changes)
    doc["merchant"] = merchant
    if consumer:
        doc["consumer"] = consumer
    with sessions() as session:
        case = flows.file_case(
            session=session,
            case_in=CaseCreate.model_validate(doc),
            actor="test",
            language="zh_CN",
        )
        return case.number


def send(sessions: sessionmaker[Session], number: str) -> None:
    """The case leaves draft (its demand went out), so the merchant may see it; the status
    alone, as these tests are about the registry, not the ladder."""
    with sessions() as session, session.begin():
        case = session.execute(select(Case).where(Case.number == number)).scalar_one()
        case.status = CaseStatus.demand_sent


def merchant_of(sessions: sessionmaker[Session], spec: str) -> int:
    """The merchant id of one strong identifier, 'kind:value'."""
    with sessions() as session:
        found = service.get_by_identifier(session=session, identifier=ids.parse(spec))
        assert found is not None, spec
        return found.id


def case_merchant(sessions: sessionmaker[Session], number: str) -> int:
    with sessions() as session:
        return session.execute(
            select(MerchantCase.merchant_id)
            .join(Case, Case.id == MerchantCase.case_id)
            .where(Case.number == number)
        ).scalar_one()


def live_merchants(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(
            session.execute(
                select(func.count()).select_from(Merchant).where(Merchant.merged_into_id.is_(None))
            ).scalar_one()
        )
