"""The authorization matrix: every route of the app, asked by every relation to one case, on
both databases, answers as the policy table (weiquan.policy) says.

One case holds every relation of docs/security.md. Each route gets one well-formed request
per relation (ids from the case, bodies that pass validation, so that a 422 cannot hide a
missing check). Allowed: not 401/403 (nor 404 on a case route), no redirect to the sign-in
page, no server error. Refused: 401 (API) or the sign-in page for anonymous visitors; 404 on a
case route (403 or 409 where the relation can read the case: it sees it, it may not do this);
401/403 elsewhere. An answer to a fellow complainant, a stranger or a refused caller never
carries the consumer's full name or phone.

`PENDING` lists the cells today's code does not meet yet, each with the change that brings it;
the test fails when one of them starts to pass (strike it out) as when any other cell fails.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import User
from tests.factories import case_document
from tests.security.matrix import (
    ANONYMOUS,
    BODIES,
    CALLERS,
    NAME,
    PHONE,
    R,
    World,
    build_case,
    default_body,
    params,
)
from weiquan import policy
from weiquan.accounts.models import ClaimStatus, MerchantClaim
from weiquan.policy import Rule
from weiquan.policy.rules import ROLE_OF

# Who may see the filer's name and phone in full: everyone else is checked for them on every
# route (the merchant and platform may, in what the case sends them: its demand letter).
UNTRUSTED = {R.co_complainant, R.representative, *policy.rules.STRANGERS, ANONYMOUS}

# Cells the code does not meet yet: (caller, method, path) -> why, and what brings them. Empty:
# every cell of the table holds. A cell put here must say why; the test fails once it passes.
PENDING: dict[tuple[str, str, str], str] = {}


# The callers whose own thing a route about one's own acts on: they must get through, and
# every other caller the door lets in must be refused by the handler (403, 404).
EVERY_ACCOUNT = frozenset(r.value for r in R)
OWNER: dict[tuple[str, str], frozenset[str]] = {
    ("POST", "/api/me/claims/{claim_id}/verify"): frozenset({R.other_merchant}),
    ("POST", "/me/claims/{claim_id}/verify"): frozenset({R.other_merchant}),
    ("GET", "/api/merchants/{merchant_id}/own"): frozenset({R.case_merchant}),
    ("PUT", "/api/merchants/{merchant_id}/reply"): frozenset({R.case_merchant}),
    ("POST", "/merchants/{merchant_id}/reply"): frozenset({R.case_merchant}),
    # Agencies see every claimant's profile; a merchant the claimant complained about, its own.
    ("POST", "/api/merchants/claimants"): frozenset(
        {R.case_merchant, R.case_agency, R.region_agency, R.other_agency, R.admin}
    ),
    ("POST", "/api/notifications/{notification_id}/read"): frozenset({R.filer}),
    ("POST", "/inbox/{notification_id}/read"): frozenset({R.filer}),
    ("DELETE", "/api/webhooks/{endpoint_id}"): frozenset({R.filer}),
    ("GET", "/api/webhooks/{endpoint_id}/deliveries"): frozenset({R.filer}),
    # Each caller names a session or token of its own (matrix.params makes a spare one).
    ("DELETE", "/api/tokens/{token_id}"): EVERY_ACCOUNT,
    ("POST", "/me/tokens/{token_id}/revoke"): EVERY_ACCOUNT,
    ("DELETE", "/api/me/sessions/{session_id}"): EVERY_ACCOUNT,
    ("POST", "/me/sessions/{session_id}/end"): EVERY_ACCOUNT,
    # Leaving: the fellow complainants' own participation (an admin has none to leave).
    ("DELETE", "/api/cases/{number}/complainants/me"): frozenset(
        {R.co_complainant, R.representative}
    ),
    ("POST", "/cases/{number}/leave"): frozenset({R.co_complainant, R.representative}),
}
# Routes a role passes whose handler answers 404 outside the caller's jurisdiction; these
# callers are inside it (the claim names the case's WeChat ID, in both agencies' regions),
# the others the door lets in (the other agency, platforms: WeChat IDs are not theirs) not.
JURISDICTION: dict[tuple[str, str], frozenset[str]] = {
    (method, path): frozenset({R.case_agency, R.region_agency, R.admin})
    for method in ("POST",)
    for path in (
        "/api/claims/{claim_id}/approve",
        "/claims/{claim_id}/approve",
        "/api/claims/{claim_id}/reject",
        "/claims/{claim_id}/reject",
    )
}
# Routes that move the case along: each walks a case of its own (refused callers first).
STATEFUL = {
    ("POST", "/api/cases/{number}/steps/{action}"),
    ("POST", "/cases/{number}/steps/{action}"),
    ("DELETE", "/api/cases/{number}/complainants/me"),  # the fellow complainants leave
    ("POST", "/cases/{number}/leave"),
}
# Routes that change the browser's session get a client of their own.
OWN_CLIENT = {("POST", "/login"), ("POST", "/logout"), ("POST", "/register")}
# Routes asked by API token that end every session of the caller's (the token is not one):
# the caller's browser session is begun again after them.
RENEW = {("DELETE", "/api/me/sessions"), ("POST", "/api/me/password")}
# Routes whose real work is slow (password hashing, signing a bundle with its PDF list): the
# callers the door lets through all get through it, but only these do the work; the others
# send a body refused by validation after the door (the door is all these routes check).
CHEAP: dict[tuple[str, str], set[str]] = {
    ("POST", "/api/tokens"): {ANONYMOUS, R.filer},
    ("POST", "/api/accounts"): {ANONYMOUS, R.filer},
    ("POST", "/register"): {ANONYMOUS, R.filer},
}
# ... and these, where no body can stop the work: the allowed callers not named are left out
# (the API's export and the page's run the same code, evidence.http.export_response).
SAMPLED: dict[tuple[str, str], set[str]] = {
    ("POST", "/api/cases/{number}/evidence/export"): {R.filer, R.case_merchant},
    ("POST", "/cases/{number}/evidence/export"): {R.filer},
    ("POST", "/login"): {ANONYMOUS, R.filer, R.case_agency},  # (a wrong password hashes too)
    ("POST", "/api/me/password"): {R.filer, R.case_agency},
    ("POST", "/me/password"): {R.filer, R.case_merchant},
    ("POST", "/api/password-reset/confirm"): {ANONYMOUS, R.filer},
    ("POST", "/reset-password/{token}"): {ANONYMOUS, R.case_mediator},
}
LAST = {("POST", "/logout"), ("DELETE", "/api/webhooks/{endpoint_id}")}


def allows(rule: Rule, who: str) -> bool:
    if who == ANONYMOUS:
        return rule.anonymous
    if ROLE_OF[R(who)] not in rule.roles:
        return False
    return rule.relations is None or R(who) in rule.relations


READS_THE_CASE = policy.TABLE["GET", "/api/cases/{number}"].relations or frozenset()


def verdict(
    key: tuple[str, str], rule: Rule, who: str, status: int, location: str, text: str
) -> str | None:
    """What is wrong with this answer, or None."""
    path = key[1]
    # The sign-in page asked for (not /login?reset=1, where a reset link's form sends one).
    login = status in (302, 303, 307) and location.split("?next=")[0] == "/login"
    if status == 303 and re.search(r"[?&]\w*error=", location):
        status = 409  # a page's form sent back with the reason (?error=, ?_error=, ...): refused
    if status >= 500:
        return f"server error {status}"
    if (who in UNTRUSTED or not allows(rule, who)) and (PHONE in text or NAME in text):
        return f"{status}, showing the consumer's name or phone"
    if allows(rule, who):
        if key in JURISDICTION and who not in JURISDICTION[key]:
            outside = status in (403, 404) or login
            return None if outside else f"outside its jurisdiction, let through: {status}"
        inside = rule.about_a_case or key in JURISDICTION
        refused = {401, 403} | ({404} if inside else set())
        if rule.owned and key in OWNER:
            if who in OWNER[key]:  # its own thing: the handler does what was asked
                return None if status < 400 and not login else f"its own, refused: {status}"
            # Someone else's thing: the handler's 403 or 404 (or a page's refusal) is right.
            mine = status < 400 and not login
            return f"someone else's, let through: {status}" if mine else None
        if rule.owned and key not in OWNER:
            refused = {401}  # whose thing it is, the world does not say
        return f"refused: {status}" if status in refused or login else None
    if who == ANONYMOUS:
        right = status == 401 if path.startswith("/api") else login
    elif rule.about_a_case:
        right = status == 404 or (R(who) in READS_THE_CASE and status in (403, 409))
    else:
        right = status in (401, 403)
    return None if right else f"let through: {status}"


def walk(w: World) -> dict[tuple[str, str, str], str]:
    """Every cell's problem, keyed by (caller, method, path)."""
    found = {(m, p) for m, p, _ in policy.routes(w.app)}
    order = sorted(found, key=lambda k: (k in LAST, k))
    problems: dict[tuple[str, str, str], str] = {}
    spent: dict[tuple[str, str], float] = {}
    clients = {who: w.client(who) for who in CALLERS}
    for key in order:
        method, path = key
        rule = policy.TABLE[key]
        number = w.number
        if key in STATEFUL:
            w.number = build_case(w)
        # Refused callers first: a state-changing route then meets the allowed ones last.
        for who in sorted(CALLERS, key=lambda c: allows(rule, c)):
            if (
                key in SAMPLED
                and allows(rule, who)
                and who not in SAMPLED[key]
                and (who, *key) not in PENDING
            ):
                continue
            url = path.format(**params(w, who, path))
            if key in CHEAP and who not in CHEAP[key]:
                kwargs = default_body(key)(w, who) if path[:4] != "/api" else {"json": {}}
            else:
                kwargs = BODIES.get(key, default_body(key))(w, who)
            started = time.perf_counter()
            client = w.client(who) if key in OWN_CLIENT else clients[who]
            r = client.request(method, url, follow_redirects=False, **kwargs)
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - started
            if key in RENEW and who != ANONYMOUS:
                clients[who] = w.client(who)
            text = r.text if "zip" not in r.headers.get("content-type", "") else ""
            problem = verdict(key, rule, who, r.status_code, r.headers.get("location", ""), text)
            if problem:
                problems[who, method, path] = problem
        w.number = number
    slow = sorted(spent.items(), key=lambda kv: -kv[1])[:8]
    print("slowest routes:", [(k, round(v, 2)) for k, v in slow])
    return problems


def test_every_route_has_a_rule_and_every_rule_a_route(app: FastAPI) -> None:
    found = {(m, p) for m, p, _ in policy.routes(app)}
    assert sorted(found - policy.TABLE.keys()) == [], "routes without a policy rule"
    assert sorted(policy.TABLE.keys() - found) == [], "rules for routes that are gone"
    assert len(found) >= 100
    stale = {(m, p) for _, m, p in PENDING} - found
    assert not stale, f"PENDING names routes that are gone: {sorted(stale)}"


def test_the_matrix(world: World) -> None:
    problems = walk(world)
    unexpected = {k: v for k, v in problems.items() if k not in PENDING}
    landed = sorted(k for k in PENDING if k not in problems)
    assert not unexpected and not landed, (
        "cells that break the policy:\n"
        + "\n".join(f"  {k}: {v}" for k, v in sorted(unexpected.items()))
        + "\ncells of PENDING that pass now (strike them out):\n"
        + "\n".join(f"  {k}" for k in landed)
    )


def test_a_draft_does_not_exist_for_its_merchant(
    make_user: Callable[..., User], sessions: sessionmaker[Session]
) -> None:
    filer, merchant = make_user("consumer"), make_user("merchant")
    with sessions() as session, session.begin():
        session.add(MerchantClaim(account_id=merchant.id, kind="wechat_id", value="mingpin_888",
                                  status=ClaimStatus.verified))  # fmt: skip
    number = filer.client.post("/api/cases", json=case_document()).json()["number"]
    for path in ("/api/cases/{n}", "/cases/{n}", "/api/cases/{n}/messages"):
        assert merchant.client.get(path.format(n=number)).status_code == 404, path
    listed = merchant.client.get("/api/cases").json()["items"]
    assert number not in [c["number"] for c in listed]
