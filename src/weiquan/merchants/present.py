"""Merchants as the public sees them: labels in the current language, personal data masked."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from weiquan.common.dates import format_local
from weiquan.common.i18n import gettext
from weiquan.common.identifiers import Kind
from weiquan.common.labels import (
    CHANNELS,
    FINDING_KINDS,
    PROBLEMS,
    RECORD_TYPES,
    label,
)
from weiquan.common.privacy import is_business_name, mask_name, mask_phone
from weiquan.merchants import profile as prof
from weiquan.merchants import warnings as warn
from weiquan.merchants.identifiers import KIND_LABELS, REAL_NAME_KINDS
from weiquan.merchants.models import AgencyRecord, Merchant, MerchantIdentifier
from weiquan.merchants.schemas import (
    AgencyRecordPublic,
    ComplaintStats,
    Count,
    IdentifierPublic,
    MerchantProfile,
    ReplyPublic,
    ScoreLine,
    ScorePublic,
    WarningPublic,
)

SHOWN_FIRST = (Kind.shop_name, Kind.live_room, Kind.store_id, Kind.real_name, Kind.name)


def mask_identifier(kind: str, display: str) -> str:
    """What the public may see of one identifier (PIPL: no more than needed)."""
    if kind == Kind.phone:
        return mask_phone(display)
    if kind == Kind.wechat:
        if re.fullmatch(r"[\d\s+\-]+", display):
            return mask_phone(display)
        return display[:2] + "***"
    if kind in (Kind.name, Kind.real_name):
        return display if is_business_name(display) else mask_name(display)
    return display


def public_name(nodes: Sequence[MerchantIdentifier]) -> str:
    """The best public label: a shop or room name before a masked personal one."""
    for kind in SHOWN_FIRST:
        for n in nodes:
            if n.kind == kind:
                return mask_identifier(n.kind, n.display)
    for n in nodes:
        return mask_identifier(n.kind, n.display)
    return "—"


def identifier_public(n: MerchantIdentifier) -> IdentifierPublic:
    return IdentifierPublic(
        kind=n.kind,
        kind_label=label(KIND_LABELS, n.kind),
        shown=mask_identifier(n.kind, n.display),
        platform=n.scope or None,
    )


def _params(params: dict[str, object]) -> dict[str, object]:
    """Codes inside a message in words of the current language."""
    out = dict(params)
    if "kind" in out:
        out["kind"] = label(FINDING_KINDS, str(out["kind"]))
    if "problem" in out:
        out["problem"] = label(PROBLEMS, str(out["problem"]))
    if "what" in out:
        out["what"] = label(KIND_LABELS, str(out["what"]))
    for key, value in out.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
    return out


def say(message: str, params: dict[str, object]) -> str:
    return gettext(message).format(**_params(params))


def record_public(r: AgencyRecord, merchant_name: str) -> AgencyRecordPublic:
    return AgencyRecordPublic(
        id=r.id,
        record_type=r.record_type,
        record_label=label(RECORD_TYPES, r.record_type),
        finding_kind=r.finding_kind,
        finding_label=label(FINDING_KINDS, r.finding_kind) if r.finding_kind else None,
        decided_by=r.decided_by,
        authority=r.authority,
        decided_on=r.decided_on,
        reference=r.reference,
        case_number=r.case_number,
        reason=r.reason,
        valid_until=r.valid_until,
        merchant_id=r.merchant_id,
        merchant=merchant_name,
    )


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def merchant_profile(
    merchant: Merchant,
    nodes: Sequence[MerchantIdentifier],
    nodes_total: int,
    s: prof.Stats,
    agency: list[AgencyRecord],
) -> MerchantProfile:
    kinds = Counter(n.kind for n in nodes)
    has_real_name = any(kinds[k] for k in REAL_NAME_KINDS if k != Kind.real_name) or any(
        n.kind == Kind.real_name for n in nodes
    )
    sc = prof.score(s, agency, has_real_name)
    name = public_name(nodes)
    return MerchantProfile(
        id=merchant.id,
        name=name,
        identifiers=[identifier_public(n) for n in nodes],
        identifiers_total=nodes_total,
        stats=ComplaintStats(
            complaints=s.complaints,
            not_counted=s.not_counted,
            by_kind=[
                Count(code=k, label=label(PROBLEMS, k), count=n) for k, n in s.by_kind.items()
            ],
            by_channel=[
                Count(code=k, label=label(CHANNELS, k), count=n) for k, n in s.by_channel.items()
            ],
            demands=s.demanded,
            answered=s.answered,
            answered_percent=_percent(s.answered, s.demanded),
            on_time=s.on_time,
            on_time_percent=_percent(s.on_time, s.on_time_known),
            median_answer_hours=(
                round(s.median_answer_seconds / 3600, 1)
                if s.median_answer_seconds is not None
                else None
            ),
            settled=s.settled,
            recovered=s.recovered_fen,
        ),
        records=[record_public(r, name) for r in agency],
        score=ScorePublic(
            value=sc.value,
            band=sc.band,
            band_label=label(prof.BANDS, sc.band),
            lines=[
                ScoreLine(points=line.points, text=say(line.message, line.params))
                for line in sc.lines
            ],
        ),
        warnings=[
            WarningPublic(code=w.code, text=say(w.message, w.params))
            for w in warn.warnings(s, agency, kinds, has_real_name)
        ],
        reply=(
            ReplyPublic(
                text=merchant.reply, at=merchant.reply_at, at_local=format_local(merchant.reply_at)
            )
            if merchant.reply and merchant.reply_at
            else None
        ),
    )


def masked_consumer(name: str, phone: str) -> tuple[str, str]:
    return mask_name(name), mask_phone(phone)
