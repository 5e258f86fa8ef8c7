"""The DuckDB store: round trips, idempotency, event merging, rollback on failure."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import StoreError
from dyadwatch.model import Actor, Document, Event, Location, Modality, Result, Sentence
from dyadwatch.store import Store, write_events
from dyadwatch.store.merge import date_range, dates_compatible


@pytest.fixture
def store():
    s = Store(":memory:")
    yield s
    s.close()


def _event(doc_id: str, idx: int = 0, *, source="IRNMIL", target="PAKINS", cameo="195",
           root="19", d=date(2024, 1, 16), precision="day", modality=Modality.ASSERTED,
           conf=0.8) -> Event:
    return Event(
        event_id=f"{doc_id}-{idx}-0", doc_id=doc_id, sentence_index=idx,
        sentence="Iran struck militant hideouts in Panjgur.",
        source=Actor(source, source[:3], source[3:] or None, "Iran"),
        target=Actor(target, target[:3], target[3:] or None, "Jaish al-Adl") if target else None,
        cameo=cameo, root=root, quad_class=4, goldstein=-10.0, plover_type="ASSAULT",
        plover_mode="heavy-weapons", date=d, date_precision=precision,
        location=Location("Panjgur", "PAK", "Balochistan", 26.96, 64.09, 1168749, "city"),
        modality=modality, confidence=conf, published=date(2024, 1, 20),
        evidence={"pattern": "strike.v1", "trigger": 3})


def _result(doc_id: str, body: str, events: list[Event]) -> Result:
    doc = Document(doc_id=doc_id, body=body, published=date(2024, 1, 20), title="t",
                   authors=["A. Writer"], source_path=f"/x/{doc_id}.txt")
    sents = [Sentence(doc_id, 0, body, 0, len(body))]
    return Result(doc, events, sents)


def test_event_round_trip(store):
    ev = _event("d1")
    store.save(_result("d1", "Iran struck militant hideouts in Panjgur.", [ev]))
    (back,) = store.query_events()
    assert back.to_dict(explain=True) == ev.to_dict(explain=True)
    assert back.sources == ["d1"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cameo=st.sampled_from(["190", "195", "161", "0411", "051"]),
       conf=st.floats(0, 1), day=st.integers(1, 28),
       name=st.text(min_size=1, max_size=30))
def test_round_trip_property(cameo, conf, day, name):
    with Store(":memory:") as s:
        ev = _event("p1", cameo=cameo, root=cameo[:2], conf=conf, d=date(2024, 2, day))
        ev.source.name = name
        s.save(_result("p1", "body " + name, [ev]))
        (back,) = s.query_events()
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
    (ev,) = store.query_events()
    assert sorted(ev.sources) == ["d1", "d2"]
    assert store.con.execute("SELECT n_sources FROM events").fetchall() == [(2,)]
    assert ev.cameo == "195"  # the more specific report wins


def test_different_dates_stay_separate(store):
    store.save(_result("d1", "a", [_event("d1")]))
    store.save(_result("d2", "b", [_event("d2", d=date(2024, 1, 25))]))
    assert len(store.query_events()) == 2


def test_factual_filter_and_dyad_filter(store):
    store.save(_result("d1", "a", [_event("d1"),
                                   _event("d1", 1, modality=Modality.HYPOTHETICAL),
                                   _event("d1", 2, source="INDGOV", target="PAKGOV",
                                          cameo="161", root="16")]))
    assert len(store.query_events()) == 2
    assert len(store.query_events(factual_only=False)) == 3
    assert [e.cameo for e in store.query_events(dyad="PAK-IND")] == ["161"]
    assert [e.cameo for e in store.query_events(dyad="IND>PAK")] == ["161"]
    assert store.query_events(dyad="PAK>IND") == []
    with pytest.raises(StoreError, match="IRN-PAK"):
        store.query_events(dyad="IRNPAK")


def test_date_filters(store):
    store.save(_result("d1", "a", [_event("d1", d=date(2024, 1, 10)),
                                   _event("d1", 1, source="PAKMIL", target="IRNINS",
                                          d=date(2024, 1, 18))]))
    assert len(store.query_events(since=date(2024, 1, 15))) == 1
    assert len(store.query_events(until=date(2024, 1, 15))) == 1


def test_failed_save_rolls_back_and_keeps_existing(store):
    store.save(_result("d1", "a", [_event("d1")]))
    before = store.counts()
    bad = _result("d2", "b", [_event("d2", d=date(2024, 3, 1))])
    bad.sentences = [Sentence("d2", 0, "x", 0, 1), Sentence("d2", 0, "dup index", 0, 1)]
    with pytest.raises(StoreError, match="d2"):
        store.save(bad)
    assert store.counts() == before
    assert store.query_events()[0].doc_id == "d1"


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "x.duckdb"
    with Store(db) as s:
        s.con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(StoreError, match="upgrade"):
        Store(db)


def test_not_a_store(tmp_path):
    import duckdb

    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(StoreError, match="not a dyadwatch store"):
        Store(db, read_only=True)


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
    assert len(store.query_events(dyad="IRN-PAK")) == 1
    assert len(store.query_events(dyad="IRN>PAK")) == 1
    assert store.query_events(dyad="PAK>IRN") == []


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


def test_role_less_report_merges_with_role_report_and_sharpens_it(store):
    store.save(_result("d1", "a", [_event("d1", source="IRN", target="IRNINS", cameo="190")]))
    store.save(_result("d2", "b", [_event("d2", source="IRNMIL", target="IRNINS")]))
    (ev,) = store.query_events()
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
    assert len(store.query_events()) == 3
