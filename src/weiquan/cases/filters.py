"""The filters and paging a case list accepts, the same for API, pages and CLI."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from weiquan.cases.models import CaseStatus
from weiquan.cases.schemas import SortOrder
from weiquan.common.i18n import N_
from weiquan.common.types import MaxLen, OptionalText
from weiquan.law.facts import Category, Channel


class CaseFilters(BaseModel):
    model_config = ConfigDict(extra="ignore")

    status: CaseStatus | None = None
    channel: Channel | None = None
    category: Category | None = None
    platform: Annotated[OptionalText, MaxLen(100)] = None
    q: Annotated[OptionalText, MaxLen(200)] = None
    order_from: date | None = None
    order_to: date | None = None
    page: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    page_size: Annotated[int, Field(ge=1, le=100)] = 20
    sort: SortOrder = SortOrder.newest

    @model_validator(mode="after")
    def _range(self) -> CaseFilters:
        if self.order_from and self.order_to and self.order_from > self.order_to:
            raise PydanticCustomError(
                "date_range", N_("The start date must not be after the end date.")
            )
        return self

    def query_args(self, **overrides: object) -> dict[str, str]:
        """The filters as query-string arguments (for paging links), defaults left out."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        data.update({k: v for k, v in overrides.items()})
        return {k: str(v) for k, v in data.items() if v not in (None, "")}
