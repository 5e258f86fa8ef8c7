"""assign_places behaviour beyond the case table: evidence shape, missing data,
actor exclusion, containment, the statement rule and context fallback."""

from __future__ import annotations

from place_helpers import make_event

from dyadwatch.model import Document
from dyadwatch.place import assign_places


def _assign(nlp, gaz, text, **case):
    doc = nlp(text)
    case.setdefault("id", "x")
    ev = make_event(doc, {"text": text, **case})
    assign_places([ev], doc, Document("d", text), gaz, [])
    return ev


def test_no_events_is_fine(place_nlp, gazetteer):
    doc = place_nlp("Nothing happened in Quetta.")
    assign_places([], doc, Document("d", doc.text), gazetteer, [])


def test_missing_trigger_gives_no_location_with_reason(place_nlp, gazetteer):
    doc = place_nlp("Gunmen attacked a bus in Quetta.")
    ev = make_event(doc, {"id": "x", "trigger": "attacked", "cameo": "190"})
    ev.trigger = None
    assign_places([ev], doc, Document("d", doc.text), gazetteer, [])
    assert ev.location is None and ev.evidence["place"]["rule"] == "none"


def test_evidence_lists_ranked_candidates(place_nlp, gazetteer):
    ev = _assign(place_nlp, gazetteer, "Police in Hyderabad arrested a Pakistani smuggler.",
                 trigger="arrested", source={"text": "Police", "country": "PAK"},
                 target={"text": "smuggler", "country": "PAK"}, cameo="173")
    cands = ev.evidence["place"]["candidates"]
    assert ev.location.country == "PAK" and ev.location.admin1 == "Sindh"
    assert [c["country"] for c in cands[:2]] == ["PAK", "IND"]  # the rival reading is kept
    assert cands[0]["score"] > cands[1]["score"]


def test_containment_picks_most_specific(place_nlp, gazetteer):
    text = ("Missiles hit a compound near Panjgur, in Pakistan's Baluchistan province, "
            "on Tuesday night.")
    ev = _assign(place_nlp, gazetteer, text, trigger="hit",
                 source={"text": "Missiles", "country": "IRN"}, target={"text": "compound",
                                                                       "country": "PAK"})
    loc = ev.location
    assert (loc.name, loc.admin1, loc.country, loc.feature) == (
        "Panjgur", "Balochistan", "PAK", "city")
    assert abs(loc.lat - 26.97) < 0.1 and abs(loc.lon - 64.09) < 0.1
    assert loc.geonames_id == 1168446


def test_actor_country_is_not_a_scene_but_inside_is(place_nlp, gazetteer):
    base = {"trigger": "struck", "source": {"text": "Iran", "country": "IRN"},
            "target": {"text": "Pakistan", "country": "PAK"}, "cameo": "195"}
    ev = _assign(place_nlp, gazetteer, "Iran struck Pakistan on Tuesday.", **base)
    assert ev.location is None
    ev = _assign(place_nlp, gazetteer, "Iran struck targets inside Pakistan on Tuesday.",
                 **{**base, "target": {"text": "targets", "country": "PAK"}})
    assert ev.location.country == "PAK" and ev.location.feature == "country"


def test_statement_takes_only_its_own_place(place_nlp, gazetteer):
    text = "The minister said in Islamabad that Iranian drones had struck Panjgur."
    ev = _assign(place_nlp, gazetteer, text, trigger="said",
                 source={"text": "minister", "country": "PAK"}, cameo="010")
    assert ev.location.name == "Islamabad"
    text = "The minister said that Iranian drones had struck Panjgur."
    ev = _assign(place_nlp, gazetteer, text, trigger="said",
                 source={"text": "minister", "country": "PAK"}, cameo="010")
    assert ev.location is None


def test_context_needs_same_paragraph(place_nlp, gazetteer):
    case = {"trigger": "killed", "source": {"text": "blast", "country": None},
            "target": {"text": "people", "country": "AFG"}, "cameo": "190"}
    same = "A bomb exploded at a market in Jalalabad. The blast killed nine people."
    ev = _assign(place_nlp, gazetteer, same, **case)
    assert ev.location.country == "AFG" and ev.evidence["place"]["rule"] == "context"
    apart = "A bomb exploded at a market in Jalalabad.\n\nThe blast killed nine people."
    ev = _assign(place_nlp, gazetteer, apart, **case)
    assert ev.location is None
