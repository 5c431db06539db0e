"""Evidence on a phone (390x844): tap a missing checklist row, add a photo for it, see its
thumbnail, draw boxes over the picture (one of them proposed, then confirmed) and get the
redacted copy with exactly those parts covered."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, Route, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import watch
from tests.browser.screens import shot
from tests.conftest import User, session_cookie
from tests.evidence.conftest import file_case, upload
from weiquan.accounts import security
from weiquan.config import Settings

pytestmark = pytest.mark.browser

# Where the screens go while developing (WEIQUAN_LOOK=/tmp/x), beside `make screenshots`.
LOOK = os.environ.get("WEIQUAN_LOOK")


def look(page: Page, name: str) -> None:
    if LOOK:
        page.screenshot(path=f"{LOOK}/{name}.png", full_page=True)


def photo(path: Path) -> Path:
    """A 1200x900 photo: grey, with a white label across its middle."""
    img = Image.new("RGB", (1200, 900), (120, 130, 140))
    img.paste((250, 250, 250), (100, 400, 1100, 500))
    img.save(path, format="JPEG", quality=90)
    return path


def test_tap_add_see_thumbnail_draw_boxes_and_get_the_redacted_copy(
    live_server: str,
    page: Page,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
) -> None:
    consumer = make_user("consumer", name="王丽")
    number = file_case(sessions, consumer)
    cookie = session_cookie(settings, sessions, consumer.id)
    page.context.add_cookies(
        [{"name": security.SESSION_COOKIE, "value": cookie, "url": live_server}]
    )
    page.goto(f"{live_server}/cases/{number}/evidence")
    expect(page.get_by_text("还缺 7 项（共 7 项）。")).to_be_visible()
    # The seller's defence is not the consumer's to worry about: not on this page at all.
    expect(page.locator("#checklist")).not_to_contain_text("合法来源证明")
    shot(page, "evidence-checklist")
    look(page, "evidence-checklist")

    # Tap the missing row: the upload opens for that item, its kind chosen.
    page.locator("#need-goods_photo").get_by_role("link").click()
    expect(page.locator("#adding")).to_have_text("添加：商品照片")
    expect(page.get_by_label("证据内容")).to_have_value("goods_photo")
    expect(page.locator("#adding")).to_be_in_viewport()
    page.get_by_label("文件").set_input_files(str(photo(tmp_path / "IMG_3001.jpg")))
    page.get_by_role("button", name="上传").click()

    # Back at the checklist, the row ticked and marked; the photo in the list as a thumbnail.
    row = page.locator("#need-goods_photo")
    expect(row).to_have_class("need present chosen")
    expect(row).to_contain_text("已提供：E1")
    expect(page.get_by_text("还缺 6 项（共 7 项）。")).to_be_visible()
    thumb = page.locator('.evidence-item[data-label="E1"] img.thumb')
    expect(thumb).to_have_attribute("src", f"/cases/{number}/evidence/1/thumbnail")
    expect(thumb).to_have_js_property("naturalWidth", 240)  # drawn, 240 px wide
    item = page.locator(".evidence-item", has_text="IMG_3001.jpg")
    expect(item).to_contain_text("商品照片")
    expect(item).not_to_contain_text("image/jpeg")
    expect(page.locator("#upload .quota")).to_contain_text("已用")
    look(page, "evidence-added")

    # The item page proposes one box (as reading the picture will), through data-boxes.
    proposed = '[{"x": 100, "y": 100, "w": 200, "h": 100, "proposed": true}]'

    def propose(route: Route) -> None:
        response = route.fetch()
        body = response.text().replace('data-boxes="[]"', f"data-boxes='{proposed}'")
        route.fulfill(response=response, body=body)

    page.route(f"{live_server}/cases/{number}/evidence/1", propose)
    item.click()
    expect(page.get_by_role("heading", name="E1 · 商品照片")).to_be_visible()
    picture = page.locator(".redact-picture")
    expect(picture).to_have_js_property("naturalWidth", 1200)
    proposal = page.locator(".redact-box.proposed")
    expect(proposal).to_have_count(1)
    expect(page.locator(".redact-status")).to_contain_text("1 个建议的方框在您确认之前不会遮盖")

    # Draw a box with the pointer over the white label: from (100,400) to (1100,500) in the
    # picture's pixels, wherever the picture sits on this screen and however it is scaled.
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    assert box is not None and box["width"] <= 390
    scale = box["width"] / 1200

    def at(x: float, y: float) -> tuple[float, float]:
        """Where pixel (x, y) of the picture is on the screen now (the page may have moved)."""
        now = picture.bounding_box()
        assert now is not None
        return now["x"] + x * scale, now["y"] + y * scale

    page.mouse.move(*at(100, 400))
    page.mouse.down()
    page.mouse.move(*at(600, 450), steps=4)
    page.mouse.move(*at(1100, 500), steps=4)
    page.mouse.up()
    expect(page.locator(".redact-box:not(.proposed)")).to_have_count(1)
    expect(page.locator(".redact-status")).to_contain_text("要遮盖的方框：1 个")
    page.locator(".redact-fields summary").click()
    drawn = [page.locator(f'input[name="box-1-{k}"]').input_value() for k in "xywh"]
    assert all(
        abs(int(v) - want) <= 6 for v, want in zip(drawn, (100, 400, 1000, 100), strict=True)
    )

    # A box drawn by mistake, then deleted with its ×.
    picture.scroll_into_view_if_needed()
    page.mouse.move(*at(900, 700))
    page.mouse.down()
    page.mouse.move(*at(1100, 850), steps=3)
    page.mouse.up()
    expect(page.locator(".redact-box")).to_have_count(3)
    page.locator(".redact-box").nth(2).locator(".box-delete").click()
    expect(page.locator(".redact-box")).to_have_count(2)

    # The proposal covers nothing until confirmed.
    page.get_by_role("button", name="确认全部建议的方框").click()
    expect(page.locator(".redact-box.proposed")).to_have_count(0)
    expect(page.locator(".redact-status")).to_have_text("要遮盖的方框：2 个")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "evidence-redact")
    look(page, "evidence-redact")

    page.get_by_role("button", name="制作遮盖副本").click()
    made = page.locator("#redactions li.made")
    expect(made).to_contain_text("遮盖副本")
    expect(made).to_contain_text("刚刚生成")
    link = made.get_by_role("link")
    response = page.request.get(live_server + str(link.get_attribute("href")))
    assert response.ok and response.headers["content-type"] == "image/png"
    copy = Image.open(io.BytesIO(response.body())).convert("RGB")
    assert copy.size == (1200, 900)
    assert copy.getpixel((600, 450)) == (0, 0, 0)  # the label, drawn over
    assert copy.getpixel((150, 150)) == (0, 0, 0)  # the confirmed proposal
    assert copy.getpixel((1000, 800)) != (0, 0, 0)  # the deleted box covers nothing
    assert copy.getpixel((600, 200)) != (0, 0, 0)
    # And on the page itself, right after it was made.
    expect(made.locator("img.made-copy")).to_be_visible()
    expect(made.locator("img.made-copy")).to_have_js_property("naturalWidth", 1200)
    look(page, "evidence-redacted")


def test_a_finger_draws_a_box_without_scrolling_the_page(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., User],
    sessions: sessionmaker[Session],
    settings: Settings,
    tmp_path: Path,
) -> None:
    consumer = make_user("consumer", name="王丽")
    number = file_case(sessions, consumer)
    data = photo(tmp_path / "IMG_3002.jpg").read_bytes()
    assert upload(consumer.client, number, [("IMG_3002.jpg", data)]).status_code == 201
    # A touch phone: touch events only, as in WeChat's browser.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True, is_mobile=True
    )
    page = watch(context.new_page())
    cookie = session_cookie(settings, sessions, consumer.id)
    context.add_cookies([{"name": security.SESSION_COOKIE, "value": cookie, "url": live_server}])
    page.goto(f"{live_server}/cases/{number}/evidence/1")
    picture = page.locator(".redact-picture")
    expect(picture).to_have_js_property("naturalWidth", 1200)
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    assert box is not None
    scroll = page.evaluate("window.scrollY")
    scale = box["width"] / 1200
    touch = context.new_cdp_session(page)

    def finger(kind: str, x: float, y: float) -> None:
        points = (
            [] if kind == "touchEnd" else [{"x": box["x"] + x * scale, "y": box["y"] + y * scale}]
        )
        touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    finger("touchStart", 100, 400)
    for step in range(1, 6):
        finger("touchMove", 100 + step * 200, 400 + step * 20)
    finger("touchEnd", 1100, 500)
    expect(page.locator(".redact-box")).to_have_count(1)
    assert page.evaluate("window.scrollY") == scroll  # the finger drew; the page stayed put
    values = [page.locator(f'input[name="box-0-{k}"]').input_value() for k in "xywh"]
    assert all(
        abs(int(v) - want) <= 6 for v, want in zip(values, (100, 400, 1000, 100), strict=True)
    )
    context.close()
