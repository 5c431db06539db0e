"""Generated cases carry the same identifier index and queue keys as filed ones, so a merchant
who claims a generated WeChat ID finds its complaints in its inbox."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.cases.models import Case, CaseIdentifier, CaseStatus
from weiquan.merchants.generator import generate


def test_generated_cases_reach_the_merchant_inbox(
    engine: Engine, sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    generate(engine=engine, cases=300, seed=3)
    with sessions() as session:
        cases = session.execute(select(func.count()).select_from(Case)).scalar_one()
        unindexed = session.execute(
            select(func.count())
            .select_from(Case)
            .where(~Case.id.in_(select(CaseIdentifier.case_id)))
        ).scalar_one()
        wechat, open_cases = session.execute(
            select(CaseIdentifier.value, func.count())
            .join(Case, Case.id == CaseIdentifier.case_id)
            .where(
                CaseIdentifier.kind == "wechat_id",
                Case.queue_key.is_not(None),
                Case.status != CaseStatus.draft,  # a draft has not reached the merchant
            )
            .group_by(CaseIdentifier.value)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        mismatched = session.execute(
            select(func.count())
            .select_from(CaseIdentifier)
            .join(Case, Case.id == CaseIdentifier.case_id)
            .where(func.coalesce(Case.queue_key, "") != func.coalesce(CaseIdentifier.queue_key, ""))
        ).scalar_one()
    assert cases >= 300 and unindexed == 0 and mismatched == 0
    merchant = make_user("merchant")
    with sessions() as session, session.begin():
        session.add(
            MerchantClaim(
                account_id=merchant.id, kind="wechat_id", value=wechat, status=ClaimStatus.verified
            )
        )
    inbox = merchant.client.get("/api/merchant/inbox", params={"limit": 200}).json()
    assert len(inbox) == min(open_cases, 200)
