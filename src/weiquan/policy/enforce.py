"""The door of every route: the one dependency app.py adds to every router.

It finds the rule of the route the request matched, signs the request in and lets it through
or refuses it: a route missing from the table is refused (fail closed); an anonymous visitor
gets 401 on the API and the sign-in page otherwise; a role the rule does not name gets 404 on a
route about one case (nobody learns that a case exists) and 403 elsewhere. Whether the
account stands in the right relation to the case is the handler's check (`cases.access`),
made against the case it loads.
"""

from __future__ import annotations

import logging

from fastapi import HTTPException, Request, status
from starlette.concurrency import run_in_threadpool

from weiquan.accounts.auth import SignInRequired, forbid, get_account, sign_in_needed
from weiquan.accounts.models import Account
from weiquan.common.i18n import N_, gettext
from weiquan.policy.rules import Rule

log = logging.getLogger(__name__)

# The words of the case API's own 404 (cases.views), so that both refusals read the same.
NO_CASE = N_("No case has the number {number}.")


def _sign_in(request: Request) -> Account | None:
    with request.app.state.sessions() as session:
        return get_account(request, session)


async def authorize(request: Request) -> None:
    """Let the request through its route's door, or refuse it."""
    route = request.scope.get("route")
    rule: Rule | None = request.app.state.policy.get((getattr(route, "endpoint", None),
                                                      request.method))  # fmt: skip
    if rule is None:
        log.error("no policy rule for %s %s: refused", request.method, request.url.path)
        raise forbid()
    if rule.by_writer:
        return  # the filing writer signs whole batches in (filing.writer) and applies the rule
    account = await run_in_threadpool(_sign_in, request)
    if account is None:
        if rule.anonymous:
            return
        if request.url.path.startswith("/api"):
            raise sign_in_needed()
        raise SignInRequired()
    if account.role in rule.roles:
        return
    if rule.about_a_case:
        number = str(request.path_params.get("number", ""))
        raise HTTPException(status.HTTP_404_NOT_FOUND, gettext(NO_CASE).format(number=number))
    raise forbid()
