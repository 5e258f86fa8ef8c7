"""Wire datelines end a sentence before the parser runs (text.py), so "KABUL" is not read
as the verb of the story's first sentence."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,first_words", [
    ("KABUL (Reuters) - Afghan troops retook the air base on Sunday.", "Afghan troops"),
    ("NAJAF, Iraq (AFP) -- A mortar attack killed nine people.", "A mortar"),
    ("JERUSALEM Aug. 23, 2004 - Israel announced plans to build homes.", "Israel announced"),
    ("GAZA CITY, Palestinian Territories: Four children were killed.", "Four children"),
    ("LONDON, AUGUST 17: Britain charged eight suspects on Tuesday.", "Britain charged"),
    # a feed item: title, then the dateline
    ("Troops retake base. KABUL, Afghanistan - Government troops retook the base.",
     "Government troops"),
])
def test_dateline_is_its_own_sentence(nlp, text: str, first_words: str) -> None:
    doc = nlp(text)
    story = [s for s in doc.sents if s.text.startswith(first_words)]
    assert story, [s.text for s in doc.sents]
    roots = [t for t in story[0] if t.dep_ == "ROOT"]
    assert roots and roots[0].pos_ in ("VERB", "AUX"), [(t.text, t.dep_) for t in story[0]]


@pytest.mark.parametrize("text", [
    "The US and NATO said - in a statement - that the talks went well.",
    "UN envoy: talks will resume in Geneva next week.",  # not all capitals
    "Iran said on Monday that the strike - its first in years - was a warning.",
])
def test_ordinary_dashes_do_not_cut_sentences(nlp, text: str) -> None:
    assert len(list(nlp(text).sents)) == 1
