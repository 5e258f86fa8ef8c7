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


# --- the typed record the text stage leaves on the parsed document ------------------------

from dyadwatch.text import datelines, in_dateline, opening_dateline  # noqa: E402


@pytest.mark.parametrize("text,place,region,date_text,agency", [
    ("KABUL (Reuters) - Afghan troops retook the air base on Sunday.",
     "KABUL", None, None, "Reuters"),
    ("NAJAF, Iraq (AFP) -- A mortar attack killed nine people.", "NAJAF", "Iraq", None, "AFP"),
    ("WASHINGTON, Sept. 30, 2004 -- Two senators criticised the plan.",
     "WASHINGTON", None, "Sept. 30, 2004", None),
    ("GAZA CITY, Palestinian Territories: Four children were killed.",
     "GAZA CITY", "Palestinian Territories", None, None),
    ("MOSUL, Iraq, Nov 2 (AFP) - Oil exports resumed.", "MOSUL", "Iraq", "Nov 2", "AFP"),
])
def test_dateline_record(nlp, text, place, region, date_text, agency) -> None:
    doc = nlp(text)
    (d,) = datelines(doc)
    assert (d.place, d.region, d.date_text, d.agency, d.closed) == (
        place, region, date_text, agency, True)
    assert doc[d.place_tokens[0]:d.place_tokens[1]].text == place
    assert text[d.start:d.end].rstrip("-: ").startswith(place)
    assert opening_dateline(doc) is d
    assert in_dateline(doc, *d.place_tokens)


def test_dateline_after_a_feed_title_opens_the_report(nlp) -> None:
    doc = nlp("Troops retake base. KANDAHAR, Afghanistan - Government troops retook the base.")
    d = opening_dateline(doc)
    assert d is not None and (d.place, d.region) == ("KANDAHAR", "Afghanistan")
    kandahar = next(t for t in doc if t.text == "KANDAHAR")
    afghan = next(t for t in doc if t.text == "Afghanistan")
    assert in_dateline(doc, kandahar.i, kandahar.i + 1) and in_dateline(doc, afghan.i, afghan.i + 1)
    troops = next(t for t in doc if t.text == "troops")
    assert not in_dateline(doc, troops.i, troops.i + 1)


def test_a_dateline_without_its_dash_is_recorded_as_open(nlp) -> None:
    # the feed dropped the dash: only a reader that can check the name should trust it
    doc = nlp("KATMANDU, Nepal The Nepali capital was cut off by a strike.")
    (d,) = datelines(doc)
    assert (d.place, d.region, d.closed) == ("KATMANDU", "Nepal", False)


@pytest.mark.parametrize("text", [
    "The talks in Geneva ended without a deal.",
    "PRIME Minister Ito said the talks went well.",  # a capitalised first word, not a place
    "The US and NATO said - in a statement - that the talks went well.",
])
def test_no_dateline(nlp, text) -> None:
    doc = nlp(text)
    assert datelines(doc) == () and opening_dateline(doc) is None


def test_dateline_date_is_read_by_the_dates_stage(nlp) -> None:
    from datetime import date

    from dyadwatch.dates.assign import dateline_date

    assert dateline_date(nlp("LIMA, 3 March 2005 - Police arrested two men.")) == date(2005, 3, 3)
    assert dateline_date(nlp("LIMA (Reuters) - Police arrested two men.")) is None
