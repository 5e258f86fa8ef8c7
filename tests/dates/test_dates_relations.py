"""Dates that come from another event, from the utterance, or from nowhere (issue 12).

Sentences written for these tests.  Each case builds events on the given trigger words
(in text order), runs the dates stage and checks one of them.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dates_casekit import date_events  # noqa: E402



def dated(nlp, text, published, triggers, check, root="01", nth=None):
    events = date_events(nlp, text, published, [(w, root + "0") for w in triggers], nth)
    return events[triggers.index(check)]


def test_explicit_date_beats_an_appositive_weekday(nlp):
    ev = dated(nlp, "On March 4, a Monday, the two presidents spoke by telephone.", "2024-03-20",
               ["spoke"], "spoke")
    assert (ev.date, ev.date_precision) == (date(2024, 3, 4), "day")
    assert ev.evidence["date"]["weekday"] == "Monday"


def test_a_contradicting_weekday_is_reported_not_used(nlp):
    ev = dated(nlp, "On March 4, a Friday, the two presidents spoke by telephone.", "2024-03-20",
               ["spoke"], "spoke")
    assert (ev.date, ev.date_precision) == (date(2024, 3, 4), "day")
    assert "Friday" in ev.evidence["date"]["weekday_conflict"]


@pytest.mark.parametrize("check,expected", [("shelled", date(2024, 5, 9)),
                                            ("raided", date(2024, 5, 6))])
def test_n_days_after_a_clause_dates_each_side(nlp, check, expected):
    text = ("Government artillery shelled the port on Thursday, three days after rebels raided "
            "an army depot outside the city.")
    ev = dated(nlp, text, "2024-05-10", ["shelled", "raided"], check)
    assert (ev.date, ev.date_precision) == (expected, "day")
    if check == "raided":
        assert ev.evidence["date"]["rule"] == "relative-to-event"
        assert ev.evidence["date"]["relative_to"] == "shelled"


def test_a_distance_from_an_undated_event_gives_no_day(nlp):
    text = "The militia said it had ambushed a patrol a day after losing a commander."
    ev = dated(nlp, text, "2024-05-10", ["ambushed"], "ambushed")
    assert ev.date_precision != "day"


def test_an_intent_is_dated_when_it_was_stated(nlp):
    text = "Ankara will reopen the border crossing on Friday, the foreign minister said on Tuesday."
    ev = dated(nlp, text, "2024-06-06", ["reopen"], "reopen", root="03")
    assert (ev.date, ev.date_precision) == (date(2024, 6, 4), "day")
    other = dated(nlp, text, "2024-06-06", ["reopen"], "reopen", root="08")
    assert other.date == date(2024, 6, 7)  # coded as the act itself: the day it is due


def test_past_perfect_and_background_get_no_date(nlp):
    text = ("On Monday the army raided the camp. The group had previously carried out attacks "
            "across the border, and the government has long accused its neighbour of sheltering it.")
    pp = dated(nlp, text, "2024-02-14", ["raided", "carried", "accused"], "carried")
    assert pp.date is None and pp.evidence["date"]["reason"] in ("background", "anterior")
    bg = dated(nlp, text, "2024-02-14", ["raided", "carried", "accused"], "accused")
    assert bg.date is None and bg.evidence["date"]["reason"] == "background"


def test_past_perfect_under_a_dated_report_is_not_that_day(nlp):
    text = "The minister said on Friday that the rebels had promised to free the hostages."
    ev = dated(nlp, text, "2024-02-16", ["said", "promised"], "promised")
    assert ev.date_precision != "day" or ev.date != date(2024, 2, 16)


def test_a_weekday_in_a_since_clause_is_before_today(nlp):
    text = "The army has lost nine soldiers since the offensive began on Friday."
    ev = dated(nlp, text, "2024-02-16", ["began"], "began")  # published on a Friday
    assert (ev.date, ev.date_precision) == (date(2024, 2, 9), "day")


def test_a_date_on_another_event_noun_is_not_borrowed(nlp):
    text = ("The governor opened the session by attacking the president, blaming him for the "
            "party's losses in the elections on Tuesday.")
    ev = dated(nlp, text, "2024-11-07", ["attacking"], "attacking")
    assert ev.date != date(2024, 11, 5) or ev.date_precision != "day"


def test_a_date_in_front_of_a_noun_is_that_noun_s(nlp):
    text = "Troops killed a leader of the March 3 uprising, the army said."
    ev = dated(nlp, text, "2024-04-20", ["killed", "uprising"], "killed")
    assert ev.date != date(2024, 3, 3)
    nominal = dated(nlp, text, "2024-04-20", ["killed", "uprising"], "uprising")
    assert (nominal.date, nominal.date_precision) == (date(2024, 3, 3), "day")


def test_at_the_time_is_the_anchor_s_time(nlp):
    text = ("On April 2, the army ordered civilians to leave the valley. At the time, the "
            "United Nations warned of a humanitarian disaster.")
    ev = dated(nlp, text, "2024-04-30", ["ordered", "warned"], "warned")
    assert (ev.date, ev.date_precision) == (date(2024, 4, 2), "day")


def test_future_in_the_past_counts_from_the_saying(nlp):
    text = ("On January 22, the two ministries said the envoys would return to their posts by "
            "January 26.")
    ev = dated(nlp, text, "2024-01-30", ["said", "return"], "return")
    assert ev.date == date(2024, 1, 26)  # not 2025


def test_a_quotation_does_not_move_the_narrative(nlp):
    text = ('The senators clashed on Wednesday night. "At the last hearing, you lied to us," '
            'one of them said. The chairman then adjourned the hearing.')
    ev = dated(nlp, text, "2024-03-07", ["clashed", "adjourned"], "adjourned")
    assert ev.date == date(2024, 3, 6)


def test_a_one_day_inherited_interval_is_a_day(nlp):
    text = "The candidates clashed on Wednesday. The governor hit back hard."
    ev = dated(nlp, text, "2024-03-06", ["clashed", "hit"], "hit")
    assert (ev.date, ev.date_precision) == (date(2024, 3, 6), "day")


def test_a_date_inside_one_that_clause_is_not_the_next_clause_s(nlp):
    text = ("On May 6 the ministries said that the envoys would return by May 10 and that the "
            "minister would visit Ankara.")
    ev = dated(nlp, text, "2024-05-08", ["said", "visit"], "visit")
    assert ev.date != date(2024, 5, 10)
