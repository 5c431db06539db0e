"""Messages in a case's negotiation thread attach items of that case's vault, and only those."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.conftest import file_case, jpeg, pdf, upload


def test_a_message_attaches_this_cases_evidence_and_no_other(
    consumer: User, number: str, sessions: sessionmaker[Session]
) -> None:
    c = consumer.client
    added = upload(c, number, [("chat.jpg", jpeg(1)), ("order.pdf", pdf())]).json()  # type: ignore[attr-defined]
    ids = [item["id"] for item in added["items"]]
    other = file_case(sessions, consumer)
    foreign = upload(c, other, [("else.jpg", jpeg(2))]).json()["items"][0]["id"]  # type: ignore[attr-defined]

    r = c.post(
        f"/api/cases/{number}/messages", json={"body": "见聊天记录和订单", "evidence_ids": ids}
    )
    assert r.status_code == 201, r.text
    assert r.json()["evidence_labels"] == ["E1", "E2"]
    # Another case's item is refused, in the user's language, and nothing is written.
    r = c.post(f"/api/cases/{number}/messages", json={"body": "夹带", "evidence_ids": [foreign]})
    assert r.status_code == 422 and "只能附上本案证据库中的证据" in r.json()["detail"]
    r = c.post(
        f"/api/cases/{number}/messages?lang=en", json={"body": "x", "evidence_ids": [foreign]}
    )
    assert "evidence kept in this case" in r.json()["detail"]
    thread = c.get(f"/api/cases/{number}/messages").json()
    assert [m["body"] for m in thread] == ["见聊天记录和订单"]

    # The page offers the case's items and links the attached ones to their pages.
    page = c.get(f"/cases/{number}").text
    assert 'name="evidence"' in page and "chat.jpg" in page and "else.jpg" not in page
    assert f'href="/cases/{number}/evidence/1"' in page
    form = consumer.form(body="补充：发票", evidence=[str(ids[1])])
    r = c.post(f"/cases/{number}/messages", data=form, follow_redirects=False)
    assert r.status_code == 303
    form = consumer.form(body="夹带", evidence=[str(foreign)])
    r = c.post(f"/cases/{number}/messages", data=form, follow_redirects=False)
    assert r.status_code == 422  # the page again, the message kept, the error beside it
    assert "只能附上本案证据库中的证据" in r.text and "夹带" in r.text
    assert [m["evidence_labels"] for m in c.get(f"/api/cases/{number}/messages").json()] == [
        ["E1", "E2"],
        ["E2"],
    ]
