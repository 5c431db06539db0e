"""The data of the timeline events that more than one writer records: each built here once.

The ladder's flow (cases.apply through filing.flows.take_step), the filing batch
(filing.intake) and the generator of synthetic registries (merchants.generator) write the
same kinds of event; merchants.facts reads them back, so their keys must not drift apart.
(assessment_attached is built by assessments.service.attached_event_data.)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from weiquan.common.money import format_fen


def case_filed(case: Mapping[str, Any]) -> dict[str, Any]:
    """case_filed: the filed facts as plain data, from the case's columns."""
    return {
        "goods": case["goods"],
        "category": case["category"],
        "channel": case["channel"],
        "price_paid_fen": case["price_paid_fen"],
        "order_date": case["order_date"].isoformat(),
    }


def demand_sent(*, due: date | None, amount_fen: int | None) -> dict[str, Any]:
    """demand_sent: the answer's due date (none until the demand reaches the seller: the
    consumer records its delivery) and, when the consumer named one, the sum asked."""
    data: dict[str, Any] = {"due": due.isoformat()} if due else {}
    if amount_fen is not None:
        data["amount_fen"] = amount_fen
    return data


def merchant_answered(
    *, answer: str, amount_fen: int | None, evidence_ids: list[int] | None = None
) -> dict[str, Any]:
    """merchant_answered: the answer, the sum offered, the evidence it cites."""
    data: dict[str, Any] = {"answer": answer}
    if amount_fen is not None:
        data["amount_fen"] = amount_fen
    if evidence_ids:
        data["evidence_ids"] = evidence_ids
    return data


def case_closed(
    *, outcome: str, amount_recovered_fen: int, rating: int | None, publish_consent: bool
) -> dict[str, Any]:
    """case_closed: how it ended, what came back, the consumer's rating and consent."""
    return {
        "outcome": outcome,
        "amount_recovered_fen": amount_recovered_fen,
        "amount_recovered": format_fen(amount_recovered_fen),
        "rating": rating,
        "publish_consent": publish_consent,
    }
