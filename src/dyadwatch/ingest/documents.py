"""Build ``Document`` objects from text dumps and HTML (the public one-document entry points)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import ExtractionError
from ..model import Document, content_hash
from .common import guess_language, make_doc_id
from .html import extract_html
from .textdump import DumpResult, clean_dump


def _finish(body: str, *, doc_id: str | None, url: str | None, published: date | None,
            published_from: str | None, caller_published: date | None, **fields: Any
            ) -> Document:
    if caller_published is not None:
        if published is not None and published != caller_published:
            fields.setdefault("meta", {})["extracted_published"] = published.isoformat()
        published, published_from = caller_published, "caller"
    chash = content_hash(body)
    source = fields.get("source_path")
    return Document(doc_id=doc_id or make_doc_id(url, chash, source), body=body, url=url,
                    published=published, published_from=published_from if published else None,
                    content_hash=chash, **fields)


def document_from_text(text: str, *, published: date | None = None, doc_id: str | None = None,
                       title: str | None = None, url: str | None = None,
                       outlet: str | None = None, source_path: str | None = None,
                       clean: bool = True) -> Document:
    """A ``Document`` from plain text, applying the text-dump rules (see ``textdump``).

    Caller-given fields win over what the rules find (``published_from="caller"``).
    Raises ``ExtractionError`` when no article text is left.
    """
    where = source_path or "<text>"
    if not isinstance(text, str) or not text.strip():
        raise ExtractionError(where, "empty text")
    if clean:
        res = clean_dump(text)
    else:  # already clean text (e.g. JSONL exports): only normalise paragraph breaks
        paras = (p.strip() for p in text.strip().split("\n\n"))
        res = DumpResult(body="\n\n".join(p for p in paras if p))
    if not res.body.strip():
        raise ExtractionError(where, "no article text left after removing page chrome")
    meta = dict(res.meta)
    return _finish(res.body, doc_id=doc_id, url=url, published=res.published,
                   published_from=res.published_from, caller_published=published,
                   title=title or res.title, authors=res.authors,
                   outlet=outlet or meta.get("repost_outlet") or meta.get("original_outlet"),
                   language=guess_language(res.body), source_path=source_path, meta=meta)


def document_from_html(html: str | bytes, *, url: str | None = None,
                       published: date | None = None, doc_id: str | None = None,
                       title: str | None = None, outlet: str | None = None,
                       source_path: str | None = None, strict_encoding: bool = False
                       ) -> Document:
    """A ``Document`` from one saved page (``str`` or raw ``bytes`` in any encoding).

    Raises ``ExtractionError`` when the page yields no article text, ``EncodingError``
    when ``strict_encoding`` is set and the bytes are not UTF-8 nor a declared charset
    (otherwise a guessed charset is used and ``meta["encoding_note"]`` says so).
    """
    res = extract_html(html, url=url, where=source_path or url or "<html>",
                       strict_encoding=strict_encoding)
    return _finish(res.body, doc_id=doc_id, url=res.url, published=res.published,
                   published_from=res.published_from, caller_published=published,
                   title=title or res.title, authors=res.authors, outlet=outlet or res.outlet,
                   language=res.language, source_path=source_path, meta=res.meta)
