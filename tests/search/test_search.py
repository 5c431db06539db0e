"""Search on both databases: narratives indexed when filed, found by every word of a query
however jieba cut the text, and a query that cannot break or widen the search."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from weiquan.cases.models import Case
from weiquan.cases.schemas import CaseCreate
from weiquan.filing import flows
from weiquan.search import service as search
from weiquan.search.words import query_terms, words

NARRATIVE = "case_narrative"
TEXTS = {
    1: "我在直播间买的苹果手机是假货，商家拒绝退款。",
    2: "苹果的手机屏幕碎了，客服不理人。",
    3: "iPhone15 Pro 订单金额2680元，到手发现是翻新机。",
    4: "华为手机壳质量差，要求退货退款 AT&T c++",
    5: "买了一箱苹果，烂了一半，要求赔偿。",
    6: "Apple watch 表带断裂 26800元的表",
}


def found(session: Session, query: str, scope: int | None = None) -> list[int]:
    return sorted(session.execute(search.matching(NARRATIVE, query, scope=scope)).scalars())


@pytest.fixture
def indexed(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with sessions() as session, session.begin():
        for ref_id, body in TEXTS.items():
            search.index(session, kind=NARRATIVE, ref_id=ref_id, text=body, scope=ref_id % 2)
        # Another kind's documents never answer for narratives.
        search.index(session, kind="evidence_text", ref_id=1, text="手机 假货 退款", scope=9)
    return sessions


def test_words_are_cut_normalised_and_without_punctuation() -> None:
    assert words("我的ｉＰｈｏｎｅ１５是假货！！") == "我 的 iphone15 是 假货"
    assert words("，。！？  ...") == ""
    # The search mode also gives the shorter words inside a long one.
    assert set(words("中华人民共和国消费者权益保护法").split()) >= {"中华", "人民", "共和国"}


def test_a_query_needs_the_short_words_a_compound_is_made_of() -> None:
    assert query_terms("苹果手机") == ["苹果", "手机"]
    assert query_terms("手机 手机 假货") == ["手机", "假货"]
    assert query_terms("\" OR * NEAR( : & ! '") == ["or", "near"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("手机", [1, 2, 4]),  # inside 苹果手机, 苹果的手机 and 手机壳
        ("苹果手机", [1, 2]),  # the compound finds 苹果的手机 too, not the fruit alone
        ("苹果", [1, 2, 5]),
        ("假货", [1]),
        ("退款", [1, 4]),
        ("假货 退款", [1]),  # every word
        ("假货退款", [1]),  # written together, cut apart
        ("iPhone15", [3]),
        ("IPHONE15 pro", [3]),  # case does not matter
        ("ｉｐｈｏｎｅ１５", [3]),  # nor full-width letters
        ("2680", [3]),  # a number is a whole word: not 26800
        ("26800元", [6]),
        ("apple 表带", [6]),  # mixed
        ("小米", []),
    ],
)
def test_every_word_of_a_query_is_found_however_the_text_was_cut(
    indexed: sessionmaker[Session], query: str, expected: list[int]
) -> None:
    with indexed() as session:
        assert found(session, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('假货" OR "退款', []),  # a quote cannot close the word: OR is one more word to find
        ("假货 OR 退款", []),  # OR is a word to find, not an operator (no text has "or")
        ("NEAR(假货 退款)", []),  # near is a word too
        ("手机*", [1, 2, 4]),  # no prefix search: * is dropped
        ("app*", []),  # ... so "app" does not find "apple"
        ("words:假货", []),  # no column filter: "words" is one more word to find
        ("假货 & !退款", [1]),  # no tsquery operators: & and ! are dropped
        ("'假货' | '手机'", [1]),
        ("假货:*", [1]),
        ("-退款 假货", [1]),  # no NOT
        ("^假货", [1]),
        ("(假货) AND (退款", []),  # unbalanced brackets; and is a word
        ("c++", [4]),
        ("AT&T", [4]),
        ("假货\\", [1]),
        ("假货\x00", [1]),
    ],
)
def test_a_hostile_query_neither_breaks_nor_widens_the_search(
    indexed: sessionmaker[Session], query: str, expected: list[int]
) -> None:
    with indexed() as session:
        assert found(session, query) == expected


@pytest.mark.parametrize("query", ["", "   ", "！？。", '"', "*", "()", "&|!:'", "\x00"])
def test_a_query_without_a_word_is_refused(query: str) -> None:
    with pytest.raises(search.EmptyQuery):
        search.matching(NARRATIVE, query)


def test_scope_filters_and_kinds_are_kept_apart(indexed: sessionmaker[Session]) -> None:
    with indexed() as session:
        assert found(session, "手机", scope=1) == [1]
        assert found(session, "手机", scope=0) == [2, 4]
        evidence = search.matching("evidence_text", "手机 假货", scope=9)
        assert list(session.execute(evidence).scalars()) == [1]
        assert list(session.execute(search.matching("evidence_text", "屏幕")).scalars()) == []


def test_indexing_again_replaces_and_remove_forgets(indexed: sessionmaker[Session]) -> None:
    with indexed() as session, session.begin():
        search.index(session, kind=NARRATIVE, ref_id=1, text="商家已经退款，问题解决。")
    with indexed() as session:
        assert found(session, "假货") == []
        assert found(session, "问题 解决") == [1]
        assert found(session, "退款") == [1, 4]
    with indexed() as session, session.begin():
        search.remove(session, kind=NARRATIVE, ref_id=1)
        search.remove(session, kind=NARRATIVE, ref_id=404)  # nothing there: nothing happens
    with indexed() as session:
        assert found(session, "退款") == [4]
        assert found(session, "问题") == []


def test_a_rolled_back_index_leaves_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, pytest.raises(RuntimeError), session.begin():
        search.index(session, kind=NARRATIVE, ref_id=7, text="假货假货")
        raise RuntimeError("the step failed")
    with sessions() as session:
        assert found(session, "假货") == []


def test_filing_through_the_api_indexes_the_narrative(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    consumer = make_user("consumer")
    numbers = {}
    for key, narrative in [
        ("fake", "主播说是专柜正品，收到后经鉴定是假货，卖家拒绝退款。"),
        ("screen", "买的苹果手机屏幕有划痕，商家说是人为损坏，不给退换。"),
    ]:
        response = consumer.client.post("/api/cases", json=case_document(narrative=narrative))
        assert response.status_code == 201, response.text
        numbers[key] = response.json()["number"]
    with sessions() as session:

        def numbers_found(query: str) -> list[str]:
            ids = search.matching(NARRATIVE, query)
            return list(session.execute(select(Case.number).where(Case.id.in_(ids))).scalars())

        assert numbers_found("假货") == [numbers["fake"]]
        assert numbers_found("手机 屏幕") == [numbers["screen"]]
        assert numbers_found("商家") == [numbers["screen"]]  # 卖家 is another word
        assert numbers_found("退") == []  # a single character is no word of these texts
        assert numbers_found("卖家 退款") == [numbers["fake"]]


def test_reindexing_puts_back_every_narrative(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        number = flows.file_case(
            session=session,
            case_in=_case(narrative="网购的进口奶粉是假货，罐底批号被刮掉了。"),
            actor="test",
            language="zh_CN",
        ).number
    with sessions() as session, session.begin():
        session.execute(text("DELETE FROM search_documents"))
        search.index(session, kind=NARRATIVE, ref_id=999, text="一个已不存在的案件的假货")
    with sessions() as session:
        assert flows.reindex_narratives(session=session) == 1
    with sessions() as session:
        ids = search.matching(NARRATIVE, "奶粉 假货")
        assert list(session.execute(select(Case.number).where(Case.id.in_(ids))).scalars()) == [
            number
        ]
        assert found(session, "不存在") == []


def _case(**changes: object) -> CaseCreate:
    return CaseCreate.model_validate(case_document(**changes))
