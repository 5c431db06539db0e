"""Negotiation you can follow: demands, offers and counter-offers as cards with their amounts,
acted on from the card through the ladder's steps, the money agreed and received."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.cases.models import Case, CaseDeadline
from weiquan.common.dates import local_today
from weiquan.events.models import CaseEvent


@dataclass
class Dispute:
    consumer: User
    merchant: User
    number: str
    sessions: sessionmaker[Session]

    def page(self, who: User) -> str:
        r = who.client.get(f"/cases/{self.number}")
        assert r.status_code == 200, r.text
        return r.text

    def card(self, who: User, action: str, **fields: object) -> object:
        return who.client.post(
            f"/cases/{self.number}/negotiation/{action}",
            data=who.form(**fields),
            follow_redirects=False,
        )

    def current_card(self, who: User) -> int:
        found = re.search(r'class="offer-card [^"]*current" data-card="(\d+)"', self.page(who))
        assert found, "no card on the table"
        return int(found.group(1))

    def case(self) -> Case:
        with self.sessions() as session:
            case = session.execute(select(Case).where(Case.number == self.number)).scalar_one()
            session.expunge_all()
            return case

    def timeline(self) -> list[str]:
        r = self.consumer.client.get(f"/api/cases/{self.number}")
        return [e["message"] for e in r.json()["timeline"]]


@pytest.fixture
def dispute(make_user: Callable[..., User], sessions: sessionmaker[Session]) -> Dispute:
    consumer = make_user("consumer", name="李娜")
    merchant = make_user("merchant", name="名品小店")
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=merchant.id, kind="wechat_id", value="mingpin_888",
                                  status=ClaimStatus.verified))  # fmt: skip
    r = consumer.client.post("/api/cases", json=case_document())
    assert r.status_code == 201, r.text
    number = r.json()["number"]
    r = consumer.client.post(
        f"/api/cases/{number}/steps/send_demand", json={"amount": "￥12,000", "note": "退一赔三"}
    )
    assert r.status_code == 200, r.text
    # The merchant's verified claim names the case: the demand is in its inbox at once, and
    # its clock runs from today (no delivery to record).
    with sessions() as session:
        kinds = session.scalars(select(CaseDeadline.kind).join(Case).where(Case.number == number))
        assert list(kinds) == ["merchant_answer"]
    return Dispute(consumer, merchant, number, sessions)


def test_offer_accepted_on_its_card_settles_on_that_amount(dispute: Dispute) -> None:
    d = dispute
    # The merchant is on weiquan: the consumer is told the demand is in its inbox, no kit needed.
    assert "要求已进入其商家收件箱" in d.page(d.consumer)
    merchant_view = d.page(d.merchant)
    assert "¥12,000.00" in merchant_view  # the demand's card and the demand panel
    assert "接受 ¥12,000.00" in merchant_view  # accept the demand, on its card
    demand = d.current_card(d.merchant)

    r = d.card(d.merchant, "merchant_answer", answer="offer", amount="1,200元", card=demand)
    assert r.status_code == 303, r.text
    consumer_view = d.page(d.consumer)
    assert "商家的报价" in consumer_view
    assert "接受 ¥1,200.00" in consumer_view
    assert "商家答复：提出赔付 ¥1,200.00。" in d.timeline()

    offer = d.current_card(d.consumer)
    assert d.card(d.consumer, "consumer_accept", card=offer).status_code == 303
    case = d.case()
    assert (case.status, case.amount_agreed_fen) == ("settled", 120000)
    settled = d.page(d.consumer)
    assert "已和解" in settled
    assert 'data-amount="agreed">¥1,200.00' in settled
    assert "消费者接受了 ¥1,200.00。" in d.timeline()
    api = d.consumer.client.get(f"/api/cases/{d.number}").json()
    assert api["amount_agreed"] == "1200.00"
    english = d.consumer.client.get(f"/api/cases/{d.number}?lang=en").json()["timeline"]
    said = [e["message"] for e in english]
    assert any(m.startswith("Demand of ¥12,000.00 sent to the merchant") for m in said)
    assert "The merchant answered: offers ¥1,200.00." in said
    assert "The consumer accepted ¥1,200.00." in said


def test_a_stale_card_cannot_settle_on_an_old_amount(dispute: Dispute) -> None:
    d = dispute
    demand = d.current_card(d.merchant)
    d.card(d.merchant, "merchant_answer", answer="offer", amount="800", card=demand)
    first_offer = d.current_card(d.consumer)
    # The merchant betters its offer in a message while the consumer's page is still open.
    r = d.merchant.client.post(
        f"/api/cases/{d.number}/messages", json={"body": "再加一点", "offer": "1500"}
    )
    assert r.status_code == 201, r.text
    assert d.current_card(d.consumer) != first_offer

    stale = d.card(d.consumer, "consumer_accept", card=first_offer)
    assert stale.status_code == 422
    assert "不再是最新的方案" in stale.text  # said on the card, the page kept
    assert d.case().status == "merchant_answered"
    assert d.case().amount_agreed_fen is None

    r = d.card(d.consumer, "consumer_accept", card=d.current_card(d.consumer))
    assert r.status_code == 303
    assert d.case().amount_agreed_fen == 150000


def test_counter_offer_goes_back_to_the_merchant_who_accepts_it(dispute: Dispute) -> None:
    d = dispute
    d.card(
        d.merchant, "merchant_answer", answer="offer", amount="500", card=d.current_card(d.merchant)
    )
    r = d.card(d.consumer, "consumer_reject", amount="２，０００", note="至少退款",
               card=d.current_card(d.consumer))  # fmt: skip
    assert r.status_code == 303, r.text
    assert "消费者不接受商家的答复，要求 ¥2,000.00。" in d.timeline()
    merchant_view = d.page(d.merchant)
    assert "消费者的还价" in merchant_view
    assert "接受 ¥2,000.00" in merchant_view
    # The merchant's clock runs again for the counter-offer; the inbox says how long.
    inbox = d.merchant.client.get("/merchant").text
    row = re.search(rf'<tr data-case="{d.number}".*?</tr>', inbox, re.S)
    assert row and "¥2,000.00" in row.group(0)
    assert re.search(r"还剩 \d+ 个工作日", row.group(0))

    d.card(d.merchant, "merchant_answer", answer="accept", card=d.current_card(d.merchant))
    assert "商家答复：同意诉求 ¥2,000.00。" in d.timeline()
    d.card(d.consumer, "consumer_accept", card=d.current_card(d.consumer))
    assert d.case().amount_agreed_fen == 200000


def test_refusal_needs_reasons_and_the_form_keeps_what_was_typed(dispute: Dispute) -> None:
    d = dispute
    demand = d.current_card(d.merchant)
    r = d.card(d.merchant, "merchant_answer", answer="offer", amount="12.345", note="最多这么多",
               card=demand)  # fmt: skip
    assert r.status_code == 422
    assert 'data-error-for="amount"' in r.text
    assert 'value="12.345"' in r.text and "最多这么多" in r.text
    r = d.card(d.merchant, "merchant_answer", answer="refuse", card=demand)
    assert r.status_code == 422
    assert 'data-error-for="note"' in r.text
    assert d.case().status == "demand_sent"
    r = d.card(d.merchant, "merchant_answer", answer="refuse", note="是正品", card=demand)
    assert r.status_code == 303
    consumer_view = d.page(d.consumer)
    assert "商家拒绝" in consumer_view and "是正品" in consumer_view
    # A refusal offers nothing to accept.
    r = d.card(d.consumer, "consumer_accept", card=d.current_card(d.consumer))
    assert r.status_code == 422
    assert "没有可接受的金额" in r.text


def test_the_message_form_keeps_its_text_after_an_error(dispute: Dispute) -> None:
    d = dispute
    long_text = "我的诉求" + "很" * 5000
    r = d.consumer.client.post(
        f"/cases/{d.number}/messages", data=d.consumer.form(body=long_text), follow_redirects=False
    )
    assert r.status_code == 422
    assert 'data-error-for="body"' in r.text
    assert long_text in r.text
    with d.sessions() as session:
        kinds = session.execute(select(CaseEvent.kind)).scalars().all()
    assert "message_posted" not in kinds


def test_money_received_is_recorded_with_its_day(dispute: Dispute) -> None:
    d = dispute
    d.card(d.merchant, "merchant_answer", answer="accept", card=d.current_card(d.merchant))
    d.card(d.consumer, "consumer_accept", card=d.current_card(d.consumer))
    view = d.page(d.consumer)
    assert "记录实际收到的款项" in view
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    r = d.card(d.consumer, "record_received", amount="11,500", received_on=tomorrow)
    assert r.status_code == 422
    assert 'data-error-for="received_on"' in r.text and 'value="11,500"' in r.text
    r = d.card(d.consumer, "record_received", amount="11,500", received_on="2020-01-01")
    assert r.status_code == 422
    assert "早于立案日期" in r.text
    r = d.card(d.merchant, "record_received", amount="1", received_on=local_today().isoformat())
    assert r.status_code == 403  # the consumer's to record, not the merchant's
    today = local_today().isoformat()
    r = d.card(d.consumer, "record_received", amount="11,500", received_on=today)
    assert r.status_code == 303, r.text
    case = d.case()
    assert (case.amount_received_fen, case.received_on) == (1150000, local_today())
    assert f"消费者于 {today} 收到 ¥11,500.00。" in d.timeline()
    view = d.page(d.consumer)
    assert 'data-amount="received">¥11,500.00' in view


def test_the_merchant_sees_the_demand_with_its_legal_basis(dispute: Dispute) -> None:
    d = dispute
    r = d.consumer.client.post(f"/api/cases/{d.number}/assessments", json={})
    assert r.status_code == 201, r.text
    view = d.page(d.merchant)
    demand = re.search(r'<div class="demand-basis".*?</div>', view, re.S)
    assert demand, "no demand panel for the merchant"
    text = demand.group(0)
    assert "¥12,000.00" in text
    assert "¥3,999.50" in text  # the refund
    assert "¥11,998.50" in text  # three times the price (CRPL Art. 55)
    assert "《消费者权益保护法》第五十五条" in text  # the article in words
    assert re.search(r"还剩 \d+ 个工作日", text)
    assert 'class="demand-basis"' not in d.page(d.consumer)  # the consumer has her own view


def test_a_platform_s_resolution_is_the_sum_agreed_and_the_money_is_recorded(
    dispute: Dispute, make_user: Callable[..., User], make_agency: Callable[..., int]
) -> None:
    d = dispute
    make_agency("抖音消费者服务", kind="platform", platforms=["抖音"])
    platform = make_user("platform_staff", agency="抖音消费者服务")
    r = d.consumer.client.post(f"/api/cases/{d.number}/steps/request_platform", json={})
    assert r.status_code == 200, r.text
    r = platform.client.post(
        f"/api/cases/{d.number}/steps/platform_resolve", json={"amount": "3,999.50元"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["amount_agreed"] == "3999.50"
    assert "平台已解决纠纷：¥3,999.50。" in d.timeline()
    view = d.page(d.consumer)
    assert "平台的处理结果" in view and "¥3,999.50" in view
    r = d.card(
        d.consumer, "record_received", amount="3999.5", received_on=local_today().isoformat()
    )
    assert r.status_code == 303, r.text
    assert d.case().amount_received_fen == 399950
