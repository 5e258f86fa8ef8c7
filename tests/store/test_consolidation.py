"""Canonical events are a pure function of the reports: order of ingest never matters."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from store_builders import make_event, make_result

from dyadwatch.model import Location, Modality
from dyadwatch.store import Store
from dyadwatch.store.consolidate import consolidate

PLACES = [None, Location("Panjgur", "PAK", "Balochistan", 26.9, 64.1, 1168749, "city"),
          Location("Turbat", "PAK", "Balochistan", 26.0, 63.0, 1163054, "city"),
          Location("Saravan", "IRN", "Sistan and Baluchestan", 27.4, 62.3, 115770, "city")]

report_spec = st.tuples(
    st.sampled_from(["IRNMIL", "IRN", "IRNGOV", "PAKMIL", "PAKGOV"]),  # source
    st.sampled_from(["PAKINS", "IRNINS", "PAKGOV", None]),  # target
    st.sampled_from(["190", "195", "193", "161", "036"]),  # code
    st.integers(0, 12),  # day offset
    st.sampled_from(["day", "day", "day", "month", "article", None]),  # precision
    st.integers(0, 3),  # place
    st.booleans(),  # factual
    st.floats(0.1, 0.9),  # confidence
    st.integers(0, 5),  # published offset
)


def _docs(specs: list[list[tuple]]) -> list:
    results = []
    for n, doc_specs in enumerate(specs):
        doc_id = f"doc{n:02d}"
        events = []
        for i, (src, tgt, code, off, prec, place, factual, conf, pub) in enumerate(doc_specs):
            d = date(2024, 1, 10) + timedelta(days=off)
            end = None
            if prec == "month":
                d, end = date(2024, 1, 1), date(2024, 1, 31)
            ev = make_event(doc_id, i, source=src, target=tgt, cameo=code,
                            d=d if prec else None, precision=prec or "article",
                            modality=Modality.ASSERTED if factual else Modality.HYPOTHETICAL,
                            conf=conf, location=PLACES[place],
                            published=date(2024, 1, 20) + timedelta(days=pub))
            ev.date_end = end
            events.append(ev)
        results.append(make_result(doc_id, f"body of {doc_id}", events))
    return results


def _canonical(store: Store) -> list[dict]:
    return [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
            for e in store.events(factual=None, sort="id")]


@settings(max_examples=20, deadline=None)
@given(specs=st.lists(st.lists(report_spec, min_size=0, max_size=4), min_size=1, max_size=7),
       seed=st.randoms(use_true_random=False))
def test_any_order_of_ingest_gives_the_same_canonical_events(specs, seed):
    results = _docs(specs)
    shuffled = list(results)
    seed.shuffle(shuffled)
    with Store(":memory:") as a, Store(":memory:") as b, Store(":memory:") as c:
        for r in results:
            a.save(r)
        for r in shuffled:
            b.save(r)
        c.save_many([(r, None) for r in reversed(results)])  # one batch
        expected = [{**e.to_dict(explain=True), "sources": e.sources, "reports": e.reports}
                    for e in consolidate(ev for r in results for ev in r.events)]
        assert _canonical(a) == expected
        assert _canonical(b) == expected
        assert _canonical(c) == expected
        # a full re-derivation from the stored reports changes nothing
        a.reconsolidate()
        assert _canonical(a) == expected


def test_a_late_report_reshapes_only_its_own_segment():
    with Store(":memory:") as s:
        s.save(make_result("a", "a", [make_event("a", d=date(2024, 1, 16))]))
        s.save(make_result("b", "b", [make_event("b", d=date(2024, 3, 1))]))
        far = {e.event_id for e in s.events(since=date(2024, 2, 1))}
        # a report published earlier than "a" becomes the anchor of the January event
        s.save(make_result("c", "c", [make_event("c", d=date(2024, 1, 17),
                                                 published=date(2024, 1, 17))],
                           published=date(2024, 1, 17)))
        jan = s.events(until=date(2024, 1, 31))
        assert len(jan) == 1 and jan[0].reports == ["a-0-0", "c-0-0"]
        assert {e.event_id for e in s.events(since=date(2024, 2, 1))} == far


def test_ids_depend_on_the_reports_not_on_the_store():
    results = _docs([[("IRNMIL", "PAKINS", "195", 6, "day", 1, True, 0.8, 0)],
                     [("IRNMIL", "PAKINS", "190", 6, "day", 1, True, 0.5, 1)]])
    with Store(":memory:") as a, Store(":memory:") as b:
        for r in results:
            a.save(r)
        for r in reversed(results):
            b.save(r)
        (ea,), (eb,) = a.events(), b.events()
    assert ea.event_id == eb.event_id and ea.reports == ["doc00-0-0", "doc01-0-0"]


def test_events_are_derived_from_narrow_reports_with_their_representatives_evidence():
    # the store consolidates reports read without sentence and evidence; what the
    # consolidation compares (actors with where their country came from, places, dates)
    # must survive that, and the canonical event takes its representative's sentence and
    # evidence, read back for that report alone
    from dyadwatch.model import CountryFrom

    a = make_event("a", 0, cameo="190", conf=0.9, sentence="Iran fired on Panjgur.")
    b = make_event("b", 0, cameo="195", conf=0.4, sentence="Iranian drones hit Panjgur.")
    b.evidence = {"pattern": "drone-strike.v2", "tokens": [1, 2, 3]}
    b.source.country_from = CountryFrom.DEMONYM
    with Store(":memory:") as s:
        s.save(make_result("a", "a", [a]))
        s.save(make_result("b", "b", [b]))
        with s._use() as con:
            narrow = s._load_reports(con, "ORDER BY event_id", [], narrow=True)
        (ev,) = s.events()
    assert [(r.sentence, r.evidence) for r in narrow] == [("", {}), ("", {})]
    assert [r.source.country_from for r in narrow] == [None, CountryFrom.DEMONYM]
    assert narrow[1].location == b.location and narrow[1].date == b.date
    # "195" is more specific than "190": report b is the representative
    assert (ev.cameo, ev.sentence, ev.evidence) == ("195", b.sentence, b.evidence)
    assert ev == consolidate([a, b])[0]
