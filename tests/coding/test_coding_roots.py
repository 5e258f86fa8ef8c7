"""Coverage of CAMEO roots 06-09 (material cooperation, aid, yield, investigate) drawn from
the codebook's code names and usage notes (``data/patterns/roots.json``), on our own
sentences: each rule fires on its construction and keeps quiet on a near miss."""

from __future__ import annotations

import json

import pytest

from dyadwatch._resources import data_path
from dyadwatch.coding.patterns import PatternSet
from keys_kit import event_keys as _keys


@pytest.mark.parametrize("text,key", [
    # 0874: leaving a place of contention is a military retreat, aimed at the place's country
    ("Israeli troops withdrew from the West Bank town of Jenin on Sunday.", ("ISR", "PSE", "0874")),
    # 0841: pardons and amnesties release persons (the codebook's usage note), not 056
    ("The Gambian president pardoned twelve Senegalese fishermen.", ("GMB", "SEN", "0841")),
    ("Indonesia granted amnesty to Acehnese rebels.", ("IDN", "IDN", "0841")),
    # 0841 both ways: a prisoner exchange
    ("Russia and Ukraine swapped prisoners on Friday.", ("RUS", "UKR", "0841")),
    ("Russia and Ukraine swapped prisoners on Friday.", ("UKR", "RUS", "0841")),
    # a counting noun does not hide the persons released
    ("Myanmar's junta freed hundreds of political prisoners.", ("MMR", "MMR", "0841")),
    # 0833: letting refugees go home is acceding to a right
    ("Zambia allowed Angolan refugees to return home.", ("ZMB", "AGO", "0833")),
    # 062: joint exercises of coordinated subjects are military cooperation, not a show of force
    ("Chad and Niger launched joint patrols along their border.", ("TCD", "NER", "062")),
    ("Russia and Belarus held joint military exercises.", ("BLR", "RUS", "062")),
    # 074: peacekeepers sent to a country
    ("Uganda deployed peacekeepers to Somalia.", ("UGA", "SOM", "074")),
    # 072: the hardware names the aid as military, with the recipient before "with"
    ("Britain supplied Kenya with armoured vehicles.", ("GBR", "KEN", "072")),
    # 0873: fighters laying down their weapons (no target)
    ("Colombian rebels laid down their weapons.", ("COL", None, "0873")),
    # 082: organisers calling off their own strike (no target)
    ("The Kenyan teachers' union called off its national strike.", ("KEN", None, "082")),
    # 0814: ending a state of emergency
    ("The Thai government ended the state of emergency in Bangkok.", ("THA", "THA", "0814")),
    # 087: an actual halt of one's own offensive
    ("Israel halted its offensive against Hamas.", ("ISR", "PSE", "087")),
    # 091: the form prosecutors open an investigation in
    ("Ukrainian prosecutors opened a criminal case against the Russian general.",
     ("UKR", "RUS", "091")),
    # promises of aid are 033x (the codebook's 07x usage notes), recipient after "for"
    ("Denmark pledged emergency relief aid for Haiti.", ("DNK", "HTI", "0333")),
    # lending money and debt relief are economic aid
    ("Saudi Arabia lent Pakistan 2 billion dollars in March.", ("SAU", "PAK", "071")),
    ("Germany forgave Zambia's debt.", ("DEU", "ZMB", "071")),
    # rescue teams sent abroad: humanitarian aid
    ("Greece dispatched rescue teams to Turkey after the quake.", ("GRC", "TUR", "073")),
    # energy supplied abroad: economic cooperation
    ("Algeria exported gas to Spain through the pipeline.", ("DZA", "ESP", "061")),
    # seized vessels released; assets unfrozen
    ("Iran released the Greek tanker on Tuesday.", ("IRN", "GRC", "0842")),
    ("Britain unfroze Libyan assets.", ("GBR", "LBY", "085")),
    # the code follows the object's type: a released person is 0841, a released thing 0842
    ("Venezuela freed the American businessman on Saturday.", ("VEN", "USA", "0841")),
    ("Ghana released the impounded Nigerian trucks.", ("GHA", "NGA", "0842")),
])
def test_roots_06_09_constructions(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


@pytest.mark.parametrize("text,bad", [
    # leaving talks, a union or a race is no military retreat
    ("Britain withdrew from the European Union.", "0874"),
    ("The candidate withdrew from the presidential race in Peru.", "0874"),
    # the police ending a protest is no concession by the protesters
    ("The police ended the protest by force in Nairobi.", "082"),
    # a lone country's exercises are not cooperation
    ("Iran held military exercises near the Strait of Hormuz.", "062"),
    # figurative lending and a sports team are no aid
    ("The ministry lent its support to the plan of Kenya.", "071"),
    ("Norway sent its team to the World Cup in Qatar.", "073"),
    # releasing a report publishes it: no yield at all
    ("The United Nations released a report on Syria.", "084"),
])
def test_roots_near_misses(pipeline, text, bad) -> None:
    keys = _keys(pipeline, text, factual=False)
    assert not any(c.startswith(bad) for _, _, c in keys), keys


def test_the_roots_file_is_loaded_and_constrained() -> None:
    pats = json.loads(data_path("patterns", "roots.json").read_text(encoding="utf-8"))["patterns"]
    # roots 06-09, and the promises of aid (033x) the 07x usage notes send there
    assert pats and all(p["code"][:2] in ("06", "07", "08", "09") or p["code"].startswith("033")
                        for p in pats)
    # no bare verb: every verb pattern names its object, particle, preposition or cues
    for p in pats:
        if p["pos"] == "verb":
            assert any(p.get(k) for k in ("object", "particle", "prep", "cues")), p["id"]
    ids = {p.id for p in PatternSet.default().patterns}
    assert {p["id"] for p in pats} <= ids
