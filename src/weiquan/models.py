"""Imports every domain's models so that metadata and migrations see all tables."""

from weiquan.accounts.models import AccessLog, Account, Agency, ApiToken, MerchantClaim
from weiquan.assessments.models import CaseAssessment
from weiquan.cases.models import (
    Case,
    CaseCounter,
    CaseDeadline,
    CaseMessage,
    Complainant,
    MessageRead,
)
from weiquan.events.models import CaseEvent

__all__ = [
    "AccessLog",
    "Account",
    "Agency",
    "ApiToken",
    "Case",
    "CaseAssessment",
    "CaseCounter",
    "CaseDeadline",
    "CaseEvent",
    "CaseMessage",
    "Complainant",
    "MerchantClaim",
    "MessageRead",
]
