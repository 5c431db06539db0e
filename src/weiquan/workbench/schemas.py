"""What the agency queue takes and answers: its filters, its rows, bulk steps, saved views."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from weiquan.cases.models import CaseStatus
from weiquan.cases.schemas import QueueItem
from weiquan.common.i18n import N_
from weiquan.common.labels import PROBLEMS
from weiquan.common.types import MaxLen, OptionalText
from weiquan.law.facts import Category, Channel
from weiquan.search import service as search

# Cases one bulk call moves, one page of the queue at most: each goes through its own step.
MAX_BULK = 50
PAGE_SIZE = 50
# Rows one export holds: a queue this long is a query to narrow, not a file to read.
EXPORT_LIMIT = 5000

UNKNOWN_PROBLEM = N_("There is no such problem.")
NO_WORD = N_("Type at least one word to search for.")


class Band(StrEnum):
    """How near the nearest running clock is, in working days (law.calendar)."""

    overdue = "overdue"
    today = "today"
    soon = "3"  # due within three working days
    later = "later"
    none = "none"  # no clock running


class Sort(StrEnum):
    deadline = "deadline"  # the nearest clock first, then first come first served
    age = "age"  # the oldest complaint first


Admissibility = Literal["ok", "missing", "refuse"]


class QueueFilters(BaseModel):
    """The queue's query parameters (page, API and saved views take the same)."""

    model_config = ConfigDict(extra="ignore")

    status: CaseStatus | None = None
    band: Band | None = None
    channel: Channel | None = None
    category: Category | None = None
    problem: Annotated[OptionalText, MaxLen(40)] = None
    platform: Annotated[OptionalText, MaxLen(100)] = None
    region: Annotated[str, Field(pattern=r"^\d{2,6}$")] | None = None
    # me, none (nobody), or a colleague's account id
    assigned: Annotated[str, Field(pattern=r"^(me|none|[1-9]\d{0,8})$")] | None = None
    admissibility: Admissibility | None = None
    q: Annotated[OptionalText, MaxLen(200)] = None
    sort: Sort = Sort.deadline

    @field_validator("problem")
    @classmethod
    def _problem(cls, value: str | None) -> str | None:
        if value and value not in PROBLEMS:
            raise PydanticCustomError("problem", UNKNOWN_PROBLEM)
        return value

    @field_validator("q")
    @classmethod
    def _words(cls, value: str | None) -> str | None:
        if value:
            try:
                search.matching("case_narrative", value)  # cut as the narratives were
            except search.EmptyQuery:
                raise PydanticCustomError("no_word", NO_WORD) from None
        return value

    @field_validator("status", "band", "channel", "category", "region", "assigned", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        # An empty select ("all") comes as "", which means no filter.
        return None if value == "" else value

    @field_validator("admissibility", mode="before")
    @classmethod
    def _blank_admissibility(cls, value: Any) -> Any:
        return None if value == "" else value

    def args(self, **overrides: object) -> dict[str, str]:
        """The filters as query-string arguments, defaults left out (links, saved views)."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        data.update(overrides)
        return {k: str(v) for k, v in data.items() if v not in (None, "")}


class QueueRow(QueueItem):
    """A row of the agency queue: the merchant inbox's row and what a clerk sorts on."""

    id: int
    consumer: str  # as the reader may see it in a list: the surname
    channel: str
    channel_label: str
    category: str
    category_label: str
    platform: str | None
    region: str | None
    assigned_id: int | None
    assigned: str | None  # the clerk's name
    admissibility: str | None
    admissibility_label: str | None
    # Working days from today to the nearest running clock; negative once past; None: no clock.
    days_left: int | None
    days_left_label: str
    band: Band
    filed_on: date
    filed_at_local: str


class BulkAction(StrEnum):
    assign = "assign"
    agency_accept = "agency_accept"
    agency_refuse = "agency_refuse"
    agency_transfer = "agency_transfer"


class BulkIn(BaseModel):
    """Several cases, one step each: assign (clerk: me, none or an id), accept, refuse with
    the engine's reasons or the reasons given, transfer (agency, reason)."""

    model_config = ConfigDict(extra="forbid")

    action: BulkAction
    cases: Annotated[list[Annotated[str, Field(min_length=1, max_length=20)]], Field(min_length=1)]
    clerk: Annotated[str, Field(pattern=r"^(me|none|[1-9]\d{0,8})$")] | None = None
    reasons: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(
        default_factory=list, max_length=20
    )
    agency: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    note: Annotated[OptionalText, MaxLen(5000)] = None

    @field_validator("cases")
    @classmethod
    def _bounded(cls, value: list[str]) -> list[str]:
        if len(value) > MAX_BULK:
            # The number is in the msgid: a custom error's message is looked up as sent.
            raise PydanticCustomError("too_many", N_("At most 50 cases at once."))
        return list(dict.fromkeys(value))


class BulkDone(BaseModel):
    number: str
    message: str  # what happened, in words


class BulkFailed(BaseModel):
    number: str
    reason: str  # why not, in words


class BulkResult(BaseModel):
    action: BulkAction
    done: list[BulkDone]
    failed: list[BulkFailed]


class SavedViewIn(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    filters: QueueFilters


class SavedViewPublic(BaseModel):
    id: int
    name: str
    filters: dict[str, str]
