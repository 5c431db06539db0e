"""Imports every domain's models so that metadata and migrations see all tables."""

from weiquan.assessments.models import CaseAssessment
from weiquan.cases.models import Case, CaseCounter
from weiquan.events.models import CaseEvent

__all__ = ["Case", "CaseAssessment", "CaseCounter", "CaseEvent"]
