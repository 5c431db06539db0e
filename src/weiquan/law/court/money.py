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
from ..money import format_fen, multiply, parse_yuan
from ..parameters import yuan_en, yuan_zh
from ..provision import Provision, Text, cite, implements
from .articles import CPL_165, CPL_166, CPLI_549, LFM_13, LFM_16, LFM_29
from .models import CourtFee, SmallClaims
from .models import SmallClaimsStatus as Status

if TYPE_CHECKING:  # the assessment imports this package's models
    from ..assessment import Remedy

__all__ = ["claimed", "fee", "filing_fee", "small_claims"]

# A province's small-claims limit is republished about once a year (CPLI Art. 272 takes the
# latest published wage); older than this, the figure is shown but the answer is "check".
_FRESH = timedelta(days=366)
_APPRAISAL_ZH = "假货、质量问题常需鉴定或检验，需要鉴定的案件不适用小额诉讼程序。"
_APPRAISAL_EN = (
    " Fakes and quality defects often need an appraisal or a test, and a case that needs one "
    "is not a small claim."
)


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
            total += parse_yuan(r.amount)
    return total


@implements(LFM_13)
def filing_fee(claim: int, day: date) -> int:
    """The filing fee of a property claim of `claim` fen under the ordinary procedure."""
    fee = Decimal(parameters.get("court_fee.flat").fen_at(day))
    n = 2
    while True:
        try:
            start = parameters.get(f"court_fee.band_{n}.from").fen_at(day)
            rate = parameters.get(f"court_fee.band_{n}.rate").at(day)
        except KeyError:
            break
        if claim <= start:
            break
        try:
            end: int | None = parameters.get(f"court_fee.band_{n + 1}.from").fen_at(day)
        except KeyError:
            end = None
        top = claim if end is None else min(claim, end)
        fee += Decimal(top - start) * Decimal(rate)
        n += 1
    return int(fee.to_integral_value(rounding=ROUND_HALF_UP))


@implements(LFM_16)
def simplified_fee(full: int, day: date) -> int:
    """The fee under the simplified procedure: half (LFM Art. 16)."""
    return multiply(full, parameters.get("court_fee.simplified_share").at(day))


@implements(LFM_13, LFM_16, LFM_29)
def fee(claim: int, day: date) -> CourtFee | None:
    if claim <= 0:
        return None
    full = filing_fee(claim, day)
    half = simplified_fee(full, day)
    return CourtFee(
        claimed=format_fen(claim),
        full=format_fen(full),
        simplified=format_fen(half),
        explanation=Text(
            zh=f"按诉讼请求{yuan_zh(claim)}元计算，案件受理费为{yuan_zh(full)}元；适用简易程序（含小额诉讼）的减半，为{yuan_zh(half)}元（部分法院对小额诉讼另有更低标准，请向法院核实）。受理费由原告预交，最终由败诉方负担。",
            en=f"On a claim of {yuan_en(claim)} yuan the filing fee is {yuan_en(full)} yuan; "
            f"under the simplified procedure (small claims included) half, {yuan_en(half)} "
            "yuan (some courts charge small claims less; check with the court). You advance "
            "it; the losing party bears it in the end.",
        ),
        citations=cite(LFM_13, LFM_16, LFM_29),
    )


def _limit(province: str, day: date) -> tuple[int | None, date | None]:
    """The province's limit in force on `day` and the day it took effect (None: unknown)."""
    try:
        p = parameters.get(f"small_claims.limit.{province}")
    except KeyError:
        return None, None
    for v in p.versions:
        if v.covers(day):
            return p.fen_at(day), v.start
    return None, None


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
    amount = format_fen(claim)

    def out(
        status: Status, zh: str, en: str, limit: int | None = None, *ps: Provision
    ) -> SmallClaims:
        return SmallClaims(
            status=status,
            claimed=amount,
            limit=None if limit is None else format_fen(limit),
            province=province,
            reason=Text(zh=zh, en=en),
            citations=cite(CPL_165, *ps),
        )

    if outside_mainland:
        return out(
            "not_applicable",
            "一方在香港、澳门或台湾，参照涉外案件处理，不适用小额诉讼程序。",
            "A party in Hong Kong, Macao or Taiwan: the case follows the foreign-related rules, "
            "so the small-claims procedure does not apply.",
            None,
            CPL_166,
            CPLI_549,
        )
    if claim <= 0:
        return out(
            "not_applicable",
            "目前没有可以主张的金钱请求，谈不上小额诉讼。",
            "There is no money claim to make yet, so small claims do not arise.",
        )
    if province is None:
        return out(
            "check",
            "小额诉讼的标的额上限按受诉法院所在省份的上年度就业人员年平均工资的50%计算；法院所在省份尚不清楚，请向法院核实。",
            "The small-claims limit is half the previous year's average annual wage of the "
            "court's province; the province is not known yet: check with the court.",
        )
    limit, since = _limit(province, day)
    if limit is None or since is None:
        return out(
            "check",
            f"{province}的小额诉讼标的额上限（上年度就业人员年平均工资的50%）本系统没有可靠数据，请向法院核实；诉讼请求为{yuan_zh(claim)}元。"
            + (_APPRAISAL_ZH if appraisal else ""),
            f"The project holds no reliable small-claims limit for {province} (half the "
            f"previous year's average annual wage): check with the court; the claim is "
            f"{yuan_en(claim)} yuan." + (_APPRAISAL_EN if appraisal else ""),
            None,
            *((CPL_166,) if appraisal else ()),
        )
    if day - since > _FRESH:
        return out(
            "check",
            f"{province}已知的上限{yuan_zh(limit)}元自{parameters.zh_date(since)}起适用，可能已按新的年平均工资调整，请向法院核实。",
            f"The known limit for {province}, {yuan_en(limit)} yuan, applies from "
            f"{since.isoformat()} and may have been updated with a newer wage figure: check "
            "with the court.",
            limit,
        )
    share = Decimal(parameters.get("small_claims.wage_share").at(day))
    agreed = Decimal(parameters.get("small_claims.agreed_multiple").at(day))
    agreed_cap = int((Decimal(limit) / share * agreed).to_integral_value(ROUND_HALF_UP))
    if claim <= limit and appraisal:
        return out(
            "check",
            f"诉讼请求{yuan_zh(claim)}元在{province}小额诉讼上限{yuan_zh(limit)}元以内；但假货、质量问题常需鉴定或检验，需要鉴定的案件不适用小额诉讼程序（按简易程序审理）。",
            f"The claim of {yuan_en(claim)} yuan is within the {province} small-claims limit of "
            f"{yuan_en(limit)} yuan; but fakes and quality defects often need an appraisal or a "
            "test, and a case that needs one is not a small claim (the simplified procedure "
            "applies instead).",
            limit,
            CPL_166,
        )
    if claim <= limit:
        return out(
            "applies",
            f"诉讼请求{yuan_zh(claim)}元在{province}小额诉讼上限{yuan_zh(limit)}元以内：适用小额诉讼程序，一审终审（不能上诉），通常两个月内审结。",
            f"The claim of {yuan_en(claim)} yuan is within the {province} small-claims limit of "
            f"{yuan_en(limit)} yuan: the small-claims procedure applies, final at first "
            "instance (no appeal), usually decided within two months.",
            limit,
        )
    if claim <= agreed_cap:
        return out(
            "by_agreement",
            f"诉讼请求{yuan_zh(claim)}元超过{province}小额诉讼上限{yuan_zh(limit)}元，但在{yuan_zh(agreed_cap)}元以内：双方约定的，可以适用小额诉讼程序。",
            f"The claim of {yuan_en(claim)} yuan exceeds the {province} limit of "
            f"{yuan_en(limit)} yuan but not {yuan_en(agreed_cap)} yuan: the small-claims "
            "procedure applies only if both sides agree.",
            limit,
        )
    return out(
        "not_applicable",
        f"诉讼请求{yuan_zh(claim)}元超过{province}小额诉讼约定适用的上限{yuan_zh(agreed_cap)}元，不适用小额诉讼程序。",
        f"The claim of {yuan_en(claim)} yuan exceeds even the agreed small-claims limit for "
        f"{province} ({yuan_en(agreed_cap)} yuan): no small-claims procedure.",
        limit,
    )
