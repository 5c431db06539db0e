"""What a limitation period that has (or may have) run does to the remedies.

The engine applies this after pricing the remedies, since limitation turns on `as_of` and the
history, which the cached substantive shape leaves out. Expiry does not end the claim: the
court does not raise it of its own motion (CC Art. 193), the seller may refuse once it has run
(CC Art. 192(1)), and a later agreement to perform or a voluntary performance stands (Art.
192(2)). So every remedy that was available becomes contested, with the reason and the
question about interruptions (CC Art. 195) when they are unknown. The product-defect 2 years
(PQL Art. 45) that has run while the general period has not puts the compensation for the
harm in doubt in the same way (courts differ on which period applies).

Public interface:
    lapse(facts, as_of) -> Lapse
    apply(remedies, facts, as_of) -> (remedies, flags, missing)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..assessment import Remedy
from ..facts import Facts
from ..memo import cached
from ..provision import Citation, Flag, MissingFact, Provision, Text, cite, implements
from .common import _key, _t
from .limitation import PQL_45_1
from .periods import Lapse, defence, lapse_of

__all__ = ["ASK_INTERRUPTIONS", "apply", "lapse"]

ASK_INTERRUPTIONS = MissingFact(
    fact="history.limitation_interruptions",
    question=_t(
        "自知道权益受损以来，您是否向卖家提出过要求、卖家是否同意过赔付（或部分付款）、"
        "您是否投诉、申请调解、起诉或申请仲裁？各是哪一天？",
        "Since you learned of the harm, did you make a demand on the seller, did the seller "
        "agree to pay (or pay a part), or did you complain, ask for mediation, sue or go to "
        "arbitration? On what days?",
    ),
    why=_t(
        "每一次都会使诉讼时效中断并重新计算；按现有事实时效已经届满。",
        "Each of these interrupts limitation and starts it again; on the facts given it has run.",
    ),
)


def lapse(facts: Facts, as_of: dt.date) -> Lapse:
    """The limitation period on these facts (cached with the deadlines' key)."""
    return lapse_of(_key(facts, as_of))


def apply(
    remedies: list[Remedy], facts: Facts, as_of: dt.date
) -> tuple[list[Remedy], list[Flag], list[MissingFact]]:
    """The remedies with limitation applied, and the flags and questions it adds."""
    found = lapse(facts, as_of)
    if found.state == "run" or found.state == "uncertain":
        reason, cites, flag = _expired(found, as_of)
        missing = [ASK_INTERRUPTIONS] if found.ask else []
        return _reelect([_contest(r, reason, cites) for r in remedies]), [flag], missing
    flags: list[Flag] = []
    if found.waived is not None:
        flags.append(_waived(found.waived, as_of))
    pql_end = found.pql_end
    if found.state == "running" and pql_end is not None and as_of > pql_end:
        reason, cites = _pql_run(pql_end, found.basis[-1])
        remedies = [
            _contest(r, reason, cites) if r.kind == "loss_compensation" else r for r in remedies
        ]
    return remedies, flags, []


def _reelect(remedies: list[Remedy]) -> list[Remedy]:
    """All punitive regimes are contested now: the one worth most is recommended (as
    punitive.elect does: available before contested, then the amount, ties to the earlier)."""
    best: int | None = None
    worth = Decimal(-1)
    for i, r in enumerate(remedies):
        amount = Decimal(r.amount) if r.kind == "punitive" and r.amount is not None else None
        if r.status != "unavailable" and amount is not None and amount > worth:
            best, worth = i, amount
    return [
        r.model_copy(update={"recommended": i == best})
        if r.kind == "punitive" and bool(r.recommended) != (i == best)
        else r
        for i, r in enumerate(remedies)
    ]


def _contest(r: Remedy, reason: Text, cites: tuple[Citation, ...]) -> Remedy:
    if r.status == "unavailable":
        return r
    known = {c["provision"] for c in r.citations}
    extra = [c for c in cites if c["provision"] not in known]
    if r.status == "contested" and r.reason is not None:
        reason = Text(zh=r.reason.zh + reason.zh, en=r.reason.en + " " + reason.en)
    return r.model_copy(
        update={"status": "contested", "reason": reason, "citations": [*r.citations, *extra]}
    )


@cached(256)
def _expired(found: Lapse, as_of: dt.date) -> tuple[Text, tuple[Citation, ...], Flag]:
    assert found.end is not None
    end = found.end.isoformat()
    if found.state == "run":
        zh = (
            f"诉讼时效已于{end}届满：法院不会主动审查时效，但卖家提出时效抗辩的，法院将驳回请求；"
            "卖家仍可自愿赔付，届满后同意履行的不得反悔。"
        )
        en = (
            f"The limitation period ran out on {end}: the court will not raise it itself, but "
            "if the seller does, the court will reject the claim; the seller may still pay "
            "voluntarily, and an agreement to pay made now binds it."
        )
        if found.ask:
            zh += (
                "如期间内曾向卖家提出要求、卖家同意履行，或曾投诉、调解、起诉，"
                "时效已中断，请提供日期。"
            )
            en += (
                " If a demand, the seller's agreement, a complaint, mediation or a suit "
                "interrupted the period, it runs anew: give the dates."
            )
    else:
        zh = (
            f"若时效未曾中断，已于{end}届满；是否已过时效取决于您提出要求、投诉或起诉的日期"
            "以及相关程序何时终结，卖家可能提出时效抗辩。"
        )
        en = (
            f"Unless it was interrupted, the limitation period ran out on {end}; whether it has "
            "run depends on the dates of your demands, complaints or suits and on when any "
            "procedure ended, and the seller may raise it."
        )
    provisions: tuple[Provision, ...] = (*found.basis, *found.cites, *defence(as_of))
    cites = tuple(cite(*provisions))
    reason = Text(zh=zh, en=en)
    flag = Flag(
        code="limitation_run" if found.state == "run" else "limitation_may_have_run",
        explanation=reason,
        citations=list(cites),
    )
    return reason, cites, flag


@cached(256)
def _waived(day: dt.date, as_of: dt.date) -> Flag:
    return Flag(
        code="limitation_acknowledged_after_expiry",
        explanation=Text(
            zh=f"时效届满后，卖家于{day.isoformat()}同意履行：不得再以时效届满为由拒绝，"
            "已自愿履行的也不得要求返还。",
            en=f"The seller agreed to perform on {day.isoformat()}, after the period had run: "
            "it can no longer refuse on the ground of limitation, nor take back what it paid.",
        ),
        citations=cite(*defence(as_of)[:1]),
    )


@cached(64)
@implements(PQL_45_1)
def _pql_run(end: dt.date, general: Provision) -> tuple[Text, tuple[Citation, ...]]:
    reason = Text(
        zh=f"产品缺陷致损的赔偿，产品质量法规定的2年时效已于{end.isoformat()}届满；"
        "一般时效3年尚未届满，法院对适用哪一期间意见不一，卖家可能提出时效抗辩。",
        en=f"For harm from a product defect the Product Quality Law's 2 years ran out on "
        f"{end.isoformat()}; the general 3 years have not, courts differ on which "
        "applies, and the seller may raise it.",
    )
    return reason, tuple(cite(PQL_45_1, general))
