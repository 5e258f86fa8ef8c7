"""Headless Chromium for the tests that look at pages (the crisis report, the dashboard).

Shared by every test that needs a browser.  It drives Debian's ``chromium`` (the
Makefile installs it) with ``playwright`` (a test dependency; never ``playwright
install``: no browser is downloaded), with the background services that phone home
switched off.  One browser is started per test session (``chromium`` fixture in
``tests/conftest.py``); each page gets a fresh, isolated context (its own empty
profile).  A test that needs it is skipped, with the reason, when either is missing.

    def test_page(chromium):
        with chromium.page() as (page, log):
            page.goto(url)
            ...
        log.assert_clean()  # no JS error, no request off this machine

``log`` records console errors, uncaught page errors and every request.  Every
http(s)/ws(s) request to a host other than 127.0.0.1/localhost is aborted and counted
as a failure, so a page that would reach a CDN fails its test even on a machine that
is offline.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

#: where Debian's chromium package puts the browser (override with DYADWATCH_CHROMIUM)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps",
        "--disable-extensions", "--no-default-browser-check", "--disable-breakpad"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
_NETWORK = ("http:", "https:", "ws:", "wss:")


def chromium_path() -> str | None:
    """The Chromium binary to drive, or None when it is not installed."""
    path = os.environ.get("DYADWATCH_CHROMIUM") or CHROMIUM
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser() -> str:
    """Skip the calling test, with the reason, unless Chromium and playwright are there."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed: `make test` installs Debian's chromium "
                    "package when run as root (apt-get install -y chromium)")
    return path


@dataclass
class PageLog:
    """What a page did: console errors, page errors, requests (and the ones refused)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.refused, f"the page tried to reach the network: {self.refused}"
        assert not self.page_errors, f"uncaught JavaScript errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def is_remote(url: str) -> bool:
    """A network URL whose host is not this machine."""
    parts = urlsplit(url)
    return url.startswith(_NETWORK) and (parts.hostname or "") not in LOCAL_HOSTS


class Chromium:
    """One headless Chromium for the session; ``page()`` opens an isolated page."""

    def __init__(self, path: str) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            self.browser = self._pw.chromium.launch(executable_path=path, headless=True,
                                                    args=ARGS)
        except Exception:
            self._pw.stop()
            raise

    def close(self) -> None:
        try:
            self.browser.close()
        finally:
            self._pw.stop()

    @contextmanager
    def page(self, width: int = 1280, height: int = 900, allow_local_http: bool = True
             ) -> Iterator[tuple[Any, PageLog]]:
        """A page in a fresh context and the log of what it does.  Requests to
        127.0.0.1/localhost go through (a test's own server) unless ``allow_local_http``
        is False; ``file:``, ``data:`` and ``blob:`` URLs always do."""
        log = PageLog()

        def guard(route: Any) -> None:
            url = route.request.url
            if is_remote(url) or not allow_local_http:
                log.refused.append(url)
                route.abort()
            else:
                route.continue_()

        ctx = self.browser.new_context(viewport={"width": width, "height": height},
                                       service_workers="block")
        try:
            ctx.route(lambda url: url.startswith(_NETWORK), guard)
            ctx.on("request", lambda r: log.requests.append(r.url))
            page = ctx.new_page()
            page.on("console", lambda m: log.console_errors.append(m.text)
                    if m.type == "error" else None)
            page.on("pageerror", lambda e: log.page_errors.append(str(e)))
            yield page, log
        finally:
            ctx.close()


@contextmanager
def chromium_session() -> Iterator[Chromium]:
    """Start Chromium (or skip the test); close it at the end."""
    browser = Chromium(require_browser())
    try:
        yield browser
    finally:
        browser.close()
