"""Lines, borders, seas and disputed regions are first-class places (issue 12), and the
curated data files are validated on load.  Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.errors import ConfigError
from dyadwatch.place import gazetteer as gz


@pytest.mark.parametrize("name,feature,country,involved", [
    ("Line of Control", "line", None, {"IND", "PAK"}),
    ("the LoC", "line", None, {"IND", "PAK"}),
    ("Durand Line", "border", None, {"AFG", "PAK"}),
    ("Strait of Hormuz", "sea", None, {"IRN", "OMN"}),
    ("South China Sea", "sea", None, {"CHN", "VNM", "PHL"}),
    ("Gaza Strip", "region", "PSE", {"PSE", "ISR"}),
    ("Golan Heights", "region", "ISR", {"SYR", "ISR"}),
])
def test_features_resolve_with_type_and_countries(gazetteer, name, feature, country, involved):
    top = gazetteer.candidates(name)[0][0]
    assert (top.feature, top.country) == (feature, country)
    assert involved <= set(gazetteer.feature_info(top)["countries"])


def test_no_city_without_a_geonames_id(gazetteer):
    for places in gazetteer.tables.index.values():
        for p, _how in places:
            assert p.feature != "city" or p.geonames_id, p


def _event_place(pipeline, text: str, trigger: str):
    from dyadwatch.pipeline import document_from_input

    res = pipeline.process(document_from_input(text, published=date(2024, 3, 1)))
    return [e for e in res.events if trigger in e.sentence]


def test_a_clash_on_the_line_of_control_is_a_line_not_a_city(pipeline):
    text = ("Indian and Pakistani troops exchanged fire across the Line of Control on Tuesday, "
            "the Indian army said.")
    events = _event_place(pipeline, text, "exchanged")
    located = [e for e in events if e.location is not None]
    assert located, [e.to_dict() for e in events]
    for e in located:
        assert e.location.feature == "line" and e.location.name == "Line of Control"
        assert set(e.evidence["place"]["countries"]) == {"IND", "PAK"}


def test_a_direction_is_not_a_region(pipeline):
    text = "Israeli troops shelled Gaza City in the North of the territory on Monday."
    for e in _event_place(pipeline, text, "shelled"):
        assert e.location is None or e.location.country == "PSE"


ROW = {"name": "Test Line", "aliases": "", "feature": "line", "kind": "ceasefire line",
       "iso3": "", "countries": "IND|PAK", "admin1": "", "lat": "34.0", "lon": "74.0",
       "source": "test", "note": ""}


@pytest.mark.parametrize("change,message", [
    ({"countries": "IND|XXX"}, "unknown ISO3"),
    ({"feature": "city"}, "is not one of"),
    ({"lat": "134.0"}, "bad coordinates"),
    ({"source": ""}, "no source"),
])
def test_bad_feature_rows_are_config_errors(monkeypatch, change, message):
    monkeypatch.setattr(gz, "_tsv", lambda name: [dict(ROW, **change)])
    tables = gz.Tables()
    tables.countries = {"IND": None, "PAK": None}  # type: ignore[dict-item]
    with pytest.raises(ConfigError, match=rf"features.tsv row 1 \(Test Line\): .*{message}"):
        gz._load_features(tables)
    monkeypatch.setattr(gz, "_tsv", lambda name: [ROW])
    gz._load_features(tables)  # the good row loads
    assert tables.feature_info["Test Line"]["countries"] == ["IND", "PAK"]
