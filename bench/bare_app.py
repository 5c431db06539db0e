"""The bare endpoint the filing benchmark is measured beside: the same server, the same body
parsed into the same validated model (weiquan.cases.schemas.CaseCreate) and sent back, with no
sign-in, no law, no database. Loaded by the benchmark alone, never by weiquan's app."""

from __future__ import annotations

from fastapi import FastAPI, Response, status

from weiquan.cases.schemas import CaseCreate

# FastAPI's telemetry off, as weiquan's app has it unless asked for.
app = FastAPI(telemetry={"tracing": False, "metrics": False, "logs": False})


@app.post("/bare", status_code=status.HTTP_201_CREATED)
async def bare(case_in: CaseCreate) -> Response:
    """The complaint as validated, sent back (serialised once, as the filing route does)."""
    return Response(
        case_in.model_dump_json(),
        status_code=status.HTTP_201_CREATED,
        media_type="application/json",
    )
