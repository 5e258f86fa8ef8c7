"""A document too long to hold coded: staged in the store chunk by chunk, published at once.

A body longer than ``Settings.chunk_chars`` is coded chunk by chunk (``jobs.run``).
Holding every chunk's events until the document ends made memory grow with the
document (about 4 MB per 100,000-character chunk of dense news).  Instead, each
chunk's sentences and reports are written, as soon as the chunk is coded, to the
``staged_*`` tables, in one transaction with the document's progress
(``staged_documents.chunks_done`` and the sentence and token counts so far).  After
the last chunk, ``publish`` moves the whole document into ``documents``, ``sentences``
and ``reports`` and derives its canonical events, in one transaction.

What this guarantees:

* readers (``EventQuery``, ``Store.documents``...) never see a half-coded document:
  they read only the published tables;
* a ``kill -9`` leaves the staged chunks of the last committed chunk, never a part of
  one; a later run of the same input resumes after them (same body, chunk size and
  chunk count; the same coder is checked at the next chunk) or, if anything differs,
  drops them and starts the document again;
* no report is staged or published twice: a chunk is accepted only as the next one
  (``chunks_done``) and only from the run that owns the document (``owner``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Event, Result, Sentence
from . import consolidate as cons
from .rows import EVENT_COLUMN_NAMES, EVENT_COLUMNS, row_values

if TYPE_CHECKING:
    from .duck import SaveOutcome, Store

_TABLES = ("staged_sentences", "staged_reports", "staged_documents")


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
                        "sentences_done, tokens_done FROM staged_documents WHERE doc_id=?",
                   [doc_id])
        if row is not None and tuple(row[:3]) == (content_hash, chunk_chars, chunks):
            con.execute("UPDATE staged_documents SET owner=?, source=?, "
                        "updated=current_timestamp WHERE doc_id=?", [owner, source, doc_id])
            return int(row[3]), int(row[4]), int(row[5])
        for table in _TABLES[:2]:
            con.execute(f"DELETE FROM {table} WHERE doc_id=?", [doc_id])
        if row is not None:  # another body or chunking: start again (update, not re-insert)
            con.execute("UPDATE staged_documents SET content_hash=?, source=?, chunk_chars=?, "
                        "chunks=?, chunks_done=0, sentences_done=0, tokens_done=0, "
                        "coder_id=NULL, owner=?, started=current_timestamp, "
                        "updated=current_timestamp WHERE doc_id=?",
                        [content_hash, source, chunk_chars, chunks, owner, doc_id])
        else:
            con.execute("INSERT INTO staged_documents (doc_id, content_hash, source, "
                        "chunk_chars, chunks, chunks_done, sentences_done, tokens_done, owner) "
                        "VALUES (?,?,?,?,?,0,0,0,?)",
                        [doc_id, content_hash, source, chunk_chars, chunks, owner])
        return 0, 0, 0


def add_chunk(store: Store, doc_id: str, owner: str, chunk: int,
              sentences: Sequence[Sentence], events: Sequence[Event],
              coder: dict[str, Any], tokens: int) -> None:
    """Stage chunk number ``chunk`` (0-based; already renumbered into the whole
    document) in one transaction.  Raises ``StoreError`` when it is not the next chunk
    of this owner's document, or when earlier chunks were coded by another coder (the
    staged chunks are then dropped, so the next run codes the document afresh)."""
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
            insert_rows(con, "staged_sentences", SENTENCE_COLUMNS,
                        [[s.doc_id, s.index, s.text, s.start, s.end] for s in sentences])
            insert_rows(con, "staged_reports", EVENT_COLUMNS + _REPORT_EXTRA,
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
    """Move a fully staged document into the store in one transaction: the document
    row (``result.document``; its lists are not read: the coder was recorded with the
    chunks), its
    sentences and reports from the staged tables, and the canonical events they touch
    (re-derived block by block, so only one block's reports are in memory at a time).
    Returns the ``SaveOutcome`` (``stored`` False when the document was stored
    meanwhile)."""
    doc_id = result.document.doc_id
    head = Result(document=result.document, events=[], sentences=[], coder=result.coder)
    with store._transaction() as con:
        row = _one(con, "SELECT chunks, chunks_done, owner, source FROM staged_documents "
                        "WHERE doc_id=?", [doc_id])
        where = (row[3] if row else None) or doc_id
        if row is None or row[2] != owner or row[0] != row[1]:
            raise StoreError(f"{where}: cannot publish: "
                             + ("nothing staged" if row is None else
                                f"owned by run {row[2]}" if row[2] != owner else
                                f"{row[1]} of {row[0]} chunks staged"))
        (out,) = store._save_batch(con, [(head, signature)])
        if out.stored:
            con.execute("INSERT INTO sentences (doc_id, idx, text, start_char, end_char) "
                        "SELECT doc_id, idx, text, start_char, end_char FROM staged_sentences "
                        "WHERE doc_id=? ORDER BY idx", [doc_id])
            cols = ", ".join(EVENT_COLUMN_NAMES + ["block", "coder_id"])
            con.execute(f"INSERT INTO reports ({cols}) SELECT {cols} FROM staged_reports "
                        "WHERE doc_id=? ORDER BY sentence_index, event_id", [doc_id])
            out.sentences = _count(con, "staged_sentences", doc_id)
            out.reports = _count(con, "staged_reports", doc_id)
            blocks = [r[0] for r in con.execute(
                "SELECT DISTINCT block FROM staged_reports WHERE doc_id=? ORDER BY block",
                [doc_id]).fetchall()]
            for block in blocks:
                # narrow reports (no sentence, no evidence): what consolidation compares
                new = store._load_reports(con, "WHERE doc_id=? AND block=?", [doc_id, block],
                                          narrow=True)
                created, merged = store._reconsolidate(con, new, narrow_new=True)
                out.events_new += sum(created.values())
                out.events_merged += sum(merged.values())
                del new
        _drop(con, doc_id)
    return out


def discard(store: Store, doc_id: str) -> None:
    """Drop what is staged of a document (nothing of it is published)."""
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


def _drop(con: Any, doc_id: str) -> None:
    for table in _TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id=?", [doc_id])
