"""Helpers shared by the ingest readers: decoding, ids, language, dates, data files."""

from __future__ import annotations

import codecs
import hashlib
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .._resources import read_json
from ..errors import EncodingError

#: BOMs we recognise, longest first
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""",
                           re.I)
#: three accented Latin-1 letters in a row: a Cyrillic/Greek/CJK text misread as cp1252
_MOJIBAKE_RUN = re.compile(r"[\u00c0-\u00ff]{3,}")
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)


@lru_cache(maxsize=None)
def cues() -> dict[str, Any]:
    """The text-dump cue lists (``data/ingest/textdump_cues.json``)."""
    return read_json("ingest", "textdump_cues.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=None)
def formats() -> dict[str, Any]:
    return read_json("ingest", "formats.json")  # type: ignore[no-any-return]


def looks_binary(head: bytes) -> bool:
    """True for bytes that are plainly not text (NUL bytes or many control characters)."""
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl / len(head) > 0.1


def decode_bytes(raw: bytes, strict: bool = False, where: str = "<bytes>"
                 ) -> tuple[str, str | None]:
    """Decode ``raw`` to text.  Returns ``(text, note)``; ``note`` is None when the bytes
    were decoded as they say they are (UTF-8, a byte-order mark, a charset the markup
    declares) and otherwise says which fallback was used and the offset of the first
    byte that is not UTF-8 -- a warning the caller reports.

    Order: byte-order mark, UTF-8, the charset declared in the markup, cp1252 when it
    reads like text, charset detection (charset-normalizer), cp1252 with replacement
    characters.  With ``strict`` a fallback is not taken: ``EncodingError`` names
    ``where`` and the offset instead.
    """
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), None
            except UnicodeDecodeError as exc:
                if strict:
                    raise EncodingError(where, f"starts with a {enc} byte-order mark but is "
                                               f"not valid {enc} (byte offset {exc.start})"
                                        ) from None
                break
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    head = raw[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        declared = m.group(1).decode("ascii", "ignore")
        try:
            codecs.lookup(declared)
            return raw.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass
    what = f"not valid UTF-8 (first invalid byte at offset {bad})"
    if strict:
        raise EncodingError(where, f"{what} and no usable charset declared; strict "
                                   "decoding takes no fallback")
    try:  # the commonest legacy encoding of Western pages, if it reads like text
        text = raw.decode("cp1252")
        if not _MOJIBAKE_RUN.search(text[:100_000]):
            return text, f"{what}; decoded as cp1252 (Windows Western), a guess"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200_000]).best()
        if best is not None and best.encoding:
            enc = best.encoding
            text = raw.decode(enc, errors="replace")
            if text.count("\ufffd") <= max(3, len(text) // 1000):
                return text, f"{what}; decoded as {enc} (detected), a guess"
    except Exception:  # noqa: BLE001 - detection is best effort, the fallback follows
        pass
    return (raw.decode("cp1252", errors="replace"),
            f"{what} and no reliable charset found; decoded as cp1252 with replacement "
            "characters")


def short_hash(text: str, n: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.I)


def canonical_url(url: str) -> str:
    """Normalise a URL for ids: lower-case scheme/host, no fragment, no tracking params,
    no trailing slash, ``http``/``https`` and ``www.`` treated alike."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{query}" if query else "")


def make_doc_id(url: str | None, content_hash: str, source: str | None = None) -> str:
    """Stable id: short hash of the canonical URL if there is one, else of the content
    hash and the name of the file (or file record) it was read from.

    The same file read again (from any folder) gets the same id; the same text saved
    as two differently named files -- a repost kept beside its original -- gets two,
    so each counts as a source of the events it reports, whatever the order of reading.
    """
    if url and re.match(r"^[a-z][a-z0-9+.-]*://", url.strip(), re.I):
        return short_hash("url:" + canonical_url(url))
    if source:
        name = source.replace("\\", "/").rsplit("/", 1)[-1]
        return short_hash(f"body:{content_hash}|{name}")
    return short_hash("body:" + content_hash)


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """Cheap language guess from function-word counts over the first ~2,000 words.

    Returns an ISO 639-1 code, or ``None`` when the text is too short or no
    language's function words make up a plausible share of it.
    """
    words = [w.casefold() for w in _WORD.findall(text[:20_000])][:2000]
    if len(words) < 5:
        return None
    table: dict[str, list[str]] = read_json("ingest", "stopwords.json")
    best, best_score = None, 0.0
    for lang, stop in table.items():
        if lang.startswith("_"):
            continue
        sset = set(stop)
        score = sum(1 for w in words if w in sset) / len(words)
        if score > best_score:
            best, best_score = lang, score
    return best if best_score >= 0.08 else None


def normalize_lang(value: str | None) -> str | None:
    """``en-GB`` / ``en_US`` / ``English`` -> ``en``."""
    if not value:
        return None
    v = value.strip().lower().replace("_", "-")
    if v.startswith("english"):
        return "en"
    m = re.match(r"^([a-z]{2,3})(-|$)", v)
    return m.group(1) if m else None


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"])}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9

#: regex source for a written date (used inside the cue patterns as ``DATE``)
DATE_RE = (r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
           r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}"
           r"|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
           r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})")
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})", re.I)
_MDY = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUM = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def parse_date(text: str | None) -> date | None:
    """Parse one written or ISO date (``January 27, 2024``, ``27 Jan 2024``,
    ``2024-01-27T10:00:00Z``, ``27/01/2024`` as day-first).  ``None`` if not a date."""
    if not text:
        return None
    s = text.strip()
    try:
        for rx, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_MDY, "mdy"), (_NUM, "dmy")):
            m = rx.search(s)
            if not m:
                continue
            g = m.groups()
            if order == "ymd":
                return date(int(g[0]), int(g[1]), int(g[2]))
            if order == "dmy" and rx is _DMY:
                mon = _MONTHS.get(g[1].lower().rstrip("."))
                if mon:
                    return date(int(g[2]), mon, int(g[0]))
                continue
            if order == "mdy":
                mon = _MONTHS.get(g[0].lower().rstrip("."))
                if mon:
                    return date(int(g[2]), mon, int(g[1]))
                continue
            day, mon_i = int(g[0]), int(g[1])
            if mon_i > 12 >= day:
                day, mon_i = mon_i, day
            return date(int(g[2]), mon_i, day)
    except ValueError:
        return None
    return None


def to_date(value: Any) -> date | None:
    """A ``date`` from a date, datetime, ISO string or written date; ``None`` otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None
