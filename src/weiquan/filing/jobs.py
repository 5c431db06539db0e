"""The filing jobs the worker runs: the statutory clocks (reminders and missed deadlines)."""

from __future__ import annotations

from weiquan.filing import flows
from weiquan.worker import register_job

# Every five minutes is plenty for deadlines counted in days, and cheap: one indexed query.
register_job("case_clocks", flows.scan_clocks, seconds=300)
