"""The bare FastAPI endpoint the filing benchmark is measured beside (same server, no work)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

app = FastAPI()


@app.post("/bare")
def bare(body: dict[str, Any]) -> dict[str, bool]:
    return {"ok": True}
