"""``build_report`` on a small invented crisis whose every event is known."""

from __future__ import annotations

from datetime import date

import pytest
from report_builders import crisis_store

from dyadwatch.errors import QueryError
from dyadwatch.report import build_report
from dyadwatch.store import EventQuery


@pytest.fixture(scope="module")
def store():
    s = crisis_store()
    yield s
    s.close()


@pytest.fixture(scope="module")
def report(store):
    return build_report(store, "ARM-AZE")


def test_each_canonical_event_once_with_all_its_sources(store, report):
    stored = store.events(EventQuery(dyad="ARM-AZE", factual=True))
    assert sorted(t.event_id for t in report.timeline) == sorted(e.event_id for e in stored)
    strike = next(t for t in report.timeline if t.event.cameo == "195")
    assert strike.sources == ("S1", "S2")  # Caucasus Wire 13 Sep, Yerevan Evening 15 Sep
    assert [q.sentence for q in strike.quotes] == [
        "Azerbaijani forces shelled positions near Jermuk on 12 September.",
        "The shelling of 12 September hit army posts near Jermuk."]
    assert strike.independent == 2 and "single-source" not in strike.flags
    assert [t.ref for t in report.timeline] == [f"E{i}" for i in range(1, 8)]
    # the domestic event (ARM-ARM) is not in the ARM-AZE report
    assert all(t.event.dyad_target != t.event.source.country for t in report.timeline)


def test_sources_are_numbered_by_publication_date(report):
    assert [(s.ref, s.outlet, s.published) for s in report.sources] == [
        ("S1", "Caucasus Wire", date(2022, 9, 13)), ("S2", "Yerevan Evening", date(2022, 9, 15)),
        ("S3", "Baku Observer", date(2022, 9, 21))]
    assert report.sources[0].url == "https://caucasuswire.example/a"
    assert len(report.sources[1].events) == 3


def test_dates_the_text_does_not_give_are_flagged_not_hidden(report):
    accused = next(t for t in report.timeline if t.event.cameo == "112")
    assert "article-date" in accused.flags and accused.when_short.endswith("*")
    assert "does not give" in accused.sentence and "reported on 15 September" in accused.sentence


def test_summary_sentences_link_their_events_and_documents(report):
    ids = {t.event_id for t in report.timeline}
    texts = [s.text for s in report.summary]
    assert texts[0].startswith("From 12 September to 20 September 2022 the store holds 7 events "
                               "between Armenia and Azerbaijan (4 by Armenia, 3 by Azerbaijan)")
    for s in report.summary:
        assert set(s.event_ids) <= ids
        docs = {d for t in report.timeline if t.event_id in s.event_ids for d in t.event.sources}
        assert set(s.doc_ids) <= docs
    assert ("On 12 September Azerbaijan launched air or missile strikes on Armenia in Jermuk, "
            "Armenia.") in texts
    assert "On 16 September Armenia and Azerbaijan spoke with each other by telephone." in texts
    call = next(s for s in report.summary if "telephone" in s.text)
    assert len(call.event_ids) == 2
    assert report.summary[-1].kind == "caveat" and "single document" in report.summary[-1].text


def test_the_analysis_is_shown_not_recomputed(report):
    assert report.view is not None and report.series is report.view.series
    assert len(report.episodes) == len(report.view.episodes)
    assert len(report.chain) == len([k for k in report.view.retaliations
                                     if report.entry(k.action_id) and report.entry(k.response_id)])
    for step in report.chain:
        answer = report.entry(step.answer)
        assert any(tag.kind == "retaliation" for tag in answer.tags)


def test_armenias_shelling_answers_azerbaijans_strike(report):
    strike = next(t for t in report.timeline if t.event.cameo == "195")
    answer = next(t for t in report.timeline if t.event.cameo == "194")
    assert any(s.first == strike.event_id and s.answer == answer.event_id and s.lag_days == 2
               for s in report.chain), report.chain


def test_map_points_are_the_located_events(report):
    names = {p.name: p for p in report.map_points}
    assert set(names) == {"Jermuk", "Khankendi", "Yerevan"}
    assert names["Jermuk"].quad_class == 4 and len(names["Jermuk"].event_ids) == 1


def test_the_window_narrows_the_report(store):
    rep = build_report(store, "ARM-AZE", since="2022-09-14", until="2022-09-16")
    assert {t.event.date for t in rep.timeline} == {date(2022, 9, 14), date(2022, 9, 15),
                                                    date(2022, 9, 16)}


def test_a_directed_dyad_keeps_one_direction(store):
    rep = build_report(store, "AZE>ARM")
    assert {t.event.source.country for t in rep.timeline} == {"AZE"}
    assert rep.title == "Azerbaijan on Armenia"


def test_a_dyad_without_events_names_the_dyads_there_are(store):
    with pytest.raises(QueryError) as info:
        build_report(store, "IRN-PAK")
    assert "no factual events for IRN-PAK" in str(info.value)
    assert "ARM-AZE (7)" in str(info.value)
    with pytest.raises(QueryError):
        build_report(store, "ARM-AZE", since="2022-10-01")
    with pytest.raises(QueryError):
        build_report(store, "ARMENIA")


def test_an_event_consolidation_did_not_merge_is_flagged_as_a_possible_repeat():
    from report_builders import JERMUK, KHANKENDI, ev, result

    from dyadwatch.store import Store

    with Store(":memory:") as s:
        s.save(result("a", date(2022, 9, 13), [
            ev("a", 0, "AZEMIL", "ARMMIL", "195", date(2022, 9, 12), loc=JERMUK)],
            "Wire A", "a"))
        s.save(result("b", date(2022, 9, 14), [
            ev("b", 0, "AZEMIL", "ARMMIL", "195", date(2022, 9, 12), loc=JERMUK)], "B", "b"))
        # the same strike told a day off and placed elsewhere: consolidation keeps it apart
        s.save(result("c", date(2022, 9, 14), [
            ev("c", 0, "AZEMIL", "ARM", "195", date(2022, 9, 13), loc=KHANKENDI),
            ev("c", 1, "AZEGOV", "ARM", "190", date(2022, 9, 14), "article")], "C", "c"))
        rep = build_report(s, "ARM-AZE")
    by_day = {(t.event.date, t.event.date_precision): t for t in rep.timeline}
    strong, weak = by_day[(date(2022, 9, 12), "day")], by_day[(date(2022, 9, 13), "day")]
    assert weak.duplicate_of == strong.ref and "possible-duplicate" in weak.flags
    assert strong.duplicate_of is None
    stand_in = by_day[(date(2022, 9, 14), "article")]
    assert stand_in.duplicate_of is None  # a publication date says nothing about the day
    assert not any(weak.event_id in s.event_ids for s in rep.summary if s.kind == "events")
