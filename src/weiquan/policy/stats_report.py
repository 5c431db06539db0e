"""Policy of the quarterly report and the public statistics (issue 21)."""

from __future__ import annotations

from weiquan.accounts.models import Role
from weiquan.policy.rules import Rule, public, roles

REPORT: dict[tuple[str, str], Rule] = {
    ("GET", "/statistics"): public("the public statistics: published figures only (rate limited)"),
    ("GET", "/statistics/download"): public("the public statistics as CSV or XLSX"),
    ("GET", "/api/statistics"): public("the public statistics as data (rate limited)"),
    ("GET", "/agency/reports"): roles(
        "an agency's quarterly reports: staff their own agency's, admins any", Role.agency_staff
    ),
    ("GET", "/agency/reports/download"): roles(
        "making a quarterly report: staff their own agency's only (rate limited)",
        Role.agency_staff,
    ),
}
