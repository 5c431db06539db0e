"""Valid case documents to start tests from."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
_BASE = json.loads((DATA / "case-live-stream.json").read_text(encoding="utf-8"))


# The seller's legal identity a complaint must carry (SAMR complaint measures Art. 9(1)(2)):
# recorded with the record_seller step before file_complaint.
SELLER = {
    "legal_name": "广州名品贸易有限公司",
    "address": "广州市天河区体育西路1号",
    "source": "platform_answer",
}


def case_document(**changes: Any) -> dict[str, Any]:
    """The live-stream counterfeit case, with section fields overridden: order={"goods": ...}."""
    doc = copy.deepcopy(_BASE)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(doc.get(key), dict):
            doc[key].update(value)
        else:
            doc[key] = value
    return doc
