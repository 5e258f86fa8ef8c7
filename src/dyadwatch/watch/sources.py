"""What ``watch`` polls: RSS/Atom feeds and URL lists, read into ``Item``s.

A source is given on the command line as

* an ``http(s)://`` URL: a feed, fetched each poll (conditionally);
* a local file: a feed when it starts with ``<`` (an XML document), otherwise
  a URL list -- one ``http(s)://`` URL per line, blank lines and ``#``
  comments skipped; the file is read again each poll, so adding a line adds
  an item.

Feeds are parsed safely.  Before feedparser sees a byte, the document is
checked with ``defusedxml``: a document type declaration or an entity
declaration (the stuff of "billion laughs" and external-entity attacks) gets
the whole feed refused with ``UnsafeFeed``, naming it.  A feed that is not
well-formed XML but has no such declarations is read leniently by feedparser,
and the caller is told (``ParsedFeed.warning``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..ingest.common import canonical_url


class UnsafeFeed(InputError):
    """A feed that declares a DTD or entities: refused, never expanded."""


@dataclass(frozen=True)
class Source:
    """One thing to poll: ``kind`` is ``feed`` (URL or file) or ``urls`` (a URL list file)."""

    name: str  # as given: the URL or the path
    kind: str
    remote: bool  # fetched over HTTP (a feed URL)

    @classmethod
    def parse(cls, text: str) -> Source:
        raw = text.strip()
        if re.match(r"^https?://", raw, re.I):
            return cls(raw, "feed", True)
        path = Path(raw)
        if not path.is_file():
            raise InputError(raw, "not an http(s) feed URL nor a readable feed or URL-list file")
        with open(path, "rb") as fh:
            head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
        return cls(raw, "feed" if head.startswith(b"<") else "urls", False)


@dataclass(frozen=True)
class Item:
    """One article a source lists."""

    source: str
    key: str  # the source's own id: ``guid:<guid>`` or ``url:<canonical url>``
    url: str | None  # the article page to fetch
    guid: str | None = None
    title: str | None = None
    published: date | None = None
    summary: str | None = None  # the feed's content or summary (HTML), when given

    @property
    def url_key(self) -> str | None:
        return "url:" + canonical_url(self.url) if self.url else None


@dataclass
class ParsedFeed:
    items: list[Item]
    title: str | None = None
    warning: str | None = None  # the feed was read, but something about it was wrong


_DECL = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def check_xml(raw: bytes, name: str) -> str | None:
    """Refuse a document with a DTD or entity declarations (``UnsafeFeed``); return a
    warning when it is not well-formed XML, None when it is clean."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    if _DECL.search(raw[:65536]):
        raise UnsafeFeed(name, "feed declares a DTD or XML entities (possible entity-expansion "
                               "'XML bomb'); refused, nothing of it was read")
    try:
        safe_et.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeFeed(name, f"feed uses forbidden XML features ({exc}); refused") from exc
    except Exception as exc:  # noqa: BLE001 - ParseError and friends: lenient reading follows
        return f"feed is not well-formed XML ({exc}); its items were read leniently"
    return None


def parse_feed(raw: bytes, name: str) -> ParsedFeed:
    """The items of an RSS/Atom document (``UnsafeFeed`` / ``InputError`` when none)."""
    import feedparser

    warning = check_xml(raw, name)
    parsed = feedparser.parse(raw)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise InputError(name, f"broken feed XML ({parsed.get('bozo_exception')})")
        return ParsedFeed([], None, warning)
    items = []
    for entry in entries:
        link = entry.get("link") or None
        if link and not re.match(r"^https?://", link, re.I):
            link = None
        guid = entry.get("id") or None
        if not guid and not link:
            continue
        with warnings.catch_warnings():  # feedparser's published/updated alias notice
            warnings.simplefilter("ignore", DeprecationWarning)
            t = entry.get("published_parsed") or entry.get("updated_parsed")
        content = entry.get("content") or []
        summary = (content[0].get("value") if content else None) or entry.get("summary") or None
        key = f"guid:{guid}" if guid else "url:" + canonical_url(link or "")
        items.append(Item(name, key, link, guid, entry.get("title") or None,
                          date(*t[:3]) if t else None, summary))
    return ParsedFeed(items, (parsed.get("feed") or {}).get("title") or None, warning)


def read_url_list(path: str) -> tuple[list[Item], list[str]]:
    """The URLs of a URL-list file, and a warning for each line that is not a URL."""
    items, bad = [], []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the URL list ({exc})") from exc
    for n, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not re.match(r"^https?://\S+$", url, re.I):
            bad.append(f"{path}:{n}: not an http(s) URL: {url[:80]!r}")
            continue
        items.append(Item(path, "url:" + canonical_url(url), url))
    return items, bad
