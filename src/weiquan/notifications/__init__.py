"""Notifications: the in-app inbox, email and signed webhooks, sent through an outbox."""
