"""axe-core in the browser tests: `assert_accessible(page)` fails on any serious or critical
violation of the page as it stands.

The vendored `axe.min.js` (tests/browser/vendor/axe-core/, its README has the version) is handed
to the page through Playwright's `evaluate`, which runs it through the browser's debugging
protocol: a `<script>` tag or a CDN would need the pages' Content-Security-Policy loosened, and
the point is to test the pages as people get them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# What fails a test. "moderate" and "minor" (best practices, such as every bit of text inside a
# landmark) are reported by axe too and worth a look, but do not stop a person from using a page.
FAILING = ("serious", "critical")

RUN = """async () => {
  const results = await window.axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, every impact."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    found: list[dict[str, Any]] = page.evaluate(RUN)
    return found


def describe(found: list[dict[str, Any]]) -> str:
    """One block per rule: id, impact, what it asks for, and the elements that break it."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page, context: str = "") -> None:
    """Fail when axe-core finds a serious or critical violation on the page."""
    bad = [v for v in violations(page) if v["impact"] in FAILING]
    where = f"{context} ({page.url})" if context else page.url
    assert not bad, f"accessibility violations on {where}:\n{describe(bad)}"
