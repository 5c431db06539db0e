"""Who the seller legally is: what a complaint must carry about it, and how a consumer finds it.

A consumer who bought through WeChat knows a nickname and a WeChat ID; a complaint to a market
regulator or a consumer association must name the respondent and give its address (the law
package's `respondent_rule`, dated by the complaint's day). This module keeps the case's side
of it: which of the two the case still lacks, the refusal of a complaint without them (the
report of a violation, the platform request and the demand need neither), the record_seller
step's effect, and the ways to find each, in the order a buyer can try them. It sits in cases
because the columns and the step are the case's; what the merchant registry knows is added by
`merchants.identity`, above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from weiquan.cases import actions as a
from weiquan.cases.errors import StepInputError
from weiquan.cases.models import Case
from weiquan.common.i18n import N_, current_language, gettext
from weiquan.common.templating import cite
from weiquan.law.admissibility.respondent import Body, respondent_rule

LEGAL_NAME, ADDRESS = "legal_name", "address"
WHAT = {
    LEGAL_NAME: N_(
        "the seller's legal name (a business's registered name or a person's real name)"
    ),
    ADDRESS: N_("the seller's address"),
}
SOURCES = {
    a.SellerSource.transfer_record: N_("WeChat transfer record"),
    a.SellerSource.platform_answer: N_("The platform's answer"),
    a.SellerSource.registry: N_("weiquan's merchant registry"),
    a.SellerSource.business_licence: N_("Business licence photo"),
}
CANNOT_COMPLAIN = N_(
    "A complaint to {agency} cannot be filed yet: it must give the seller's legal name and "
    "address, and without them it is not accepted ({law}). Still missing: {missing}. Record "
    'them under "Who is the seller?" on the case page. Meanwhile you can report the violation '
    "or ask the platform to step in."
)
PLATFORM_ONLY_TIP = N_(
    "The platform must know who its sellers are: it checks and keeps every seller's identity, "
    "address and contact (E-Commerce Law Art. 27). Ask it for them; a platform that cannot "
    "give them must pay you itself and then recover from the seller (Consumer Rights "
    "Protection Law Art. 44)."
)


def missing(case: Case) -> list[str]:
    """What the case still lacks of the seller's legal identity: LEGAL_NAME, ADDRESS."""
    return [
        key
        for key, value in ((LEGAL_NAME, case.seller_legal_name), (ADDRESS, case.seller_address))
        if not (value or "").strip()
    ]


class SellerMissing(StepInputError):
    """A complaint refused before it goes: the seller's legal name or address is missing."""

    def __init__(self, agency: str, lacking: list[str], citations: list[Any]) -> None:
        super().__init__("seller_unidentified", CANNOT_COMPLAIN)
        self.agency = agency
        self.lacking = lacking
        self.citations = citations

    @property
    def message(self) -> str:
        zh = current_language.get() == "zh_CN"
        return gettext(CANNOT_COMPLAIN).format(
            agency=self.agency,
            law=("；" if zh else "; ").join(cite(dict(c)) for c in self.citations),
            missing=("、" if zh else ", ").join(gettext(WHAT[k]) for k in self.lacking),
        )


def check_complaint(case: Case, *, agency: str, body: Body, today: date) -> None:
    """Refuse a complaint (SellerMissing) while the case lacks the seller's name or address."""
    lacking = missing(case)
    if lacking:
        raise SellerMissing(agency, lacking, respondent_rule(today, body).citations)


def record(case: Case, payload: a.RecordSeller) -> dict[str, Any]:
    """The record_seller step: set the seller's identity on the case; the event's data."""
    case.seller_legal_name = payload.legal_name.strip()
    case.seller_address = payload.address.strip()
    case.seller_source = payload.source.value
    return {
        "legal_name": case.seller_legal_name,
        "address": case.seller_address,
        "source": case.seller_source,
    }


@dataclass(frozen=True)
class Way:
    """One way to find the seller's identity, for the case page."""

    key: str
    title: str
    steps: list[str]


def ways(case: Case) -> list[Way]:
    """How a buyer can find what is missing, the ones this purchase allows first."""
    out: list[Way] = []
    wechat = case.payment_method == "private_transfer" or (case.channel or "").startswith("wechat")
    transfer = Way(
        "transfer_record",
        gettext("The real name on your WeChat transfer"),
        [
            gettext(
                'In WeChat, tap "Me", then "Services" (or "Pay"), then "Wallet", then "Bill"; '
                "open the payment to the seller."
            ),
            gettext(
                'The bill details show the payee\'s real name, masked like "*明" (for a '
                "business: its registered name). Take a screenshot and add it to the evidence."
            ),
            gettext(
                "The masked name is a start, not the name: ask the seller, the platform or "
                "12315 for the full one, or find it on a business licence."
            ),
        ],
    )
    platform = Way(
        "platform",
        gettext("Ask the platform"),
        [
            gettext(PLATFORM_ONLY_TIP),
            gettext(
                "The request to the platform among your documents asks for exactly this: "
                "the seller's real name, address and contact."
            ),
        ],
    )
    licence = Way(
        "business_licence",
        gettext("The business licence"),
        [
            gettext(
                "A business selling online must show its business licence on its shop's "
                "front page (E-Commerce Law Art. 15): the name and the address on it are "
                "what a complaint needs. Photograph it and add it to the evidence."
            ),
        ],
    )
    if wechat:
        out.append(transfer)
    if case.merchant_platform:
        out.append(platform)
    out.append(licence)
    if not wechat:
        out.append(transfer)
    if not case.merchant_platform:
        out.append(platform)
    return out
