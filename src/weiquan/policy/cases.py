"""Policy of the routes about one case: the case API, its evidence, documents and assessments,
and their pages. Keys are (method, path template) as the app registers them."""

from __future__ import annotations

from dataclasses import replace

from weiquan.accounts.models import Role
from weiquan.policy.rules import ACTORS, PARTIES, READERS, Rule, case, roles
from weiquan.policy.rules import Relation as R

FILER = (R.filer,)
# Who adds to the case: the parties but a region agency, which reads and never acts.
CONTRIBUTORS = tuple(r for r in PARTIES if r is not R.region_agency)

# Who writes in the thread: the negotiating parties and the group's representatives.
WRITERS = (R.filer, R.representative, R.case_merchant, R.case_platform, R.case_agency,
           R.case_mediator)  # fmt: skip


def own_part(reason: str) -> Rule:
    """A fellow complainant's own participation in the case: the relation gets through, and
    the handler refuses whoever has no participation of its own there (the filer, admins)."""
    return replace(case(reason, R.co_complainant, R.representative), owned=True)


CASES: dict[tuple[str, str], Rule] = {
    # Filing and the list
    ("POST", "/api/cases"): Rule(
        "consumers file their own complaints, admins for someone; the filing writer signs the "
        "batch in and refuses the others (cases.views.consumer_filing)",
        frozenset({Role.consumer, Role.admin}),
        by_writer=True,
    ),
    ("GET", "/api/cases"): roles(
        "every account lists the cases it takes part in (filtered by cases.access.condition)",
        *Role,
    ),
    ("GET", "/cases"): roles("the list page of the cases one takes part in", *Role),
    ("GET", "/cases/new"): roles("the filing form; filing itself is the consumer's", *Role),
    ("POST", "/cases"): roles("consumers file (admins for someone)", Role.consumer),
    ("POST", "/cases/new/reading"): roles(
        "reading screenshots on the filing form (rate limited, bounded); nothing is filed",
        Role.consumer,
    ),
    # One case: read
    ("GET", "/api/cases/{number}"): case(
        "the case; fellow complainants see the filer masked", *READERS
    ),
    ("GET", "/cases/{number}"): case("the case page, masked as its JSON", *READERS),
    ("GET", "/api/cases/{number}/steps"): case(
        "the steps open to you (fellow complainants see them, take none)", *READERS
    ),
    ("GET", "/api/cases/{number}/messages"): case("the negotiation thread", *READERS),
    ("POST", "/api/cases/{number}/messages/{message_id}/read"): case(
        "a read receipt shows the reader's name to the other side: those who write in the "
        "thread (cases.views.writer_case)",
        *WRITERS,
    ),
    ("GET", "/api/cases/{number}/complainants"): case(
        "the group, masked but for one's own entry", *READERS
    ),
    # One case: act
    ("POST", "/api/cases/{number}/steps/{action}"): case(
        "ladder steps: the parties who act; region agencies and fellow complainants never",
        *ACTORS,
    ),
    ("POST", "/cases/{number}/steps/{action}"): case("ladder steps, from the case page", *ACTORS),
    # The clerk asks for what SAMR complaint measures Art. 9 require: the deciding agency only
    # (the flow refuses the rest with 403; region agencies read, decide and ask nothing).
    ("POST", "/api/cases/{number}/materials-request"): case(
        "the agency the complaint is with asks the consumer for missing materials",
        R.case_agency,
    ),
    ("POST", "/cases/{number}/clerk/materials"): case(
        "asking for missing materials, from the clerk's panel", R.case_agency
    ),
    ("POST", "/cases/{number}/negotiation/{action}"): case(
        "accepting, rejecting or countering a demand or an offer on its card, and recording "
        "the money received: ladder steps (the flow checks the party), from the case page",
        *ACTORS,
    ),
    ("POST", "/api/cases/{number}/messages"): case(
        "the negotiating parties and the group's representatives write in the thread",
        *WRITERS,
    ),
    ("POST", "/cases/{number}/messages"): case(
        "the thread, from the case page",
        *WRITERS,
    ),
    ("POST", "/api/cases/{number}/complainants"): case(
        "the filer adds consenting co-complainants (SAMR complaint measures Art. 11)", *FILER
    ),
    ("POST", "/cases/{number}/complainants"): case("adding a co-complainant, by page", *FILER),
    ("PUT", "/api/cases/{number}/complainants/representatives"): case(
        "the filer chooses at most two representatives (Art. 11)", *FILER
    ),
    ("POST", "/cases/{number}/representatives"): case("choosing representatives, by page", *FILER),
    ("DELETE", "/api/cases/{number}/complainants/me"): own_part(
        "a fellow complainant leaves the group (its own participation only; the filer stays)"
    ),
    ("POST", "/cases/{number}/leave"): own_part("leaving the group, by page"),
    # Assessments of the law
    ("POST", "/api/cases/{number}/assessments"): case(
        "the consumer's own legal assessment", *FILER
    ),
    ("POST", "/cases/{number}/assessment"): case("attaching an interview's assessment", *FILER),
    ("GET", "/api/cases/{number}/assessments/latest"): case(
        "the latest assessment: the parties, not fellow complainants", *PARTIES
    ),
    # Evidence: the parties, never the fellow complainants (their own evidence is their own)
    ("POST", "/api/cases/{number}/evidence"): case("the parties add evidence", *CONTRIBUTORS),
    ("POST", "/cases/{number}/evidence"): case("adding evidence, by page", *CONTRIBUTORS),
    ("GET", "/api/cases/{number}/evidence"): case("the evidence list and checklist", *PARTIES),
    ("GET", "/cases/{number}/evidence"): case("the evidence page", *PARTIES),
    ("GET", "/cases/{number}/evidence/readings"): case(
        "which pictures are still being read (the evidence pages poll it)", *PARTIES
    ),
    ("GET", "/api/cases/{number}/evidence/checklist"): case("what is missing", *PARTIES),
    ("POST", "/api/cases/{number}/evidence/export"): case("the signed bundle", *PARTIES),
    ("POST", "/cases/{number}/evidence/export"): case("the bundle, by page", *PARTIES),
    ("GET", "/api/cases/{number}/evidence/{seq}"): case("one item and its custody", *PARTIES),
    ("GET", "/cases/{number}/evidence/{seq}"): case("one item's page", *PARTIES),
    ("GET", "/api/cases/{number}/evidence/{seq}/file"): case("an original", *PARTIES),
    ("GET", "/cases/{number}/evidence/{seq}/file"): case("an original, by page", *PARTIES),
    ("GET", "/cases/{number}/evidence/{seq}/thumbnail"): case(
        "a picture's thumbnail: whoever may open the original", *PARTIES
    ),
    ("POST", "/api/cases/{number}/evidence/{seq}/redactions"): case(
        "a redacted copy to share", *CONTRIBUTORS
    ),
    ("POST", "/cases/{number}/evidence/{seq}/redactions"): case(
        "a redaction, by page", *CONTRIBUTORS
    ),
    ("GET", "/api/cases/{number}/evidence/{seq}/redactions/{rid}/file"): case(
        "a redacted copy's file", *PARTIES
    ),
    ("GET", "/cases/{number}/evidence/{seq}/redactions/{rid}/file"): case(
        "a redacted copy, by page", *PARTIES
    ),
    # Documents: each side supplies its own facts; the consumer's papers are the filer's
    ("GET", "/api/cases/{number}/documents"): case("which documents are ready", *PARTIES),
    ("GET", "/cases/{number}/documents"): case("the documents page", *PARTIES),
    ("GET", "/api/cases/{number}/documents/facts"): case(
        "the facts, without the consumer's papers for the others", *PARTIES
    ),
    ("PUT", "/api/cases/{number}/documents/facts"): case(
        "each side supplies its own facts", R.filer, R.case_merchant
    ),
    ("POST", "/cases/{number}/documents/facts"): case(
        "supplying facts, by page", R.filer, R.case_merchant
    ),
    ("GET", "/api/cases/{number}/documents/{doc_type}"): case(
        "a document (the civil complaint: the filer's side only)", *PARTIES
    ),
    ("GET", "/cases/{number}/documents/{doc_type}"): case("a document's preview", *PARTIES),
    ("GET", "/cases/{number}/documents/{doc_type}/file"): case("a document's file", *PARTIES),
}
