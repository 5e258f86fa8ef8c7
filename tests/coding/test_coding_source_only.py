"""Source-only statements of intent (issue 11 item 2, helper "statements"), on our own
sentences: a sentence that codes nothing else may code a statement of intent with no
addressee, when the statement word, the speaker and the complement have the right types
(``coding/source_only.py``, ``data/coding/source_only.json``)."""

from __future__ import annotations

import json

import pytest
from keys_kit import event_keys as _keys

from dyadwatch.coding.source_only import SourceOnlyRules, source_only_rules
from dyadwatch.errors import ConfigError


@pytest.mark.parametrize("text,key", [
    # an intent frame with a political speaker and no addressee
    ("The Peruvian government pledged to hold fresh elections within six months.",
     ("PER", None, "0341")),
    # the intended act, reported by a reporting verb, is the most specific reading
    ("Seoul said on Monday it plans to pull its soldiers out of the border zone.",
     ("KOR", None, "0356")),
])
def test_source_only_intent(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert key in keys, _keys(pipeline, text, factual=False)


@pytest.mark.parametrize("text", [
    # the speaker is no political actor
    "A local shopkeeper said he would reopen his store next week.",
    "The oil company said it would raise fuel prices.",
    "Turkish fans vowed to win the cup.",
    # a bare statement is not coded: on wire leads what it reports is the event
    "The Kenyan foreign minister said on Tuesday that the talks would resume next month.",
    # "offer" with an object is the provision itself, never an intent without a target
    "Canadian engineers offer clean water in the flooded towns.",
])
def test_no_source_only_event(pipeline, text) -> None:
    keys = _keys(pipeline, text, factual=False)
    assert not any(t is None and c[:2] in ("01", "03") for _, t, c in keys), keys


def test_a_negated_intent_is_no_source_only_intent(pipeline) -> None:
    keys = _keys(pipeline, "Mexico does not plan to hold a referendum on the reform.",
                 factual=False)
    assert not any(t is None and c[:2] == "03" and s == "MEX" for s, t, c in keys), keys


def test_a_sentence_with_another_event_adds_no_statement(pipeline) -> None:
    # the sentence codes the criticism; the pledge stays unsaid
    keys = _keys(pipeline, "Norway criticized Sweden on Monday and pledged to hold talks "
                           "on the fishing dispute.", factual=False)
    assert ("NOR", "SWE", "111") in keys, keys
    assert not any(t is None for _, t, _ in keys), keys


def test_own_forces_are_no_target(pipeline) -> None:
    keys = _keys(pipeline, "Japan said Thursday it intends to cut the number of its troops "
                           "in Iraq next year.", factual=False)
    assert ("JPN", None, "0356") in keys and not any(t == "JPN" for _, t, _ in keys), keys


def test_rules_load_and_refuse_bad_lists() -> None:
    r = source_only_rules()
    assert r.statement_code("0341") and r.statement_code("014") and not r.statement_code("010")
    good = json.loads(json.dumps({"lists": {
        "statement_codes": {"kind": "codes", "words": ["03"]},
        "statement_verbs": {"kind": "words", "words": ["say"]},
        "object_intent_verbs": {"kind": "words", "words": ["pledge"]},
        "speaker_roles": {"kind": "roles", "words": ["GOV"]},
        "speaker_kinds": {"kind": "words", "words": ["country"]},
        "content_words": {"kind": "words", "words": ["election"]},
        "labour_words": {"kind": "words", "words": ["union"]},
        "company_words": {"kind": "words", "words": ["corp"]}}}))
    assert SourceOnlyRules.from_text(json.dumps(good), "x.json").speaker_roles == {"GOV"}
    bad = json.loads(json.dumps(good))
    bad["lists"]["speaker_roles"]["words"] = ["gov"]
    with pytest.raises(ConfigError, match="x.json.*speaker_roles"):
        SourceOnlyRules.from_text(json.dumps(bad), "x.json")
    bad = json.loads(json.dumps(good))
    bad["lists"]["statement_codes"]["words"] = ["999"]
    with pytest.raises(ConfigError, match="no CAMEO code"):
        SourceOnlyRules.from_text(json.dumps(bad), "x.json")
    bad = json.loads(json.dumps(good))
    del bad["lists"]["content_words"]
    with pytest.raises(ConfigError, match="content_words"):
        SourceOnlyRules.from_text(json.dumps(bad), "x.json")


# --------------------------------------------------------------------------- strikes
@pytest.mark.parametrize("text,key", [
    # going on strike, walking off the job: the strikers, aimed at their government
    ("Dock workers in Antwerp went on strike over pay.", ("BEL", "BEL", "143")),
    ("Nurses in Lisbon walked off the job on Tuesday.", ("PRT", "PRT", "143")),
    # a union the dictionaries do not know, its country from a word of its name
    ("The Zambian Mineworkers Union organised a strike at the copper mines.",
     ("ZMB", "ZMB", "143")),
])
def test_strike_constructions(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert key in keys, _keys(pipeline, text, factual=False)


def test_an_unknown_union_is_labour(pipeline) -> None:
    from dyadwatch.ingest import document_from_text

    res = pipeline.process(document_from_text(
        "The Zambian Mineworkers Union organised a strike at the copper mines."))
    codes = {e.source.code for e in res.events if e.cameo.startswith("14")}
    assert codes == {"ZMBLAB"}, codes


@pytest.mark.parametrize("text", [
    "The Malian government called the strike illegal.",
    "The Norwegian striker went on to score twice.",
])
def test_no_strike(pipeline, text) -> None:
    keys = _keys(pipeline, text, factual=False)
    assert not any(c.startswith("14") for _, _, c in keys), keys


def test_a_users_comment_codes_license_only_comments_reporting_no_act(env) -> None:
    # 010 is not shipped; a user's file may list it: the comment must then report no other
    # act (``acts``: the words of the sentence's other matches) and be its own clause
    from dataclasses import replace

    from dyadwatch.actors import Mention
    from dyadwatch.coding.source_only import licence
    from dyadwatch.model import Actor

    rules = replace(source_only_rules(), statement_codes=frozenset({"010", "03"}))
    doc = env.nlp("The Danish prime minister said the new border law was a mistake.")
    said = next(t for t in doc if t.lower_ == "said")
    src = Mention(1, 4, Actor("DNKGOV", "DNK", "GOV"), "office")
    assert licence("010", said, None, None, src, rules) is not None
    law = next(t for t in doc if t.lower_ == "law")
    assert licence("010", said, None, None, src, rules, acts=frozenset({law.i})) is None
    assert licence("010", said, None, None, src) is None  # the shipped rules: no 010
    shop = Mention(1, 4, Actor("DNKBUS", "DNK", "BUS"), "agent")
    assert licence("010", said, None, None, shop, rules) is None  # no political speaker


def test_an_intent_to_meet_needs_its_partner(pipeline) -> None:
    # meeting and negotiating are done together: no source-only 036 for one side
    keys = _keys(pipeline, "The Bolivian foreign minister said they would meet again in "
                           "March.", factual=False)
    assert not any(t is None and c.startswith("03") for _, t, c in keys), keys


def test_one_state_may_state_an_intent_to_negotiate(pipeline) -> None:
    keys = _keys(pipeline, "Eritrea said on Sunday it was ready to hold talks on the "
                           "border dispute.", factual=False)
    assert ("ERI", None, "036") in keys, keys


@pytest.mark.parametrize("text,key", [
    # raising security: a police alert with no target (151)
    ("The Kenyan police tightened security around the parliament building.",
     ("KEN", None, "151")),
    # reducing one's own troops: no target, not even the owner named by "its"
    ("The Dutch government cut the size of its contingent in Afghanistan last year.",
     ("NLD", None, "087")),
    # ... and announced: the intent (0356)
    ("Greece will reduce its number of soldiers in Kosovo next year, the defence minister "
     "said on Friday.", ("GRC", None, "0356")),
])
def test_source_only_codebook_acts(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert key in keys, _keys(pipeline, text, factual=False)


def test_a_company_cutting_workers_is_no_troop_cut(pipeline) -> None:
    keys = _keys(pipeline, "The Swiss company cut the number of its workers.", factual=False)
    assert not any(c.startswith("087") or c.startswith("035") for _, _, c in keys), keys


def test_an_appeal_for_aid_to_no_one(pipeline) -> None:
    keys = _keys(pipeline, "The World Food Programme launched an appeal for 80 million "
                           "dollars to help flood victims in Mozambique.")
    assert ("IGO", None, "0233") in keys, keys
    keys = _keys(pipeline, "The defendant filed an appeal for a new trial.", factual=False)
    assert not any(c.startswith("02") for _, _, c in keys), keys


def test_a_comment_to_no_one_needs_a_political_speaker(pipeline) -> None:
    # (before the rule: ---CVL -> none 012, FRA -> none 012)
    for text in ("The victim's mother expressed concern over the investigation.",
                 "French fans expressed concern over the security at the stadium."):
        keys = _keys(pipeline, text, factual=False)
        assert not any(t is None and c.startswith("01") for _, t, c in keys), keys
    keys = _keys(pipeline, "The Chilean government expressed concern over the violence.")
    assert ("CHL", None, "012") in keys, keys


def test_protesters_placed_by_the_document_protest_to_their_government(pipeline) -> None:
    # the place is not on the protest's own verb; the protesters' country is (before:
    # JPNCVL -> none 141)
    keys = _keys(pipeline, "Thousands of people protesting rising fuel prices formed a human "
                           "chain in Osaka on Sunday.")
    assert ("JPN", "JPN", "141") in keys, keys


@pytest.mark.parametrize("text,key", [
    ("The Indonesian defence minister admitted mistakes in the handling of the riots.",
     ("IDN", None, "015")),
    ("The Kenyan president made a rare acknowledgement of failures in his anti-corruption "
     "drive.", ("KEN", None, "015")),
])
def test_admissions_of_fault(pipeline, text, key) -> None:
    keys = _keys(pipeline, text)
    assert key in keys, _keys(pipeline, text, factual=False)


def test_accepting_a_result_is_no_admission(pipeline) -> None:
    keys = _keys(pipeline, "The Brazilian government accepted the election results.",
                 factual=False)
    assert not any(c == "015" for _, _, c in keys), keys


def test_co_subjects_of_a_mutual_intent_are_no_lone_speakers(env) -> None:
    # "Chile and Peru pledged to hold talks": each is the other's partner, so neither is
    # a lone speaker of a source-only 036 (a PETRARCH-2 GSR record showed it)
    from dyadwatch.actors import Mention
    from dyadwatch.coding.source_only import licence
    from dyadwatch.model import Actor

    doc = env.nlp("Chile pledged to hold talks on the fishing dispute.")
    pledged = next(t for t in doc if t.lower_ == "pledged")
    src = Mention(0, 1, Actor("CHL", "CHL", None), "country")
    assert licence("036", pledged, None, None, src) is not None
    assert licence("036", pledged, None, None, src, co_speakers=2) is None
    assert licence("0341", pledged, None, None, src, co_speakers=2) is not None  # not mutual
