"""Warnings for a buyer about to pay, drawn from what regulators tell buyers to watch for."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from weiquan.common.i18n import N_
from weiquan.common.identifiers import Kind
from weiquan.merchants.models import AgencyRecord, FindingKind, RecordType
from weiquan.merchants.profile import Stats, active

SAME_KIND_MIN = 3  # "many complaints of the same kind": at least 3, and half of them all
MANY_IDENTITIES = 3


@dataclass
class Warning:
    code: str
    message: str  # English msgid
    params: dict[str, object] = field(default_factory=dict)


# Said with every answer, found or not: an empty record is not a clean bill.
ADVICE = [
    N_("Before paying, ask for the seller's real name, phone and business licence, and keep them."),
    N_("Pay through the platform, not by private transfer: a transfer has no buyer protection."),
    N_("Keep the product page, the chat and the payment record until the goods are checked."),
]
NOTHING_FOUND = N_(
    "Nothing is on record for this identifier. That is not a clean bill: many sellers change"
    " WeChat IDs and shop names often."
)


def warnings(
    s: Stats, agency: list[AgencyRecord], kinds: Counter[str], has_real_name: bool
) -> list[Warning]:
    """The warnings that apply to one merchant, most serious first."""
    out: list[Warning] = []
    for r in agency:
        if r.record_type == RecordType.black_list and active(r):
            out.append(
                Warning(
                    "black_list",
                    N_("On the black list of {authority} since {date}."),
                    {"authority": r.authority, "date": r.decided_on},
                )
            )
    serious = [
        r
        for r in agency
        if r.record_type == RecordType.finding
        and r.finding_kind in (FindingKind.fraud, FindingKind.counterfeit)
    ]
    if serious:
        out.append(
            Warning(
                "findings",
                N_("{n} findings of fraud or counterfeits by agencies or courts."),
                {"n": len(serious)},
            )
        )
    if not has_real_name:
        out.append(
            Warning(
                "no_real_name",
                N_("No real-name information: no licence or credit code is known for this seller."),
            )
        )
    if s.private_transfer:
        out.append(
            Warning(
                "private_transfer",
                N_("{n} buyers were asked to pay by private transfer."),
                {"n": s.private_transfer},
            )
        )
    if s.below_market:
        out.append(
            Warning(
                "below_market",
                N_("{n} buyers were sold luxury goods far below the market price."),
                {"n": s.below_market},
            )
        )
    if s.by_kind:
        kind, n = next(iter(s.by_kind.items()))
        if n >= SAME_KIND_MIN and n * 2 >= s.complaints:
            out.append(
                Warning(
                    "same_kind",
                    N_("{n} complaints of the same kind: {problem}."),
                    {"n": n, "problem": kind},
                )
            )
    if s.blocked:
        out.append(
            Warning(
                "blocked",
                N_("{n} buyers say the seller blocked them after payment."),
                {"n": s.blocked},
            )
        )
    for kind in (Kind.wechat, Kind.phone, Kind.live_room):
        if kinds[kind] >= MANY_IDENTITIES:
            out.append(
                Warning(
                    "many_identities",
                    N_("Uses {n} different identifiers of one kind: {what}."),
                    {"n": kinds[kind], "what": kind},
                )
            )
    return out
