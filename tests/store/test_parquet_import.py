"""Store.import_parquet without Spark: a store's own tables written in the Parquet layout
load back into an equal store; bad files are named.  (tests/spark checks Spark's output.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from store_builders import make_event, make_result

from dyadwatch.errors import InputError
from dyadwatch.store import Store
from dyadwatch.store.parquet import PARQUET_TABLES


def _results():
    return [
        make_result("docA", "Iran struck Panjgur.", [make_event("docA", 0)]),
        # the same strike a day later in another outlet: one canonical event, two sources
        make_result("docB", "Iranian missiles hit Panjgur.",
                    [make_event("docB", 0, d=date(2024, 1, 17), conf=0.6),
                     make_event("docB", 1, source="PAKGOV", target="IRNGOV", cameo="111",
                                sentence="Pakistan condemned Iran.")]),
        make_result("docC", "Pakistan recalled its envoy.",
                    [make_event("docC", 0, source="PAKGOV", target="IRNGOV", cameo="1041",
                                d=date(2024, 1, 17))]),
    ]


def _export(db: Path, out: Path) -> None:
    """Write a store's tables in the layout ``import_parquet`` reads (as Spark does)."""
    con = duckdb.connect(str(db), read_only=True)
    for table, cols in PARQUET_TABLES.items():
        (out / table).mkdir(parents=True)
        names = ", ".join(c for c, _ in cols)
        con.execute(f"COPY (SELECT {names} FROM {table}) TO "
                    f"'{out / table / 'part-00000.parquet'}' (FORMAT parquet)")
    con.close()


def _canonical(store: Store) -> list[dict]:
    return [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
            for e in store.events(factual=None, sort="id")]


@pytest.fixture
def layout(tmp_path):
    src = tmp_path / "src.duckdb"
    with Store(src) as store:
        store.save_many([(r, None) for r in _results()])
        expected = _canonical(store)
        reports = [e.to_dict(explain=True) for e in store.events(factual=None,
                                                                 canonical=False, sort="id")]
    out = tmp_path / "out"
    _export(src, out)
    return out, expected, reports


def test_round_trip_into_an_empty_store(layout, tmp_path):
    out, expected, reports = layout
    assert any(len(e["sources"]) == 2 for e in expected)
    with Store(tmp_path / "dst.duckdb") as store:
        n = store.import_parquet(out)
        assert (n["documents"], n["known"], n["consolidation"]) == (3, 0, "parquet")
        assert _canonical(store) == expected
        assert [e.to_dict(explain=True) for e in store.events(
            factual=None, canonical=False, sort="id")] == reports
        assert [d["doc_id"] for d in store.documents().to_pylist()] == ["docC", "docB", "docA"]


def test_into_a_store_with_documents_the_store_consolidates(layout, tmp_path):
    out, expected, _reports = layout
    with Store(tmp_path / "dst.duckdb") as store:
        store.save(_results()[1])
        n = store.import_parquet(out)
        assert (n["documents"], n["known"], n["consolidation"]) == (2, 1, "store")
        assert _canonical(store) == expected
        assert store.reconsolidate() == len(expected)
        assert _canonical(store) == expected


def test_a_file_of_the_wrong_type_is_named(layout, tmp_path):
    out, _e, _r = layout
    f = out / "sentences" / "part-00000.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT doc_id, CAST(idx AS VARCHAR) AS idx, text, start_char, end_char "
                f"FROM read_parquet('{f}')) TO '{out / 'sentences' / 'part-1.parquet'}' "
                "(FORMAT parquet)")
    with Store(tmp_path / "dst.duckdb") as store:
        with pytest.raises(InputError, match=r"sentences/part-1.parquet.*'idx'.*VARCHAR"):
            store.import_parquet(out)
        assert store.counts()["documents"] == 0  # checked before anything is stored


def test_not_an_output_folder(tmp_path):
    with Store(tmp_path / "dst.duckdb") as store:
        with pytest.raises(InputError, match="no such folder"):
            store.import_parquet(tmp_path / "nowhere")
        (tmp_path / "empty").mkdir()
        with pytest.raises(InputError, match="empty/documents"):
            store.import_parquet(tmp_path / "empty")
