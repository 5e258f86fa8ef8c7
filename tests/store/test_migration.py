"""A store written by dyadwatch 0.1 (schema 1) is migrated, losing nothing it held."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from dyadwatch.errors import StoreError
from dyadwatch.store import Store

V1_DDL = (Path(__file__).parent / "fixtures" / "schema_v1.sql").read_text(encoding="utf-8")


def _v1_store(db: Path) -> None:
    con = duckdb.connect(str(db))
    for stmt in V1_DDL.split(";"):
        if stmt.strip():
            con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    for doc, h in (("a", "h1"), ("b", "h2")):
        con.execute("INSERT INTO documents (doc_id, content_hash, body, published) "
                    "VALUES (?, ?, 'body', DATE '2024-01-20')", [doc, h])
        con.execute("INSERT INTO document_sources VALUES (?, ?, 'original', NULL, NULL, "
                    "DATE '2024-01-20', NULL, 1.0)", [doc, doc])
    # b's repost, recorded without being coded (schema 1 did that)
    con.execute("INSERT INTO document_sources VALUES ('b', 'b2', 'near-duplicate', NULL, "
                "NULL, DATE '2024-01-21', NULL, 0.9)")
    values = ["a-0-0", "a", 0, "Iran struck Panjgur.", "IRNMIL", "IRN", "MIL", "Iran",
              "PAKINS", "PAK", "INS", "militants", "195", "19", 4, -10.0, "ASSAULT", None,
              date(2024, 1, 16), "day", None, "Panjgur", "Balochistan", "PAK", 26.9, 64.1,
              1168749, "city", "asserted", True, 0.8, date(2024, 1, 20), "{}", 3]
    con.execute(f"INSERT INTO events VALUES ({','.join('?' * len(values))})", values)
    for row in (("a-0-0", "a", 0, "Iran struck Panjgur.", "195", 0.8),
                ("a-0-0", "b", 4, "Iran attacked targets in Pakistan.", "190", 0.6),
                ("a-0-0", "b2", 4, "Iran attacked targets in Pakistan.", "190", 0.6)):
        con.execute("INSERT INTO event_sources VALUES (?,?,?,?,?,?, DATE '2024-01-20')", row)
    con.close()


def test_schema_1_store_is_migrated_when_opened_for_writing(tmp_path):
    db = tmp_path / "old.duckdb"
    _v1_store(db)
    with pytest.raises(StoreError, match="migrate"):
        Store(db, read_only=True)  # reading alone never rewrites a store
    with Store(db) as s:
        reports = {r.event_id: r for r in s.events(canonical=False, sort="id")}
        (event,) = s.events()
        sources = s.document_sources("b")
    assert set(reports) == {"a-0-0", next(k for k in reports if k.startswith("b-4-m"))}
    b_report = next(r for k, r in reports.items() if k != "a-0-0")
    assert (b_report.cameo, b_report.goldstein, b_report.sentence_index) == ("190", -10.0, 4)
    assert event.cameo == "195" and event.reports == sorted(reports)
    assert event.sources == ["a", "b"]
    assert any(r["seen_doc_id"] == "b2" for r in sources)  # the uncoded repost is kept
    with Store(db, read_only=True) as s:  # now at schema 2
        assert s.counts()["reports"] == 2
