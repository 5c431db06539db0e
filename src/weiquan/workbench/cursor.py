"""The queue's paging cursor: where the last page stopped, opaque to the reader.

Keyset paging (the rows after a (key, id) pair), not OFFSET: the 50th page costs what the first
does, and a case moving up the list while the clerk pages neither repeats nor hides the others.
The cursor holds the sort, the direction and the pair; it is checked on the way in, so a
tampered one is refused with a message (BadCursor), never a server error. It grants nothing:
the rows after any pair are still only those the reader may see.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from weiquan.common.i18n import N_

BAD_CURSOR = N_("This page link is damaged or out of date: start again from the first page.")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadCursor(ValueError):
    msgid = BAD_CURSOR


@dataclass(frozen=True)
class Cursor:
    sort: str  # deadline | age
    key: str | None  # the queue key (deadline); None when sorting by age
    id: int
    forward: bool = True  # False: the page before this pair


def encode(cursor: Cursor) -> str:
    raw = json.dumps(
        [cursor.sort, cursor.key, cursor.id, "a" if cursor.forward else "b"],
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(token: str, sort: str) -> Cursor:
    """The cursor in token, for a queue sorted by sort; BadCursor if it is not one."""
    if len(token) > 200:
        raise BadCursor(BAD_CURSOR)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(BAD_CURSOR) from exc
    if not (isinstance(data, list) and len(data) == 4):
        raise BadCursor(BAD_CURSOR)
    got_sort, key, row_id, way = data
    valid = (
        got_sort == sort
        and way in ("a", "b")
        and isinstance(row_id, int)
        and not isinstance(row_id, bool)
        and 0 < row_id < 2**31
        and (key is None if sort == "age" else isinstance(key, str) and bool(_DAY.match(key)))
    )
    if not valid:
        raise BadCursor(BAD_CURSOR)
    return Cursor(sort=sort, key=key, id=row_id, forward=way == "a")
