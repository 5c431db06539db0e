"""The agency workbench (issue 21): the queue a clerk works from, assignment, bulk steps, and
the case as a clerk sees it (admissibility first, the merchant's record, the claimant's flags)."""
