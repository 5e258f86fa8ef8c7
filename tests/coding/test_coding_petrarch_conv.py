"""PETRARCH verb-dictionary conversion and the pattern features it relies on:
multi-word cues, words before the verb, particles, target prepositions, synsets,
null (``[---]``) patterns, and the intent/threat code mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.coding import Coder, PatternSet
from dyadwatch.coding.intent import intent_table

ROOT = Path(__file__).resolve().parents[2]

#: a small dictionary in PETRARCH's format, written for these tests
DICT = """# test dictionary
&ENVOY
+AMBASSADOR
+HIGH_COMMISSIONER
+ENVOY

--- ZOGGLE [010] ---
ZOGGLE
- * ACCUSE [112]
- * FULL DIPLOMATIC_TIES WITH + [064]
- * &ENVOY [161]
- * UP [0871]
- * PLAN [---]
- PRESIDENT * FIRMLY [013]
- * A B C D E F [020]
"""


@pytest.fixture(scope="module")
def conv(tool):
    return tool("convert_petrarch_verbs")


@pytest.fixture(scope="module")
def converted(conv, tmp_path_factory) -> dict:
    src = tmp_path_factory.mktemp("petr") / "test.verbs.txt"
    src.write_text(DICT, encoding="utf-8")
    return {p["id"]: p for p in conv.convert(src, keep_own=True, priority=1)["patterns"]}


@pytest.mark.parametrize("pid, keys", [
    # plain verb of the block gets the block code
    ("petr.010", {"code": "010", "lemmas": ["zoggle"]}),
    # a single content word after the verb is a cue
    ("petr.112.v_accuse", {"code": "112", "cues": [["accuse"]]}),
    # multi-word: underscores split, the preposition before "+" is kept and names the target
    ("petr.064.v_full_diplomatic_ties_with",
     {"cues": [["full"], ["diplomatic"], ["ties"], ["with"]], "target_preps": ["with"],
      "object_target": False}),
    # a synset expands to its members' head words
    ("petr.161.v_syn-envoy", {"cues": [["ambassador", "commissioner", "envoy"]]}),
    # a particle right after the verb constrains the particle
    ("petr.0871.v_up", {"particle": ["up"]}),
    # [---] is a null pattern
    ("petr.xxx.v_plan", {"code": "---", "cues": [["plan"]]}),
    # words before the verb
    ("petr.013.president_v_firmly", {"before": [["president"]], "cues": [["firmly"]]}),
])
def test_converter_translates_pattern_lines(converted: dict, pid: str, keys: dict) -> None:
    assert pid in converted, sorted(converted)
    for k, v in keys.items():
        assert converted[pid][k] == v, (pid, k, converted[pid])


def test_converter_drops_overlong_lines(converted: dict) -> None:
    assert not any(p["code"] == "020" for p in converted.values())


def test_converted_file_loads_and_null_pattern_silences(conv, tmp_path: Path, env) -> None:
    src = tmp_path / "v.txt"
    src.write_text(DICT, encoding="utf-8")
    data = conv.convert(src, keep_own=True, priority=1)
    for p in data["patterns"]:
        p["id"] = "test." + p["id"]
    out = tmp_path / "v.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    coder = Coder(env.actors, PatternSet.default([out]))
    codes = lambda t: {e.cameo for e in coder.code_text(env.nlp, t)}  # noqa: E731
    assert "064" in codes("Chile zoggled full diplomatic ties with Peru.")
    assert "161" in codes("Chile zoggled the Peruvian ambassador.")
    # the null reading wins over the bare verb: no event at all
    assert codes("Chile zoggled a plan with Peru.") == set()
    assert "010" in codes("Chile zoggled Peru.")


def test_shipped_conversion_has_multiword_and_null_patterns() -> None:
    ps = PatternSet.default()
    conv = [p for p in ps.patterns if p.converted]
    assert len(conv) > 1000
    assert any(len(p.cues) >= 2 for p in conv)
    assert any(p.null for p in conv)
    assert any(p.before for p in conv)
    # null patterns never outrank hand-written ones
    assert all(p.priority < 0 for p in conv if p.null)


@pytest.mark.parametrize("code, expected", [
    ("084", "0353"),   # release -> intent to release
    ("0841", "0353"),  # longest prefix: 084
    ("195", "1384"),   # air strike -> threaten conventional attack
    ("042", "036"),    # visit -> intent to meet
    ("051", None),     # praise has no intent reading
    ("010", None),     # statements stay statements
])
def test_intent_table_prefixes(code: str, expected: str | None) -> None:
    assert intent_table().code_for(code) == expected


@pytest.mark.parametrize("text, code", [
    ("Turkey vowed to bomb Kurdish militants in Syria.", "138"),
    ("Japan offered to send humanitarian aid to Turkey.", "033"),
])
def test_intent_statements_in_sentences(env, text: str, code: str) -> None:
    evs = Coder(env.actors).code_text(env.nlp, text)
    assert any(e.cameo.startswith(code) and e.evidence.get("intent_of") for e in evs), \
        [(e.cameo, e.evidence["why"]) for e in evs]


def test_intent_codes_switch(env) -> None:
    text = "Ukraine will free twenty Russian prisoners next week."
    on = {e.cameo for e in Coder(env.actors).code_text(env.nlp, text)}
    off = {e.cameo for e in Coder(env.actors, intent_codes=False).code_text(env.nlp, text)}
    assert "0353" in on and "0353" not in off and any(c.startswith("08") for c in off)





def test_shipped_widening_table_is_what_the_converter_makes_now(conv, shared_dir) -> None:
    """data/patterns/petrarch_verbs.json depends on our own verb files (verbs we cover are
    only refined): after changing those, rerun tools/convert_petrarch_verbs.py."""
    src = shared_dir / "reference" / "petrarch2_dictionaries" / "CAMEO.verbpatterns.150430.txt"
    if not src.exists():
        pytest.skip("Phoenix verb dictionary not present")
    fresh = conv.convert(src)["patterns"]
    shipped = json.loads((ROOT / "src" / "dyadwatch" / "data" / "patterns" /
                          "petrarch_verbs.json").read_text(encoding="utf-8"))["patterns"]
    assert fresh == shipped, ("data/patterns/petrarch_verbs.json is out of date: run "
                              "python tools/convert_petrarch_verbs.py <Phoenix verbs> "
                              "src/dyadwatch/data/patterns/petrarch_verbs.json")
