"""Patterns derived from the CAMEO codebook (``data/patterns/codebook.json``, written by
``tools/build_codebook_patterns.py``): the frame x topic grid and the direct acts of the
code names, on our own sentences."""

from __future__ import annotations

import json

import pytest

from dyadwatch._resources import data_path
from dyadwatch.coding.patterns import PatternSet
from dyadwatch.ingest import document_from_text


def _codebook() -> dict:
    return json.loads(data_path("patterns", "codebook.json").read_text(encoding="utf-8"))


def test_the_codebook_file_is_loaded_and_valid() -> None:
    ps = PatternSet.default()
    assert "dyadwatch/data/patterns/codebook.json" in ps.files
    ids = {p.id for p in ps.patterns if p.origin.endswith("codebook.json")}
    assert len(ids) == len(_codebook()["patterns"])


@pytest.mark.parametrize("code", [
    # every frame of the codebook reaches its topics: appeal, intent, demand, reject, threaten
    "0211", "0253", "0256", "0333", "0353", "0356", "1041", "1053", "1056", "106", "107",
    "108",
    "1222", "1243", "1246", "1312", "1323", "1385",
    # direct acts: ease / impose curfew, expel inspectors, cut aid
    "0813", "1723", "1662", "1621",
])
def test_every_frame_and_direct_act_has_cued_patterns(code) -> None:
    pats = [p for p in _codebook()["patterns"] if p["code"] == code]
    assert pats, code
    assert all(p.get("object") or (p["cues"] and all(group for group in p["cues"]))
               for p in pats)


def test_the_grid_uses_the_codebook_code_not_a_neighbour(tool) -> None:
    mod = tool("build_codebook_patterns")
    # our codebook (GDELT's labels): 108 "Demand meeting, negotiation", 106 "Demand
    # withdrawal", 1056 "Demand de-escalation"
    labels = mod.project_labels()
    assert labels["108"] == "Demand meeting, negotiation" and labels["106"] == "Demand withdrawal"
    (p108,) = mod.frame_patterns("108", labels["108"])
    assert "talks" in p108["cues"][0] and "demand" in p108["lemmas"]
    (p106,) = mod.frame_patterns("106", labels["106"])
    assert "withdrawal" in p106["cues"][0]
    (p1056,) = mod.frame_patterns("1056", "Demand de-escalation of military engagement")
    assert "ceasefire" in p1056["cues"][0]
    assert mod.direct_patterns("0813", "Ease curfew")[0]["object"] == ["curfew"]
    assert "lift" in mod.direct_patterns("0813", "Ease curfew")[0]["lemmas"]
    # a name with no topic the tables know gives nothing rather than a bare verb
    assert mod.frame_patterns("999", "Demand something unheard of") == []


def _codes(pipeline, text: str) -> set[tuple]:
    res = pipeline.process(document_from_text(text))
    return {(e.source.country, e.target.country if e.target else None, e.cameo)
            for e in res.events}


@pytest.mark.parametrize("text,key", [
    ("Chad demanded a ceasefire from Sudan on Monday.", ("TCD", "SDN", "107")),
    ("Belize demanded talks with Guatemala over the border.", ("BLZ", "GTM", "108")),
    ("Peru rebuffed a Bolivian request for military aid.", ("PER", "BOL", "1222")),
    ("The Nigerian army lifted the curfew it had imposed on Kano residents.",
     ("NGA", "NGA", "0813")),
])
def test_codebook_patterns_code_own_sentences(pipeline, text, key) -> None:
    assert key in _codes(pipeline, text), _codes(pipeline, text)


@pytest.mark.slow
def test_the_manual_examples_code(pipeline) -> None:
    """The examples stored with the derived patterns: most give an event of their code's
    root (the manual's examples define the codebook; their actors are the world's, so a
    few stay silent on actors, not on predicates)."""
    exs = _codebook()["examples"]
    hit = 0
    for ex in exs:
        res = pipeline.process(document_from_text(ex["text"]))
        hit += any(e.root == ex["code"][:2] for e in res.events)
    assert hit / len(exs) >= 0.40, (hit, len(exs))
