"""Holes the authorization matrix found in the handlers, each pinned by a test of its own."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import User
from tests.factories import case_document


def test_a_read_receipt_is_recorded_not_a_server_error(make_user: Callable[..., User]) -> None:
    filer, other = make_user("consumer"), make_user("consumer")
    c = filer.client
    number = c.post("/api/cases", json=case_document()).json()["number"]
    message = c.post(f"/api/cases/{number}/messages", json={"body": "请退款"}).json()
    r = c.post(f"/api/cases/{number}/messages/{message['id']}/read")
    assert r.status_code == 204, r.text
    r = other.client.post(f"/api/cases/{number}/messages/{message['id']}/read")
    assert r.status_code == 404


def test_a_strangers_step_from_the_case_page_is_404(make_user: Callable[..., User]) -> None:
    filer, stranger = make_user("consumer"), make_user("consumer")
    number = filer.client.post("/api/cases", json=case_document()).json()["number"]
    r = stranger.client.post(
        f"/cases/{number}/steps/withdraw", data=stranger.form(), follow_redirects=False
    )
    assert r.status_code == 404  # as for a number that does not exist, not a redirect to it
    assert filer.client.get(f"/api/cases/{number}").json()["status"] == "draft"
