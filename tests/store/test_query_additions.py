"""The query-layer additions the analysis and exports read: date spans, column
projection, summed sources and document details."""

from __future__ import annotations

from datetime import date

import pytest
from store_builders import make_event, make_result

from dyadwatch.errors import QueryError
from dyadwatch.store import EventQuery


def _fill(store):
    january = make_event("d1", 2, source="PAKGOV", target="IRNGOV", cameo="111", location=None,
                         d=date(2024, 1, 1), precision="month")
    january.date_end = date(2024, 1, 31)
    overnight = make_event("d2", 1, source="PAKMIL", target="IRN", cameo="190", location=None,
                           d=date(2024, 1, 17), precision="interval")
    overnight.date_end = date(2024, 1, 18)
    store.save(make_result("d1", "a", [
        make_event("d1", 0, d=date(2024, 1, 16)),
        make_event("d1", 1, source="PAKGOV", target="IRNGOV", cameo="161", location=None,
                   d=date(2024, 1, 17)), january]))
    store.save(make_result("d2", "b", [make_event("d2", 0, d=date(2024, 1, 16)), overnight]))


def test_max_date_span_keeps_events_dated_to_within_n_days(store):
    _fill(store)
    q = EventQuery(dyad="IRN-PAK")
    assert store.count(q) == 4
    assert store.count(EventQuery(dyad="IRN-PAK", max_date_span=0)) == 2  # strike, recall
    assert store.count(EventQuery(dyad="IRN-PAK", max_date_span=1)) == 3  # + overnight
    assert store.count(EventQuery(dyad="IRN-PAK", max_date_span=30)) == 4  # + "January"
    with pytest.raises(QueryError, match="max_date_span"):
        EventQuery(max_date_span=-1)


def test_columns_projection_and_unknown_columns(store):
    _fill(store)
    t = store.events_table(EventQuery(dyad="IRN-PAK"), columns=["event_id", "date", "n_sources"])
    assert t.column_names == ["event_id", "date", "n_sources"]
    assert sorted(t.column("n_sources").to_pylist()) == [1, 1, 1, 2]
    with pytest.raises(QueryError, match="not a column"):
        store.events_table(EventQuery(), columns=["event_id", "sentence; DROP TABLE events"])
    with pytest.raises(QueryError):
        store.events_table(EventQuery(canonical=False), columns=["n_sources"])


def test_aggregate_sums_or_counts_distinct_sources(store):
    _fill(store)
    q = EventQuery(dyad="IRN-PAK", max_date_span=0)
    (distinct,) = store.aggregate(q, "M").to_pylist()
    (summed,) = store.aggregate(q, "M", distinct_sources=False).to_pylist()
    # the strike (d1, d2) and the recall (d1): 2 documents, 3 document-reports
    assert (distinct["events"], distinct["sources"]) == (2, 2)
    assert (summed["events"], summed["sources"]) == (2, 3)


def test_document_info(store):
    _fill(store)
    info = store.document_info(["d1", "d2", "missing"])
    assert set(info) == {"d1", "d2"}
    assert info["d1"]["published"] == date(2024, 1, 20) and "body" not in info["d1"]
    assert store.document_info([]) == {}
