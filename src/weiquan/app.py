"""The ASGI application: JSON API under /api, pages everywhere else."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from weiquan import __version__, db, instance, models, policy
from weiquan.accounts import (
    credential_pages,
    credential_views,
    mailbox_pages,
    mailbox_views,
    passwords,
    phone_me_pages,
    phone_pages,
)
from weiquan.accounts import pages as account_pages
from weiquan.accounts import views as account_views
from weiquan.accounts.auth import SignInRequired
from weiquan.accounts.auth import page_context as account_context
from weiquan.accounts.limits import TooManyAttempts
from weiquan.accounts.middleware import SessionCookieMiddleware
from weiquan.assessments import owners as assessment_owners
from weiquan.assessments import pages as assessment_pages
from weiquan.assessments import plain as assessment_plain
from weiquan.assessments import views as assessment_views
from weiquan.cases import access as case_access
from weiquan.cases import desks as case_desks
from weiquan.cases import joint_pages as case_joint_pages
from weiquan.cases import offer_pages as case_offer_pages
from weiquan.cases import offers as case_offers
from weiquan.cases import pages as case_pages
from weiquan.cases import views as case_views
from weiquan.common import files
from weiquan.common.errors import field_errors
from weiquan.common.i18n import N_, gettext
from weiquan.common.templating import PACKAGE, make_templates
from weiquan.common.web import BodyLimitMiddleware, LanguageMiddleware, render
from weiquan.config import Settings, get_settings
from weiquan.documents import pages as document_pages
from weiquan.documents import views as document_views
from weiquan.evidence import pages as evidence_pages
from weiquan.evidence import reading_pages
from weiquan.evidence import reading_views as evidence_reading_views
from weiquan.evidence import shown as evidence_shown
from weiquan.evidence import views as evidence_views
from weiquan.evidence.labels import human_size
from weiquan.filing import flows as filing_flows
from weiquan.filing.writer import Writer
from weiquan.headers import SecurityHeadersMiddleware, header_values
from weiquan.law import views as law_views
from weiquan.merchants import identity as merchant_identity
from weiquan.merchants import pages as merchant_pages
from weiquan.merchants import views as merchant_views
from weiquan.notifications import outbox
from weiquan.notifications import pages as notification_pages
from weiquan.notifications import views as notification_views
from weiquan.notifications.pages import page_context as notification_context
from weiquan.openapi import ERROR_RESPONSES
from weiquan.pages import router as site_pages
from weiquan.policy.enforce import authorize
from weiquan.replies import kit_pages as reply_kit_pages
from weiquan.replies import pages as reply_pages
from weiquan.replies import views as reply_views
from weiquan.replies.panel import case_panel as delivery_panel
from weiquan.stats import pages as stats_pages
from weiquan.stats import public_pages as stats_public_pages
from weiquan.stats import public_views as stats_public_views
from weiquan.stats import report_pages as stats_report_pages
from weiquan.stats import views as stats_views
from weiquan.workbench import clerk_pages
from weiquan.workbench import effects as workbench_effects
from weiquan.workbench import pages as workbench_pages
from weiquan.workbench import views as workbench_views
from weiquan.workbench.clerk import case_panel as clerk_panel

log = logging.getLogger("weiquan")

SERVER_ERROR = N_("Something went wrong on our side. Nothing was saved; please try again.")
INVALID = N_("Some fields need your attention.")
# The HTTP errors Starlette raises itself, which name only their status phrase (in English).
STATUS_MESSAGES = {
    404: N_("Nothing is here: the address may be mistyped, or what it showed is gone."),
    405: N_("This address does not take that kind of request."),
    413: N_("The request is too large: at most {size}."),
}
OTHER_STATUS = N_("The request could not be completed (HTTP {status}).")
_PHRASES = {s.phrase for s in HTTPStatus}


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    # The data directory (database, evidence, keys) is the server's user's alone, also where
    # an older weiquan made it readable by everyone.
    files.private_dir(settings.data_dir, tighten=True)
    engine = engine or db.make_engine(settings.sqlalchemy_url)
    models.load()  # every domain's mappers configured before the first request

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="weiquan",
        version=__version__,
        description="维权 weiquan: consumer rights defence for online and social commerce.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
        # Off unless asked for: looking for providers nobody set up was 3% of a filing request.
        telemetry=None
        if settings.telemetry
        else {"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    # The key that signs cookies: configured, or this instance's own (never a public one).
    app.state.secret_key = instance.secret_key(settings).value
    app.state.engine = engine
    app.state.sessions = db.make_sessionmaker(engine)
    # The one write path of filings (weiquan.filing), handed to the routes of cases below it:
    # the API's writer (group commit), the page's filing and the ladder's steps.
    app.state.filing_writer = Writer(app.state.sessions)
    app.state.file_case = filing_flows.file_case
    app.state.take_step = workbench_effects.take_step
    # What the thread's routes cause above cases: notices, the evidence it attaches; and the
    # clerk's word on a complaint's admissibility, kept by the steps, the assessment and the
    # documents' facts (weiquan.workbench).
    app.state.case_effects = workbench_effects.EFFECTS
    app.state.templates = make_templates()
    # The assessment in plain words (headline, citations named in words), for its template.
    app.state.templates.globals.update(assessment_plain.TEMPLATE_GLOBALS)
    # What every page shows from higher packages, wired here so that rendering (common) knows
    # nothing of accounts or notifications.
    app.state.page_context = (account_context, notification_context)
    # Which claims agency staff may decide: those to identifiers their region's cases name.
    app.state.claims_named_in = case_access.claim_named
    # Where accounts queue their own emails (verify, reset): the notifications' outbox.
    app.state.send_email = outbox.send_email
    # What the case page shows from packages above cases.
    app.state.case_panels = (
        assessment_pages.case_panel,
        merchant_identity.case_panel,
        case_offers.case_panel,
        evidence_shown.case_panel,
        # The delivery kit and the reply link's state (weiquan.replies), signed with the key.
        delivery_panel(app.state.secret_key, settings.public_url),
        # The case as agency staff see it: admissibility, the registry, the deadline, transfer.
        clerk_panel,
    )
    # The complaint form filled from a draft of proposed facts, and the draft's answers that
    # the form has no field for added to the case filed from it.
    app.state.draft_prefill = assessment_owners.draft_prefill
    # Screenshots read on the form join the case's vault first (issue 22), values read that
    # the person did not confirm are dropped, then the rest of the draft joins the case.
    app.state.draft_filed = reading_pages.filed_with(assessment_owners.draft_filed)
    passwords.common_passwords()  # read while the app loads, frozen with the rest

    # Every route passes the policy's door (weiquan.policy): it signs the request in once (every
    # page shows who is signed in) and applies the route's rule. Filing through the API is let
    # through unresolved: its writer signs whole batches of requests in at once and applies the
    # rule itself. Its routes come first: routes are tried in order, and filing is the busiest.
    signed_in = [Depends(authorize)]
    api: dict[str, Any] = {"dependencies": signed_in, "responses": ERROR_RESPONSES}
    app.include_router(case_views.router, prefix="/api", **api)
    app.include_router(account_views.router, prefix="/api", **api)
    app.include_router(mailbox_views.router, prefix="/api", **api)
    app.include_router(credential_views.router, prefix="/api", **api)
    app.include_router(case_views.desk, prefix="/api", **api)
    app.include_router(assessment_views.router, prefix="/api", **api)
    app.include_router(law_views.router, prefix="/api", **api)
    app.include_router(notification_views.router, prefix="/api", **api)
    app.include_router(evidence_views.router, prefix="/api", **api)
    app.include_router(evidence_reading_views.router, prefix="/api", **api)
    app.include_router(merchant_views.router, prefix="/api", **api)
    app.include_router(document_views.router, prefix="/api", **api)
    app.include_router(document_views.types_router, prefix="/api", **api)
    app.include_router(reply_views.router, prefix="/api", **api)
    app.include_router(workbench_views.router, prefix="/api", **api)
    app.include_router(stats_views.router, prefix="/api", **api)
    app.include_router(stats_public_views.router, prefix="/api", **api)
    app.include_router(clerk_pages.api, prefix="/api", **api)
    app.include_router(site_pages, dependencies=signed_in)
    app.include_router(account_pages.router, dependencies=signed_in)
    app.include_router(phone_pages.router, dependencies=signed_in)
    app.include_router(phone_me_pages.router, dependencies=signed_in)
    app.include_router(mailbox_pages.router, dependencies=signed_in)
    app.include_router(credential_pages.router, dependencies=signed_in)
    # Before the case and evidence pages: /cases/new/reading and .../evidence/readings would
    # otherwise be taken for a case number or an item's number.
    app.include_router(reading_pages.router, dependencies=signed_in)
    app.include_router(case_pages.router, dependencies=signed_in)
    app.include_router(case_joint_pages.router, dependencies=signed_in)
    app.include_router(case_offer_pages.router, dependencies=signed_in)
    app.include_router(case_desks.router, dependencies=signed_in)
    app.include_router(assessment_pages.router, dependencies=signed_in)
    app.include_router(notification_pages.router, dependencies=signed_in)
    app.include_router(evidence_pages.router, dependencies=signed_in)
    app.include_router(merchant_pages.router, dependencies=signed_in)
    app.include_router(document_pages.router, dependencies=signed_in)
    app.include_router(reply_kit_pages.router, dependencies=signed_in)
    app.include_router(reply_pages.router, dependencies=signed_in)
    app.include_router(workbench_pages.router, dependencies=signed_in)
    app.include_router(stats_pages.router, dependencies=signed_in)
    app.include_router(stats_public_pages.router, dependencies=signed_in)
    app.include_router(stats_report_pages.router, dependencies=signed_in)
    app.include_router(clerk_pages.router, dependencies=signed_in)
    app.state.policy = policy.index(app)
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    app.add_middleware(BodyLimitMiddleware, limit=settings.request_max_bytes)
    app.add_middleware(LanguageMiddleware, default=settings.default_language)
    app.add_middleware(
        SessionCookieMiddleware,
        secret=app.state.secret_key,
        secure=settings.environment == "production",
        max_age=settings.session_max_hours * 3600,
    )
    # Outermost, so that answers made by the middlewares above carry the headers too.
    app.add_middleware(SecurityHeadersMiddleware, production=settings.environment == "production")
    _install_error_handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = field_errors(exc.errors())
        if _wants_json(request):
            return JSONResponse({"message": gettext(INVALID), "detail": errors}, status_code=422)
        return render(
            request, "error.html", status_code=422, message=gettext(INVALID), errors=errors
        )

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, exc: SignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    @app.exception_handler(TooManyAttempts)
    async def too_many(request: Request, exc: TooManyAttempts) -> Response:
        headers = {"Retry-After": str(exc.retry_after)}
        if _wants_json(request):
            return JSONResponse({"detail": exc.message()}, status_code=429, headers=headers)
        page = render(request, "error.html", status_code=429, message=exc.message(), errors=[])
        page.headers.update(headers)
        return page

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail
        if isinstance(detail, str) and detail in _PHRASES:
            size = human_size(request.app.state.settings.request_max_bytes)
            template = STATUS_MESSAGES.get(exc.status_code, OTHER_STATUS)
            detail = gettext(template).format(size=size, status=exc.status_code)
        if _wants_json(request):
            return JSONResponse(
                {"detail": detail}, status_code=exc.status_code, headers=exc.headers
            )
        return render(
            request, "error.html", status_code=exc.status_code, message=str(detail), errors=[]
        )

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        # The trace goes to the log for us, never to the user.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        response: Response
        if _wants_json(request):
            response = JSONResponse({"detail": gettext(SERVER_ERROR)}, status_code=500)
        else:
            response = render(
                request, "error.html", status_code=500, message=gettext(SERVER_ERROR), errors=[]
            )
        # Starlette answers a crash outside every middleware, so the headers are added here.
        production = request.app.state.settings.environment == "production"
        response.headers.update(header_values(production=production))
        response.headers["Cache-Control"] = "no-store"
        return response


def app_from_env() -> FastAPI:
    """For `uvicorn --factory weiquan.app:app_from_env` (several worker processes)."""
    return create_app()
