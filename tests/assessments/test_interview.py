"""The interview one question a screen, its drafts, and the complaint form they fill."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import PASSWORD, User
from weiquan.assessments import interview
from weiquan.assessments.models import FactDraft
from weiquan.db import utcnow

BASIC_ANSWERS = {
    "problems": ["counterfeit"],
    "purchase.channel": ["live_stream"],
    "goods.category": ["luxury_fashion"],
    "purchase.amount_paid": ["2680"],
    "purchase.date": ["2026-03-02"],
}


def hidden(page: str, name: str) -> str | None:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def text(page: str) -> str:
    """What a person reads: the page without its tags."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def post_answer(c: TestClient, page: str, values: list[str], action: str = "answer") -> str:
    """Answer the question on page; returns the next page (redirects followed)."""
    path = hidden(page, "path")
    assert path
    data: dict[str, object] = {"csrf_token": hidden(page, "csrf_token"), "path": path}
    data["action"] = action
    if draft := hidden(page, "draft"):
        data["draft"] = draft
    if case := hidden(page, "case"):
        data["case"] = case
    data[path] = values
    r = c.post("/rights", data=data)
    assert r.status_code in (200, 422), r.text
    return r.text


def through_the_basics(c: TestClient) -> str:
    page = c.get("/rights").text
    for n, path in enumerate(interview.BASICS, start=1):
        assert f"问题 {n} / 5" in text(page), text(page)
        assert hidden(page, "path") == path
        page = post_answer(c, page, BASIC_ANSWERS[path])
    return page


def to_the_result(c: TestClient, page: str) -> tuple[str, list[str]]:
    """ "I don't know" to every question the engine asks; the questions asked."""
    asked: list[str] = []
    for _ in range(40):
        path = hidden(page, "path")
        if path is None:
            return page, asked
        asked.append(path)
        page = post_answer(c, page, [], action="unknown")
    raise AssertionError("the interview never ended")


def test_the_first_screen_asks_one_thing(anon: TestClient) -> None:
    page = anon.get("/rights")
    assert page.status_code == 200
    seen = text(page.text)
    assert "问题 1 / 5" in seen and "遇到了什么问题" in seen
    assert "之后可能还有几个问题" in seen  # the engine cannot say before the basics are in
    # One question: the 17 problems and nothing else (it was 47 inputs on one page).
    assert len(re.findall(r'type="checkbox"', page.text)) == 17
    assert 'type="radio"' not in page.text and 'type="date"' not in page.text
    # The question names the group of choices for screen readers.
    assert re.search(r'<legend><h1 class="question-text"[^>]*>遇到了什么问题', page.text)
    assert "不清楚" not in seen  # the basics have no "I don't know": nothing runs without them


def test_an_answer_is_kept_and_back_keeps_it(anon: TestClient) -> None:
    page = anon.get("/rights").text
    bad = post_answer(anon, page, [])  # nothing ticked
    assert "请至少勾选一项" in text(bad)
    page = post_answer(anon, page, ["counterfeit", "not_as_described"])
    assert "问题 2 / 5" in text(page)
    back = re.search(r'href="(/rights/d/[^"]+\?q=problems)"', page)
    assert back, "a back link"
    again = anon.get(html.unescape(back.group(1))).text
    assert "问题 1 / 5" in text(again)
    assert re.search(r'value="counterfeit" checked', again)
    assert re.search(r'value="not_as_described" checked', again)
    # An amount that is not one: the same question, with what was typed and why.
    page = post_answer(anon, post_answer(anon, page, ["live_stream"]), ["luxury_fashion"])
    wrong = post_answer(anon, page, ["两千"])
    assert "问题 4 / 5" in text(wrong) and 'value="两千"' in wrong
    assert "请输入以元为单位" in text(wrong)


def test_a_buyer_is_never_asked_what_only_an_agency_can_know(anon: TestClient) -> None:
    page = through_the_basics(anon)
    assert "问题 6 / " in text(page)
    assert "之后可能还有几个问题" not in text(page)
    total = int(re.search(r"问题 6 / (\d+)", text(page)).group(1))  # type: ignore[union-attr]
    result, asked = to_the_result(anon, page)
    assert not set(asked) & interview.AGENCY_ONLY
    assert len(asked) <= total - 5
    seen = text(result)
    # The headline first: the refund and three times the price, 2,680 + 8,040.
    assert "您最多可以主张 ¥10,720" in seen
    assert result.index("您最多可以主张") < result.index('<ul class="remedies">')
    kinds = re.findall(r'class="remedy [^"]*" data-kind="(\w+)"', result)
    assert kinds[:2] == ["punitive", "refund"] and kinds[-1] == "repair"
    assert kinds.index("repair") > kinds.index("replacement")
    # Plain words: articles named in words, their summary a tap away, no codes or caveats.
    assert "《消费者权益保护法》第五十五条第一款" in seen
    assert '<details class="cite"><summary>' in result
    assert "CRPL-55" not in seen and "CMP-14" not in seen and "_unverified" not in result
    assert "未经核实" not in seen and "二手来源" not in seen
    assert "由市场监管部门查明" in seen  # the seller's books: who finds them out
    assert seen.count("有效的法律") == 1 and "按 2026年3月2日" in seen


def test_file_a_complaint_carries_the_answers_through_a_sign_in(
    anon: TestClient, make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    page = through_the_basics(anon)
    # An answer the complaint form has no field for: the platform did not know.
    assert hidden(page, "path") == "platform.knew_or_should_have_known"
    result, _ = to_the_result(anon, post_answer(anon, page, ["no"]))
    link = re.search(r'<a class="button" href="(/cases/new\?draft=[^"]+)">我要投诉</a>', result)
    assert link, "file a complaint"
    target = html.unescape(link.group(1))
    # Not signed in: the sign-in page, which comes back to the form.
    r = anon.get(target, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    user = make_user("consumer", name="王芳")
    login = anon.get(r.headers["location"]).text
    signed = anon.post(
        "/login",
        data={
            "csrf_token": hidden(login, "csrf_token"),
            "email": user.email,
            "password": PASSWORD,
            "next": hidden(login, "next"),
        },
        follow_redirects=False,
    )
    assert signed.status_code == 303 and signed.headers["location"] == target
    form = anon.get(target)
    assert form.status_code == 200
    seen = text(form.text)
    assert seen.count("来自您的回答，请核对") >= 5
    assert 'value="2680.00"' in form.text and 'value="2026-03-02"' in form.text
    assert re.search(r'value="live_stream"\s+selected', form.text)
    assert re.search(r'value="counterfeit" checked', form.text)
    # The draft is the account's now, and a stranger cannot read it.
    public_id = target.split("draft=")[1]
    with sessions() as session:
        draft = session.execute(
            select(FactDraft).where(FactDraft.public_id == public_id)
        ).scalar_one()
        assert draft.account_id == user.id and draft.owner_hash is None
    stranger = make_user("consumer")
    refused = stranger.client.get(target)
    assert refused.status_code == 404 and 'value="2680.00"' not in refused.text
    assert "已不在" in text(refused.text)
    # Submitting confirms: the case is filed with the form's values, and the answer the form
    # had no field for joins its assessment; the draft is gone.
    filed = anon.post(
        "/cases",
        data={
            "csrf_token": hidden(form.text, "csrf_token"),
            "draft": public_id,
            "consumer.name": "王芳",
            "consumer.phone": "13900000001",
            "merchant.name": "名品小店",
            "order.goods": "LV 手提包",
            "order.category": "luxury_fashion",
            "order.price_paid": "2680.00",
            "order.order_date": "2026-03-02",
            "order.channel": "live_stream",
            "problems": ["counterfeit"],
            "narrative": "主播说是专柜正品，收到后鉴定是假货。",
        },
        follow_redirects=False,
    )
    assert filed.status_code == 303, filed.text
    number = filed.headers["location"].split("/cases/")[1].split("?")[0]
    case = user.client.get(f"/api/cases/{number}").json()
    kinds = [e["kind"] for e in case["timeline"]]
    assert kinds == ["case_filed", "assessment_attached", "assessment_attached"]
    latest = user.client.get(f"/api/cases/{number}/assessments/latest").json()
    assert latest["facts"]["platform"]["knew_or_should_have_known"] is False
    assert latest["facts"]["purchase"]["amount_paid"] == "2680.00"  # the form's, confirmed
    with sessions() as session:
        gone = session.execute(select(FactDraft).where(FactDraft.public_id == public_id))
        assert gone.scalar_one_or_none() is None


def test_drafts_expire(anon: TestClient, sessions: sessionmaker[Session]) -> None:
    page = post_answer(anon, anon.get("/rights").text, ["counterfeit"])
    public_id = hidden(page, "draft")
    assert public_id
    assert anon.get(f"/rights/d/{public_id}").status_code == 200
    with sessions() as session, session.begin():
        session.execute(
            update(FactDraft)
            .where(FactDraft.public_id == public_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    gone = anon.get(f"/rights/d/{public_id}")
    assert gone.status_code == 404 and "7 天" in text(gone.text)


def test_another_browser_cannot_read_an_anonymous_draft(
    anon: TestClient, client: TestClient
) -> None:
    page = post_answer(anon, anon.get("/rights").text, ["counterfeit"])
    public_id = hidden(page, "draft")
    assert anon.get(f"/rights/d/{public_id}").status_code == 200
    assert client.get(f"/rights/d/{public_id}").status_code == 404
    forged = TestClient(client.app)
    forged.cookies.set("weiquan_drafts", "not-a-signed-key")
    assert forged.get(f"/rights/d/{public_id}").status_code == 404


def test_citations_in_words_and_amounts_as_people_read_them() -> None:
    from weiquan.assessments import plain
    from weiquan.common.i18n import current_language

    c = {"instrument": "CRPL", "article": "55", "paragraph": "1", "provision": "CRPL-55-1"}
    assert plain.cite_words(c) == "《消费者权益保护法》第五十五条第一款"
    assert "三倍" in plain.summary(c)  # the paraphrase, a tap away
    item = {"instrument": "CMP", "article": "15", "paragraph": "1", "item": "5"}
    assert plain.cite_words(item) == "《市场监督管理投诉举报处理暂行办法》第十五条第一款第（五）项"
    assert (
        plain.cite_words({"instrument": "CL", "article": "142-1"}) == "《刑法》第一百四十二条之一"
    )
    token = current_language.set("en")
    try:
        assert plain.cite_words(c) == "Consumer Rights Protection Law, Art. 55(1)"
        assert plain.law_date("2026-03-02") == "2 March 2026"
    finally:
        current_language.reset(token)
    assert plain.yuan("10720.00") == "¥10,720" and plain.yuan("0.5") == "¥0.50"


def test_the_headline_says_what_is_uncertain() -> None:
    from weiquan.assessments import plain

    def remedy(kind: str, status: str, amount: str | None = None, **more: object) -> dict:
        return {"kind": kind, "status": status, "amount": amount, **more}

    result = {
        "remedies": [
            remedy("repair", "unavailable"),
            remedy("refund", "available", "2680.00"),
            remedy("punitive", "contested", "8040.00", recommended=True),
            remedy("punitive", "available", "500.00"),  # an alternative, not added
            remedy("return_goods", "available"),
        ]
    }
    head = plain.headline(result)
    assert (head.sure, head.best) == ("¥2,680", "¥10,720")
    order = [(r["kind"], r["status"]) for r in plain.ordered(result["remedies"])]
    assert order[0] == ("refund", "available") and order[-1] == ("repair", "unavailable")
    assert order.index(("punitive", "contested")) < order.index(("return_goods", "available"))
    shown = plain.view({**result, "flags": [{"code": "criminal_thresholds_2025_unverified"},
                                            {"code": "fraud_presumed_rebuttable"}]})  # fmt: skip
    assert [f["code"] for f in shown.flags] == ["fraud_presumed_rebuttable"]
    spoken = {
        "flags": [{"code": "a", "audience": "consumer"}, {"code": "b", "audience": "merchant"}]
    }
    assert [f["code"] for f in plain.view(spoken, "merchant").flags] == ["b"]


def test_which_facts_a_buyer_is_asked() -> None:
    assert not interview.askable("seller.total_sales_amount")
    assert not interview.askable("history.limitation_interruptions")  # a list of records
    assert interview.askable("seller.kind")
    place = interview.widget("seller.domicile")
    assert place.kind == "place"
    assert interview.parse(place, ["浙江", "杭州", ""]) == {"province": "浙江", "city": "杭州"}
    assert interview.parse(place, ["", "", ""]) is None


def test_signing_up_half_way_keeps_the_answers_and_the_way(anon: TestClient) -> None:
    page = through_the_basics(anon)
    target = f"/cases/new?draft={hidden(page, 'draft')}"
    login = anon.get(target)  # redirected to the sign-in page, which offers to sign up
    signup = re.search(r'href="(/register\?next=[^"]+)"', login.text)
    assert signup, "a sign-up link that keeps where the person was going"
    form = anon.get(html.unescape(signup.group(1))).text
    assert hidden(form, "next") == target
    done = anon.post(
        "/register",
        data={
            "csrf_token": hidden(form, "csrf_token"),
            "next": target,
            "display_name": "赵敏",
            "email": "zhaomin@test.weiquan",
            "password": "a long enough passphrase 42",
            "role": "consumer",
        },
    )
    assert done.status_code == 200, done.text
    assert hidden(done.text, "next") == target
    signed = anon.post(
        "/login",
        data={
            "csrf_token": hidden(done.text, "csrf_token"),
            "next": target,
            "email": "zhaomin@test.weiquan",
            "password": "a long enough passphrase 42",
        },
    )
    assert signed.status_code == 200 and "来自您的回答，请核对" in text(signed.text)
    assert 'value="2680.00"' in signed.text


def test_none_of_these_is_an_answer(anon: TestClient) -> None:
    page = anon.get("/rights").text
    for path in interview.BASICS:
        answer = ["food"] if path == "goods.category" else BASIC_ANSWERS[path]
        if path == "problems":
            answer = ["non_compliant_food"]
        page = post_answer(anon, page, answer)
    for _ in range(20):  # to the question on what the seller knew (ticks, any number of them)
        if hidden(page, "path") in (None, "seller.knowledge_signals"):
            break
        page = post_answer(anon, page, [], action="unknown")
    assert hidden(page, "path") == "seller.knowledge_signals", text(page)
    n = re.search(r"问题 (\d+) /", text(page))
    after = post_answer(anon, page, [])  # nothing ticked: none of these
    assert hidden(after, "path") != "seller.knowledge_signals"
    assert n and f"问题 {int(n.group(1)) + 1} /" in text(after)


def test_what_courts_differ_on_is_said_as_uncertain(anon: TestClient) -> None:
    page = through_the_basics(anon)
    # A buyer who knew the bag was fake: the three times are contested, the refund is not.
    r = anon.post(
        "/rights",
        data={
            "csrf_token": hidden(page, "csrf_token"),
            "draft": hidden(page, "draft"),
            "path": "consumer.knew_of_problem_when_buying",
            "consumer.knew_of_problem_when_buying": "yes",
            "action": "finish",
        },
    )
    seen = text(r.text)
    assert "您最多可以主张 ¥2,680" in seen and "若法院支持，最多 ¥10,720" in seen
    punitive = re.search(r'data-kind="punitive".*?</li>', r.text, re.S)
    assert punitive and "法院对此看法不一" in text(punitive.group(0))
