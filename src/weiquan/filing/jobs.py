"""The filing jobs the worker runs: the statutory clocks (reminders and missed deadlines)."""

from __future__ import annotations

from weiquan.filing import flows
from weiquan.jobs.leases import Job

# Every five minutes is plenty for deadlines counted in days, and cheap: one indexed query.
CLOCKS = Job(name="case_clocks", func=flows.scan_clocks, seconds=300)
