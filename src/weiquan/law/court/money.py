"""What the suit claims, whether the small-claims procedure applies, and the filing fee.

The amount claimed is what the assessment says the consumer can ask for: the refund, the
recommended punitive damages and the losses, each unless unavailable (contested amounts count:
they are claimed, and the court decides) — the same sum the civil complaint states.

Small claims (CPL Arts. 165-166): at most half the province's average annual wage of the
previous year, as the province's high court announces it (parameters/court.yaml, with its
source); from half up to twice the wage, only if both sides agree. A province whose limit the
project does not hold, or a limit more than a year old (they are republished yearly), gives
"check". Counterfeit and quality disputes often need an appraisal or a test, which takes a case
out of the procedure (Art. 166 item 3): within the limit they are "check", not "applies".

Filing fee (LFM Art. 13(1)): 50 yuan up to 10,000 yuan, then each band's rate on the part of
the claim inside it; half under the simplified procedure (Art. 16), which small claims belong
to (CPL chapter 13); some courts charge small claims less still, so the text says to check.
Rounded half up to the fen; the loser bears it in the end (Art. 29).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .. import parameters
from ..memo import cached
from ..money import format_fen, multiply, parse_yuan
from ..provision import Citations, Text, cite, implements, text
from .articles import CPL_165, CPL_166, CPLI_549, LFM_13, LFM_16, LFM_29
from .models import CourtFee, SmallClaims
from .models import SmallClaimsStatus as Status

if TYPE_CHECKING:  # the assessment imports this package's models
    from ..assessment import Remedy

__all__ = ["claimed", "fee", "filing_fee", "small_claims"]

# A province's small-claims limit is republished about once a year (CPLI Art. 272 takes the
# latest published wage); older than this, the figure is shown but the answer is "check".
_FRESH = timedelta(days=366)


def _fen(amount: str) -> int:
    """An amount the engine wrote ("8040.00", always two places) in fen, without Decimal."""
    whole, dot, cents = amount.partition(".")
    if dot and len(cents) == 2 and whole.isdigit() and cents.isdigit():
        return int(whole) * 100 + int(cents)
    return parse_yuan(amount)


def claimed(remedies: Sequence[Remedy]) -> int:
    """Refund + recommended punitive + losses, in fen (unavailable ones left out)."""
    total = 0
    seen: set[str] = set()
    for r in remedies:
        if r.status == "unavailable" or r.amount is None:
            continue
        if r.kind == "punitive" and not r.recommended:
            continue
        if r.kind in ("refund", "punitive", "loss_compensation") and r.kind not in seen:
            seen.add(r.kind)
            total += _fen(r.amount)
    return total


@cached(16, results=False)
def _schedule(day: date) -> tuple[Decimal, tuple[tuple[int, int | None, Decimal], ...]]:
    """The flat fee and the bands (start, end, rate) in force on `day`, in fen: built once
    from the parameter files (a constant of the law, not a result)."""
    flat = Decimal(parameters.get("court_fee.flat").fen_at(day))
    starts: list[tuple[int, Decimal]] = []
    n = 2
    while True:
        try:
            start = parameters.get(f"court_fee.band_{n}.from").fen_at(day)
            rate = Decimal(parameters.get(f"court_fee.band_{n}.rate").at(day))
        except KeyError:
            break
        starts.append((start, rate))
        n += 1
    ends: list[int | None] = [s for s, _ in starts[1:]] + [None]
    return flat, tuple((s, e, r) for (s, r), e in zip(starts, ends, strict=True))


@implements(LFM_13)
def filing_fee(claim: int, day: date) -> int:
    """The filing fee of a property claim of `claim` fen under the ordinary procedure."""
    fee, bands = _schedule(day)
    for start, end, rate in bands:
        if claim <= start:
            break
        top = claim if end is None else min(claim, end)
        fee += (top - start) * rate
    return int(fee.to_integral_value(rounding=ROUND_HALF_UP))


@implements(LFM_16)
def simplified_fee(full: int, day: date) -> int:
    """The fee under the simplified procedure: half (LFM Art. 16)."""
    return multiply(full, _simplified_share(day))


@cached(16, results=False)
def _simplified_share(day: date) -> int | Decimal:
    return parameters.get("court_fee.simplified_share").at(day)


_FEE = text(
    "按诉讼请求金额分段累计计算的案件受理费；适用简易程序（含小额诉讼）的减半；部分法院对小额诉讼另有更低标准，请向法院核实。受理费由原告预交，最终由败诉方负担。",
    "The filing fee on the amount claimed, by bands ; half under the simplified "
    "procedure, small claims included; some courts charge small claims less, so "
    "check with the court. You advance it; the losing party bears it in the end.",
)


@implements(LFM_13, LFM_16, LFM_29)
def fee(claim: int, day: date) -> CourtFee | None:
    if claim <= 0:
        return None
    full = filing_fee(claim, day)
    return CourtFee(
        claimed=format_fen(claim),
        full=format_fen(full),
        simplified=format_fen(simplified_fee(full, day)),
        explanation=_FEE,
        citations=_FEE_CITES,
    )


@cached(64, results=False)
def _limit(province: str, day: date) -> tuple[int | None, date | None]:
    """The province's limit in force on `day` and the day it took effect (None: unknown); a
    constant of the parameter files, kept."""
    try:
        p = parameters.get(f"small_claims.limit.{province}")
    except KeyError:
        return None, None
    for v in p.versions:
        if v.covers(day):
            return p.fen_at(day), v.start
    return None, None


@cached(16, results=False)
def _agreed_factor(day: date) -> Decimal:
    """Limit -> agreed limit: twice the wage, the limit being its share (CPL Art. 165)."""
    share = Decimal(parameters.get("small_claims.wage_share").at(day))
    return Decimal(parameters.get("small_claims.agreed_multiple").at(day)) / share


_ABROAD = text(
    "一方在香港、澳门或台湾，参照涉外案件处理，不适用小额诉讼程序。",
    "A party in Hong Kong, Macao or Taiwan: the case follows the foreign-related rules, so the "
    "small-claims procedure does not apply.",
)
_NOTHING = text(
    "目前没有可以主张的金钱请求，谈不上小额诉讼。",
    "There is no money claim to make yet, so small claims do not arise.",
)
_NO_PROVINCE = text(
    "小额诉讼的标的额上限是受诉法院所在省份上年度就业人员年平均工资的50%；法院所在省份尚不清楚，请向法院核实。",
    "The small-claims limit is half the previous year's average annual wage of the court's "
    "province; the province is not known yet: check with the court.",
)
_NO_FIGURE = text(
    "本系统没有该省小额诉讼标的额上限（上年度就业人员年平均工资的50%）的可靠数据，请向法院核实。",
    "The project holds no reliable small-claims limit for this province (half the previous "
    "year's average annual wage): check with the court.",
)
_NO_FIGURE_APPRAISAL = text(
    _NO_FIGURE.zh + "另外，假货、质量问题常需鉴定或检验，需要鉴定的案件不适用小额诉讼程序。",
    _NO_FIGURE.en + " Besides, fakes and quality defects often need an appraisal or a test, "
    "and a case that needs one is not a small claim.",
)
_STALE = text(
    "已知的上限已适用一年以上，可能已按新的年平均工资调整，请向法院核实。",
    "The known limit has applied for more than a year and may have been updated with "
    "a newer wage figure: check with the court.",
)
_APPRAISAL = text(
    "诉讼请求在该省小额诉讼上限以内；但假货、质量问题常需鉴定或检验，需要鉴定的案件不适用小额诉讼程序（按简易程序审理）。",
    "The claim is within the province's small-claims limit; but fakes and quality defects "
    "often need an appraisal or a test, and a case that needs one is not a small claim (the "
    "simplified procedure applies instead).",
)
_APPLIES = text(
    "诉讼请求在该省小额诉讼上限以内：适用小额诉讼程序，一审终审（不能上诉），通常两个月内审结。",
    "The claim is within the province's small-claims limit: the small-claims procedure "
    "applies, final at first instance (no appeal), usually decided within two months.",
)
_BY_AGREEMENT = text(
    "诉讼请求超过该省小额诉讼上限，但不超过上年度就业人员年平均工资的二倍：双方约定的，可以适用小额诉讼程序。",
    "The claim exceeds the province's small-claims limit but not twice the average annual "
    "wage: the small-claims procedure applies only if both sides agree.",
)
_ABOVE = text(
    "诉讼请求超过上年度就业人员年平均工资的二倍，不适用小额诉讼程序。",
    "The claim exceeds twice the average annual wage: no small-claims procedure.",
)


@implements(CPL_165, CPL_166, CPLI_549)
def small_claims(
    claim: int,
    province: str | None,
    day: date,
    *,
    appraisal: bool,
    outside_mainland: bool,
) -> SmallClaims:
    """Whether the small-claims procedure applies to a claim of `claim` fen in `province`."""

    def out(
        status: Status,
        reason: Text,
        limit: int | None = None,
        agreed: int | None = None,
        cites: Citations = _CPL_165,
    ) -> SmallClaims:
        return SmallClaims(
            status=status,
            claimed=format_fen(claim),
            limit=None if limit is None else format_fen(limit),
            agreed_limit=None if agreed is None else format_fen(agreed),
            province=province,
            reason=reason,
            citations=cites,
        )

    if outside_mainland:
        return out("not_applicable", _ABROAD, cites=_ABROAD_CITES)
    if claim <= 0:
        return out("not_applicable", _NOTHING)
    if province is None:
        return out("check", _NO_PROVINCE)
    limit, since = _limit(province, day)
    if limit is None or since is None:
        if appraisal:
            return out("check", _NO_FIGURE_APPRAISAL, cites=_APPRAISAL_CITES)
        return out("check", _NO_FIGURE)
    if day - since > _FRESH:
        return out("check", _STALE, limit)
    agreed = int((limit * _agreed_factor(day)).to_integral_value(ROUND_HALF_UP))
    if claim <= limit and appraisal:
        return out("check", _APPRAISAL, limit, agreed, _APPRAISAL_CITES)
    if claim <= limit:
        return out("applies", _APPLIES, limit, agreed)
    if claim <= agreed:
        return out("by_agreement", _BY_AGREEMENT, limit, agreed)
    return out("not_applicable", _ABOVE, limit, agreed)


# Shared citation lists (read, never changed).
_FEE_CITES = cite(LFM_13, LFM_16, LFM_29)
_CPL_165 = cite(CPL_165)
_APPRAISAL_CITES = cite(CPL_165, CPL_166)
_ABROAD_CITES = cite(CPL_165, CPL_166, CPLI_549)
