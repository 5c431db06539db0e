"""Supplying the facts documents ask for: the one write of this domain, in its own transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from weiquan.cases import service as cases
from weiquan.cases.effects import Admissibility
from weiquan.documents import service
from weiquan.documents.facts import FACTS
from weiquan.documents.service import Source


class NotYours(ValueError):
    """A fact the account may not supply, or no such fact."""


def supply_facts(
    session: Session,
    number: str,
    values: dict[str, str | None],
    allowed: set[str],
    actor: str,
    changed: Admissibility | None = None,
) -> Source:
    """Store supplied facts (own transaction); returns the new source. changed: the clerk's
    admissibility (an address supplied here completes a complaint, SAMR measures Art. 9)."""
    for key in values:
        if key not in FACTS or not FACTS[key].supplied_by(allowed):
            raise NotYours(key)
    with session.begin():
        case = cases.get(session=session, number=number)
        assert case is not None
        service.update_facts(session=session, case=case, values=values, actor=actor)
        if changed is not None:
            changed(session=session, case=case)
        source = service.load(session=session, case=case)
    return source
