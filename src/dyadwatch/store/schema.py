"""DuckDB schema of the dyadwatch store, versioned.

``SCHEMA_VERSION`` is written to the ``meta`` table.  Opening a store written
by a newer dyadwatch fails with a clear ``StoreError``; older versions are
migrated in ``MIGRATIONS`` (version -> list of SQL statements).
"""

from __future__ import annotations

SCHEMA_VERSION = 1

DDL = [
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR
    )""",
    # one row per distinct document (exact duplicates never get a second row)
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL UNIQUE,
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
        ingested_at TIMESTAMP DEFAULT current_timestamp
    )""",
    # every place a document was seen: itself, exact copies, near-duplicate reposts
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
    # one row per distinct real-world event (merged across reports)
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,          -- the first report
        sentence_index INTEGER,
        sentence VARCHAR,
        source_code VARCHAR, source_country VARCHAR, source_role VARCHAR, source_name VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_role VARCHAR, target_name VARCHAR,
        cameo VARCHAR NOT NULL,
        root VARCHAR NOT NULL,
        quad_class INTEGER,
        goldstein DOUBLE,
        plover_type VARCHAR,
        plover_mode VARCHAR,
        date DATE,
        date_precision VARCHAR,
        date_end DATE,
        loc_name VARCHAR, loc_admin1 VARCHAR, loc_country VARCHAR,
        lat DOUBLE, lon DOUBLE, geonames_id BIGINT, loc_feature VARCHAR,
        modality VARCHAR,
        factual BOOLEAN,
        confidence DOUBLE,
        published DATE,
        evidence JSON,
        n_sources INTEGER DEFAULT 1
    )""",
    # every report of an event: which document and sentence said it
    """CREATE TABLE IF NOT EXISTS event_sources (
        event_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER,
        sentence VARCHAR,
        cameo VARCHAR,
        confidence DOUBLE,
        published DATE,
        PRIMARY KEY (event_id, doc_id, sentence_index)
    )""",
    """CREATE TABLE IF NOT EXISTS rejections (
        run_id VARCHAR,
        location VARCHAR,
        stage VARCHAR,
        reason VARCHAR,
        recorded_at TIMESTAMP DEFAULT current_timestamp
    )""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY,
        started TIMESTAMP,
        finished TIMESTAMP,
        inputs VARCHAR,
        documents INTEGER, duplicates INTEGER, sentences INTEGER, events INTEGER,
        rejections INTEGER
    )""",
    "CREATE INDEX IF NOT EXISTS events_dyad ON events (source_country, target_country)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
]

#: from-version -> statements that bring a store to from-version + 1
MIGRATIONS: dict[int, list[str]] = {}
