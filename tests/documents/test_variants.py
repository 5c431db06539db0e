"""Documents that change with the case: a recorded agreement, a dispute without money claims."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.documents.conftest import FACTS, source_of, supply
from tests.evidence.conftest import file_case
from weiquan.cases import service as cases
from weiquan.documents import render
from weiquan.documents.facts import DocType
from weiquan.events import service as events
from weiquan.events.models import EventKind


def test_a_recorded_agreement_is_the_agreement(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer")
    number = file_case(sessions, consumer)
    supply(sessions, number, FACTS)
    draft = render.to_text(
        render.build(source_of(sessions, number), DocType.mediation_agreement, "zh_CN")
    )
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
        text = render.to_text(
            render.build(source_of(sessions, number), DocType.mediation_agreement, lang)
        )
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
        zh = render.to_text(render.build(source, doc_type, "zh_CN"))
        assert "《消费者权益保护法》第50条" in zh, doc_type
        en = render.to_text(render.build(source, doc_type, "en"))
        assert "Consumer Rights Protection Law Art. 50" in en, doc_type
