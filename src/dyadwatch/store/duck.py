"""The embedded DuckDB store: documents, coded reports, canonical events.

What is kept, and how it changes:

* Every distinct document (by ``doc_id``) is stored once with its sentences
  and the event reports coded from it.  Reports are never edited.  A
  document already stored (same id, or the same file or URL) adds nothing;
  an exact or near copy under another id is coded and stored too -- it is
  another outlet reporting the same events, and counts as one more source of
  them -- and ``document_sources`` links it to the copy it repeats.
* Canonical events are derived from the reports by ``consolidate.py`` inside
  the transaction that stores the reports, for the blocks those reports
  touch; the result equals a consolidation of all reports from scratch
  (``Store.reconsolidate`` does that), whatever the order of ingest.
* A batch of documents is written in one short transaction; a failure rolls
  that batch back and each document is retried alone, so one bad document
  never takes others with it and nothing stored is ever lost.

Process model (see ``lock.py`` and docs/architecture.md): a store is opened
only while it is used.  Writers (``run``, ``watch``) take it exclusively for
each batch; readers (``events``, ``status``, ``serve``) take it shared.  With
``linger`` > 0 a store keeps its connection between uses and closes it as soon
as another process waits for it.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

import duckdb

from ..errors import QueryError, StoreBusy, StoreError
from ..model import Document, Event, Rejection, Result
from . import consolidate as cons
from .lock import StoreLock
from .query import EventQuery
from .rows import (COUNTRY_FROM_KEY, EVENT_COLUMN_NAMES, EVENT_COLUMNS, row_to_event,
                   row_values)
from .schema import DDL, SCHEMA_VERSION

DEFAULT_DB = "dyadwatch.duckdb"
#: how long a store waits for another process before ``StoreBusy`` (seconds)
DEFAULT_TIMEOUT = 60.0
#: how far around new reports the consolidation first looks (days)
_WINDOW_PAD = 8


@dataclass
class SaveOutcome:
    """What saving one result did."""

    stored: bool  # False: this document was stored before; nothing written
    sentences: int = 0
    reports: int = 0
    events_new: int = 0  # canonical events that did not exist before
    events_merged: int = 0  # reports that joined an event other documents report too
    duplicate_of: str | None = None  # the stored twin this document copies, if any
    duplicate_kind: str | None = None  # exact-duplicate | near-duplicate
    error: str | None = None  # set by save_many when this document could not be stored
    doc_id: str | None = None


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, default=str, sort_keys=True)


def coder_id(fingerprint: dict[str, Any]) -> str:
    """A short, stable id for what coded a report."""
    return "c" + sha256(_json(fingerprint).encode("utf-8")).hexdigest()[:12]


class Store:
    """A dyadwatch DuckDB file (or ``":memory:"``).

    ``read_only`` stores never write and take the file shared.  ``timeout`` is
    how long to wait for another process holding the file.  ``linger`` keeps
    the connection open that many seconds after a use, unless another process
    waits for the file (0: close after each use; use > 0 for servers and long
    runs).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, linger: float = 0.0) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.timeout = timeout
        self.linger = linger
        self.memory = self.path == ":memory:"
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock: StoreLock | None = None
        self._cond = threading.Condition()
        self._active = 0
        self._last_use = 0.0
        self._write_mutex = threading.Lock()
        self._watcher: threading.Thread | None = None
        self._closed = False
        self._near_index: Any = None
        self._near_seq = -1
        self._schema_ok = False
        self._views = True  # the published_* views exist (see _src)
        if read_only and not self.memory and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `dyadwatch run PATH --db "
                             f"{self.path}` first")
        with self._use():  # open once: create or migrate the schema, check the version
            pass

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            self._disconnect(force=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> None:
        """Open the DuckDB file (the condition is held)."""
        if self.memory:
            self._con = duckdb.connect(":memory:")
        else:
            self._open_file()
        assert self._con is not None
        try:
            if not self._schema_ok:
                if not self.read_only:
                    self._init_schema(self._con)
                self._check_version(self._con)
                self._views = bool(self._con.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_name = 'published_reports'").fetchone()[0])  # type: ignore[index]
                self._schema_ok = True
        except Exception:
            self._disconnect(force=True)
            raise
        if self.linger > 0 and not self.memory and self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, daemon=True,
                                             name=f"dyadwatch-store-{Path(self.path).name}")
            self._watcher.start()

    def _open_file(self) -> None:
        if self._lock is None:
            self._lock = StoreLock(self.path)
        if self.read_only:
            self._lock.acquire_shared(self.timeout)
        else:
            self._lock.acquire_exclusive(
                self.timeout, note=f"pid {os.getpid()} ({' '.join(sys.argv[:2])[:80]}) at "
                                   f"{datetime.now():%Y-%m-%d %H:%M:%S}")
        deadline = time.monotonic() + self.timeout
        pause = 0.01
        while True:
            try:
                self._con = duckdb.connect(self.path, read_only=self.read_only)
                return
            except duckdb.IOException as exc:
                # a process outside dyadwatch's lock files (the duckdb shell...) holds it
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    self._lock.release()
                    raise StoreBusy(f"cannot open store {self.path}: {exc}") from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
            except duckdb.Error as exc:
                self._lock.release()
                raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def _disconnect(self, force: bool = False) -> None:
        """Close the connection and release the file (an in-memory store only on close)."""
        if self._con is None or (self.memory and not force):
            return
        try:
            self._con.close()
        finally:
            self._con = None
            if self._lock is not None:
                self._lock.release()

    def _watch(self) -> None:
        """Close a lingering connection when it idles or another process waits."""
        while True:
            with self._cond:
                if self._closed:
                    return
                if self._con is not None and self._active == 0 and self._lock is not None:
                    idle = time.monotonic() - self._last_use
                    if idle >= self.linger or self._lock.others_waiting():
                        self._disconnect()
                self._cond.wait(0.05)

    @contextmanager
    def _use(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the open store (opened if needed) for one operation."""
        with self._cond:
            if self._closed:
                raise StoreError(f"store {self.path} is closed")
            if self._con is None:
                self._connect()
            self._active += 1
            con = self._con
        assert con is not None
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._cond:
                self._active -= 1
                self._last_use = time.monotonic()
                if self._active == 0 and not self.memory and self.linger <= 0:
                    self._disconnect()
                self._cond.notify_all()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only")
        with self._write_mutex, self._use() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            else:
                con.execute("COMMIT")

    def _src(self, name: str) -> str:
        """The table or view to read ``name`` from: a ``published_*`` view is read from
        its table in a store made before the views, opened read-only (such a store has
        no hidden rows: its long documents were staged in other tables)."""
        if not self._views and name.startswith("published_"):
            return name[len("published_"):]
        return name

    @contextmanager
    def session(self) -> Iterator[Store]:
        """Keep the store open across several calls (released when the block ends)."""
        with self._use():
            yield self

    # -- schema ------------------------------------------------------------
    def _init_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        from .migrate import migrate

        try:
            has_meta = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name='meta'"
            ).fetchone()[0]  # type: ignore[index]
            version = None
            if has_meta:
                row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                version = int(row[0]) if row else None
            if version is not None and version > SCHEMA_VERSION:
                return  # _check_version says what to do
            if version is not None and version < SCHEMA_VERSION:
                migrate(con, version, self.path)
            for stmt in DDL:
                con.execute(stmt)
            if version is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)",
                            [str(SCHEMA_VERSION)])
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a usable dyadwatch store: {exc}") from exc

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a dyadwatch store (no meta table)") from exc
        if row is None:
            raise StoreError(f"{self.path} is not a dyadwatch store (no schema version)")
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {row[0]}; this dyadwatch "
                             f"understands up to {SCHEMA_VERSION}: upgrade dyadwatch")
        if int(row[0]) < SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {row[0]}; open it once for "
                             "writing (e.g. `dyadwatch run` or `dyadwatch reconsolidate`) "
                             "to migrate it")

    # -- documents ---------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self._use() as con:
            return con.execute("SELECT 1 FROM documents WHERE doc_id=?",
                               [doc_id]).fetchone() is not None

    def find_exact(self, content_hash: str) -> str | None:
        """The stored document with this body, if any (the earliest stored)."""
        with self._use() as con:
            row = con.execute("SELECT doc_id FROM documents WHERE content_hash=? "
                              "ORDER BY seq LIMIT 1", [content_hash]).fetchone()
        return row[0] if row else None

    def is_known_source(self, document: Document) -> bool:
        """True when this document, file or URL was already stored."""
        keys = [k for k in (document.source_path, document.url) if k]
        with self._use() as con:
            if con.execute("SELECT 1 FROM documents WHERE doc_id=?",
                           [document.doc_id]).fetchone():
                return True
            if not keys:
                return False
            return con.execute(
                "SELECT 1 FROM document_sources WHERE list_contains(?, source_path) "
                "OR list_contains(?, url) LIMIT 1", [keys, keys]).fetchone() is not None

    def _index(self, con: duckdb.DuckDBPyConnection) -> Any:
        """The near-duplicate index of stored documents, brought up to date."""
        from ..dedup import _SCHEME, NearDuplicateIndex

        if self._near_index is None:
            self._near_index = NearDuplicateIndex()
            self._near_seq = -1
        idx = self._near_index
        scheme = f"{_SCHEME}/shingle={idx.shingle}/perm={idx.num_perm}/seed={idx.seed}"
        row = con.execute("SELECT value FROM meta WHERE key='minhash_scheme'").fetchone()
        if (row is None or row[0] != scheme) and not self.read_only:
            for doc_id, body in con.execute("SELECT doc_id, body FROM documents").fetchall():
                if body is None:  # a long body, stored in parts
                    body = _body_parts(con, [doc_id]).get(doc_id)
                con.execute("UPDATE documents SET minhash=? WHERE doc_id=?",
                            [idx.signature(body or ""), doc_id])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('minhash_scheme', ?)", [scheme])
        for doc_id, sig, seq in con.execute(
                "SELECT doc_id, minhash, seq FROM documents WHERE seq > ? AND minhash IS NOT "
                "NULL ORDER BY seq", [self._near_seq]).fetchall():
            if doc_id not in idx:
                idx.add(doc_id, list(sig))
            self._near_seq = max(self._near_seq, seq)
        return idx

    def find_near(self, document: Document) -> tuple[str | None, list[int], float | None]:
        """(a stored near-duplicate's doc_id or None, the document's signature, similarity)."""
        with self._use() as con:
            idx = self._index(con)
        sig = idx.signature(document)
        near = idx.find(sig)
        stored = idx.stored(near) if near else None
        sim = idx.similarity(sig, stored) if stored else None
        return near, sig, sim

    # -- writing -------------------------------------------------------------
    def save(self, result: Result, signature: list[int] | None = None) -> SaveOutcome:
        """Store one coded document; see ``save_many``.  Raises ``StoreError`` on failure."""
        (out,) = self.save_many([(result, signature)])
        if out.error:
            raise StoreError(out.error)
        return out

    def save_many(self, items: Sequence[tuple[Result, list[int] | None]]) -> list[SaveOutcome]:
        """Store coded documents in one transaction and re-derive the events they touch.

        If the batch fails, it is rolled back and each document is stored alone;
        a document that still fails gets ``SaveOutcome.error`` and nothing of it
        is stored.  Documents already stored are skipped (``stored`` False).
        """
        if not items:
            return []
        try:
            with self._transaction() as con:
                return self._save_batch(con, items)
        except (duckdb.Error, StoreError) as exc:
            if len(items) == 1:
                doc = items[0][0].document
                return [SaveOutcome(False, doc_id=doc.doc_id,
                                    error=f"could not store document {doc.doc_id} "
                                          f"({doc.source_path or doc.url or 'no path'}): {exc}")]
        return [self.save_many([item])[0] for item in items]

    def _save_batch(self, con: duckdb.DuckDBPyConnection,
                    items: Sequence[tuple[Result, list[int] | None]]) -> list[SaveOutcome]:
        """Insert documents, sentences and reports in bulk, then re-derive the events."""
        docs = [r.document for r, _ in items]
        from . import staging

        # a document left half-coded in chunks by a stopped run, now coded whole (a
        # larger --chunk-chars): its hidden rows and staging go first
        for (doc_id,) in con.execute(
                "SELECT doc_id FROM staged_documents WHERE list_contains(?, doc_id)",
                [[d.doc_id for d in docs]]).fetchall():
            staging._drop(con, doc_id)
        known = {r[0] for r in con.execute(
            "SELECT doc_id FROM documents WHERE list_contains(?, doc_id)",
            [[d.doc_id for d in docs]]).fetchall()}
        by_hash = dict(con.execute(
            "SELECT content_hash, arg_min(doc_id, seq) FROM documents "
            "WHERE list_contains(?, content_hash) GROUP BY content_hash",
            [[d.content_hash for d in docs]]).fetchall())
        idx = self._index(con) if any(sig is not None for _, sig in items) else None
        outcomes: list[SaveOutcome] = []
        doc_rows, source_rows, sentence_rows, stored = [], [], [], []
        coders: dict[str, dict[str, str]] = {}
        for result, signature in items:
            doc = result.document
            if doc.doc_id in known:
                outcomes.append(SaveOutcome(stored=False, doc_id=doc.doc_id))
                continue
            known.add(doc.doc_id)
            twin_kind, twin, similarity = None, by_hash.get(doc.content_hash), None
            if twin is not None:
                twin_kind, similarity = "exact-duplicate", 1.0
            elif idx is not None and signature is not None:
                twin = idx.find(signature)
                if twin is not None:
                    twin_kind = "near-duplicate"
                    twin_sig = idx.stored(twin)
                    similarity = idx.similarity(signature, twin_sig) if twin_sig else None
            by_hash.setdefault(doc.content_hash, doc.doc_id)
            if idx is not None and signature is not None:
                idx.add(doc.doc_id, signature)
            doc_rows.append([doc.doc_id, doc.content_hash, doc.url, doc.outlet, doc.title,
                             list(doc.authors), doc.published, doc.published_from,
                             doc.language, doc.body, doc.source_path, _json(doc.meta),
                             [int(v) for v in signature] if signature is not None else None])
            source_rows.append([doc.doc_id, doc.doc_id, "original", doc.url, doc.outlet,
                                doc.published, doc.source_path, 1.0])
            if twin is not None:
                source_rows.append([twin, doc.doc_id, twin_kind, doc.url, doc.outlet,
                                    doc.published, doc.source_path, similarity])
            sentence_rows += [[s.doc_id, s.index, s.text, s.start, s.end]
                              for s in result.sentences]
            cid = coder_id(result.coder) if result.coder else None
            if cid:
                coders[cid] = result.coder
            stored.append((result, cid))
            outcomes.append(SaveOutcome(True, len(result.sentences), len(result.events),
                                        duplicate_of=twin, duplicate_kind=twin_kind,
                                        doc_id=doc.doc_id))
        insert_rows(con, "documents", DOCUMENT_COLUMNS, doc_rows)
        insert_rows(con, "document_sources", DOCUMENT_SOURCE_COLUMNS, source_rows)
        insert_rows(con, "sentences", SENTENCE_COLUMNS, sentence_rows)
        for cid, fingerprint in coders.items():
            con.execute("INSERT INTO coders (coder_id, dyadwatch_version, fingerprint) "
                        "VALUES (?,?,?) ON CONFLICT DO NOTHING",
                        [cid, fingerprint.get("dyadwatch"), _json(fingerprint)])
        insert_rows(con, "reports", EVENT_COLUMNS + _REPORT_EXTRA,
                    [row_values(ev) + [cons.block_key(ev), cid]
                     for result, cid in stored for ev in result.events])
        new, merged = self._reconsolidate(con, [e for r, _ in stored for e in r.events])
        for o in outcomes:
            if o.stored:
                o.events_new = new.get(o.doc_id or "", 0)
                o.events_merged = merged.get(o.doc_id or "", 0)
        return outcomes

    # -- consolidation -------------------------------------------------------
    def _load_reports(self, con: duckdb.DuckDBPyConnection, sql: str,
                      params: list[Any], narrow: bool = False,
                      known: dict[str, Event] | None = None) -> list[Event]:
        """The reports ``sql`` selects, read in batches.  ``narrow``: without their
        sentence and evidence (only where each actor's country came from is kept), which
        is all the consolidation compares; ``canonical`` copies them from one report per
        event, filled in afterwards (``_insert_canonical``).  A row whose id is in
        ``known`` gives that object (a report already loaded is not built twice)."""
        cols = _NARROW_SELECT if narrow else EVENT_COLUMN_NAMES
        cur = con.execute(f"SELECT {', '.join(cols)} FROM {self._src('published_reports')} "
                          f"{sql}", params)
        out: list[Event] = []
        # one object per distinct text or date (codes, names, dates, the document id...)
        # shared by the rows, rather than one per row: narrow reports are mostly such
        # values (only str and date: 1, 1.0 and True are equal keys of a dict)
        shared: dict[Any, Any] = {}
        while True:
            rows = cur.fetchmany(_FETCH_ROWS)
            if not rows:
                return out
            for r in rows:
                ev = known.get(r[0]) if known is not None else None
                if ev is None:
                    if narrow:
                        r = [shared.setdefault(v, v) if i and isinstance(v, (str, date))
                             else v for i, v in enumerate(r)]
                    ev = row_to_event(dict(zip(EVENT_COLUMN_NAMES, r)))
                out.append(ev)

    def _insert_canonical(self, con: duckdb.DuckDBPyConnection,
                          canon: Sequence[tuple[Event, Sequence[Event]]]) -> None:
        """Insert canonical events derived from narrow reports, a batch at a time, each
        with the sentence and evidence of its representative report (read from the
        store: those are the only fields ``canonical`` takes that narrow reports lack)."""
        for i in range(0, len(canon), _FETCH_ROWS):
            part = canon[i:i + _FETCH_ROWS]
            reps = [cons.representative(members).event_id for _, members in part]
            full = {r[0]: (r[1], _evidence(r[2])) for r in con.execute(
                "SELECT event_id, sentence, evidence FROM reports "
                "WHERE list_contains(?, event_id)", [reps]).fetchall()}
            insert_events(con, [(replace(ev, sentence=full[rid][0], evidence=full[rid][1]),
                                 members)
                                for (ev, members), rid in zip(part, reps)])
            del full

    def _segment_members(self, con: duckdb.DuckDBPyConnection, block: str,
                         new: Sequence[Event], narrow_new: bool = False
                         ) -> list[list[Event]]:
        """The segments of ``block`` holding ``new`` reports (already inserted), read
        narrow (``_load_reports``); ``narrow_new``: ``new`` were read narrow from the
        store too, and are reused instead of being built a second time."""
        from datetime import timedelta

        new_ids = {e.event_id for e in new}
        known = {e.event_id: e for e in new} if narrow_new else None
        out: list[list[Event]] = []
        dated = [e for e in new if e.date is not None]
        if dated:
            lo = min(cons.report_range(e).start for e in dated)  # type: ignore[type-var]
            hi = max(cons.report_range(e).end for e in dated)  # type: ignore[type-var]
            pad = _WINDOW_PAD
            while True:
                wlo, whi = lo - timedelta(days=pad), hi + timedelta(days=pad)
                loaded = self._load_reports(
                    con, "WHERE block = ? AND date IS NOT NULL AND coalesce(date_end, date) >= ?"
                         " AND date <= ?", [block, wlo, whi], narrow=True, known=known)
                relevant = [s for s in cons.segments(loaded)
                            if any(e.event_id in new_ids for e in s)]
                s_lo = min(cons.report_range(e).start for s in relevant for e in s)  # type: ignore
                s_hi = max(cons.report_range(e).end for s in relevant for e in s)  # type: ignore
                tol = timedelta(days=cons.DAY_TOLERANCE)
                if s_lo - tol > wlo and s_hi + tol < whi:
                    out.extend(relevant)
                    break
                lo, hi, pad = min(lo, s_lo), max(hi, s_hi), pad * 2
        undated_docs = sorted({e.doc_id for e in new if e.date is None})
        if undated_docs:
            loaded = self._load_reports(
                con, "WHERE block = ? AND date IS NULL AND list_contains(?, doc_id)",
                [block, undated_docs], narrow=True, known=known)
            out.extend(s for s in cons.segments(loaded) if any(e.event_id in new_ids for e in s))
        return out

    def _reconsolidate(self, con: duckdb.DuckDBPyConnection, new: Sequence[Event],
                       narrow_new: bool = False) -> tuple[dict[str, int], dict[str, int]]:
        """Re-derive the canonical events of the segments ``new`` reports fall in.

        Returns, per document of the new reports: the canonical events that did
        not exist before, and its reports that joined an event other documents
        report too."""
        if not new:
            return {}, {}
        by_block: dict[str, list[Event]] = {}
        for ev in new:
            by_block.setdefault(cons.block_key(ev), []).append(ev)
        groups: list[list[Event]] = []
        members: list[Event] = []
        for block in sorted(by_block):
            for seg in self._segment_members(con, block, by_block[block], narrow_new):
                members.extend(seg)
                groups.extend(cons.clusters(seg))
        ids = [e.event_id for e in members]
        old = {r[0] for r in con.execute(
            "SELECT DISTINCT event_id FROM event_reports WHERE list_contains(?, report_id)",
            [ids]).fetchall()}
        if old:
            con.execute("DELETE FROM events WHERE list_contains(?, event_id)", [sorted(old)])
            con.execute("DELETE FROM event_reports WHERE list_contains(?, report_id)", [ids])
        canon = [cons.canonical(g) for g in groups]
        self._insert_canonical(con, list(zip(canon, groups)))
        new_ids = {e.event_id for e in new}
        created: dict[str, int] = {}
        merged: dict[str, int] = {}
        for c, g in zip(canon, groups):
            fresh = [e for e in g if e.event_id in new_ids]
            if c.event_id not in old and fresh:
                first = min(fresh, key=cons.anchor_key).doc_id
                created[first] = created.get(first, 0) + 1
            docs = {e.doc_id for e in g}
            for e in fresh:
                if len(docs) > 1:
                    merged[e.doc_id] = merged.get(e.doc_id, 0) + 1
        return created, merged

    def reconsolidate(self) -> int:
        """Re-derive every canonical event from the stored reports (a full, pure
        consolidation: what incremental updates must equal).  Returns the count."""
        with self._transaction() as con:
            reports = self._load_reports(con, "", [], narrow=True)
            con.execute("DELETE FROM events")
            con.execute("DELETE FROM event_reports")
            canon = cons.consolidate_groups(reports)
            self._insert_canonical(con, canon)
        return len(canon)

    # -- Parquet import -------------------------------------------------------------
    def import_parquet(self, directory: str | Path, run_id: str | None = None
                       ) -> dict[str, Any]:
        """Load the Parquet tables of a distributed run (``dyadwatch spark run``; the
        layout is ``parquet.PARQUET_TABLES``) in one transaction.

        Every file is checked first: a file that is not Parquet or lacks a column raises
        ``InputError`` naming it, and nothing is stored.  Documents already stored (same
        ``doc_id``) are skipped with their sentences and reports.  Into a store without
        documents the canonical events are taken as the run derived them (the same pure
        consolidation); otherwise the new reports are consolidated here with the stored
        ones.  Returns the counts and which consolidation was used."""
        from . import parquet as pq

        files = pq.table_files(directory)
        run_id = run_id or "pq" + sha256(str(time.time_ns()).encode()).hexdigest()[:10]
        started = datetime.now()

        def src(table: str) -> str:
            return f"read_parquet({pq.sql_list(files[table])})"

        def copy(con: duckdb.DuckDBPyConnection, table: str, cols: Sequence[str],
                 where: str = "", order: str = "", verb: str = "INSERT") -> int:
            if not files[table]:
                return 0
            names = ", ".join(cols)
            row = con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM "
                              f"{src(table)} {where} {order}").fetchone()
            return int(row[0]) if row else 0

        new = "WHERE doc_id IN (SELECT doc_id FROM _import_docs)"
        try:
            with self._transaction() as con:
                for table, fs in files.items():
                    for f in fs:
                        pq.check_file(con, table, f)
                fresh = con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0  # type: ignore[index]
                con.execute("CREATE OR REPLACE TEMP TABLE _import_docs (doc_id VARCHAR)")
                if files["documents"]:
                    con.execute(f"INSERT INTO _import_docs SELECT doc_id FROM {src('documents')} "
                                "WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
                n_new = con.execute("SELECT count(*) FROM _import_docs").fetchone()[0]  # type: ignore[index]
                total = (con.execute(f"SELECT count(*) FROM {src('documents')}").fetchone()[0]  # type: ignore[index]
                         if files["documents"] else 0)
                copy(con, "documents", [c for c, _ in DOCUMENT_COLUMNS if c != "minhash"], new,
                     "ORDER BY seq")
                copy(con, "document_sources", [c for c, _ in DOCUMENT_SOURCE_COLUMNS],
                     "WHERE seen_doc_id IN (SELECT doc_id FROM _import_docs)",
                     verb="INSERT OR IGNORE")
                sentences = copy(con, "sentences", [c for c, _ in SENTENCE_COLUMNS], new)
                copy(con, "coders", ["coder_id", "dyadwatch_version", "fingerprint"],
                     verb="INSERT OR IGNORE")
                reports = copy(con, "reports", EVENT_COLUMN_NAMES + ["block", "coder_id"], new)
                if fresh:
                    events = copy(con, "events",
                                  EVENT_COLUMN_NAMES + [c for c, _ in _EVENT_EXTRA])
                    copy(con, "event_reports", [c for c, _ in _LINK_COLUMNS])
                else:
                    created, _merged = self._reconsolidate(
                        con, self._load_reports(con, new, [], narrow=True), narrow_new=True)
                    events = sum(created.values())
                rejections = (con.execute(
                    f"INSERT INTO rejections (run_id, location, stage, reason) SELECT ?, "
                    f"location, stage, reason FROM {src('rejections')}", [run_id]
                ).fetchone()[0] if files["rejections"] else 0)  # type: ignore[index]
                con.execute("DROP TABLE _import_docs")
                if n_new:  # signatures of the new documents are computed on next need
                    con.execute("DELETE FROM meta WHERE key = 'minhash_scheme'")
                    self._near_index = None
                con.execute("INSERT OR REPLACE INTO runs VALUES (?,?,?,?,?,?,?,?,?)",
                            [run_id, started, datetime.now(), f"parquet:{directory}", n_new,
                             0, sentences, events, rejections])
        except duckdb.Error as exc:
            raise StoreError(f"could not import {directory} into {self.path}: "
                             f"{str(exc).splitlines()[0]}") from exc
        return {"run_id": run_id, "documents": int(n_new), "known": int(total - n_new),
                "sentences": sentences, "reports": reports, "events": events,
                "rejections": int(rejections),
                "consolidation": "parquet" if fresh else "store"}

    # -- runs, rejections and notices -----------------------------------------
    def record_rejection(self, run_id: str, rejection: Rejection) -> None:
        with self._transaction() as con:
            con.execute("INSERT INTO rejections (run_id, location, stage, reason) "
                        "VALUES (?,?,?,?)",
                        [run_id, rejection.where, rejection.stage, rejection.reason])

    def record_notice(self, run_id: str, where: str, stage: str, kind: str,
                      message: str) -> None:
        """An input read with a warning (fallback encoding, truncation, cut record)."""
        with self._transaction() as con:
            con.execute("INSERT INTO notices (run_id, location, stage, kind, message) "
                        "VALUES (?,?,?,?,?)", [run_id, where, stage, kind, message])

    def record_run(self, run_id: str, started: Any, finished: Any, inputs: Iterable[str],
                   stats: dict[str, int]) -> None:
        with self._transaction() as con:
            con.execute("INSERT OR REPLACE INTO runs VALUES (?,?,?,?,?,?,?,?,?)",
                        [run_id, started, finished, " ".join(inputs),
                         stats.get("documents", 0), stats.get("duplicates", 0),
                         stats.get("sentences", 0), stats.get("events", 0),
                         stats.get("rejections", 0)])

    # -- reading -------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        with self._use() as con:
            for table in ("documents", "document_sources", "sentences", "reports", "events",
                          "rejections", "notices"):
                src = self._src(f"published_{table}" if table in ("sentences", "reports")
                                else table)
                row = con.execute(f"SELECT count(*) FROM {src}").fetchone()
                out[table] = int(row[0]) if row else 0
        return out

    def events(self, query: EventQuery | None = None, **filters: Any) -> list[Event]:
        """Events matching ``query`` (or keyword filters, see ``EventQuery``), as ``Event``s.

        Canonical events carry ``sources`` (documents) and ``reports`` (report ids)."""
        q = query if query is not None else EventQuery.build(**filters)
        where, params = q.where()
        page, page_params = q.page_sql()
        extra = ", sources" if q.canonical else ""
        with self._use() as con:
            cur = con.execute(
                f"SELECT {', '.join(EVENT_COLUMN_NAMES)}{extra} FROM {self._src(q.table)} {where} "
                f"{q.order_by()} {page}", params + page_params)
            cols = [c[0] for c in cur.description]
            rows = [dict(zip(cols, r)) for r in cur.fetchall()]
            events = [row_to_event(r) for r in rows]
            if q.canonical and events:
                by_event: dict[str, list[str]] = {}
                for eid, rid in con.execute(
                        "SELECT event_id, report_id FROM event_reports WHERE "
                        "list_contains(?, event_id) ORDER BY report_id",
                        [[e.event_id for e in events]]).fetchall():
                    by_event.setdefault(eid, []).append(rid)
                for ev, r in zip(events, rows):
                    ev.sources = list(r.get("sources") or [ev.doc_id])
                    ev.reports = by_event.get(ev.event_id, [])
            else:
                for ev in events:
                    ev.sources = [ev.doc_id]
        return events

    def events_table(self, query: EventQuery | None = None, columns: Sequence[str] | None = None,
                     **filters: Any) -> Any:
        """Events matching the query as a ``pyarrow.Table`` of flat columns
        (canonical events add ``n_reports``, ``n_sources`` and ``sources``).
        ``columns`` reads only those columns (names of ``EVENT_COLUMNS`` or the
        extras), in that order: analysis reads a few columns of many events."""
        q = query if query is not None else EventQuery.build(**filters)
        where, params = q.where()
        page, page_params = q.page_sql()
        extras = ["n_reports", "n_sources", "sources"] if q.canonical else ["coder_id"]
        names = EVENT_COLUMN_NAMES + extras
        if columns is not None:
            unknown = [c for c in columns if c not in names]
            if unknown or not columns:
                raise QueryError("columns", f"{unknown[0] if unknown else 'nothing'!r} is not a "
                                            f"column; choose from {', '.join(names)}")
            names = list(columns)
        with self._use() as con:
            return con.sql(
                f"SELECT {', '.join(names)} FROM {self._src(q.table)} {where} "
                f"{q.order_by()} {page}", params=params + page_params).to_arrow_table()

    def count(self, query: EventQuery | None = None, **filters: Any) -> int:
        q = query if query is not None else EventQuery.build(**filters)
        where, params = q.where()
        with self._use() as con:
            row = con.execute(f"SELECT count(*) FROM {self._src(q.table)} {where}",
                              params).fetchone()
        return int(row[0]) if row else 0

    def longest_date_span(self) -> int:
        """The most days any stored event or report's date interval spans (``date_end -
        date``; 0 when every date is a single day).  ``EventQuery.date_floor`` uses it."""
        with self._use() as con:
            row = con.execute(
                "SELECT max(d) FROM (SELECT max(date_diff('day', date, date_end)) AS d FROM "
                "events WHERE date_end IS NOT NULL UNION ALL SELECT max(date_diff('day', date, "
                f"date_end)) FROM {self._src('published_reports')} WHERE date_end IS NOT NULL)"
            ).fetchone()
        return max(0, int(row[0])) if row and row[0] is not None else 0

    def event(self, event_id: str) -> Event | None:
        """One canonical event, or one report, by id (None when unknown)."""
        for canonical in (True, False):
            found = self.events(EventQuery(event_ids=(event_id,), factual=None,
                                           canonical=canonical))
            if found:
                return found[0]
        return None

    def reports_of(self, event_id: str) -> list[Event]:
        """The coded reports behind a canonical event, in report-id order."""
        with self._use() as con:
            ids = [r[0] for r in con.execute(
                "SELECT report_id FROM event_reports WHERE event_id=? ORDER BY report_id",
                [event_id]).fetchall()]
        if not ids:
            return []
        return self.events(EventQuery(event_ids=tuple(ids), factual=None, canonical=False,
                                      sort="id"))

    def aggregate(self, query: EventQuery, freq: str = "D", distinct_sources: bool = True) -> Any:
        """Per-period totals of the events matching ``query`` (its page is ignored):
        ``period`` (first day of the day, ISO week or month), ``events``, ``q1``..``q4``
        (events per QuadClass), ``goldstein_sum`` and ``sources``: the distinct
        documents reporting the period's events, or with ``distinct_sources=False``
        (several times faster on busy dyads) the sum over events of the documents
        reporting each.  Undated events are left out.  A ``pyarrow.Table`` by period."""
        unit = {"D": "day", "W": "week", "M": "month"}.get(freq)
        if unit is None:
            raise QueryError("freq", f"{freq!r} is not a frequency; choose D, W or M")
        q = query.page(None, 0)
        where, params = q.where()
        cond = (where + " AND " if where else "WHERE ") + "date IS NOT NULL"
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {i}) AS q{i}" for i in (1, 2, 3, 4))
        period = f"CAST(date_trunc('{unit}', date) AS DATE) AS period"
        if not distinct_sources:
            n_src = "n_sources" if q.canonical else "1"
            sql = f"""SELECT {period}, count(*) AS events, {quads},
                             coalesce(sum(goldstein), 0) AS goldstein_sum,
                             CAST(sum({n_src}) AS BIGINT) AS sources
                      FROM {self._src(q.table)} {cond} GROUP BY period ORDER BY period"""
        else:
            docs = "sources" if q.canonical else "[doc_id]"
            sql = f"""WITH e AS (SELECT {period}, quad_class, goldstein, {docs} AS docs
                                 FROM {self._src(q.table)} {cond}),
                           c AS (SELECT period, count(*) AS events, {quads},
                                        coalesce(sum(goldstein), 0) AS goldstein_sum
                                 FROM e GROUP BY period),
                           s AS (SELECT period, count(DISTINCT doc) AS sources
                                 FROM (SELECT period, unnest(docs) AS doc FROM e) GROUP BY period)
                      SELECT c.*, coalesce(s.sources, 0) AS sources
                      FROM c LEFT JOIN s USING (period) ORDER BY period"""
        with self._use() as con:
            return con.sql(sql, params=params).to_arrow_table()

    def dyads(self, query: EventQuery | None = None) -> Any:
        """One row per undirected dyad of the matching events (its page is ignored):
        ``dyad``, ``events``, ``goldstein_sum``, ``q1``..``q4``, ``first``, ``last``,
        ``sources`` (sum of sources per event) and ``directed`` (a map "IRN>PAK" -> count);
        most events first.  Returns a ``pyarrow.Table``."""
        q = (query or EventQuery()).page(None, 0)
        where, params = q.where()
        cond = (where + " AND " if where else "WHERE ") + "dyad IS NOT NULL"
        n_src = "n_sources" if q.canonical else "1"
        with self._use() as con:
            return con.sql(
                f"""SELECT dyad, count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein_sum,
                    {', '.join(f'count(*) FILTER (WHERE quad_class = {i}) AS q{i}'
                               for i in (1, 2, 3, 4))},
                    min(date) AS first, max(coalesce(date_end, date)) AS last,
                    sum({n_src}) AS sources,
                    histogram(source_country || '>' || dyad_target) AS directed
                    FROM {self._src(q.table)} {cond} GROUP BY dyad ORDER BY events DESC, dyad""",
                params=params).to_arrow_table()

    def document(self, doc_id: str) -> Document | None:
        with self._use() as con:
            cur = con.execute("SELECT * FROM documents WHERE doc_id=?", [doc_id])
            row = cur.fetchone()
            if row is None:
                return None
            d = dict(zip([c[0] for c in cur.description], row))
            if d.get("body") is None:  # a long body, stored in parts
                d["body"] = _body_parts(con, [doc_id]).get(doc_id, "")
        d["meta"] = json.loads(d["meta"]) if d.get("meta") else {}
        d["published"] = d["published"].isoformat() if d.get("published") else None
        return Document.from_dict(d)

    def documents_by_id(self, doc_ids: Iterable[str], body: bool = False
                        ) -> dict[str, Document]:
        """Several stored documents in one query, by id (bodies left empty unless ``body``);
        unknown ids are absent from the result."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        cols = ("doc_id, content_hash, url, outlet, title, authors, published, published_from, "
                "language, source_path, meta" + (", body" if body else ""))
        with self._use() as con:
            cur = con.execute(f"SELECT {cols} FROM documents WHERE list_contains(?, doc_id)",
                              [ids])
            names = [c[0] for c in cur.description]
            rows = [dict(zip(names, r)) for r in cur.fetchall()]
            parts = (_body_parts(con, [d["doc_id"] for d in rows if d["body"] is None])
                     if body else {})
        out = {}
        for d in rows:
            d["meta"] = json.loads(d["meta"]) if d.get("meta") else {}
            d["published"] = d["published"].isoformat() if d.get("published") else None
            if body and d["body"] is None:  # a long body, stored in parts
                d["body"] = parts.get(d["doc_id"], "")
            d.setdefault("body", "")
            out[d["doc_id"]] = Document.from_dict(d)
        return out

    def copies_of(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """For each of ``doc_ids`` that copies a stored document: its ``document_sources``
        row (``seen_doc_id`` is the document it repeats, ``kind`` exact- or near-duplicate)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        with self._use() as con:
            cur = con.execute("SELECT * FROM document_sources WHERE list_contains(?, doc_id) "
                              "AND kind <> 'original' ORDER BY doc_id, kind, seen_doc_id", [ids])
            names = [c[0] for c in cur.description]
            out: dict[str, dict[str, Any]] = {}
            for r in cur.fetchall():
                row = dict(zip(names, r))
                out.setdefault(row["doc_id"], row)
        return out

    def documents(self, limit: int = 100, offset: int = 0, search: str | None = None) -> Any:
        """Stored documents (no bodies) newest first, as a ``pyarrow.Table``."""
        where, params = "", []
        if search:
            where, params = "WHERE contains(lower(coalesce(title, '')), lower(?))", [search]
        with self._use() as con:
            return con.sql(
                f"""SELECT doc_id, title, url, outlet, published, published_from, language,
                           source_path, ingested_at,
                           (SELECT count(*) FROM reports r WHERE r.doc_id = d.doc_id) AS reports
                    FROM documents d {where} ORDER BY seq DESC LIMIT ? OFFSET ?""",
                params=params + [limit, offset]).to_arrow_table()

    def document_info(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """``doc_id`` -> its ``url``, ``outlet``, ``title``, ``published`` and ``language``
        (no bodies), for the ids that are stored; the exports read this."""
        ids = sorted({str(d) for d in doc_ids})
        if not ids:
            return {}
        with self._use() as con:
            cur = con.execute("SELECT doc_id, url, outlet, title, published, language "
                              "FROM documents WHERE list_contains(?, doc_id)", [ids])
            cols = [c[0] for c in cur.description]
            return {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}

    def document_sources(self, doc_id: str) -> list[dict[str, Any]]:
        """Where a document was seen: itself and its exact or near copies."""
        with self._use() as con:
            cur = con.execute("SELECT * FROM document_sources WHERE doc_id=? OR seen_doc_id=? "
                              "ORDER BY kind, seen_doc_id", [doc_id, doc_id])
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def sentences(self, doc_id: str) -> list[dict[str, Any]]:
        with self._use() as con:
            cur = con.execute("SELECT idx, text, start_char, end_char FROM "
                              f"{self._src('published_sentences')} WHERE doc_id=? ORDER BY idx",
                              [doc_id])
            return [dict(zip(("index", "text", "start", "end"), r)) for r in cur.fetchall()]

    def runs(self, limit: int = 5) -> list[dict[str, Any]]:
        with self._use() as con:
            cur = con.execute("SELECT * FROM runs ORDER BY started DESC LIMIT ?", [limit])
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def rejections(self, limit: int = 20) -> list[dict[str, Any]]:
        with self._use() as con:
            cur = con.execute("SELECT * FROM rejections ORDER BY recorded_at DESC LIMIT ?",
                              [limit])
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def notices(self, limit: int = 20) -> list[dict[str, Any]]:
        with self._use() as con:
            cur = con.execute("SELECT * FROM notices ORDER BY recorded_at DESC LIMIT ?", [limit])
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def coders(self) -> list[dict[str, Any]]:
        """What coded the stored reports: one row per coder with its report count."""
        with self._use() as con:
            cur = con.execute(
                f"""SELECT c.coder_id, c.dyadwatch_version, c.fingerprint, c.first_seen,
                          count(r.event_id) AS reports
                   FROM coders c LEFT JOIN {self._src('published_reports')} r USING (coder_id)
                   GROUP BY ALL ORDER BY c.first_seen""")
            cols = [c[0] for c in cur.description]
            out = [dict(zip(cols, r)) for r in cur.fetchall()]
        for row in out:
            row["fingerprint"] = json.loads(row["fingerprint"]) if row["fingerprint"] else {}
        return out

    def query_events(self, dyad: str | None = None, since: date | None = None,
                     until: date | None = None, factual_only: bool = True,
                     limit: int | None = None) -> list[Event]:
        """Canonical events (the 0.1 signature; ``events`` takes every filter)."""
        return self.events(EventQuery(dyad=dyad, since=since, until=until,  # type: ignore[arg-type]
                                      factual=True if factual_only else None, limit=limit))


#: (column, DuckDB type) of the tables written in bulk
DOCUMENT_COLUMNS = [("doc_id", "VARCHAR"), ("content_hash", "VARCHAR"), ("url", "VARCHAR"),
                    ("outlet", "VARCHAR"), ("title", "VARCHAR"), ("authors", "VARCHAR[]"),
                    ("published", "DATE"), ("published_from", "VARCHAR"),
                    ("language", "VARCHAR"), ("body", "VARCHAR"), ("source_path", "VARCHAR"),
                    ("meta", "JSON"), ("minhash", "UBIGINT[]")]
DOCUMENT_SOURCE_COLUMNS = [("doc_id", "VARCHAR"), ("seen_doc_id", "VARCHAR"),
                           ("kind", "VARCHAR"), ("url", "VARCHAR"), ("outlet", "VARCHAR"),
                           ("published", "DATE"), ("source_path", "VARCHAR"),
                           ("similarity", "DOUBLE")]
SENTENCE_COLUMNS = [("doc_id", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"),
                    ("start_char", "INTEGER"), ("end_char", "INTEGER")]
#: the columns of a narrow report (``Store._load_reports``): no sentence, and of the
#: evidence only where each actor's country came from (``row_to_event`` reads it)
_NARROW_SELECT = [
    "'' AS sentence" if c == "sentence" else
    f"CASE WHEN json_exists(evidence, '$.{COUNTRY_FROM_KEY}') THEN json_object("
    f"'{COUNTRY_FROM_KEY}', json_extract(evidence, '$.{COUNTRY_FROM_KEY}')) "
    "ELSE '{}' END AS evidence" if c == "evidence" else c
    for c in EVENT_COLUMN_NAMES]
#: rows read (and canonical events written) per batch
_FETCH_ROWS = 2000


def _body_parts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    """The bodies of documents stored in parts (``documents.body`` NULL, see
    ``staging.publish``), joined."""
    if not doc_ids:
        return {}
    out: dict[str, list[str]] = {}
    for doc_id, text in con.execute("SELECT doc_id, text FROM document_parts WHERE "
                                    "list_contains(?, doc_id) ORDER BY doc_id, part",
                                    [doc_ids]).fetchall():
        out.setdefault(doc_id, []).append(text)
    return {k: "".join(v) for k, v in out.items()}


def _evidence(value: Any) -> dict[str, Any]:
    """A stored evidence column as ``Event.evidence`` (as ``row_to_event`` reads it)."""
    evidence = dict(json.loads(value) if value else {})
    evidence.pop(COUNTRY_FROM_KEY, None)
    return evidence


_REPORT_EXTRA = [("block", "VARCHAR"), ("coder_id", "VARCHAR")]
_EVENT_EXTRA = [("block", "VARCHAR"), ("n_reports", "INTEGER"), ("n_sources", "INTEGER"),
                ("sources", "VARCHAR[]")]
_LINK_COLUMNS = [("event_id", "VARCHAR"), ("report_id", "VARCHAR"), ("doc_id", "VARCHAR")]
#: the same lists under public names (the Parquet tables of ``dyadwatch.spark`` use them)
REPORT_EXTRA_COLUMNS = _REPORT_EXTRA
EVENT_EXTRA_COLUMNS = _EVENT_EXTRA
EVENT_LINK_COLUMNS = _LINK_COLUMNS


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                rows: list[list[Any]]) -> None:
    """Bulk insert through Arrow (one statement, whatever the number of rows)."""
    if not rows:
        return
    import pyarrow as pa

    arrays = [pa.array([r[i] for r in rows], type=_arrow_type(typ))
              for i, (_, typ) in enumerate(columns)]
    names = [c for c, _ in columns]
    data = pa.Table.from_arrays(arrays, names=names)
    view = f"_new_{table}"
    con.register(view, data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                    f"SELECT {', '.join(names)} FROM {view}")
    finally:
        con.unregister(view)


def _arrow_type(duck_type: str) -> Any:
    import pyarrow as pa

    return {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(),
            "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
            "BOOLEAN": pa.bool_(), "VARCHAR[]": pa.list_(pa.string()),
            "INTEGER[]": pa.list_(pa.int32()),
            "UBIGINT[]": pa.list_(pa.uint64())}[duck_type]


def insert_reports(con: duckdb.DuckDBPyConnection, reports: Sequence[Event],
                   cid: str | None) -> None:
    """Insert coded reports (never updated afterwards)."""
    insert_rows(con, "reports", EVENT_COLUMNS + _REPORT_EXTRA,
                [row_values(ev) + [cons.block_key(ev), cid] for ev in reports])


def insert_events(con: duckdb.DuckDBPyConnection,
                  canon: Sequence[tuple[Event, Sequence[Event]]]) -> None:
    """Insert canonical events with the links to their reports."""
    rows = [row_values(ev) + [cons.block_key(ev), len(members), len(ev.sources), ev.sources]
            for ev, members in canon]
    insert_rows(con, "events", EVENT_COLUMNS + _EVENT_EXTRA, rows)
    insert_rows(con, "event_reports", _LINK_COLUMNS,
                [[ev.event_id, m.event_id, m.doc_id] for ev, members in canon for m in members])
