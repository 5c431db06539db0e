"""The law's numbers as dated parameters: multipliers, floors, caps and thresholds, each value
with the provision that sets it (OpenFisca style), read from the YAML files beside this module.

A parameter has versions, each with a start day, an optional end day and a reference
{provision, article, title}. The rules ask for the value a provision sets (`Parameter.under`,
the provision they found in force) or the value on a day (`Parameter.at`); prose that states a
number formats it from here, so that a number of the law is written once. The files are read
once per process; a malformed file (a version without a reference, overlapping versions, an
unknown unit) stops the engine at its first use rather than giving a wrong figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from ..memo import once
from ..provision import Provision, Text

__all__ = [
    "Parameter",
    "ParameterError",
    "Reference",
    "Version",
    "en_number",
    "every",
    "get",
    "load",
    "referring_to",
    "yuan_en",
    "yuan_zh",
    "zh_date",
    "zh_int",
    "zh_number",
    "zh_times",
    "zh_wan",
]

HERE = Path(__file__).parent
Unit = Literal["times", "yuan"]
_UNITS = ("times", "yuan")
_KEYS = {"description", "unit", "values"}
_VERSION_KEYS = {"start", "end", "value", "reference"}
_REFERENCE_KEYS = {"provision", "article", "title"}


# libyaml's loader when pyyaml has it (a fifth of the time, and `weiquan assess` starts with it).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ParameterError(ValueError):
    """A parameter file that does not say clearly what the law's number is."""


@dataclass(frozen=True, slots=True)
class Reference:
    """Where the law sets the value: provision id, article and the instrument's title."""

    provision: str
    article: str
    title: str


@dataclass(frozen=True, slots=True)
class Version:
    start: date
    end: date | None
    value: Decimal
    reference: Reference

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Parameter:
    """One number of the law over time."""

    name: str
    description: Text
    unit: Unit
    versions: tuple[Version, ...]

    def at(self, day: date) -> int | Decimal:
        """The value on `day` (KeyError when no version covers it)."""
        for v in self.versions:
            if v.covers(day):
                return _number(self, v.value)
        raise KeyError(f"{self.name} has no value on {day.isoformat()}")

    def under(self, provision: Provision) -> int | Decimal:
        """The value the provision sets (KeyError when no version cites it)."""
        for v in self.versions:
            if v.reference.provision == provision.id:
                return _number(self, v.value)
        raise KeyError(f"{self.name} has no value under {provision.id}")

    def int_under(self, provision: Provision) -> int:
        """A whole multiplier the provision sets (ValueError for a fraction or an amount)."""
        value = self.under(provision)
        if self.unit != "times" or not isinstance(value, int):
            raise ValueError(f"{self.name} is not a whole multiplier")
        return value

    def fen_at(self, day: date) -> int:
        """An amount on `day`, in fen (ValueError for a parameter that is no amount)."""
        value = self.at(day)
        if self.unit != "yuan" or not isinstance(value, int):
            raise ValueError(f"{self.name} is not an amount in yuan")
        return value

    def fen_under(self, provision: Provision) -> int:
        """An amount the provision sets, in fen (ValueError for a parameter that is no amount)."""
        value = self.under(provision)
        if self.unit != "yuan" or not isinstance(value, int):
            raise ValueError(f"{self.name} is not an amount in yuan")
        return value

    def describe(self) -> str:
        """The versions in one line, for the law index."""
        unit = " yuan" if self.unit == "yuan" else " times"
        return "; ".join(
            f"{v.value}{unit} from {v.start.isoformat()}"
            + (f" to {v.end.isoformat()}" if v.end else "")
            + f" ({v.reference.provision})"
            for v in self.versions
        )


def _number(p: Parameter, value: Decimal) -> int | Decimal:
    """Times as given (an int when whole, for exact integer arithmetic); yuan as fen."""
    if p.unit == "yuan":
        value = value * 100
    return int(value) if value == value.to_integral_value() else value


def _fail(where: str, problem: str) -> ParameterError:
    return ParameterError(f"{where}: {problem}")


def _day(where: str, raw: object) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise _fail(where, f"{raw!r} is not a date YYYY-MM-DD") from None


def _version(where: str, raw: Any) -> Version:
    if not isinstance(raw, dict) or set(raw) - _VERSION_KEYS or "value" not in raw:
        raise _fail(where, f"a version has exactly the keys {sorted(_VERSION_KEYS)}")
    ref = raw.get("reference")
    if not isinstance(ref, dict) or set(ref) != _REFERENCE_KEYS or not all(ref.values()):
        raise _fail(where, f"a version needs a reference {sorted(_REFERENCE_KEYS)}")
    if "start" not in raw:
        raise _fail(where, "a version needs a start date")
    start = _day(where, raw["start"])
    end = None if raw.get("end") is None else _day(where, raw["end"])
    if end is not None and end < start:
        raise _fail(where, "a version ends before it starts")
    return Version(
        start, end, Decimal(str(raw["value"])), Reference(**{k: str(v) for k, v in ref.items()})
    )


def _parameter(where: str, name: str, raw: Any) -> Parameter:
    if not isinstance(raw, dict) or set(raw) != _KEYS:
        raise _fail(where, f"a parameter has exactly the keys {sorted(_KEYS)}")
    if raw["unit"] not in _UNITS:
        raise _fail(where, f"unit must be one of {_UNITS}")
    described = raw["description"]
    if not isinstance(described, dict) or set(described) != {"zh", "en"}:
        raise _fail(where, "description needs zh and en")
    if not isinstance(raw["values"], list) or not raw["values"]:
        raise _fail(where, "values must be a non-empty list")
    versions = sorted((_version(where, v) for v in raw["values"]), key=lambda v: v.start)
    if raw["unit"] == "yuan" and any((v.value * 100) % 1 for v in versions):
        raise _fail(where, "an amount in yuan has at most two decimal places")
    for before, after in pairwise(versions):
        if before.end is None or before.end >= after.start:
            raise _fail(where, f"versions overlap from {after.start.isoformat()}")
    return Parameter(name, Text(**described), cast(Unit, raw["unit"]), tuple(versions))


def load(folder: Path = HERE) -> dict[str, Parameter]:
    """Read and check every parameter file in `folder` (not cached: see `get`)."""
    found: dict[str, Parameter] = {}
    for file in sorted(folder.glob("*.yaml")):
        doc = yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        if not isinstance(doc, dict):
            raise _fail(file.name, "the file must map parameter names to parameters")
        for name, raw in doc.items():
            if name in found:
                raise _fail(file.name, f"{name} is declared twice")
            found[name] = _parameter(f"{file.name}: {name}", name, raw)
    return found


@once
def _all() -> dict[str, Parameter]:
    return load()


def get(name: str) -> Parameter:
    """The parameter of this name (read once per process)."""
    return _all()[name]


def every() -> tuple[Parameter, ...]:
    """Every parameter, by name."""
    return tuple(p for _, p in sorted(_all().items()))


def referring_to(provision_id: str) -> tuple[Parameter, ...]:
    """The parameters with a version whose reference is this provision."""
    return tuple(
        p for p in every() if any(v.reference.provision == provision_id for v in p.versions)
    )


# --- numbers in prose -------------------------------------------------------------------------

_ZH_DIGITS = "零一二三四五六七八九十"
_EN_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def zh_number(n: int | Decimal) -> str:
    """A small whole number in Chinese words: 3 -> 三."""
    if not isinstance(n, int) or not 0 <= n <= 10:
        raise ValueError(f"no Chinese word for {n} here")
    return _ZH_DIGITS[n]


def zh_times(n: int | Decimal) -> str:
    """A multiplier in Chinese words as the statutes write it: 3 -> 三倍, 10 -> 十倍."""
    return zh_number(n) + "倍"


def en_number(n: int | Decimal) -> str:
    """A small whole number in English words: 3 -> three."""
    if not isinstance(n, int) or not 0 <= n <= 10:
        raise ValueError(f"no English word for {n} here")
    return _EN_WORDS[n]


def zh_int(n: int) -> str:
    """A whole number from 1 to 9999 in Chinese words: 50 -> 五十, 105 -> 一百零五, 1000 -> 一千."""
    if not 0 < n < 10_000:
        raise ValueError(f"no Chinese words for {n} here")
    words, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            words += "零" if gap else ""
            gap = False
            # Ten to nineteen start with 十, not 一十; inside a number the 一 stays (一百一十).
            words += ("" if unit == "十" and digit == 1 and not words else _ZH_DIGITS[digit]) + unit
        elif words and n:
            gap = True
    return words


def zh_wan(fen: int) -> str:
    """A round amount in Chinese words, in units of ten thousand: 50000000 -> 五十万元."""
    wan, rest = divmod(fen, 1_000_000)
    if rest or not 0 < wan < 1000:
        raise ValueError(f"{fen} fen is not a round number of 万元 under ten million yuan")
    return zh_int(wan) + "万元"


def zh_date(d: date) -> str:
    """A day as Chinese prose writes it: 2014-03-15 -> 2014年3月15日."""
    return f"{d.year}年{d.month}月{d.day}日"


def yuan_zh(fen: int) -> str:
    """Whole yuan for Chinese prose: 100000 -> 1000."""
    return str(fen // 100) if fen % 100 == 0 else f"{fen / 100:.2f}"


def yuan_en(fen: int) -> str:
    """Whole yuan for English prose, with thousands separated: 100000 -> 1,000."""
    return f"{fen // 100:,}" if fen % 100 == 0 else f"{fen / 100:,.2f}"
