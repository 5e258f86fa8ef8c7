"""Recall constructions (issue 11, coder-recall round), on our own sentences: a participle
describing an issued text is the issuer's act; a text noun is aimed at its participle's
object."""

from __future__ import annotations

import pytest

from dyadwatch.ingest import document_from_text


def _keys(pipeline, text: str, factual: bool = True) -> set[tuple]:
    res = pipeline.process(document_from_text(text))
    return {(e.source.country, e.target.country if e.target else None, e.cameo)
            for e in res.events if e.factual or not factual}


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
