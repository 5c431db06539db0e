"""Who did something on a case's timeline, as every party may see it: a name and a role, never
an email address.

An event stores its actor as a short code: "role:id" for an account (what the flows write),
"consumer", "system", "cli" or "demo" for the rest. Events written before store the account's
email instead; it stays (the timeline is append-only, and it is the audit's) but is shown as
the account's display name like the others, and an actor that names no account found shows as
"Someone": the parties of a case see each other's names, not each other's addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from weiquan.accounts.models import Account, Role
from weiquan.common.i18n import N_, gettext

# "role:id", which evidence follows with " display name"; ids past 64 bits are no account's.
ACCOUNT = re.compile(rf"({'|'.join(Role)}):(\d{{1,18}})(?:\s|$)")
CODES = {
    "consumer": N_("The consumer"),
    "system": N_("weiquan"),
    "cli": N_("An administrator"),  # the operator, on the server's command line
    "demo": N_("Demo"),
    # "reply_link:N", N the link's generation: someone with the link, not verified (replies).
    "reply_link": N_("Unverified responder (through the reply link)"),
}
SOMEONE = N_("Someone")


@dataclass(frozen=True)
class Shown:
    """An actor as shown: the account's display name and role, or a label and no role."""

    name: str
    role: str | None = None


def of(account: Account | None) -> str:
    """What an event stores as its actor: the account ("role:id"), or the command line."""
    return f"{account.role}:{account.id}" if account is not None else "cli"


def via_link(generation: int) -> str:
    """What an event stores as its actor for an answer through a case's reply link."""
    return f"reply_link:{generation}"


def resolve(session: Session, actors: Iterable[str]) -> dict[str, Shown]:
    """The accounts among actors, as shown; one query for them all, none without any."""
    ids: dict[int, str] = {}
    emails: dict[str, str] = {}
    for actor in set(actors):
        if match := ACCOUNT.match(actor):
            ids[int(match[2])] = actor
        elif "@" in actor:
            emails[actor.lower()] = actor  # accounts keep their emails in lower case
    if not ids and not emails:
        return {}
    rows = session.execute(
        select(Account.id, Account.email, Account.display_name, Account.role).where(
            or_(Account.id.in_(sorted(ids)), Account.email.in_(sorted(emails)))
        )
    ).all()
    found: dict[str, Shown] = {}
    for account_id, email, name, role in rows:
        for stored in (ids.get(account_id), emails.get((email or "").lower())):
            if stored is not None:
                found[stored] = Shown(name, role)
    return found


def shown(actor: str, known: Mapping[str, Shown] | None = None) -> Shown:
    """How actor is shown, from what resolve() found (else its role, when it names one)."""
    if known and actor in known:
        return known[actor]
    if match := ACCOUNT.match(actor):
        return Shown(gettext(SOMEONE), match[1])
    if (code := actor.split(":", 1)[0]) in CODES:
        return Shown(gettext(CODES[code]))
    return Shown(gettext(SOMEONE))
