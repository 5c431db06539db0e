"""HTML to PDF with WeasyPrint, a CJK font embedded so that Chinese prints on any reader.

WeasyPrint embeds (a subset of) every font it uses; the stylesheet below asks for Noto CJK
(Debian's fonts-noto-cjk, installed by `make test`/`make run`). Documents never fetch anything
from the network: only file: and data: URLs are loaded.
"""

from __future__ import annotations

from typing import Any

CJK_FONTS = '"Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans CJK", sans-serif'
BASE_CSS = f"""
@page {{ size: A4; margin: 16mm 14mm 18mm;
        @bottom-center {{ content: counter(page) " / " counter(pages); font-size: 8pt; }} }}
html {{ font-family: {CJK_FONTS}; font-size: 9.5pt; line-height: 1.45; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.6pt solid #555; padding: 3pt 4pt; vertical-align: top; text-align: left; }}
code, .hash {{ font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; word-break: break-all; }}
"""


class NoNetwork(ValueError):
    pass


def _local_only() -> Any:
    # WeasyPrint 70 takes a URLFetcher object (a bare function fails on the first image):
    # file: and data: only, and a refused or missing resource stops the PDF, never a gap.
    from weasyprint.urls import URLFetcher

    class LocalOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(("file:", "data:")):
                raise NoNetwork(f"documents may not load {url}")
            return super().fetch(url, headers)

    return LocalOnly(allowed_protocols=("file", "data"), fail_on_errors=True)


def html_to_pdf(html: str, *, base_url: str | None = None, css: str = "") -> bytes:
    """The PDF of an HTML document, in A4, with the CJK font embedded."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=_local_only())
    stylesheets = [CSS(string=BASE_CSS)] + ([CSS(string=css)] if css else [])
    pdf = document.write_pdf(stylesheets=stylesheets)
    assert pdf is not None
    return bytes(pdf)
