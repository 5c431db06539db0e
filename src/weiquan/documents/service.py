"""What documents are made from, read once: the case, its assessment, the vault, the facts.

Services never commit. `load` reads everything a document can use into plain data (a Source),
so that rendering needs no database; `missing` says what a type still lacks; `context` is what
the templates see. Amounts are integer fen from the law engine's assessment, never retyped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Agency
from weiquan.assessments import service as assessments
from weiquan.cases import joint
from weiquan.cases.models import Case, CaseDeadline, DeadlineStatus
from weiquan.cases.present import merchant_display
from weiquan.common.dates import local_today
from weiquan.common.labels import CHANNELS, LIABILITIES, LIABLE_ROLES, PAYMENT_METHODS, PROBLEMS
from weiquan.common.labels import label as code_label
from weiquan.documents import notices
from weiquan.documents.facts import (
    CO_DEFENDANTS,
    EVIDENCE,
    FACTS,
    LAWFUL_SOURCE_NEEDS,
    MATERIALS,
    NEEDS,
    REFUSED,
    DocType,
)
from weiquan.documents.models import DocumentFacts
from weiquan.documents.violations import suspected
from weiquan.events.models import EventKind
from weiquan.evidence import service as evidence
from weiquan.evidence.labels import kind_label
from weiquan.law.engine import assess
from weiquan.law.money import parse_yuan
from weiquan.merchants import service as merchants
from weiquan.merchants.models import ReturnInspection

log = logging.getLogger("weiquan.documents")

MAX_FACT_LENGTH = 2000
NEW_SAMR_MEASURES = date(2026, 4, 15)
COUNTERFEIT = {"counterfeit", "passed_off_as_genuine"}


@dataclass
class Source:
    """Everything a document of one case can say, as plain data."""

    case: dict[str, Any]
    facts: dict[str, str]  # known facts: from the case and from what the parties supplied
    assessment: dict[str, Any]
    evidence: list[dict[str, Any]]
    events: dict[str, dict[str, Any]]  # the latest event of each kind
    inspection: dict[str, Any] | None
    today: date = field(default_factory=local_today)
    # A joint complaint's group (the filer included), empty when the consumer complains alone.
    complainants: list[dict[str, Any]] = field(default_factory=list)
    # The due day of each running clock (the agency's notices name the decision's).
    deadlines: dict[str, date] = field(default_factory=dict)


def get_facts(*, session: Session, case: Case) -> DocumentFacts | None:
    """The facts supplied for case's documents, if any."""
    return session.execute(
        select(DocumentFacts).where(DocumentFacts.case_id == case.id)
    ).scalar_one_or_none()


def update_facts(
    *, session: Session, case: Case, values: dict[str, str | None], actor: str
) -> DocumentFacts:
    """Set (or, with an empty value, clear) supplied facts; flushes, never commits."""
    row = get_facts(session=session, case=case)
    if row is None:
        row = DocumentFacts(case_id=case.id, values={})
        session.add(row)
    merged = dict(row.values or {})
    for key, value in values.items():
        if key not in FACTS:
            raise KeyError(key)
        # NUL: PostgreSQL refuses it in text, and the document parser uses it internally.
        text = (value or "").replace("\x00", "").strip()
        if text:
            merged[key] = text[:MAX_FACT_LENGTH]
        else:
            merged.pop(key, None)
    row.values = merged
    row.updated_by = actor[:200]
    session.flush()
    return row


def _assessment(session: Session, case: Case) -> dict[str, Any]:
    """The newest stored assessment, else the engine's view of the case as filed."""
    stored = assessments.get_latest(session=session, case=case)
    if stored is not None:
        return dict(stored.result)
    try:
        return assess(assessments.facts_from_case(case)).model_dump(mode="json", exclude_none=True)
    except Exception as exc:  # the documents still say what the case says
        log.warning("no assessment for the documents of %s: %s", case.number, exc)
        return {}


def _agency_facts(session: Session, case: Case) -> dict[str, str]:
    if case.agency_id is None:
        return {}
    agency = session.get(Agency, case.agency_id)
    if agency is None:
        return {}
    if agency.kind == "consumer_association":
        return {"association": agency.name}
    if agency.kind == "market_regulator":
        return {"regulator": agency.name}
    return {}


def proposed_court(assessment: dict[str, Any]) -> dict[str, str]:
    """The court the assessment proposes for the civil complaint (an internet court where one
    hears the case, else a named court nearest the consumer): a default the consumer can
    change. Only a court by name: a description ("the court where the seller is") is no
    addressee, so then nothing is proposed and the consumer is asked."""
    proposed = (assessment.get("court") or {}).get("proposed") or {}
    name = proposed.get("zh") if isinstance(proposed, dict) else None
    return {"court": name} if isinstance(name, str) and name else {}


def load(*, session: Session, case: Case) -> Source:
    """Read what the documents of case are made from (inside the caller's transaction)."""
    assessment = _assessment(session, case)
    known: dict[str, str] = {}
    if case.consumer_address:
        known["consumer_address"] = case.consumer_address
    if case.merchant_platform:
        known["platform_name"] = case.merchant_platform
    known |= _agency_facts(session, case)
    known |= merchants.legal_identity(session=session, case_id=case.id)
    known |= proposed_court(assessment)
    supplied = get_facts(session=session, case=case)
    # What the consumer recorded on the case (the record_seller step, on the timeline) over
    # the registry; a fact a party supplied for the documents (a merchant naming itself in its
    # reply) over both.
    if case.seller_legal_name:
        known["respondent_name"] = case.seller_legal_name
    if case.seller_address:
        known["respondent_address"] = case.seller_address
    known |= {k: str(v) for k, v in ((supplied.values if supplied else None) or {}).items()}
    events: dict[str, dict[str, Any]] = {}
    for event in case.events:
        events[event.kind] = dict(event.data or {}) | {"at": event.at.date().isoformat()}
    inspection = session.execute(
        select(ReturnInspection)
        .where(ReturnInspection.case_id == case.id)
        .order_by(ReturnInspection.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    items = evidence.get_all(session=session, case=case)
    return Source(
        case={
            "number": case.number,
            "status": case.status,
            "complaint_kind": case.complaint_kind,
            "consumer_name": case.consumer_name,
            "consumer_phone": case.consumer_phone,
            "consumer_email": case.consumer_email,
            "merchant": merchant_display(case),
            "merchant_name": case.merchant_name,
            "merchant_wechat_id": case.merchant_wechat_id,
            "merchant_phone": case.merchant_phone,
            "merchant_shop": case.merchant_shop,
            "merchant_live_room": case.merchant_live_room,
            "goods": case.goods,
            "brand": case.brand,
            "category": case.category,
            "quantity": case.quantity,
            "price_fen": case.price_paid_fen,
            "order_date": case.order_date,
            "received_date": case.received_date,
            "channel": case.channel,
            "payment_method": case.payment_method,
            "problems": list(case.problems or []),
            "narrative": case.narrative or "",
        },
        facts=known,
        assessment=assessment,
        evidence=[
            {
                "label": i.label,
                "kind": i.kind,
                "description": i.description or i.original_name,
                "original_name": i.original_name,
                "sha256": i.sha256,
                "size": i.size,
                "captured_at": i.captured_at.date() if i.captured_at else None,
                "uploaded_at": i.uploaded_at.date(),
            }
            for i in items
        ],
        events=events,
        inspection=(
            {"distance": inspection.distance, "mismatch": inspection.mismatch}
            if inspection
            else None
        ),
        complainants=[
            {"name": m.name, "phone": m.phone, "representative": m.representative}
            for m in joint.get_all(session=session, case=case)
        ],
        deadlines={
            row.kind: row.due_on
            for row in session.execute(
                select(CaseDeadline).where(
                    CaseDeadline.case_id == case.id, CaseDeadline.status == DeadlineStatus.open
                )
            ).scalars()
        },
    )


def needs(source: Source, doc_type: DocType) -> tuple[str, ...]:
    """The facts doc_type needs for this case."""
    wanted = NEEDS[doc_type]
    if doc_type == DocType.merchant_reply and COUNTERFEIT & set(source.case["problems"]):
        wanted = wanted + LAWFUL_SOURCE_NEEDS
    return wanted


def missing(source: Source, doc_type: DocType) -> list[str]:
    """What doc_type still lacks for this case (fact keys, or EVIDENCE), in asking order."""
    out = []
    for key in needs(source, doc_type):
        if key == EVIDENCE:
            if not source.evidence:
                out.append(key)
        elif key in (REFUSED, MATERIALS):
            if not notices.ready(key, facts=source.facts, events=source.events, case=source.case):
                out.append(key)
        elif not source.facts.get(key):
            out.append(key)
    return out


def _fen(remedy: dict[str, Any] | None) -> int:
    if not remedy or remedy.get("status") == "unavailable" or remedy.get("amount") is None:
        return 0
    return parse_yuan(remedy["amount"])


def claims(assessment: dict[str, Any]) -> dict[str, Any]:
    """The money claims from the assessment: refund, punitive (recommended regime), losses."""
    remedies = assessment.get("remedies", [])

    def first(kind: str) -> dict[str, Any] | None:
        return next(
            (r for r in remedies if r["kind"] == kind and r["status"] != "unavailable"), None
        )

    punitive = next(
        (
            r
            for r in remedies
            if r["kind"] == "punitive" and r.get("recommended") and r["status"] != "unavailable"
        ),
        None,
    )
    refund, loss, costs = first("refund"), first("loss_compensation"), first("costs")
    out: dict[str, Any] = {
        "refund": _fen(refund),
        "refund_remedy": refund,
        "punitive": _fen(punitive),
        "punitive_remedy": punitive,
        "loss": _fen(loss),
        "loss_remedy": loss,
        "costs_remedy": costs,
        "return_goods": first("return_goods"),
    }
    out["total"] = out["refund"] + out["punitive"] + out["loss"]
    return out


def context(source: Source, doc_type: DocType) -> dict[str, Any]:
    """What the templates of doc_type see (labels in the current language)."""
    c = source.case
    f = source.facts
    a = source.assessment
    liable = [
        {
            "role": p["role"],
            "role_label": code_label(LIABLE_ROLES, p["role"]),
            "liability": p.get("liability"),
            "liability_label": code_label(LIABILITIES, p.get("liability")),
            "condition": p.get("condition"),
            "explanation": p.get("explanation") or {},
            "citations": p.get("citations") or [],
        }
        for p in a.get("liable_parties", [])
    ]
    narrative = [line.strip() for line in c["narrative"].splitlines() if line.strip()]
    co_defendants = []
    for party in liable:
        keys = CO_DEFENDANTS.get(party["role"])
        if keys and f.get(keys[0]) and f.get(keys[1]):
            co_defendants.append(party | {"name": f[keys[0]], "address": f[keys[1]]})
            party["joined"] = True
    return {
        "type": doc_type.value,
        "today": source.today,
        "joint_complainants": source.complainants,
        "case": c,
        "f": f,
        "consumer": {
            "name": c["consumer_name"],
            "phone": c["consumer_phone"],
            "email": c["consumer_email"],
            "address": f.get("consumer_address"),
            "id_number": f.get("consumer_id_number"),
            "gender": f.get("consumer_gender"),
            "birth_date": f.get("consumer_birth_date"),
            "ethnicity": f.get("consumer_ethnicity"),
        },
        "respondent": {
            "name": f.get("respondent_name") or c["merchant"],
            "legal_name": f.get("respondent_name"),
            "address": f.get("respondent_address"),
            "id": f.get("respondent_id"),
            "representative": f.get("respondent_representative"),
            "known_as": [
                v
                for v in (
                    c["merchant_shop"],
                    c["merchant_name"],
                    c["merchant_live_room"],
                    c["merchant_wechat_id"] and f"WeChat {c['merchant_wechat_id']}",
                    c["merchant_phone"],
                )
                if v and v != f.get("respondent_name", c["merchant"])
            ],
        },
        "platform": f.get("platform_name"),
        "channel": code_label(CHANNELS, c["channel"]),
        "payment": code_label(PAYMENT_METHODS, c["payment_method"]),
        "problems": [code_label(PROBLEMS, p) for p in c["problems"]],
        "narrative": narrative,
        "claims": claims(a),
        "liable": liable,
        "others_liable": [p for p in liable if p["role"] != "seller" and not p.get("joined")],
        "co_defendants": co_defendants,
        "suspected": [
            {"problem": code_label(PROBLEMS, p), "citations": cites}
            for p, cites in suspected(
                c["problems"], frozenset(f.get("code", "") for f in a.get("flags") or [])
            )
        ],
        "exposure": a.get("seller_exposure") or {},
        "jurisdiction": a.get("jurisdiction") or {},
        "flags": a.get("flags") or [],
        "evidence": [e | {"kind_label": kind_label(e["kind"])} for e in source.evidence],
        "demand": source.events.get(EventKind.demand_sent),
        "answer": source.events.get(EventKind.merchant_answered),
        "agreement": source.events.get(EventKind.agreement_recorded),
        "inspection": source.inspection,
        "lawful_source": bool(COUNTERFEIT & set(c["problems"])),
        # SAMR Order No. 121 replaces the Interim Measures from this day; only its Arts. 1-7
        # are known, so the documents cite the Interim Measures and say so.
        "new_samr_measures": source.today >= NEW_SAMR_MEASURES,
        **notices.context(facts=f, events=source.events, case=c, deadlines=source.deadlines),
    }
