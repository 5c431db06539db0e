"""Translatable labels of evidence kinds, custody actions and upload sources."""

from __future__ import annotations

from weiquan.common.i18n import N_, gettext

KINDS = {
    "chat": N_("Chat record"),
    "product_page": N_("Product page or live-stream promise"),
    "payment": N_("Payment record"),
    "order": N_("Order record"),
    "invoice": N_("Invoice or receipt"),
    "goods_photo": N_("Photo of the goods"),
    "label": N_("Photo of a label"),
    "appraisal_report": N_("Appraisal report"),
    "brand_statement": N_("Brand owner's statement"),
    "unpacking_video": N_("Unpacking video"),
    "logistics": N_("Logistics record"),
    "lawful_source": N_("Proof of lawful source (supplier contract, invoice, authorisation)"),
    "other": N_("Other"),
}

ACTIONS = {
    "added": N_("added"),
    "viewed": N_("original opened"),
    "exported": N_("exported in a bundle"),
    "redacted": N_("redacted copy made"),
    "shared": N_("redacted copy shared"),
}

SOURCES = {"web": N_("web page"), "api": N_("API"), "cli": N_("command line")}


def kind_label(code: str) -> str:
    text = KINDS.get(code)
    return gettext(text) if text else code


def action_label(code: str) -> str:
    text = ACTIONS.get(code)
    return gettext(text) if text else code


def source_label(code: str) -> str:
    text = SOURCES.get(code)
    return gettext(text) if text else code


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def plain_size(size: int) -> str:
    """A size as people read it on a phone ("2.3 MB", "4 GB"): steps of 1,024 as WeChat and
    phones count them, no ".0"; human_size keeps the exact binary units for the record."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            break
        value /= 1024
    if unit == "B":
        return f"{size} B"
    number = f"{value:.1f}".removesuffix(".0") if value < 100 else f"{value:.0f}"
    return f"{number} {unit}"
