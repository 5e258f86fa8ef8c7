"""Frames whose arguments the parse hangs outside the trigger's slots (``coding/frames.py``),
on our own sentences: a passive verbal act's "by" agent hung on its complement, stance
participles, a blast as passive agent, force on a facility (its occupants), force aimed at
its purpose's object or done with crude weapons, and obligation clauses."""

from __future__ import annotations

import pytest

from keys_kit import event_keys as _keys


@pytest.mark.parametrize("text,key", [
    # the by-phrase hangs on the possessed noun of the complement ("its treatment")
    ("Zambia was criticised over its treatment of refugees by Malawi.", ("MWI", "ZMB", "111")),
    # ... or on the active gerund of the complement
    ("Bolivia was accused of smuggling fuel across the border by Peru.",
     ("PER", "BOL", "112")),
])
def test_a_stranded_by_phrase_is_the_passive_acts_agent(pipeline, text, key) -> None:
    keys = _keys(pipeline, text, root=False)
    assert any(k[:2] == key[:2] and k[2][:2] == key[2][:2] for k in keys), keys


def _parsed(words, heads, deps, pos, tags=None):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
               tags=tags or ["XX"] * len(words))


def test_an_event_nouns_own_by_phrase_is_not_the_passive_verbs() -> None:
    from dyadwatch.coding.frames import _stranded_by

    # "X was criticised over the shelling of villages by Y": Y shelled (the unpossessed
    # event noun owns its "by" phrase) ...
    words = "X was criticised over the shelling of villages by Y".split()
    heads = [2, 2, 2, 2, 5, 3, 5, 6, 5, 8]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "prep", "pobj", "prep",
            "pobj"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "DET", "NOUN", "ADP", "NOUN", "ADP", "PROPN"]
    assert _stranded_by(_parsed(words, heads, deps, pos)[2]) is None
    # ... but "over *its* shelling of villages by Y": the possessor shelled, Y criticised
    words[4] = "its"
    deps[4] = "poss"
    pos[4] = "PRON"
    assert _stranded_by(_parsed(words, heads, deps, pos)[2]).text == "Y"


def test_a_clause_with_its_own_agent_keeps_it(pipeline) -> None:
    # "raids carried out by X": X's raids, not the condemner
    keys = _keys(pipeline, "Sudan was condemned for raids carried out by Chadian militias.",
                 factual=False)
    assert not any(k[0] == "TCD" and k[2].startswith("11") for k in keys), keys


@pytest.mark.parametrize("text,key", [
    # "be opposed to" states the subject's stance: the subject is the source (a
    # participation in talks opposed: the rejection of a meeting, 125)
    ("Ghana is opposed to Togolese participation in the talks.", ("GHA", "TGO", "12")),
    # opposing a plan is rejecting it (CAMEO 127), like the other rejection verbs
    ("Morocco is opposed to the Algerian plan for the territory.", ("MAR", "DZA", "12")),
])
def test_a_stance_participle_has_its_subject_as_source(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text, root=True), _keys(pipeline, text, factual=False)


def test_a_blast_as_passive_agent_is_an_unattributed_bombing(pipeline) -> None:
    keys = _keys(pipeline, "Three Kenyan soldiers were killed by an improvised explosive "
                           "device in Somalia.")
    assert ("SOM", "KEN", "183") in keys, keys


@pytest.mark.parametrize("text,key", [
    ("A school for Afghan refugees was attacked by Pakistani militants.", ("PAK", "AFG", "19")),
    ("The Nigerian army shelled a village held by Cameroonian rebels.", ("NGA", "CMR", "19")),
])
def test_force_on_a_facility_is_aimed_at_its_occupants(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text, root=True), _keys(pipeline, text, factual=False)


def test_a_facility_without_occupants_named_keeps_no_target(pipeline) -> None:
    keys = _keys(pipeline, "Ethiopian jets bombed a camp near the border.", factual=False)
    assert not any(t is not None and t != "ETH" for _, t, _ in keys if t), keys


def test_every_conjunct_of_an_obliged_subject_is_a_target(pipeline) -> None:
    keys = _keys(pipeline, "The African Union said Sudan and Chad should withdraw their "
                           "troops from the border.", root=True)
    assert {("SDN", "10"), ("TCD", "10")} <= {(t, c) for _, t, c in keys}, keys


def test_the_one_told_that_it_must_act_is_the_demands_target(pipeline) -> None:
    keys = _keys(pipeline, "The United States told Israel that it should halt settlement "
                           "building.", root=True)
    assert ("USA", "ISR", "10") in keys, keys
    # a third party obliged stays the target: the one told is only the audience
    keys = _keys(pipeline, "Egypt told reporters that Ethiopia must share the dam data.",
                 root=True)
    assert ("EGY", "ETH", "10") in keys, keys


@pytest.mark.parametrize("text,key", [
    # the act (firing) is factual and aimed at whom its purpose clause names; security forces
    # using force on demonstrators is violent repression (argument types: 175)
    ("Kenyan police opened fire to disperse opposition supporters in Kisumu.",
     ("KEN", "KEN", "175")),
    ("Turkish troops opened fire to stop Syrian migrants crossing the border.",
     ("TUR", "SYR", "193")),
])
def test_force_naming_no_one_is_aimed_at_its_purposes_object(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_force_without_purpose_or_object_keeps_no_target(pipeline) -> None:
    keys = _keys(pipeline, "Indian troops opened fire across the border on Monday.",
                 factual=False)
    assert not any(c.startswith("19") and t not in (None, "IND") for _, t, c in keys), keys


def test_force_with_crude_weapons_is_unconventional_violence(pipeline) -> None:
    # CAMEO 180: violence that needs no organisation or conventional weaponry
    keys = _keys(pipeline, "Militiamen armed with machetes attacked a camp for Congolese "
                           "refugees in Burundi.", factual=False)
    assert any(t == "COD" and c == "180" for _, t, c in keys), keys
    keys = _keys(pipeline, "Gunmen attacked a Kenyan police post near the Somali border.")
    assert any(t == "KEN" and c.startswith("19") for _, t, c in keys), keys


def test_an_investigation_targets_the_agent_of_what_it_is_about(pipeline) -> None:
    keys = _keys(pipeline, "Serbian police launched an investigation into alleged crimes "
                           "committed by Croatian forces against Serb civilians.", root=True)
    assert ("SRB", "HRV", "09") in keys, keys


def test_an_investigation_into_the_investigators_own_acts_has_no_other_target(pipeline) -> None:
    keys = _keys(pipeline, "Kenyan police launched an investigation into abuses committed "
                           "by Kenyan officers.", factual=False, root=True)
    assert not any(c == "09" and t not in (None, "KEN") for _, t, c in keys), keys


def test_protesters_whose_country_the_document_gives_address_their_government(pipeline) -> None:
    text = ("American carmakers cut 50,000 jobs in May, the U.S. Labor Department said. Five "
            "thousand people protesting the layoffs formed a human chain outside a factory on "
            "Sunday.")
    assert ("USA", "USA", "141") in _keys(pipeline, text), _keys(pipeline, text, factual=False)
