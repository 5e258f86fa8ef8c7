"""The DuckDB store: round trips, idempotency, canonical events, rollback on failure."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import QueryError, StoreError
from dyadwatch.model import Location, Modality, Sentence
from dyadwatch.store import EventQuery, Store, write_events
from dyadwatch.store.consolidate import date_range, dates_compatible

from store_builders import make_event as _event
from store_builders import make_result as _result


def test_report_round_trip(store):
    ev = _event("d1")
    store.save(_result("d1", "Iran struck militant hideouts in Panjgur.", [ev]))
    (back,) = store.events(canonical=False)
    assert back.to_dict(explain=True) == ev.to_dict(explain=True)
    assert back.sources == ["d1"]


def test_canonical_event_keeps_the_report_fields_and_lists_it(store):
    ev = _event("d1")
    store.save(_result("d1", "Iran struck militant hideouts in Panjgur.", [ev]))
    (canon,) = store.events()
    assert canon.event_id.startswith("e") and canon.event_id != ev.event_id
    assert canon.reports == [ev.event_id] and canon.sources == ["d1"]
    mine = canon.to_dict(explain=True)
    theirs = ev.to_dict(explain=True)
    for key in ("event_id", "sources", "reports"):
        mine.pop(key, None)
        theirs.pop(key, None)
    assert mine == theirs


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cameo=st.sampled_from(["190", "195", "161", "0411", "051"]),
       conf=st.floats(0, 1), day=st.integers(1, 28),
       name=st.text(min_size=1, max_size=30))
def test_round_trip_property(cameo, conf, day, name):
    with Store(":memory:") as s:
        ev = _event("p1", cameo=cameo, root=cameo[:2], conf=conf, d=date(2024, 2, day))
        ev.source.name = name
        s.save(_result("p1", "body " + name, [ev]))
        (back,) = s.events(canonical=False)
        assert back.to_dict(explain=True) == ev.to_dict(explain=True)


def test_rerun_adds_nothing(store):
    r = _result("d1", "Iran struck militant hideouts in Panjgur.", [_event("d1")])
    assert store.save(r).stored
    before = store.counts()
    assert not store.save(r).stored
    assert store.counts() == before


def test_same_event_from_two_articles_is_one_event_with_two_sources(store):
    store.save(_result("d1", "first report", [_event("d1", cameo="190")]))
    out = store.save(_result("d2", "second report", [_event("d2", cameo="195",
                                                             d=date(2024, 1, 17))]))
    assert out.events_merged == 1 and out.events_new == 0
    (ev,) = store.events()
    assert ev.sources == ["d1", "d2"] and ev.reports == ["d1-0-0", "d2-0-0"]
    assert ev.cameo == "195"  # the more specific report wins
    table = store.events_table()
    assert table.column("n_sources").to_pylist() == [2]
    assert table.column("n_reports").to_pylist() == [2]


def test_reports_are_never_changed_by_merging(store):
    first = _event("d1", source="IRN", cameo="190")
    second = _event("d2", source="IRNMIL", cameo="195")
    store.save(_result("d1", "a", [first]))
    store.save(_result("d2", "b", [second]))
    reports = {e.event_id: e.to_dict(explain=True) for e in store.events(canonical=False)}
    assert reports == {first.event_id: first.to_dict(explain=True),
                       second.event_id: second.to_dict(explain=True)}
    assert [r.event_id for r in store.reports_of(store.events()[0].event_id)] == \
        ["d1-0-0", "d2-0-0"]


def test_different_dates_stay_separate(store):
    store.save(_result("d1", "a", [_event("d1")]))
    store.save(_result("d2", "b", [_event("d2", d=date(2024, 1, 25))]))
    assert len(store.events()) == 2


def test_day_reports_do_not_chain(store):
    # 16th + 17th are one night strike; the 18th is another event, even though
    # it is within a day of the 17th
    for i, day in enumerate((16, 17, 18)):
        store.save(_result(f"d{i}", f"body {i}", [_event(f"d{i}", d=date(2024, 1, day))]))
    assert sorted(len(e.reports) for e in store.events()) == [1, 2]


def test_factual_filter_and_dyad_filter(store):
    store.save(_result("d1", "a", [_event("d1"),
                                   _event("d1", 1, modality=Modality.HYPOTHETICAL),
                                   _event("d1", 2, source="INDGOV", target="PAKGOV",
                                          cameo="161", location=None)]))
    assert len(store.events()) == 2
    assert len(store.events(factual=None)) == 3
    assert len(store.events(factual=False)) == 1
    assert [e.cameo for e in store.events(dyad="PAK-IND")] == ["161"]
    assert [e.cameo for e in store.events(dyad="IND>PAK")] == ["161"]
    assert store.events(dyad="PAK>IND") == []


@pytest.mark.parametrize("dyad,field", [
    ("IRNPAK", "dyad"),  # no separator
    ("IRAN-PAK", "dyad"),  # not a code
    ("XYZ-PAK", "dyad"),  # not a known code
    ("IRN-", "dyad"),
])
def test_bad_dyads_are_query_errors(store, dyad, field):
    with pytest.raises(QueryError) as info:
        store.events(dyad=dyad)
    assert info.value.field == field and "IRN-PAK" in str(info.value)
    assert repr(dyad) in str(info.value)


@pytest.mark.parametrize("filters", [
    {"roots": ["21"]}, {"codes": ["19x"]}, {"quad_classes": [5]}, {"since": "last year"},
    {"sort": "salary"}, {"limit": -1}, {"offset": -5}, {"actor": "IR"},
    {"since": "2024-02-01", "until": "2024-01-01"}, {"nonsense": 1},
])
def test_bad_filters_are_query_errors(store, filters):
    with pytest.raises(QueryError):
        store.events(**filters)


def test_query_filters(store):
    store.save(_result("d1", "a", [
        _event("d1", 0, d=date(2024, 1, 16)),
        _event("d1", 1, source="PAKMIL", target="IRNINS", d=date(2024, 1, 18),
               location=Location("Saravan", "IRN", "Sistan and Baluchestan"),
               sentence="Pakistan struck hideouts near Saravan."),
        _event("d1", 2, source="PAKGOV", target="IRNGOV", cameo="161", d=date(2024, 1, 17),
               location=None, sentence="Pakistan recalled its ambassador from Tehran."),
        _event("d1", 3, source="IRNGOV", target="PAKGOV", cameo="036", d=date(2024, 1, 22),
               location=None, sentence="Iran said its ambassador would return.")]))
    def codes(**kw):
        return [e.cameo for e in store.events(**kw)]
    assert codes(actor="PAKGOV") == ["161", "036"]
    assert codes(source="PAK") == ["161", "195"]
    assert codes(target="IRNINS") == ["195"]
    assert codes(country="IRN") == ["195", "161", "195", "036"]
    assert codes(roots=["19"]) == ["195", "195"]
    assert codes(codes=["16", "03"]) == ["161", "036"]
    assert codes(quad_classes=[4]) == ["195", "161", "195", "036"]  # the test reports say Q4
    assert codes(text="AMBASSADOR") == ["161", "036"]
    assert codes(text="'; DROP TABLE events; --") == []
    assert store.count() == 4  # the table survived the text above
    assert codes(since=date(2024, 1, 17), until=date(2024, 1, 18)) == ["161", "195"]
    assert codes(sort="-date") == ["036", "195", "161", "195"]
    assert codes(sort="date", limit=2, offset=1) == ["161", "195"]
    assert codes(limit=10, offset=10**9) == []
    assert codes(doc_id="d1", dyad="IRN>PAK") == ["195", "036"]


def test_date_filters(store):
    store.save(_result("d1", "a", [_event("d1", d=date(2024, 1, 10)),
                                   _event("d1", 1, source="PAKMIL", target="IRNINS",
                                          d=date(2024, 1, 18))]))
    assert len(store.events(since=date(2024, 1, 15))) == 1
    assert len(store.events(until=date(2024, 1, 15))) == 1


def test_failed_save_rolls_back_and_keeps_existing(store):
    store.save(_result("d1", "a", [_event("d1")]))
    before = store.counts()
    bad = _result("d2", "b", [_event("d2", d=date(2024, 3, 1))])
    bad.sentences = [Sentence("d2", 0, "x", 0, 1), Sentence("d2", 0, "dup index", 0, 1)]
    with pytest.raises(StoreError, match="d2"):
        store.save(bad)
    assert store.counts() == before
    assert store.events()[0].doc_id == "d1"


def test_a_bad_document_in_a_batch_does_not_take_the_others_with_it(store):
    good = _result("g1", "good", [_event("g1")])
    bad = _result("b1", "bad", [_event("b1", d=date(2024, 3, 1))])
    bad.sentences = [Sentence("b1", 0, "x", 0, 1), Sentence("b1", 0, "dup index", 0, 1)]
    later = _result("g2", "good too", [_event("g2", d=date(2024, 1, 17))])
    outcomes = store.save_many([(good, None), (bad, None), (later, None)])
    assert [o.stored for o in outcomes] == [True, False, True]
    assert outcomes[1].error and "b1" in outcomes[1].error
    (ev,) = store.events()
    assert ev.sources == ["g1", "g2"]


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "x.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.close()
    with pytest.raises(StoreError, match="upgrade"):
        Store(db)


def test_not_a_store(tmp_path):
    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(StoreError, match="not a dyadwatch store"):
        Store(db, read_only=True)


def test_reading_a_missing_store_names_it(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "none.duckdb", read_only=True)


@pytest.mark.parametrize("a,b,ok", [
    # same day
    (("2024-01-16", None, "day"), ("2024-01-16", None, "day"), True),
    # a night strike reported a day apart
    (("2024-01-16", None, "day"), ("2024-01-17", None, "day"), True),
    (("2024-01-16", None, "day"), ("2024-01-19", None, "day"), False),
    # a day inside a month-precise report
    (("2024-01-16", None, "day"), ("2024-01-01", "2024-01-31", "month"), True),
    (("2024-02-16", None, "day"), ("2024-01-01", "2024-01-31", "month"), False),
    # publication-date stand-ins only merge with the same stand-in
    (("2024-01-16", None, "article"), ("2024-01-16", None, "day"), False),
    (("2024-01-20", None, "article"), ("2024-01-20", None, "article"), True),
])
def test_dates_compatible(a, b, ok):
    def r(t):
        return date_range(date.fromisoformat(t[0]), date.fromisoformat(t[1]) if t[1] else None, t[2])
    assert dates_compatible(r(a), r(b)) is ok
    assert dates_compatible(r(b), r(a)) is ok


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_text_exports(fmt):
    text = write_events([_event("d1")], fmt, None)
    assert "PAKINS" in text and "195" in text


def test_parquet_export(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    write_events([_event("d1"), _event("d2", target=None)], "parquet", out)
    t = pq.read_table(out)
    assert t.num_rows == 2 and t.column("target").to_pylist() == ["PAKINS", None]


def test_cross_border_action_against_own_nationals_belongs_to_location_dyad(store):
    # Iran strikes Iranian Baloch militants in their hideouts in Panjgur, Pakistan
    store.save(_result("d1", "a", [_event("d1", source="IRNMIL", target="IRNINS")]))
    assert len(store.events(dyad="IRN-PAK")) == 1
    assert len(store.events(dyad="IRN>PAK")) == 1
    assert store.events(dyad="PAK>IRN") == []


def test_dyad_summaries(store):
    from dyadwatch.analysis import dyad_summaries

    store.save(_result("d1", "a", [_event("d1", source="IRNMIL", target="IRNINS"),
                                   _event("d1", 1, source="PAKMIL", target="PAKINS",
                                          d=date(2024, 1, 18)),
                                   _event("d1", 2, source="INDGOV", target="PAKGOV",
                                          cameo="161", root="16", d=date(2019, 2, 15))]))
    by = {s.dyad: s for s in dyad_summaries(store)}
    assert set(by) == {"IRN-PAK", "IND-PAK", "PAK-PAK"}  # PAK-PAK: domestic
    # PAKMIL -> PAKINS located in Panjgur (PAK) stays domestic: no foreign location
    assert by["IRN-PAK"].events == 1 and by["IRN-PAK"].directed == {"IRN>PAK": 1}
    assert by["IRN-PAK"].goldstein_sum == -10.0 and by["IRN-PAK"].quad_counts[4] == 1
    assert [e.cameo for e in by["IND-PAK"].top] == ["161"]


def test_role_less_report_merges_with_role_report_and_sharpens_it(store):
    store.save(_result("d1", "a", [_event("d1", source="IRN", target="IRNINS", cameo="190")]))
    store.save(_result("d2", "b", [_event("d2", source="IRNMIL", target="IRNINS")]))
    (ev,) = store.events()
    assert ev.source.code == "IRNMIL" and ev.cameo == "195" and len(ev.sources) == 2


def test_conflicting_roles_or_places_stay_separate(store):
    store.save(_result("d1", "a", [_event("d1", source="IRNGOV")]))
    store.save(_result("d2", "b", [_event("d2", source="IRNMIL")]))
    other_place = _event("d3", source="IRNGOV")
    other_place.location = Location("Turbat", "PAK", "Balochistan", 26.0, 63.0)
    store.save(_result("d3", "c", [other_place]))  # same admin1: still the same event
    elsewhere = _event("d4", source="IRNGOV")
    elsewhere.location = Location("Peshawar", "PAK", "Khyber Pakhtunkhwa", 34.0, 71.5)
    store.save(_result("d4", "d", [elsewhere]))
    assert len(store.events()) == 3


def test_each_report_records_what_coded_it(store):
    old = {"dyadwatch": "0.1.0", "patterns": "aaa"}
    new = {"dyadwatch": "0.2.0", "patterns": "bbb"}
    store.save(_result("d1", "a", [_event("d1")], coder=old))
    store.save(_result("d2", "b", [_event("d2", d=date(2024, 1, 25))], coder=new))
    coders = {c["dyadwatch_version"]: c for c in store.coders()}
    assert coders["0.1.0"]["reports"] == 1 and coders["0.1.0"]["fingerprint"] == old
    stale = store.events(coder_id=coders["0.1.0"]["coder_id"], canonical=False)
    assert [e.doc_id for e in stale] == ["d1"]
    assert [e.doc_id for e in store.events(coder_id=coders["0.2.0"]["coder_id"])] == ["d2"]


def test_aggregate_counts_per_period(store):
    store.save(_result("d1", "a", [_event("d1", d=date(2024, 1, 16)),
                                   _event("d1", 1, source="PAKGOV", target="IRNGOV",
                                          cameo="161", d=date(2024, 1, 17), location=None)]))
    store.save(_result("d2", "b", [_event("d2", d=date(2024, 1, 16))]))
    rows = store.aggregate(EventQuery(dyad="IRN-PAK"), "D").to_pylist()
    assert [(r["period"], r["events"], r["sources"]) for r in rows] == \
        [(date(2024, 1, 16), 1, 2), (date(2024, 1, 17), 1, 1)]
    assert rows[0]["q4"] == 1 and rows[0]["goldstein_sum"] == -10.0
    (month,) = store.aggregate(EventQuery(dyad="IRN-PAK"), "M").to_pylist()
    assert month["period"] == date(2024, 1, 1) and month["events"] == 2
    with pytest.raises(QueryError):
        store.aggregate(EventQuery(), "Y")
