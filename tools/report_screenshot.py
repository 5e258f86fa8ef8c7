"""Photograph a crisis report in headless Chromium (for docs/img/report.png).

Usage: python tools/report_screenshot.py REPORT.html OUT.png [--full] [--width 1200]
       [--height 1500]

Uses Debian's chromium through playwright, like the browser tests (tests/browser.py):
no browser is downloaded, and every request off this machine is refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import Chromium, chromium_path  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--full", action="store_true", help="the whole page, not one screen")
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--height", type=int, default=1500)
    args = ap.parse_args()
    path = chromium_path()
    if path is None:
        print("report_screenshot: Chromium is not installed (apt-get install chromium)",
              file=sys.stderr)
        return 1
    browser = Chromium(path)
    try:
        with browser.page(args.width, args.height) as (page, log):
            page.goto(args.report.resolve().as_uri())
            page.wait_for_selector("#map[data-drawn]", timeout=60_000)
            page.screenshot(path=str(args.out), full_page=args.full)
        log.assert_clean()
    finally:
        browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
