"""Valid case documents to start tests from."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
_BASE = json.loads((DATA / "case-live-stream.json").read_text(encoding="utf-8"))


def case_document(**changes: Any) -> dict[str, Any]:
    """The live-stream counterfeit case, with section fields overridden: order={"goods": ...}."""
    doc = copy.deepcopy(_BASE)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(doc.get(key), dict):
            doc[key].update(value)
        else:
            doc[key] = value
    return doc
