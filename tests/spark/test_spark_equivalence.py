"""The Spark path gives what a single machine gives: same canonical events, ids and reports.

One local[2] session serves the whole module; the corpus (tests/spark/corpus) is ours:
four news texts (two reporting the same Armenia-Azerbaijan clash, one saved twice under
two names) and a JSONL with a repeated id and a bad line, plus an empty file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "corpus"


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="module")
def spark():
    if not _java():
        pytest.skip("Spark needs Java (17): no `java` on the PATH and no JAVA_HOME")
    from dyadwatch.spark import spark_session

    conf = {"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"}
    with spark_session("local[2]", app_name="dyadwatch-tests", conf=conf) as session:
        session.sparkContext.setLogLevel("ERROR")
        yield session


@pytest.fixture(scope="module")
def single(pipeline):
    from dyadwatch import jobs
    from dyadwatch.store import Store

    store = Store(":memory:")
    jobs.run([CORPUS], store, pipeline)
    yield store
    store.close()


@pytest.fixture(scope="module")
def output(spark, tmp_path_factory):
    from dyadwatch.spark import spark_run

    out = tmp_path_factory.mktemp("spark") / "out"
    summary = spark_run([CORPUS], out, spark, partitions=3)
    assert summary.documents == 6 and summary.events > 0
    return out


@pytest.fixture(scope="module")
def imported(output, tmp_path_factory):
    from dyadwatch.store import Store

    store = Store(tmp_path_factory.mktemp("db") / "spark.duckdb")
    counts = store.import_parquet(output)
    assert counts["consolidation"] == "parquet"  # the events Spark derived, not the store's
    yield store
    store.close()


def _canonical(store) -> list[dict]:
    return [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
            for e in store.events(factual=None, sort="id")]


def _reports(store) -> list[dict]:
    return [e.to_dict(explain=True) for e in store.events(factual=None, canonical=False,
                                                          sort="id")]


def test_same_canonical_events_ids_codes_actors_and_dates(single, imported):
    expected = _canonical(single)
    assert expected, "the corpus must give events"
    assert any(len(e["sources"]) > 1 for e in expected), "the corpus must merge documents"
    assert _canonical(imported) == expected


def test_same_reports(single, imported):
    expected = _reports(single)
    assert len(expected) >= len(_canonical(single))
    assert _reports(imported) == expected


def test_same_documents_sentences_and_sources(single, imported):
    def docs(store):
        return sorted((d["doc_id"], d["title"], d["source_path"])
                      for d in store.documents(limit=100).to_pylist())

    assert docs(imported) == docs(single)
    # the JSONL repeats wire-001: the first copy read is the one kept, on both paths
    assert imported.document("wire-001").title == "Turkey strikes militants in northern Iraq"
    for doc_id, _t, _p in docs(single):
        assert imported.sentences(doc_id) == single.sentences(doc_id)
        assert imported.document_sources(doc_id) == single.document_sources(doc_id)
    assert imported.counts()["document_sources"] == single.counts()["document_sources"]


def test_same_rejections(single, imported):
    def rej(store):
        return sorted((r["location"], r["stage"], r["reason"]) for r in store.rejections())

    found = rej(single)
    assert any("empty" in r[2] for r in found) and any("JSON" in r[2] for r in found)
    assert rej(imported) == found


def test_one_model_load_per_python_worker(spark, output):
    from dyadwatch.spark import worker

    loads = spark.sparkContext.parallelize(range(8), 8).mapPartitions(
        worker.loads_in_this_worker).collect()
    assert max(n for _pid, n, _rss in loads) == 1


def test_reports_and_events_have_the_store_columns(output):
    import duckdb

    from dyadwatch.store.rows import EVENT_COLUMN_NAMES

    con = duckdb.connect()
    for table in ("reports", "events"):
        cols = [r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{output / table}/*.parquet')").fetchall()]
        assert cols[:len(EVENT_COLUMN_NAMES)] == EVENT_COLUMN_NAMES


def test_import_into_a_store_that_has_documents_reconsolidates(output, single, tmp_path):
    """Imported beside stored documents, the events are derived by the store and still
    equal a single-machine run of everything."""
    from dyadwatch import jobs
    from dyadwatch.store import Store

    with Store(tmp_path / "mixed.duckdb") as store:
        jobs.run([CORPUS / "2025-03-border-shelling.txt"], store)
        counts = store.import_parquet(output)
        assert counts["consolidation"] == "store" and counts["known"] == 1
        assert _canonical(store) == _canonical(single)


def test_cli_import_then_events(output, tmp_path):
    from click.testing import CliRunner

    from dyadwatch.cli import cli

    db = str(tmp_path / "cli.duckdb")
    res = CliRunner().invoke(cli, ["import-parquet", str(output), "--db", db])
    assert res.exit_code == 0, res.output
    assert "6 new documents" in res.output
    res = CliRunner().invoke(cli, ["events", "--db", db, "--dyad", "ARM-AZE", "--format",
                                   "jsonl"])
    assert res.exit_code == 0 and '"AZE' in res.output


# -- bad Parquet: a typed error naming the file; nothing stored ----------------------
def _tampered(output: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(output, copy)
    return copy


def test_not_parquet_is_named(output, tmp_path):
    from dyadwatch.errors import InputError
    from dyadwatch.store import Store

    out = _tampered(output, tmp_path)
    bad = out / "events" / "part-99999.parquet"
    bad.write_bytes(b"this is not parquet")
    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(InputError, match="part-99999.parquet.*not a readable Parquet"):
            store.import_parquet(out)
        assert store.counts()["documents"] == 0


def test_missing_column_is_named(output, tmp_path):
    import duckdb

    from dyadwatch.errors import InputError
    from dyadwatch.store import Store

    out = _tampered(output, tmp_path)
    for f in (out / "reports").glob("*.parquet"):
        f.unlink()
    duckdb.connect().execute(
        f"COPY (SELECT * EXCLUDE (cameo) FROM read_parquet('{output}/reports/*.parquet')) "
        f"TO '{out}/reports/part-0.parquet' (FORMAT parquet)")
    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(InputError, match=r"reports/part-0.parquet.*'cameo'"):
            store.import_parquet(out)


def test_missing_table_folder_is_named(output, tmp_path):
    from dyadwatch.errors import InputError
    from dyadwatch.store import Store

    out = _tampered(output, tmp_path)
    shutil.rmtree(out / "event_reports")
    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(InputError, match="event_reports"):
            store.import_parquet(out)


def test_non_empty_output_is_refused(spark, output):
    from dyadwatch.errors import ConfigError
    from dyadwatch.spark import spark_run

    with pytest.raises(ConfigError, match="not empty"):
        spark_run([CORPUS], output, spark)
