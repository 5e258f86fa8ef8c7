"""Polite HTTP fetching for ``dyadwatch watch``: timeouts, a size limit, bounded retries
with exponential backoff, conditional requests and robots.txt.

* Every request carries ``User-Agent: dyadwatch/<version> (+<project url>)``.
* A response larger than ``max_bytes`` is refused (``FetchError``), whether its
  ``Content-Length`` says so or the body grows past it while read.
* Connection errors, timeouts, HTTP 429 and 5xx are retried ``retries`` times,
  waiting ``backoff * 2**n`` seconds (at most ``max_backoff``; a server's
  ``Retry-After`` is honoured within that bound).  Other 4xx are final.
* ``fetch(url, etag=, last_modified=)`` sends ``If-None-Match`` /
  ``If-Modified-Since``; a 304 comes back as ``FetchResult.not_modified``.
* robots.txt is read once per host (``RobotsCache``, kept ``robots_ttl``
  seconds): a missing one (4xx) allows everything, 401/403 forbid everything,
  and an unreachable one (5xx, network) makes every URL of the host a
  transient ``FetchError`` until it answers, as RFC 9309 asks.  A URL
  robots.txt forbids raises ``RobotsDisallowed``; its ``Crawl-delay`` (up to
  ``max_crawl_delay``) is kept between two requests to the host.  A redirect is
  checked the same way before it is followed, against the robots.txt of the host it
  points to (another host's too).

Only the standard library is used (``urllib``), so tests run against a local
``http.server`` with no other network.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from ..errors import InputError

#: where people learn what the crawler is (sent in the User-Agent)
PROJECT_URL = "https://pypi.org/project/dyadwatch/"


def user_agent() -> str:
    from .. import __version__

    return f"dyadwatch/{__version__} (+{PROJECT_URL})"


class FetchError(InputError):
    """A URL could not be fetched.  ``transient`` True: worth trying again next poll."""

    def __init__(self, url: str, reason: str, transient: bool = False,
                 status: int | None = None) -> None:
        self.transient = transient
        self.status = status
        super().__init__(url, reason)


class RobotsDisallowed(FetchError):
    """robots.txt of the host forbids dyadwatch this URL."""


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch (defaults are the documented behaviour)."""

    timeout: float = 20.0  # seconds per attempt (connect and each read)
    max_bytes: int = 5 * 1024 * 1024  # a larger response is refused
    retries: int = 3  # further attempts after a transient failure
    backoff: float = 1.0  # first wait; doubles each attempt
    max_backoff: float = 30.0  # no single wait is longer
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is kept
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay is honoured up to this
    user_agent: str = field(default_factory=user_agent)


@dataclass
class FetchResult:
    url: str  # final URL, after redirects
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    attempts: int = 1
    retry_after: float | None = None  # seconds the server asked us to wait (429, 503)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class _StatusProcessor(urllib.request.HTTPErrorProcessor):
    """urllib raises on every non-2xx status; we let redirects be followed and read
    every other status ourselves (304, 4xx, 5xx)."""

    def http_response(self, request, response):  # type: ignore[no-untyped-def]
        if response.status in (301, 302, 303, 307, 308):
            return super().http_response(request, response)
        return response

    https_response = http_response


class _RobotsRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only where robots.txt allows it: a request carrying a
    ``robots_check`` (the URL's own robots check) has every redirect target checked
    the same way, on its own host, before it is requested."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check = getattr(req, "robots_check", None)
        if check is not None:
            check(newurl)  # raises RobotsDisallowed (or a transient FetchError)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and check is not None:
            new.robots_check = check  # type: ignore[attr-defined]
        return new


class Fetcher:
    """Fetches URLs under one ``FetchSettings``.  ``sleep`` is injectable for tests."""

    def __init__(self, settings: FetchSettings | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        self.sleep = sleep
        self.robots = RobotsCache(self)
        self._last: dict[str, float] = {}  # host -> monotonic time of its last request
        self._opener = urllib.request.build_opener(_StatusProcessor(), _RobotsRedirects())

    # -- one request ---------------------------------------------------------
    def _once(self, url: str, headers: dict[str, str], robots: bool = False) -> FetchResult:
        s = self.settings
        req = urllib.request.Request(url, headers={"User-Agent": s.user_agent,
                                                   "Accept-Encoding": "identity", **headers})
        if robots:  # every redirect target is checked against its own host's robots.txt
            req.robots_check = self._check_robots  # type: ignore[attr-defined]
        try:
            resp = self._opener.open(req, timeout=s.timeout)
        except urllib.error.HTTPError as exc:  # raised by redirect handling only
            resp = exc
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError,
                OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FetchError(url, f"cannot connect: {reason}", transient=True) from exc
        with resp:
            status = int(resp.status if hasattr(resp, "status") else resp.getcode())
            h = resp.headers
            length = h.get("Content-Length")
            if length and length.isdigit() and int(length) > s.max_bytes:
                raise FetchError(url, f"response of {int(length)} bytes is over the "
                                      f"{s.max_bytes}-byte limit", status=status)
            chunks, total = [], 0
            try:
                while True:
                    chunk = resp.read(65536)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > s.max_bytes:
                        raise FetchError(url, f"response is over the {s.max_bytes}-byte limit "
                                              "(stopped reading)", status=status)
                    chunks.append(chunk)
            except (socket.timeout, TimeoutError) as exc:
                raise FetchError(url, f"timed out reading the response after {s.timeout} s",
                                 transient=True, status=status) from exc
            except (OSError, ValueError) as exc:  # connection reset, bad chunked encoding
                raise FetchError(url, f"response cut short ({exc})", transient=True,
                                 status=status) from exc
            return FetchResult(url=resp.geturl() or url, status=status, body=b"".join(chunks),
                               etag=h.get("ETag"), last_modified=h.get("Last-Modified"),
                               content_type=h.get("Content-Type"),
                               retry_after=_retry_after(h.get("Retry-After")))

    # -- with retries --------------------------------------------------------
    def get(self, url: str, headers: dict[str, str] | None = None,
            robots: bool = False) -> FetchResult:
        """GET with bounded retries; returns any final status (the caller judges it).
        ``robots``: a redirect is followed only where robots.txt allows it."""
        s = self.settings
        attempt = 0
        while True:
            attempt += 1
            wait = min(s.backoff * 2 ** (attempt - 1), s.max_backoff)
            try:
                res = self._once(url, headers or {}, robots)
            except FetchError as exc:
                if not exc.transient or attempt > s.retries:
                    if exc.transient:
                        exc.reason = f"{exc.reason} (after {attempt} attempts)"
                        exc.args = (f"{exc.where}: {exc.reason}",)
                    raise
                self.sleep(wait)
                continue
            res.attempts = attempt
            if (res.status == 429 or res.status >= 500) and attempt <= s.retries:
                self.sleep(min(res.retry_after or wait, s.max_backoff))
                continue
            return res

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              check_robots: bool = True) -> FetchResult:
        """GET ``url`` politely.  Returns a 200 (or 304 when ``etag``/``last_modified``
        were given and the server says nothing changed); raises ``FetchError`` otherwise."""
        if check_robots:
            self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        res = self.get(url, headers, robots=check_robots)
        if res.status == 304 and headers:
            return res
        if 200 <= res.status < 300:
            return res
        transient = res.status == 429 or res.status >= 500
        more = f" (after {res.attempts} attempts)" if transient else ""
        raise FetchError(url, f"HTTP {res.status}{more}", transient=transient, status=res.status)


    def _check_robots(self, url: str) -> None:
        """Raise ``RobotsDisallowed`` when the robots.txt of ``url``'s host forbids it
        (also for the target of a redirect, on whatever host); else wait out the host's
        ``Crawl-delay``."""
        if not self.robots.allowed(url):
            raise RobotsDisallowed(url, f"robots.txt of {urlsplit(url).netloc} forbids "
                                        f"fetching this URL ({self.settings.user_agent})")
        self._pace(url)

    def _pace(self, url: str) -> None:
        """Wait out the host's robots.txt ``Crawl-delay`` since its last request."""
        host = urlsplit(url).netloc
        delay = min(self.robots.crawl_delay(url), self.settings.max_crawl_delay)
        last = self._last.get(host)
        if delay > 0 and last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()


class RobotsCache:
    """robots.txt per host (scheme + host + port), kept ``robots_ttl`` seconds."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._hosts: dict[str, tuple[float, urllib.robotparser.RobotFileParser | bool]] = {}

    def _rules(self, url: str) -> urllib.robotparser.RobotFileParser | bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        now = time.monotonic()
        cached = self._hosts.get(host)
        if cached and now - cached[0] < self.fetcher.settings.robots_ttl:
            return cached[1]
        rules: urllib.robotparser.RobotFileParser | bool
        try:
            res = self.fetcher.get(host + "/robots.txt")
        except FetchError as exc:
            if not exc.transient:
                raise
            res = None
            why = exc.reason
        if res is None or res.status >= 500:
            # unreachable robots.txt: the host is off limits until it answers (RFC 9309);
            # nothing is cached, so the next poll asks again
            raise FetchError(url, f"robots.txt of {parts.netloc} could not be read "
                                  f"({why if res is None else f'HTTP {res.status}'}); "
                                  "not fetching from that host for now", transient=True)
        if res.status in (401, 403):
            rules = False
        elif 400 <= res.status < 500:
            rules = True
        else:
            rules = urllib.robotparser.RobotFileParser()
            rules.parse(res.body.decode("utf-8", "replace").splitlines())
        self._hosts[host] = (now, rules)
        return rules

    def crawl_delay(self, url: str) -> float:
        """The ``Crawl-delay`` robots.txt asks of dyadwatch (0 when none)."""
        rules = self._rules(url)
        if isinstance(rules, bool):
            return 0.0
        try:
            return float(rules.crawl_delay(self.fetcher.settings.user_agent) or 0.0)
        except (TypeError, ValueError):
            return 0.0

    def allowed(self, url: str) -> bool:
        rules = self._rules(url)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self.fetcher.settings.user_agent, url)
