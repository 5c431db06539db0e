"""Imports every domain's models so that metadata and migrations see all tables."""

from weiquan.accounts.models import (
    AccessLog,
    Account,
    Agency,
    ApiToken,
    MerchantClaim,
    WebSession,
)
from weiquan.assessments.models import CaseAssessment
from weiquan.cases.models import (
    Case,
    CaseCounter,
    CaseDeadline,
    CaseMessage,
    Complainant,
    MessageRead,
)
from weiquan.documents.models import DocumentFacts
from weiquan.events.models import CaseEvent
from weiquan.evidence.models import (
    EvidenceCheckpoint,
    EvidenceItem,
    EvidenceLogEntry,
    EvidenceLogHead,
    EvidenceRedaction,
    EvidenceTimestamp,
)
from weiquan.jobs.models import ScheduledJob
from weiquan.merchants.models import (
    AgencyRecord,
    Merchant,
    MerchantCase,
    MerchantIdentifier,
    MerchantLink,
    Resolution,
    ReturnInspection,
)
from weiquan.notifications.models import Delivery, Notification, WebhookEndpoint

__all__ = [
    "AccessLog",
    "Account",
    "Agency",
    "AgencyRecord",
    "ApiToken",
    "Case",
    "CaseAssessment",
    "CaseCounter",
    "CaseDeadline",
    "CaseEvent",
    "CaseMessage",
    "Complainant",
    "Delivery",
    "DocumentFacts",
    "EvidenceCheckpoint",
    "EvidenceItem",
    "EvidenceLogEntry",
    "EvidenceLogHead",
    "EvidenceRedaction",
    "EvidenceTimestamp",
    "Merchant",
    "MerchantCase",
    "MerchantClaim",
    "MerchantIdentifier",
    "MerchantLink",
    "MessageRead",
    "Notification",
    "Resolution",
    "ReturnInspection",
    "ScheduledJob",
    "WebSession",
    "WebhookEndpoint",
]
