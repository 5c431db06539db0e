"""Screenshots of the main screens, written by the browser tests themselves.

`make screenshots` runs the browser tests with WEIQUAN_SCREENSHOTS set to `docs/screenshots`;
in a plain test run nothing is written, so the suite leaves no files behind. Each screen is
written twice: `<name>.png`, the whole page, and `thumbs/<name>.png`, its first screenful at half
size, which the README's table shows and links to the whole page.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page

ENV = "WEIQUAN_SCREENSHOTS"
# The PNGs are committed and shown in the README: a palette of 256 colours keeps a whole phone
# page to a tenth of its size, and text on flat colours looks the same.
COLOURS = 256


def shot(page: Page, name: str) -> None:
    """Save the whole page as `<name>.png` when screenshots are asked for."""
    directory = os.environ.get(ENV)
    if not directory:
        return
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    # The pages' own pixels (the browser contexts keep device scale 1), made small to commit.
    data = page.screenshot(type="png", full_page=True)
    with Image.open(io.BytesIO(data)) as image:
        whole = image.convert("RGB")
    save(whole, path / f"{name}.png")
    # What a person sees on opening the page: its top, one window high.
    height = (page.viewport_size or {"height": whole.height})["height"]
    top = whole.crop((0, 0, whole.width, min(height, whole.height)))
    (path / "thumbs").mkdir(exist_ok=True)
    save(top.resize((top.width // 2, top.height // 2), Image.Resampling.LANCZOS),
         path / "thumbs" / f"{name}.png")  # fmt: skip


def save(image: Image.Image, path: Path) -> None:
    image.quantize(COLOURS, method=Image.Quantize.MEDIANCUT).save(path, format="PNG", optimize=True)
