"""Ingest: turn what a newsroom saved into clean ``Document`` objects.

Inputs: saved web pages (any encoding), text dumps of pages (chrome stripped,
metadata recovered), WARC/WARC.gz archives, RSS/Atom feed files, JSONL (one
article per line), and folders of all of these.  Whatever cannot be read
becomes a ``Rejection`` naming the file (and line or record) and the reason;
reading never stops at a bad input.

Public interface::

    read_path(path, options=None) -> Iterator[Document | Rejection]
    document_from_text(text, *, published=None, doc_id=None, title=None, url=None, outlet=None)
    document_from_html(html, *, url=None, published=None, doc_id=None, title=None, outlet=None)
    IngestOptions
"""

from __future__ import annotations

from .documents import document_from_html, document_from_text
from .options import IngestOptions
from .reader import read_path

__all__ = ["IngestOptions", "document_from_html", "document_from_text", "read_path"]
