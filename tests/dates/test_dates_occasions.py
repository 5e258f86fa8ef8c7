"""The occasion model (round 3 of issue 12): dated occasions of a document date the events
that refer to them, and the verbal events narrated at a gathering.

Sentences written for these tests (none is taken from the page set, the examples or a
benchmark).  Each case builds events on the given trigger words with the given CAMEO codes.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dates_casekit import date_events  # noqa: E402

from dyadwatch.dates import occasions as occ_mod  # noqa: E402
from dyadwatch.errors import ConfigError  # noqa: E402


def run(nlp, text, published, triggers, nth=None):
    """``triggers``: [(word, cameo)], in text order; returns {word: event} (the last one
    wins for a repeated word: use ``nth`` to pick an occurrence)."""
    events = date_events(nlp, text, published, triggers, nth)
    return {word: ev for (word, _), ev in zip(triggers, events)}


def day(ev):
    return ev.date if ev.date_precision == "day" else None


# -- an explicit reference to a dated occasion --------------------------------------------

def test_at_the_summit_takes_the_date_written_on_the_summit(nlp):
    text = ("Leaders gathered in Oslo, where the summit on May 14 was held under heavy guard. "
            "At the summit, the Danish premier criticised the fishing quotas.")
    ev = run(nlp, text, "2024-05-20", [("criticised", "111")])["criticised"]
    assert day(ev) == date(2024, 5, 14)
    assert ev.evidence["date"]["rule"] == "occasion"
    chain = ev.evidence["date"]["chain"]
    assert chain[0]["event"] == "criticised" and "summit" in chain[0]["how"]
    assert chain[-1]["date"] == "2024-05-14"
    assert ev.evidence["date"]["occasion"]["kind"] == "gathering"
    assert occ_mod.OccasionLink(ev.evidence["date"]["link"]) is occ_mod.OccasionLink.AT


def test_during_a_possessive_dated_vote(nlp):
    text = ("Tuesday's vote in the assembly was tense. During the vote, the opposition leader "
            "denounced the speaker.")
    ev = run(nlp, text, "2024-05-10", [("denounced", "111")])["denounced"]
    assert day(ev) == date(2024, 5, 7)


def test_after_a_premodifier_dated_attack_is_an_interval_from_it(nlp):
    text = ("Officials are still counting the victims of the April 2 attack on the depot. After "
            "the attack, the government closed the northern border.")
    ev = run(nlp, text, "2024-04-20", [("closed", "192")])["closed"]
    assert ev.date_precision == "interval"
    assert (ev.date, ev.date_end) == (date(2024, 4, 2), date(2024, 4, 20))
    assert ev.evidence["date"]["rule"] == "after-occasion"


def test_before_the_vote_ends_at_the_vote(nlp):
    text = ("The referendum on March 3 settled the question. Before the referendum, the "
            "governor had urged voters to stay home.")
    ev = run(nlp, text, "2024-03-20", [("urged", "020")])["urged"]
    assert ev.date_precision == "interval" and ev.date_end == date(2024, 3, 3)


def test_a_debate_dated_through_the_clause_it_sets(nlp):
    # the date is the clause's; "at a televised debate" is its setting, so the debate is
    # dated too, and "from the debate stage" later places an event there
    text = ("The two candidates quarrelled at a televised debate on Wednesday night. Voters "
            "seemed unmoved. From the debate stage, the senator demanded a recount.")
    ev = run(nlp, text, "2024-05-10", [("demanded", "100")])["demanded"]
    assert day(ev) == date(2024, 5, 8)


def test_the_occasion_as_subject_is_the_occasion_itself(nlp):
    text = ("Ministers met for talks in Geneva on Friday. Analysts were cautious. The talks "
            "opened with a sharp exchange.")
    ev = run(nlp, text, "2024-05-13", [("opened", "040")])["opened"]
    assert day(ev) == date(2024, 5, 10)


def test_a_distinguished_occasion_is_another_one(nlp):
    # "the first debate" is not the debate dated on Wednesday
    text = ("The candidates met for their third debate on Wednesday. At the first debate, the "
            "governor accused the senator of lying.")
    ev = run(nlp, text, "2024-05-10", [("accused", "112")])["accused"]
    assert day(ev) != date(2024, 5, 8)


def test_an_indefinite_mention_is_not_a_reference(nlp):
    text = ("The council held a hearing on Monday. Two weeks later, at a hearing in the capital, "
            "the minister criticised the plan.")
    ev = run(nlp, text, "2024-05-30", [("criticised", "111")])["criticised"]
    assert day(ev) != date(2024, 5, 27)


# -- verbal events narrated at a gathering -------------------------------------------------

def test_a_quote_after_a_dated_speech_was_said_in_it(nlp):
    text = ("The rebel spokesman said in a radio speech on Thursday that the siege would go "
            "on. \u201cWe will not leave,\u201d he said.")
    evs = run(nlp, text, "2024-05-11", [("said", "010")], nth={"said": 1})
    ev = evs["said"]
    assert day(ev) == date(2024, 5, 9)
    assert ev.evidence["date"].get("continues_gathering") is True
    assert ev.evidence["date"]["link"] == occ_mod.OccasionLink.GATHERING.value


def test_a_physical_act_after_a_gathering_is_not_placed_at_it(nlp):
    text = ("The two presidents held talks in Ankara on Tuesday. Troops shelled a border "
            "village.")
    ev = run(nlp, text, "2024-05-10", [("held", "040"), ("shelled", "195")])["shelled"]
    assert day(ev) is None


def test_the_narration_that_moved_to_another_day_leaves_the_gathering(nlp):
    text = ("The two presidents held talks in Ankara on Tuesday. On Thursday the parliament "
            "debated the treaty. The opposition leader accused the government of secrecy.")
    ev = run(nlp, text, "2024-05-10", [("held", "040"), ("debated", "010"),
                                      ("accused", "112")])["accused"]
    assert day(ev) != date(2024, 5, 7)


def test_quoted_claims_are_not_narrated_at_the_gathering(nlp):
    text = ("The governor spoke at a rally in the port on Saturday. \u201cThe ministry "
            "threatened our farmers,\u201d she told the crowd.")
    ev = run(nlp, text, "2024-05-13", [("threatened", "130")])["threatened"]
    assert day(ev) is None


def test_a_scheduled_gathering_does_not_frame_past_narration(nlp):
    text = ("The ministers will meet at a summit in Rome on Friday. The Italian premier "
            "criticised the delay.")
    ev = run(nlp, text, "2024-05-08", [("criticised", "111")])["criticised"]
    assert day(ev) != date(2024, 5, 10)


def test_an_event_in_the_gatherings_own_sentence_is_not_a_continuation(nlp):
    # the date belongs to the talks, not to the preparing
    text = "The envoy prepared the ground for talks with the rebels on Monday."
    ev = run(nlp, text, "2024-05-10", [("prepared", "010")])["prepared"]
    assert day(ev) != date(2024, 5, 6)


def test_a_report_on_a_gathering_keeps_it_over_long_stretches(nlp):
    # mentioned in many sentences, the debate stays the narration's occasion beyond the
    # continuation window
    filler = " ".join(f"Poll {i} was unchanged." for i in range(14))
    text = ("The candidates clashed at a debate on Wednesday. The debate was lively. The "
            "debate ran long. The debate drew viewers. The debate ended late. " + filler +
            " The governor promised lower taxes.")
    ev = run(nlp, text, "2024-05-10", [("promised", "030")])["promised"]
    assert day(ev) == date(2024, 5, 8)


def test_out_of_the_window_without_a_report_no_day(nlp):
    filler = " ".join(f"Poll {i} was unchanged." for i in range(14))
    text = "The candidates clashed at a debate on Wednesday. " + filler + \
        " The governor promised lower taxes."
    ev = run(nlp, text, "2024-05-10", [("promised", "030")])["promised"]
    assert day(ev) is None


# -- the word list ----------------------------------------------------------------------

def test_the_occasion_list_loads_and_is_consistent():
    olex = occ_mod.load_occasions()
    assert "summit" in olex.gatherings and "attack" in olex.referents
    assert olex.parts["stage"] == "debate"
    assert occ_mod.verbal("112", olex) and not occ_mod.verbal("190", olex)


@pytest.mark.parametrize("patch", [
    {"referents": ["debate"]},  # a word both a gathering and a referent
    {"parts": {"stage": "concert"}},  # a part of an unknown occasion
    {"settings": {}},  # settings missing
])
def test_a_malformed_occasion_list_is_a_config_error(monkeypatch, patch):
    raw = dict(occ_mod.read_json("dates", "occasions.json"))
    raw.update(patch)
    monkeypatch.setattr(occ_mod, "read_json", lambda *parts: raw)
    with pytest.raises(ConfigError, match="occasions.json"):
        occ_mod.load_occasions.__wrapped__()


def test_a_date_in_one_clause_of_a_plan_is_not_the_next_clauses(nlp):
    # the visit has no date; the deadline of the return is not its date (nor a year later)
    text = ("On Monday the two ministries issued a statement saying that the envoys would "
            "return by March 8 and that the foreign minister would visit Nairobi.")
    ev = run(nlp, text, "2024-03-12", [("visit", "042")])["visit"]
    assert ev.date_precision == "article"
    assert ev.date is None or ev.date <= date(2024, 3, 12)


def test_a_past_perfect_progressive_is_anterior_not_inherited(nlp):
    # "had been holding" lies before the narrative: it does not inherit January 2021
    text = ("The rebels released a video in January 2021. The two governments had been "
            "holding secret talks about a prisoner exchange.")
    ev = run(nlp, text, "2024-05-10", [("released", "010"), ("holding", "046")])["holding"]
    assert ev.date_precision == "article" and ev.date is None
    assert ev.evidence["date"]["reason"] == "anterior"


@pytest.mark.parametrize("text,check,undated", [
    # a past clause describing a noun in a present-tense sentence: no date
    ("Islanders fear Lisbon is eroding the rights granted to them when Portugal ceded the "
     "archipelago to its residents.", "ceded", True),
    # the same clause in a past-tense report is left to the narrative rules
    ("Islanders feared Lisbon was eroding the rights granted to them when Portugal ceded "
     "the archipelago to its residents.", "ceded", False),
])
def test_a_past_clause_describing_a_noun_in_a_present_sentence(nlp, text, check, undated):
    ev = run(nlp, text, "2024-05-10", [(check, "070")])[check]
    assert (ev.date is None) == undated


@pytest.mark.parametrize("text,check", [
    # a postponement or a reaction is not the gathering itself
    ("Ministers held talks in Geneva on Friday. Analysts were cautious. The talks drew "
     "sharp criticism from the opposition.", "drew"),
    ("The assembly's vote on Tuesday was close. Days earlier, the vote had been delayed twice.",
     "delayed"),
])
def test_an_occasion_as_subject_of_a_reaction_is_not_the_occasion(nlp, text, check):
    first = "held" if "held" in text else "was"
    ev = run(nlp, text, "2024-05-13", [(first, "040"), (check, "111")])[check]
    assert ev.evidence["date"].get("link") is None
    assert day(ev) not in (date(2024, 5, 10), date(2024, 5, 7))
