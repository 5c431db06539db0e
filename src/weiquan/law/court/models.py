"""The `court` part of the assessment (the project's addition to weiquan.assessment/1).

    Court{courts: list[CompetentCourt], choice, proposed?, internet_court: InternetCourt,
          small_claims: SmallClaims, fee?: CourtFee, citations}

Amounts are the contract's decimal strings; optional keys that do not apply are left out.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..provision import Citations, Text

__all__ = [
    "CompetentCourt",
    "Court",
    "CourtFee",
    "Ground",
    "InternetCourt",
    "SmallClaims",
    "SmallClaimsStatus",
]

Ground = Literal[
    "defendant_domicile",  # CPL 24 / 29
    "buyer_domicile",  # CPLI 20: sold online, delivered through the network
    "place_of_receipt",  # CPLI 20: sold online, delivered otherwise
    "place_of_transaction",  # CPLI 18(2): settled on the spot (a shop)
    "place_of_performance",  # CPL 24, where the facts do not say which rule fixes it
    "place_of_harm",  # CPL 29, CPLI 24 and 26: where the injury or damage happened
    "place_of_manufacture",  # CPLI 26
]
Dispute = Literal["contract", "product_liability"]


def _none(value: object) -> bool:
    return value is None


_OPTIONAL: Any = Field(None, exclude_if=_none)


class CompetentCourt(BaseModel):
    """One court that may hear the suit, on one ground."""

    model_config = ConfigDict(frozen=True)

    dispute: Dispute
    ground: Ground
    # The court by name ("杭州市西湖区人民法院", "杭州互联网法院") when the place says it,
    # else described ("the basic people's court of the district where the seller is, 杭州市").
    court: Text
    named: bool
    # yes: the internet court of that city hears it instead of the basic court (ICP Art. 2);
    # check: it may (a channel that is not clearly an e-commerce platform); no.
    internet_court: Literal["yes", "check", "no"]
    where: Text  # which place, and why it counts
    citations: Citations


class InternetCourt(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal["applies", "check", "not_applicable"]
    reason: Text
    citations: Citations


SmallClaimsStatus = Literal["applies", "by_agreement", "not_applicable", "check"]


class SmallClaims(BaseModel):
    """Whether the small-claims procedure (final at first instance) applies."""

    model_config = ConfigDict(frozen=True)

    status: SmallClaimsStatus
    claimed: str  # the amount the suit would claim
    limit: str | None = _OPTIONAL  # the province's small-claims limit, when known
    agreed_limit: str | None = _OPTIONAL  # up to this, only if both sides agree (2x the wage)
    province: str | None = _OPTIONAL  # whose limit
    reason: Text
    citations: Citations


class CourtFee(BaseModel):
    """The filing fee the plaintiff advances (the loser bears it in the end)."""

    model_config = ConfigDict(frozen=True)

    claimed: str
    full: str  # ordinary procedure
    simplified: str  # simplified and small-claims procedure: half
    explanation: Text
    citations: Citations


class Court(BaseModel):
    model_config = ConfigDict(frozen=True)

    courts: list[CompetentCourt]
    choice: Text  # how to choose among them (and what an agreed place changes)
    # The court the documents propose by default: a named court only, never a description.
    proposed: Text | None = _OPTIONAL
    internet_court: InternetCourt
    small_claims: SmallClaims
    fee: CourtFee | None = _OPTIONAL
    citations: Citations
