"""The opening dateline places the lead's events and the statements of its country's
actors when their clause gives no place (issue 12 round 2).  Sentences written for these
tests."""

from __future__ import annotations

from datetime import date

from dyadwatch.pipeline import document_from_input


def _events(pipeline, text: str):
    return pipeline.process(document_from_input(text, published=date(2024, 3, 1))).events


def test_the_dateline_places_a_lead_statement(pipeline):
    text = ("NAIROBI — Kenya's foreign ministry condemned Somalia on Thursday for detaining "
            "two Kenyan aid workers.\n\nThe two were released later that day.")
    located = [e for e in _events(pipeline, text)
               if e.source.country == "KEN" and e.location is not None]
    assert located, "the condemnation gets the dateline's place"
    assert all(e.location.country == "KEN" for e in located)
    assert {e.evidence["place"]["rule"] for e in located} == {"dateline"}


def test_a_place_in_the_clause_beats_the_dateline(pipeline):
    text = ("NAIROBI — Kenyan troops shelled al-Shabaab positions near Kismayo on Thursday, "
            "the army said.")
    events = [e for e in _events(pipeline, text) if e.location is not None]
    assert events and all(e.location.name == "Kismayo" for e in events), \
        [(e.cameo, e.location) for e in events]


def test_a_statement_of_another_country_s_actor_is_not_placed_at_the_dateline(pipeline):
    text = ("NAIROBI — The Kenyan army said on Thursday that it had lost two soldiers.\n\n"
            "Somalia's president criticised Kenya on Friday for the raid.")
    som = [e for e in _events(pipeline, text) if e.source.country == "SOM"]
    assert som, "the criticism is coded"
    for e in som:
        assert e.location is None or e.location.country != "KEN"


def test_here_in_the_clause_is_the_dateline_place(pipeline):
    # not the lead sentence, and a speaker of another country: only "here" places it
    text = ("NAIROBI — Kenya hosted a regional summit on Wednesday. Somalia's president "
            "condemned Ethiopia at the summit here.")
    som = [e for e in _events(pipeline, text) if e.source.country == "SOM"]
    assert som and all(e.location is not None and e.location.name == "Nairobi" for e in som)


def test_a_place_in_the_speaker_s_phrase_is_the_statement_s_place(pipeline):
    # five edges from the verb to the place: too far for a statement, unless it is the
    # speaker's own phrase
    text = ("The permanent mission of Somalia to the United Nations in Geneva condemned "
            "Ethiopia on Wednesday.")
    som = [e for e in _events(pipeline, text) if e.source.country == "SOM"]
    assert som and all(e.location is not None and e.location.country == "CHE" for e in som)


def test_the_place_of_what_is_said_is_not_the_speaker_s(pipeline):
    text = "Somalia's president said on Wednesday that Ethiopian troops had shelled Baidoa."
    for e in _events(pipeline, text):
        if e.root in ("01", "02", "03", "04", "05", "10", "11", "12", "13"):
            assert e.location is None or e.location.name != "Baidoa"
