"""A document too long to hold coded: written to the store chunk by chunk, hidden
until it is published.

A body longer than ``Settings.chunk_chars`` is coded chunk by chunk (``jobs.run``).
Holding every chunk's events until the document ends made memory grow with the
document; so did moving a whole staged document into the final tables in one
transaction at its end (DuckDB holds every uncommitted row: about 1 GB for a 30 MB
document).  Instead:

* ``begin`` records the document in ``staged_documents`` (a small row: hash, chunking,
  progress, the owning run);
* ``add_chunk`` writes each chunk's sentences and reports straight into the final
  ``sentences`` and ``reports`` tables, in one short transaction with the document's
  progress (``chunks_done``, sentence and token counts so far);
* ``publish``, after the last chunk, in one transaction: drops the
  ``staged_documents`` row, inserts the ``documents`` row and derives the canonical
  events of the document's reports, block by block.

Invariants (``docs/reliability.md``, "Long documents"):

1. A document is published exactly when it has a ``documents`` row; it never has a
   ``documents`` row and a ``staged_documents`` row at once (both change in the one
   publish transaction).
2. Every row of ``sentences`` and ``reports`` belongs to a published document or to
   a staged one (``discard`` and a restart delete a staged document's rows with its
   ``staged_documents`` row, in one transaction).
3. Readers never see the rows of a staged document: they read ``reports`` and
   ``sentences`` through the views ``published_reports`` and ``published_sentences``
   (the rows whose document has no ``staged_documents`` row); the consolidation reads
   through them too, so no canonical event holds a report of a staged document, and
   canonical events are only written by the publish transaction of their reports.
4. A ``kill -9`` leaves whole chunks (``chunks_done`` of them), never a part of one,
   and never a half-published document: publish is one transaction.  A later run of
   the same input resumes after the committed chunks (same body, chunk size and chunk
   count; the same coder is checked at the next chunk), or publishes at once when all
   were committed; if anything differs it deletes them and starts the document again.
5. No report is written twice: a chunk is accepted only as the next one
   (``chunks_done``) and only from the run that owns the document (``owner``).

The ``staged_sentences`` and ``staged_reports`` tables held the chunks of dyadwatch
versions before this layout; a document left there (``staged_documents.in_place`` is
NULL) is started again by the next run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Event, Result, Sentence
from . import consolidate as cons
from . import stream
from .rows import EVENT_COLUMNS, row_values

if TYPE_CHECKING:
    from .duck import SaveOutcome, Store

#: a published body longer than this is written in parts of this many characters, one
#: transaction each, before the publish (``document_parts``): inserted whole, a body of
#: 16 MB made DuckDB grow by about 100 MB
BODY_PART_CHARS = 1_000_000

def begin(store: Store, doc_id: str, content_hash: str, source: str | None,
          chunk_chars: int, chunks: int, owner: str) -> tuple[int, int, int] | None:
    """Start (or resume) staging a document: returns ``(chunks_done, sentences_done,
    tokens_done)`` to go on from, or None when the document is already stored (its
    staged leftovers, if any, are dropped).  ``owner`` (a run id) takes the document
    over; chunks of any other owner are refused from then on."""
    with store._transaction() as con:
        if _one(con, "SELECT 1 FROM documents WHERE doc_id=?", [doc_id]):
            _drop(con, doc_id)
            return None
        row = _one(con, "SELECT content_hash, chunk_chars, chunks, chunks_done, "
                        "sentences_done, tokens_done, in_place FROM staged_documents "
                        "WHERE doc_id=?", [doc_id])
        if row is not None and tuple(row[:3]) == (content_hash, chunk_chars, chunks) and row[6]:
            con.execute("UPDATE staged_documents SET owner=?, source=?, "
                        "updated=current_timestamp WHERE doc_id=?", [owner, source, doc_id])
            return int(row[3]), int(row[4]), int(row[5])
        _drop_rows(con, doc_id)
        if row is not None:  # another body or chunking: start again (update, not re-insert)
            con.execute("UPDATE staged_documents SET content_hash=?, source=?, chunk_chars=?, "
                        "chunks=?, chunks_done=0, sentences_done=0, tokens_done=0, "
                        "coder_id=NULL, owner=?, in_place=true, started=current_timestamp, "
                        "updated=current_timestamp WHERE doc_id=?",
                        [content_hash, source, chunk_chars, chunks, owner, doc_id])
        else:
            con.execute("INSERT INTO staged_documents (doc_id, content_hash, source, "
                        "chunk_chars, chunks, chunks_done, sentences_done, tokens_done, owner, "
                        "in_place) VALUES (?,?,?,?,?,0,0,0,?,true)",
                        [doc_id, content_hash, source, chunk_chars, chunks, owner])
        return 0, 0, 0


def add_chunk(store: Store, doc_id: str, owner: str, chunk: int,
              sentences: Sequence[Sentence], events: Sequence[Event],
              coder: dict[str, Any], tokens: int) -> None:
    """Write chunk number ``chunk`` (0-based; already renumbered into the whole
    document) into ``sentences`` and ``reports``, hidden, in one transaction.  Raises
    ``StoreError`` when it is not the next chunk of this owner's document, or when
    earlier chunks were coded by another coder (the document's rows are then dropped,
    so the next run codes it afresh)."""
    from .duck import SENTENCE_COLUMNS, _REPORT_EXTRA, _json, coder_id, insert_rows

    cid = coder_id(coder) if coder else None
    with store._transaction() as con:
        row = _one(con, "SELECT chunks_done, owner, coder_id, source FROM staged_documents "
                        "WHERE doc_id=?", [doc_id])
        where = (row[3] if row else None) or doc_id
        if row is None:
            raise StoreError(f"{where}: its staged chunks are gone (published or dropped by "
                             "another run)")
        if row[1] != owner:
            raise StoreError(f"{where}: another run ({row[1]}) took over the coding of this "
                             "document")
        if int(row[0]) != chunk:
            raise StoreError(f"{where}: chunk {chunk + 1} arrived after {row[0]} staged chunks")
        mismatch = row[2] is not None and row[2] != cid
        if not mismatch:
            insert_rows(con, "sentences", SENTENCE_COLUMNS,
                        [[s.doc_id, s.index, s.text, s.start, s.end] for s in sentences])
            insert_rows(con, "reports", EVENT_COLUMNS + _REPORT_EXTRA,
                        [row_values(ev) + [cons.block_key(ev), cid] for ev in events])
            if cid:
                con.execute("INSERT INTO coders (coder_id, dyadwatch_version, fingerprint) "
                            "VALUES (?,?,?) ON CONFLICT DO NOTHING",
                            [cid, coder.get("dyadwatch"), _json(coder)])
            con.execute("UPDATE staged_documents SET chunks_done=chunks_done+1, "
                        "sentences_done=sentences_done+?, tokens_done=tokens_done+?, "
                        "coder_id=?, updated=current_timestamp WHERE doc_id=?",
                        [len(sentences), tokens, cid, doc_id])
    if mismatch:
        discard(store, doc_id)
        raise StoreError(f"{where}: its first {row[0]} chunks were staged by another version "
                         "of the coder; they were dropped, run again to code it afresh")


def publish(store: Store, result: Result, signature: list[int] | None, owner: str
            ) -> SaveOutcome:
    """Publish a fully staged document in one transaction: its ``staged_documents`` row
    goes, its ``documents`` row (``result.document``; its lists are not read: the
    sentences and reports are in the store already, the coder was recorded with the
    chunks) comes, and the canonical events its reports touch are derived, one segment
    at a time, in memory bounded whatever the document's size
    (``stream.publish_blocks``).  Nothing of it is visible before the commit, all of it
    after.  Returns the ``SaveOutcome`` (``StoreError``
    when it is not this owner's or not fully staged)."""
    doc_id = result.document.doc_id
    body = result.document.body
    parts = _write_parts(store, doc_id, owner, body) if len(body) > BODY_PART_CHARS else 0
    # a body in parts is stored as NULL (``Store`` joins the parts when it reads it)
    document = (dataclasses.replace(result.document, body=None)  # type: ignore[arg-type]
                if parts else result.document)
    head = Result(document=document, events=[], sentences=[], coder=result.coder)
    with store._transaction() as con:
        row = _one(con, "SELECT chunks, chunks_done, owner, source, in_place "
                        "FROM staged_documents WHERE doc_id=?", [doc_id])
        where = (row[3] if row else None) or doc_id
        if row is None or row[2] != owner or row[0] != row[1] or not row[4]:
            raise StoreError(f"{where}: cannot publish: "
                             + ("nothing staged" if row is None else
                                f"owned by run {row[2]}" if row[2] != owner else
                                "staged by an older dyadwatch" if not row[4] else
                                f"{row[1]} of {row[0]} chunks staged"))
        if _one(con, "SELECT 1 FROM documents WHERE doc_id=?", [doc_id]):
            raise StoreError(f"{where}: cannot publish: document {doc_id} is both stored and "
                             "staged (please report)")
        # the parts are counted and their numbers checked, never read: reading their
        # text (even its length) made DuckDB load the whole body, +38 MB for 33 MB
        written = _one(con, "SELECT count(*), coalesce(min(part), 0), coalesce(max(part), -1) "
                            "FROM document_parts WHERE doc_id=?", [doc_id])
        if tuple(written) != ((parts, 0, parts - 1) if parts else (0, 0, -1)):
            raise StoreError(f"{where}: cannot publish: {written[0]} parts of its body are "
                             f"written, {parts} expected (another run wrote them meanwhile?)")
        # from here on the document's rows are visible inside this transaction (the
        # consolidation reads them through the published_* views), outside at commit
        con.execute("DELETE FROM staged_documents WHERE doc_id=?", [doc_id])
        (out,) = store._save_batch(con, [(head, signature)])
        out.sentences = _count(con, "sentences", doc_id)
        out.reports = _count(con, "reports", doc_id)
        # the events of the segments its reports fall in, in bounded memory: pages of
        # reports in consolidation order, clusters as running tallies (``stream``)
        out.events_new, out.events_merged = stream.publish_blocks(store, con, doc_id)
    return out


def _write_parts(store: Store, doc_id: str, owner: str, body: str) -> int:
    """Write a long body into ``document_parts``, ``BODY_PART_CHARS`` characters a
    transaction (the first drops the parts a stopped publish left); returns the count.
    The parts stay unread until the publish transaction adds the document's row."""
    n = 0
    for n, start in enumerate(range(0, len(body), BODY_PART_CHARS)):
        with store._transaction() as con:
            row = _one(con, "SELECT owner FROM staged_documents WHERE doc_id=?", [doc_id])
            if row is None or row[0] != owner:
                raise StoreError(f"{doc_id}: cannot publish: "
                                 + ("nothing staged" if row is None else f"owned by run {row[0]}"))
            if n == 0:
                con.execute("DELETE FROM document_parts WHERE doc_id=?", [doc_id])
            con.execute("INSERT INTO document_parts (doc_id, part, text) VALUES (?,?,?)",
                        [doc_id, n, body[start:start + BODY_PART_CHARS]])
    return n + 1


def discard(store: Store, doc_id: str) -> None:
    """Drop what is staged of a document, its hidden sentences and reports with it (a
    published document keeps its rows)."""
    with store._transaction() as con:
        _drop(con, doc_id)


def staged(store: Store) -> list[dict[str, Any]]:
    """The documents being coded in chunks, or left half-coded by a run that stopped:
    ``doc_id``, ``source``, ``chunks``, ``chunks_done``, ``owner`` (run id),
    ``started``, ``updated``.  The next run of the same input resumes them."""
    with store._use() as con:
        if not _one(con, "SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'staged_documents'", [])[0]:
            return []  # a store made before staging, opened read-only
        cur = con.execute("SELECT doc_id, source, chunks, chunks_done, owner, started, updated "
                          "FROM staged_documents ORDER BY started")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


def _one(con: Any, sql: str, params: list[Any]) -> Any:
    """The first row of a query, its result read to the end (DuckDB refuses other work
    on a connection while a result is unfinished)."""
    rows = con.execute(sql, params).fetchall()
    return rows[0] if rows else None


def _count(con: Any, table: str, doc_id: str) -> int:
    return int(_one(con, f"SELECT count(*) FROM {table} WHERE doc_id=?", [doc_id])[0])


def _drop_rows(con: Any, doc_id: str) -> None:
    """Delete the rows of a document that is not published: its hidden sentences and
    reports, and what an older dyadwatch staged of it."""
    if _one(con, "SELECT 1 FROM documents WHERE doc_id=?", [doc_id]):
        raise StoreError(f"document {doc_id} is stored; its rows are not dropped "
                         "(please report)")
    for table in ("sentences", "reports", "document_parts", "staged_sentences",
                  "staged_reports"):
        con.execute(f"DELETE FROM {table} WHERE doc_id=?", [doc_id])


def _drop(con: Any, doc_id: str) -> None:
    """Drop a document's staging: its ``staged_documents`` row and, unless it is
    published, its rows (``_drop_rows``)."""
    if _one(con, "SELECT 1 FROM documents WHERE doc_id=?", [doc_id]):
        for table in ("staged_sentences", "staged_reports"):
            con.execute(f"DELETE FROM {table} WHERE doc_id=?", [doc_id])
    else:
        _drop_rows(con, doc_id)
    con.execute("DELETE FROM staged_documents WHERE doc_id=?", [doc_id])
