"""Site-wide pages: home (or each role's own work), the language switch, the API docs served
without a CDN."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Role
from weiquan.cases import access
from weiquan.cases.models import Case
from weiquan.common import i18n
from weiquan.common.web import LANG_COOKIE, SessionDep, render

router = APIRouter(include_in_schema=False)

# Where each role's own work is: "/" (and so signing in without a `next`) lands there.
DESKS: dict[str, str] = {
    Role.merchant: "/merchant",
    Role.agency_staff: "/agency",
    Role.mediator: "/agency",
    Role.admin: "/agency",
    Role.platform_staff: "/cases",
}


def landing(session: Session, account: Account | None) -> str | None:
    """The page an account starts on; None for the home page (visitors, and consumers who
    have filed nothing yet: the home page is where one starts a complaint)."""
    if account is None:
        return None
    if account.role == Role.consumer:
        filed = session.execute(select(Case.id).where(access.condition(account)).limit(1))
        return "/cases" if filed.first() else None
    return DESKS.get(account.role)


@router.get("/", response_class=HTMLResponse, response_model=None)
def home(request: Request, session: SessionDep) -> Response:
    if target := landing(session, getattr(request.state, "account", None)):
        return RedirectResponse(target, status_code=303)
    return render(request, "home.html")


@router.get("/lang/{code}")
def switch_language(code: str, next: str = "/") -> RedirectResponse:
    lang = i18n.normalize(code) or i18n.DEFAULT
    # Only local paths: an open redirect would let others bounce users through weiquan.
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


# Swagger UI from our own files (never a CDN); its start-up script is a file too, as the
# Content-Security-Policy allows no inline script (weiquan/headers.py).
API_DOCS = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>weiquan API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui" data-openapi-url="/api/openapi.json"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(API_DOCS)
