"""The agency queue's search (q) reads the search index: a clerk finds a complaint by a word of
its narrative, however it was cut; a query of punctuation alone is told it has no word in it."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.workbench.desk import make_desk


def test_the_queue_finds_complaints_by_the_words_of_their_narratives(
    sessions: sessionmaker[Session], make_user: Callable[..., User], make_agency: Callable[..., int]
) -> None:
    desk = make_desk(sessions, make_user, make_agency)
    fake = desk.file(narrative="主播说是专柜正品的苹果手机，收到后经鉴定是假货，卖家拒绝退款。")
    other = desk.file(narrative="网购的进口奶粉过期了，商家只愿意退一半的钱。")
    client = desk.clerk.client

    def numbers(q: str) -> list[str]:
        r = client.get("/api/agency/queue", params={"q": q})
        assert r.status_code == 200, r.text
        return [item["number"] for item in r.json()]

    assert numbers("假货") == [fake]
    assert numbers("苹果手机 退款") == [fake]  # the compound, and every word
    assert numbers("奶粉") == [other]
    assert numbers('假货" OR "奶粉') == []  # no operators: "or" is one more word
    # No word at all: the clerk is told so in words (never a 500, never the whole queue).
    refused = client.get("/api/agency/queue", params={"q": "！！！"})
    assert refused.status_code == 422
    assert "请至少输入一个要搜索的词" in refused.text
    page = client.get("/agency", params={"q": "！！！"})
    assert page.status_code in (200, 422)
    assert "请至少输入一个要搜索的词" in page.text
