"""Train the next dictionary stored assessments are packed with (weiquan.assessments.packing).

    uv run python scripts/assessment_dictionary.py            # prints the figures only
    uv run python scripts/assessment_dictionary.py --write    # adds the next dictionary

The samples are the assessments of the law's YAML scenarios (tests/law), each on its own day:
every rule's sentences, in both languages, with the amounts and dates that vary. A quarter of
them is held back to measure the dictionary on assessments it was not trained on.

A shipped dictionary never changes (old rows name it); --write adds one with the next id and
makes it the newest (packing.NEWEST is then to be raised to it, which the script prints).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

import yaml
import zstandard
from pydantic import ValidationError

from weiquan.assessments import packing
from weiquan.law.engine import assess
from weiquan.law.serialise import dump_json

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "tests" / "law"
OUT = ROOT / "src" / "weiquan" / "assessments" / "dictionaries"
SIZE = 64 * 1024  # 112 KB was no smaller on the held-back quarter at level 1


def samples() -> list[bytes]:
    found = []
    for file in sorted(SCENARIOS.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        for scenario in doc if isinstance(doc, list) else [doc]:
            try:
                day = date.fromisoformat(str(scenario["as_of"]))
                found.append(dump_json(assess(scenario["facts"], as_of=day)))
            except ValidationError:
                continue  # scenarios of facts the engine refuses
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="add the dictionary")
    args = parser.parse_args()
    every = samples()
    random.Random(7).shuffle(every)
    held = every[: len(every) // 4]
    existing = sorted(int(p.stem, 16) for p in OUT.glob("*.zdict"))
    dict_id = existing[-1] + 1 if existing else packing.FIRST_ID
    trained = zstandard.train_dictionary(SIZE, every[len(held) :], dict_id=dict_id, threads=0)
    compressor = zstandard.ZstdCompressor(level=packing.LEVEL, dict_data=trained)
    started = time.perf_counter()
    packed = [compressor.compress(sample) for sample in held]
    took = (time.perf_counter() - started) / len(held)
    raw = sum(map(len, held)) / len(held)
    small = sum(map(len, packed)) / len(packed)
    print(f"{len(every)} samples; held back {len(held)}: {raw:,.0f} bytes -> {small:,.0f} "
          f"({raw / small:.0f}x) in {took * 1e6:.0f} us each")  # fmt: skip
    if args.write:
        path = OUT / f"{dict_id:08x}.zdict"
        path.write_bytes(trained.as_bytes())
        print(f"wrote {path.relative_to(ROOT)}; set packing.NEWEST = 0x{dict_id:08X}")


if __name__ == "__main__":
    sys.exit(main())
