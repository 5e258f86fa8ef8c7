"""A long document is staged in the store chunk by chunk and published at once: what
readers see, what a stopped run leaves, and how the next run resumes it."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from dyadwatch import jobs
from dyadwatch.ingest import document_from_text, read_path
from dyadwatch.store import Store, staging

from reliability_inputs import SENTENCES

CHUNK = 4000


def _line(n: int = 60) -> str:
    # one line (no break at all) of ~20,000 characters: 5-6 chunks of 4,000
    return " ".join(f"{s} Day {k}." for k in range(n) for s in SENTENCES)


def _snapshot(store: Store) -> dict:
    docs = store.documents(limit=100).to_pylist()
    reports = store.events(factual=None, canonical=False, sort="id", limit=None)
    events = store.events(factual=None, sort="id", limit=None)
    return {"docs": sorted((d["doc_id"], d["reports"]) for d in docs),
            "sentences": {d["doc_id"]: store.sentences(d["doc_id"]) for d in docs},
            "reports": [(e.event_id, e.cameo, e.source.code, e.target.code if e.target else None,
                         e.sentence, e.trigger, e.evidence.get("chunk")) for e in reports],
            "events": [(e.event_id, e.cameo, tuple(e.sources)) for e in events],
            "staged": staging.staged(store)}


@pytest.fixture()
def long_file(tmp_path: Path) -> Path:
    f = tmp_path / "one-line.txt"
    f.write_text(_line(), encoding="utf-8")
    return f


def test_a_staged_document_is_stored_as_if_coded_whole(tmp_path, long_file, with_settings):
    p = with_settings(chunk_chars=CHUNK)
    seen: list[tuple[int, int]] = []
    with Store(tmp_path / "staged.duckdb") as s:
        summary = jobs.run([long_file], s, p, on_chunk=lambda w, d, t: seen.append((d, t)))
        staged = _snapshot(s)
    total = seen[-1][1]
    assert total >= 5 and [d for d, _ in seen] == list(range(1, total + 1))
    assert summary.documents == summary.chunked == 1 and not summary.rejections
    assert summary.reports == len(staged["reports"]) > 50
    assert staged["staged"] == []  # nothing left in the staging tables
    # the same document coded in one piece by Pipeline.process and saved at once
    with Store(tmp_path / "whole.duckdb") as s:
        doc = next(iter(read_path(long_file)))
        jobs.store_result(s, p.process(doc))
        whole = _snapshot(s)
    assert staged == whole


class _Killed(BaseException):
    """Stands for a kill -9: nothing after it runs (not even the run's own cleanup)."""


def test_a_stopped_run_leaves_nothing_visible_and_the_next_resumes(tmp_path, long_file,
                                                                   with_settings, monkeypatch):
    p = with_settings(chunk_chars=CHUNK)
    db = tmp_path / "s.duckdb"
    real_add = staging.add_chunk
    calls = []

    def add_then_die(store, doc_id, owner, chunk, *a, **k):
        if len(calls) == 3:
            raise _Killed()
        calls.append(chunk)
        return real_add(store, doc_id, owner, chunk, *a, **k)

    monkeypatch.setattr(staging, "add_chunk", add_then_die)
    with Store(db) as s, pytest.raises(_Killed):
        jobs.run([long_file], s, p)
    monkeypatch.setattr(staging, "add_chunk", real_add)
    with Store(db) as s:
        # readers see no document, no report, no event: only the staging tables hold it
        assert s.counts()["documents"] == s.counts()["reports"] == s.counts()["events"] == 0
        (left,) = staging.staged(s)
        assert left["chunks_done"] == 3 and left["source"] == str(long_file)
    from click.testing import CliRunner

    from dyadwatch.cli import cli

    shown = CliRunner().invoke(cli, ["status", "--db", str(db)], catch_exceptions=False).stdout
    assert f"in progress {long_file}: 3/" in shown and "0 documents" in shown
    with Store(db) as s:
        seen: list[int] = []
        summary = jobs.run([long_file], s, p, on_chunk=lambda w, d, t: seen.append(d))
        assert seen[0] == 4  # resumed after the 3 staged chunks
        assert summary.documents == 1 and not summary.rejections
        resumed = _snapshot(s)
    with Store(tmp_path / "once.duckdb") as s:
        jobs.run([long_file], s, p)
        once = _snapshot(s)
    assert resumed == once  # nothing lost, nothing doubled


def test_a_changed_file_drops_what_was_staged(tmp_path, long_file, with_settings):
    p = with_settings(chunk_chars=CHUNK)
    with Store(tmp_path / "s.duckdb") as s:
        doc = document_from_text(_line(), source_path=str(long_file))
        assert staging.begin(s, doc.doc_id, "another-body-hash", str(long_file), CHUNK, 9,
                             "old-run") == (0, 0, 0)
        summary = jobs.run([long_file], s, p)  # another hash: the stale stage is dropped
        assert summary.documents == 1 and staging.staged(s) == []
        # a document already stored is never staged again
        assert staging.begin(s, doc.doc_id, doc.content_hash, None, CHUNK, 6, "x") is None


def test_a_chunk_out_of_turn_or_of_another_run_is_refused(tmp_path):
    from dyadwatch.errors import StoreError

    with Store(tmp_path / "s.duckdb") as s:
        assert staging.begin(s, "d1", "h", "f.txt", CHUNK, 3, "run-a") == (0, 0, 0)
        with pytest.raises(StoreError, match="chunk 2 arrived after 0"):
            staging.add_chunk(s, "d1", "run-a", 1, [], [], {}, 0)
        assert staging.begin(s, "d1", "h", "f.txt", CHUNK, 3, "run-b") == (0, 0, 0)
        with pytest.raises(StoreError, match="another run"):
            staging.add_chunk(s, "d1", "run-a", 0, [], [], {}, 0)


@pytest.mark.slow
def test_chunk_progress_and_staging_with_two_workers(tmp_path, long_file, with_settings):
    # the chunks are coded by the worker processes; this process stages them and shows
    # each one: a plain line per chunk off a terminal, with the chunk total
    from click.testing import CliRunner

    from dyadwatch.cli import cli

    db = tmp_path / "w2.duckdb"
    res = CliRunner().invoke(cli, ["run", str(long_file), "--db", str(db), "--workers", "2",
                                   "--chunk-chars", str(CHUNK), "--progress-every", "0.1"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    assert "\r" not in res.stderr
    shown = [x for x in res.stderr.splitlines() if "chunk " in x and "of one-line.txt" in x]
    assert shown and all(x.startswith("progress: ") for x in shown)
    totals = {int(m.group(1)) for x in shown
              for m in [re.search(r"chunk \d+/(\d+) of", x)] if m}
    assert totals and min(totals) >= 5, res.stderr  # the chunk total is known and shown
    with Store(db) as s:
        two = _snapshot(s)
    with Store(tmp_path / "w1.duckdb") as s:
        jobs.run([long_file], s, with_settings(chunk_chars=CHUNK))
        one = _snapshot(s)
    assert two == one


def _full(store: Store, canonical: bool = True) -> list[dict]:
    """Every canonical event (or report) with every field, sentence and evidence included."""
    return [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
            for e in store.events(factual=None, canonical=canonical, sort="id", limit=None)]


def test_staged_publish_equals_a_direct_save_with_many_reports_in_one_block(
        tmp_path, with_settings):
    # one block (PAK -> IND, root 19, factual) holding well over a hundred reports, each
    # sentence its own: the publish step consolidates them from narrow rows (no sentence,
    # no evidence) and must give the very events a save of the whole document gives
    from collections import Counter

    from dyadwatch.store.consolidate import consolidate

    line = " ".join(f"Pakistan's army shelled Indian positions near the border in Kashmir, "
                    f"officials said in statement {k}." for k in range(160))
    f = tmp_path / "one-block.txt"
    f.write_text(line, encoding="utf-8")
    p = with_settings(chunk_chars=CHUNK)
    with Store(tmp_path / "staged.duckdb") as s:
        summary = jobs.run([f], s, p)
        assert summary.chunked == 1 and not summary.rejections
        staged_events, staged_reports = _full(s), _full(s, canonical=False)
        blocks = Counter((r.source.country, r.dyad_target, r.root)
                         for r in s.events(factual=None, canonical=False, limit=None))
    assert max(blocks.values()) >= 120, blocks
    assert staged_events and all(e["sentence"] and e["evidence"] for e in staged_events)
    with Store(tmp_path / "whole.duckdb") as s:
        jobs.store_result(s, p.process(next(iter(read_path(f)))))
        assert _full(s) == staged_events
        assert _full(s, canonical=False) == staged_reports
        # and both equal a pure consolidation of the full reports
        reports = s.events(factual=None, canonical=False, sort="id", limit=None)
        expected = [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
                    for e in consolidate(reports)]
        assert staged_events == expected
        s.reconsolidate()  # a full re-derivation (narrow too) changes nothing
        assert _full(s) == staged_events


def _readers(store: Store, hidden: str) -> dict:
    """What every reader of the store shows: the Store methods, analysis, the exports,
    and the CLI's status and events verbs run on the same file."""
    from dyadwatch.analysis import dyad_series
    from dyadwatch.store import EventQuery, write_events

    q_reports = EventQuery(factual=None, canonical=False, limit=None)
    snapshot = _snapshot(store)
    snapshot.pop("staged")  # status shows what is in progress; no reader holds any of it
    out = {"snapshot": snapshot,
           "counts": store.counts(),
           "count": (store.count(q_reports), store.count(EventQuery(factual=None))),
           "table": store.events_table(q_reports).to_pylist(),
           "aggregate": store.aggregate(q_reports).to_pylist(),
           "dyads": (store.dyads(q_reports).to_pylist(), store.dyads().to_pylist()),
           "coders": [(c["coder_id"], c["reports"]) for c in store.coders()],
           "span": store.longest_date_span(),
           "hidden": (store.document(hidden), store.sentences(hidden),
                      store.events(EventQuery(factual=None, canonical=False, doc_id=hidden))),
           "series": dyad_series(store, "IND-PAK").to_dict(),
           "export": write_events(store.events(q_reports), "jsonl", None)}
    return out


def _cli(db: Path) -> tuple[str, str]:
    from click.testing import CliRunner

    from dyadwatch.cli import cli

    run = CliRunner().invoke
    status = run(cli, ["status", "--db", str(db)], catch_exceptions=False).stdout
    events = run(cli, ["events", "--db", str(db), "--reports", "--all", "--format", "jsonl"],
                 catch_exceptions=False).stdout
    return "\n".join(x.replace(str(db), "DB") for x in status.splitlines()
                     if not x.startswith(("run ", "in progress"))), events


def test_readers_see_nothing_of_a_document_written_but_not_published(
        tmp_path, long_file, with_settings, monkeypatch, articles):
    # every chunk of the long document is written (hidden), then the run dies before the
    # publish commits; meanwhile another document reporting the same events is stored:
    # the store reads exactly like one that never saw the long document, and publishing
    # it afterwards gives exactly the store of a run that saw both
    p = with_settings(chunk_chars=CHUNK)
    db = tmp_path / "s.duckdb"
    real_publish = staging.publish

    def die_in_publish(store, result, *a, **k):
        with store._transaction() as con:  # inside the transaction, after its work
            con.execute("DELETE FROM staged_documents")
            raise _Killed()

    monkeypatch.setattr(staging, "publish", die_in_publish)
    with Store(db) as s, pytest.raises(_Killed):
        jobs.run([long_file], s, p)
    monkeypatch.setattr(staging, "publish", real_publish)
    story = sorted(articles.iterdir())[0]
    with Store(db) as s:
        (left,) = staging.staged(s)
        assert left["chunks_done"] == left["chunks"]
        with s._use() as con:  # written, hidden
            assert con.execute("SELECT count(*) FROM reports").fetchone()[0] > 50
        jobs.run([story], s, p)
        seen = _readers(s, left["doc_id"])
    seen_cli = _cli(db)
    ref_db = tmp_path / "ref.duckdb"
    with Store(ref_db) as s:
        jobs.run([story], s, p)
        ref = _readers(s, left["doc_id"])
    assert seen["counts"]["documents"] == 1 and seen["counts"]["events"] > 0
    assert seen == ref
    assert seen_cli == _cli(ref_db)
    # the web API reads the same store the same way
    from fastapi.testclient import TestClient

    from dyadwatch.web import create_app

    def api(path: Path) -> list:
        with TestClient(create_app(path)) as c:
            return [c.get(u).json() for u in (
                "/api/v1/status", "/api/v1/events?reports=true&factual=all&limit=1000",
                f"/api/v1/documents/{left['doc_id']}")]

    got, want = api(db), api(ref_db)
    assert got[1:] == want[1:] and got[0]["counts"] == want[0]["counts"]
    # the next run publishes it: the store of a run over both inputs
    with Store(db) as s:
        jobs.run([long_file], s, p)
        published = _snapshot(s)
    with Store(tmp_path / "both.duckdb") as s:
        jobs.run([story, long_file], s, p)
        assert published == _snapshot(s)


@pytest.mark.parametrize("fetch", [1, 7])
def test_publish_gives_the_same_store_whatever_its_batch_size(tmp_path, long_file,
                                                             with_settings, monkeypatch, fetch):
    # the publish reads reports in pages of stream.PAGE_ROWS and writes canonical events
    # in batches: one row at a time and the default give the very same store, ids included
    from dyadwatch.store import duck, stream

    p = with_settings(chunk_chars=CHUNK)
    with Store(tmp_path / "default.duckdb") as s:
        jobs.run([long_file], s, p)
        default = (_snapshot(s), _full(s), _full(s, canonical=False))
    monkeypatch.setattr(duck, "_FETCH_ROWS", fetch)
    monkeypatch.setattr(stream, "PAGE_ROWS", fetch)  # the publish's pages of reports
    with Store(tmp_path / "small.duckdb") as s:
        jobs.run([long_file], s, p)
        assert (_snapshot(s), _full(s), _full(s, canonical=False)) == default


def test_hidden_reports_never_join_the_events_of_other_documents(tmp_path, pipeline):
    # two dated reports of the same events: the first document's are written in chunks
    # (hidden), the second is stored whole meanwhile; its events must not take the hidden
    # reports in (they would show a document no reader can open), and the publish then
    # merges them, as a store given both documents at once does
    from dyadwatch.jobs import extract

    text = " ".join(SENTENCES)
    first = extract(text=text, published="2024-05-06", pipeline=pipeline)
    second = extract(text=text + " Officials gave no figures.", published="2024-05-06",
                     pipeline=pipeline)
    assert first.events and all(e.date for e in first.events)
    with Store(tmp_path / "s.duckdb") as s:
        doc = first.document
        assert staging.begin(s, doc.doc_id, doc.content_hash, None, CHUNK, 1, "r") == (0, 0, 0)
        staging.add_chunk(s, doc.doc_id, "r", 0, first.sentences, first.events, first.coder,
                          first.tokens)
        jobs.store_result(s, second)
        meanwhile = _full(s)
        staging.publish(s, first, None, "r")
        after = _full(s)
    with Store(tmp_path / "second.duckdb") as s:
        jobs.store_result(s, second)
        assert meanwhile == _full(s)
    with Store(tmp_path / "both.duckdb") as s:
        jobs.store_result(s, first)
        jobs.store_result(s, second)
        assert after == _full(s)
    assert any(len(e["sources"]) == 2 for e in after)  # the two documents' reports merged


def test_a_long_body_is_stored_in_parts_and_read_back_whole(tmp_path, long_file, with_settings,
                                                            monkeypatch):
    # bodies over BODY_PART_CHARS are written a part per transaction before the publish;
    # a publish killed among them leaves nothing visible, and readers get the body whole
    p = with_settings(chunk_chars=CHUNK)
    body = next(iter(read_path(long_file))).body
    monkeypatch.setattr(staging, "BODY_PART_CHARS", 3000)
    db = tmp_path / "s.duckdb"
    real_insert_part, parts = staging._write_parts, []

    def die_at_third_part(store, doc_id, owner, text):
        real_tx = store._transaction

        @contextmanager
        def counting():
            with real_tx() as con:
                yield con
                parts.append(1)
                if len(parts) == 3:
                    raise _Killed()

        monkeypatch.setattr(store, "_transaction", counting)
        try:
            return real_insert_part(store, doc_id, owner, text)
        finally:
            monkeypatch.setattr(store, "_transaction", real_tx)

    monkeypatch.setattr(staging, "_write_parts", die_at_third_part)
    with Store(db) as s, pytest.raises(_Killed):
        jobs.run([long_file], s, p)
    monkeypatch.setattr(staging, "_write_parts", real_insert_part)
    with Store(db) as s:
        assert s.counts()["documents"] == s.counts()["reports"] == 0
        (left,) = staging.staged(s)
        with s._use() as con:
            assert con.execute("SELECT count(*) FROM document_parts").fetchone()[0] == 2
        summary = jobs.run([long_file], s, p)
        assert summary.documents == 1 and not summary.rejections
        with s._use() as con:
            n, stored = con.execute("SELECT count(*), any_value(d.body) FROM document_parts "
                                    "JOIN documents d USING (doc_id)").fetchone()
        assert n == -(-len(body) // 3000) and stored is None  # in parts, not in the row
        assert s.document(left["doc_id"]).body == body
        assert s.documents_by_id([left["doc_id"]], body=True)[left["doc_id"]].body == body
        in_parts = _snapshot(s)
    monkeypatch.setattr(staging, "BODY_PART_CHARS", 10**9)
    with Store(tmp_path / "whole.duckdb") as s:
        jobs.run([long_file], s, p)
        assert s.document(left["doc_id"]).body == body
        assert _snapshot(s) == in_parts


def test_a_document_left_in_chunks_then_coded_whole_replaces_its_chunks(
        tmp_path, long_file, with_settings, monkeypatch):
    # a run stopped after 2 chunks; the next codes the file whole (a larger chunk size):
    # the hidden chunks go, the document is stored once, as by a run that never stopped
    db = tmp_path / "s.duckdb"
    real_add = staging.add_chunk
    calls = []

    def add_then_die(*a, **k):
        if len(calls) == 2:
            raise _Killed()
        calls.append(1)
        return real_add(*a, **k)

    monkeypatch.setattr(staging, "add_chunk", add_then_die)
    with Store(db) as s, pytest.raises(_Killed):
        jobs.run([long_file], s, with_settings(chunk_chars=CHUNK))
    monkeypatch.setattr(staging, "add_chunk", real_add)
    whole = with_settings(chunk_chars=10**6)
    with Store(db) as s:
        summary = jobs.run([long_file], s, whole)
        assert summary.documents == 1 and not summary.rejections and staging.staged(s) == []
        got = _snapshot(s)
    with Store(tmp_path / "once.duckdb") as s:
        jobs.run([long_file], s, whole)
        assert got == _snapshot(s)
