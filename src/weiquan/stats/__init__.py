"""Statistics of complaints (issue 21): the figures each defined in docs/statistics.md, the
agency dashboard, the quarterly analysis report, and the public statistics."""
