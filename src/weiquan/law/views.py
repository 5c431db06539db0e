"""`POST /assessments` (mounted under /api): facts JSON in, assessment JSON out.

Invalid facts give 422 with every problem and its path; custom errors carry ctx["zh"] and
ctx["en"], which the application's handler shows in the user's language.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from .assessment import Assessment
from .engine import assess
from .facts import Facts
from .serialise import dump_json

__all__ = ["router"]

router = APIRouter(tags=["assessments"])


@router.post(
    "/assessments",
    response_class=JSONResponse,
    responses={200: {"model": Assessment, "description": "The assessment (weiquan.assessment/1)"}},
    summary="Assess a dispute",
)
def create_assessment(
    facts: Facts,
    as_of: date | None = Query(None, description="assess as of this day; overrides the body"),
) -> Any:
    """Assess the facts of one dispute under PRC consumer law (contract weiquan.facts/1)."""
    # The assessment is already in contract shape: its JSON is written straight to the body
    # (the same bytes as `weiquan assess`), with no second validation by response_model.
    try:
        result = assess(facts, as_of=as_of)
    except ValidationError as exc:  # dates after ?as_of=: refused like the body's own problems
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        ) from None
    return Response(dump_json(result), media_type="application/json")
