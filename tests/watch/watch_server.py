"""A local news site for the watch tests: http.server on 127.0.0.1 in a thread.

It serves the fixture pages (tests/watch/fixtures/pages/*.html), an RSS feed
built from ``site.items`` on each request (ETag and Last-Modified derived from
its content, 304 on a matching conditional request), a robots.txt forbidding
``/private/``, and misbehaving URLs:

* ``/slow/<page>``: answers after ``site.slow_seconds``;
* ``/flaky/<page>``: 500 for the first ``site.flaky_failures`` requests, then the page;
* ``/bomb.xml``: a "billion laughs" entity-expansion feed;
* ``/broken.xml``: a feed that is not well-formed XML (an unclosed tag);
* ``/big.html``: a page larger than the tests' size limit;
* ``/gone/<page>``: 404;
* POST ``/hook``: a webhook receiver (``site.posts``); ``/flaky-hook`` answers 503
  ``site.hook_failures`` times, then 200; ``/gone-hook`` 404; POST elsewhere 500.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).parent / "fixtures" / "pages"

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rss version="2.0"><channel><title>&e;</title>
<item><title>&e;</title><link>http://127.0.0.1/taftan-clash.html</link><guid>bomb-1</guid>
<description>&e;</description></item></channel></rss>
"""


@dataclass
class FeedItem:
    page: str  # path on the site, e.g. "taftan-clash.html" or "flaky/envoys-meet.html"
    title: str
    published: str  # YYYY-MM-DD
    guid: str | None = None
    summary: str | None = None


@dataclass
class Site:
    items: list[FeedItem] = field(default_factory=list)
    slow_seconds: float = 0.0
    flaky_failures: int = 0
    hook_failures: int = 0  # POST /flaky-hook answers 503 this many times, then 200
    feed_status: int | None = None  # force a status for /feed.xml (e.g. 500)
    robots_extra: str = ""  # more robots.txt lines (e.g. "Crawl-delay: 2")
    log: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    posts: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)  # webhooks
    base: str = ""
    _flaky_seen: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def hits(self, path: str) -> list[tuple[dict[str, str], int]]:
        with self.lock:
            return [(h, s) for p, h, s in self.log if p == path]

    def feed(self) -> bytes:
        parts = ['<?xml version="1.0" encoding="utf-8"?>',
                 '<rss version="2.0"><channel><title>Frontier Wire</title>',
                 f"<link>{self.base}/</link><description>Border news</description>"]
        for it in self.items:
            d = datetime.fromisoformat(it.published).replace(hour=9, tzinfo=timezone.utc)
            parts.append(
                f"<item><title>{it.title}</title><link>{self.url(it.page)}</link>"
                f"<guid isPermaLink=\"false\">{it.guid or 'fw-' + it.page}</guid>"
                f"<pubDate>{format_datetime(d)}</pubDate>"
                + (f"<description>{it.summary}</description>" if it.summary else "")
                + "</item>")
        parts.append("</channel></rss>")
        return "\n".join(parts).encode("utf-8")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            with site.lock:
                site.log.append((self.path, dict(self.headers.items()), status))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _page(self, name: str) -> bytes | None:
            f = PAGES / name
            return f.read_bytes() if f.is_file() else None

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]
            if path == "/robots.txt":
                body = f"User-agent: *\nDisallow: /private/\n{site.robots_extra}\n"
                return self._send(200, body.encode("ascii"), "text/plain")
            if path == "/feed.xml":
                if site.feed_status:
                    return self._send(site.feed_status, b"down")
                body = site.feed()
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                modified = "Mon, 09 Mar 2026 10:00:00 GMT"
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, headers={"ETag": etag, "Last-Modified": modified})
                return self._send(200, body, "application/rss+xml",
                                  {"ETag": etag, "Last-Modified": modified})
            if path == "/redirect":  # /redirect?to=URL: a 302 to URL
                from urllib.parse import parse_qs

                to = parse_qs(self.path.split("?", 1)[1])["to"][0]
                return self._send(302, b"moved", headers={"Location": to})
            if path == "/bomb.xml":
                return self._send(200, BOMB, "application/rss+xml")
            if path == "/broken.xml":
                body = site.feed().replace(b"</channel></rss>", b"<item><title>cut")
                return self._send(200, body, "application/rss+xml")
            if path == "/big.html":
                return self._send(200, b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>")
            if path.startswith("/slow/"):
                time.sleep(site.slow_seconds)
                path = "/" + path[len("/slow/"):]
            elif path.startswith("/flaky/"):
                with site.lock:
                    n = site._flaky_seen.get(path, 0)
                    site._flaky_seen[path] = n + 1
                if n < site.flaky_failures:
                    return self._send(500, b"try later")
                path = "/" + path[len("/flaky/"):]
            elif path.startswith("/gone/"):
                return self._send(404, b"not here")
            elif path.startswith("/private/"):
                path = "/" + path[len("/private/"):]
            body = self._page(path.lstrip("/"))
            if body is None:
                return self._send(404, b"not here")
            return self._send(200, body)

        def do_POST(self) -> None:  # noqa: N802 - the webhook receiver: /hook (200), else 500
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with site.lock:
                site.posts.append((self.path, dict(self.headers.items()), body))
                status = 200 if self.path == "/hook" else 404 if self.path == "/gone-hook" else 500
                if self.path == "/flaky-hook":  # 503 for the first hook_failures POSTs
                    status = 503 if site.hook_failures > 0 else 200
                    site.hook_failures -= 1
            self._send(status, b"ok")

    return Handler


class SiteServer:
    """``with SiteServer() as site:`` serves ``site`` on 127.0.0.1 (a free port)."""

    def __init__(self, site: Site | None = None) -> None:
        self.site = site or Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self.httpd.daemon_threads = True
        self.site.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
