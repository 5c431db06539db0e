"""Screenshots of the main screens, written by the browser tests themselves.

`make screenshots` runs the browser tests with WEIQUAN_SCREENSHOTS set to `docs/screenshots`;
in a plain test run nothing is written, so the suite leaves no files behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page

ENV = "WEIQUAN_SCREENSHOTS"


def shot(page: Page, name: str) -> None:
    """Save the whole page as `<name>.png` when screenshots are asked for."""
    directory = os.environ.get(ENV)
    if not directory:
        return
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path / f"{name}.png"), full_page=True)
