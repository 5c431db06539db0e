"""The civil complaint's court, proposed from the assessment's `court` and changeable.

A case assessed with the parties' places gets the court the law engine proposes (here the
Hangzhou Internet Court: a live-stream purchase received in Hangzhou); the consumer's own
choice replaces it, and clearing that choice brings the proposal back. Without the places the
engine names no court and nothing is proposed (the document asks). SQLite and PostgreSQL, as
every database test.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.evidence.conftest import file_case
from weiquan.documents.service import proposed_court

PLACES = {
    "purchase": {"delivery_place": {"province": "浙江", "city": "杭州", "district": "西湖区"}},
    "seller": {"domicile": {"province": "广东省", "city": "深圳市", "district": "南山区"}},
    "consumer": {"domicile": {"province": "浙江省", "city": "杭州市", "district": "西湖区"}},
}


def _court_fact(user: User, number: str) -> dict:
    facts = user.client.get(f"/api/cases/{number}/documents/facts").json()["facts"]
    return next(f for f in facts if f["fact"] == "court")


def test_the_assessment_proposes_the_court_and_the_consumer_may_change_it(
    sessions: sessionmaker[Session], make_user: Callable[..., User]
) -> None:
    consumer = make_user("consumer", name="王芳")
    number = file_case(sessions, consumer)
    assert _court_fact(consumer, number)["value"] is None  # no places: nothing proposed

    r = consumer.client.post(f"/api/cases/{number}/assessments", json={"facts": PLACES})
    assert r.status_code == 201, r.text
    court = r.json()["assessment"]["court"]
    assert court["proposed"]["zh"] == "杭州互联网法院"
    assert court["internet_court"]["status"] == "applies"
    field = _court_fact(consumer, number)
    assert field["value"] == "杭州互联网法院" and field["editable"]

    api = f"/api/cases/{number}/documents"
    consumer.client.put(
        f"{api}/facts",
        json={
            "values": {
                "consumer_id_number": "330106199001011234",
                "consumer_address": "浙江省杭州市西湖区文三路 1 号",
                "respondent_name": "深圳某某贸易有限公司",
                "respondent_address": "深圳市南山区科技园 1 号",
            }
        },
    )
    text = consumer.client.get(
        f"{api}/civil_complaint", params={"format": "txt", "lang": "zh"}
    ).text
    assert "杭州互联网法院" in text

    # The consumer's own choice wins; clearing it brings the proposal back.
    consumer.client.put(f"{api}/facts", json={"values": {"court": "深圳市南山区人民法院"}})
    assert _court_fact(consumer, number)["value"] == "深圳市南山区人民法院"
    text = consumer.client.get(
        f"{api}/civil_complaint", params={"format": "txt", "lang": "zh"}
    ).text
    assert "深圳市南山区人民法院" in text and "杭州互联网法院" not in text
    consumer.client.put(f"{api}/facts", json={"values": {"court": ""}})
    assert _court_fact(consumer, number)["value"] == "杭州互联网法院"


def test_only_a_named_court_is_proposed() -> None:
    assert proposed_court({}) == {}
    assert proposed_court({"court": {"courts": []}}) == {}
    assert proposed_court({"court": {"proposed": {"zh": "南京市玄武区人民法院", "en": "x"}}}) == {
        "court": "南京市玄武区人民法院"
    }
