"""Unit tests for the coder: pattern loading/validation, evidence, ids, properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.coding import Coder, PatternSet, lookup
from dyadwatch.errors import ConfigError
from dyadwatch.model import Document, Modality
from dyadwatch.text import parse







def _write(tmp_path: Path, patterns: list[dict], name: str = "mine.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps({"version": 1, "patterns": patterns}), encoding="utf-8")
    return p


# -- pattern files -----------------------------------------------------------

def test_default_patterns_cover_all_roots_with_valid_codes() -> None:
    ps = PatternSet.default()
    roots = {lookup(p.code).root for p in ps.patterns if p.priority >= 0}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert "launch" in ps.light_verbs and "carry" in ps.light_verbs


@pytest.mark.parametrize("entry, message", [
    # a code that is not in the CAMEO codebook
    ({"id": "x.bad", "pos": "verb", "lemmas": ["zap"], "code": "999"}, "unknown event code"),
    # misspelt key
    ({"id": "x.key", "pos": "verb", "lemmas": ["zap"], "code": "190", "objct": ["a"]},
     "unknown keys"),
    # pos must be verb or noun
    ({"id": "x.pos", "pos": "adj", "lemmas": ["zap"], "code": "190"}, "'pos'"),
    # lemmas must be strings
    ({"id": "x.lem", "pos": "verb", "lemmas": [3], "code": "190"}, "'lemmas'"),
    # missing id
    ({"pos": "verb", "lemmas": ["zap"], "code": "190"}, "missing pattern 'id'"),
])
def test_bad_pattern_entry_names_file_and_entry(tmp_path: Path, entry: dict, message: str) -> None:
    path = _write(tmp_path, [entry])
    with pytest.raises(ConfigError) as exc:
        PatternSet.from_files([path])
    assert message in str(exc.value)
    assert "mine.json" in str(exc.value) and "entry 0" in str(exc.value)


def test_not_json_and_duplicate_ids_are_config_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.json"):
        PatternSet.from_files([bad])
    e = {"id": "dup", "pos": "verb", "lemmas": ["zap"], "code": "190"}
    with pytest.raises(ConfigError, match="duplicate pattern id"):
        PatternSet.from_files([_write(tmp_path, [e, e])])
    with pytest.raises(ConfigError, match="cannot read"):
        PatternSet.from_files([tmp_path / "missing.json"])


def test_user_pattern_file_extends_the_coder(tmp_path: Path, env) -> None:
    text = "Iran zapped Pakistan."
    plain = Coder(env.actors).code_text(env.nlp, text)
    assert not any(e.cameo == "1712" for e in plain)
    extra = _write(tmp_path, [{"id": "user.zap", "pos": "verb", "lemmas": ["zap"],
                               "code": "1712", "notes": "test verb"}])
    events = Coder(env.actors, PatternSet.default([extra])).code_text(env.nlp, text)
    hit = [e for e in events if e.cameo == "1712"]
    assert hit and hit[0].evidence["pattern"] == "user.zap"
    assert hit[0].source.code.startswith("IRN") and hit[0].target.code.startswith("PAK")


# -- events and evidence -------------------------------------------------------

SEEDLIKE = ("Ties between Iran and Pakistan were strained in January. "
            "On January 16, Iran launched missile and drone strikes on Pakistan. "
            "Islamabad recalled its ambassador from Tehran and expelled the Iranian envoy. "
            "It subsequently launched retaliatory strikes on militant hideouts in Iran.")


def test_event_fields_and_evidence_contract(coder: Coder, env) -> None:
    document = Document(doc_id="seedlike", body=SEEDLIKE)
    doc, sentences = parse(env.nlp, document)
    events = coder.code(doc, env.actors.tag(doc), document, sentences)
    assert events
    for ev in events:
        info = lookup(ev.cameo)
        assert (ev.root, ev.quad_class, ev.goldstein) == (info.root, info.quad_class, info.goldstein)
        assert ev.plover_type == info.plover_type
        assert ev.modality == Modality.ASSERTED and ev.date is None
        assert ev.date_precision == "article"
        assert 0.0 <= ev.confidence <= 1.0
        assert ev.event_id.startswith(f"seedlike-{ev.sentence_index}-")
        assert ev.sentence == sentences[ev.sentence_index].text
        evd = ev.evidence
        for key in ("pattern", "trigger_text", "why"):
            assert key in evd
        assert ev.trigger is not None and ev.source_tokens is not None
        trig = doc[ev.trigger]
        assert evd["trigger_text"].startswith(trig.text)
        assert sentences[ev.sentence_index].start <= trig.idx < sentences[ev.sentence_index].end
        s0, s1 = ev.source_tokens
        assert 0 <= s0 < s1 <= len(doc)
        if ev.target is not None:
            assert ev.target_tokens is not None
            t0, t1 = ev.target_tokens
            assert 0 <= t0 < t1 <= len(doc)
        # the --explain form still shows them
        shown = ev.to_dict(explain=True)["evidence"]
        assert shown["trigger"] == ev.trigger and shown["source_tokens"] == [s0, s1]
    assert len({e.event_id for e in events}) == len(events)
    codes = {(e.source.code[:3], e.target.code[:3] if e.target else None, e.root) for e in events}
    assert ("IRN", "PAK", "19") in codes  # the strikes
    assert ("PAK", "IRN", "16") in codes  # recall / expel
    assert ("PAK", "IRN", "19") in codes  # retaliation through "It" and "hideouts in Iran"
    assert any(e.cameo == "195" for e in events)


def test_event_ids_are_deterministic(coder: Coder, env) -> None:
    a = coder.code_text(env.nlp, SEEDLIKE, doc_id="d")
    b = coder.code_text(env.nlp, SEEDLIKE, doc_id="d")
    assert [(e.event_id, e.cameo, e.source.code) for e in a] == \
        [(e.event_id, e.cameo, e.source.code) for e in b]


def test_pipeline_runs_the_coder(pipeline) -> None:
    from datetime import date

    res = pipeline.process(Document(doc_id="p", body=SEEDLIKE, published=date(2024, 1, 27)))
    assert any(e.root == "19" for e in res.events)


def test_require_target_switch(env) -> None:
    text = "Iran condemned the attack."
    strict = Coder(env.actors).code_text(env.nlp, text)
    loose = Coder(env.actors, require_target=False).code_text(env.nlp, text)
    assert not strict
    assert loose and loose[0].target is None and loose[0].target_tokens is None


# -- properties -----------------------------------------------------------------

ACTORS = ["Iran", "Pakistan", "India", "China", "Turkey", "Egypt"]
VERBS = [("attacked", "attack"), ("condemned", "condemn"), ("praised", "praise"),
         ("threatened", "threaten"), ("sanctioned", "sanction"), ("visited", "visit"),
         ("met", "meet"), ("accused", "accuse"), ("shelled", "shell"), ("invited", "invite")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(src=st.sampled_from(ACTORS), tgt=st.sampled_from(ACTORS), verb=st.sampled_from(VERBS),
       neg=st.booleans())
def test_simple_transitive_sentences_code_the_dyad(coder: Coder, env, src: str, tgt: str,
                                                   verb: str, neg: bool) -> None:
    """Any "X <verb> Y" yields an X -> Y event (negated ones too: modality comes later)."""
    if src == tgt:
        return
    text = f"{src} did not {verb[1]} {tgt}." if neg else f"{src} {verb[0]} {tgt}."
    events = coder.code_text(env.nlp, text)
    names = {(e.source.name, e.target.name if e.target else None) for e in events}
    assert (src, tgt) in names, f"{text}: {[(e.source.code, e.cameo) for e in events]}"
    for e in events:
        assert e.source.code != (e.target.code if e.target else None)

