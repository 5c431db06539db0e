"""The assessment in plain words for pages: the headline amount, remedies in the order of what
they give, citations named in words with their summary, and no developer caveats.

The API keeps the whole assessment (codes, verification levels, every flag); pages show this
view of it. The templates reach it through `rights_view` (a template global set by the app).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from weiquan.assessments.interview import AGENCY_ONLY
from weiquan.common import i18n
from weiquan.law.notes import NOT_MODELLED
from weiquan.law.parameters import zh_int
from weiquan.law.provision import get as provision
from weiquan.law.provision import instrument_name

# Flags that speak to developers, not to people: the provenance of figures and texts that
# are not verified, parts of the law not modelled, fields the engine ignored. The API shows
# them; pages do not (the remedies they qualify are already marked contested where it matters).
DEVELOPER_FLAGS = frozenset(
    {
        "samr_rules_before_2020_not_modelled",
        "food_penalties_not_modelled",
        "unknown_field_ignored",
    }
)
MONEY_KINDS = ("refund", "punitive", "loss_compensation")
_STATUS_RANK = {"available": 0, "contested": 1, "unavailable": 2}


def developer_flag(code: str) -> bool:
    return code in DEVELOPER_FLAGS or code.endswith("_unverified")


def _amount(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def yuan(value: Any) -> str:
    """An amount as people read it: ¥10,720, ¥0.50, ¥1,234.56."""
    amount = _amount(value)
    if amount == amount.to_integral_value():
        return f"¥{int(amount):,}"
    return f"¥{amount:,.2f}"


def _zh_article(article: str) -> str:
    if article.isdigit() and 0 < int(article) < 10_000:
        return f"第{zh_int(int(article))}条"
    head, _, tail = article.partition("-")
    if head.isdigit() and tail.isdigit():
        if int(tail) > int(head):  # "1-7": Articles 1 to 7; "142-1": Article 142-1
            return f"第{zh_int(int(head))}至{zh_int(int(tail))}条"
        return f"第{zh_int(int(head))}条之{zh_int(int(tail))}"
    return ""


def cite_words(citation: dict[str, Any]) -> str:
    """A citation named in words: 《消费者权益保护法》第五十五条第一款, or Consumer Rights
    Protection Law, Art. 55(1)."""
    name = instrument_name(str(citation.get("instrument", "")))
    article = str(citation.get("article", ""))
    paragraph = citation.get("paragraph")
    item = citation.get("item")
    if i18n.current_language.get() == "zh_CN":
        words = f"《{name.zh}》" + _zh_article(article)
        if words.endswith("条") and paragraph and str(paragraph).isdigit():
            words += f"第{zh_int(int(paragraph))}款"
        if words.endswith(("条", "款")) and item and str(item).isdigit():
            words += f"第（{zh_int(int(item))}）项"
        return words
    if not any(ch.isdigit() for ch in article):
        return name.en
    words = f"{name.en}, Art. {article}"
    if paragraph:
        words += f"({paragraph})"
    if item:
        words += f"({item})"
    return words


def summary(citation: dict[str, Any]) -> str:
    """The provision's summary (a paraphrase, never the statute's text), '' if unknown."""
    try:
        found = provision(str(citation.get("provision", "")))
    except KeyError:
        return ""
    return i18n.pick(found.summary.model_dump())


@dataclass(frozen=True)
class Headline:
    """The most the person can claim: `sure` what is available now; `best` with what is
    contested added (None when nothing is contested)."""

    sure: str | None
    best: str | None

    @property
    def any(self) -> bool:
        return self.sure is not None or self.best is not None


def _money(remedies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The money remedies that add up: the refund, the recommended punitive damages (the
    regimes are alternatives), compensation for losses."""
    out = []
    for kind in MONEY_KINDS:
        for r in remedies:
            if r.get("kind") != kind or not r.get("amount") or r.get("status") == "unavailable":
                continue
            if kind == "punitive" and not r.get("recommended"):
                continue
            out.append(r)
            break
    return out


def headline(result: dict[str, Any]) -> Headline:
    money = _money(result.get("remedies", []))
    sure = sum((_amount(r["amount"]) for r in money if r["status"] == "available"), Decimal(0))
    best = sum((_amount(r["amount"]) for r in money), Decimal(0))
    return Headline(
        sure=yuan(sure) if sure else None,
        best=yuan(best) if best > sure else None,
    )


def ordered(remedies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Remedies by what they give: money first (most first, what is sure before what is
    contested), then the other remedies, what is not available last."""

    def key(r: dict[str, Any]) -> tuple[bool, int, int, Decimal]:
        status = _STATUS_RANK.get(str(r.get("status")), 2)
        if status == 2:  # not available: money that is not due before the rest ("repair")
            has_money = 0 if r.get("kind") in MONEY_KINDS else 1
        else:
            has_money = 0 if r.get("amount") else 1
        return (status == 2, has_money, status, -_amount(r.get("amount") or 0))

    return sorted(remedies, key=key)


@dataclass(frozen=True)
class View:
    """What the assessment template shows."""

    headline: Headline
    remedies: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    law_date: str
    missing: list[dict[str, Any]]  # what a buyer could still tell
    agency_facts: bool  # whether facts only an agency can find out are among the unknowns


def law_date(value: Any) -> str:
    """The day whose law applies, as people write it: 2026年3月2日 / 2 March 2026."""
    text = str(value or "")
    try:
        year, month, day = (int(p) for p in text.split("-"))
        date(year, month, day)
    except ValueError:
        return text
    if i18n.current_language.get() == "zh_CN":
        return f"{year}年{month}月{day}日"
    return date(year, month, day).strftime("%-d %B %Y")


def view(result: dict[str, Any], viewer: str = "consumer") -> View:
    missing = list(result.get("missing_facts", []))
    flags = [
        f
        for f in result.get("flags", [])
        if not developer_flag(str(f.get("code", ""))) and f.get("audience") in (None, viewer)
    ]
    return View(
        headline=headline(result),
        remedies=ordered(list(result.get("remedies", []))),
        flags=flags,
        law_date=law_date(result.get("law_as_of")),
        missing=[m for m in missing if m.get("fact") not in AGENCY_ONLY],
        agency_facts=any(m.get("fact") in AGENCY_ONLY for m in missing),
    )


_NOT_MODELLED = {n.code: n.explanation for n in NOT_MODELLED}


def not_modelled(code: Any) -> str:
    """What a code of `not_modelled` leaves out, in words ('' for a code not known)."""
    found = _NOT_MODELLED.get(str(code))
    return i18n.pick(found.model_dump()) if found else ""


TEMPLATE_GLOBALS = {
    "rights_view": view,
    "cite_words": cite_words,
    "provision_summary": summary,
    "yuan": yuan,
    "not_modelled": not_modelled,
}
