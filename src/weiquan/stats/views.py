"""The statistics as JSON (`GET /api/agency/statistics`), with the page's parameters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy.orm import Session

from weiquan.accounts.auth import CurrentAccount
from weiquan.accounts.models import Account, Agency
from weiquan.common.web import SessionDep
from weiquan.stats import service
from weiquan.stats.figures import Figures, compute
from weiquan.stats.service import NoAgency, StatsQuery

router = APIRouter(tags=["statistics"])


def figures_for(session: Session, account: Account, query: StatsQuery) -> Figures:
    """The figures the account asked for, or 403 when it may see none."""
    try:
        scope = service.scope_for(session, account, query)
    except NoAgency as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(refused)) from refused
    return compute(session, scope)


def to_json(session: Session, f: Figures) -> dict[str, Any]:
    """The figures as the API gives them: raw numbers, and every table the page shows."""
    agency = session.get(Agency, f.scope.agency_id) if f.scope.agency_id else None
    return {
        "agency": {"id": agency.id, "name": agency.name} if agency else None,
        "start": f.scope.start.isoformat(),
        "end": f.scope.end.isoformat(),
        "filters": dict(f.scope.filters),
        "totals": {
            "complaints": f.total,
            "accepted": f.accepted,
            "refused": f.refused,
            "acceptance_rate": f.acceptance_rate,
            "mediations_ended": f.mediations_ended,
            "agreements": f.agreements,
            "mediation_success": f.mediation_success,
            "clocks_due": f.clocks_due,
            "overdue": f.overdue,
            "overdue_rate": f.overdue_rate,
            "recovered_fen": f.recovered_fen,
            "recovered_cases": f.recovered_cases,
            "first_answer_days_median": f.first_answer_days_median,
            "first_answers": f.first_answers,
        },
        "figures": [
            {
                "key": t.key,
                "title": t.title,
                "note": t.note,
                "columns": [{"key": c.key, "title": c.title} for c in t.columns],
                "rows": t.rows,
            }
            for t in service.tables(f)
        ],
    }


@router.get("/agency/statistics")
def statistics(
    session: SessionDep, account: CurrentAccount, query: Annotated[StatsQuery, Query()]
) -> dict[str, Any]:
    """Your agency's statistics for a period (admins: all agencies, or `agency`), with the
    queue's filters; each figure is defined in docs/statistics.md."""
    return to_json(session, figures_for(session, account, query))
