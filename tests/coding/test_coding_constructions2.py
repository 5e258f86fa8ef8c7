"""Constructions of issue 11 round 2, on our own sentences: obligation clauses as demands,
event nouns carried by a vehicle noun ("a mediation mission between"), the topic of
reciprocal talks, quantity phrases as objects, targetless acts."""

from __future__ import annotations

import pytest

from dyadwatch.ingest import document_from_text


def _keys(pipeline, text: str, factual: bool = True) -> set[tuple]:
    res = pipeline.process(document_from_text(text))
    return {(e.source.country, e.target.country if e.target else None, e.cameo)
            for e in res.events if e.factual or not factual}


@pytest.mark.parametrize("text,key", [
    # a statement that another actor must act is a demand on it, its topic the sub-code
    ("Chile said on Friday that Peru must hand back the seized trawlers.", ("CHL", "PER", "1053")),
    ("Ghana declared that Togo should withdraw its soldiers from the border zone.",
     ("GHA", "TGO", "1056")),
    ("Officials in Hanoi said Cambodia must arrest the smugglers.", ("VNM", "KHM", "100")),
    # the event noun modifies a vehicle noun that carries the light verb and the actors
    ("Norway's foreign minister launched a mediation effort between Mali and Niger.",
     ("NOR", "MLI", "045")),
    # the topic of reciprocal talks is not a party to them
    ("Greece and Turkey resumed negotiations on a Turkish drilling ship.", ("GRC", "TUR", "046")),
])
def test_construction(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_an_own_country_obligation_is_no_demand(pipeline) -> None:
    # the speaker's own country is not someone it demands from
    keys = _keys(pipeline, "Canada said Canada must spend more on its navy.")
    assert not any(r[:2] == "10" for _, _, r in keys), keys


def test_a_plain_reported_clause_is_no_demand(pipeline) -> None:
    keys = _keys(pipeline, "Chile said Peru will hold elections in May.", factual=False)
    assert not any(r[:2] == "10" for _, _, r in keys), keys


def test_reciprocal_talks_topic_is_dropped(pipeline) -> None:
    keys = _keys(pipeline, "Greece and Turkey resumed negotiations on a Turkish drilling ship.")
    assert ("TUR", "TUR", "046") not in keys and ("GRC", "TUR", "046") in keys
    assert ("TUR", "GRC", "046") in keys
