"""Playwright driving Debian's Chromium: never a downloaded browser."""

import pytest
from django.db import connections

from .conftest import chromium_path, need

FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture
def page(live_server, monkeypatch, tmp_path):
    path = chromium_path()
    need(path is not None, "Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a dev dependency
        need(False, "playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # between browser steps are synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=FLAGS)
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            yield page
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"))
            raise
        finally:
            context.close()
            browser.close()
            # ORM calls made while Playwright's loop runs open their own connection
            # (connections are context-local); close it before the test database goes.
            connections.close_all()
