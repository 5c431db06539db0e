"""The wording every email shares, whichever package composes it."""

from __future__ import annotations

from weiquan.common.i18n import N_

SUBJECT = N_("[weiquan] {title}")
GREETING = N_("Hello {name},")
