"""Discard lists in the coder and pipeline, actor lists read from the surface, reporting
verbs, and a phrase slot after a determiner (round 3 of the coder, issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.coding import Coder, PatternSet
from dyadwatch.coding.discard import DiscardList
from dyadwatch.model import Document


def _triples(events) -> set:
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


CRICKET = "Pakistan beat India by five wickets in the final at Lahore on Sunday."


def test_shipped_discards_silence_a_sports_sentence(env) -> None:
    coder = Coder(env.actors, discards=DiscardList.default())
    assert coder.code_text(env.nlp, CRICKET) == []


def test_discarded_sentences_are_reported_with_their_phrase(env) -> None:
    from dyadwatch.text import parse

    coder = Coder(env.actors, discards=DiscardList.default())
    text = CRICKET + " Iran condemned Israel on Monday."
    document = Document(doc_id="d", body=text)
    doc, sentences = parse(env.nlp, document)
    found: list[dict] = []
    events = coder.code(doc, env.actors.tag(doc), document, sentences, found)
    assert _triples(events) == {("IRN", "ISR", "111")}  # the other sentence is still coded
    assert len(found) == 1 and found[0]["level"] == "sentence" and found[0]["sentence"] == 0
    assert "wicket" in found[0]["phrase"]


def test_a_story_phrase_silences_the_whole_document(env) -> None:
    coder = Coder(env.actors, discards=DiscardList(story=("world golf championships",)))
    found: list[dict] = []
    from dyadwatch.text import parse

    document = Document(doc_id="d", body="Iran condemned Israel on Monday. The World Golf "
                                        "Championships opened in Doha.")
    doc, sentences = parse(env.nlp, document)
    assert coder.code(doc, env.actors.tag(doc), document, sentences, found) == []
    assert found == [{"level": "story", "phrase": "world golf championships"}]


def test_no_discards_by_default_in_a_bare_coder(env) -> None:
    assert len(Coder(env.actors).discards) == 0


def test_pipeline_explains_what_was_discarded(pipeline) -> None:
    res = pipeline.process(Document(doc_id="c", body=CRICKET))
    out = res.to_dict(explain=True)
    assert out["events"] == [] and out["discarded"][0]["level"] == "sentence"
    assert "discarded" not in res.to_dict()  # only with --explain


def test_pipeline_settings_pick_discard_files(tmp_path: Path) -> None:
    from dyadwatch.pipeline import Settings, _discards

    txt = tmp_path / "my.discards.txt"
    txt.write_text("+ROYAL WEDDING\nBAKE OFF\n", encoding="utf-8")
    js = tmp_path / "more.json"
    js.write_text(json.dumps({"version": 1, "story": [], "sentence": ["quiz night"]}),
                  encoding="utf-8")
    both = _discards(Settings(discard_files=(str(txt), str(js))))
    assert both.story == ("royal wedding",) and set(both.sentence) == {"bake off", "quiz night"}
    assert len(_discards(Settings(discards=False))) == 0
    assert len(_discards(Settings())) == len(DiscardList.default())


@pytest.mark.parametrize("text,expected", [
    # the first members hang on the verb as a loose modifier, left of the subject
    ("Turkey, the rich Qatar, and Egypt condemned Israel on Monday.",
     {("TUR", "ISR", "111"), ("QAT", "ISR", "111"), ("EGY", "ISR", "111")}),
    ("Brazil, Chile and the newly elected Argentine government criticized Venezuela.",
     {("BRA", "VEN", "111"), ("CHL", "VEN", "111"), ("ARGGOV", "VEN", "111")}),
])
def test_actor_lists_are_read_from_the_surface(coder, env, text: str, expected: set) -> None:
    assert _triples(coder.code_text(env.nlp, text)) == expected


def test_a_list_needs_a_comma_or_conjunction(coder, env) -> None:
    # "Iranian" and "Pakistan" touch without list glue: no extra source
    got = _triples(coder.code_text(env.nlp, "Pakistan's army shelled Afghan border posts."))
    assert all(s.startswith("PAK") for s, _, _ in got)


def test_reporting_verb_with_any_code_does_not_target_the_reported_subject(env, tmp_path) -> None:
    """A dictionary may give "said" a code other than 010 (PETRARCH's validation
    dictionary does); the subject of what is reported is still not its target."""
    f = tmp_path / "say.json"
    f.write_text(json.dumps({"patterns": [
        {"id": "say.other", "pos": "verb", "lemmas": ["say"], "code": "023", "priority": 1}]}),
        encoding="utf-8")
    coder = Coder(env.actors, PatternSet.default(extra_files=[f]))
    got = _triples(coder.code_text(
        env.nlp, "Iran said Pakistan would restore full diplomatic ties with Turkey."))
    assert not any(c == "023" for _, _, c in got)


def test_phrase_target_slot_skips_the_determiner(env, tmp_path) -> None:
    f = tmp_path / "complain.json"
    f.write_text(json.dumps({"patterns": [
        {"id": "complain.to", "pos": "verb", "lemmas": ["complain"], "code": "114",
         "phrase": "* TO_+", "priority": 1}]}), encoding="utf-8")
    coder = Coder(env.actors, PatternSet.default(extra_files=[f]))
    got = coder.code_text(env.nlp, "Pakistan complained to the United Nations about the raid.")
    assert {(e.source.code[:3], e.cameo) for e in got} >= {("PAK", "114")}
    ev = next(e for e in got if e.cameo == "114")
    assert ev.target is not None and ev.evidence["target_text"].endswith("United Nations")


def test_threat_without_target_aims_at_the_one_other_country_in_the_sentence(coder, env) -> None:
    got = _triples(coder.code_text(env.nlp, "Islamabad offered talks if India shared evidence, "
                                            "but warned that Pakistan would retaliate if it "
                                            "were attacked."))
    assert any(s.startswith("PAK") and t == "IND" and c.startswith("13") for s, t, c in got), got


def test_threat_with_several_other_countries_gets_no_guessed_target(coder, env) -> None:
    got = _triples(coder.code_text(env.nlp, "Iran warned that it would retaliate if attacked, "
                                            "as Israel and the United States held drills."))
    assert not any(c.startswith("13") and t in ("ISR", "USA") for _, t, c in got), got


def test_participle_elaborating_an_attack_is_the_same_event(coder, env) -> None:
    evs = coder.code_text(env.nlp, "Indian troops shelled a Pakistani border post on Monday, "
                                   "killing three Pakistani soldiers.")
    violent = [e for e in evs if e.root == "19" and e.source.country == "IND"]
    assert len(violent) == 1, [(e.source.code, e.target.code if e.target else None, e.cameo)
                               for e in evs]
    assert violent[0].evidence.get("also_from"), violent[0].evidence


def test_two_separate_acts_in_one_sentence_stay_two(coder, env) -> None:
    evs = coder.code_text(env.nlp, "Indian troops shelled a Pakistani border post, and "
                                   "Pakistani jets bombed an Indian camp.")
    assert {(e.source.country, e.root) for e in evs} >= {("IND", "19"), ("PAK", "19")}
