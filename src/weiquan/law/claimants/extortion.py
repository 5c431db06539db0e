"""Extortion, both ways (CL Art. 274): a warning to a consumer whose demand goes well beyond the
law with threats outside the law's channels, and the same facts to the merchant as its defences.

A lawful claim pursued by complaint, report or lawsuit is never extortion (CRPL Art. 39 lists
those channels), whatever the amount asked: such threats alone never raise the warning; a demand
above the law then only gets a note that a court awards what the law gives. The warning needs
both a demand "well beyond" the assessment's own best lawful total (the refund, the recommended
punitive damages and the losses, contested ones included, so the buyer gets the benefit of the
doubt; the ratio is the engine's dated line, parameters/claimants.yaml) and a threat outside
those channels (exposure, bad reviews, harassment, contacting family or employer, violence,
other). It says "may", never that a crime was committed: the criminal amounts are provincial
and unverified here. A staged violation is flagged by claimants.fabricated.
"""

from __future__ import annotations

from .. import notes, parameters, questions
from ..assessment import Remedy
from ..facts import Facts, Threat
from ..money import format_fen, multiply, parse_yuan
from ..provision import Flag, MissingFact, cite, implements
from ..provisions import abuse
from .fabricated import merchant_flag

__all__ = ["DEMAND_RATIO", "LAWFUL_CHANNELS", "evaluate", "lawful_total"]

DEMAND_RATIO = parameters.get("extortion.demand_ratio").under(abuse.A274)
LAWFUL_CHANNELS = frozenset({Threat.COMPLAINT_OR_REPORT, Threat.LAWSUIT})

_THREAT_WORDS = {
    Threat.ONLINE_EXPOSURE: ("网上曝光", "exposure online"),
    Threat.BAD_REVIEWS: ("差评", "bad reviews"),
    Threat.HARASSMENT: ("骚扰", "harassment"),
    Threat.CONTACT_FAMILY_OR_EMPLOYER: ("联系家人或单位", "contacting family or employer"),
    Threat.VIOLENCE: ("暴力", "violence"),
    Threat.OTHER: ("其他方式", "other pressure"),
}
_COUNTED = ("refund", "loss_compensation")


def lawful_total(remedies: list[Remedy]) -> int:
    """The most the law gives on this assessment (fen): the refund, the recommended punitive
    damages and the losses, where available or contested."""
    total = 0
    for r in remedies:
        if r.amount is None or r.status == "unavailable":
            continue
        if r.kind in _COUNTED or (r.kind == "punitive" and r.recommended):
            total += parse_yuan(r.amount)
    return total


@implements(abuse.A274)
def evaluate(facts: Facts, remedies: list[Remedy]) -> tuple[list[Flag], list[MissingFact]]:
    """The extortion flags for this demand and these threats, and what to ask."""
    c = facts.consumer
    unlawful = [t for t in (c.threats or ()) if t not in LAWFUL_CHANNELS]
    demanded = c.amount_demanded
    if demanded is None:
        return [], ([questions.AMOUNT_DEMANDED] if unlawful else [])
    lawful = lawful_total(remedies)
    if demanded <= lawful:
        return [], []
    shown, best = format_fen(demanded), format_fen(lawful)
    if not unlawful or demanded <= multiply(lawful, DEMAND_RATIO):
        # Lawful channels only (or no threat), or not well beyond: no warning, a note at most.
        note = Flag(
            code="demand_above_lawful",
            explanation=notes.demand_above_lawful_text(shown, best),
            audience="consumer",
        )
        return [note], []
    words = [_THREAT_WORDS[t] for t in dict.fromkeys(unlawful)]
    threats_zh = "、".join(w[0] for w in words)
    threats_en = ", ".join(w[1] for w in words)
    warn = Flag(
        code="extortion_risk",
        explanation=notes.extortion_risk_text(shown, best, threats_zh, threats_en),
        citations=cite(abuse.A274),
        audience="consumer",
    )
    return [warn, merchant_flag((abuse.A274,))], []
