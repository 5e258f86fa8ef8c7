"""Coverage drawn from the codebook (issue 11, "coverage from the codebook"), on our own
sentences: intent and threat codes of every family the codebook's 03x/13x names
(support -> 032, dissent -> 133, halting mediation -> 135, administrative sanctions ->
132x), modal threats with a condition of their own, and the verb + thing patterns that
the manual's examples of the act roots give (``tools/build_codebook_patterns.py``)."""

from __future__ import annotations

import json

import pytest

from dyadwatch._resources import data_path
from dyadwatch.coding.intent import intent_table
from keys_kit import event_keys as _keys



@pytest.mark.parametrize("code,intent", [
    ("141", "133"),   # "would boycott / hold a strike": threat of dissent
    ("143", "133"),
    ("164", "134"),   # halting negotiations
    ("165", "135"),   # halting mediation
    ("1723", "1323"),  # imposing a curfew
    ("1724", "1324"),  # martial law
    ("175", "137"),   # violent repression
])
def test_the_intent_table_covers_the_codebook_families(code, intent) -> None:
    assert intent_table().code_for(code) == intent


def test_the_verb_decides_an_endorsements_intent() -> None:
    t = intent_table()
    # "will support" is intent of diplomatic cooperation; future praise has no intent reading
    assert t.code_for("051") is None and t.by_lemma["051"]["support"] == "032"
    assert "praise" not in t.by_lemma["051"]


@pytest.mark.parametrize("text,key", [
    # a future endorsement is an intent of diplomatic cooperation (032), an asserted statement
    ("Norway will support Denmark's bid for a seat on the Arctic Council, the Norwegian "
     "foreign minister said.", ("NOR", "DNK", "032")),
    # a reported future boycott of talks is a threat to boycott (1312), aimed at the host
    # the participle names
    ("Ghana said it would boycott the summit hosted by Togo.", ("GHA", "TGO", "1312")),
    # a future boycott with no one named behind it is a threat of dissent (133)
    ("Ghana said it would boycott the summit.", ("GHA", None, "133")),
    # "may" with a condition of its own states a threat: halting mediation (135)
    ("Brazil may suspend its mediation between Peru and Ecuador if the border fighting "
     "continues, a Brazilian diplomat said.", ("BRA", "PER", "135")),
])
def test_intent_and_threat_statements(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_a_bare_may_is_no_threat(pipeline) -> None:
    # without a condition "may" is a guess about the future, not a threat
    keys = _keys(pipeline, "Brazil may suspend its mediation between Peru and Ecuador, a "
                           "Brazilian diplomat said.", factual=False)
    assert not any(c.startswith("13") for _, _, c in keys), keys


def test_a_counterfactual_is_no_intent(pipeline) -> None:
    keys = _keys(pipeline, "Chile said it would have supported Peru's bid if asked.",
                 factual=False)
    assert not any(c.startswith("03") for _, _, c in keys), keys


def test_the_example_patterns_are_acts_on_things(tool) -> None:
    mod = tool("build_codebook_patterns")
    pats = [p for p in json.loads(data_path("patterns", "codebook.json").read_text(
        encoding="utf-8"))["patterns"] if p["id"].endswith(".obj")]
    assert pats
    for p in pats:
        # only the act roots, always with the thing acted on, never a reporting verb
        assert p["code"][:2] in mod._ACT_ROOTS and p["object"] and len(p["lemmas"]) == 1
        assert p["lemmas"][0] not in mod._GENERAL
    # a particle is kept: "called off a strike" is not "called a strike"
    (off,) = [p for p in pats if p["lemmas"] == ["call"]]
    assert off["particle"] == ["off"]


def test_example_patterns_on_a_parsed_example(tool, env) -> None:
    mod = tool("build_codebook_patterns")
    entry = {"name": "Destroy property", "description": "Destroy property"}
    text = "Angry farmers set fire to the offices of the state grain board on Monday."
    tag = lambda doc: {i for m in env.actors.tag(doc) for i in range(m.start, m.end)}  # noqa: E731
    (p,) = mod.example_patterns("1712", entry, [text], env.nlp, set(), tag)
    assert p["lemmas"] == ["set"] and p["object"] == ["fire"] and p["code"] == "1712"
    # a verbal root: the example's other verb is what is spoken of, no pattern
    text2 = "Chile demanded on Friday that Peru hand back the seized fishing trawlers at once."
    assert mod.example_patterns("1053", {"name": "Demand release"}, [text2], env.nlp, set(),
                                tag) == []


def test_an_example_pattern_codes_news(pipeline) -> None:
    keys = _keys(pipeline, "Colombian smugglers set fire to a Venezuelan customs post overnight.")
    assert ("COL", "VEN", "1712") in keys, keys


@pytest.mark.parametrize("text,keys", [
    # a dictionary's agreement verb: co-subjects act towards each other
    ("Ethiopia and Eritrea reached a consensus on the demarcation of their border, "
     "mediators said.", {("ETH", "ERI", "037"), ("ERI", "ETH", "037")}),
    # upgrading ties is restoring them (050), both ways between co-subjects
    ("Morocco and Iran have upgraded their diplomatic ties to ambassadorial level.",
     {("MAR", "IRN", "050"), ("IRN", "MAR", "050")}),
])
def test_mutual_acts_of_co_subjects(pipeline, text, keys) -> None:
    assert keys <= _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_a_converted_mutual_pattern_is_one_way_from_a_single_subject() -> None:
    from dyadwatch.coding.patterns import PatternSet

    ps = PatternSet.default()
    (p,) = [x for x in ps.patterns if x.id == "petr.037.v_consensus"]
    assert p.reciprocal and not p.partner_reverse
    # a one-sided dictionary act (an arrest) stays one-sided
    arrests = [x for x in ps.patterns if x.converted and x.code == "173"]
    assert arrests and not any(x.reciprocal for x in arrests)


def test_forces_strengthened_in_another_country_target_it(pipeline) -> None:
    keys = _keys(pipeline, "Turkey has strengthened its forces in northern Iraq after a "
                           "series of ambushes, Turkish military sources said.")
    assert ("TUR", "IRQ", "154") in keys, keys


def test_a_demand_verb_over_a_future_clause_is_no_demand(pipeline) -> None:
    # "insisted that it would attack": the clause's own act is a threat, not a demand
    keys = _keys(pipeline, "Ethiopia insisted on Monday that it would soon attack rebels "
                           "inside Somalia.")
    assert not any(c.startswith("10") for _, _, c in keys), keys
    assert ("ETH", "SOM", "138") in keys, keys


def test_a_demand_over_a_subjunctive_clause_stays_a_demand(pipeline) -> None:
    keys = _keys(pipeline, "Chile demanded that Peru hand back the seized trawlers.")
    assert ("CHL", "PER", "1053") in keys, keys


@pytest.mark.parametrize("text,key", [
    # "a state of siege" is a state of emergency (1724), imposed on the country named
    ("The junta declared a state of siege in Bolivia on Sunday after a week of strikes.",
     ("BOL", "BOL", "1724")),
    # the codebook's other verbs for a curfew
    ("Kenyan authorities reimposed a curfew in Somalia's border town of Mandera.",
     ("KEN", "SOM", "1723")),
    # forces that remain on alert in another country
    ("Turkish troops remained on alert in northern Iraq after the ambush.",
     ("TUR", "IRQ", "152")),
    # aid suspended in a place is aid cut off from that country
    ("The World Food Programme suspended food deliveries in Somalia after two of its "
     "drivers were killed.", ("IGO", "SOM", "1623")),
])
def test_codebook_verbs_and_measures(pipeline, text, key) -> None:
    keys = {(s[:3] if s else s, t, c) for s, t, c in _keys(pipeline, text)}
    assert key in keys, _keys(pipeline, text, factual=False)


def test_cue_words_of_a_time_phrase_are_another_events(pipeline) -> None:
    # the truce belongs to the helicopter's passengers, not to what Italy announced
    text = ("Greece announced a suspension of flights to Albania one day after a gunman "
            "attacked a bus carrying truce monitors.")
    assert not any(c == "0871" for _, _, c in _keys(pipeline, text, factual=False))
    # while the act's own words still count
    assert ("ALB", None, "0871") in {(s, t, c) for s, t, c in _keys(
        pipeline, "Albania announced a truce after a week of clashes.")} or any(
        c == "0871" for _, _, c in _keys(pipeline, "Albania announced a truce after a week "
                                                   "of clashes.", factual=False))


def test_a_purpose_clause_stays_the_acts_content(pipeline) -> None:
    keys = _keys(pipeline, "Syria has offered its troops to Lebanon's president to help "
                           "him oust the rebel general.")
    assert any(s == "SYR" and t == "LBN" and c.startswith("03") for s, t, c in keys), keys


@pytest.mark.parametrize("text,key", [
    # an ultimatum is 139 (Give ultimatum), not a plain demand
    ("Ghana issued an ultimatum to Togo to close the rebel camps on its border.",
     ("GHA", "TGO", "139")),
    # eased emergency measures in a province are eased for its country (0814)
    ("Russia eased emergency measures in Georgia's breakaway province on Monday.",
     ("RUS", "GEO", "0814")),
    # peacekeepers arriving in a country are peacekeeping (074), not a visit
    ("Indian peacekeeping troops arrived in Lebanon on Friday.",
     ("IGO", "LBN", "074")),  # "Indian peacekeeping troops": the dictionary codes IGOIND
])
def test_codebook_acts_and_argument_types(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


def test_an_ordinary_arrival_stays_a_visit(pipeline) -> None:
    keys = _keys(pipeline, "India's foreign minister arrived in Lebanon on Friday.")
    assert ("IND", "LBN", "042") in keys, keys


@pytest.mark.parametrize("text,key", [
    # evacuating the wounded or civilians is humanitarian aid, also through a count
    ("Jordanian helicopters evacuated the wounded from the besieged Syrian town of Deraa.",
     ("JOR", "SYR", "073")),
    ("Turkish ships evacuated hundreds of civilians from the besieged Libyan port of Misrata.",
     ("TUR", "LBY", "073")),
    # evacuating an embassy reduces relations
    ("Canada evacuated its embassy staff from Libya on Friday.", ("CAN", "LBY", "160")),
])
def test_evacuation_follows_who_is_evacuated(pipeline, text, key) -> None:
    assert key in _keys(pipeline, text), _keys(pipeline, text, factual=False)


@pytest.mark.parametrize("text,key", [
    # a suspension of links, ties or aid is a reduction of relations with its addressee
    ("Kenya announced a suspension of flights to Somalia after the attack.",
     ("KEN", "SOM", "160")),
    ("Norway announced a freeze of aid to Tanzania over corruption concerns.",
     ("NOR", "TZA", "162")),
    # sending inspectors to a country is an investigation (09)
    ("The OPCW has dispatched inspectors to a chemical plant in Syria to examine the site.",
     ("IGO", "SYR", "090")),
])
def test_nominal_reductions_and_inspections(pipeline, text, key) -> None:
    keys = {(s[:3] if s else s, t, c) for s, t, c in _keys(pipeline, text)}
    assert key in keys, _keys(pipeline, text, factual=False)


def test_handing_over_relief_is_aid_and_prisoners_a_release(pipeline) -> None:
    keys = _keys(pipeline, "Kenya handed over 200 tonnes of food to Somalia on Monday.")
    assert ("KEN", "SOM", "073") in keys, keys
    keys = _keys(pipeline, "Syria handed over two captured Israeli soldiers to the Red Cross.")
    assert any(c == "0841" for _, _, c in keys), keys


def test_an_infinitive_after_an_adverbial_is_still_the_threats_content(pipeline) -> None:
    # "threatened on Monday to resume attacks": parsed as an adverbial clause, still a threat
    keys = _keys(pipeline, "Hamas threatened on Monday to resume attacks in Israel.")
    assert ("PSE", "ISR", "138") in keys, _keys(pipeline, "Hamas threatened on Monday to "
                                                          "resume attacks in Israel.", False)
