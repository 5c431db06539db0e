"""Properties of the court module (Hypothesis).

- the filing fee (LFM Art. 13(1)) never falls as the claim grows, is continuous at every band
  edge (one fen more costs at most one fen of fee more), is the flat fee up to the first edge,
  and the simplified fee (Art. 16) is half the full fee, rounded half up;
- the small-claims answer is monotone in the claim for a province whose limit is known:
  applies, then by agreement, then not applicable; a province without a limit is "check";
- place names written short or long give the same court;
- the text rendering has the court section with its figures, in both languages.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from weiquan.law import parameters
from weiquan.law.court.money import filing_fee, simplified_fee, small_claims
from weiquan.law.court.places import normalise
from weiquan.law.engine import assess
from weiquan.law.facts import Place
from weiquan.law.text import render

DAY = date(2026, 6, 1)
FEN = st.integers(min_value=1, max_value=50_000_000_00)  # up to 50 million yuan


def _edges() -> list[int]:
    out = []
    n = 2
    while True:
        try:
            out.append(parameters.get(f"court_fee.band_{n}.from").fen_at(DAY))
        except KeyError:
            return out
        n += 1


def test_the_bands_are_those_of_the_measures() -> None:
    # LFM Art. 13(1): 10,000 / 100,000 / 200,000 / 500,000 / 1 m / 2 m / 5 m / 10 m / 20 m yuan.
    assert [e // 100 for e in _edges()] == [
        10_000,
        100_000,
        200_000,
        500_000,
        1_000_000,
        2_000_000,
        5_000_000,
        10_000_000,
        20_000_000,
    ]
    # Worked examples: 50 yuan flat; 50 + 2.5% of 90,000 = 2,300; + 2% of 100,000 = 4,300.
    assert filing_fee(10_000_00, DAY) == 50_00
    assert filing_fee(100_000_00, DAY) == 2_300_00
    assert filing_fee(200_000_00, DAY) == 4_300_00
    assert filing_fee(1_000_000_00, DAY) == 13_800_00


@settings(max_examples=300, deadline=None)
@given(FEN, st.integers(min_value=0, max_value=1_000_000_00))
def test_the_fee_never_falls(claim: int, more: int) -> None:
    assert filing_fee(claim + more, DAY) >= filing_fee(claim, DAY)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(range(9)), st.integers(min_value=-3, max_value=3))
def test_the_fee_is_continuous_at_the_edges(band: int, step: int) -> None:
    edge = _edges()[band]
    before, after = filing_fee(edge + step, DAY), filing_fee(edge + step + 1, DAY)
    assert 0 <= after - before <= 1  # one fen of claim, at most one fen of fee (rounded)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10_000_00))
def test_the_flat_fee_up_to_the_first_edge(claim: int) -> None:
    assert filing_fee(claim, DAY) == 50_00


@settings(max_examples=300, deadline=None)
@given(FEN)
def test_the_simplified_fee_is_half(claim: int) -> None:
    full = filing_fee(claim, DAY)
    half = simplified_fee(full, DAY)
    assert half == (full + 1) // 2  # half, rounded half up to the fen


_ORDER = {"applies": 0, "check": 0, "by_agreement": 1, "not_applicable": 2}


@settings(max_examples=200, deadline=None)
@given(FEN, st.integers(min_value=0, max_value=500_000_00))
def test_small_claims_is_monotone_in_the_claim(claim: int, more: int) -> None:
    def rank(c: int) -> int:
        s = small_claims(c, "江苏省", DAY, appraisal=False, outside_mainland=False)
        return _ORDER[s.status]

    assert rank(claim + more) >= rank(claim)


@settings(max_examples=50, deadline=None)
@given(FEN)
def test_an_unknown_province_is_check(claim: int) -> None:
    s = small_claims(claim, "西藏自治区", DAY, appraisal=False, outside_mainland=False)
    assert s.status == "check" and s.limit is None and "核实" in s.reason.zh


def test_the_jiangsu_limit_and_its_edges() -> None:
    limit = parameters.get("small_claims.limit.江苏省").fen_at(DAY)
    assert limit == 64_610_00

    def status(c: int, *, appraisal: bool = False) -> str:
        return small_claims(c, "江苏省", DAY, appraisal=appraisal, outside_mainland=False).status

    assert status(limit) == "applies" and status(limit + 1) == "by_agreement"
    assert status(4 * limit) == "by_agreement" and status(4 * limit + 1) == "not_applicable"
    assert status(limit, appraisal=True) == "check"
    # Before the notice took effect, and more than a year after it: check with the court.
    assert (
        small_claims(
            100_00, "江苏省", date(2025, 6, 1), appraisal=False, outside_mainland=False
        ).status
        == "check"
    )
    assert (
        small_claims(
            100_00, "江苏省", date(2027, 3, 1), appraisal=False, outside_mainland=False
        ).status
        == "check"
    )


@given(
    st.sampled_from([("浙江", "杭州"), ("浙江省", "杭州市"), ("浙江省", "杭州"), (None, "杭州市")]),
)
def test_place_names_short_or_long(names: tuple[str | None, str]) -> None:
    province, city = names
    where = normalise(Place(province=province, city=city, district="西湖区"))
    assert where is not None and where.city == "杭州市"
    assert where.named_court() == "杭州市西湖区人民法院"


def test_municipalities_and_counties() -> None:
    bj = normalise(Place(province="北京", district="朝阳区"))
    assert bj is not None and bj.city == "北京市" and bj.named_court() == "北京市朝阳区人民法院"
    county = normalise(Place(province="浙江", city="杭州", district="桐庐县"))
    assert county is not None and county.named_court() == "浙江省桐庐县人民法院"
    vague = normalise(Place(province="浙江", city="杭州", district="西湖"))
    assert vague is not None and vague.named_court() is None  # no guessing 区 or 县
    assert normalise(Place()) is None


def test_the_text_rendering_names_the_court_and_the_figures() -> None:
    facts = {
        "purchase": {
            "date": "2026-03-02",
            "amount_paid": "100000.00",
            "channel": "platform_store",
            "delivery_place": {"province": "江苏", "city": "无锡", "district": "梁溪区"},
        },
        "goods": {"category": "jewelry_collectible"},
        "problems": ["not_as_described"],
        "seller": {"kind": "company", "identified": True},
        "consumer": {"purpose": "personal_consumption"},
    }
    a = assess(facts, as_of=DAY)
    zh, en = render(a, "zh"), render(a, "en")
    assert "## 可以起诉的法院" in zh and "无锡市梁溪区人民法院 (建议)" in zh
    assert "江苏省上限 64610.00元" in zh and "2300.00元 / 1150.00元" in zh
    assert "## Which court can hear your suit" in en and "(suggested)" in en
    assert "by agreement up to 258440.00 yuan" in en
    # The seller's place is unknown: the assessment asks for it in plain words.
    asked = {m.fact: m.question.zh for m in a.missing_facts}
    assert "卖家在哪里" in asked["seller.domicile"]
