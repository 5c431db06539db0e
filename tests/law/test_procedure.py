"""Procedure: admissibility, deadlines, jurisdiction, seller exposure, recommended path.

These call the procedure modules directly; the YAML scenarios (procedure_*.yaml) check the same
rules through the whole assessment.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from weiquan.law import admissibility, deadlines, exposure, jurisdiction, path
from weiquan.law.calendar import add_working_days
from weiquan.law.facts import Facts
from weiquan.law.provision import all_provisions

Doc = dict[str, Any]

BASE: Doc = {
    "purchase": {"date": "2025-03-02", "amount_paid": "100.00", "channel": "platform_store"},
    "goods": {"category": "clothing"},
    "problems": ["quality_defect"],
}
# Every fact an intake officer would have, with no refusal ground among them.
CLEAN: Doc = {
    "seller": {"kind": "company", "identified": True},
    "consumer": {"purpose": "personal_consumption"},
    "history": {
        "first_knew_of_harm": "2025-03-06",
        "already_handled_by": "none",
        "warranty_expired": False,
        "damage_from_misuse": False,
        "mediation_agreement_performed": False,
    },
    "goods": {"marked_as_seconds": False},
    "respondent_identifiable": True,
}


def merge(*docs: Doc) -> Doc:
    out: Doc = {}
    for doc in docs:
        for k, v in doc.items():
            out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def facts(*docs: Doc) -> Facts:
    return Facts.model_validate(merge(BASE, *docs))


def clean(*docs: Doc) -> Facts:
    return facts(CLEAN, *docs)


def by_name(found: list[deadlines.Deadline]) -> dict[str, deadlines.Deadline]:
    return {d.name: d for d in found}


def codes(body: admissibility.Body) -> list[str]:
    return [r.code for r in body.reasons]


def pending(body: admissibility.Body) -> list[str]:
    return [r.code for r in body.pending]


D = date.fromisoformat

# --- admissibility: market regulator (CMP 15) -------------------------------------------------


def test_clean_complaint_is_admissible_everywhere() -> None:
    result, flags, missing = admissibility.evaluate(clean(), D("2025-06-01"))
    for body in (result.market_regulator, result.consumer_association):
        assert body.admissible and body.status == "admissible" and not body.reasons
        assert not body.pending
    assert result.market_regulator.rules == "CMP"
    assert flags == [] and missing == []


@pytest.mark.parametrize(
    ("kind", "channel", "outcome"),
    [
        ("private_individual", "second_hand_platform", "refused"),
        ("individual_habitual", "second_hand_platform", "admissible"),
        (None, "second_hand_platform", "pending"),
        (None, "platform_store", "admissible"),  # a marketplace store is a business
        ("private_individual", "wechat_moments", "refused"),
    ],
)
def test_private_sellers_are_outside_both_bodies(
    kind: str | None, channel: str, outcome: str
) -> None:
    doc = merge(CLEAN, {"purchase": {"channel": channel}, "seller": {"kind": kind}})
    result, _, missing = admissibility.evaluate(facts(doc), D("2025-06-01"))
    regulator, association = result.market_regulator, result.consumer_association
    if outcome == "refused":
        assert codes(regulator) == ["not_an_operator"] and not regulator.admissible
        assert codes(association) == ["not_an_operator"]
        assert regulator.reasons[0].ground == "CMP-15-1-1"
        assert association.reasons[0].ground == "CA-2"
    elif outcome == "pending":
        assert regulator.admissible and regulator.status == "uncertain"
        assert pending(regulator) == ["not_an_operator"]
        assert [m.fact for m in missing] == ["seller.kind"]
    else:
        assert regulator.status == "admissible" and association.status == "admissible"


@pytest.mark.parametrize(
    ("handled", "regulator", "association"),
    [
        ("none", True, True),
        ("court", False, False),
        ("arbitration", False, False),
        ("market_regulator", False, False),
        ("other_agency", False, False),
        # The association list names courts, arbitration and agencies only (A9(a) item 8).
        ("consumer_association", False, True),
        ("other_mediator", False, True),
    ],
)
def test_already_handled(handled: str, regulator: bool, association: bool) -> None:
    result = admissibility.compute(
        clean({"history": {"already_handled_by": handled}}), D("2025-06-01")
    )
    assert result.market_regulator.admissible is regulator
    assert result.consumer_association.admissible is association
    if not regulator:
        assert result.market_regulator.reasons[0].ground == "CMP-15-1-2"


def test_already_handled_unknown_is_pending_not_refused() -> None:
    doc = merge(CLEAN, {"history": {"already_handled_by": None}})
    result, _, missing = admissibility.evaluate(facts(doc), D("2025-06-01"))
    assert result.market_regulator.admissible and pending(result.market_regulator) == [
        "already_handled"
    ]
    assert "history.already_handled_by" in [m.fact for m in missing]


@pytest.mark.parametrize(
    ("purpose", "between", "status"),
    [
        ("personal_consumption", False, "admissible"),
        ("resale_or_business", False, "not_admissible"),
        ("personal_consumption", True, "not_admissible"),
        ("unknown", None, "uncertain"),
    ],
)
def test_daily_life_consumption(purpose: str, between: bool | None, status: str) -> None:
    doc = {"consumer": {"purpose": purpose}, "dispute_between_businesses": between}
    result = admissibility.compute(clean(doc), D("2025-06-01"))
    assert result.market_regulator.status == status
    assert result.consumer_association.status == status
    if status == "not_admissible":
        assert codes(result.market_regulator) == ["not_for_consumption"]
        assert codes(result.consumer_association) == ["between_operators"]


@pytest.mark.parametrize(
    ("knew", "as_of", "admissible"),
    [
        ("2022-06-01", "2025-06-01", True),  # the anniversary itself is still in time
        ("2022-06-01", "2025-06-02", False),
        ("2021-02-28", "2024-02-28", True),
        ("2020-02-29", "2023-02-28", True),  # no 29 February: the month's last day
        ("2020-02-29", "2023-03-01", False),
    ],
)
def test_three_years_from_knowledge(knew: str, as_of: str, admissible: bool) -> None:
    doc = {"purchase": {"date": "2020-01-15"}, "history": {"first_knew_of_harm": knew}}
    result = admissibility.compute(clean(doc), D(as_of))
    assert result.market_regulator.admissible is admissible
    if not admissible:
        assert result.market_regulator.reasons[0].ground == "CMP-15-1-4"
    # The association has no three-year rule in its list.
    assert result.consumer_association.admissible


def test_unknown_knowledge_date_matters_only_for_old_purchases() -> None:
    recent = merge(CLEAN, {"history": {"first_knew_of_harm": None}})
    result, _, missing = admissibility.evaluate(facts(recent), D("2026-01-01"))
    assert result.market_regulator.status == "admissible" and not missing
    old = merge(recent, {"purchase": {"date": "2021-05-01"}})
    result, _, missing = admissibility.evaluate(facts(old), D("2026-01-01"))
    assert pending(result.market_regulator) == ["over_three_years"]
    assert [m.fact for m in missing] == ["history.first_knew_of_harm"]


@pytest.mark.parametrize(
    ("doc", "status", "ask"),
    [
        ({"respondent_identifiable": False}, "not_admissible", None),
        (
            {
                "respondent_identifiable": None,
                "seller": {"identified": False},
                "platform": {"involved": True, "can_identify_seller": True},
            },
            "admissible",
            None,
        ),
        (
            {
                "respondent_identifiable": None,
                "seller": {"identified": False},
                "platform": {"involved": True, "can_identify_seller": False},
            },
            "admissible",  # the platform itself answers (CRPL 44)
            None,
        ),
        (
            {
                "respondent_identifiable": None,
                "seller": {"identified": False},
                "platform": {"involved": True},
            },
            "uncertain",
            "platform.can_identify_seller",
        ),
        (
            {
                "purchase": {"channel": "wechat_private"},
                "respondent_identifiable": None,
                "seller": {"identified": False},
                "platform": {"involved": False},
            },
            "not_admissible",
            None,
        ),
        (
            {"respondent_identifiable": None, "seller": {"identified": None}},
            "uncertain",
            "respondent_identifiable",
        ),
    ],
)
def test_respondent_must_be_named(doc: Doc, status: str, ask: str | None) -> None:
    result, _, missing = admissibility.evaluate(clean(doc), D("2025-06-01"))
    assert result.market_regulator.status == status
    if status == "not_admissible":
        assert result.market_regulator.reasons[0].ground == "CMP-15-1-5"
        assert result.consumer_association.reasons[0].ground == "CA-6"
    assert [m.fact for m in missing] == ([ask] if ask else [])


def test_new_measures_from_2026_04_15_are_flagged() -> None:
    before, flags_before, _ = admissibility.evaluate(clean(), D("2026-04-14"))
    after, flags_after, _ = admissibility.evaluate(clean(), D("2026-04-15"))
    assert before.market_regulator.rules == "CMP"
    assert "samr_measures_2026_unverified" not in [f.code for f in flags_before]
    assert after.market_regulator.rules.startswith("CMP-2026")
    assert "samr_measures_2026_unverified" in [f.code for f in flags_after]
    # The old grounds still decide, as the best available guide.
    late = clean(
        {"purchase": {"date": "2023-04-01"}, "history": {"first_knew_of_harm": "2023-04-14"}}
    )
    assert not admissibility.compute(late, D("2026-04-15")).market_regulator.admissible
    old_rules = admissibility.evaluate(clean(), D("2019-12-31"))[1]
    assert [f.code for f in old_rules] == ["samr_rules_before_2020_not_modelled"]


# --- admissibility: consumer association (A9(a)) ----------------------------------------------


@pytest.mark.parametrize(
    ("doc", "code"),
    [
        ({"history": {"warranty_expired": True}}, "warranty_expired"),
        (
            {"goods": {"marked_as_seconds": True}, "seller": {"disclosed_before_sale": True}},
            "sold_as_seconds",
        ),
        ({"history": {"damage_from_misuse": True}}, "damage_from_misuse"),
        ({"history": {"mediation_agreement_performed": True}}, "mediation_performed"),
    ],
)
def test_association_only_grounds(doc: Doc, code: str) -> None:
    result = admissibility.compute(clean(doc), D("2025-06-01"))
    assert codes(result.consumer_association) == [code]
    assert result.market_regulator.admissible  # not a ground before the regulator


def test_warranty_concerns_quality_complaints_only() -> None:
    doc = {"history": {"warranty_expired": True}, "problems": ["quality_defect", "counterfeit"]}
    assert admissibility.compute(clean(doc), D("2025-06-01")).consumer_association.admissible


def test_seconds_with_misstated_reason_are_accepted() -> None:
    misstated = {"goods": {"marked_as_seconds": True}, "seller": {"disclosed_before_sale": False}}
    assert admissibility.compute(clean(misstated), D("2025-06-01")).consumer_association.admissible
    unknown = {"goods": {"marked_as_seconds": True}, "seller": {"disclosed_before_sale": None}}
    result, _, missing = admissibility.evaluate(clean(unknown), D("2025-06-01"))
    assert pending(result.consumer_association) == ["sold_as_seconds"]
    assert [m.fact for m in missing] == ["seller.disclosed_before_sale"]


def test_one_year_practice_flag() -> None:
    flags = admissibility.evaluate(clean(), D("2026-03-06"))[1]
    assert flags == []
    flags = admissibility.evaluate(clean(), D("2026-03-07"))[1]
    assert [f.code for f in flags] == ["association_one_year_practice"]


# --- deadlines --------------------------------------------------------------------------------


def test_agency_clocks_across_national_day_2025() -> None:
    found = by_name(deadlines.compute(clean({"problems": ["counterfeit"]}), D("2025-09-29")))
    decide = found["complaint_acceptance_decision"]
    assert decide.date == D("2025-10-15") and decide.start_assumed and decide.unit == "working_days"
    assert [c["provision"] for c in decide.citations] == ["CRPL-46", "CMP-14"]
    assert "2025-09-29" in decide.explanation.en and "2025-10-15" in decide.explanation.zh
    assert found["complaint_mediation_ends"].date == add_working_days(D("2025-10-15"), 45)
    # 09-30, then from 10-09 (Saturday 10-11 included) to the 15th working day, 10-27.
    assert found["violation_verification"].date == D("2025-10-27")
    assert found["violation_verification_extended"].date == D("2025-11-17")


def test_acceptance_decision_across_spring_festival_2026() -> None:
    found = by_name(deadlines.compute(clean(), D("2026-02-13")))
    # 02-14 (Saturday make-up), 02-24, 25, 26, 27, 02-28 (Saturday make-up), 03-02.
    assert found["complaint_acceptance_decision"].date == D("2026-03-02")
    assert "violation_verification" not in found  # a quality dispute alone is not a violation


def test_filed_complaint_has_no_assumed_date() -> None:
    doc = {"history": {"already_handled_by": "market_regulator"}}
    found = by_name(deadlines.compute(clean(doc), D("2025-06-03")))
    decide = found["complaint_acceptance_decision"]
    assert decide.date is None and not decide.start_assumed
    assert "receives the complaint" in decide.runs_from.en


@pytest.mark.parametrize("handled", ["court", "arbitration"])
def test_no_agency_clocks_before_a_court_or_tribunal(handled: str) -> None:
    doc = {"history": {"already_handled_by": handled}}
    found = by_name(deadlines.compute(clean(doc), D("2025-06-03")))
    assert "complaint_acceptance_decision" not in found
    assert "limitation_period_ends" in found


def test_unpublished_calendar_is_flagged() -> None:
    flags = deadlines.evaluate(clean(), D("2026-12-01"))[1]
    assert "calendar_not_published" in [f.code for f in flags]
    _, flags, _ = deadlines.evaluate(
        clean({"history": {"first_knew_of_harm": None}}), D("2025-06-03")
    )
    assert "calendar_not_published" not in [f.code for f in flags]


@pytest.mark.parametrize(
    ("doc", "end"),
    [
        ({"purchase": {"received_date": "2025-03-05"}}, "2025-03-12"),
        ({"purchase": {"received_date": "2025-09-30"}}, "2025-10-07"),  # holidays not skipped
        ({"purchase": {"received_date": "2025-03-05", "channel": "offline_store"}}, None),
        ({"purchase": {"received_date": "2025-03-05"}, "goods": {"category": "custom_made"}}, None),
        (
            {
                "purchase": {"received_date": "2025-03-05"},
                "goods": {"consumer_confirmed_non_returnable": True},
            },
            None,
        ),
    ],
)
def test_no_reason_return_window(doc: Doc, end: str | None) -> None:
    found = by_name(deadlines.compute(clean(doc), D("2025-03-06")))
    if end is None:
        assert "no_reason_return_window_ends" not in found
    else:
        window = found["no_reason_return_window_ends"]
        assert window.date == D(end) and window.count == 7
        assert window.passed is False


def test_return_window_without_receipt_date_asks_for_it() -> None:
    found, _, missing = deadlines.evaluate(clean(), D("2025-03-06"))
    assert by_name(found)["no_reason_return_window_ends"].date is None
    assert "purchase.received_date" in [m.fact for m in missing]


def test_deemed_refusal_marks() -> None:
    doc = {"problems": ["return_refused"], "purchase": {"received_date": "2025-03-05"}}
    found = by_name(deadlines.compute(clean(doc), D("2025-03-10")))
    assert found["deemed_refusal_return_request"].date == D("2025-03-25")
    assert found["deemed_refusal_remedy"].date == D("2025-03-25")
    assert found["refund_after_return_due"].date is None
    assert "receives the goods back" in found["deemed_refusal_refund"].runs_from.en
    asked = merge(doc, {"history": {"negotiated_with_seller": True}})
    found = by_name(deadlines.compute(clean(asked), D("2025-03-10")))
    assert found["deemed_refusal_return_request"].date is None
    before = merge(doc, {"purchase": {"date": "2015-03-14", "received_date": "2015-03-14"}})
    found = by_name(deadlines.compute(clean(before), D("2015-03-16")))
    assert "deemed_refusal_remedy" not in found and "deemed_refusal_return_request" not in found


@pytest.mark.parametrize(
    ("knew", "end"),
    [
        ("2025-03-06", "2028-03-06"),
        ("2022-10-01", "2025-10-09"),  # anniversary in the National Day break (CC 203)
        ("2023-02-17", "2026-02-24"),  # anniversary in the 2026 Spring Festival break
        ("2022-09-28", "2025-09-28"),  # a Sunday make-up day is a working day
    ],
)
def test_limitation_period(knew: str, end: str) -> None:
    doc = {"purchase": {"date": "2022-01-10"}, "history": {"first_knew_of_harm": knew}}
    found = by_name(deadlines.compute(clean(doc), D("2025-01-01")))
    assert found["limitation_period_ends"].date == D(end)
    assert found["limitation_period_ends"].citations[0]["provision"] == "CC-188"


def test_limitation_day_boundary() -> None:
    on = by_name(deadlines.compute(clean(), D("2028-03-06")))["limitation_period_ends"]
    after = by_name(deadlines.compute(clean(), D("2028-03-07")))["limitation_period_ends"]
    assert on.passed is False and after.passed is True


def test_limitation_without_knowledge_date() -> None:
    doc = merge(CLEAN, {"history": {"first_knew_of_harm": None}})
    found, _, missing = deadlines.evaluate(facts(doc), D("2025-06-01"))
    assert by_name(found)["limitation_period_ends"].date is None
    assert "history.first_knew_of_harm" in [m.fact for m in missing]


def test_limitation_interrupted_and_old_law() -> None:
    doc = {"history": {"negotiated_with_seller": True}}
    found = by_name(deadlines.compute(clean(doc), D("2025-06-01")))["limitation_period_ends"]
    assert "CC-195" in [c["provision"] for c in found.citations]
    old = {"purchase": {"date": "2020-05-01"}, "history": {"first_knew_of_harm": "2020-06-01"}}
    flags = deadlines.evaluate(clean(old), D("2021-06-01"))[1]
    assert "limitation_old_law" in [f.code for f in flags]


@pytest.mark.parametrize("injury", ["personal_injury", "property_damage", "death"])
def test_product_defect_two_years_flagged(injury: str) -> None:
    doc = {"harm": {"injury": injury}, "purchase": {"received_date": "2025-03-05"}}
    found, flags, _ = deadlines.evaluate(clean(doc), D("2025-06-01"))
    named = by_name(found)
    assert named["limitation_period_ends_pql45"].date == D("2027-03-08")  # 03-06 is a Saturday
    assert named["product_defect_long_stop"].date == D("2035-03-05")
    assert "limitation_pql45_conflict" in [f.code for f in flags]


def test_no_pql45_without_injury() -> None:
    found, flags, _ = deadlines.evaluate(clean({"harm": {"injury": "none"}}), D("2025-06-01"))
    assert "limitation_period_ends_pql45" not in by_name(found)
    assert "limitation_pql45_conflict" not in [f.code for f in flags]


def test_quality_notice_long_stop() -> None:
    doc = {"purchase": {"date": "2023-01-05", "received_date": "2023-01-10"}}
    found = by_name(deadlines.compute(clean(doc), D("2024-06-01")))
    notice = found["quality_notice_long_stop"]
    assert notice.date == D("2025-01-10") and notice.citations[0]["provision"] == "CC-621-2"
    knew = merge(doc, {"harm": {"seller_knew_of_defect": True}})
    assert "quality_notice_long_stop" not in by_name(
        deadlines.compute(clean(knew), D("2024-06-01"))
    )
    _, _, missing = deadlines.evaluate(clean(doc), D("2025-01-11"))
    assert "harm.seller_knew_of_defect" in [m.fact for m in missing]
    _, _, missing = deadlines.evaluate(clean(doc), D("2025-01-10"))
    assert "harm.seller_knew_of_defect" not in [m.fact for m in missing]
    old = {"purchase": {"date": "2020-06-01", "received_date": "2020-06-03"}}
    found = by_name(deadlines.compute(clean(old), D("2021-06-01")))
    assert found["quality_notice_long_stop"].citations[0]["provision"] == "CLAW-158"


# --- jurisdiction -----------------------------------------------------------------------------


def test_in_platform_seller_two_offices() -> None:
    result = jurisdiction.compute(clean({"purchase": {"platform_name": "抖音"}}), D("2025-06-01"))
    assert result.position == "in_platform_seller"
    assert len(result.complaint.offices) == 2 and result.complaint.level == "county"
    assert "抖音" in result.complaint.offices[1].where.zh
    assert [o.citations[0]["provision"] for o in result.report.offices] == ["RPT-27-2"] * 2


@pytest.mark.parametrize(
    ("doc", "position", "complaint_rule", "report_rule"),
    [
        ({"purchase": {"channel": "platform_self_operated"}}, "platform", "CMP-12-2", "RPT-27-1"),
        (
            {"purchase": {"channel": "wechat_private"}},
            "own_site_or_other_network",
            "CMP-12-2",
            "RPT-27-1",
        ),
        (
            {"purchase": {"channel": "own_website"}},
            "own_site_or_other_network",
            "CMP-12-2",
            "RPT-27-1",
        ),
        ({"purchase": {"channel": "offline_store"}}, "offline", "CMP-12-1", "RPT-25"),
        ({"purchase": {"channel": "tv_phone_mail"}}, "remote_other", "CMP-12-1", "RPT-25"),
    ],
)
def test_positions(doc: Doc, position: str, complaint_rule: str, report_rule: str) -> None:
    result = jurisdiction.compute(clean(doc), D("2025-06-01"))
    assert result.position == position
    assert result.complaint.offices[0].citations[0]["provision"] == complaint_rule
    assert result.report.offices[0].citations[0]["provision"] == report_rule


def test_special_offices() -> None:
    fair = jurisdiction.compute(clean({"purchase": {"channel": "trade_fair"}}), D("2025-06-01"))
    assert [o.respondent for o in fair.complaint.offices] == [
        "seller",
        "fair_organizer_or_counter_lessor",
    ]
    ad = jurisdiction.compute(clean({"problems": ["false_advertising"]}), D("2025-06-01"))
    assert ad.report.offices[-1].respondent == "ad_publisher"
    unknown = {"platform": {"can_identify_seller": False}}
    assert jurisdiction.compute(clean(unknown)).complaint.offices[-1].respondent == "platform"
    hidden = {"purchase": {"channel": "wechat_private"}, "seller": {"identified": False}}
    assert "not known" in jurisdiction.compute(clean(hidden), D("2025-06-01")).complaint.choice.en
    _, flags, _ = jurisdiction.evaluate(clean(), D("2026-04-15"))
    assert [f.code for f in flags] == ["samr_measures_2026_unverified"]


# --- seller exposure --------------------------------------------------------------------------


def seller(conduct: str = "2025-03-02", problems: list[str] | None = None, **amounts: Any) -> Facts:
    doc = {
        "purchase": {"date": conduct},
        "problems": problems or ["counterfeit"],
        "seller": {k: v for k, v in amounts.items()},
        # Harm cannot be known before the purchase (facts/contradictions.py).
        "history": {"first_knew_of_harm": max(conduct, "2025-03-06")},
    }
    return clean(doc)


def entry(result: exposure.SellerExposure, article: str) -> exposure.CriminalExposure:
    return next(c for c in result.criminal if c.article == article)


def admin(result: exposure.SellerExposure, article: str) -> exposure.AdministrativeExposure:
    return next(a for a in result.administrative if a.article == article)


@pytest.mark.parametrize(
    ("sales", "unsold", "big", "cap"),
    [
        ("49999.99", "0", False, "250000.00"),
        ("50000.00", "0", True, "250000.00"),
        ("40000.00", "20000.00", True, "300000.00"),
        ("100000.00", "0", True, "500000.00"),
    ],
)
def test_tm60_fine(sales: str, unsold: str, big: bool, cap: str) -> None:
    tm = admin(
        exposure.compute(seller(total_sales_amount=sales, unsold_goods_value=unsold)), "TM-60-2"
    )
    large, small = tm.ranges
    assert large.applies is big and small.applies is (not big)
    maximum = large.max if big else small.max
    assert (
        maximum is not None and tm.model_dump(mode="json")["ranges"][0 if big else 1]["max"] == cap
    )


def test_tm60_unknown_volume_asks() -> None:
    result, _, missing = exposure.evaluate(seller())
    tm = admin(result, "TM-60-2")
    assert tm.ranges[0].applies is None and tm.ranges[0].max is None
    assert {"seller.total_sales_amount", "seller.unsold_goods_value"} <= {m.fact for m in missing}


@pytest.mark.parametrize(
    ("seller_facts", "status"),
    [
        ({}, "to_be_proven"),
        ({"knowledge_signals": ["no_lawful_source"]}, "unavailable"),
        ({"disclosed_before_sale": True}, "unavailable"),
        ({"knowledge_signals": ["previously_penalised"]}, "unavailable"),
    ],
)
def test_lawful_source_defence(seller_facts: Doc, status: str) -> None:
    tm = admin(exposure.compute(seller(**seller_facts)), "TM-60-2")
    assert tm.defences[0].code == "lawful_source" and tm.defences[0].status == status
    assert [c["provision"] for c in tm.defences[0].citations] == ["TM-60-2", "TM-64-2"]


def test_pql50_range_and_passing_off() -> None:
    result = exposure.compute(seller(total_sales_amount="10000", unsold_goods_value="2000"))
    pql = admin(result, "PQL-50").model_dump(mode="json")["ranges"][0]
    assert (pql["min"], pql["max"]) == ("6000.00", "36000.00")
    replica = exposure.compute(seller(disclosed_before_sale=True))
    assert "PQL-50" not in [a.article for a in replica.administrative]


@pytest.mark.parametrize(
    ("gains", "with_gains", "without"),
    [("1000.00", ("1000.00", "10000.00"), False), ("0", (None, None), True)],
)
def test_crpl56(gains: str, with_gains: tuple[str | None, str | None], without: bool) -> None:
    result = exposure.compute(seller(problems=["return_refused"], illegal_gains=gains))
    crpl = admin(result, "CRPL-56").model_dump(mode="json")
    assert (crpl["ranges"][0]["min"], crpl["ranges"][0]["max"]) == with_gains
    assert crpl["ranges"][1]["applies"] is without and crpl["ranges"][1]["max"] == "500000.00"


def test_pun15_cap() -> None:
    result = exposure.compute(seller(problems=["unfair_terms"], illegal_gains="20000"))
    pun = admin(result, "PUN-15").model_dump(mode="json")
    assert pun["ranges"][0]["max"] == "30000.00"  # 3 x 20,000 capped at 30,000
    result = exposure.compute(seller(problems=["unfair_terms"], illegal_gains="5000"))
    assert admin(result, "PUN-15").model_dump(mode="json")["ranges"][0]["max"] == "15000.00"


def test_ad55_and_food_flag() -> None:
    result = exposure.compute(seller(problems=["false_advertising"]))
    assert [r.max for r in admin(result, "AD-55-1").ranges] == [
        None,
        100_000_000,
        None,
        200_000_000,
    ]
    food = clean({"goods": {"category": "food"}, "problems": ["non_compliant_food"]})
    assert [f.code for f in exposure.evaluate(food)[1]] == ["food_penalties_not_modelled"]


@pytest.mark.parametrize(
    ("conduct", "sales", "band", "sentence"),
    [
        ("2021-02-28", "49999.99", "below_threshold", None),
        ("2021-02-28", "50000.00", "serious", "up to 3 years or criminal detention, and/or a fine"),
        (
            "2021-02-28",
            "249999.99",
            "serious",
            "up to 3 years or criminal detention, and/or a fine",
        ),
        ("2021-02-28", "250000.00", "especially_serious", "3 to 7 years and a fine"),
        ("2021-03-01", "49999.99", "below_threshold", None),
        ("2021-03-01", "50000.00", "serious", "up to 3 years, and/or a fine"),
        ("2021-03-01", "250000.00", "especially_serious", "3 to 10 years and a fine"),
        ("2025-04-25", "250000.00", "especially_serious", "3 to 10 years and a fine"),
        ("2025-04-26", "49999.99", "below_threshold", None),
        ("2025-04-26", "50000.00", "serious", "up to 3 years, and/or a fine"),
        ("2025-04-26", "250000.00", "especially_serious", "3 to 10 years and a fine"),
    ],
)
def test_cl214_bands_by_date_of_conduct(
    conduct: str, sales: str, band: str, sentence: str | None
) -> None:
    result = exposure.compute(
        seller(conduct, total_sales_amount=sales, illegal_gains="0", unsold_goods_value="0")
    )
    cl214 = entry(result, "CL-214")
    assert (cl214.band, cl214.sentence, cl214.attempt) == (band, sentence, False)
    first = cl214.citations[0]["provision"]
    assert first == ("CL-214-1997" if conduct < "2021-03-01" else "CL-214")


@pytest.mark.parametrize(
    ("conduct", "gains", "band"),
    [
        ("2025-04-25", "30000.00", "below_threshold"),  # gains had no figure yet
        ("2025-04-26", "29999.99", "below_threshold"),
        ("2025-04-26", "30000.00", "serious"),
        ("2025-04-26", "300000.00", "especially_serious"),
    ],
)
def test_cl214_illegal_gains_from_2025(conduct: str, gains: str, band: str) -> None:
    result, flags, _ = exposure.evaluate(
        seller(conduct, total_sales_amount="10000", illegal_gains=gains, unsold_goods_value="0")
    )
    assert entry(result, "CL-214").band == band
    expected = (
        "criminal_thresholds_2025_unverified"
        if conduct >= "2025-04-26"
        else "criminal_thresholds_interim_unverified"
    )
    assert expected in [f.code for f in flags]
    if conduct >= "2025-04-26":
        assert entry(result, "CL-214").citations[1]["verification"] == "unverified"


@pytest.mark.parametrize(
    ("sales", "unsold", "band", "attempt"),
    [
        ("0", "150000.00", "serious", True),
        ("0", "149999.99", "below_threshold", False),
        ("40000.00", "110000.00", "serious", True),
        ("40000.00", "109999.99", "below_threshold", False),
    ],
)
def test_cl214_attempt(sales: str, unsold: str, band: str, attempt: bool) -> None:
    result = exposure.compute(
        seller(total_sales_amount=sales, unsold_goods_value=unsold, illegal_gains="0")
    )
    cl214 = entry(result, "CL-214")
    assert (cl214.band, cl214.attempt) == (band, attempt)


def test_cl214_unknown_amounts_do_not_assert_a_band() -> None:
    result, _, missing = exposure.evaluate(seller())
    cl214 = entry(result, "CL-214")
    assert cl214.band is None and cl214.sentence is None
    assert "seller.total_sales_amount" in [m.fact for m in missing]
    high = exposure.compute(seller(total_sales_amount="300000"))
    assert entry(high, "CL-214").band == "especially_serious"  # unsold stock cannot lower it
    mid, _, missing = exposure.evaluate(seller("2025-05-01", total_sales_amount="60000"))
    assert entry(mid, "CL-214").band is None and entry(mid, "CL-214").band_at_least == "serious"
    assert "seller.illegal_gains" in [m.fact for m in missing]  # 2025 figures use gains too
    low, _, missing = exposure.evaluate(seller("2024-01-01", total_sales_amount="1000"))
    assert entry(low, "CL-214").band is None
    assert "seller.unsold_goods_value" in [m.fact for m in missing]


def test_cl214_knowledge() -> None:
    assert entry(exposure.compute(seller()), "CL-214").knowledge == "to_be_proven"
    signalled = seller(knowledge_signals=["altered_marks_or_dates"])
    assert entry(exposure.compute(signalled), "CL-214").knowledge == "presumed"
    cheap_old = seller("2024-01-01", knowledge_signals=["price_far_below_market"])
    cheap_new = seller("2025-05-01", knowledge_signals=["price_far_below_market"])
    assert entry(exposure.compute(cheap_old), "CL-214").knowledge == "to_be_proven"
    assert entry(exposure.compute(cheap_new), "CL-214").knowledge == "presumed"
    told = seller(disclosed_before_sale=True)
    assert entry(exposure.compute(told), "CL-214").knowledge == "shown_by_disclosure"


@pytest.mark.parametrize(
    ("conduct", "sales", "unsold", "gains", "band", "sentence"),
    [
        ("2020-06-01", "30000", "19999.99", "0", "below_threshold", None),
        (
            "2020-06-01",
            "30000",
            "20000",
            "0",
            "serious",
            "up to 3 years or criminal detention, and/or a fine",
        ),
        ("2020-06-01", "0", "0", "150000", "especially_serious", "3 to 7 years and a fine"),
        ("2021-06-01", "200000", "50000", "0", "especially_serious", "3 to 10 years and a fine"),
    ],
)
def test_cl213_for_the_maker(
    conduct: str, sales: str, unsold: str, gains: str, band: str, sentence: str | None
) -> None:
    result = exposure.compute(
        seller(
            conduct,
            made_the_counterfeits=True,
            total_sales_amount=sales,
            unsold_goods_value=unsold,
            illegal_gains=gains,
        )
    )
    assert "CL-214" not in [c.article for c in result.criminal]
    cl213 = entry(result, "CL-213")
    assert (cl213.band, cl213.sentence) == (band, sentence)


@pytest.mark.parametrize(
    ("sales", "unsold", "band", "attempt"),
    [
        ("49999.99", "0", "below_threshold", False),
        ("50000.00", "0", "tier_1", False),
        ("199999.99", "0", "tier_1", False),
        ("200000.00", "0", "tier_2", False),
        ("500000.00", "0", "tier_3", False),
        ("2000000.00", "0", "tier_4", False),
        ("0", "150000.00", "tier_1", True),
        ("0", "149999.99", "below_threshold", False),
        ("0", "600000.00", "tier_2", True),
    ],
)
def test_cl140_tiers(sales: str, unsold: str, band: str, attempt: bool) -> None:
    result = exposure.compute(
        seller(
            problems=["passed_off_as_genuine"], total_sales_amount=sales, unsold_goods_value=unsold
        )
    )
    cl140 = entry(result, "CL-140")
    assert (cl140.band, cl140.attempt) == (band, attempt)
    dumped = cl140.model_dump(mode="json")
    if band.startswith("tier") and not attempt:
        half = (Decimal(sales) / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert (Decimal(dumped["fine_min"]), Decimal(dumped["fine_max"])) == (
            half,
            2 * Decimal(sales),
        )
    else:
        assert dumped["fine_min"] is None and dumped["fine_max"] is None


def test_cl140_fine_range() -> None:
    result = exposure.compute(
        seller(problems=["passed_off_as_genuine"], total_sales_amount="80000")
    )
    dumped = entry(result, "CL-140").model_dump(mode="json")
    assert (dumped["fine_min"], dumped["fine_max"]) == ("40000.00", "160000.00")


# --- recommended path -------------------------------------------------------------------------

EXAMPLE: Doc = {
    "purchase": {
        "date": "2025-03-02",
        "received_date": "2025-03-05",
        "amount_paid": "2680.00",
        "channel": "live_stream",
        "platform_name": "抖音",
        "payment": "platform",
    },
    "goods": {"category": "luxury_fashion", "brand": "LV", "condition": "intact"},
    "problems": ["counterfeit"],
    "seller": {"kind": "individual_habitual", "identified": False},
    "platform": {"involved": True, "can_identify_seller": True},
    "consumer": {"purpose": "personal_consumption"},
    "history": {
        "first_knew_of_harm": "2025-03-06",
        "negotiated_with_seller": True,
        "seller_response": "refused",
        "already_handled_by": "none",
        "mediation_agreement_performed": False,
    },
    "respondent_identifiable": True,
}


def steps(doc: Doc, *, remedies: bool = True, as_of: str = "2025-06-01") -> list[str]:
    return path.compute(Facts.model_validate(doc), D(as_of), remedies_available=remedies)


def test_contract_example_path() -> None:
    assert steps(EXAMPLE) == [
        "preserve_evidence",
        "negotiate",
        "platform_intervention",
        "complain_market_regulator",
        "lawsuit",
    ]
    lawsuit = path.steps(Facts.model_validate(EXAMPLE), D("2025-06-01"), remedies_available=True)[
        -1
    ]
    assert "internet court" in lawsuit.explanation.en
    assert "ICP-2" in [c["provision"] for c in lawsuit.citations]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"history": {"already_handled_by": "court"}}, ["preserve_evidence", "lawsuit"]),
        ({"history": {"already_handled_by": "arbitration"}}, ["preserve_evidence", "arbitration"]),
        (
            {"history": {"seller_response": "no_contact_possible"}},
            [
                "preserve_evidence",
                "platform_intervention",
                "complain_market_regulator",
                "report_violation",
                "lawsuit",
            ],
        ),
        (
            {"history": {"mediation_agreement_performed": True}},
            ["preserve_evidence", "report_violation"],
        ),
        (
            {"purchase": {"channel": "wechat_private"}, "platform": {"involved": False}},
            ["preserve_evidence", "negotiate", "complain_market_regulator", "lawsuit"],
        ),
        (
            {"purchase": {"date": "2020-12-20"}, "history": {"first_knew_of_harm": "2021-01-01"}},
            [
                "preserve_evidence",
                "negotiate",
                "platform_intervention",
                "complain_consumer_association",
                "report_violation",
                "lawsuit",
            ],
        ),
        (
            {"consumer": {"purpose": "resale_or_business"}},
            [
                "preserve_evidence",
                "negotiate",
                "platform_intervention",
                "report_violation",
                "mediation",
                "lawsuit",
            ],
        ),
        (
            {
                "purchase": {"channel": "second_hand_platform"},
                "seller": {"kind": "private_individual"},
                "problems": ["not_as_described"],
            },
            ["preserve_evidence", "negotiate", "platform_intervention", "mediation", "lawsuit"],
        ),
        (
            {
                "respondent_identifiable": False,
                "purchase": {"channel": "wechat_private"},
                "platform": {"involved": False},
            },
            ["preserve_evidence", "negotiate", "report_violation"],
        ),
    ],
)
def test_path_skips_what_does_not_apply(change: Doc, expected: list[str]) -> None:
    assert steps(merge(EXAMPLE, change)) == expected


def test_no_remedy_left() -> None:
    assert steps(EXAMPLE, remedies=False) == ["preserve_evidence", "report_violation"]
    quality = merge(EXAMPLE, {"problems": ["quality_defect"]})
    assert steps(quality, remedies=False) == ["preserve_evidence"]


def test_offline_lawsuit_has_no_internet_court() -> None:
    doc = merge(
        EXAMPLE, {"purchase": {"channel": "offline_store"}, "platform": {"involved": False}}
    )
    lawsuit = path.steps(Facts.model_validate(doc), D("2025-06-01"), remedies_available=True)[-1]
    assert lawsuit.step == "lawsuit" and "ICP-2" not in [c["provision"] for c in lawsuit.citations]


# --- provisions -------------------------------------------------------------------------------

_MINE = (
    "CMP",
    "CMP-2026",
    "RPT",
    "CA",
    "CL",
    "IPC-2004",
    "IPC-2025",
    "FSC-2001",
    "PFS-2010",
    "TM",
    "AP",
    "ICP",
    "MED",
    "ARB",
    "CPL",
)


def test_procedure_provisions_are_complete() -> None:
    found = [p for p in all_provisions() if p.instrument in _MINE]
    assert len(found) > 40
    for p in found:
        assert p.summary.zh and p.summary.en, p.id
        assert p.valid_to is None or p.valid_to >= p.valid_from, p.id
        assert p.verification in ("text", "secondary", "unverified"), p.id
    by_id = {p.id: p for p in all_provisions()}
    assert by_id["IPC-2025-5"].verification == "unverified"
    assert by_id["CMP-15-1-4"].valid_to == D("2026-04-14")
    assert by_id["CL-214"].valid_from == D("2021-03-01")
    assert by_id["CL-214-1997"].valid_to == D("2021-02-28")
