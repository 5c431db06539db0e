"""`phone_codes.send` as the pages call it: the client's address, the page's language and the
app's settings come from the request (the sign-in page, the account page, the reply link)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from weiquan.accounts import phone_codes
from weiquan.common.i18n import current_language
from weiquan.common.web import client_address


def send_code(request: Request, session: Session, *, phone: str, purpose: str) -> None:
    """Send a code to phone for purpose; raises what `phone_codes.send` raises."""
    phone_codes.send(
        session,
        phone=phone,
        purpose=purpose,
        ip=client_address(request) or "unknown",
        language=current_language.get(),
        settings=request.app.state.settings,
    )
