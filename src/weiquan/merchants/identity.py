"""The seller's legal identity on the case page: what the case recorded, what it still lacks
and how to find it (cases.seller_identity), and what the merchant registry knows of the linked
merchant, with where the registry learnt it. Here, not in cases, because the registry sits
above cases; the app hands `case_panel` to the case page (app.state.case_panels)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from weiquan.cases import seller_identity
from weiquan.cases.actions import SellerSource
from weiquan.cases.models import Case
from weiquan.common.dates import local_today
from weiquan.common.i18n import N_, gettext, pick
from weiquan.common.identifiers import Kind
from weiquan.common.templating import cite
from weiquan.merchants.models import (
    EvidenceKind,
    MerchantCase,
    MerchantIdentifier,
    MerchantLink,
)
from weiquan.merchants.service import legal_identity

FROM_ACCOUNT = N_("the merchant's own verified account")
FROM_REVIEW = N_("an agency's review")
FROM_RECORD = N_("the record {reference} of {authority}")
# Said instead of the law package's caveat, which is written for developers and the API.
NEW_MEASURES = N_(
    "New SAMR complaint measures apply from 15 April 2026; their wording on this point may "
    "differ slightly."
)


def _sources(session: Session, merchant_id: int) -> list[str]:
    """Where the registry learnt the merchant's legal name or credit code (never a buyer)."""
    ids = select(MerchantIdentifier.id).where(
        MerchantIdentifier.merchant_id == merchant_id,
        MerchantIdentifier.kind.in_((Kind.uscc, Kind.real_name)),
    )
    links = session.execute(
        select(MerchantLink.evidence_kind, MerchantLink.evidence_ref)
        .where(
            or_(MerchantLink.a_id.in_(ids), MerchantLink.b_id.in_(ids)),
            MerchantLink.revoked_at.is_(None),
            MerchantLink.evidence_kind != EvidenceKind.case,
        )
        .order_by(MerchantLink.id)
    ).all()
    out: list[str] = []
    for kind, ref in links:
        if kind == EvidenceKind.agency_record:
            authority, _, reference = ref.partition(":")
            said = gettext(FROM_RECORD).format(authority=authority, reference=reference)
        elif kind == EvidenceKind.account:
            said = gettext(FROM_ACCOUNT)
        else:
            said = gettext(FROM_REVIEW)
        if said not in out:
            out.append(said)
    return out


def known(*, session: Session, case: Case) -> dict[str, Any] | None:
    """The registry's identity of the case's merchant (a business's registered name, its
    credit code) and its sources; None when the registry knows neither. The registry keeps
    no addresses, and never hands out a private person's name."""
    found = legal_identity(session=session, case_id=case.id)
    if not found:
        return None
    merchant_id = session.execute(
        select(MerchantCase.merchant_id).where(MerchantCase.case_id == case.id)
    ).scalar_one()
    return {
        "legal_name": found.get("respondent_name"),
        "uscc": found.get("respondent_id"),
        "sources": _sources(session, merchant_id),
    }


def case_panel(session: Session, case: Case, group_member: bool) -> dict[str, Any]:
    """The case page's "who is the seller" section (none for a fellow complainant)."""
    if group_member:
        return {"seller": None}
    lacking = seller_identity.missing(case)
    registry = known(session=session, case=case) if lacking else None
    rule = seller_identity.respondent_rule(local_today(), "market_regulator")
    source = case.seller_source
    return {
        "seller": {
            "missing": [gettext(seller_identity.WHAT[k]) for k in lacking],
            "legal_name": case.seller_legal_name,
            "address": case.seller_address,
            "source": gettext(seller_identity.SOURCES[SellerSource(source)]) if source else None,
            "requires": pick(rule.requires.model_dump()),
            "consequence": pick(rule.consequence.model_dump()),
            # The articles that say it; the 2026 measures' known articles say nothing of it.
            "law": [cite(dict(c)) for c in rule.citations if c["instrument"] != "CMP-2026"],
            "doubt": gettext(NEW_MEASURES)
            if rule.doubt and rule.rules.startswith("CMP-2026")
            else None,
            "ways": seller_identity.ways(case) if lacking else [],
            "registry": registry,
            "sources": [(s.value, gettext(label)) for s, label in seller_identity.SOURCES.items()],
            "prefill": {
                "legal_name": case.seller_legal_name or (registry or {}).get("legal_name") or "",
                "address": case.seller_address or "",
                "source": source or ("registry" if registry and registry["legal_name"] else ""),
            },
        }
    }
