"""The Jinja environment of pages and mails: gettext, money, labels and citations in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from weiquan.common import i18n
from weiquan.common.labels import (
    CATEGORIES,
    CHANNELS,
    CLAIM_STATUSES,
    COMPLAINT_BODIES,
    DEADLINE_LABELS,
    END_REASONS,
    LIABILITIES,
    LIABLE_ROLES,
    OUTCOMES,
    PATH_STEPS,
    PAYMENT_METHODS,
    PROBLEMS,
    REMEDY_KINDS,
    REMEDY_STATUSES,
    ROLES,
    STEP_LABELS,
    label,
)
from weiquan.common.money import format_fen, format_yuan, parse_yuan
from weiquan.law.provision import instrument_name

# The weiquan package folder, where templates/ and static/ are.
PACKAGE = Path(__file__).resolve().parent.parent


def cite(citation: dict[str, Any]) -> str:
    """A citation in words: 消费者权益保护法 第55条第1款, or ... Law Art. 55(1)."""
    name = i18n.pick(instrument_name(citation.get("instrument", "")).model_dump())
    article = citation.get("article", "")
    paragraph = citation.get("paragraph")
    if i18n.current_language.get() == "zh_CN":
        return f"{name} 第{article}条" + (f"第{paragraph}款" if paragraph else "")
    return f"{name} Art. {article}" + (f"({paragraph})" if paragraph else "")


def make_templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE / "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda m: i18n.gettext(m),
        lambda s, p, n: i18n.ngettext(s, p, n),
        newstyle=True,
    )
    env.filters["fen"] = format_fen
    # With thousands separators (1,200.00), from fen or from the engine's "1200.00".
    env.filters["yuan"] = lambda v: format_yuan(v if isinstance(v, int) else parse_yuan(v))
    env.globals.update(
        channel_label=lambda c: label(CHANNELS, c),
        category_label=lambda c: label(CATEGORIES, c),
        payment_label=lambda c: label(PAYMENT_METHODS, c),
        problem_label=lambda c: label(PROBLEMS, c),
        remedy_label=lambda c: label(REMEDY_KINDS, c),
        remedy_status=lambda c: label(REMEDY_STATUSES, c),
        role_label=lambda c: label(LIABLE_ROLES, c),
        liability_label=lambda c: label(LIABILITIES, c),
        path_label=lambda c: label(PATH_STEPS, c),
        body_label=lambda c: label(COMPLAINT_BODIES, c),
        account_role_label=lambda c: label(ROLES, c),
        claim_status=lambda c: label(CLAIM_STATUSES, c),
        step_label=lambda c: label(STEP_LABELS, c),
        deadline_label=lambda c: label(DEADLINE_LABELS, c),
        pick=i18n.pick,
        OUTCOMES=OUTCOMES,
        END_REASONS=END_REASONS,
        cite=cite,
        CHANNELS=CHANNELS,
        CATEGORIES=CATEGORIES,
        PAYMENT_METHODS=PAYMENT_METHODS,
        PROBLEMS=PROBLEMS,
        NATIVE_NAMES=i18n.NATIVE_NAMES,
    )
    return env
