"""Languages and message catalogs (Babel .po files, compiled in memory at first use)."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SUPPORTED = ("zh_CN", "en")
DEFAULT = "zh_CN"
# How each language is named in its own tongue, for the switch.
NATIVE_NAMES = {"zh_CN": "中文", "en": "English"}
HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}

current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT)


def normalize(code: str | None) -> str | None:
    """Map zh, zh-CN, zh_Hans, en-US ... onto a supported language, or None."""
    if not code:
        return None
    c = code.strip().replace("-", "_").lower()
    if c.startswith("zh"):
        return "zh_CN"
    if c.startswith("en"):
        return "en"
    return None


def from_accept_language(header: str | None) -> str | None:
    """The first supported language in an Accept-Language header, by quality."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            quality = float(q) if q else 1.0
        except ValueError:
            quality = 0.0
        lang = normalize(tag)
        if lang:
            ranked.append((-quality, i, lang))
    return min(ranked)[2] if ranked else None


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogs of lang, merged (one .po per domain); English msgids fall through."""
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    merged: Translations | None = None
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        loaded = Translations(fp=buf)
        if merged is None:
            merged = loaded
        else:
            merged.merge(loaded)
    return merged or NullTranslations()


def gettext(message: str, lang: str | None = None) -> str:
    return translations(lang or current_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translations(lang or current_language.get()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Marks a string for extraction; translated later, where the language is known."""
    return message


def pick(texts: dict[str, str], lang: str | None = None) -> str:
    """Choose from a {"zh": ..., "en": ...} pair (the law engine's bilingual texts)."""
    lang = lang or current_language.get()
    key = "zh" if lang.startswith("zh") else "en"
    return texts.get(key) or next(iter(texts.values()), "")


def bind(lang: str) -> Callable[[], None]:
    """Set the language for the current context; returns the undo."""
    token = current_language.set(lang)
    return lambda: current_language.reset(token)
