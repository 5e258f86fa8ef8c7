"""Bring a store written by an older dyadwatch to the current schema.

Called by ``Store`` when it opens an older store for writing, inside the
connection's first use; every step runs in one transaction, so a failure
leaves the store as it was.

* **1 -> 2** (0.1 -> 0.2): schema 1 kept one merged ``events`` row per event
  (with the first report's id and the most specific report's code) and an
  ``event_sources`` row per report.  Each ``event_sources`` row of a stored
  document becomes a report: its document, sentence, code and confidence are
  its own, the other fields (actors, date, place) those of the merged row,
  which is all schema 1 kept.  The canonical events are then derived from
  the reports.  Copies that schema 1 recorded without coding them stay in
  ``document_sources``.  ``documents`` gets its ``seq`` column and loses the
  one-row-per-body rule.
"""

from __future__ import annotations

from hashlib import sha256

import duckdb

from ..errors import StoreError
from .rows import EVENT_COLUMN_NAMES, row_to_event
from .schema import DDL


def migrate(con: duckdb.DuckDBPyConnection, version: int, path: str) -> None:
    """Migrate from ``version`` to the current schema (the caller then runs the DDL)."""
    if version != 1:
        raise StoreError(f"{path} has schema version {version}, which this dyadwatch cannot "
                         "migrate; re-run the inputs into a new store")
    con.execute("BEGIN TRANSACTION")
    try:
        _one_to_two(con)
        con.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"could not migrate {path} from schema 1 to 2: {exc}") from exc


def _one_to_two(con: duckdb.DuckDBPyConnection) -> None:
    from .._resources import cameo_table
    from . import consolidate as cons
    from .duck import insert_events, insert_reports

    for index in ("events_dyad", "events_date"):
        con.execute(f"DROP INDEX IF EXISTS {index}")
    # read the old events before the new tables exist (DuckDB binds a renamed table's
    # columns to its old name within the transaction once a new table takes that name)
    cur = con.execute("""
        SELECT e.*, s.doc_id AS s_doc, s.sentence_index AS s_idx, s.sentence AS s_sentence,
               s.cameo AS s_cameo, s.confidence AS s_conf, s.published AS s_pub
        FROM events e JOIN event_sources s USING (event_id)
        WHERE s.doc_id IN (SELECT doc_id FROM documents)""")
    cols = [c[0] for c in cur.description]
    old_rows = cur.fetchall()
    con.execute("ALTER TABLE documents RENAME TO documents_v1")
    con.execute("ALTER TABLE events RENAME TO events_v1")
    for stmt in DDL:
        con.execute(stmt)
    con.execute("""INSERT INTO documents (doc_id, content_hash, url, outlet, title, authors,
                   published, published_from, language, body, source_path, meta, minhash,
                   ingested_at)
                   SELECT doc_id, content_hash, url, outlet, title, authors, published,
                          published_from, language, body, source_path, meta, minhash,
                          ingested_at
                   FROM documents_v1 ORDER BY ingested_at, doc_id""")
    reports = []
    for values in old_rows:
        r = dict(zip(cols, values))
        own = r["s_doc"] == r["doc_id"] and r["s_idx"] == r["sentence_index"]
        if not own:
            suffix = sha256(r["event_id"].encode("utf-8")).hexdigest()[:6]
            r["event_id"] = f"{r['s_doc']}-{r['s_idx']}-m{suffix}"
            r["doc_id"], r["sentence_index"] = r["s_doc"], r["s_idx"]
            r["sentence"], r["published"] = r["s_sentence"], r["s_pub"]
            r["confidence"] = r["s_conf"]
            if r["s_cameo"] and r["s_cameo"] != r["cameo"]:
                info = cameo_table().get(r["s_cameo"])
                r["cameo"], r["root"] = r["s_cameo"], r["s_cameo"][:2]
                r["goldstein"] = info.goldstein if info else None
                r["quad_class"] = info.quad_class if info else None
                r["plover_type"] = info.plover_type if info else None
                r["plover_mode"] = info.plover_mode if info else None
        reports.append(row_to_event({k: r.get(k) for k in EVENT_COLUMN_NAMES}))
    insert_reports(con, reports, None)
    insert_events(con, cons.consolidate_groups(reports))
    con.execute("DROP TABLE event_sources")
    con.execute("DROP TABLE events_v1")
    con.execute("DROP TABLE documents_v1")
