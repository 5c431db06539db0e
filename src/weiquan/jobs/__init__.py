"""Periodic jobs as data: the schedule and leases that let several workers share them."""
