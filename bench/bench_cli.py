"""The command line's start: `weiquan --help` and `weiquan assess FILE` beside `python -c pass`.

Run: .venv/bin/python bench/bench_cli.py [--rounds N]

Each command runs N times in a fresh process (the `weiquan` script of this environment), after
one run to warm the disk cache and write the bytecode: with PYTHONDONTWRITEBYTECODE set, as in
some CI and container images, every run compiles every module again, so the bench clears it
(an installed weiquan's first run leaves its bytecode behind). The figures are the median wall
time and the median CPU time (user + system: on a busy machine the wall time also counts the
waits for a core). `python -c pass` is the yardstick: what any Python command costs before it
does anything. The facts are the README's example (a fake bag bought through Moments, 2,680
yuan). The bar: each weiquan command under 0.5 s of wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BAR_S = 0.5
# The README's example: a fake bag bought through WeChat Moments.
FACTS = Path(__file__).resolve().parents[1] / "docs" / "examples" / "counterfeit.json"


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(command: list[str], rounds: int) -> tuple[float, float]:
    """The median wall and CPU times of command in a fresh process, after one run not counted."""

    def once() -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return wall, cpu

    once()
    runs = [once() for _ in range(rounds)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "weiquan"
    entry = [sys.executable, "-c", "from weiquan.cli import main; main()"]
    weiquan = [str(script)] if script.exists() else entry
    bare, bare_cpu = median_seconds([sys.executable, "-c", "pass"], args.rounds)
    print(
        f"python -c pass       wall {bare:6.3f} s  cpu {bare_cpu:6.3f} s"
        f"  (medians of {args.rounds}, the yardstick; {os.cpu_count()} cores)"
    )
    ok = True
    for label, command in (
        ("weiquan --help", [*weiquan, "--help"]),
        ("weiquan assess FILE", [*weiquan, "assess", str(FACTS)]),
    ):
        took, cpu = median_seconds(command, args.rounds)
        ok &= took < BAR_S
        verdict = "ok" if took < BAR_S else f"ABOVE {BAR_S} s"
        print(
            f"{label:<20} wall {took:6.3f} s  cpu {cpu:6.3f} s  "
            f"+{took - bare:5.3f} s and {took / bare:4.1f} x python -c pass  ({verdict})"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
