"""The delivery kit as JSON, the case page card's twin: the demand's text, the reply link, the
share image's address and the deliveries recorded. Recording one is the ladder's step
(`POST /api/cases/{number}/steps/record_delivery`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status

from weiquan.accounts.auth import CurrentAccount
from weiquan.cases.ladder import Party
from weiquan.cases.views import case_and_parties
from weiquan.common.i18n import gettext
from weiquan.common.web import SessionDep
from weiquan.replies.panel import CONSUMER_ONLY, NO_DEMAND, card

router = APIRouter(prefix="/cases/{number}", tags=["delivery"])


@router.get("/delivery")
def delivery_kit(
    request: Request, number: str, session: SessionDep, account: CurrentAccount
) -> dict[str, Any]:
    """The delivery kit of the case's demand (the consumer who filed it only)."""
    case, parties = case_and_parties(session, account, number, "delivery")
    if not parties & {Party.consumer, Party.admin}:
        raise HTTPException(status.HTTP_403_FORBIDDEN, gettext(CONSUMER_ONLY))
    found = card(session, case, request.app.state.secret_key, request.app.state.settings.public_url)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_DEMAND))
    base = str(request.base_url)
    live = not found.revoked
    return {
        "number": found.number,
        "delivered": found.delivered,
        "deliveries": [asdict(d) for d in found.deliveries],
        "link": found.link(base) if live else None,
        "text": found.text(base) if live else None,
        "image": f"/cases/{found.number}/delivery/image.png" if live else None,
        "link_revoked": found.revoked,
        "link_used": found.used,
        "answer_through_link": asdict(found.answer) if found.answer else None,
    }
