"""Properties of the drug rules over generated amounts and dates (Hypothesis).

- DAL Art. 144(3): the amount is the larger of 10 times the price and 3 times the losses, never
  below the 1,000-yuan floor, and never lower for a higher price or higher losses;
- through the engine: a fake drug bought from 2019-12-01 gives that amount, recommended whenever
  it is at least the CRPL's fraud amount; one bought before gives no DAL amount at all;
- CL Art. 140: a higher sales amount or more unsold stock never lowers the band, and the filing
  standard holds exactly where sales reach 50,000, unsold stock 150,000, or 3 x sales + unsold
  stock 150,000.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weiquan.law.engine import assess
from weiquan.law.facts import Facts
from weiquan.law.punitive.drug_regime import drug_amount

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
fen = st.integers(min_value=0, max_value=100_000_000)
DAL_FROM = date(2019, 12, 1)
FLOOR = 100_000  # 1,000 yuan in fen (parameters/drugs.yaml)


@SETTINGS
@given(price=fen, losses=st.one_of(st.none(), fen))
def test_dal_amount_is_the_larger_multiple_and_never_below_the_floor(
    price: int, losses: int | None
) -> None:
    amount = drug_amount(price, losses)
    assert amount >= FLOOR
    assert amount >= 10 * price and amount >= 3 * (losses or 0)
    assert amount in (10 * price, 3 * (losses or 0), FLOOR)


@SETTINGS
@given(price=fen, more=fen, losses=st.one_of(st.none(), fen), extra=fen)
def test_dal_amount_is_monotone_in_price_and_losses(
    price: int, more: int, losses: int | None, extra: int
) -> None:
    base = drug_amount(price, losses)
    assert drug_amount(price + more, losses) >= base
    assert drug_amount(price, (losses or 0) + extra) >= base


def _fake_drug(bought: date, price: Decimal) -> Facts:
    return Facts.model_validate(
        {
            "purchase": {
                "date": bought.isoformat(),
                "amount_paid": str(price),
                "channel": "offline_store",
            },
            "goods": {"category": "drug"},
            "problems": ["counterfeit"],
            "seller": {"kind": "company", "knowledge_signals": ["no_lawful_source"]},
            "consumer": {"purpose": "personal_consumption"},
        }
    )


@SETTINGS
@given(
    days=st.integers(min_value=-2000, max_value=2000),  # CRPL 55 is in force from 2014-03-15
    price=st.decimals(min_value=0, max_value=Decimal("200000"), places=2),
)
def test_the_engine_gives_the_dal_amount_from_2019_12_01_and_elects_the_best(
    days: int, price: Decimal
) -> None:
    bought = DAL_FROM + timedelta(days=days)
    out = assess(_fake_drug(bought, price), as_of=date(2026, 1, 1))
    punitive = {r.regime: r for r in out.remedies if r.kind == "punitive"}
    dal = punitive["DAL-144-3"]
    fraud = punitive["CRPL-55-1"]
    price_fen = int(price * 100)
    if bought < DAL_FROM:
        assert dal.status == "unavailable" and dal.amount is None and not dal.recommended
        assert fraud.recommended
        return
    assert dal.status == "available"
    assert dal.amount == f"{Decimal(max(10 * price_fen, FLOOR)) / 100:.2f}"
    assert fraud.amount is not None
    assert dal.recommended == (Decimal(dal.amount) >= Decimal(fraud.amount))


def _cl140_band(sales: int, unsold: int) -> str | None:
    out = assess(
        {
            "purchase": {"date": "2024-06-01", "amount_paid": "100.00", "channel": "offline_store"},
            "goods": {"category": "clothing"},
            "problems": ["passed_off_as_genuine"],
            "seller": {
                "kind": "company",
                "total_sales_amount": f"{Decimal(sales) / 100:.2f}",
                "unsold_goods_value": f"{Decimal(unsold) / 100:.2f}",
            },
        },
        as_of=date(2025, 1, 1),
    )
    found = [c for c in out.seller_exposure.criminal if c.article == "CL-140"]
    return found[0].band


_ORDER = ["below_threshold", "tier_1", "tier_2", "tier_3", "tier_4"]
amount = st.integers(min_value=0, max_value=300_000_000)


@SETTINGS
@given(sales=amount, unsold=amount, more=amount)
def test_cl140_band_is_monotone_and_meets_the_filing_standard_exactly(
    sales: int, unsold: int, more: int
) -> None:
    band = _cl140_band(sales, unsold)
    assert band is not None
    filed = (
        sales >= 5_000_000
        or unsold >= 15_000_000
        or (sales > 0 and 3 * sales + unsold >= 15_000_000)
    )
    assert (band != "below_threshold") == filed
    for higher in (_cl140_band(sales + more, unsold), _cl140_band(sales, unsold + more)):
        assert higher is not None and _ORDER.index(higher) >= _ORDER.index(band)
