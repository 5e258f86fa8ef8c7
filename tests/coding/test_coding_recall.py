"""Recall constructions (issue 11, coder-recall round), on our own sentences: a participle
describing an issued text is the issuer's act; a text noun is aimed at its participle's
object."""

from __future__ import annotations

import pytest
from keys_kit import event_keys as _keys




@pytest.mark.parametrize("text,key", [
    # the participle describes the issued text: the issuer is its source
    ("The Kenyan opposition issued a statement demanding that the government free the "
     "detained journalists.", ("KEN", "KEN", "1053")),
    ("Ghana's parliament passed a resolution condemning Togo for the border killings.",
     ("GHA", "TGO", "111")),
    # the text noun is aimed at the participle's object
    ("Colombia filed a lawsuit accusing Venezuela of harbouring rebels.", ("COL", "VEN", "115")),
])
def test_construction(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_a_statement_noun_is_not_doubled_by_its_participle(pipeline) -> None:
    # "a statement supporting X" is the support, not also a comment aimed at X
    keys = _keys(pipeline, "Peru issued a statement supporting Bolivia in the dispute.")
    assert ("PER", "BOL", "051") in keys and ("PER", "BOL", "010") not in keys, keys


def test_an_event_noun_is_no_issued_text(pipeline) -> None:
    # the parade supports X, not the ones who boycotted it (text_nouns: texts only)
    keys = _keys(pipeline, "Kenya boycotted the parade supporting Uganda on Saturday.",
                 factual=False)
    assert not any(s == "KEN" and c.startswith("05") for s, _, c in keys), keys


def test_a_passive_governor_gives_no_issuer(pipeline) -> None:
    # "a report accusing X was released by Y": no subject to inherit from the passive
    keys = _keys(pipeline, "A report accusing Sudan was released on Monday.", factual=False)
    assert not any(s == "SDN" for s, _, _ in keys), keys


@pytest.mark.parametrize("text,key", [
    # an appeal to the world / the international community / donors addresses no actor
    ("Chile urged the international community to help end the drought in Bolivia.",
     ("CHL", None, "023")),
    ("The United Nations appealed to donors for aid to the flood victims.", ("IGO", None, "023")),
])
def test_appeal_to_the_world_is_source_only(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert any(k[0] == key[0] and k[1] is None and k[2][:2] == "02" for k in keys), keys


def test_an_appeal_to_an_actor_keeps_its_target(pipeline) -> None:
    # the world named inside the appeal's content does not remove the addressee
    keys = _keys(pipeline, "Ecuador urged Peru to respect the will of the international community.")
    assert ("ECU", "PER", "020") in keys, keys


@pytest.mark.parametrize("text,key", [
    # codebook nouns, alone or through a light verb
    ("Peru made overtures to Chile to end the fishing dispute.", ("PER", "CHL", "030")),
    ("The Chilean president gave a warm welcome to the Bolivian foreign minister.",
     ("CHL", "BOL", "043")),
    ("Farmers issued a stinging rebuke to French politicians over the quotas.",
     ("FRA", "FRA", "111")),
    ("Norway's donation to Malawi paid for the new clinics.", ("NOR", "MWI", "070")),
    # codebook verbs: resignations (0831) stand without a target; refuge sought in a country
    ("The Peruvian prime minister resigned on Friday.", ("PER", None, "0831")),
    ("The Malian president stepped down after the vote.", ("MLI", None, "0831")),
    ("Hundreds of Eritrean families sought refuge in Sudan.", ("ERI", "SDN", "0233")),
])
def test_codebook_predicates(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_announced_troop_reduction_is_an_intent(pipeline) -> None:
    keys = _keys(pipeline, "Italy will reduce its troops in Lebanon next year.", factual=False)
    assert any(s == "ITA" and c.startswith("035") for s, _, c in keys), keys


def test_a_misread_verb_lemma_reaches_its_patterns(pipeline) -> None:
    # spaCy lemmatises "staged" as "stag": the lexicon's verb_lemma_fixes map it back
    keys = _keys(pipeline, "Students in Peru staged demonstrations against the mining minister.")
    assert any(s == "PER" and c.startswith("14") for s, _, c in keys), keys


def test_verb_lemma_fixes_are_validated(tmp_path) -> None:
    import json

    from dyadwatch.coding.lexicon import Lexicon
    from dyadwatch.errors import ConfigError
    from dyadwatch._resources import read_text

    data = json.loads(read_text("coding", "lexicon.json"))
    data["maps"]["verb_lemma_fixes"]["map"] = {"Stag": "stage"}
    with pytest.raises(ConfigError, match="verb_lemma_fixes"):
        Lexicon.from_text(json.dumps(data), "test.json")
    del data["maps"]["verb_lemma_fixes"]  # optional: a user's file may leave it out
    assert Lexicon.from_text(json.dumps(data), "test.json").verb_lemma_fixes == {}


@pytest.mark.parametrize("text,key", [
    # a protest is aimed at whom its purpose clause demands from or protests against
    # (not the default: the government of the protesters' own country)
    ("Greek students staged demonstrations to demand an apology from Turkey.",
     ("GRC", "TUR", "141")),
    ("Opposition activists in Togo began a hunger strike to demand the resignation of "
     "the Beninese president.", ("TGO", "BEN", "142")),
])
def test_protest_purpose_clause_gives_the_target(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


@pytest.mark.parametrize("text,key", [
    # force used on a vehicle is aimed at the passengers its participle names
    ("Gunmen ambushed a convoy carrying Malian soldiers near Gao.", ("MLI", "MLI", "190")),
    ("A roadside bomb hit a bus transporting Pakistani pilgrims in Quetta.",
     ("PAK", "PAK", "1833")),
])
def test_attacked_vehicle_stands_for_its_passengers(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_passengers_only_for_force(pipeline) -> None:
    # a vehicle stopped is no act against its passengers (roots 18-20 only)
    keys = _keys(pipeline, "Greek police stopped a bus carrying Turkish fans.", factual=False)
    assert not any(t == "TUR" for _, t, _ in keys), keys
