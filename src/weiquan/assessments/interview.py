"""The "know your rights" interview: ask only what changes the outcome, one fact a screen.

The engine says which unknown facts would change its answer (`missing_facts`); the interview
asks the first one not yet asked, records the answer (or "I don't know") and asks again. The
widget for each fact comes from the facts JSON Schema, so a new fact needs no new page code.
State travels in the form as JSON (facts so far, facts the person could not answer): nothing is
stored until the person attaches the result to a case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic_core import PydanticCustomError

from weiquan.common.i18n import N_, gettext
from weiquan.common.labels import BY_ENUM, label
from weiquan.law.facts import Facts
from weiquan.law.money import MoneyError, format_fen, parse_yuan

Kind = Literal["bool", "choice", "multi", "date", "amount", "count", "number", "text"]
UNKNOWN = "__unknown__"

# What must be known before the engine can run at all (contract: required fields).
REQUIRED = (
    "purchase.date",
    "purchase.amount_paid",
    "purchase.channel",
    "goods.category",
    "problems",
)


@dataclass(frozen=True)
class Widget:
    path: str
    kind: Kind
    enum: str | None = None  # the schema's enum name, for the option labels
    options: tuple[str, ...] = ()

    def choices(self) -> list[tuple[str, str]]:
        table = BY_ENUM.get(self.enum or "", {})
        return [(code, label(table, code)) for code in self.options]


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
    """The input widget for a facts path such as "seller.identified"."""
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
        return Widget(path, "multi", item.get("_name"), tuple(item.get("enum", ())))
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


@dataclass
class State:
    """Facts so far (a facts/1 document under construction) and the facts nobody knows."""

    facts: dict[str, Any] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    asked: int = 0  # questions answered so far in this interview, for "Question n"

    def dumps(self) -> str:
        return json.dumps(
            {"facts": self.facts, "unknown": self.unknown, "asked": self.asked},
            ensure_ascii=False,
        )

    @classmethod
    def loads(cls, text: str | None) -> State:
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
        unknown = [u for u in data.get("unknown", []) if isinstance(u, str)]
        asked = data.get("asked")
        return cls(
            facts=facts or {},
            unknown=unknown,
            asked=max(0, asked) if isinstance(asked, int) else 0,
        )

    def get(self, path: str) -> Any:
        node: Any = self.facts
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def set(self, path: str, value: Any) -> None:
        *parents, last = path.split(".")
        node = self.facts
        for part in parents:
            node = node.setdefault(part, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value


def parse(w: Widget, raw: list[str]) -> Any:
    """One answer from the form as the facts document wants it; None for "I don't know"."""
    values = [v.strip() for v in raw if v.strip()]
    if w.kind == "multi":
        return [v for v in values if v in w.options and v != UNKNOWN]
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


def current_value(w: Widget, state: State) -> list[str]:
    """What the form shows as already answered for w."""
    value = state.get(w.path)
    if value is None:
        return [UNKNOWN] if w.path in state.unknown else []
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    return [str(value)]


def next_missing(missing_facts: list[dict[str, Any]], state: State) -> dict[str, Any] | None:
    """The first missing fact the person has not yet been asked."""
    for item in missing_facts:
        path = item.get("fact", "")
        if path in state.unknown or state.get(path) is not None:
            continue
        try:
            widget(path)
        except (KeyError, TypeError):
            continue  # a fact the form cannot ask about (say, a computed one)
        return item
    return None


def yes_no() -> list[tuple[str, str]]:
    return [("yes", gettext("Yes")), ("no", gettext("No"))]
