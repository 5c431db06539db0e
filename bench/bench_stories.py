"""Reading consumers' stories (issue 22): precision and recall per fact and per finding kind.

The stories are tests/reading/stories/{tuning,measuring}/*.yaml, written the way people write
(colloquial, typos, "两千六", "上周五"), each with its true facts and findings. The two splits
were written apart, in other words and about other goods: the rules are tuned on `tuning`; the
bench reports both, `measuring` being the figure that counts. Targets: findings precision and
recall >= 90% on the measuring split.

A fact counts as found when it equals the truth, wrong when read but different (a false
positive and a miss), and a false positive when read where the story says nothing. Problems and
findings are scored as sets, one item per story and kind.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weiquan.reading.read import read

STORIES = Path(__file__).resolve().parent.parent / "tests" / "reading" / "stories"
KEYS = {"name", "as_of", "as", "story", "facts", "findings"}
FACTS = (
    "purchase.date",
    "purchase.received_date",
    "purchase.amount_paid",
    "purchase.channel",
    "purchase.payment",
    "goods.brand",
    "goods.category",
    "seller.promised_multiplier",
    "seller.identifiers.wechat_id",
    "seller.identifiers.phone",
    "seller.identifiers.name",
)
TARGET = 0.9


@dataclass
class Story:
    file: str
    name: str
    as_of: date
    role: str
    text: str
    facts: dict[str, Any]
    findings: set[str]


def load(split: str) -> list[Story]:
    """The stories of a split; a file with keys other than the closed set is an error."""
    out = []
    for path in sorted((STORIES / split).glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if set(doc) != KEYS:
            raise ValueError(f"{path.name}: keys {sorted(set(doc) ^ KEYS)}")
        out.append(
            Story(
                path.name,
                doc["name"],
                doc["as_of"],
                doc["as"],
                doc["story"],
                {k: _plain(v) for k, v in doc["facts"].items()},
                set(doc["findings"]),
            )
        )
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return str(value)


def _get(facts: dict[str, Any], path: str) -> Any:
    node: Any = facts
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return _plain(node)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def score(split: str) -> dict[str, dict[str, Counts]]:
    """{"facts": {path: Counts}, "problems": {code: Counts}, "findings": {code: Counts}}."""
    out: dict[str, dict[str, Counts]] = {
        k: defaultdict(Counts) for k in ("facts", "problems", "findings")
    }
    for story in load(split):
        doc = read([], story=story.text, as_role=story.role, as_of=story.as_of)
        for path in FACTS:
            want, got = story.facts.get(path), _get(doc["facts"], path)
            c = out["facts"][path]
            if want is not None and got == want:
                c.tp += 1
                continue
            if got is not None:
                c.fp += 1
            if want is not None:
                c.fn += 1
            if got is not None or want is not None:
                c.misses.append(f"{story.file}: want {want} got {got}")
        _sets(
            out["problems"],
            set(story.facts.get("problems", [])),
            set(_get(doc["facts"], "problems") or []),
            story.file,
        )
        _sets(out["findings"], story.findings, {f["code"] for f in doc["findings"]}, story.file)
    return out


def _sets(table: dict[str, Counts], want: set[str], got: set[str], file: str) -> None:
    for code in want | got:
        c = table[code]
        if code in want and code in got:
            c.tp += 1
        elif code in got:
            c.fp += 1
            c.misses.append(f"{file}: not said")
        else:
            c.fn += 1
            c.misses.append(f"{file}: missed")


def totals(table: dict[str, Counts]) -> Counts:
    total = Counts()
    for c in table.values():
        total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
    return total


def _pct(value: float | None) -> str:
    return f"{value:6.1%}" if value is not None else "   n/a"


def _row(key: str, c: Counts) -> str:
    figures = f"{_pct(c.precision):>9} {_pct(c.recall):>7} {c.tp:4} {c.fp:3} {c.fn:3}"
    return f"   {key:<30} {figures}"


def report(split: str, *, verbose: bool = False) -> bool:
    """Print the tables of a split; True when findings meet the targets."""
    result = score(split)
    print(f"-- stories, {split} split ({len(load(split))} stories)")
    for kind in ("facts", "problems", "findings"):
        print(f"   {kind:<30} {'precision':>9} {'recall':>7}   tp  fp  fn")
        for key in sorted(result[kind]):
            c = result[kind][key]
            print(_row(key, c))
            if verbose:
                for miss in c.misses:
                    print(f"        {miss}")
        t = totals(result[kind])
        print(_row("all " + kind, t))
    t = totals(result["findings"])
    ok = (t.precision or 0) >= TARGET and (t.recall or 0) >= TARGET
    verdict = "meets" if ok else "MISSES"
    print(f"   findings: {verdict} the target (precision and recall >= {TARGET:.0%})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tuning", "measuring", "both"), default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    args = parser.parse_args()
    splits = ("tuning", "measuring") if args.split == "both" else (args.split,)
    for split in splits:
        report(split, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
