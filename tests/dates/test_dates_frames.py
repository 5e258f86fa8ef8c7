"""Round 2 of issue 12: dates reached through misattached phrases, inverted parses,
flashbacks and paragraph frames.

Sentences written for these tests (none is taken from the examples or the benchmark).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_dates_relations import dated  # noqa: E402


def test_a_day_hung_on_a_name_dates_the_clause(nlp):
    # the parser hangs "on Monday afternoon" on the counterpart's name
    text = ("The Kenyan foreign minister spoke by telephone with Ali Hassan, his Somali "
            "counterpart, on Monday afternoon.")
    ev = dated(nlp, text, "2024-05-10", ["spoke"], "spoke")
    assert (ev.date, ev.date_precision) == (date(2024, 5, 6), "day")


def test_a_day_on_the_object_dates_the_coordinated_verb(nlp):
    text = ("Norway's foreign ministry summoned Denmark's ambassador on Tuesday to protest "
            "against the seizure of a trawler, and demanded an apology from Copenhagen.")
    ev = dated(nlp, text, "2024-05-10", ["summoned", "demanded"], "demanded")
    assert (ev.date, ev.date_precision) == (date(2024, 5, 7), "day")


def test_a_day_on_an_event_noun_stays_with_that_noun(nlp):
    # "talks on Monday" date the talks, which the verb only prepared
    text = "The envoy prepared the ground for talks with Ali Hassan on Monday."
    ev = dated(nlp, text, "2024-05-10", ["prepared"], "prepared")
    assert not (ev.date == date(2024, 5, 6) and ev.date_precision == "day")


def test_a_past_clause_joined_to_a_dated_one_shares_its_day(nlp):
    text = ("Kenya's envoy had been recalled on March 3, and Nairobi had told the Somali "
            "envoy to stay away.")
    ev = dated(nlp, text, "2024-03-09", ["recalled", "told"], "told")
    assert (ev.date, ev.date_precision) == (date(2024, 3, 3), "day")


def test_n_days_after_with_the_main_clause_dated_by_the_same_event(nlp):
    # the main clause ("The battle began ...") has no date of its own: "the battle" is the
    # event dated in the sentence before; the clause after "a day after" is one day earlier
    text = ("Two soldiers were captured on Sunday, May 5, after the armies fought a battle "
            "near the river. The battle began when rebel fighters crossed the river and "
            "attacked a garrison, a day after government jets had bombed their camp.")
    att = dated(nlp, text, "2024-05-08", ["attacked", "bombed"], "attacked")
    assert (att.date, att.date_precision) == (date(2024, 5, 5), "day")
    bomb = dated(nlp, text, "2024-05-08", ["attacked", "bombed"], "bombed")
    assert (bomb.date, bomb.date_precision) == (date(2024, 5, 4), "day")
    chain = bomb.evidence["date"]["chain"]
    assert chain[0]["event"] == "bombed" and "battle" in chain[-1]["how"]


def test_a_flashback_day_frames_the_sentences_that_continue_it(nlp):
    text = ("Gunmen raided a border post on Sunday evening. The government had already "
            "protested on Sunday night. Its foreign ministry summoned the chargé d'affaires.")
    ev = dated(nlp, text, "2024-05-08", ["raided", "summoned"], "summoned")
    assert (ev.date, ev.date_precision) == (date(2024, 5, 5), "day")
    assert ev.evidence["date"]["rule"] == "flashback"


def test_a_flashback_before_the_anchor_gives_the_interval_between(nlp):
    text = ("Gunmen raided a border post on Tuesday. The government had protested on Sunday. "
            "Its foreign ministry summoned the chargé d'affaires.")
    ev = dated(nlp, text, "2024-05-08", ["raided", "summoned"], "summoned")
    assert (ev.date, ev.date_precision, ev.date_end) == (date(2024, 5, 5), "interval",
                                                         date(2024, 5, 7))


def test_a_flashback_ends_with_its_paragraph(nlp):
    text = ("Gunmen raided a border post on Sunday evening. The government had already "
            "protested on Sunday night.\nIts foreign ministry summoned the chargé d'affaires.")
    ev = dated(nlp, text, "2024-05-08", ["raided", "summoned"], "summoned")
    assert ev.evidence["date"]["rule"] != "flashback"


def test_a_dated_opening_sentence_without_an_event_frames_its_paragraph(nlp):
    text = ("The talks had collapsed.\nThe mood improved on Friday. In Geneva, the Kenyan "
            "minister addressed the council. The Somali minister boycotted the session.")
    ev = dated(nlp, text, "2024-05-11", ["addressed", "boycotted"], "boycotted")
    assert (ev.date, ev.date_precision) == (date(2024, 5, 10), "day")
    assert ev.evidence["date"]["rule"] == "paragraph-frame"


def test_a_dated_event_sentence_does_not_frame_its_paragraph(nlp):
    # an event on Friday is followed by reactions that may come later: an interval
    text = ("Rebels shelled the port on Friday. The Somali minister condemned the attack.")
    ev = dated(nlp, text, "2024-05-13", ["shelled", "condemned"], "condemned")
    assert ev.date_precision == "interval"


def test_a_year_is_not_borrowed_from_a_nearby_last_week(nlp):
    text = ("A Danish journalist was abducted by militiamen in Libya in August 2016. Last week, "
            "Denmark summoned Libya's envoy over his detention.")
    ev = dated(nlp, text, "2019-11-18", ["abducted", "summoned"], "abducted")
    assert (ev.date, ev.date_precision) == (date(2016, 8, 1), "month")


def test_since_month_and_year_keeps_the_year(nlp):
    text = "The government and the rebels have held talks since March 2017 without a deal."
    ev = dated(nlp, text, "2019-11-18", ["held"], "held")
    assert ev.date == date(2017, 3, 1) and ev.date_precision == "interval"


def test_a_since_clause_without_a_date_is_not_the_publication_day(nlp):
    text = ("The island has had its own courts since Britain handed the territory back to "
            "Spain.")
    ev = dated(nlp, text, "2019-11-18", ["handed"], "handed")
    assert ev.date is None and ev.date_reason == "anterior"


def test_a_since_clause_with_its_year_gets_the_year(nlp):
    text = ("The island has had its own courts since Britain handed the territory back to "
            "Spain in 1987.")
    ev = dated(nlp, text, "2019-11-18", ["handed"], "handed")
    assert (ev.date, ev.date_precision) == (date(1987, 1, 1), "year")


def test_a_reaction_to_a_dated_event_is_not_that_event(nlp):
    # "condemned the attack": the attack is the object of a later reaction, not its date
    text = "Rebels attacked the port on Friday. The Somali minister condemned the attack."
    ev = dated(nlp, text, "2024-05-13", ["attacked", "condemned"], "condemned")
    assert ev.date_precision == "interval" and ev.date == date(2024, 5, 10)
    same = dated(nlp, "Rebels attacked the port on Friday. The attack killed two guards.",
                 "2024-05-13", ["attacked", "killed"], "killed")
    assert (same.date, same.date_precision) == (date(2024, 5, 10), "day")


def test_less_than_a_week_after_is_a_distance_not_a_date(nlp):
    text = ("Kenya and Somalia have agreed to reopen the border, less than a week after the "
            "two armies clashed near Mandera.")
    ev = dated(nlp, text, "2024-05-13", ["agreed"], "agreed")
    assert ev.date_precision != "day"
