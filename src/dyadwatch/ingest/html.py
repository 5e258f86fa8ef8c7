"""Saved web pages: body via trafilatura, metadata from JSON-LD, OpenGraph and meta tags,
publication date via htmldate (through trafilatura's metadata pass)."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import ExtractionError
from .common import decode_bytes, guess_language, normalize_lang, to_date
from .textdump import first_published, is_chrome, normalise, rules

# trafilatura/htmldate log at WARNING on every odd page; the library never prints
for _name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.ERROR)

#: metadata fields in which a page states its own publication date
_STATED_DATE_KEYS = ("ld_published", "article:published_time")
#: date search inside trafilatura is not used (``page_date`` decides), so keep it fast
_CHEAP_DATE = {"original_date": True, "extensive_search": False}
#: a page whose extracted text is shorter than this is no article (menus, error pages)
MIN_WORDS = 3
_ARTICLE_TYPES = ("article", "newsarticle", "reportage", "analysisnewsarticle", "opinionnewsarticle",
                  "blogposting", "webpage", "report", "scholarlyarticle", "backgroundnewsarticle",
                  "socialmediaposting", "liveblogposting")


@dataclass
class HtmlResult:
    """Body and metadata of one page (before the ``Document`` is built)."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    published_from: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def _names(value: Any) -> list[str]:
    """Author names from a JSON-LD ``author`` value (str, dict, list)."""
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"\s*(?:;|,| and )\s*", value) if v.strip()]
    if isinstance(value, dict):
        n = value.get("name")
        return _names(n) if isinstance(n, (str, list)) else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _jsonld_objects(tree: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (node.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                out.append(item)
    return out


def page_metadata(tree: Any) -> dict[str, Any]:
    """Structured metadata of a page: JSON-LD article objects, OpenGraph, meta tags, canonical."""
    md: dict[str, Any] = {}
    for obj in _jsonld_objects(tree):
        types = obj.get("@type")
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        if not any(str(t).lower() in _ARTICLE_TYPES for t in types):
            continue
        if "ld_published" not in md and isinstance(obj.get("datePublished"), str):
            md["ld_published"] = obj["datePublished"]
        if "ld_authors" not in md and (names := _names(obj.get("author"))):
            md["ld_authors"] = names
        if "ld_title" not in md and isinstance(obj.get("headline"), str):
            md["ld_title"] = obj["headline"].strip()
        pub = obj.get("publisher")
        if "ld_publisher" not in md and isinstance(pub, dict) and isinstance(pub.get("name"), str):
            md["ld_publisher"] = pub["name"].strip()
        if "ld_language" not in md and isinstance(obj.get("inLanguage"), str):
            md["ld_language"] = obj["inLanguage"]
    for node in tree.xpath("//meta[@content]"):
        key = (node.get("property") or node.get("name") or node.get("itemprop")
               or node.get("http-equiv") or "").strip().lower()
        if key and key not in md:
            md[key] = node.get("content", "").strip()
    canon = tree.xpath('//link[@rel="canonical"]/@href')
    if canon:
        md["canonical"] = canon[0].strip()
    lang = tree.xpath("/html/@lang") or tree.xpath("//html/@lang")
    if lang:
        md["html_lang"] = lang[0]
    return md


def page_date(html: str, md: dict[str, Any], url: str | None) -> tuple[date | None, str | None]:
    """Publication date of a page and where it came from.

    htmldate (extensive search, original rather than updated date, the page URL as a
    hint) decides; ``published_from`` is ``html-meta`` when its answer is the date the
    page states in JSON-LD ``datePublished`` or ``article:published_time``, ``htmldate``
    otherwise.  Those two metadata fields are the fallback when htmldate finds nothing.
    """
    import htmldate

    stated = [d for k in _STATED_DATE_KEYS if (d := to_date(md.get(k))) is not None]
    if "<" not in html:  # not markup; htmldate would take a bare URL string as one to fetch
        return (stated[0], "html-meta") if stated else (None, None)
    try:
        found = to_date(htmldate.find_date(html, url=url, original_date=True,
                                           extensive_search=True))
    except Exception:  # noqa: BLE001 - htmldate on hostile markup; fall back to metadata
        found = None
    if found is not None:
        return found, "html-meta" if found in stated else "htmldate"
    if stated:
        return stated[0], "html-meta"
    return None, None


def html_date(html: str | bytes, url: str | None = None) -> tuple[date | None, str | None]:
    """The date extractor alone (no body extraction): ``page_date`` on one page."""
    import trafilatura

    if isinstance(html, bytes):
        html, _ = decode_bytes(html)
    tree = trafilatura.load_html(html) if html.strip() else None
    md = page_metadata(tree) if tree is not None else {}
    canon = md.get("canonical") or md.get("og:url")
    return page_date(html, md, url or (canon if canon and canon.startswith("http") else None))


def _clean_body(text: str, title: str | None) -> tuple[str, dict[str, Any]]:
    """Line-level cleaning of an extracted body: chrome lines out, notes into metadata."""
    r = rules()
    lines = [ln for ln in normalise(text) if ln]
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    keep: list[str] = []
    meta: dict[str, Any] = {}
    for ln in lines:
        note = first_published(ln, r)
        if note:
            meta.setdefault("original_outlet", note["outlet"])
            if note.get("title"):
                meta.setdefault("original_title", note["title"])
            if note.get("date"):
                meta.setdefault("original_published", note["date"].isoformat())
            continue
        if is_chrome(ln, r):
            continue
        keep.append(ln)
    return "\n\n".join(keep), meta


def extract_html(html: str | bytes, url: str | None = None, where: str = "<html>",
                 strict_encoding: bool = False) -> HtmlResult:
    """Extract body and metadata from one page.  Raises ``ExtractionError`` if no text is
    found, ``EncodingError`` for undecodable bytes with ``strict_encoding``."""
    import trafilatura

    notes: dict[str, Any] = {}
    if isinstance(html, bytes):
        html, enc_note = decode_bytes(html, strict=strict_encoding, where=where)
        if enc_note:
            notes["encoding_note"] = enc_note
    if not html.strip():
        raise ExtractionError(where, "empty HTML")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ExtractionError(where, "not parseable as HTML")
    md = page_metadata(tree)
    try:
        # trafilatura's own date pass is made cheap: the date comes from find_date below
        ext = trafilatura.bare_extraction(tree, url=url, include_comments=False,
                                          with_metadata=True, include_tables=True,
                                          date_extraction_params=_CHEAP_DATE)
    except Exception as exc:  # noqa: BLE001 - third-party parser on hostile input
        ext, notes["extractor_error"] = None, f"{type(exc).__name__}: {exc}"
    info = ext.as_dict() if ext is not None and hasattr(ext, "as_dict") else {}
    text = info.get("text") or ""
    if not text.strip():
        try:
            _, text, _ = trafilatura.baseline(html)
            notes["body_from"] = "baseline"
        except Exception:  # noqa: BLE001
            text = ""
    title = md.get("ld_title") or info.get("title") or md.get("og:title") or None
    body, body_meta = _clean_body(text, title)
    if len(body.split()) < MIN_WORDS:
        raise ExtractionError(where, "no article text could be extracted from the HTML"
                              + (f" (only {body.strip()[:40]!r})" if body.strip() else ""))
    notes.update(body_meta)

    page_url = md.get("canonical") or md.get("og:url") or info.get("url") or None
    if page_url and not re.match(r"^https?://", page_url):
        page_url = None
    if body_meta.get("original_published"):
        published, published_from = date.fromisoformat(body_meta["original_published"]), \
            "first-published-note"
    else:
        published, published_from = page_date(html, md, url or page_url)

    authors = list(md.get("ld_authors") or [])
    if not authors and info.get("author"):
        authors = [a.strip() for a in str(info["author"]).split(";") if a.strip()]
    if not authors and md.get("author") and not md["author"].startswith("http"):
        authors = [md["author"]]
    outlet = (md.get("og:site_name") or md.get("ld_publisher") or info.get("sitename")
              or info.get("hostname") or None)
    lang = guess_language(body) if len(body.split()) >= 20 else None
    lang = lang or normalize_lang(md.get("ld_language") or md.get("html_lang")
                                  or md.get("og:locale") or md.get("content-language"))
    if page_url and url and page_url != url:
        notes["canonical_url"] = page_url
    return HtmlResult(body=body, title=title, authors=authors, published=published,
                      published_from=published_from, outlet=outlet, url=url or page_url,
                      language=lang, meta=notes)
