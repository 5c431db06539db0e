"""A notification of a merchant's answer names the sum it offers: the reader decides on it."""

from __future__ import annotations

from weiquan.notifications.messages import render


def test_an_offer_names_its_amount_in_both_languages() -> None:
    data = {"answer": "offer", "amount_fen": 120000}
    zh = render("merchant_answered", data, "WQ-2026-000001", "zh_CN")
    assert "提出赔付 ¥1,200.00" in zh.body
    en = render("merchant_answered", data, "WQ-2026-000001", "en")
    assert "offers ¥1,200.00" in en.body


def test_an_answer_without_a_sum_reads_as_before() -> None:
    zh = render("merchant_answered", {"answer": "refuse"}, "WQ-2026-000001", "zh_CN")
    assert "¥" not in zh.body and "WQ-2026-000001" in zh.body
