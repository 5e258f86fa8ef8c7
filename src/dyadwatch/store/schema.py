"""DuckDB schema of the dyadwatch store, versioned.

``SCHEMA_VERSION`` is written to the ``meta`` table.  Opening a store written
by a newer dyadwatch fails with a clear ``StoreError``; older stores are
migrated when opened for writing (``migrate.py``).

Tables:

* ``documents``, ``document_sources`` (every place a document was seen:
  itself, exact copies, near-duplicate reposts), ``sentences``;
* ``reports``: every coded event report, written once and never changed;
  ``coder_id`` names the ``coders`` row (dyadwatch version and the versions of
  the pattern, dictionary and gazetteer files) that coded it;
* ``events`` and ``event_reports``: the canonical events, derived from the
  reports by ``consolidate.py`` and re-derived, block by block, when reports
  arrive -- never edited by hand;
* ``document_parts``: the body of a document longer than
  ``staging.BODY_PART_CHARS``, in parts (its ``documents.body`` is NULL; ``Store``
  joins them when it reads the body);
* ``runs``, ``rejections`` (inputs that could not be read) and ``notices``
  (inputs read with a warning: a fallback encoding, a truncation, a cut record);
* ``staged_documents``: a document coded in chunks while it is being coded
  (``staging.py``); its sentences and reports are already in ``sentences`` and
  ``reports``, hidden until it is published;
* the views ``published_reports`` and ``published_sentences``: the rows of published
  documents only.  Every reader (``EventQuery``, ``Store`` methods) and the
  consolidation read ``reports`` and ``sentences`` through them;
* ``staged_sentences``, ``staged_reports``: the chunks of an older dyadwatch (they
  are dropped when the document is started again).
"""

from __future__ import annotations

from .rows import EVENT_COLUMNS

SCHEMA_VERSION = 2

_EVENT_COLS = ",\n        ".join(f"{name} {typ}" for name, typ in EVENT_COLUMNS)

DDL = [
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    )""",
    "CREATE SEQUENCE IF NOT EXISTS document_seq",
    # one row per distinct document (exact duplicates never get a second row)
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        url VARCHAR,
        outlet VARCHAR,
        title VARCHAR,
        authors VARCHAR[],
        published DATE,
        published_from VARCHAR,
        language VARCHAR,
        body VARCHAR,
        source_path VARCHAR,
        meta JSON,
        minhash UBIGINT[],
        ingested_at TIMESTAMP DEFAULT current_timestamp,
        seq BIGINT DEFAULT nextval('document_seq')
    )""",
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents (content_hash)",
    """CREATE TABLE IF NOT EXISTS document_sources (
        doc_id VARCHAR NOT NULL,
        seen_doc_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,          -- original | exact-duplicate | near-duplicate
        url VARCHAR,
        outlet VARCHAR,
        published DATE,
        source_path VARCHAR,
        similarity DOUBLE,
        PRIMARY KEY (doc_id, seen_doc_id)
    )""",
    """CREATE TABLE IF NOT EXISTS sentences (
        doc_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER,
        end_char INTEGER,
        PRIMARY KEY (doc_id, idx)
    )""",
    """CREATE TABLE IF NOT EXISTS coders (
        coder_id VARCHAR PRIMARY KEY,
        dyadwatch_version VARCHAR,
        fingerprint JSON,
        first_seen TIMESTAMP DEFAULT current_timestamp
    )""",
    # every coded report, immutable; event_id is the report id
    f"""CREATE TABLE IF NOT EXISTS reports (
        {_EVENT_COLS},
        block VARCHAR NOT NULL,
        coder_id VARCHAR,
        stored_at TIMESTAMP DEFAULT current_timestamp
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS reports_id ON reports (event_id)",
    "CREATE INDEX IF NOT EXISTS reports_block ON reports (block, date)",
    "CREATE INDEX IF NOT EXISTS reports_doc ON reports (doc_id)",
    # canonical events: derived from reports (consolidate.py); no key constraints,
    # because a block is re-derived by delete + insert inside one transaction
    f"""CREATE TABLE IF NOT EXISTS events (
        {_EVENT_COLS},
        block VARCHAR NOT NULL,
        n_reports INTEGER NOT NULL,
        n_sources INTEGER NOT NULL,
        sources VARCHAR[]
    )""",
    "CREATE INDEX IF NOT EXISTS events_id ON events (event_id)",
    "CREATE INDEX IF NOT EXISTS events_dyad ON events (dyad, date)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    """CREATE TABLE IF NOT EXISTS event_reports (
        event_id VARCHAR NOT NULL,
        report_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS event_reports_report ON event_reports (report_id)",
    "CREATE INDEX IF NOT EXISTS event_reports_event ON event_reports (event_id)",
    "CREATE INDEX IF NOT EXISTS event_reports_doc ON event_reports (doc_id)",
    # event columns added during schema 2's development: a store made before them gets them
    *(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {typ}"
      for table in ("reports", "events") for name, typ in EVENT_COLUMNS),
    """CREATE TABLE IF NOT EXISTS rejections (
        run_id VARCHAR,
        location VARCHAR,
        stage VARCHAR,
        reason VARCHAR,
        recorded_at TIMESTAMP DEFAULT current_timestamp
    )""",
    """CREATE TABLE IF NOT EXISTS notices (
        run_id VARCHAR,
        location VARCHAR,
        stage VARCHAR,
        kind VARCHAR,
        message VARCHAR,
        recorded_at TIMESTAMP DEFAULT current_timestamp
    )""",
    # a document too long to hold coded (``staging.py``): its progress, while its
    # chunks' sentences and reports are written (hidden) into sentences and reports;
    # in_place is NULL for a document staged by an older dyadwatch in the staged_*
    # tables below (started again by the next run)
    """CREATE TABLE IF NOT EXISTS staged_documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        source VARCHAR,
        chunk_chars INTEGER NOT NULL,
        chunks INTEGER NOT NULL,
        chunks_done INTEGER NOT NULL,
        sentences_done INTEGER NOT NULL,
        tokens_done BIGINT NOT NULL,
        coder_id VARCHAR,
        owner VARCHAR,
        started TIMESTAMP DEFAULT current_timestamp,
        updated TIMESTAMP DEFAULT current_timestamp,
        in_place BOOLEAN
    )""",
    "ALTER TABLE staged_documents ADD COLUMN IF NOT EXISTS in_place BOOLEAN",
    # the body of a long document, in parts (documents.body is then NULL): a body of
    # tens of megabytes inserted at once costs DuckDB several times its size in memory
    """CREATE TABLE IF NOT EXISTS document_parts (
        doc_id VARCHAR NOT NULL,
        part INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, part)
    )""",
    """CREATE TABLE IF NOT EXISTS staged_sentences (
        doc_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        start_char INTEGER,
        end_char INTEGER
    )""",
    f"""CREATE TABLE IF NOT EXISTS staged_reports (
        {_EVENT_COLS},
        block VARCHAR NOT NULL,
        coder_id VARCHAR
    )""",
    # what readers see: the rows of published documents (no staged_documents row)
    *(f"CREATE OR REPLACE VIEW published_{table} AS SELECT * FROM {table} "
      "WHERE doc_id NOT IN (SELECT doc_id FROM staged_documents)"
      for table in ("reports", "sentences")),
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY,
        started TIMESTAMP,
        finished TIMESTAMP,
        inputs VARCHAR,
        documents INTEGER, duplicates INTEGER, sentences INTEGER, events INTEGER,
        rejections INTEGER
    )""",
]
