"""Documents that change with the case: a recorded agreement, a dispute without money claims."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.documents.conftest import FACTS, source_of, supply
from tests.evidence.conftest import file_case
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.cases import service as cases
from weiquan.documents import render
from weiquan.documents.facts import DocType
from weiquan.documents.text import to_text
from weiquan.events import service as events
from weiquan.events.models import EventKind


def test_a_recorded_agreement_is_the_agreement(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer")
    number = file_case(sessions, consumer)
    supply(sessions, number, FACTS)
    draft = to_text(render.build(source_of(sessions, number), DocType.mediation_agreement, "zh_CN"))
    assert "调解协议书（草案）" in draft and "15998.00元" in draft
    with sessions() as session, session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        events.create(
            session=session,
            case=case,
            kind=EventKind.agreement_recorded,
            actor="test",
            data={
                "amount_fen": 600050,
                "terms": "商家另赠运费险一份。",
                "perform_by": "2026-12-20",
            },
        )
    for lang, words in (("zh_CN", "6000.50元（人民币陆仟元伍角整）"), ("en", "CNY 6000.50")):
        text = to_text(render.build(source_of(sessions, number), DocType.mediation_agreement, lang))
        assert "草案" not in text and "Draft" not in text
        assert words in text and "人民币陆仟元伍角整" in text and "商家另赠运费险一份。" in text


def test_a_dispute_without_money_claims(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer")
    number = file_case(sessions, consumer, problems=["insult_or_threat"])
    supply(sessions, number, FACTS)
    source = source_of(sessions, number)
    for doc_type in (DocType.demand_letter, DocType.regulator_complaint, DocType.civil_complaint):
        zh = to_text(render.build(source, doc_type, "zh_CN"))
        assert "《消费者权益保护法》第50条" in zh, doc_type
        en = to_text(render.build(source, doc_type, "en"))
        assert "Consumer Rights Protection Law Art. 50" in en, doc_type


def test_others_the_engine_finds_liable_are_joined_once_named(
    sessions: sessionmaker[Session], demo: list[str]
) -> None:
    number = demo[0]  # live stream: the platform pays first, the live room is liable as seller
    supply(sessions, number, FACTS)
    alone = to_text(render.build(source_of(sessions, number), DocType.civil_complaint, "zh_CN"))
    assert "被告二" not in alone and "原告保留追加其为被告的权利" in alone
    supply(
        sessions,
        number,
        {"live_room_operator_name": "杭州某某传媒有限公司", "live_room_operator_address": "杭州市"},
    )
    source = source_of(sessions, number)
    zh = to_text(render.build(source, DocType.civil_complaint, "zh_CN"))
    assert (
        "被告一：上海某某贸易有限公司" in zh and "被告二：杭州某某传媒有限公司，住所地杭州市" in zh
    )
    assert "判令被告一退还货款" in zh and "判令被告二对上述款项承担连带责任" in zh
    assert "本起诉状副本2份" in zh
    en = to_text(render.build(source, DocType.civil_complaint, "en"))
    assert "Defendant 2: 杭州某某传媒有限公司" in en and "jointly and severally liable" in en


def test_complaints_list_a_joint_complaints_group(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer")
    number = file_case(sessions, consumer)
    supply(sessions, number, FACTS)
    url = f"/api/cases/{number}/complainants"
    r = consumer.client.post(url, json={"name": "王芳", "phone": "13900002222", "consented": True})
    assert r.status_code == 201, r.text
    ids = [m["id"] for m in r.json()]
    consumer.client.put(f"{url}/representatives", json={"ids": [ids[1]]})
    source = source_of(sessions, number)
    for doc_type in (DocType.regulator_complaint, DocType.association_complaint):
        zh = to_text(render.build(source, doc_type, "zh_CN"))
        assert "共同投诉人" in zh and "王芳" in zh and "13900002222" in zh and "第11条" in zh
        en = to_text(render.build(source, doc_type, "en"))
        assert "Joint complainants" in en and "Art. 11" in en
    # The merchant's side reads the group masked.
    merchant = make_user("merchant")
    with sessions() as session, session.begin():
        session.add(
            MerchantClaim(
                account_id=merchant.id,
                kind="wechat_id",
                value="mingpin_888",
                status=ClaimStatus.verified,
            )
        )
    sent = consumer.client.post(f"/api/cases/{number}/steps/send_demand", json={})
    assert sent.status_code == 200, sent.text  # the case reaches the merchant with the demand
    r = merchant.client.get(
        f"/api/cases/{number}/documents/regulator_complaint", params={"format": "txt"}
    )
    assert r.status_code == 200, r.text
    assert "王*" in r.text and "13900002222" not in r.text
    alone = file_case(sessions, consumer)
    supply(sessions, alone, FACTS)
    text = to_text(render.build(source_of(sessions, alone), DocType.regulator_complaint, "zh_CN"))
    assert "共同投诉人" not in text
