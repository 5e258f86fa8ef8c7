"""Readers for inputs that hold many articles: WARC archives, RSS/Atom feeds, JSONL files.

Every reader yields ``Document`` or ``Rejection`` and never raises: a bad
record becomes a ``Rejection`` naming ``file#record`` (WARC, feeds) or
``file:line`` (JSONL), and reading goes on with the next one.
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import Document, Rejection
from .common import decode_bytes, to_date
from .documents import document_from_html, document_from_text
from .options import IngestOptions

STAGE = "ingest"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _rej(where: str, reason: str, error: str | None = None) -> Rejection:
    return Rejection(where=where, stage=STAGE, reason=reason, error=error)


# -- WARC -----------------------------------------------------------------------------

def _find_sync(path: Path, start: int, magic: bytes) -> int | None:
    """Offset of the next record start at or after ``start`` (scanned in chunks).

    For gzip WARCs a ``magic`` hit counts only if a gzip member starts there and
    decompresses to a ``WARC/`` line: the three magic bytes also occur by chance
    inside compressed data, and a false start would make the reader lose the
    records that follow."""
    with open(path, "rb") as fh:
        fh.seek(start)
        pos, carry = start, b""
        while chunk := fh.read(1 << 20):
            buf = carry + chunk
            base = pos - len(carry)
            hit = buf.find(magic)
            while hit >= 0:
                if not magic.startswith(b"\x1f\x8b") or _starts_warc_member(path, base + hit):
                    return base + hit
                hit = buf.find(magic, hit + 1)
            carry = buf[-(len(magic) - 1):]
            pos += len(chunk)
    return None


def _starts_warc_member(path: Path, offset: int) -> bool:
    import zlib

    with open(path, "rb") as fh:
        fh.seek(offset)
        head = fh.read(4096)
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return False
    return out.startswith(b"WARC/")


def _warc_record(record: Any, where: str, opts: IngestOptions, offset: int | None = None
                 ) -> Document | Rejection | None:
    """One WARC record -> Document (HTML responses), Rejection, or None (not an article).
    A record whose content ends before its declared length (a truncated file) is a
    Rejection naming its byte ``offset``, never a document made of what was left."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawl = record.rec_headers.get_header("WARC-Date") or ""
    if record.http_headers is not None:
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        status = record.http_headers.get_statuscode() or ""
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
        status = "200"
    if not any(t in ctype for t in _HTML_TYPES):
        return None
    if not str(status).startswith("2"):
        return _rej(where, f"HTTP status {status} for {url}; not an article page")
    stream, chunks, total = record.content_stream(), [], 0
    while total <= opts.max_bytes and (chunk := stream.read(1 << 16)):
        chunks.append(chunk)
        total += len(chunk)
    payload = b"".join(chunks)
    if total > opts.max_bytes:
        return _rej(where, f"record payload over the size limit of {opts.max_bytes} bytes "
                           "(IngestOptions.max_bytes)", "InputTooLarge")
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        at = f" at byte offset {offset}" if offset is not None else ""
        return _rej(where, f"WARC record{at} is cut short: {missing} of its {record.length} "
                           f"bytes are missing (truncated file?); {url} not stored")
    try:
        doc = document_from_html(payload, url=url, source_path=where,
                                 strict_encoding=opts.strict_encoding)
    except InputError as exc:
        return _rej(where, exc.reason, type(exc).__name__)
    doc.meta["crawl_date"] = crawl
    if doc.published is None and (d := to_date(crawl)) is not None:
        doc.published, doc.published_from = d, "warc-date"
    return doc


def read_warc(path: Path, opts: IngestOptions) -> Iterator[Document | Rejection]:
    """Every HTML response of a WARC (plain or gzip); corrupt records are skipped by
    resynchronising on the next record header.  A WARC that yields nothing at all is
    reported, so no input disappears silently."""
    count = 0
    for item in _warc_items(path, opts):
        count += 1
        yield item
    if count == 0:
        yield _rej(str(path), "no HTML response records could be read from this WARC")


def _warc_items(path: Path, opts: IngestOptions) -> Iterator[Document | Rejection]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as probe:
        gz = probe.read(2) == b"\x1f\x8b"
    magic = b"\x1f\x8b\x08" if gz else b"WARC/1."
    offset, recno, resyncing = 0, 0, False
    while True:
        last_start = offset
        produced = False
        try:
            with open(path, "rb") as fh:
                fh.seek(offset)
                it = ArchiveIterator(fh)
                for record in it:
                    recno += 1
                    produced, resyncing = True, False
                    where = f"{path}#{recno}"
                    try:
                        item = _warc_record(record, where, opts, offset + it.offset)
                    except Exception as exc:  # noqa: BLE001 - one bad record, the rest go on
                        item = _rej(where, f"corrupt WARC record ({type(exc).__name__}: {exc})")
                        # the iterator may trip over the same record: do not report it twice
                        resyncing = True
                    if item is not None:
                        yield item
                    # (asking for the offset reads the record to its end: only after use)
                    last_start = offset + it.get_record_offset()
            return
        except Exception as exc:  # noqa: BLE001 - a corrupt record header or gzip member
            if not resyncing:
                recno += 1
                yield _rej(f"{path}#{recno}",
                           f"corrupt WARC record ({type(exc).__name__}: {str(exc)[:200]})")
            nxt = _find_sync(path, (last_start if produced else offset) + 1, magic)
            if nxt is None:
                return
            offset, resyncing = nxt, True


# -- feeds ----------------------------------------------------------------------------

def _fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (feed summaries), one paragraph per block."""
    if "<" not in html:
        return html
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - hostile markup; fall back to the raw string
        return html
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n\n" + (el.tail or "")
    return str(root.text_content())


def _entity_trap(raw: bytes) -> str | None:
    """Why a feed must not be parsed (it declares entities: an entity-expansion bomb or
    an external entity), checked with defusedxml; None for an ordinary feed."""
    if b"<!ENTITY" not in raw and b"<!entity" not in raw:
        return None
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        safe_et.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return (f"feed declares XML entities ({type(exc).__name__}); not parsed, as an "
                "entity-expansion bomb or an external entity could be")
    except Exception:  # noqa: BLE001 - malformed XML: feedparser reads it leniently
        return None
    return None


def read_feed(raw: bytes, where: str) -> Iterator[Document | Rejection]:
    """One Document per feed item (title, link, date, content or summary).  A feed that
    declares XML entities is rejected before parsing (``_entity_trap``)."""
    import feedparser

    trap = _entity_trap(raw)
    if trap is not None:
        yield _rej(where, trap)
        return

    parsed = feedparser.parse(io.BytesIO(raw))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield _rej(where, f"broken feed XML ({parsed.get('bozo_exception')})")
        else:
            yield _rej(where, "feed has no items")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, start=1):
        item_where = f"{where}#{n}"
        try:
            content = entry.get("content") or []
            html = (content[0].get("value") if content else None) or entry.get("summary") or ""
            text = _fragment_text(html)
            if not text.strip():
                if parsed.get("bozo"):
                    yield _rej(item_where, f"broken feed XML ({parsed.get('bozo_exception')}); "
                                           "item has no readable content")
                else:
                    yield _rej(item_where, "feed item has no summary or content; fetching "
                                           "the linked page is the watch command's job")
                continue
            with warnings.catch_warnings():  # feedparser's published/updated alias notice
                warnings.simplefilter("ignore", DeprecationWarning)
                parsed_t = entry.get("published_parsed") or entry.get("updated_parsed")
            pub = date(*parsed_t[:3]) if parsed_t else None
            link = entry.get("link") or None
            authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
            doc = document_from_text(text, title=entry.get("title") or None, url=link,
                                     outlet=outlet, published=pub, source_path=item_where)
            if pub is not None:
                doc.published_from = "feed"
            if authors and not doc.authors:
                doc.authors = authors
            if entry.get("id"):
                doc.meta["feed_guid"] = entry["id"]
            if parsed.get("bozo"):
                doc.meta["feed_note"] = "feed XML was malformed; items were read leniently"
            yield doc
        except InputError as exc:
            yield _rej(item_where, exc.reason, type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - one bad item, the rest go on
            yield _rej(item_where, f"unreadable feed item ({type(exc).__name__}: {exc})")


# -- JSONL ----------------------------------------------------------------------------

def _lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; ``None`` for a line over ``limit`` bytes."""
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield n, None
            continue
        yield n, line


def jsonl_record(rec: Any, where: str, opts: IngestOptions) -> Document:
    """One JSONL object -> Document.  Raises ``InputError`` naming ``where``."""
    if not isinstance(rec, dict):
        raise InputError(where, "line is JSON but not an object")

    def field(name: str) -> str | None:
        v = rec.get(name)
        return str(v) if v is not None and str(v).strip() else None

    raw_pub = rec.get(opts.published_field)
    pub = to_date(raw_pub) if raw_pub not in (None, "") else None
    kw: dict[str, Any] = {"title": field(opts.title_field), "url": field(opts.url_field),
                          "outlet": field(opts.outlet_field), "doc_id": field(opts.id_field),
                          "published": pub, "source_path": where}
    html, text = rec.get(opts.html_field), rec.get(opts.text_field)
    if isinstance(html, str) and html.strip():
        doc = document_from_html(html, strict_encoding=opts.strict_encoding, **kw)
    elif isinstance(text, str) and text.strip():
        doc = document_from_text(text, clean=opts.clean_jsonl_text, **kw)
    else:
        raise InputError(where, f"record has neither a non-empty {opts.text_field!r} nor "
                                f"{opts.html_field!r} field")
    if pub is not None:
        doc.published_from = "jsonl"
    elif raw_pub not in (None, ""):
        doc.meta["unparsed_published"] = str(raw_pub)[:100]
    return doc


def read_jsonl(fh: IO[bytes], name: str, opts: IngestOptions) -> Iterator[Document | Rejection]:
    """One Document per line; a bad line is a Rejection ``file:LINE``."""
    for n, line in _lines(fh, opts.max_bytes):
        where = f"{name}:{n}"
        if line is None:
            yield _rej(where, f"line over the size limit of {opts.max_bytes} bytes",
                       "InputTooLarge")
            continue
        if not line.strip():
            continue
        try:
            text, note = decode_bytes(line, strict=opts.strict_encoding, where=where)
            doc = jsonl_record(json.loads(text), where, opts)
            if note:
                doc.meta["encoding_note"] = note
            yield doc
        except json.JSONDecodeError as exc:
            yield _rej(where, f"line is not JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield _rej(where, exc.reason, type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - one bad line, the rest go on
            yield _rej(where, f"unreadable record ({type(exc).__name__}: {exc})")


def read_json(raw: bytes, where: str, opts: IngestOptions) -> Iterator[Document | Rejection]:
    """A whole JSON document: a list of article objects (``file#N``), one article object,
    or an object holding such a list; anything else is one Rejection."""
    try:
        text, note = decode_bytes(raw, strict=opts.strict_encoding, where=where)
        data = json.loads(text)
    except InputError as exc:
        yield _rej(where, exc.reason, type(exc).__name__)
        return
    except json.JSONDecodeError as exc:
        yield _rej(where, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    fields = (opts.text_field, opts.html_field)
    if isinstance(data, dict) and not any(f in data for f in fields):
        lists = [v for v in data.values() if isinstance(v, list)
                 and any(isinstance(x, dict) and any(f in x for f in fields) for x in v)]
        data = lists[0] if lists else data
    if isinstance(data, dict) and any(f in data for f in fields):
        records: list[Any] = [data]
    elif isinstance(data, list) and any(isinstance(x, dict) and any(f in x for f in fields)
                                        for x in data):
        records = data
    else:
        yield _rej(where, f"JSON document holds no article records (objects with a "
                          f"{opts.text_field!r} or {opts.html_field!r} field); for many "
                          "articles use JSONL, one object per line")
        return
    for n, rec in enumerate(records, start=1):
        rec_where = f"{where}#{n}" if len(records) > 1 else where
        try:
            doc = jsonl_record(rec, rec_where, opts)
            if note:
                doc.meta["encoding_note"] = note
            yield doc
        except InputError as exc:
            yield _rej(rec_where, exc.reason, type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - one bad record, the rest go on
            yield _rej(rec_where, f"unreadable record ({type(exc).__name__}: {exc})")
