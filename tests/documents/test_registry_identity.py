"""The seller's legal identity in documents comes from the merchant registry when an agency
record or a verified account gave it: a company name and a credit code, never a private
person's name, and what the consumer supplies wins."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session, sessionmaker

from tests.documents.conftest import source_of, supply
from tests.merchants.helpers import file
from weiquan.merchants import flows
from weiquan.merchants.schemas import AgencyRecordIn
from weiquan.merchants.uscc import make_uscc


def record(sessions: sessionmaker[Session], reference: str, *identifiers: dict[str, str]) -> None:
    with sessions() as session:
        flows.record(
            session=session,
            record_in=AgencyRecordIn.model_validate(
                {
                    "authority": "杭州市市场监督管理局",
                    "identifiers": list(identifiers),
                    "record_type": "finding",
                    "finding_kind": "counterfeit",
                    "decided_on": "2026-03-01",
                    "reference": reference,
                }
            ),
            actor="agency",
        )


def test_company_name_and_credit_code_from_an_agency_record(
    sessions: sessionmaker[Session],
) -> None:
    code = make_uscc(random.Random(4))
    record(
        sessions,
        "杭市监处〔2026〕12号",
        {"kind": "wechat", "value": "doc_shop_01"},
        {"kind": "real_name", "value": "杭州优选贸易有限公司"},
        {"kind": "uscc", "value": code},
    )
    number = file(sessions, {"wechat_id": "doc_shop_01", "name": "优选小店", "platform": "微信"})
    facts = source_of(sessions, number).facts
    assert facts["respondent_name"] == "杭州优选贸易有限公司"
    assert facts["respondent_id"] == code
    # What the consumer supplies wins over the registry.
    supply(sessions, number, {"respondent_name": "杭州优选贸易有限公司滨江分公司"})
    assert source_of(sessions, number).facts["respondent_name"] == "杭州优选贸易有限公司滨江分公司"


def test_no_private_name_and_nothing_when_the_registry_is_unsure(
    sessions: sessionmaker[Session],
) -> None:
    record(
        sessions,
        "杭市监处〔2026〕13号",
        {"kind": "wechat", "value": "doc_person_01"},
        {"kind": "real_name", "value": "王小美"},  # a private seller's own name
    )
    number = file(sessions, {"wechat_id": "doc_person_01", "name": "小美", "platform": "微信"})
    facts = source_of(sessions, number).facts
    assert "respondent_name" not in facts and "respondent_id" not in facts
    # Two different credit codes behind one merchant: the registry cannot say which.
    rng = random.Random(9)
    for n, code in enumerate((make_uscc(rng), make_uscc(rng))):
        record(
            sessions,
            f"杭市监处〔2026〕2{n}号",
            {"kind": "wechat", "value": "doc_person_01"},
            {"kind": "uscc", "value": code},
        )
    assert "respondent_id" not in source_of(sessions, number).facts
    # A case that names nobody the registry knows gets nothing from it.
    other = file(sessions, {"wechat_id": "doc_nobody_01", "platform": "微信"})
    assert "respondent_name" not in source_of(sessions, other).facts
