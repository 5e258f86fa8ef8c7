"""Pronouns resolved by the actor stage (``actors/pronouns.py``), read by the coder as
ordinary mentions; our own sentences."""

from __future__ import annotations

import pytest

from dyadwatch.ingest import document_from_text


def _events(pipeline, text: str):
    return [e for e in pipeline.process(document_from_text(text)).events if e.factual]


@pytest.mark.parametrize("text,key", [
    # "they": the plural subject of the sentence before (a group the actors left country-less
    # keeps its code)
    ("The rebels seized two towns in eastern Congo on Monday. They attacked a Congolese army "
     "base on Tuesday.", ("CODREB", "COD", "19")),
    # "it": an organisation, singular
    ("The European Union froze the assets of three Iranian banks. It also banned Iranian "
     "flights.", ("IGOEUREEC", "IRN", "17")),
])
def test_pronoun_subject_takes_the_earlier_subject(pipeline, text, key) -> None:
    keys = {(e.source.code, e.target.country if e.target else None, e.root)
            for e in _events(pipeline, text)}
    assert key in keys, keys


def test_the_evidence_names_the_antecedent(pipeline) -> None:
    evs = [e for e in _events(pipeline, "The rebels seized two towns in eastern Congo on "
                                        "Monday. They attacked a Congolese army base on Tuesday.")
           if e.sentence_index == 1]
    assert evs and "'They' refers back to 'The rebels'" in evs[0].evidence["why"]


def test_a_plural_pronoun_does_not_take_a_singular_subject(pipeline) -> None:
    # "They" cannot be "Kenya": no source, no event from the second sentence
    evs = _events(pipeline, "Kenya closed its border on Monday. They attacked a Somali "
                            "army base on Tuesday.")
    assert not any(e.sentence_index == 1 and e.source.country == "KEN" for e in evs), \
        [(e.sentence_index, e.source.code, e.cameo) for e in evs]


def _tag(nlp, actors, text: str):
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.actor.code, m.kind,
             doc[slice(*m.antecedent)].text if m.antecedent else None)
            for m in actors.tag(doc)]


@pytest.mark.parametrize("text,pron,code,ante", [
    # "it": an organisation, singular, the subject of the sentence before
    ("The African Union suspended Mali on Friday. It also froze the assets of two Malian "
     "generals.", "It", "IGOAFRAFU", "African Union"),
    # "they": coordinated states are plural
    ("Chile and Peru signed a fishing accord in May. They later recalled their envoys from "
     "Quito.", "They", "CHL", "Chile"),
    # "she": a title noun of one person
    ("The Kenyan foreign minister arrived in Kampala on Friday. She met officials there.",
     "She", "KENGOV", "Kenyan foreign minister"),
    # "it" under "be" with an adjective of readiness is the state, not an empty subject
    ("Ghana said on Monday that it was willing to mediate between the two parties.", "it",
     "GHA", "Ghana"),
    ("Bolivia closed the border crossing. It is prepared to reopen it next month.", "It",
     "BOL", "Bolivia"),
])
def test_a_subject_pronoun_is_the_earlier_subject_of_its_kind(nlp, actors, text, pron, code,
                                                              ante) -> None:
    got = [g for g in _tag(nlp, actors, text) if g[0] == pron]
    assert any(c == code and a == ante for _, c, _, a in got), got


@pytest.mark.parametrize("text,pron", [
    # "they" is never one country
    ("Kenya closed its border on Monday. They attacked a Somali army base.", "They"),
    # "it" is never a person
    ("Karimi Haddad, the Kenyan foreign minister, arrived on Friday. It rained all day.", "It"),
    # expletive "it"
    ("Kenya closed its border on Monday. It is unclear why.", "It"),
    ("Kenya closed its border on Monday. It was likely to reopen within days.", "It"),
])
def test_a_pronoun_of_the_wrong_kind_stays_unresolved(nlp, actors, text, pron) -> None:
    got = [g for g in _tag(nlp, actors, text) if g[0] == pron]
    assert not got, got


def test_the_pronoun_rules_are_checked_on_load() -> None:
    from dyadwatch.actors.dictionary import _rules
    from dyadwatch.actors.pronouns import PronounRules
    from dyadwatch.errors import ConfigError

    rules = dict(_rules())
    assert PronounRules.from_rules(rules, frozenset()).lookback == 2
    bad = dict(rules, pronouns=dict(rules["pronouns"], plural=[]))
    with pytest.raises(ConfigError, match="'plural'"):
        PronounRules.from_rules(bad, frozenset())
    bad = dict(rules, pronouns=dict(rules["pronouns"], lookback="two"))
    with pytest.raises(ConfigError, match="lookback"):
        PronounRules.from_rules(bad, frozenset())
