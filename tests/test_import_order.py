"""Every module imports on its own, whichever is imported first.

A circle of imports can pass the architecture test (grimp counts a package's `__init__` apart
from its modules) and still break a process that happens to import one module first: a worker
that imported `weiquan.law.assessment` first died on a half-initialised module. So each module
is imported first in a clean state, in one subprocess (every `weiquan` module dropped between
two imports, so each starts from nothing)."""

from __future__ import annotations

import subprocess
import sys

_SCRIPT = """
import importlib, pkgutil, sys, traceback
import weiquan
names = sorted(m.name for m in pkgutil.walk_packages(weiquan.__path__, "weiquan."))
failed = []
for name in names:
    if ".migrations." in name or name.endswith("__main__"):
        continue
    for loaded in [m for m in sys.modules if m == "weiquan" or m.startswith("weiquan.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc().strip().splitlines()[-1])
print("\\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", done.stdout
