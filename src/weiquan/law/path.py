"""The recommended path: the steps of the escalation ladder that apply to these facts.

Public interface (stable):
    compute(facts: Facts, as_of: date, *, remedies_available: bool,
            admissibility: Admissibility | None = None,
            findings: exposure.Findings | None = None) -> list[str]
    steps(facts: Facts, as_of: date, *, remedies_available: bool,
          admissibility: Admissibility | None = None,
          findings: exposure.Findings | None = None) -> list[PathStep]
    PathStep{step, explanation, citations}

Steps, in ladder order (CRPL Art. 39, ECL Art. 60): preserve_evidence, negotiate,
platform_intervention, complain_market_regulator, complain_consumer_association,
report_violation, mediation, arbitration, lawsuit. A step is left out when it cannot help:
no platform, a seller who cannot be reached, a complaint the body would refuse, a dispute already
before a court or arbitration tribunal, no remedy left to claim, a report with no violation
the engine finds or finds possible (the seller's exposure on the core's findings: none for a
private seller or a lawful refusal; its reason names the violations). Pass the admissibility
the engine already computed to avoid working it out twice. `steps` gives the same list with the
reason for each step (the lawsuit step names the internet courts for platform purchases).

Arbitration needs an arbitration agreement (ARB Art. 4), which the facts contract cannot express;
it appears only when the dispute is already before an arbitration body.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from . import admissibility as admissibility_module
from . import exposure
from .admissibility import Admissibility
from .case import MARKETPLACE
from .deadlines import expiry
from .deadlines.periods import defence
from .facts import AlreadyHandledBy, Channel, Facts, SellerResponse
from .memo import cached
from .provision import Citations, Provision, Text, cite, get, implements
from .provisions.cmp import CMP
from .provisions.crpl import CRPL
from .provisions.ecl import ECL
from .provisions.procedural import ARB, CPL_24, ICP_2, MED

__all__ = ["STEPS", "PathStep", "compute", "steps"]

STEPS = (
    "preserve_evidence",
    "negotiate",
    "platform_intervention",
    "complain_market_regulator",
    "complain_consumer_association",
    "report_violation",
    "mediation",
    "arbitration",
    "lawsuit",
)

# --- provisions -----------------------------------------------------------------------------------

CRPL_39 = {
    n: CRPL(f"CRPL-39-1-{n}", "39", "1", zh, en, item=str(n))
    for n, zh, en in (
        (
            1,
            "消费者可与经营者协商和解。",
            "The consumer may settle by negotiating with the operator.",
        ),
        (
            2,
            "消费者可请求消费者协会或依法成立的其他调解组织调解。",
            "The consumer may ask a consumer association or another lawful mediator to mediate.",
        ),
        (3, "消费者可向有关行政部门投诉。", "The consumer may complain to the competent agency."),
        (
            4,
            "消费者可根据与经营者达成的仲裁协议提请仲裁。",
            "The consumer may go to arbitration under an arbitration agreement with the operator.",
        ),
        (5, "消费者可向人民法院提起诉讼。", "The consumer may sue in a people's court."),
    )
}
CRPL_37 = CRPL(
    "CRPL-37-1-5",
    "37",
    "1",
    "消费者协会受理消费者投诉，并对投诉事项进行调查、调解。",
    "Consumer associations accept consumer complaints and investigate and mediate them.",
    item="5",
)
ECL_61 = ECL(
    "ECL-61",
    "61",
    None,
    "消费者与平台内经营者发生争议时，电子商务平台经营者应积极协助消费者维权。",
    "In a dispute with an in-platform seller, the platform must actively help the consumer.",
)
ECL_62 = ECL(
    "ECL-62",
    "62",
    None,
    "电子商务争议处理中，经营者应提供原始合同和交易记录；因其丢失、篡改、拒不提供等致使事实无法查明的，承担相应法律责任。",
    "In an e-commerce dispute the operator must produce the original contract and transaction "
    "records; if it lost, altered or withholds them so the facts cannot be found, it bears the "
    "consequences.",
)
CMP_3_2 = CMP(
    "CMP-3-2",
    "3",
    "2",
    "举报是指向市场监管部门反映经营者涉嫌违反市场监管法律法规规章的线索。",
    "A report tells the market regulator of a suspected breach of market regulation by an "
    "operator.",
)
MED_2 = MED(
    "MED-2",
    "2",
    None,
    "人民调解委员会通过说服、疏导，促使当事人自愿达成调解协议，解决民间纠纷。",
    "People's mediation committees help parties settle civil disputes by voluntary agreement.",
)
ARB_4 = ARB(
    "ARB-4",
    "4",
    None,
    "仲裁须双方自愿达成仲裁协议；没有仲裁协议的，仲裁委员会不予受理。",
    "Arbitration needs an arbitration agreement; without one the commission will not accept it.",
)
# --- result model -------------------------------------------------------------------------------


class PathStep(BaseModel):
    model_config = ConfigDict(frozen=True)

    step: str
    explanation: Text
    citations: Citations


@cached(64, results=False)
def _step(step: str, zh: str, en: str, *provision_ids: str) -> PathStep:
    # Steps are few and fixed; built once and shared (they are frozen).
    return PathStep(
        step=step,
        explanation=Text(zh=zh, en=en),
        citations=cite(*(get(i) for i in provision_ids)),
    )


def _ids(*ps: Provision) -> tuple[str, ...]:
    return tuple(p.id for p in ps)


_EVIDENCE = (
    "preserve_evidence",
    "立即保存证据：聊天记录、商品页面、直播承诺、订单和付款记录、商品和标签照片；假货可请品牌方出具鉴定意见。",
    "Keep the evidence now: chats, the product page, live-stream promises, order and payment "
    "records, photos of the goods and labels; for fakes, an appraisal or the brand owner's "
    "statement.",
    *_ids(ECL_62),
)
_NEGOTIATE = (
    "negotiate",
    "与卖家或其客服协商退货、退款或赔偿，书面提出并保留记录。",
    "Negotiate a return, refund or compensation with the seller or its customer service, in "
    "writing, and keep the record.",
    *_ids(CRPL_39[1]),
)
_PLATFORM = (
    "platform_intervention",
    "申请平台介入：平台应积极协助，并应提供卖家的真实身份信息和交易记录。",
    "Ask the platform to step in: it must help you and can give the seller's real identity and "
    "the transaction records.",
    *_ids(ECL_61, ECL_62),
)
_REGULATOR = (
    "complain_market_regulator",
    "通过12315向市场监管部门投诉，请求调解解决纠纷。",
    "Complain to the market regulator through 12315 and ask it to mediate the dispute.",
    *_ids(CRPL_39[3]),
)
_ASSOCIATION = (
    "complain_consumer_association",
    "向消费者协会投诉，请求调查、调解。",
    "Complain to a consumer association and ask it to investigate and mediate.",
    *_ids(CRPL_39[2], CRPL_37),
)
_REPORT = (
    "report_violation",
    "向市场监管部门举报卖家的违法行为（举报与个人纠纷投诉分开处理，可实名并要求告知处理结果）。",
    "Report the seller's violation to the market regulator (a report is handled apart from "
    "your own dispute; name yourself to be told the outcome).",
    *_ids(CMP_3_2),
)
_MEDIATION = (
    "mediation",
    "请人民调解委员会或其他依法成立的调解组织调解，双方自愿。",
    "Ask a people's mediation committee or another lawful mediator to mediate; both sides must "
    "agree.",
    *_ids(CRPL_39[2], MED_2),
)
_ARBITRATION = (
    "arbitration",
    "纠纷已提交仲裁：按仲裁程序继续（仲裁须有仲裁协议，裁决为终局）。",
    "The dispute is before an arbitration body: continue there (arbitration rests on an "
    "agreement and its award is final).",
    *_ids(CRPL_39[4], ARB_4),
)
_LAWSUIT = (
    "lawsuit",
    "向人民法院起诉（被告住所地或合同履行地法院）。",
    "Sue in a people's court (where the defendant is domiciled or the contract was performed).",
    *_ids(CRPL_39[5], CPL_24),
)
_LAWSUIT_ONLINE = (
    "lawsuit",
    "向人民法院起诉（被告住所地或合同履行地法院）；通过电商平台的网购纠纷，如案件属北京、广州、杭州的基层法院管辖，由当地互联网法院审理，可全程在线进行。",
    "Sue in a people's court (where the defendant is domiciled or the contract was performed); "
    "for a purchase through an e-commerce platform, if the case belongs to a basic court in "
    "Beijing, Guangzhou or Hangzhou, the internet court there hears it, entirely online.",
    *_ids(CRPL_39[5], CPL_24, ICP_2),
)
_LAWSUIT_LATE = (
    "lawsuit",
    "起诉前先核实诉讼时效：按现有事实时效可能已经届满，法院不会主动适用，但卖家提出抗辩的，"
    "请求将被驳回；请准备期间内向卖家提出要求、卖家同意赔付、投诉或调解的证据（均使时效中断）。",
    "Before suing, check limitation: on the facts given it may have run. The court will not "
    "raise it itself, but if the seller does, the claim fails; bring proof of any demand, the "
    "seller's agreement to pay, a complaint or mediation within the period (each interrupts it).",
    *_ids(CRPL_39[5], CPL_24),
)
_LAWSUIT_PENDING = (
    "lawsuit",
    "纠纷已由法院受理或处理：在该诉讼中继续主张权利。",
    "A court has already taken the dispute: pursue your claims in that case.",
    *_ids(CRPL_39[5]),
)


# --- the ladder -----------------------------------------------------------------------------------


def _platform_present(facts: Facts) -> bool:
    """An intermediary platform that can step in (not the seller itself)."""
    channel = facts.purchase.channel
    if channel is Channel.PLATFORM_SELF_OPERATED or facts.platform.self_operated:
        return False  # the platform is the seller; negotiating with it is the previous step
    if facts.platform.involved is not None:
        return facts.platform.involved
    return channel in MARKETPLACE


def _defendant_known(facts: Facts) -> bool:
    if facts.respondent_identifiable is not None:
        return facts.respondent_identifiable
    # An unidentifiable in-platform seller leaves the platform to answer (CRPL 44).
    return not (facts.seller.identified is False and not _platform_present(facts))


# The steps are data (the tables above); this function applies their provisions.
@implements(
    ECL_61,
    ECL_62,
    *(CRPL_39[n] for n in range(1, 6)),
    CRPL_37,
    CMP_3_2,
    MED_2,
    ARB_4,
    CPL_24,
    ICP_2,
)
def steps(
    facts: Facts,
    as_of: date,
    *,
    remedies_available: bool,
    admissibility: Admissibility | None = None,
    findings: exposure.Findings | None = None,
) -> list[PathStep]:
    """The path with the reason for each step; `findings` are the engine core's (the report
    step rests on them through the seller's exposure; derived when absent)."""
    history = facts.history
    handled = history.already_handled_by
    path: list[tuple[str, ...] | PathStep] = [_EVIDENCE]
    if handled is AlreadyHandledBy.COURT:
        return [_step(*s) for s in (*path, _LAWSUIT_PENDING)]
    if handled is AlreadyHandledBy.ARBITRATION:
        return [_step(*s) for s in (*path, _ARBITRATION)]
    if not remedies_available or history.mediation_agreement_performed:
        # Nothing left to claim for the consumer; a violation can still be reported.
        report = _report(facts, as_of, findings)
        if report is not None:
            path.append(report)
        return [_built(s) for s in path]

    adm = admissibility or admissibility_module.compute(facts, as_of)
    regulator = adm.market_regulator.admissible
    association = adm.consumer_association.admissible
    if history.seller_response is not SellerResponse.NO_CONTACT_POSSIBLE:
        path.append(_NEGOTIATE)
    if _platform_present(facts):
        path.append(_PLATFORM)
    if regulator:
        path.append(_REGULATOR)
    elif association:
        path.append(_ASSOCIATION)
    # Complaint handling already verifies violations it meets (CMP 23); a separate report
    # matters when no complaint will be taken or the seller cannot be reached.
    if not regulator or history.seller_response is SellerResponse.NO_CONTACT_POSSIBLE:
        report = _report(facts, as_of, findings)
        if report is not None:
            path.append(report)
    defendant = _defendant_known(facts)
    if not regulator and not association and defendant:
        path.append(_MEDIATION)
    if defendant:
        path.extend(_lawsuit(facts, as_of))
    return [_built(s) for s in path]


def _built(s: tuple[str, ...] | PathStep) -> PathStep:
    return s if isinstance(s, PathStep) else _step(*s)


def _report(facts: Facts, as_of: date, findings: exposure.Findings | None) -> PathStep | None:
    """The report step, naming what the report is about (found, or possible and on what);
    None when the engine's own findings leave no violation to report (the seller's exposure on
    them: not for a private seller, nor for a refusal the engine finds lawful)."""
    basis = exposure.report_basis(facts, findings, as_of=as_of)
    return None if basis.found is False else _report_step(basis)


@cached(1024)
def _report_step(basis: exposure.ReportBasis) -> PathStep:
    _, zh, en, *ids = _REPORT
    return PathStep(
        step="report_violation",
        explanation=Text(zh=zh + basis.reason.zh, en=en + " " + basis.reason.en),
        citations=cite(*(get(i) for i in ids), *basis.provisions),
    )


def _lawsuit(facts: Facts, as_of: date) -> tuple[tuple[str, ...], ...]:
    """The lawsuit step, or none once limitation has run (CC Arts. 192-193): the seller need
    only raise it for the suit to fail, so a suit is no longer advised when the facts show no
    interruption; negotiation and a complaint remain, since an agreement to pay made now binds
    the seller. When an interruption may have saved the claim, the step says what to prove."""
    found = expiry.lapse(facts, as_of)
    if found.state == "run" and not found.ask:
        return ()
    if found.state != "running" and found.state != "unknown":
        # The version of the defence in force on as_of (CC, or GPL/GPCL for earlier days).
        return ((*_LAWSUIT_LATE, *_ids(*defence(as_of))),)
    return (_LAWSUIT_ONLINE if facts.purchase.channel in MARKETPLACE else _LAWSUIT,)


def compute(
    facts: Facts,
    as_of: date,
    *,
    remedies_available: bool,
    admissibility: Admissibility | None = None,
    findings: exposure.Findings | None = None,
) -> list[str]:
    """The names of the recommended steps, in ladder order."""
    return [
        s.step
        for s in steps(
            facts,
            as_of,
            remedies_available=remedies_available,
            admissibility=admissibility,
            findings=findings,
        )
    ]
