"""The publish of a document written in chunks derives its events in bounded memory
(``store/stream.py``): the same events, ids and links as the in-memory path."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_builders import make_event, make_result
from test_consolidation import _docs, report_spec

from dyadwatch.errors import StoreError
from dyadwatch.model import CountryFrom, Modality, Sentence
from dyadwatch.store import Store, staging, stream
from dyadwatch.store.consolidate import (ClusterTally, SegmentClusterer, canonical, clusters,
                                         consolidate, order_key, segments)


def _stage_and_publish(store: Store, result, chunk: int = 3):
    """Write ``result`` as a run writes a long document: chunks of ``chunk`` reports
    (one sentence each), then the publish."""
    doc = result.document
    events = sorted(result.events, key=lambda e: e.sentence_index)
    parts = [events[i:i + chunk] for i in range(0, len(events), chunk)] or [[]]
    staging.begin(store, doc.doc_id, doc.content_hash, doc.source_path, 10, len(parts), "t")
    for n, part in enumerate(parts):
        sents = [Sentence(doc.doc_id, e.sentence_index, e.sentence, 0, 1) for e in part]
        staging.add_chunk(store, doc.doc_id, "t", n, sents, part, result.coder, 1)
    return staging.publish(store, replace(result, events=[], sentences=[]), None, "t")


def _links(store: Store) -> list[tuple]:
    with store._use() as con:
        return con.execute("SELECT event_id, report_id, doc_id FROM event_reports "
                           "ORDER BY ALL").fetchall()


def _events(store: Store) -> list[dict]:
    with store._use() as con:
        n = con.execute("SELECT event_id, n_reports, n_sources, sources FROM events "
                        "ORDER BY event_id").fetchall()
    events = store.events(factual=None, sort="id", limit=None)
    return [n, [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
                for e in events],
            # where each actor's country came from (not in to_dict)
            [(e.source.country_from, e.target and e.target.country_from) for e in events]]


def _long_document() -> list:
    """Three documents of our own: "big" has reports in 2 blocks, 3 dated segments
    (days, a month range) and undated ones; "early" and "late" report some of the same
    events (they merge with the big one's) and one of their own."""
    big = []
    for i in range(40):
        d = date(2024, 1, 10) + timedelta(days=(i % 3))
        if i % 10 == 9:
            d = date(2024, 3, 5)
        ev = make_event("big", i, d=d, conf=0.3 + (i % 5) / 10,
                        cameo=["195", "190", "193"][i % 3],
                        source=["IRNMIL", "IRN", "IRNGOV"][i % 3],
                        location=None if i % 4 == 0 else make_event("x").location,
                        published=date(2024, 3, 10))
        if i % 7 == 0:
            ev = replace(ev, date=None, date_precision="article")
        if i % 11 == 0:
            ev = replace(ev, date=date(2024, 1, 1), date_end=date(2024, 1, 31),
                         date_precision="month")
        if i % 13 == 0:
            ev = replace(ev, modality=Modality.HYPOTHETICAL)
        if i % 4 == 1:  # where the actors' countries came from: read apart (stream.py)
            ev.source.country_from = CountryFrom.DEMONYM
            ev.target.country_from = CountryFrom.PLACE
        big.append(ev)
    early = [make_event("early", 0, d=date(2024, 1, 11), published=date(2024, 1, 12)),
             make_event("early", 1, d=date(2024, 2, 20), cameo="190")]
    late = [make_event("late", 0, d=date(2024, 3, 5), cameo="1951"),
            make_event("late", 1, d=None, precision="article")]
    return [make_result("early", "early body", early, published=date(2024, 1, 12)),
            make_result("big", "big body " * 50, big, published=date(2024, 3, 10)),
            make_result("late", "late body", late)]


@pytest.mark.parametrize("page", [1, 4, 2000])
def test_streamed_publish_equals_a_whole_save_and_a_pure_consolidation(monkeypatch, page):
    # pages of 1 and 4 reports cut segments and clusters across pages
    early, big, late = _long_document()
    with Store(":memory:") as whole:
        for r in (early, big):
            whole.save(r)
        published = (_events(whole), _links(whole))
        whole.save(late)
        expected = (_events(whole), _links(whole))
    monkeypatch.setattr(stream, "PAGE_ROWS", page)
    with Store(":memory:") as s:
        s.save(early)
        out = _stage_and_publish(s, big)
        assert (_events(s), _links(s)) == published
        s.save(late)
        assert (_events(s), _links(s)) == expected
        assert out.reports == 40 and out.events_new > 0 and out.events_merged > 0
    pure = consolidate(ev for r in (early, big, late) for ev in r.events)
    assert [e["event_id"] for e in expected[0][1]] == [e.event_id for e in pure]
    assert [e["reports"] for e in expected[0][1]] == [e.reports for e in pure]


def test_the_publish_counts_are_those_of_a_whole_save():
    early, big, _ = _long_document()
    with Store(":memory:") as whole, Store(":memory:") as s:
        whole.save(early)
        s.save(early)
        saved = whole.save(big)
        published = _stage_and_publish(s, big)
    assert (published.events_new, published.events_merged) == (saved.events_new,
                                                                 saved.events_merged)


@settings(max_examples=15, deadline=None)
@given(specs=st.lists(st.lists(report_spec, min_size=0, max_size=8), min_size=1, max_size=4),
       staged=st.integers(0, 3))
def test_any_staged_document_gives_the_events_of_a_pure_consolidation(specs, staged):
    results = _docs(specs)
    staged = min(staged, len(results) - 1)
    with Store(":memory:") as s:
        for n, r in enumerate(results):
            if n == staged:
                _stage_and_publish(s, r, chunk=2)
            else:
                s.save(r)
        got = [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
               for e in s.events(factual=None, sort="id", limit=None)]
    expected = [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
                for e in consolidate(ev for r in results for ev in r.events)]
    assert got == expected


@settings(max_examples=40, deadline=None)
@given(specs=st.lists(report_spec, min_size=1, max_size=30))
def test_a_tally_gives_the_canonical_event_of_its_members(specs):
    # the running aggregates take what ``canonical`` takes from the whole list
    (reports,) = [r.events for r in _docs([specs])]
    for seg in segments(reports):
        for group in clusters(seg):
            tally = ClusterTally(group[0])
            for ev in group:
                tally.add(ev)
            assert tally.canonical() == replace(canonical(group), reports=[])
            assert tally.n == len(group)


def test_the_segment_clusterer_gives_the_clusters_of_a_segment():
    reports = [make_event("a", i, d=date(2024, 1, 10 + i % 4), source=["IRN", "IRNMIL",
               "IRNGOV"][i % 3]) for i in range(12)]
    for seg in segments(reports):
        clusterer = SegmentClusterer()
        assigned: dict[int, list[str]] = {}
        for ev in sorted(seg, key=order_key):
            assigned.setdefault(clusterer.add(ev), []).append(ev.event_id)
        assert [assigned[k] for k in sorted(assigned)] == [
            [e.event_id for e in g] for g in clusters(seg)]


def test_the_clusterer_refuses_reports_out_of_order():
    a, b = make_event("a", 0, d=date(2024, 1, 10)), make_event("a", 1, d=date(2024, 1, 9))
    clusterer = SegmentClusterer()
    clusterer.add(a)
    with pytest.raises(StoreError, match="out of the consolidation order"):
        clusterer.add(b)


def test_block_segments_cut_where_consolidate_segments_cut():
    days = [0, 1, 2, 5, 6, 20, 21, 40]
    reports = [make_event("a", i, d=date(2024, 1, 1) + timedelta(days=o))
               for i, o in enumerate(days)]
    reports.append(replace(make_event("a", 99, d=date(2024, 1, 8)), date_end=date(2024, 1, 22),
                           date_precision="interval"))
    with Store(":memory:") as s:
        s.save(make_result("a", "a", reports))
        with s._use() as con:
            got = stream.block_segments(con, "published_reports", "IRN|PAK|19|F")
    want = [(min(e.date for e in seg), max(e.date for e in seg)) for seg in segments(reports)]
    assert got == want and len(want) == 3


def test_a_tally_breaks_actor_ties_as_canonical_does():
    # the same code from two reports, one saying where its country came from: the
    # first in the cluster's order wins, in the tally as in ``canonical``
    from dyadwatch.model import CountryFrom

    a, b, c = (make_event("a", i, d=date(2024, 1, 10)) for i in range(3))
    b.source.country_from = CountryFrom.DEMONYM
    for group in ([a, b, c], [b, a, c]):
        tally = ClusterTally(group[0])
        for ev in group:
            tally.add(ev)
        assert tally.canonical().source == canonical(group).source
    assert canonical([b, a]).source.country_from is CountryFrom.DEMONYM


def test_a_publish_that_fails_midway_leaves_nothing_and_can_be_done_again(monkeypatch):
    # the links of a segment go through a temporary table: a publish that fails after
    # writing some of them rolls everything back (the table too), and the next publish
    # gives the store a whole one gives
    early, big, _ = _long_document()
    with Store(":memory:") as whole:
        whole.save(early)
        whole.save(big)
        expected = (_events(whole), _links(whole))
    real, calls = stream._write_links, []

    def fail_second(con, ids):
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("stopped in the middle of the publish")
        real(con, ids)

    with Store(":memory:") as s:
        s.save(early)
        before = (_events(s), _links(s))
        monkeypatch.setattr(stream, "_write_links", fail_second)
        with pytest.raises(RuntimeError):
            _stage_and_publish(s, big)
        assert (_events(s), _links(s)) == before and not s.has_document("big")
        monkeypatch.setattr(stream, "_write_links", real)
        assert staging.publish(s, replace(big, events=[], sentences=[]), None, "t").stored
        assert (_events(s), _links(s)) == expected
