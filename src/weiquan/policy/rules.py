"""The vocabulary of the policy table: relations to a case, and one rule per route.

A route's rule says who passes its door (anonymous visitors, which roles) and, for a route
about one case (`{number}` in its path), which relations to that case get through. The door is
checked for every request by `weiquan.policy.enforce`; the relation is checked by the handler
(`cases.access`), against the case it loads; `tests/test_policy_matrix.py` checks both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from weiquan.accounts.models import Role


class Relation(StrEnum):
    """How an account stands to one case (docs/security.md has the long version)."""

    filer = "filer"  # the consumer account that filed it
    co_complainant = "co_complainant"  # a verified consumer account linked to the group
    representative = "representative"  # a co-complainant chosen to represent (Art. 11)
    case_merchant = "case_merchant"  # verified claim to a strong identifier, after the draft
    case_platform = "case_platform"  # the platform asked to intervene
    case_agency = "case_agency"  # the agency the complaint was filed with
    region_agency = "region_agency"  # covers the merchant's region, not filed with: reads only
    case_mediator = "case_mediator"  # the mediator assigned
    admin = "admin"
    # Everyone else: not a relation at all. The case does not exist for them (404).
    other_consumer = "other_consumer"
    other_merchant = "other_merchant"
    other_platform = "other_platform"
    other_agency = "other_agency"
    other_mediator = "other_mediator"


# The role each relation's account has: the door lets a role in when one of its relations is.
ROLE_OF: dict[Relation, Role] = {
    Relation.filer: Role.consumer,
    Relation.co_complainant: Role.consumer,
    Relation.representative: Role.consumer,
    Relation.other_consumer: Role.consumer,
    Relation.case_merchant: Role.merchant,
    Relation.other_merchant: Role.merchant,
    Relation.case_platform: Role.platform_staff,
    Relation.other_platform: Role.platform_staff,
    Relation.case_agency: Role.agency_staff,
    Relation.region_agency: Role.agency_staff,
    Relation.other_agency: Role.agency_staff,
    Relation.case_mediator: Role.mediator,
    Relation.other_mediator: Role.mediator,
    Relation.admin: Role.admin,
}
STRANGERS = frozenset(r for r in Relation if r.value.startswith("other_"))
ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class Rule:
    """Who may call one route, and why."""

    reason: str
    roles: frozenset[Role] = frozenset()
    anonymous: bool = False
    # Only for routes about one case: the relations that get through (the others get 404).
    relations: frozenset[Relation] | None = None
    # True for POST /api/cases only: the filing writer signs batches in and applies the rule
    # itself (cases.views.consumer_filing), so the door does not resolve the account.
    by_writer: bool = False
    # The route acts on something of the caller's own (a notification, a claim, a merchant's
    # profile): the handler answers 404 or 403 for what is someone else's.
    owned: bool = False

    @property
    def about_a_case(self) -> bool:
        return self.relations is not None


def public(reason: str) -> Rule:
    """Anyone, signed in or not."""
    return Rule(reason, ALL_ROLES, anonymous=True)


def signed_in(reason: str) -> Rule:
    """Any account (what it gets is its own: its notifications, its claims)."""
    return Rule(reason, ALL_ROLES)


def roles(reason: str, *allowed: Role) -> Rule:
    """Accounts of these roles; admins always."""
    return Rule(reason, frozenset({*allowed, Role.admin}))


def own(reason: str, *allowed: Role, anonymous: bool = False) -> Rule:
    """Something of the caller's own, for these roles (all when none is named)."""
    return Rule(reason, frozenset(allowed or Role) | {Role.admin}, anonymous, owned=True)


def case(reason: str, *relations: Relation) -> Rule:
    """A route about one case: these relations (and admins) get through, the rest get 404."""
    allowed = frozenset({*relations, Relation.admin})
    assert not allowed & STRANGERS, "strangers to a case never get through"
    return Rule(reason, frozenset(ROLE_OF[r] for r in allowed), relations=allowed)


# Sets of relations that recur.
R = Relation
READERS = (
    R.filer,
    R.co_complainant,
    R.representative,
    R.case_merchant,
    R.case_platform,
    R.case_agency,
    R.region_agency,
    R.case_mediator,
)
# Everyone who reads the case but the fellow complainants (no evidence, facts or documents).
PARTIES = (R.filer, R.case_merchant, R.case_platform, R.case_agency, R.region_agency,
           R.case_mediator)  # fmt: skip
# Who takes ladder steps: region agencies read only, complainants other than the filer never
# act for the group (their consent is not recorded).
ACTORS = (R.filer, R.case_merchant, R.case_platform, R.case_agency, R.case_mediator)
