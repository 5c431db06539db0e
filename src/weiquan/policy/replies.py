"""Policy of the delivery routes (weiquan.replies): the consumer's kit on the case, and the
seller's page behind a reply link, which needs no account (the signed link is the key; its
handler checks it, counts every request and blocks an address that tries wrong links)."""

from __future__ import annotations

from weiquan.accounts.models import Role
from weiquan.policy.rules import Relation as R
from weiquan.policy.rules import Rule, case, public, roles

REPLIES: dict[tuple[str, str], Rule] = {
    ("GET", "/api/cases/{number}/delivery"): case(
        "the delivery kit as JSON: the demand's text, the reply link, the deliveries", R.filer
    ),
    ("GET", "/cases/{number}/delivery"): case("recording how the demand went out", R.filer),
    ("POST", "/cases/{number}/delivery"): case(
        "the consumer records the delivery and its proof; the merchant's clock starts", R.filer
    ),
    ("GET", "/cases/{number}/delivery/image.png"): case(
        "the share image of the demand with the reply link's QR code", R.filer
    ),
    ("POST", "/cases/{number}/reply-link/revoke"): case(
        "the consumer revokes the seller's reply link", R.filer
    ),
    ("POST", "/cases/{number}/reply-link/new"): case(
        "a new reply link after a revoked one", R.filer
    ),
    ("GET", "/r/{token}"): public(
        "the seller reads the demand through the signed link, the buyer masked (rate limited)"
    ),
    ("POST", "/r/{token}/answer"): public(
        "the seller answers through the link, as an unverified responder (rate limited)"
    ),
    ("POST", "/r/{token}/evidence"): public(
        "the seller adds evidence to the case's vault through the link (rate limited)"
    ),
    ("POST", "/r/{token}/claim"): roles(
        "a merchant account claims an identifier the case names, proved by a code", Role.merchant
    ),
}
