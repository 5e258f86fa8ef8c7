"""The typed rule table (``data/coding/argtypes.json``): the code follows the argument
types, and figures of speech, hazards, habits and descriptions are no events.  Sentences
are our own."""

from __future__ import annotations

import copy
import json

import pytest

from dyadwatch._resources import read_text
from dyadwatch.coding.argtypes import argtypes, parse_table
from dyadwatch.errors import ConfigError


def _coded(coder, env, text: str) -> list[tuple[str, str | None, str]]:
    return [(e.source.code, e.target.code if e.target else None, e.cameo)
            for e in coder.code_text(env.nlp, text)]


# (sentence, (source, target, code) expected, codes that must not appear)
CHANGED = [
    # the object is a person: abduction, not confiscation
    ("Rebels in Colombia seized two Spanish aid workers on Tuesday.", "181", {"1711"}),
    # "called X a Y": praise or denunciation, not an appeal
    ("Turkey's parliament called Azerbaijan a brotherly nation on Friday.", "051", {"020"}),
    ("Venezuela called Colombia a terrorist state.", "111", {"020"}),
    # "called on" an office holder with no request: a visit
    ("Kenya's foreign minister also called on President Yoweri Museveni during the visit.",
     "042", {"020"}),
    # rejecting an account is a rejection, whatever the verb's refusal reading
    ("Chile rejected the Bolivian account of the incident.", "120", {"1243"}),
]


@pytest.mark.parametrize("text,code,banned", CHANGED, ids=[c[1] + ":" + c[0][:30] for c in CHANGED])
def test_code_follows_argument_type(coder, env, text, code, banned):
    got = _coded(coder, env, text)
    assert any(c == code for *_, c in got), got
    assert not any(c in banned for *_, c in got), got


NO_EVENT = [
    # figurative force on an abstract thing
    "The flood of cheap Chinese steel is overwhelming Brazil's economy.",
    # natural hazard and accident as the agent of a killing
    "An earthquake killed forty people in northern Afghanistan on Monday.",
    "A stampede at the stadium in Cameroon killed eight fans.",
    # a habit / a long-running background, not a new event
    "Ethiopia and Eritrea have fought for decades over the border town of Badme.",
    # a relative clause describing a group, not what happened
    "Mali's army attacked Tuareg rebels who fight the government in Bamako.",
    # a word inside an organisation's name
    "Sudan's Rapid Support Forces commander met Chad's president.",
]


@pytest.mark.parametrize("text", NO_EVENT, ids=[t[:40] for t in NO_EVENT])
def test_not_an_event(coder, env, text):
    got = _coded(coder, env, text)
    if text.startswith("Mali's army attacked"):  # the attack stays; the description goes
        assert all(s.startswith("MLI") for s, *_ in got), got
        return
    if text.startswith("Sudan's Rapid Support"):  # the meeting stays; no 'support' event
        assert all(c[:2] != "05" for *_, c in got), got
        return
    assert got == [], got


def test_a_counted_span_is_no_habit(coder, env):
    # "for two years" is a sentence's length, "for decades" a background
    got = _coded(coder, env, "A Kenyan court jailed a Ugandan smuggler for two years.")
    assert any(c[:2] == "17" for *_, c in got), got


def test_labour_strike_unchanged_and_drone_strike_not_143(coder, env):
    assert any(c == "143" for *_, c in _coded(coder, env,
               "Nigerian oil workers began a general strike on Monday."))
    assert not any(c == "143" for *_, c in _coded(coder, env,
                   "An American drone strike killed a militant commander in Somalia."))


def test_a_states_protest_is_no_demonstration(coder, env):
    # a state's protest is an official complaint (114, which needs a target), not 141
    assert not any(c == "141" for *_, c in _coded(coder, env,
                                                  "Ghana's government protested on Friday."))
    assert any(c == "141" for *_, c in _coded(
        coder, env, "Thousands of Kenyan teachers protested in Nairobi on Friday."))


def test_protesters_clash_with_police_is_145(coder, env):
    got = _coded(coder, env, "Kenyan protesters clashed with police in Nairobi.")
    assert any(c == "145" and s.startswith("KEN") for s, _, c in got), got
    assert not any(c[:2] == "19" for *_, c in got), got


def test_demand_over_a_fact_is_no_demand(coder, env):
    got = _coded(coder, env, "Ukraine insisted that no Russian civilians were hurt in the raid.")
    assert not any(c.startswith("10") for *_, c in got), got
    # a real demand keeps its code: a subjunctive / modal clause says what must happen
    got = _coded(coder, env, "Zambia demanded that Malawi release the detained traders.")
    assert any(c.startswith("10") for *_, c in got), got


# -- the table is validated on load --------------------------------------------------

def _table():
    return json.loads(read_text("coding", "argtypes.json"))


def test_shipped_table_loads():
    t = argtypes()
    assert t.rules and t.types
    assert all(r.about for r in t.rules)


@pytest.mark.parametrize("mutate,needle", [
    (lambda d: d["rules"][0].update(code="999"), "unknown CAMEO code"),
    (lambda d: d["rules"][0]["when"].update(self="no_such_type"), "unknown type"),
    (lambda d: d["rules"][0]["when"].update(elbow="person"), "unknown slot"),
    (lambda d: d["types"]["person"].update(constructions=["telepathy"]), "unknown construction"),
    (lambda d: d["types"]["territory"].update(lexicon=["no_such_list"]), "no lexicon list"),
    (lambda d: d["rules"].append(dict(d["rules"][0])), "duplicate id"),
    (lambda d: d.update(version=7), "version"),
])
def test_bad_table_is_refused(mutate, needle):
    data = copy.deepcopy(_table())
    mutate(data)
    with pytest.raises(ConfigError, match=needle):
        parse_table(data, "test.json")


# -- roles across clauses ----------------------------------------------------------

def test_a_statement_is_not_addressed_to_a_coordinated_verbs_object(coder, env):
    got = _coded(coder, env, "Farmers in Nakuru told the Standard that prices had collapsed, "
                             "and asked Uganda to reopen the border.")
    assert not any(c == "010" and t is not None and t.startswith("UGA") for _, t, c in got), got


def test_a_clause_before_the_subject_is_not_the_target(coder, env):
    got = _coded(coder, env, "Serbia is rearming quickly, Kosovo's leaders are pressing for "
                             "the withdrawal of Russian advisers.")
    assert not any(t is not None and t.startswith("SRB") for _, t, _c in got), got
    # a reaction answers the speaker of the clause before it
    got = _coded(coder, env, "Peru said on Monday that the vessel was Chilean; Chilean "
                             "officials rejected the claim.")
    assert any(s.startswith("CHL") and t == "PER" and c.startswith("12") for s, t, c in got), got


def test_a_state_and_its_own_country_are_no_pair(coder, env):
    got = _coded(coder, env, "The Turkish army fired rockets from Turkish territory at "
                             "Kurdish fighters in Syria.")
    assert not any(s.startswith("TUR") and t == "TUR" for s, t, _c in got), got
    # a people named by its demonym is not the state: the protest stays
    got = _coded(coder, env, "Thousands of Kenyan teachers protested in Nairobi on Friday.")
    assert any(c == "141" for *_, c in got), got


def test_a_prohibition_is_a_generic_demand(coder, env):
    got = _coded(coder, env, "Ghana said that the Togolese envoy should not return to Accra.")
    assert any(c == "100" for *_, c in got), got


def test_telling_an_actor_to_act_is_a_demand(coder, env):
    got = _coded(coder, env, "Kenya told the Somali ambassador to leave the country.")
    assert any(c[:2] == "10" for *_, c in got) and not any(c == "010" for *_, c in got), got


def test_a_demand_for_withdrawal_is_106(coder, env):
    got = _coded(coder, env, "Niger's junta pressed for the withdrawal of French troops.")
    assert any(c == "106" and t is not None and t.startswith("FRA") for _, t, c in got), got


def test_a_statement_to_reporters_has_no_target(coder, env):
    # "told reporters" / "told state television": addressed to the public, not to an actor
    for text in ("Chad's foreign ministry told reporters that the raid was illegal.",
                 "Sudanese officials told state television that twelve soldiers died."):
        got = _coded(coder, env, text)
        assert not any(c[:2] == "01" and t is not None for _, t, c in got), (text, got)
    # told an actor: the statement is addressed to it
    got = _coded(coder, env, "Chad's foreign minister told Libya's ambassador that the raid "
                             "was illegal.")
    assert any(c == "010" and t is not None and t.startswith("LBY") for _, t, c in got), got


@pytest.mark.parametrize("text,code", [
    # security forces using force on protesters: violent repression
    ("Kenyan police beat demonstrators in Nairobi on Monday.", "175"),
    # force used on words: criticism
    ("Chile's president fought back against accusations by Peru's foreign minister.", "111"),
    # regretting a death: an empathetic comment
    ("Laos deeply regrets the Thai king's death.", "018"),
])
def test_more_typed_codes(coder, env, text, code):
    got = _coded(coder, env, text)
    assert any(c == code for *_, c in got), got
    assert not any(c[:2] in ("18", "19") for *_, c in got), got


def test_a_title_case_headline_restating_the_lead_is_coded_once(pipeline):
    from dyadwatch.ingest import document_from_text
    text = ("Somali Troops Said to Kill 12 Rebels Near Kismayo. Somali troops killed twelve "
            "al-Shabaab fighters near Kismayo on Tuesday, officials said.")
    evs = [e for e in pipeline.process(document_from_text(text)).events if e.root == "19"]
    assert evs and {e.sentence_index for e in evs} == {1}, [(e.sentence_index, e.cameo)
                                                             for e in evs]


def test_explain_names_the_rule_that_said_no_event(pipeline):
    from dyadwatch.coding.explain import no_event_list
    from dyadwatch.ingest import document_from_text
    doc = document_from_text("Ethiopia and Eritrea have fought for decades over the border "
                             "town of Badme.")
    res = pipeline.process(doc)
    assert not [e for e in res.events if e.factual]
    notes = getattr(res, "no_event", None)
    if notes is None:
        pytest.skip("the result carries no no_event list")
    (n,) = [n for n in notes if "Badme" in n.text]
    assert n.reason == "no pattern" and any("habit.not_event" in p for p in n.predicates), n
