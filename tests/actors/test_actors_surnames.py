"""A surname standing alone after the full name is the same person (actors/dictionary.py)."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def tagged(nlp):
    from dyadwatch.actors import ActorDictionary
    from dyadwatch.text import load_nlp

    actors = ActorDictionary.default()
    nlp2 = load_nlp(extra_patterns=actors.entity_patterns())

    def run(text: str, when: date = date(2019, 2, 20)):
        doc = nlp2(text)
        return [(doc[m.start:m.end].text, m.actor.code, m.kind) for m in actors.tag(doc, when=when)]
    return run


def test_surname_after_full_name(tagged) -> None:
    got = tagged("Pakistan's Prime Minister Imran Khan denied any role. Khan offered to act "
                 "if India provided evidence.")
    assert ("Khan", "PAKGOV", "coref") in got


def test_surname_before_the_full_name_is_not_resolved(tagged) -> None:
    got = tagged("Khan spoke first. Later, Prime Minister Imran Khan denied any role.")
    assert not any(text == "Khan" for text, _, _ in got)


def test_surname_inside_another_name_is_not_resolved(tagged) -> None:
    got = tagged("Prime Minister Imran Khan denied any role. Abdul Qadeer Khan was not "
                 "involved.")
    assert [t for t, _, _ in got].count("Khan") == 0


def test_two_people_with_one_surname_leave_it_unresolved(tagged) -> None:
    # in 2010 Raul Castro governs and Fidel Castro is a former leader: "Castro" is ambiguous
    got = tagged("Raul Castro met the delegation. Fidel Castro wrote a column. Castro said "
                 "nothing.", when=date(2010, 1, 1))
    assert not any(t == "Castro" and k == "coref" for t, _, k in got)


def test_a_surname_after_a_full_name_the_parser_misread_is_the_titled_person(nlp, actors) -> None:
    # the page names "Nikki Whitcombe" first (the parser may read it as an organisation) and
    # gives her title only later ("Ambassador Whitcombe"); the surnames in between are her
    doc = nlp("Florida Gov. Ron DeSanto and Nikki Whitcombe sparred in Miami on Wednesday. "
              "Whitcombe criticized Ramaswamy for his remarks. Later, DeSanto said everybody "
              "had attacked Ambassador Whitcombe.")
    ms = actors.tag(doc, when=date(2023, 11, 9))
    codes = {doc[m.start:m.end].text: m.actor.code for m in ms}
    assert "Ambassador Whitcombe" in codes
    assert codes.get("Whitcombe") == codes["Ambassador Whitcombe"]


def test_a_name_given_surname_first_is_used_alone(nlp, actors) -> None:
    # "Wang Yi" puts the surname first; "Wang" alone later is that person
    doc = nlp("Britain's Foreign Secretary David Lammer met his Chinese counterpart Wang Yi "
              "in Beijing on Monday. Wang criticized Lammer over his remarks on Taiwan.")
    ms = actors.tag(doc, when=date(2024, 3, 4))
    codes = {doc[m.start:m.end].text: m.actor.code for m in ms}
    assert codes.get("Wang") == "CHNGOV"


@pytest.mark.parametrize("words, pos, i, expected", [
    # a surname the tagger took for an adjective inside a sentence is still a name
    (["Haley", "called", "Ramaswamy", "scum"], ["PROPN", "VERB", "ADJ", "NOUN"], 2, True),
    # a sentence-initial title-case adjective outside any entity may be the plain word
    (["Long", "queues", "formed"], ["ADJ", "NOUN", "VERB"], 0, False),
    # a lower-case word is never a name
    (["the", "long", "queue"], ["DET", "ADJ", "NOUN"], 1, False),
])
def test_name_token(nlp, words, pos, i, expected) -> None:
    from spacy.tokens import Doc

    from dyadwatch.actors.people import _name_token

    doc = Doc(nlp.vocab, words=words, pos=pos,
              sent_starts=[True] + [False] * (len(words) - 1))
    assert _name_token(doc[i]) is expected
