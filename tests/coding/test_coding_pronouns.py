"""Pronoun subjects the actor stage leaves unresolved, resolved for the coder's roles
(``coding/pronouns.py``); our own sentences."""

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
    assert evs and "the earlier subject 'rebels'" in evs[0].evidence["why"]


def test_a_plural_pronoun_does_not_take_a_singular_subject(pipeline) -> None:
    # "They" cannot be "Kenya": no source, no event from the second sentence
    evs = _events(pipeline, "Kenya closed its border on Monday. They attacked a Somali "
                            "army base on Tuesday.")
    assert not any(e.sentence_index == 1 and e.source.country == "KEN" for e in evs), \
        [(e.sentence_index, e.source.code, e.cameo) for e in evs]


def test_it_is_never_a_person(pipeline) -> None:
    from dyadwatch.coding.pronouns import _agrees

    class _M:  # a stand-in mention of a person
        kind, end = "person", 1

    class _T:
        tag_, ent_type_ = "NNP", "PERSON"

        class doc:  # noqa: N801 - the token's doc, indexable
            def __getitem__(self, i):
                return _T()
        doc = doc()

    assert not _agrees("it", _T(), (_M(),))
    assert _agrees("he", _T(), (_M(),))
