"""The state ``dyadwatch watch`` keeps in the store, so a restart resumes exactly.

Tables (created by ``WatchState``; the DDL is idempotent):

* ``watch_sources``: one row per polled feed or URL list -- its cursor
  (``etag``, ``last_modified``), when it was last polled and with what outcome;
* ``watch_items``: every item handled, by (source, key) with the canonical URL
  (``url_key``), the stored document and its content hash, and a ``status``:
  ``stored`` (coded and stored), ``known`` (the store had it already),
  ``rejected`` (permanently unreadable: the reason is kept);
* ``watch_alerts``: every alert raised, by ``alert_key`` (rule + sorted event
  ids), with the events and reports it listed, its JSON payload, and
  ``delivered`` (False until every output took it).

Crash safety: ``commit`` writes the documents, sentences and reports of a batch
of items, their ``watch_items`` rows and the feed cursors in ONE transaction.
A ``kill -9`` before the commit leaves none of it (the items are fetched and
coded again on restart); after it, all of it.  So an item is never marked seen
without its document, nor stored twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Result
from .duck import SaveOutcome, Store

WATCH_DDL = [
    """CREATE TABLE IF NOT EXISTS watch_sources (
        source VARCHAR PRIMARY KEY,
        kind VARCHAR,
        etag VARCHAR,
        last_modified VARCHAR,
        last_poll TIMESTAMP,
        last_status VARCHAR,
        polls INTEGER DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS watch_items (
        source VARCHAR NOT NULL,
        item_key VARCHAR NOT NULL,
        url_key VARCHAR,
        url VARCHAR,
        doc_id VARCHAR,
        content_hash VARCHAR,
        status VARCHAR NOT NULL,        -- stored | known | rejected
        reason VARCHAR,
        seen_at TIMESTAMP DEFAULT current_timestamp,
        PRIMARY KEY (source, item_key)
    )""",
    "CREATE INDEX IF NOT EXISTS watch_items_url ON watch_items (url_key)",
    """CREATE TABLE IF NOT EXISTS watch_alerts (
        alert_key VARCHAR PRIMARY KEY,
        rule VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        subject VARCHAR,
        event_ids VARCHAR[],
        report_ids VARCHAR[],
        payload JSON,
        delivered BOOLEAN DEFAULT false,
        fired_at TIMESTAMP DEFAULT current_timestamp
    )""",
    # the webhook's outcome: sent | failed | none (no webhook), its tries, its last error
    "ALTER TABLE watch_alerts ADD COLUMN IF NOT EXISTS webhook_status VARCHAR",
    "ALTER TABLE watch_alerts ADD COLUMN IF NOT EXISTS webhook_attempts INTEGER",
    "ALTER TABLE watch_alerts ADD COLUMN IF NOT EXISTS webhook_error VARCHAR",
]


@dataclass
class ItemRecord:
    """One handled item, as ``commit`` writes it."""

    source: str
    item_key: str
    url_key: str | None
    url: str | None
    status: str  # stored | known | rejected
    reason: str | None = None
    result: Result | None = None  # the coded document, for ``stored``
    signature: list[int] | None = None  # near-duplicate signature of the document


@dataclass
class Cursor:
    source: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    status: str = "ok"
    keep_validators: bool = False  # True: leave the stored etag/last_modified as they are


@dataclass
class CommitOutcome:
    items: list[tuple[ItemRecord, SaveOutcome | None]] = field(default_factory=list)
    failed: list[tuple[ItemRecord, str]] = field(default_factory=list)


class WatchState:
    """Read and write the watch tables of one ``Store`` (opened read-write)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        with store._transaction() as con:
            for stmt in WATCH_DDL:
                con.execute(stmt)

    # -- reading --------------------------------------------------------------
    def seen(self, source: str, keys: Iterable[str], url_keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` (items of ``source``) or ``url_keys`` (any source) were handled."""
        keys, url_keys = sorted(set(keys)), sorted({u for u in url_keys if u})
        with self.store._use() as con:
            rows = con.execute(
                "SELECT item_key, url_key FROM watch_items WHERE "
                "(source = ? AND list_contains(?, item_key)) OR list_contains(?, url_key)",
                [source, keys, url_keys]).fetchall()
        return {r[0] for r in rows} | {r[1] for r in rows if r[1]}

    def cursor(self, source: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) of a feed's last complete poll."""
        with self.store._use() as con:
            row = con.execute("SELECT etag, last_modified FROM watch_sources WHERE source=?",
                              [source]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def items(self, status: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        with self.store._use() as con:
            cur = con.execute(f"SELECT * FROM watch_items {where} ORDER BY seen_at, item_key",
                              params)
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def sources(self) -> list[dict[str, Any]]:
        with self.store._use() as con:
            cur = con.execute("SELECT * FROM watch_sources ORDER BY source")
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    # -- writing items --------------------------------------------------------
    def commit(self, records: Sequence[ItemRecord], cursors: Sequence[Cursor] = ()
               ) -> CommitOutcome:
        """Store the items' documents, their seen marks and the cursors in one transaction.

        When the batch fails it is rolled back and each item is committed alone (the
        cursors with the last); an item that still fails is reported in
        ``CommitOutcome.failed`` and left unmarked, to be tried again next poll."""
        try:
            with self.store._transaction() as con:
                return self._commit(con, records, cursors)
        except (duckdb.Error, StoreError) as exc:
            if len(records) <= 1:
                out = CommitOutcome()
                out.failed = [(r, f"could not store {r.url or r.item_key}: {exc}")
                              for r in records]
                return out
        out = CommitOutcome()
        for i, rec in enumerate(records):
            one = self.commit([rec], cursors if i == len(records) - 1 else ())
            out.items += one.items
            out.failed += one.failed
        return out

    def _commit(self, con: duckdb.DuckDBPyConnection, records: Sequence[ItemRecord],
                cursors: Sequence[Cursor]) -> CommitOutcome:
        to_save = [r for r in records if r.status == "stored" and r.result is not None]
        saved = self.store._save_batch(con, [(r.result, r.signature) for r in to_save]) \
            if to_save else []
        by_rec = {id(r): o for r, o in zip(to_save, saved)}
        out = CommitOutcome()
        for rec in records:
            o = by_rec.get(id(rec))
            status = rec.status
            if o is not None and not o.stored:
                status = "known"  # the same document (id) was stored before
            doc = rec.result.document if rec.result is not None else None
            con.execute(
                "INSERT INTO watch_items (source, item_key, url_key, url, doc_id, content_hash,"
                " status, reason) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                [rec.source, rec.item_key, rec.url_key, rec.url,
                 doc.doc_id if doc else None, doc.content_hash if doc else None,
                 status, rec.reason])
            rec.status = status
            out.items.append((rec, o))
        now = datetime.now()
        for c in cursors:
            con.execute(
                "INSERT INTO watch_sources (source, kind, etag, last_modified, last_poll, "
                "last_status, polls) VALUES (?,?,?,?,?,?,1) ON CONFLICT (source) DO UPDATE SET "
                "kind=excluded.kind, last_poll=excluded.last_poll, "
                "last_status=excluded.last_status, polls=watch_sources.polls + 1"
                + ("" if c.keep_validators else
                   ", etag=excluded.etag, last_modified=excluded.last_modified"),
                [c.source, c.kind, None if c.keep_validators else c.etag,
                 None if c.keep_validators else c.last_modified, now, c.status])
        return out

    # -- alerts ---------------------------------------------------------------
    def alerted(self, rule: str) -> tuple[set[str], set[str], set[str]]:
        """(alert keys, event ids, report ids) of the alerts ``rule`` raised so far."""
        with self.store._use() as con:
            rows = con.execute("SELECT alert_key, event_ids, report_ids FROM watch_alerts "
                               "WHERE rule = ?", [rule]).fetchall()
        keys = {r[0] for r in rows}
        events = {e for r in rows for e in (r[1] or [])}
        reports = {e for r in rows for e in (r[2] or [])}
        return keys, events, reports

    def alerted_subjects(self, rule: str) -> set[str]:
        with self.store._use() as con:
            rows = con.execute("SELECT subject FROM watch_alerts WHERE rule = ? AND subject "
                               "IS NOT NULL", [rule]).fetchall()
        return {r[0] for r in rows}

    def record_alert(self, key: str, rule: str, kind: str, subject: str | None,
                     event_ids: Sequence[str], report_ids: Sequence[str],
                     payload: dict[str, Any]) -> bool:
        """Record a new alert (undelivered); False when ``key`` was recorded before."""
        with self.store._transaction() as con:
            if con.execute("SELECT 1 FROM watch_alerts WHERE alert_key=?", [key]).fetchone():
                return False
            con.execute("INSERT INTO watch_alerts (alert_key, rule, kind, subject, event_ids, "
                        "report_ids, payload) VALUES (?,?,?,?,?,?,?)",
                        [key, rule, kind, subject, list(event_ids), list(report_ids),
                         json.dumps(payload, ensure_ascii=False, sort_keys=True)])
        return True

    def undelivered(self) -> list[dict[str, Any]]:
        """Recorded alerts not yet delivered (a crash came between), oldest first."""
        with self.store._use() as con:
            rows = con.execute("SELECT alert_key, payload FROM watch_alerts WHERE NOT delivered "
                               "ORDER BY fired_at, alert_key").fetchall()
        return [json.loads(r[1]) for r in rows]

    def mark_delivered(self, key: str, webhook_status: str | None = None,
                       webhook_attempts: int | None = None,
                       webhook_error: str | None = None) -> None:
        """The alert went to every output; the webhook's outcome is kept with it (a
        webhook that failed all its tries is recorded as ``failed``, with its error)."""
        with self.store._transaction() as con:
            con.execute("UPDATE watch_alerts SET delivered = true, webhook_status = ?, "
                        "webhook_attempts = ?, webhook_error = ? WHERE alert_key = ?",
                        [webhook_status, webhook_attempts, webhook_error, key])

    def alerts(self) -> list[dict[str, Any]]:
        with self.store._use() as con:
            cur = con.execute("SELECT alert_key, rule, kind, subject, event_ids, report_ids, "
                              "delivered, fired_at, webhook_status, webhook_attempts, "
                              "webhook_error FROM watch_alerts ORDER BY fired_at, alert_key")
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]
