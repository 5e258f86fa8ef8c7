"""Replies to an accusation (``coding/replies.py``): rejecting an accusation is a denial
(016), aimed at the accusers the object refers back to.  Our own sentences."""

from __future__ import annotations

from dyadwatch.ingest import document_from_text


def _keys(pipeline, text: str) -> set[tuple]:
    res = pipeline.process(document_from_text(text))
    return {(e.sentence_index, e.source.country, e.target.country if e.target else None, e.cameo)
            for e in res.events if e.factual}



def test_denial_answers_the_accusers(pipeline) -> None:
    keys = _keys(pipeline, "Chad and Niger accused Libya of arming the rebels. Libya "
                           "rejected these accusations on Tuesday.")
    assert {(1, "LBY", "TCD", "016"), (1, "LBY", "NER", "016")} <= keys, keys


def test_a_denial_of_a_new_claim_has_no_target(pipeline) -> None:
    # "a suggestion that ...": no earlier accusation referred to; still a denial
    keys = _keys(pipeline, "A senior Kenyan official rejected a suggestion that his "
                           "government was lax.")
    assert any(s == "KEN" and t is None and c == "016" for _, s, t, c in keys), keys


def test_rejecting_a_proposal_stays_a_rejection(pipeline) -> None:
    keys = _keys(pipeline, "Iran rejected the European proposal on Monday.")
    assert not any(c == "016" for *_, c in keys), keys


def test_rejecting_a_proposal_worded_as_a_suggestion_stays_a_rejection(pipeline) -> None:
    keys = _keys(pipeline, "Chile rebuffed suggestions by Peru that it consider new talks.")
    assert not any(c == "016" for *_, c in keys), keys
