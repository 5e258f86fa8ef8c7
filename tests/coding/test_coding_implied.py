"""The implied attacker (``coding/implied.py``): harm told in the passive, no agent named,
is coded to an unidentified armed actor (UAF) of the country where it happened; our own
sentences."""

from __future__ import annotations

import pytest

from dyadwatch.ingest import document_from_text


def _events(pipeline, text: str):
    return [e for e in pipeline.process(document_from_text(text)).events if e.factual]


def _keys(pipeline, text: str) -> set[tuple]:
    return {(e.source.code, e.target.country if e.target else None, e.cameo[:2])
            for e in _events(pipeline, text)}


@pytest.mark.parametrize("text,key", [
    # a passive verb of force, the place in its "in" phrase
    ("Three Dutch engineers were killed in northern Mali on Tuesday.", ("MLIUAF", "NLD", "19")),
    # held hostage: the place on the object the parse hangs it on
    ("Two Canadian nurses are still held hostage in Yemen.", ("YEMUAF", "CAN", "18")),
    # a bare participle describing its victims, the place from the wire dateline
    ("LAGOS (Reuters) - Police searched the forest for five Chinese workers kidnapped on Monday.",
     ("NGAUAF", "CHN", "18")),
    # the place of the "when" clause
    ("A Kurdish commander was killed when a bomb exploded under his car in a suburb of Beirut, "
      "Lebanon.",
     ("LBNUAF", None, "18")),
])
def test_passive_harm_gets_an_implied_attacker(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert any(k[0] == key[0] and k[2] == key[2] and (key[1] is None or k[1] == key[1])
               for k in keys), keys


def test_a_blast_phrase_makes_it_a_bombing(pipeline) -> None:
    keys = _keys(pipeline, "ISLAMABAD (AP) - Nine Pakistani policemen were killed in an "
                           "explosion near a checkpoint.")
    assert ("PAKUAF", "PAK", "18") in keys, keys


@pytest.mark.parametrize("text", [
    # the agent is named in the event noun's modifier
    "Four Lebanese farmers were killed in Israeli shelling near the border.",
    # ... or by an armed actor in another clause of the sentence
    "Six Afghan villagers were killed in Helmand as American troops fought the Taliban.",
    # an accident or a natural hazard is no attack
    "Twelve Kenyan pupils were killed in a bus crash in Kenya.",
    # nothing has happened yet
    "Two Danish aid workers could be kidnapped in Somalia, officials warned.",
    # no place named and no dateline: no country for the attackers
    "Three Swedish tourists were kidnapped on Sunday.",
])
def test_no_implied_attacker(pipeline, text) -> None:
    assert not any(e.source.code.endswith("UAF") for e in _events(pipeline, text)), \
        [(e.source.code, e.cameo) for e in _events(pipeline, text)]


def test_an_attack_already_told_is_not_coded_again(pipeline) -> None:
    # the passive goes on telling the raid the first sentence coded
    text = ("Sudanese troops raided a rebel camp in Darfur on Monday. Four rebels were killed "
            "in Darfur, witnesses said.")
    evs = _events(pipeline, text)
    assert not any(e.source.code.endswith("UAF") for e in evs), \
        [(e.source.code, e.cameo) for e in evs]


def test_a_headline_without_its_own_place_is_left_to_the_lead(pipeline) -> None:
    text = ("Militia leader killed in blast. BEIRUT (Reuters) - A militia leader was killed "
            "on Sunday when his car exploded in a suburb of Damascus, Syria.")
    evs = [e for e in _events(pipeline, text) if e.source.code.endswith("UAF")]
    assert evs and all(e.sentence_index > 0 and e.source.country == "SYR" for e in evs), \
        [(e.sentence_index, e.source.code) for e in evs]


def test_the_evidence_says_the_attacker_is_implied(pipeline) -> None:
    (ev,) = [e for e in _events(pipeline, "Three Dutch engineers were killed in northern "
                                          "Mali on Tuesday.") if e.source.code == "MLIUAF"]
    assert "implied attacker" in ev.evidence["steps"]
    assert "no agent named" in ev.evidence["why"]


def test_the_agent_of_the_event_noun_is_the_attacker(pipeline) -> None:
    # "in a raid by X": the noun names who did it; no unidentified attacker
    keys = _keys(pipeline, "Four Somali guards were killed in a prison break attempt by "
                           "Kenyan inmates in Mogadishu.")
    assert any(s.startswith("KEN") and t == "SOM" and r == "19" for s, t, r in keys), keys
    assert not any(s.endswith("UAF") for s, _, _ in keys), keys


def test_the_event_nouns_modifier_is_the_attacker(pipeline) -> None:
    keys = _keys(pipeline, "Four Lebanese farmers were killed in Israeli shelling near the "
                           "border.")
    assert ("ISR", "LBN", "19") in keys, keys


def test_country_less_victims_take_the_place_outside_the_event_phrase(pipeline) -> None:
    # "in Israeli tank shelling" names the attacker, not the victims' place
    text = ("RAFAH, Gaza Strip (AP) - Three children were killed in Israeli tank shelling in "
            "the south of Rafah.")
    keys = _keys(pipeline, text)
    assert ("ISR", "PSE", "19") in keys, keys
    assert not any(t == "ISR" for _, t, _ in keys), keys


def test_an_attack_named_before_is_not_given_an_unknown_attacker(pipeline) -> None:
    # the strikes were named (and protested) before: the killed are their victims
    text = ("Mali summoned Niger's ambassador on Monday to protest against drone strikes on "
            "Menaka. A local official told state radio that six people had been killed.")
    evs = _events(pipeline, text)
    assert not any(e.source.code.endswith("UAF") for e in evs), \
        [(e.source.code, e.cameo) for e in evs]


def test_a_later_sentence_naming_the_attacker_wins(pipeline) -> None:
    text = ("A Somali general was killed near Mogadishu airport on Friday. A Kenyan drone "
            "strike near Mogadishu airport killed the general and two guards.")
    evs = _events(pipeline, text)
    assert not any(e.source.code.endswith("UAF") for e in evs), \
        [(e.sentence_index, e.source.code, e.cameo) for e in evs]
