"""A live server in a thread and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

from tests.pg import free_port
from weiquan.app import create_app
from weiquan.config import Settings

# As the machine notes say: no sandbox as root, and no background traffic to hosts that the
# closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path
    raise RuntimeError("Chromium not found; `make test` installs Debian's chromium package")


# What Chromium says when the Content-Security-Policy blocks something; collected from every
# page the tests open and checked after each test.
CSP_WORDS = "Content Security Policy"
_violations: list[str] = []


def watch(page: Page) -> Page:
    """Record the page's console messages and errors that report a CSP violation."""

    def on_console(message: ConsoleMessage) -> None:
        if CSP_WORDS in message.text:
            _violations.append(f"{page.url}: {message.text}")

    def on_error(error: Error) -> None:
        if CSP_WORDS in str(error):
            _violations.append(f"{page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    return page


@pytest.fixture(autouse=True)
def no_csp_violations() -> Iterator[None]:
    _violations.clear()
    yield
    found, _violations[:] = list(_violations), []
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # A phone-sized window: the pages must work on a phone screen.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    pg = watch(context.new_page())
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def sign_in(browser: Browser, base: str, email: str, password: str) -> Page:
    """A new phone-sized browser context, signed in through the login page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = watch(context.new_page())
    page.set_default_timeout(15000)
    page.goto(base + "/login")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    return page
