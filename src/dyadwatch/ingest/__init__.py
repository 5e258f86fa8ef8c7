"""Ingest (PLACEHOLDER: replaced by the ingest work of issue 4)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Document, Rejection


def _doc_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def document_from_text(text: str, *, published: date | None = None, doc_id: str | None = None,
                       **meta: Any) -> Document:
    return Document(doc_id=doc_id or _doc_id(text), body=text, published=published,
                    published_from="caller" if published else None,
                    title=meta.get("title"), url=meta.get("url"))


def document_from_html(html: str | bytes, *, published: date | None = None,
                       doc_id: str | None = None, **meta: Any) -> Document:
    import trafilatura
    body = trafilatura.extract(html) or ""
    return document_from_text(body, published=published, doc_id=doc_id, **meta)


def read_path(path: str | Path) -> Iterator[Document | Rejection]:
    p = Path(path)
    files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
    for f in files:
        try:
            raw = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Rejection(str(f), "ingest", str(exc))
            continue
        if f.suffix in (".html", ".htm"):
            yield document_from_html(raw, doc_id=_doc_id(raw))
        else:
            yield document_from_text(raw)
