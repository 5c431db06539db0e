"""Documents on a phone inside WeChat: no `download` links (WeChat's browser ignores them), the
PDF opens inline, the document's page carries its text to copy (equal to the text document),
the hint to open the page in the system browser, and no jargon in the list. The request to the
platform asks for the seller's identity while the case lacks it."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import User
from tests.factories import SELLER, case_document
from weiquan.common.templating import PACKAGE

WECHAT_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN"
)
HINT = "如无法下载，请点右上角「…」，选择「在浏览器打开」"


class _Attributes(HTMLParser):
    """Every tag's attribute names, and the text of the textarea holding the document."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self._in_textarea = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name) for name, _ in attrs]
        if tag == "textarea" and ("id", "doc-text") in attrs:
            self._in_textarea, self.textarea = True, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._in_textarea = False

    def handle_data(self, data: str) -> None:
        if self._in_textarea:
            self.textarea = (self.textarea or "") + data


def parsed(page: str) -> _Attributes:
    parser = _Attributes()
    parser.convert_charrefs = True
    parser.feed(page)
    return parser


@pytest.fixture
def consumer(make_user: Callable[..., User]) -> User:
    return make_user("consumer", name="李娜")


@pytest.fixture
def number(consumer: User) -> str:
    doc = case_document(order={"channel": "wechat_moments", "payment_method": "private_transfer"})
    doc["merchant"] = {"name": "小美好物", "wechat_id": "xiaomei_goods", "platform": "微信"}
    r = consumer.client.post("/api/cases", json=doc)
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def test_no_download_attribute_and_no_jargon_on_the_documents_pages(
    consumer: User, number: str
) -> None:
    pages = {
        "list": consumer.client.get(f"/cases/{number}/documents").text,
        "view": consumer.client.get(f"/cases/{number}/documents/demand_letter").text,
    }
    for name, page in pages.items():
        assert ("a", "download") not in parsed(page).attributes, name
        assert "JSON" not in page and "application/" not in page, name
    listing = pages["list"]
    ready = re.search(r'data-type="demand_letter".*?</li>', listing, re.S)
    assert ready is not None
    assert "打开并复制全文" in ready.group(0) and "PDF（可打印）" in ready.group(0)


def test_no_template_of_the_site_uses_the_download_attribute() -> None:
    found = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "templates").rglob("*.html")
        if ("a", "download") in parsed(path.read_text(encoding="utf-8")).attributes
    ]
    assert found == []


def test_the_pdf_opens_inline_and_the_word_file_downloads(consumer: User, number: str) -> None:
    base = f"/cases/{number}/documents/demand_letter/file"
    pdf = consumer.client.get(f"{base}?format=pdf&doc=zh")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("inline;")
    assert f"{number}-demand-letter-zh.pdf" in pdf.headers["content-disposition"]
    docx = consumer.client.get(f"{base}?format=docx&doc=zh")
    assert docx.headers["content-disposition"].startswith("attachment;")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_text_to_copy_is_the_documents_text(consumer: User, number: str, lang: str) -> None:
    page = consumer.client.get(f"/cases/{number}/documents/demand_letter?doc={lang}").text
    assert 'id="copy-text"' in page and 'src="/static/documents.js"' in page
    assert "复制全文" in page  # the button speaks the site's language, whatever the document's
    shown = parsed(page).textarea
    text = consumer.client.get(
        f"/cases/{number}/documents/demand_letter/file?format=txt&doc={lang}"
    ).text
    assert shown is not None and shown.strip() == text.strip()
    assert ("催告函" if lang == "zh" else "Letter of Demand") in shown


def test_the_wechat_hint(consumer: User, number: str) -> None:
    for path in ("", "/demand_letter"):
        url = f"/cases/{number}/documents{path}"
        inside = consumer.client.get(url, headers={"User-Agent": WECHAT_UA}).text
        assert HINT in inside and "wechat-hint in-wechat" in inside
        # Elsewhere it is there for small screens only (the style sheet shows it under 640px).
        outside = consumer.client.get(url).text
        assert HINT in outside and "in-wechat" not in outside
    css = (Path(PACKAGE) / "static" / "documents.css").read_text(encoding="utf-8")
    assert re.search(r"@media \(max-width: 640px\) \{\s*\.wechat-hint \{ display: block; \}", css)


def test_the_platform_request_asks_for_the_sellers_identity_until_it_is_known(
    consumer: User, number: str
) -> None:
    url = f"/cases/{number}/documents/platform_request/file?format=txt&doc=zh"
    text = consumer.client.get(url).text
    assert "申请人首先请求：平台提供被申请人的真实名称、地址和有效联系方式" in text
    assert "《电子商务法》第27条" in text and "《消费者权益保护法》第44条第1款" in text
    r = consumer.client.post(f"/api/cases/{number}/steps/record_seller", json=SELLER)
    assert r.status_code == 200, r.text
    text = consumer.client.get(url).text
    assert "申请人首先请求" not in text
    assert SELLER["legal_name"] in text
    # The report now names its respondent, from what the consumer recorded on the case.
    report = consumer.client.get(f"/cases/{number}/documents/report/file?format=txt&doc=zh")
    assert report.status_code == 200 and SELLER["address"] in report.text
