"""Photograph the dashboard, an event page and the extract page in headless Chromium.

Usage: python tools/web_screenshots.py STORE.duckdb [--out docs/img] [--dyad IRN-PAK]

Serves STORE with ``dyadwatch.web.create_app`` on 127.0.0.1 (a free port), drives
Debian's chromium through playwright like the browser tests (tests/browser.py: no
browser is downloaded, every request off this machine is refused) and writes
``web-dashboard.png``, ``web-event.png`` and ``web-extract.png``.  The extract page is
shown after coding a short article (the spaCy pipeline is loaded for it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web")]

from browser import Chromium, chromium_path  # noqa: E402
from live import live_server  # noqa: E402

ARTICLE = (
    "ISLAMABAD, 20 January 2024 — Pakistan's air force struck militant hideouts inside Iran "
    "on Friday, the army said.\n\nIran's foreign ministry condemned the strikes on Saturday "
    "and summoned Pakistan's ambassador.\n\nThe two governments agreed on Sunday to hold "
    "talks in Tehran next week.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    ap.add_argument("--dyad", default="IRN-PAK")
    args = ap.parse_args()
    path = chromium_path()
    if path is None:
        print("web_screenshots: Chromium is not installed (apt-get install chromium)",
              file=sys.stderr)
        return 1
    from dyadwatch.web import create_app

    args.out.mkdir(parents=True, exist_ok=True)
    browser = Chromium(path)
    try:
        with live_server(create_app(args.store)) as url, \
                browser.page(1280, 1200) as (page, log):
            page.goto(f"{url}/?dyad={args.dyad}")
            for fig in ("chart", "timeline", "map"):
                page.wait_for_selector(f"#{fig}[data-drawn]", timeout=60_000)
            page.screenshot(path=str(args.out / "web-dashboard.png"))
            row = page.locator("table#events tr[data-quad='4']").first
            event_id = row.get_attribute("data-event")
            row.scroll_into_view_if_needed()
            row.click()  # the side panel; the screenshot shows the event's own page
            page.wait_for_selector("#detail-body #hl")
            page.goto(f"{url}/events/{event_id}")
            page.screenshot(path=str(args.out / "web-event.png"))
            page.goto(f"{url}/extract")
            page.fill("#article-text", ARTICLE)
            page.fill("#published", "2024-01-20")
            page.click("#code")
            page.wait_for_selector("#results:not([hidden])", timeout=180_000)
            page.screenshot(path=str(args.out / "web-extract.png"), full_page=True)
        log.assert_clean()
    finally:
        browser.close()
    for name in ("web-dashboard.png", "web-event.png", "web-extract.png"):
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
