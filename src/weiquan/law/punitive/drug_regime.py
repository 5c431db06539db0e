"""Fake or substandard drugs: DAL Art. 144(3) from 2019-12-01 (regime "DAL-144-3"), with the
2024 interpretation's drug articles (FDP Arts. 9-11) by the assessment date.

A producer owes the 10 times without knowledge; a seller only if it knew (drugs.py decides what
shows that). Before 2019-12-01 the Drug Administration Law then in force had no punitive
damages, so the regime is listed as unavailable and CRPL fraud is the route. The statute gives
the claim to the "victim": until FDP Art. 10 (2024-08-22) said a buyer for personal or family use
is supported, courts differed on a buyer the drug had not harmed, so that is contested before
it. A knowing buyer is no defence in drug disputes (FDD-2013 Art. 3); FDP Art. 10 asks for a
purchase for personal or family use, which a purchase made to claim is not, and which a
quantity beyond reasonable needs puts in doubt (the reasonable-quantity articles, FDP 12-14,
are written for food). FDP Art. 11's defences (non-profit self-help sales, folk formulas, small
self-help imports) put the regime in doubt where the facts fit them.
"""

from __future__ import annotations

from .. import parameters
from ..assessment import Role
from ..case import Case
from ..claimants.profile import joined, profit_signals, serial
from ..drugs import FAKE, HARMED, MAYBE, classify, drug_seller_knew
from ..facts import Category, Injury, SellerKind
from ..logic import Finding, Tri, challenge, exception_logic
from ..money import format_fen, multiply
from ..parameters import yuan_en, yuan_zh, zh_date, zh_times
from ..provision import MissingFact, Provision, Text, implements
from ..provision import text as _t
from ..provisions import dal, fdd2013, fdp
from .draft import Draft, Explain, _doubts, _draft, _first_false, _join, _kleene_and, _negate

__all__ = ["drug_amount"]

PRICE_TIMES = parameters.get("drug.price_multiplier").under(dal.A144_3)
LOSS_TIMES = parameters.get("drug.loss_multiplier").under(dal.A144_3)
FLOOR_FEN = parameters.get("drug.floor").fen_under(dal.A144_3)


@implements(dal.A144_3)
def drug_amount(price: int, losses: int | None) -> int:
    """10 times the price or 3 times the losses, whichever is more, at least the floor (fen)."""
    return max(multiply(price, PRICE_TIMES), multiply(losses or 0, LOSS_TIMES), FLOOR_FEN)


_FLOOR_ZH, _FLOOR_EN = yuan_zh(FLOOR_FEN), yuan_en(FLOOR_FEN)
_BEFORE = Text(
    zh=f"购买发生在{zh_date(dal.DAL_FROM)}之前，当时的药品管理法没有惩罚性赔偿；假药、劣药只能依消费者权益保护法主张惩罚性赔偿（欺诈，或明知缺陷致人死亡、健康严重损害）。",
    en=f"The purchase predates {dal.DAL_FROM.isoformat()}: the Drug Administration Law then in "
    "force gave no punitive damages, so fake or substandard drugs give only the CRPL's (for "
    "fraud, or for known defects that caused death or serious harm).",
)
_FIRST = _t(
    "因药品质量受到损害的，可以向生产者（上市许可持有人）或卖家、医疗机构要求赔偿损失；被要求的一方须先行赔付，再向责任方追偿（首负责任制）。",
    "For harm from the drug's quality you may claim the losses from the producer (the "
    "marketing-authorisation holder) or from the seller or the hospital; whoever you ask must "
    "pay first and recover from the party responsible afterwards.",
)
_VICTIM = _t(
    "药品管理法把十倍赔偿给予“受害人”：2024年8月22日司法解释施行前，购买者未因药品受到损害（未服用或未受伤）能否主张，法院看法不一。",
    "The Drug Administration Law gives the 10 times to the 'victim': before the 2024 "
    "interpretation (2024-08-22), courts differed on whether a buyer the drug had not harmed "
    "(not taken, no injury) could claim it.",
)
ASK_INJURY = MissingFact(
    fact="harm.injury",
    question=_t("服用该药品后是否受到身体损害？", "Did taking the drug harm you?"),
    why=_t(
        "2024年8月22日前，未受损害的购买者能否主张药品十倍赔偿，法院看法不一。",
        "Before 2024-08-22 courts differed on whether a buyer the drug had not harmed could "
        "claim the 10 times.",
    ),
)
_TO_CLAIM = _t(
    "事实表明购买是为了索赔，不是为个人或家庭生活消费需要，不支持药品十倍赔偿。",
    "The facts show the purchase was made to claim, not for personal or family use, so there "
    "are no drug punitive damages.",
)
_TO_CLAIM_OLD = _t(
    "事实表明购买是为了索赔：明知不是药品纠纷的抗辩，但对以索赔为目的的购买者，法院看法不一。",
    "The facts show the purchase was made to claim: knowing is no defence in drug disputes, "
    "but courts differ on buyers who bought in order to claim.",
)
_QUANTITY = _t(
    "买家明知仍购买，且数量超出个人或家庭的合理需要：司法解释只支持为个人或家庭生活消费购买的药品，合理数量的限制写在食品条文中，法院可能参照，金额有争议。",
    "The buyer knew and bought more than a person or household would reasonably need: the "
    "interpretation supports drugs bought for personal or family use, and its reasonable-"
    "quantity limit, written for food, may be applied by analogy; the amount is contested.",
)
_STAGED = _t(
    "违法情形是买家自己制造的，不支持任何赔偿。",
    "The buyer made up the violation, so nothing is due.",
)
_KNOWING_OK = _t(
    "买家购买时知道药品有问题，不影响主张（药品纠纷中明知不是抗辩理由）。",
    "The buyer knew of the problem when buying; in drug disputes that is no defence.",
)


def _rule(harmed: bool) -> Explain:
    def text(amount: int | None) -> Text:
        shown = "-" if amount is None else format_fen(amount)
        found = Text(
            zh=f"假药、劣药：在赔偿损失之外，可要求价款{zh_times(PRICE_TIMES)}或损失"
            f"{zh_times(LOSS_TIMES)}（不足{_FLOOR_ZH}元按{_FLOOR_ZH}元）：{shown}元。",
            en=f"Fake or substandard drugs: besides the losses, {PRICE_TIMES} times the price or "
            f"{LOSS_TIMES} times the losses (at least {_FLOOR_EN} yuan): {shown} yuan.",
        )
        return _join(found, _FIRST) if harmed else found

    return text


@implements(dal.FDP_10, fdd2013.A3)
def _buyer(case: Case, fdp10: bool) -> Finding:
    """Whether the buyer's side keeps the claim (FDD-2013 Art. 3, FDP Art. 10)."""
    c = case.facts.consumer
    if c.staged_violation:
        return Finding(False, _STAGED)
    ten = (dal.FDP_10,) if fdp10 else ()
    if c.purchase_made_to_claim:
        return Finding(False, _TO_CLAIM, ten) if fdp10 else Finding(None, _TO_CLAIM_OLD)
    if serial(case):
        signs = joined(profit_signals(case))
        zh, en = signs.zh, signs.en
        return Finding(
            None,
            Text(
                zh=f"{zh}：是否为个人或家庭生活消费购买存疑，法院可能不支持药品十倍赔偿。",
                en=f"{en[:1].upper()}{en[1:]}: whether the drug was bought for personal or family "
                "use is in doubt, and courts may refuse the drug punitive damages.",
            ),
            ten,
        )
    if c.knew_of_problem_when_buying:
        three = (fdd2013.A3,) if case.in_force(fdd2013.A3) else ()
        if c.quantity_beyond_reasonable_needs:
            return Finding(None, _QUANTITY, (*ten, *three))
        return Finding(True, _KNOWING_OK, (*ten, *three))
    return Finding(True, None, ten)


@implements(dal.A144_3, dal.A144_2, dal.FDP_10, fdp.A9)
def _drug_regime(case: Case, consumer: Finding, fraud: Finding) -> Draft | None:
    """The DAL Art. 144(3) regime on these facts, or None for goods other than drugs."""
    if case.category is not Category.DRUG:
        return None
    if not case.in_force(dal.A144_3):
        return _draft("DAL-144-3", False, drug_amount, [dal.A144_3], lambda a: _BEFORE, _BEFORE, [])
    _, drug = classify(case.problems)
    case.ask(*drug.missing)
    if drug.value is False or consumer.value is False:
        blocked = drug if drug.value is False else consumer
        found = [dal.A144_3, *drug.cites, *consumer.cites]
        return _draft("DAL-144-3", False, drug_amount, found, _rule(False), blocked.why, [])
    knew = drug_seller_knew(case)
    s = case.facts.seller
    # The producer answers for what it made (not for expiry, which comes in the seller's hands).
    producer = not case.problems.isdisjoint(FAKE | MAYBE) and not (
        s.is_producer or s.made_the_counterfeits
    )
    knowledge = Finding(True) if producer or knew.value is True else knew
    fdp10 = case.in_force(dal.FDP_10)
    h = case.facts.harm
    harmed = h.injury in HARMED or (h.losses is not None and h.losses > 0)
    victim = Finding(True)
    if not harmed and not fdp10:
        ask = (ASK_INJURY,) if h.injury is None else ()
        victim = Finding(None, _VICTIM, (), ask)
    buyer = _buyer(case, fdp10)
    doubt = challenge(dal.A144_3, case)
    # Asked even where the producer owes it anyway: a seller that knew owes it too.
    case.ask(*knew.missing, *victim.missing, *doubt.missing)
    value: Tri = _kleene_and(
        drug.value, knowledge.value, victim.value, buyer.value, _negate(doubt.value)
    )
    cites: list[Provision] = [
        dal.A144_3,
        *drug.cites,
        *consumer.cites,
        *knew.cites,
        *buyer.cites,
        *doubt.cites,
    ]
    if harmed:
        cites.append(dal.A144_2)
    if fraud.value is not False and case.in_force(fdp.A9):
        cites.append(fdp.A9)  # knowingly selling fake drugs is also fraud: the buyer elects
    refused = _first_false(buyer)
    reason = (
        refused.why
        if refused is not None
        else doubt.why
        if doubt.value is True
        else _doubts(drug, knowledge, victim, buyer, doubt)
    )
    against: list[Role] = []
    if knew.value is True:
        against.append("seller")
    if producer:
        against.append("producer")
    against = against or ["seller"]
    lead = knew.why
    rule = _rule(harmed)
    explain = rule if lead is None else (lambda a: _join(lead, rule(a)))
    return _draft("DAL-144-3", value, drug_amount, cites, explain, reason, against)


# --- FDP Art. 11: the defences ------------------------------------------------------------------

_SELF_HELP = _t(
    "卖家是个人，可能主张属于不以营利为目的、带有自救互助性质的少量生产销售（或少量进口境外合法上市药品），依司法解释不适用十倍赔偿；有行政处罚决定或检验结论证明是假药劣药的除外。",
    "The seller is a private person and may argue a non-profit, self-help or mutual-aid sale "
    "of a small quantity (or a small self-help import of a drug lawfully marketed abroad), "
    "which the interpretation excludes from the 10 times, unless an official penalty decision "
    "or test proves the drug fake or substandard.",
)


@implements(dal.FDP_11)
@exception_logic(dal.FDP_11, effect="contest")
def _self_help(case: Case) -> Finding:
    # Only a private person can plausibly act without profit; a self-help import excuses even
    # where someone was harmed, the other two defences only where no one was.
    if case.facts.seller.kind is not SellerKind.PRIVATE_INDIVIDUAL:
        return Finding(False)
    injury = case.facts.harm.injury
    unharmed = injury is None or injury in (Injury.NONE, Injury.PROPERTY_DAMAGE)
    if unharmed or case.facts.goods.imported:
        return Finding(True, _SELF_HELP)
    return Finding(False)
