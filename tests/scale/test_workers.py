"""Coding on several processes gives the same results, in the same order, as one.

The texts are our own short wire-style sentences; two worker processes each load the
model, so this module is marked slow.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyadwatch.model import Document, Result
from dyadwatch.pipeline import CodingFailure, Settings
from dyadwatch.errors import InputTooLarge
from dyadwatch.workers import (Annotated, Deferred, WorkerPool, WorkerStats, _batches, code_ordered,
                               input_error)

TEXTS = [
    "ISLAMABAD (Reuters) - Pakistan recalled its ambassador from Iran on Wednesday after "
    "Iranian missiles struck a village in Balochistan.",
    "Iran's foreign minister condemned the Pakistani air strikes on Thursday.",
    "The weather in Lahore was mild and nobody did anything to anyone.",
    "India and Pakistan agreed to resume talks next month, officials said.",
    "TEHRAN - Iranian troops fired on Pakistani border guards near Saravan, killing two.",
]


def _docs() -> list[Document]:
    return [Document(doc_id=f"scale-{i}", body=t, published=date(2024, 1, 17))
            for i, t in enumerate(TEXTS)]


def _canonical(outcome: object) -> object:
    if isinstance(outcome, Result):
        return json.dumps(outcome.to_dict(explain=True), sort_keys=True, default=str)
    return outcome


def test_batches_are_cut_by_documents_and_characters() -> None:
    items = [(i, Document(doc_id=str(i), body="x" * n)) for i, n in enumerate([5, 5, 20, 6])]
    items.insert(1, ("bad line", None))  # a key without a document stays in its place
    cut = [[k for k, _ in b] for b in _batches(iter(items), max_docs=2, max_chars=25)]
    assert cut == [[0, "bad line", 1], [2], [3]]


def _events_of(store) -> list[str]:
    from dyadwatch.store import EventQuery

    rows = []
    for ev in store.events(EventQuery(factual=None, sort="id")):
        reports = [json.dumps(r.to_dict(explain=True), sort_keys=True, default=str)
                   for r in store.reports_of(ev.event_id)]
        rows.append(json.dumps([ev.to_dict(explain=True), reports], sort_keys=True, default=str))
    return rows


@pytest.mark.slow
def test_run_with_two_workers_stores_what_one_stores(tmp_path, pipeline) -> None:
    from dyadwatch import jobs
    from dyadwatch.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "03-copy.txt").write_text(TEXTS[3] + "\n", encoding="utf-8")  # an exact copy
    (folder / "09-empty.txt").write_text("", encoding="utf-8")  # rejected at ingest
    stored = []
    for workers in (1, 2):
        stats = WorkerStats()
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            summary = jobs.run([folder], store, pipeline if workers == 1 else None,
                               workers=workers, settings=Settings(), stats=stats)
            stored.append((summary.as_dict() | {"run_id": "", "seconds": 0},
                           [(r.where, r.stage, r.reason) for r in summary.rejections],
                           store.counts(), _events_of(store)))
        assert stats.peak_rss_mb and stats.stage_seconds["spacy"] > 0
    assert stored[0][3], "the texts were coded into events"
    assert stored[1] == stored[0]


@pytest.mark.slow
def test_extract_jsonl_with_two_workers_keeps_line_order(tmp_path, pipeline) -> None:
    from dyadwatch import jobs

    lines = [json.dumps({"id": f"j{i}", "text": t}) for i, t in enumerate(TEXTS)]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"id": "no-text", "title": "A record without a body"}))
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def lines_of(**kw) -> list:
        return [(n, _canonical(r) if isinstance(r, Result) else f"{type(r).__name__}: {r}")
                for n, _rec, r in jobs.extract_jsonl(src, **kw)]

    one = lines_of(pipeline=pipeline, workers=1)
    assert [n for n, _ in one] == list(range(1, len(lines) + 1))
    assert "line is not JSON" in one[2][1]
    # built in the worker, the record's error keeps its class and wording
    assert one[4][1] == (f"InputError: {src}:5: record has neither a non-empty 'text' nor "
                         "'html' field")
    assert lines_of(workers=2) == one
    # a started pool: both pipelines built once, then used for two files
    stats = WorkerStats()
    with WorkerPool(2, Settings()) as pool:
        assert pool.start() > 0 and len(pool.build_seconds) == 2
        assert lines_of(pool=pool, stats=stats) == one
        assert lines_of(pool=pool) == one
    assert not stats.build_seconds, "the pool's workers had built their pipelines already"


@pytest.mark.slow
def test_a_pool_that_cannot_load_the_model_says_so() -> None:
    from dyadwatch.errors import ConfigError

    with WorkerPool(2, Settings(model="no_such_model_xyz")) as pool:
        with pytest.raises(ConfigError, match="no_such_model_xyz"):
            pool.start(timeout=300)


def _too_large(where: str) -> Document:
    raise InputTooLarge(where, "3.0 MB of input, over the limit")


def _bug(where: str) -> Document:
    raise ValueError("bad value")


def test_a_deferred_document_that_cannot_be_built_fails_alone(pipeline) -> None:
    items = [(0, Deferred(_too_large, ("f.jsonl:1",), 10, "f.jsonl:1")),
             (1, _docs()[0]),
             (2, Deferred(_bug, ("f.jsonl:3",), 10, "f.jsonl:3"))]
    out = list(code_ordered(items, pipeline=pipeline))
    assert [k for k, _, _ in out] == [0, 1, 2]
    big, coded, bug = (o for _, _, o in out)
    assert isinstance(input_error(big), InputTooLarge)
    assert str(input_error(big)) == "f.jsonl:1: 3.0 MB of input, over the limit"
    assert isinstance(coded, Result) and out[1][1] is items[1][1]
    assert str(input_error(bug)) == ("f.jsonl:3: internal error ValueError: bad value "
                                     "(please report)")
    assert out[0][1] is None and out[2][1] is None  # no document was built


def test_batch_outcome_matches_process_and_a_failure_stays_alone(pipeline, monkeypatch) -> None:
    docs = _docs()[:3]
    alone = [_canonical(pipeline.process(d)) for d in docs]
    assert [_canonical(o) for o in pipeline.code_batch(docs)] == alone
    real = pipeline.coder.code

    def code(doc, mentions, document, *rest):
        if document.doc_id == "scale-1":
            raise RuntimeError("boom")
        return real(doc, mentions, document, *rest)

    monkeypatch.setattr(pipeline.coder, "code", code)
    out = pipeline.code_batch(docs)
    assert isinstance(out[1], CodingFailure) and out[1].internal
    assert out[1].describe() == "internal error RuntimeError: boom (please report)"
    assert [_canonical(out[0]), _canonical(out[2])] == [alone[0], alone[2]]


def _body_length(document: Document) -> int:
    return len(document.body)


def test_annotate_runs_on_each_coded_document(pipeline) -> None:
    docs = _docs()[:2]
    items = [("a", docs[0]), ("skip", None), ("b", docs[1])]
    out = list(code_ordered(items, pipeline=pipeline, annotate=_body_length))
    assert [k for k, _, _ in out] == ["a", "skip", "b"]
    first, none, second = (o for _, _, o in out)
    assert isinstance(first, Annotated) and first.note == len(TEXTS[0])
    assert first.result.document is docs[0] and none is None
    assert isinstance(second, Annotated) and second.note == len(TEXTS[1])
