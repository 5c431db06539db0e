"""Every user-facing string is in the catalogs, and translated into Chinese."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from weiquan.common import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "weiquan"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
METHODS = [
    ("**/law/**.py", "ignore"),  # the law engine carries its own zh/en texts as data
    ("**.py", "python"),
    ("templates/**.html", "jinja2"),
]


def extracted() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE),
        METHODS,
        keywords=KEYWORDS,
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(lang: str) -> dict[str, object]:
    """Every catalog of lang (messages.po and one per domain) merged."""
    out: dict[str, object] = {}
    for po in sorted((PACKAGE / "locales" / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            cat = read_po(f)
        # Fuzzy entries are `pybabel update` guesses that gettext ignores: they count as missing.
        # An empty entry in one catalog does not hide the translation in another.
        out.update(
            {
                (m.id[0] if isinstance(m.id, tuple) else m.id): m.string
                for m in cat
                if m.id and not m.fuzzy and (m.string or lang == "en")
            }
        )
    return out


def test_every_message_is_translated_into_chinese() -> None:
    zh = catalog("zh_CN")
    messages = extracted()
    assert len(messages) > 100
    missing = sorted(m for m in messages if m not in zh)
    assert missing == [], "run `make i18n` and translate these"
    untranslated = sorted(
        m for m in messages if not (zh[m] if isinstance(zh[m], str) else all(zh[m]))
    )  # type: ignore[arg-type]
    assert untranslated == []
    assert set(catalog("en")) >= messages


def test_placeholders_survive_translation() -> None:
    import re

    zh = catalog("zh_CN")
    for msgid, msgstr in zh.items():
        text = msgstr if isinstance(msgstr, str) else msgstr[0]  # type: ignore[index]
        for pattern in (r"\{\w+\}", r"%\(\w+\)[sd]"):
            assert sorted(re.findall(pattern, msgid)) == sorted(re.findall(pattern, text)), msgid


def test_language_codes() -> None:
    assert i18n.normalize("zh-CN") == i18n.normalize("zh_Hans") == "zh_CN"
    assert i18n.normalize("en-US") == "en"
    assert i18n.normalize("fr") is None
    assert i18n.from_accept_language("fr;q=1, en;q=0.8, zh-CN;q=0.9") == "zh_CN"
    assert i18n.gettext("Cases", "zh_CN") == "案件"
    assert i18n.gettext("Cases", "en") == "Cases"
