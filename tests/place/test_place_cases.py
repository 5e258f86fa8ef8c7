"""The annotated place cases (tests/place/cases.jsonl) run through assign_places.

Tune cases must all pass (each row carries its own comment: ``kind`` and the
sentence).  Held-out splits were written before the rules they test were tuned;
they are scored in aggregate against a floor so one honest miss does not break
the suite, and ``docs/eval/place.md`` reports their exact accuracy.
"""

from __future__ import annotations

import pytest
from place_helpers import load_cases, make_event

from dyadwatch.model import Document
from dyadwatch.place import assign_places
from dyadwatch.place.names import key

TUNE = load_cases("tune")
HELDOUT = [c for c in load_cases() if c["split"].startswith("heldout")]


def _run(nlp, gazetteer, case):
    doc = nlp(case["text"])
    ev = make_event(doc, case)
    assign_places([ev], doc, Document("case", case["text"]), gazetteer, [])
    return ev


def _country_ok(ev, case) -> bool:
    exp = case["expect"]
    got = ev.location.country if ev.location else None
    return got == (exp["country"] if exp else None)


def test_case_file_is_large_and_split():
    kinds = {c["kind"] for c in load_cases()}
    assert len(load_cases()) >= 50
    assert len(HELDOUT) >= 25 and len(TUNE) >= 25
    assert {"city", "admin1", "country", "variant", "ambiguous", "actor-country",
            "context", "none"} <= kinds


@pytest.mark.parametrize("case", TUNE, ids=[f"{c['id']}-{c['kind']}" for c in TUNE])
def test_tune_case(place_nlp, gazetteer, case):
    # one annotated sentence per case; see case["text"] and case["kind"]
    ev = _run(place_nlp, gazetteer, case)
    exp = case["expect"]
    ev_place = ev.evidence["place"]
    assert _country_ok(ev, case), (case["text"], ev.location, ev_place)
    if exp is None:
        assert ev.location is None or ev.location.country is None
        return
    loc = ev.location
    assert loc is not None
    if "name" in exp:
        assert key(loc.name) == key(exp["name"])
    if "admin1" in exp:
        assert loc.admin1 and key(loc.admin1) == key(exp["admin1"])
    if "feature" in exp:
        assert loc.feature == exp["feature"]
    if "lat" in exp:
        assert abs(loc.lat - exp["lat"]) < 0.5 and abs(loc.lon - exp["lon"]) < 0.5
    assert loc.lat is not None and loc.lon is not None
    assert ev_place["rule"] == case.get("rule", "sentence")
    assert ev_place["candidates"] and ev_place["text"]


def test_heldout_country_accuracy_floor(place_nlp, gazetteer):
    results = [(_country_ok(_run(place_nlp, gazetteer, c), c), c["id"]) for c in HELDOUT]
    misses = [cid for ok, cid in results if not ok]
    accuracy = 1 - len(misses) / len(results)
    assert accuracy >= 0.85, f"held-out country accuracy {accuracy:.2f}; misses {misses}"
