"""Policy of the routes about no one case: accounts, desks, notifications, webhooks, the
merchant registry, the law engine and the public pages."""

from __future__ import annotations

from weiquan.accounts.models import Role
from weiquan.policy.rules import Rule, own, public, roles, signed_in

STAFF = (Role.agency_staff,)

SITE: dict[tuple[str, str], Rule] = {
    # Public pages and documents
    ("GET", "/api/openapi.json"): public("the API's description"),
    ("GET", "/"): public("the home page"),
    ("GET", "/lang/{code}"): public("switching the language (local redirects only)"),
    ("GET", "/api/docs"): public("the API's documentation page"),
    ("GET", "/rights"): public("the know-your-rights interview; ?case= is checked by the page"),
    ("POST", "/rights"): public("answering the interview: kept in the answerer's own draft"),
    ("GET", "/rights/d/{public_id}"): own(
        "the next question of one's own draft (account or signed cookie; else 404)",
        anonymous=True,
    ),
    ("GET", "/rights/d/{public_id}/result"): own(
        "the result of one's own draft (account or signed cookie; else 404)", anonymous=True
    ),
    ("POST", "/api/assessments"): public("the law engine on facts one sends; nothing stored"),
    ("GET", "/api/documents/types"): public("which documents weiquan drafts"),
    # Accounts
    ("POST", "/api/accounts"): public("signing up (consumers and merchants only)"),
    ("POST", "/api/tokens"): public("exchanging a password for a token (rate limited)"),
    ("GET", "/login"): public("the sign-in form"),
    ("POST", "/login"): public("signing in (rate limited)"),
    ("POST", "/logout"): public("signing out ends whatever session there is"),
    ("POST", "/login/phone"): public("sending a sign-in code by SMS (rate limited)"),
    ("POST", "/login/phone/verify"): public("typing the SMS code (rate limited, few tries)"),
    ("GET", "/login/phone/welcome"): public("after a right code: sign in or sign up"),
    ("POST", "/login/phone/welcome"): public("signing up with the phone just proved"),
    ("POST", "/me/phone"): signed_in("sending a code to a phone one adds (rate limited)"),
    ("POST", "/me/phone/verify"): signed_in("proving a phone for one's own account"),
    ("POST", "/me/claims/{claim_id}/sms"): own(
        "sending a code to one's own claimed phone", Role.merchant
    ),
    ("POST", "/me/claims/{claim_id}/sms/verify"): own(
        "proving one's own phone claim with the SMS code", Role.merchant
    ),
    ("GET", "/register"): public("the sign-up form"),
    ("POST", "/register"): public("signing up"),
    ("POST", "/api/readings"): signed_in(
        "reading screenshots and a story (rate limited per account and address, bounded before"
        " reading); nothing is kept or linked"
    ),
    ("GET", "/api/me"): signed_in("one's own account"),
    ("GET", "/me"): signed_in("one's own account page"),
    ("POST", "/api/me/claims"): Rule("merchants claim identifiers", frozenset({Role.merchant})),
    ("POST", "/me/claims"): Rule("claiming an identifier, by page", frozenset({Role.merchant})),
    ("POST", "/api/me/claims/{claim_id}/verify"): own(
        "proving one's own claim with its code", Role.merchant
    ),
    ("POST", "/me/claims/{claim_id}/verify"): own("proving a claim, by page", Role.merchant),
    ("GET", "/api/claims"): roles(
        "staff list the claims within their jurisdiction", *STAFF, Role.platform_staff
    ),
    ("GET", "/claims"): roles("the claims to decide, by page", *STAFF, Role.platform_staff),
    ("POST", "/api/claims/{claim_id}/approve"): roles(
        "staff approve claims within their jurisdiction (else 404)", *STAFF, Role.platform_staff
    ),
    ("POST", "/claims/{claim_id}/approve"): roles(
        "approving a claim, by page", *STAFF, Role.platform_staff
    ),
    ("POST", "/api/claims/{claim_id}/reject"): roles(
        "staff reject (or revoke) a claim with a reason", *STAFF, Role.platform_staff
    ),
    ("POST", "/claims/{claim_id}/reject"): roles(
        "rejecting a claim, by page", *STAFF, Role.platform_staff
    ),
    # Proving an email, and a forgotten password: the token in the link is the proof
    ("POST", "/api/me/email-verification"): signed_in("sending one's own link again"),
    ("POST", "/me/email-verification"): signed_in("sending one's own link again, by page"),
    ("POST", "/api/email-verification"): public("following the emailed link (rate limited)"),
    ("GET", "/verify-email/{token}"): public("the link's page: a button, nothing used yet"),
    ("POST", "/verify-email/{token}"): public("using the link (rate limited)"),
    ("POST", "/api/password-reset"): public("asking for a reset link (the same answer for all)"),
    ("POST", "/api/password-reset/confirm"): public("a new password with the emailed token"),
    ("GET", "/forgot-password"): public("the form asking for a reset link"),
    ("POST", "/forgot-password"): public("asking for a reset link, by page"),
    ("GET", "/reset-password/{token}"): public("the new-password form of a link"),
    ("POST", "/reset-password/{token}"): public("setting a new password with a link"),
    # One's own sessions, tokens and password
    ("GET", "/api/tokens"): signed_in("one's own API tokens (never their secret)"),
    ("DELETE", "/api/tokens/{token_id}"): own("revoking one's own token (else 404)"),
    ("POST", "/me/tokens/{token_id}/revoke"): own("revoking one's own token, by page"),
    ("GET", "/api/me/sessions"): signed_in("one's own signed-in sessions"),
    ("DELETE", "/api/me/sessions/{session_id}"): own("ending one's own session (else 404)"),
    ("POST", "/me/sessions/{session_id}/end"): own("ending one's own session, by page"),
    ("DELETE", "/api/me/sessions"): signed_in("ending one's other sessions"),
    ("POST", "/me/sessions/end-others"): signed_in("ending one's other sessions, by page"),
    ("POST", "/api/me/password"): signed_in("changing one's password (the current one asked)"),
    ("GET", "/me/password"): signed_in("the change-password form"),
    ("POST", "/me/password"): signed_in("changing one's password, by page"),
    # Desks
    ("GET", "/api/merchant/inbox"): roles("a merchant's cases by deadline", Role.merchant),
    ("GET", "/api/merchant/stats"): roles("a merchant's own figures", Role.merchant),
    ("GET", "/merchant"): roles("the merchant's desk", Role.merchant),
    ("GET", "/api/agency/overdue"): roles("an agency's overdue clocks", *STAFF),
    # The agency queue (weiquan.workbench): its own complaints and its regions', a mediator's
    ("GET", "/api/agency/queue"): roles(
        "an agency's complaints (a mediator's assigned ones), filtered, by cursor",
        Role.agency_staff,
        Role.mediator,
    ),
    ("GET", "/agency"): roles("the agency queue", Role.agency_staff, Role.mediator),
    ("GET", "/api/agency/counts"): roles(
        "the queue's counts per status", Role.agency_staff, Role.mediator
    ),
    ("POST", "/api/agency/bulk"): roles(
        "a step on several cases, each checked as on its own (else failed)", *STAFF
    ),
    ("POST", "/agency/bulk"): roles("a step on several cases, by page", *STAFF),
    ("GET", "/api/agency/views"): roles(
        "one's own saved views of the queue", Role.agency_staff, Role.mediator
    ),
    ("POST", "/api/agency/views"): roles(
        "saving one's own view of the queue", Role.agency_staff, Role.mediator
    ),
    ("DELETE", "/api/agency/views/{view_id}"): own(
        "deleting one's own saved view (else 404)", Role.agency_staff, Role.mediator
    ),
    ("POST", "/agency/views"): roles(
        "saving one's own view, by page", Role.agency_staff, Role.mediator
    ),
    ("POST", "/agency/views/{view_id}/delete"): own(
        "deleting one's own saved view, by page (else 404)", Role.agency_staff, Role.mediator
    ),
    ("GET", "/api/agency/export.{fmt}"): roles(
        "the queue as CSV or XLSX, masked by the reader's rights", Role.agency_staff, Role.mediator
    ),
    ("GET", "/agency/export.{fmt}"): roles(
        "the queue as CSV or XLSX, by page", Role.agency_staff, Role.mediator
    ),
    # Notifications and webhooks: one's own
    ("GET", "/api/notifications"): signed_in("one's own notifications"),
    ("POST", "/api/notifications/read-all"): signed_in("one's own notifications"),
    ("POST", "/api/notifications/{notification_id}/read"): own("one's own (else 404)"),
    ("GET", "/inbox"): signed_in("one's own notifications"),
    ("POST", "/inbox/read-all"): signed_in("one's own notifications"),
    ("POST", "/inbox/{notification_id}/read"): own("one's own (else 404)"),
    ("GET", "/api/webhooks"): signed_in("one's own webhooks"),
    ("POST", "/api/webhooks"): signed_in("a webhook for one's own notifications"),
    ("DELETE", "/api/webhooks/{endpoint_id}"): own("one's own webhook (else 404)"),
    ("GET", "/api/webhooks/{endpoint_id}/deliveries"): own("one's own (else 404)"),
    ("POST", "/api/webhooks/deliveries/{delivery_id}/retry"): own("one's own (else 404)"),
    # The merchant registry: public figures; agencies keep it; a merchant answers for itself
    ("GET", "/api/merchants/lookup"): public("checking a merchant before buying (no phones)"),
    ("POST", "/api/merchants/lookup"): public("checking a merchant, a phone in the body"),
    ("GET", "/api/merchants/records"): public("agencies' public records"),
    ("GET", "/api/merchants/lists/{which}"): public("the public lists"),
    ("GET", "/api/merchants/{merchant_id}"): public("a merchant's public profile"),
    ("GET", "/merchants"): public("the check form"),
    ("POST", "/merchants"): public("checking a merchant (posted: no identifiers in URLs)"),
    ("GET", "/merchants/records"): public("the public records"),
    ("GET", "/merchants/lists"): public("the public lists"),
    ("GET", "/merchants/{merchant_id}"): public("a merchant's public profile"),
    ("POST", "/api/merchants/agency-records"): roles("agencies publish their records", *STAFF),
    ("POST", "/api/merchants/links"): roles("agencies link identifiers of one merchant", *STAFF),
    ("POST", "/api/merchants/resolutions/{resolution_id}/undo"): roles(
        "agencies undo a merge or split", *STAFF
    ),
    ("GET", "/api/merchants/{merchant_id}/history"): roles("merges and splits", *STAFF),
    # The merchant's own side: a verified claim, or the code an agency issued (anonymous then)
    ("POST", "/api/merchants/claimants"): own(
        "agencies; a merchant the claimant complained about, by verified claim or code",
        Role.agency_staff,
        Role.merchant,
        anonymous=True,
    ),
    ("GET", "/api/merchants/{merchant_id}/own"): own(
        "the merchant itself, by verified claim or agency-issued code",
        Role.merchant,
        anonymous=True,
    ),
    ("PUT", "/api/merchants/{merchant_id}/reply"): own(
        "the merchant's public reply, by verified claim or code", Role.merchant, anonymous=True
    ),
    ("GET", "/merchants/{merchant_id}/reply"): own(
        "the reply form (posting it proves control)", Role.merchant, anonymous=True
    ),
    ("POST", "/merchants/{merchant_id}/reply"): own(
        "the merchant's reply, by page (claim or code)", Role.merchant, anonymous=True
    ),
    # Agencies' statistics (weiquan.stats): staff see their own agency's, admins any or all.
    ("GET", "/agency/dashboard"): roles("an agency's statistics with charts", *STAFF),
    ("GET", "/agency/dashboard/download"): roles(
        "one figure of the statistics as CSV/XLSX", *STAFF
    ),
    ("GET", "/api/agency/statistics"): roles("an agency's statistics", *STAFF),
}
