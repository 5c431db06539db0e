"""The "know your rights" interview: one question a screen, only what a buyer can know.

The engine says which unknown facts would change its answer (`missing_facts`); the interview
asks the first one not yet asked that a buyer can answer, records the answer (or "I don't know")
in the person's draft (drafts.py) and asks again. The widget for each fact comes from the facts
JSON Schema, so a new fact needs no new page code. Facts only an agency can establish (the
seller's sales, gains, stock, licences) are never asked: they stay unknown, and the result says
who finds them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic_core import PydanticCustomError

from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import BY_ENUM, label
from weiquan.law.facts import Facts
from weiquan.law.money import MoneyError, format_fen, parse_yuan

Kind = Literal["bool", "choice", "multi", "date", "amount", "count", "number", "text", "place"]
UNKNOWN = "__unknown__"

# What must be known before the engine can run at all (contract: required fields), in the
# order asked: what went wrong first, the paperwork last.
BASICS = (
    "problems",
    "purchase.channel",
    "goods.category",
    "purchase.amount_paid",
    "purchase.date",
)
REQUIRED = BASICS  # the name the rest of the app knew them by

# The basics' questions: the engine asks its own, but cannot ask before these are known.
BASIC_QUESTIONS = {
    "problems": (
        N_("What went wrong? Tick all that apply."),
        N_("What the law gives you depends first on what went wrong."),
    ),
    "purchase.channel": (
        N_("Where did you buy it?"),
        N_(
            "Who answers for the goods, and who else you can claim from, depends on where you "
            "bought them."
        ),
    ),
    "goods.category": (
        N_("What kind of goods?"),
        N_("Food, medicine and some other goods have rules of their own."),
    ),
    "purchase.amount_paid": (
        N_("How much did you pay in all (yuan)?"),
        N_("Refunds and damages are counted from the price you paid."),
    ),
    "purchase.date": (
        N_("When did you order or pay?"),
        N_("The law that applies is the law in force on that day, and deadlines run from it."),
    ),
}

# Facts a buyer cannot know, so never asked: the seller's books and licences are for the
# market regulator to establish (they decide fines and whether a crime is reported, not what
# the buyer may claim). The engine keeps them unknown and says so.
AGENCY_ONLY = frozenset(
    {
        "seller.total_sales_amount",
        "seller.illegal_gains",
        "seller.unsold_goods_value",
        "seller.uses_another_licence",
        "seller.business_split_or_merged",
        "seller.made_the_counterfeits",
        "seller.proves_lawful_source",
    }
)
PLACE_PARTS = ("province", "city", "district")


@dataclass(frozen=True)
class Widget:
    path: str
    kind: Kind
    enum: str | None = None  # the schema's enum name, for the option labels
    options: tuple[str, ...] = ()

    def choices(self) -> list[tuple[str, str]]:
        table = BY_ENUM.get(self.enum or "", {})
        return [(code, label(table, code)) for code in self.options]

    @property
    def field_id(self) -> str:
        """An HTML id for the input (dots are fine in ids, not in CSS selectors)."""
        return "q-" + self.path.replace(".", "-")


@cache
def _schema() -> dict[str, Any]:
    return Facts.model_json_schema()


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Strip `anyOf [..., null]` and follow $ref, so one schema node remains."""
    if "anyOf" in node:
        options = [n for n in node["anyOf"] if n.get("type") != "null"]
        if len(options) == 1:
            return _resolve(options[0])
        if all(n.get("type") in ("number", "string") for n in options):
            return {"type": "amount"}
        if any("anyOf" in n for n in options):
            return _resolve(options[0])
    if ref := node.get("$ref"):
        name = ref.rsplit("/", 1)[-1]
        return {**_schema()["$defs"][name], "_name": name}
    return node


@cache
def widget(path: str) -> Widget:
    """The input widget for a facts path such as "seller.identified"; KeyError for a fact
    no form can ask (a list of records, say)."""
    node: dict[str, Any] = _schema()
    for part in path.split("."):
        node = _resolve(node)
        node = node["properties"][part]
    node = _resolve(node)
    kind = node.get("type")
    if "enum" in node:
        return Widget(path, "choice", node.get("_name"), tuple(node["enum"]))
    if kind == "array":
        item = _resolve(node["items"])
        if not item.get("enum"):
            raise KeyError(path)
        return Widget(path, "multi", item.get("_name"), tuple(item["enum"]))
    if node.get("_name") == "Place":
        return Widget(path, "place")
    if kind == "object":
        raise KeyError(path)
    if kind == "boolean":
        return Widget(path, "bool")
    if kind == "string" and node.get("format") == "date":
        return Widget(path, "date")
    if kind == "amount":
        return Widget(path, "amount")
    if kind == "integer":
        return Widget(path, "count")
    if kind == "number":
        return Widget(path, "number")
    return Widget(path, "text")


def askable(path: str) -> bool:
    """Whether the interview may ask about path: a buyer can know it and a form can ask it."""
    if path in AGENCY_ONLY:
        return False
    try:
        widget(path)
    except (KeyError, TypeError):
        return False
    return True


def parse(w: Widget, raw: list[str]) -> Any:
    """One answer from the form as the facts document wants it; None for "I don't know"."""
    values = [v.strip() for v in raw if v.strip()]
    if w.kind == "multi":
        return [v for v in values if v in w.options and v != UNKNOWN]
    if w.kind == "place":
        place = {k: v.strip()[:40] for k, v in zip(PLACE_PARTS, raw, strict=False) if v.strip()}
        return place or None
    value = values[0] if values else ""
    if value in ("", UNKNOWN):
        return None
    if w.kind == "bool":
        return value == "yes"
    if w.kind == "choice":
        if value not in w.options:
            raise PydanticCustomError("enum", N_("Choose one of the listed options."))
        return value
    if w.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_parsing", N_("Enter a date as YYYY-MM-DD.")) from None
        return value
    if w.kind == "amount":
        try:
            fen = parse_yuan(value)
        except MoneyError:
            raise PydanticCustomError(
                "amount_format",
                N_("Enter an amount in yuan with at most two decimals, e.g. 2680.00."),
            ) from None
        if fen < 0:
            raise PydanticCustomError("amount_negative", N_("The amount cannot be negative."))
        return format_fen(fen)
    if w.kind in ("count", "number"):
        try:
            number = int(value) if w.kind == "count" else float(value)
        except ValueError:
            raise PydanticCustomError("int_parsing", N_("Enter a whole number.")) from None
        if number < 0:
            raise PydanticCustomError(
                "greater_than_equal", N_("Enter a number of at least {ge}."), {"ge": 0}
            )
        return number
    return value


def shown_value(w: Widget, value: Any, unknown: bool) -> list[str]:
    """What the form shows as already answered for w."""
    if value is None:
        return [UNKNOWN] if unknown else []
    if w.kind == "place" and isinstance(value, dict):
        return [str(value.get(k) or "") for k in PLACE_PARTS]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    return [str(value)]


@dataclass(frozen=True)
class Question:
    """One screen: the fact asked, the question and why, in the current language."""

    widget: Widget
    text: str
    why: str


def question(path: str, missing: list[dict[str, Any]], lang: str) -> Question:
    """The question for path: the engine's own words where it asked, else the basics'."""
    w = widget(path)
    for item in missing:
        if item.get("fact") == path:
            key = "zh" if lang == "zh_CN" else "en"
            return Question(w, item["question"][key], item["why"][key])
    text, why = BASIC_QUESTIONS.get(path, (path, ""))
    return Question(w, gettext(text), gettext(why) if why else "")


def remaining(
    answered: set[str], unknown: set[str], missing: list[dict[str, Any]] | None
) -> list[str]:
    """The questions still to ask, in order: the basics not yet answered, then (once the
    engine can run) the facts it still needs that a buyer can answer."""
    basics = [p for p in BASICS if p not in answered]
    if basics or missing is None:
        return basics
    out: list[str] = []
    for item in missing:
        path = item.get("fact", "")
        if path in answered or path in unknown or path in out or not askable(path):
            continue
        out.append(path)
    return out


def agency_facts(missing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The missing facts no buyer is asked (for the result: who establishes them)."""
    return [m for m in missing if m.get("fact") in AGENCY_ONLY]


def yes_no() -> list[tuple[str, str]]:
    return [("yes", gettext("Yes")), ("no", gettext("No"))]
