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
from dyadwatch.workers import WorkerStats, _batches

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
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = []
    for workers in (1, 2):
        outs.append([(n, _canonical(r) if isinstance(r, Result) else str(r))
                     for n, _rec, r in jobs.extract_jsonl(src, pipeline if workers == 1 else None,
                                                          workers=workers)])
    assert [n for n, _ in outs[0]] == list(range(1, len(lines) + 1))
    assert "line is not JSON" in outs[0][2][1]
    assert outs[1] == outs[0]


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
