"""What watching costs over a plain run: one watch cycle over a local feed vs ``jobs.run``
on the same pages saved as files, in the same process, each into a fresh store.

Usage: python bench/watch_overhead.py [--copies N]

The pages are the shipped example HTML pages (``src/dyadwatch/examples``), each served
``--copies`` times under different URLs by an ``http.server`` on 127.0.0.1 (no other
network) and saved as that many files for the baseline.  Prints the seconds of each
phase and the ratios against the baseline ``run`` (the mean of a run before and one after
the watch).  The watch dates each article by the feed's date, so its reports may differ
slightly from the run's.  The pipeline is built first and
shared, so neither side pays for loading spaCy.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyadwatch import jobs  # noqa: E402
from dyadwatch.store import Store  # noqa: E402
from dyadwatch.watch import Fetcher, FetchSettings, Watcher  # noqa: E402


def serve(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.lstrip("/")
            if path == "feed.xml":
                body = feed(pages, base).encode("utf-8")
            elif path == "robots.txt":
                body = b"User-agent: *\nAllow: /\n"
            else:
                body = pages.get(path, b"")
            etag = f'"{hash(body) & 0xffffffff:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, base


def feed(pages: dict[str, bytes], base: str) -> str:
    now = format_datetime(datetime(2024, 1, 20, tzinfo=timezone.utc))
    items = "".join(f"<item><title>{p}</title><link>{base}/{p}</link><guid>{p}</guid>"
                    f"<pubDate>{now}</pubDate></item>" for p in sorted(pages))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}' \
           "</channel></rss>"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=3)
    args = ap.parse_args()
    src = [f for f in jobs.example_files() if f.suffix == ".html"]
    # the pages name their canonical URL, which would make every copy one document for
    # ``run``: drop it, so both sides code and store every copy
    strip = re.compile(rb'<link[^>]*rel="canonical"[^>]*>|<meta[^>]*property="og:url"[^>]*>')
    pages = {f"c{i}-{f.name}": strip.sub(b"", f.read_bytes())
             for i in range(args.copies) for f in src}
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-bench-watch-"))
    try:
        pipeline = jobs.default_pipeline()
        jobs.extract(src[0], pipeline=pipeline)  # warm up, so neither side pays for it
        folder = tmp / "pages"
        folder.mkdir()
        for name, body in pages.items():
            (folder / name).write_bytes(body)
        def baseline(name: str) -> tuple[float, object]:
            t0 = time.perf_counter()
            with Store(tmp / name) as store:
                out = jobs.run([folder], store, pipeline)
            return time.perf_counter() - t0, out

        t_run, summary = baseline("run.duckdb")

        httpd, base = serve(pages)
        with Store(tmp / "watch.duckdb") as store:
            w = Watcher([f"{base}/feed.xml"], store, pipeline,
                        Fetcher(FetchSettings(timeout=10)))
            t0 = time.perf_counter()
            first = w.cycle()
            t_watch = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = w.cycle()
            t_idle = time.perf_counter() - t0
        httpd.shutdown()
        t_run2, _ = baseline("run2.duckdb")  # again after the watch: the machine's noise
        print(f"{len(pages)} pages ({len(src)} examples x {args.copies})")
        print(f"baseline jobs.run from files:   {t_run:6.2f} s  ({summary.documents} documents, "
              f"{summary.reports} reports)")
        print(f"baseline again, after the watch: {t_run2:6.2f} s")
        t_run = (t_run + t_run2) / 2
        print(f"watch, first cycle (fetch+code): {t_watch:6.2f} s  ({first.stored} stored, "
              f"{first.reports} reports)  ratio {t_watch / t_run:.2f}")
        if first.stored != summary.documents:
            print("warning: the two sides stored different numbers of documents")
        print(f"watch, next cycle (304):        {t_idle:6.2f} s  ratio {t_idle / t_run:.3f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
