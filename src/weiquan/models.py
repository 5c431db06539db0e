"""The registry of every domain's tables, for entry points only (app, CLI, worker, demo,
migrations, test fixtures).

Mappers name each other across domains, so they can be configured only once every model is
imported: an entry point calls load() before it touches the database, and no domain imports
this module (the layers contract in pyproject.toml keeps it so)."""

from sqlalchemy import MetaData
from sqlalchemy.orm import configure_mappers

from weiquan.accounts.models import (
    AccessLog,
    Account,
    Agency,
    ApiToken,
    MerchantClaim,
    WebSession,
)
from weiquan.assessments.models import CaseAssessment, FactDraft
from weiquan.cases.models import (
    Case,
    CaseCounter,
    CaseDeadline,
    CaseMessage,
    Complainant,
    MessageRead,
)
from weiquan.cases.tallies import CaseTally
from weiquan.db import Base
from weiquan.documents.models import DocumentFacts
from weiquan.events.models import CaseEvent
from weiquan.evidence.models import (
    EvidenceCheckpoint,
    EvidenceItem,
    EvidenceLogEntry,
    EvidenceLogHead,
    EvidenceReading,
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
from weiquan.replies.models import ReplyLink
from weiquan.search.models import SearchDocument
from weiquan.workbench.models import SavedView

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
    "CaseTally",
    "Complainant",
    "Delivery",
    "DocumentFacts",
    "EvidenceCheckpoint",
    "EvidenceItem",
    "EvidenceLogEntry",
    "EvidenceLogHead",
    "EvidenceReading",
    "EvidenceRedaction",
    "EvidenceTimestamp",
    "FactDraft",
    "Merchant",
    "MerchantCase",
    "MerchantClaim",
    "MerchantIdentifier",
    "MerchantLink",
    "MessageRead",
    "Notification",
    "ReplyLink",
    "Resolution",
    "ReturnInspection",
    "SavedView",
    "ScheduledJob",
    "SearchDocument",
    "WebSession",
    "WebhookEndpoint",
]


def load() -> MetaData:
    """Every table registered and every mapper configured; the metadata of them all."""
    configure_mappers()
    return Base.metadata
