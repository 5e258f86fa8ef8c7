"""``assign_modality`` on Event objects built by hand (the coder is not needed)."""

from __future__ import annotations

import pytest
from modality_casekit import find_trigger

from dyadwatch import modality as mod
from dyadwatch.modality import tables
from dyadwatch.errors import ConfigError
from dyadwatch.model import Actor, Event, Modality


def _event(doc, trigger, confidence: float = 0.8) -> Event:
    return Event(event_id="e1", doc_id="d1", sentence_index=0, sentence=doc.text,
                 source=Actor("PAKGOV", country="PAK", role="GOV"),
                 target=Actor("IRNGOV", country="IRN", role="GOV"),
                 cameo="190", root="19", quad_class=4, goldstein=-10.0,
                 confidence=confidence, trigger=trigger)


def test_sets_modality_and_evidence_per_event(nlp) -> None:
    doc = nlp("Iran denied launching missile strikes inside Pakistan. "
              "Islamabad said Tehran violated its airspace and threatened to retaliate.")
    events = [_event(doc, find_trigger(doc, w).i)
              for w in ("strikes", "denied", "violated", "retaliate", "threatened")]
    mod.assign_modality(events, doc)
    got = {doc[e.trigger].text: e.modality for e in events}
    assert got == {"strikes": Modality.NEGATED, "denied": Modality.ASSERTED,
                   "violated": Modality.ASSERTED, "retaliate": Modality.FUTURE,
                   "threatened": Modality.ASSERTED}
    strikes, _, violated, retaliate, _ = events
    assert strikes.evidence["modality"]["cue"] == "denied"
    assert not strikes.factual and violated.factual
    assert violated.evidence["modality"]["speaker"] == "Islamabad"
    assert violated.evidence["modality"]["rule"] == "reported-speech"
    assert retaliate.evidence["modality"]["cue"] == "threatened"
    # evidence survives the JSON form used by --explain
    assert violated.to_dict(explain=True)["evidence"]["modality"]["speaker"] == "Islamabad"
    assert retaliate.to_dict()["factual"] is False


def test_according_to_names_the_speaker(nlp) -> None:
    doc = nlp("Iranian drones struck a village near Panjgur, according to Pakistani officials.")
    ev = _event(doc, find_trigger(doc, "struck").i)
    mod.assign_modality([ev], doc)
    assert ev.modality == Modality.ASSERTED
    assert ev.evidence["modality"]["speaker"] == "Pakistani officials"


def test_hedged_assertion_loses_a_little_confidence(nlp) -> None:
    doc = nlp("Tehran reportedly moved troops to the border. Tehran moved troops to the border.")
    hedged = _event(doc, find_trigger(doc, "moved", 1).i)
    plain = _event(doc, find_trigger(doc, "moved", 2).i)
    mod.assign_modality([hedged, plain], doc)
    assert hedged.modality == plain.modality == Modality.ASSERTED
    assert hedged.evidence["modality"]["hedge"] == ["reportedly"]
    assert hedged.confidence == pytest.approx(0.8 - mod.HEDGE_PENALTY)
    assert plain.confidence == pytest.approx(0.8)


def test_accusation_is_asserted_with_speaker_but_hedged(nlp) -> None:
    doc = nlp("Pakistan accused Iran of violating its airspace.")
    ev = _event(doc, find_trigger(doc, "violating").i)
    mod.assign_modality([ev], doc)
    assert ev.modality == Modality.ASSERTED
    assert ev.evidence["modality"]["speaker"] == "Pakistan"
    assert ev.confidence < 0.8


@pytest.mark.parametrize("trigger", [None, 10_000, -1, "3", []])
def test_unresolvable_trigger_keeps_asserted(nlp, trigger) -> None:
    # a missing or out-of-range trigger is recorded, not guessed and not fatal
    doc = nlp("Pakistan could strike Iran.")
    ev = _event(doc, trigger)
    ev.modality = Modality.NEGATED
    mod.assign_modality([ev], doc)
    assert ev.modality == Modality.ASSERTED
    assert ev.evidence["modality"]["rule"] == "no-trigger"


def test_trigger_read_back_from_the_explain_json(nlp) -> None:
    # the JSON form (--explain) keeps the trigger in "evidence"; from_dict restores it
    doc = nlp("Pakistan could strike Iran.")
    ev = Event.from_dict(_event(doc, find_trigger(doc, "strike").i).to_dict(explain=True))
    assert ev.trigger == find_trigger(doc, "strike").i and "trigger" not in ev.evidence
    mod.assign_modality([ev], doc)
    assert ev.modality == Modality.HYPOTHETICAL
    assert ev.evidence["modality"]["cue"] == "could"


def test_empty_event_list_is_fine(nlp) -> None:
    mod.assign_modality([], nlp("Nothing happened."))


def test_bad_lexicon_row_is_a_config_error(monkeypatch) -> None:
    rows = [{"word": "not", "dep": "neg", "modality": "negated"},
            {"word": "maybe", "dep": "advmod", "modality": "perhaps"}]
    monkeypatch.setattr(tables, "read_csv", lambda *a, **k: rows)
    with pytest.raises(ConfigError, match=r"cues.csv row 2: unknown modality 'perhaps'"):
        tables.load_table("cues.csv", ("word", "dep"))
    rows[1] = {"word": "", "dep": "advmod", "modality": "hypothetical"}
    with pytest.raises(ConfigError, match=r"cues.csv row 2: empty word"):
        tables.load_table("cues.csv", ("word", "dep"))
    rows[1] = {"word": "NOT", "dep": "neg", "modality": "negated"}
    with pytest.raises(ConfigError, match=r"cues.csv row 2: duplicate entry 'not', 'neg'"):
        tables.load_table("cues.csv", ("word", "dep"))


def test_shipped_lexicons_load() -> None:
    lex = mod.lexicon()
    assert lex.cue("never", "neg") == "negated"
    assert lex.governor("refrain", "prep:from") == "negated"
    assert lex.governor("anything", "prep:without") == "negated"
    assert len(lex.governors) > 100


@pytest.mark.parametrize("text, trigger, root, expected, rule", [
    # a threat coded on its content verb: the threat is what happened
    ("Iran threatened to strike Pakistan.", "strike", "13", Modality.ASSERTED, "intent-statement"),
    # ... but coded as the strike itself it is only threatened
    ("Iran threatened to strike Pakistan.", "strike", "19", Modality.FUTURE, "governor-comp"),
    # "said it would" coded as intent to cooperate (03x)
    ("The EU said it would help rebuild Somalia.", "help", "03", Modality.ASSERTED,
     "intent-statement"),
    # conditional threat: the utterance is asserted
    ("Israel will retaliate if Hezbollah fires again.", "retaliate", "13", Modality.ASSERTED,
     "intent-statement"),
    # a negated intention is not turned into an assertion
    ("Pakistan will not retaliate.", "retaliate", "03", Modality.NEGATED, "negation"),
    # someone else's expectation is no statement of intent
    ("The ministers are expected to meet in Doha.", "meet", "03", Modality.FUTURE,
     "governor-comp"),
])
def test_intent_and_threat_events_are_the_statement(nlp, text, trigger, root, expected,
                                                    rule) -> None:
    doc = nlp(text)
    ev = _event(doc, find_trigger(doc, trigger).i)
    ev.root, ev.cameo = root, root + "0"
    mod.assign_modality([ev], doc)
    assert ev.modality == expected
    assert ev.evidence["modality"]["rule"] == rule


def test_unparsed_doc_does_not_crash() -> None:
    # a Doc without a parse (blank pipeline) has no sentences and no heads: still total
    import spacy

    doc = spacy.blank("en")("Pakistan did not strike Iran.")
    results = [mod.classify(t)[0] for t in doc]
    assert all(isinstance(m, Modality) for m in results)
    # without dependencies the negation cannot attach: nothing is invented
    assert results[3] == Modality.ASSERTED
