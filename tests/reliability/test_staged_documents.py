"""A long document is staged in the store chunk by chunk and published at once: what
readers see, what a stopped run leaves, and how the next run resumes it."""

from __future__ import annotations

import re
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
