"""Word-order ("phrase") patterns in PETRARCH notation: compiling, matching on real
parses, pattern-file keys (``phrase``, ``synsets``, ``codes``, ``reverse_code``), the
coder's use of ``+``/``$`` slots and paired codes, and the phrase-mode converter."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from dyadwatch.coding import Coder, PatternSet
from dyadwatch.coding.petrarch import verb_dictionary
from dyadwatch.coding.phrase import compile_phrase, expand_synset, match_phrase, token_matches
from dyadwatch.errors import ConfigError


#: PETRARCH-style negation synset: members are phrases or other synsets
SYNSETS = {
    "NEGATION": ("DID NOT", "DID N'T", "WO N'T", "&NEVERS"),
    "NEVERS": ("NEVER",),
    "TIETYPES": ("DIPLOMATIC TIES", "TRADE LINKS"),
    "GENINT": ("GENEVA", "INTERNATIONAL"),
}


# -- compiling ---------------------------------------------------------------

def test_compile_splits_before_and_after_with_adjacency() -> None:
    ph = compile_phrase("SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS", SYNSETS, "here")
    # before the verb: nearest first; "SUGGESTED" is glued to the slot, the slot is not
    # glued to the verb
    assert [(e.kind, e.adjacent) for e in ph.before] == [("target", False), ("words", True)]
    assert ph.before[1].alternatives == ((("suggested", False),),)
    assert [(e.kind, e.adjacent) for e in ph.after] == [
        ("words", False), ("words", True), ("words", True)]
    assert ph.after[0].alternatives == ((("demand", False),),)
    assert ph.after[1].alternatives == ((("geneva", False),), (("international", False),))
    assert ph.specificity == 4  # slots carry no weight


def test_compile_words_glued_to_the_verb() -> None:
    ph = compile_phrase("NOT_* _DOUBT ABOUT", {}, "here")
    assert [(e.alternatives, e.adjacent) for e in ph.before] == [(((("not", False),),), True)]
    assert [e.adjacent for e in ph.after] == [True, False]
    ph = compile_phrase("NOT * DOUBT", {}, "here")
    assert not ph.before[0].adjacent and not ph.after[0].adjacent


def test_compile_slot_kinds() -> None:
    ph = compile_phrase("$ * ^ + %", {}, "here")
    assert [e.kind for e in ph.before] == ["source"]
    assert [e.kind for e in ph.after] == ["skip", "target", "target"]
    assert ph.specificity == 0


def test_compile_multiword_synset_members_and_nesting() -> None:
    ph = compile_phrase("&NEGATION * &TIETYPES", SYNSETS, "here")
    assert set(ph.before[0].alternatives) == {
        (("did", False), ("not", False)), (("did", False), ("n't", False)),
        (("wo", False), ("n't", False)), (("never", False),)}
    assert set(ph.after[0].alternatives) == {
        (("diplomatic", False), ("ties", False)), (("trade", False), ("links", False))}


def test_expand_synset_accepts_either_spelling_of_the_name() -> None:
    a = expand_synset("&NEGATION", SYNSETS, "here")
    assert expand_synset("negation_", SYNSETS, "here") == a
    assert (("never", False),) in a


def test_unknown_synset_names_the_place() -> None:
    with pytest.raises(ConfigError, match=r"mine\.json entry 3.*unknown synset &NOSUCH"):
        compile_phrase("* &NOSUCH WITH +", SYNSETS, "mine.json entry 3")


@pytest.mark.parametrize("synsets", [
    {"LOOP": ("&LOOP",)},
    {"A": ("&B",), "B": ("WORD", "&A")},
])
def test_synset_cycle_is_a_config_error(synsets: dict) -> None:
    with pytest.raises(ConfigError, match=r"where\.json.*cycle"):
        compile_phrase("* &A" if "A" in synsets else "* &LOOP", synsets, "where.json")


@pytest.mark.parametrize("text", ["TIES WITH +", "* TIES * WITH +", ""])
def test_phrase_needs_exactly_one_star(text: str) -> None:
    with pytest.raises(ConfigError, match=r"f\.json.*exactly one '\*'"):
        compile_phrase(text, {}, "f.json")


def test_trailing_underscore_marks_a_word_exact_when_compiled() -> None:
    ph = compile_phrase("* PEACE_ TALKS", {}, "here")
    assert ph.after[0].alternatives == ((("peace", True),),)


# -- matching on real parses ----------------------------------------------------

#: sentence -> actor token spans (start, end), written by hand for these sentences
SENTS = {
    "restore": ("Pakistan restored diplomatic ties with Iran on Monday.", [(0, 1), (5, 6)]),
    "did_not": ("Iran did not restore diplomatic relations with Pakistan.", [(0, 1), (7, 8)]),
    "didnt": ("India didn't accept the proposal from China.", [(0, 1), (7, 8)]),
    "wont": ("China won't accept the demands of India.", [(0, 1), (7, 8)]),
    "suggest": ("Pakistan suggested Iran accept the international conventions.",
                [(0, 1), (2, 3)]),
    "clash": ("Indian troops clashed with Chinese soldiers along the border.",
              [(0, 2), (4, 6)]),
    "accuse": ("Iran accused Pakistan of sheltering militants near the border with "
               "Afghanistan.", [(0, 1), (2, 3), (5, 6), (10, 11)]),
}


@pytest.fixture(scope="module")
def parsed(env):
    @lru_cache(maxsize=None)
    def get(key: str, verb: str):
        text, spans = SENTS[key]
        doc = env.nlp(text)
        tok = next(t for t in doc if t.lemma_.lower() == verb)

        def actor_span(i: int):
            return next(((s, e) for s, e in spans if s <= i < e), None)
        return tok, actor_span
    return get


def _match(parsed, key: str, verb: str, text: str, synsets=SYNSETS):
    tok, span = parsed(key, verb)
    return match_phrase(compile_phrase(text, synsets, "test"), tok, span)


def test_word_order_is_enforced(parsed) -> None:
    assert _match(parsed, "restore", "restore", "* DIPLOMATIC TIES WITH +") is not None
    assert _match(parsed, "restore", "restore", "* TIES DIPLOMATIC WITH +") is None
    assert _match(parsed, "restore", "restore", "* WITH + TIES") is None
    # words after the verb are not found before it, nor the other way round
    assert _match(parsed, "restore", "restore", "* PAKISTAN") is None
    assert _match(parsed, "restore", "restore", "TIES *") is None


def test_gaps_are_allowed_unless_joined(parsed) -> None:
    assert _match(parsed, "restore", "restore", "* DIPLOMATIC WITH +") is not None
    assert _match(parsed, "restore", "restore", "* DIPLOMATIC_WITH +") is None
    assert _match(parsed, "restore", "restore", "* DIPLOMATIC_TIES_WITH_+") is not None
    assert _match(parsed, "restore", "restore", "*_TIES") is None  # "diplomatic" between
    assert _match(parsed, "restore", "restore", "*_DIPLOMATIC") is not None
    assert _match(parsed, "restore", "restore", "* ^ WITH +") is not None


def test_adjacency_before_the_verb(parsed) -> None:
    # "Iran did not restore ...": "did" is two words left of the verb
    assert _match(parsed, "did_not", "restore", "DID *") is not None
    assert _match(parsed, "did_not", "restore", "DID_*") is None
    assert _match(parsed, "did_not", "restore", "NOT_*") is not None
    assert _match(parsed, "did_not", "restore", "DID_NOT_*") is not None


def test_stems_and_exact_words(parsed) -> None:
    assert _match(parsed, "did_not", "restore", "* DIPLOMATIC RELATION WITH +") is not None
    # a stem: a prefix at most three letters shorter, at least four letters long
    assert _match(parsed, "restore", "restore", "* DIPLOMAT TIES") is not None
    assert _match(parsed, "restore", "restore", "* DIPLOM TIES") is None
    tok, _ = parsed("restore", "restore")
    diplomatic, ties = tok.doc[2], tok.doc[3]
    assert token_matches(diplomatic, "diplomat", False)
    assert not token_matches(diplomatic, "diplomat", True)
    assert token_matches(ties, "tie", True)  # exact still matches the lemma
    assert not token_matches(ties, "ti", False)


def test_exact_word_in_phrase_does_not_stem(parsed) -> None:
    assert _match(parsed, "restore", "restore", "* DIPLOMAT_ TIES") is None


def test_multiword_synset_members_are_adjacent(parsed) -> None:
    assert _match(parsed, "restore", "restore", "* &TIETYPES WITH +") is not None
    loose = {"PAIR": ("DIPLOMATIC WITH",)}
    assert _match(parsed, "restore", "restore", "* DIPLOMATIC WITH", loose) is not None
    assert _match(parsed, "restore", "restore", "* &PAIR", loose) is None


@pytest.mark.parametrize("key, verb", [("did_not", "restore"), ("didnt", "accept"),
                                       ("wont", "accept")])
def test_negation_synset_before_the_verb(parsed, key: str, verb: str) -> None:
    assert _match(parsed, key, verb, "&NEGATION *") is not None
    # members are read in text order, not reversed
    backwards = {"NEG": ("NOT DID", "N'T DID", "N'T WO")}
    assert _match(parsed, key, verb, "&NEG *", backwards) is None


def test_negation_does_not_match_an_affirmative(parsed) -> None:
    assert _match(parsed, "restore", "restore", "&NEGATION * &TIETYPES") is None
    assert _match(parsed, "restore", "restore", "* &TIETYPES") is not None


def test_target_binds_first_actor_after_the_words(parsed) -> None:
    b = _match(parsed, "accuse", "accuse", "* +")
    assert b is not None and b.target == 2  # Pakistan
    b = _match(parsed, "accuse", "accuse", "* OF +")
    assert b is not None and b.target == 5  # militants
    b = _match(parsed, "accuse", "accuse", "* BORDER WITH +")
    assert b is not None and b.target == 10  # Afghanistan
    b = _match(parsed, "accuse", "accuse", "* %")
    assert b is not None and b.target == 2 and b.source is None


def test_source_before_the_verb_and_glued_slots(parsed) -> None:
    b = _match(parsed, "did_not", "restore", "$ DID * DIPLOMATIC RELATION WITH +")
    assert b is not None and (b.source, b.target) == (0, 7)
    assert _match(parsed, "did_not", "restore", "DID $ * RELATION") is None
    # a multi-token actor: the slot points at its first token
    b = _match(parsed, "clash", "clash", "$ * WITH_+")
    assert b is not None and (b.source, b.target) == (0, 4)
    b = _match(parsed, "suggest", "accept", "$ SUGGESTED_+ * &GENINT_CONVENTIONS")
    assert b is not None and (b.source, b.target) == (0, 2)
    assert _match(parsed, "suggest", "accept", "SUGGESTED_+ * GENEVA_CONVENTIONS") is None


def test_no_actor_for_a_slot_means_no_match(parsed) -> None:
    tok, _ = parsed("restore", "restore")
    ph = compile_phrase("* WITH +", {}, "test")
    assert match_phrase(ph, tok, lambda i: None) is None
    # Iran is the only actor after the verb; nothing follows "on"
    assert _match(parsed, "restore", "restore", "* ON +") is None
    assert _match(parsed, "restore", "restore", "* $") is not None


# -- pattern files -----------------------------------------------------------

def _write(tmp_path: Path, body: dict, name: str = "phr.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps({"version": 1, **body}), encoding="utf-8")
    return p


CUSTOM = {"903": {"label": "extend a credit line", "quad_class": None, "goldstein": None}}


def test_pattern_file_with_synsets_codes_and_reverse_code(tmp_path: Path) -> None:
    path = _write(tmp_path, {
        "synsets": {"&TIETYPES_": ["DIPLOMATIC TIES", "&TRADE"], "TRADE": ["TRADE LINKS"]},
        "codes": CUSTOM,
        "patterns": [
            {"id": "p.ties", "pos": "verb", "lemmas": ["restore"], "code": "064",
             "phrase": "* &TIETYPES WITH +", "reverse_code": "064"},
            {"id": "p.credit", "pos": "verb", "lemmas": ["extend"], "code": "903",
             "phrase": "* CREDIT LINE TO +", "reverse_code": "0231"},
        ]})
    ps = PatternSet.from_files([path])
    ties, credit = ps.patterns
    assert ties.phrase is not None and (("trade", False), ("links", False)) in \
        ties.phrase.after[0].alternatives
    assert credit.reverse_code == "0231" and credit.code == "903"
    # each phrase word counts 2 towards the specificity
    assert credit.specificity == 6 and ties.specificity == 4
    info = ps.info("903")
    assert (info.code, info.root, info.quad_class, info.goldstein) == ("903", "90", None, None)
    assert info.label == "extend a credit line"
    assert ps.info("0231").root == "02" and ps.info("0231").goldstein is not None


@pytest.mark.parametrize("codes, message", [
    ({"X03": {"label": "bad root"}}, "two-digit root"),
    ({"903": "lend"}, "needs an object"),
    ({"903": {"quad_class": 7}}, "quad_class"),
    ({"903": {"goldstein": 42}}, "goldstein"),
    (["903"], "'codes' must be an object"),
])
def test_bad_codes_entry_names_the_file(tmp_path: Path, codes, message: str) -> None:
    path = _write(tmp_path, {"codes": codes, "patterns": []})
    with pytest.raises(ConfigError, match=message) as exc:
        PatternSet.from_files([path])
    assert "phr.json" in str(exc.value)


@pytest.mark.parametrize("entry, message", [
    # a code neither in CAMEO nor declared in 'codes'
    ({"code": "904"}, "unknown event code '904'"),
    ({"code": "064", "reverse_code": "999"}, "unknown event code '999'"),
    ({"code": "064", "reverse_code": 33}, "'reverse_code' must be a string"),
    ({"code": "064", "phrase": "* &NOSUCH"}, "unknown synset &NOSUCH"),
    ({"code": "064", "phrase": "TIES WITH +"}, "exactly one"),
    ({"code": "064", "phrase": ["*", "TIES"]}, "'phrase' must be a string"),
])
def test_bad_phrase_entry_names_file_and_entry(tmp_path: Path, entry: dict, message: str) -> None:
    path = _write(tmp_path, {"codes": CUSTOM, "patterns": [
        {"id": "p.ok", "pos": "verb", "lemmas": ["restore"], "code": "903"},
        {"id": "p.bad", "pos": "verb", "lemmas": ["restore"], **entry}]})
    with pytest.raises(ConfigError, match=message) as exc:
        PatternSet.from_files([path])
    assert "phr.json entry 1 (p.bad)" in str(exc.value)


def test_bad_synsets_name_the_file(tmp_path: Path) -> None:
    for synsets in (["NEG"], {"NEG": []}, {"NEG": ["DID NOT", 3]}):
        path = _write(tmp_path, {"synsets": synsets, "patterns": []})
        with pytest.raises(ConfigError, match="phr.json.*synset"):
            PatternSet.from_files([path])


# -- end to end through the coder ------------------------------------------------

def _coder(env, tmp_path: Path, patterns: list[dict], **extra) -> Coder:
    return Coder(env.actors, PatternSet.from_files(
        [_write(tmp_path, {"patterns": patterns, **extra})]))


def _triples(events) -> set:
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in events}


def test_reverse_code_codes_both_directions(env, tmp_path: Path) -> None:
    coder = _coder(env, tmp_path, [
        {"id": "p.loan", "pos": "verb", "lemmas": ["extend"], "code": "071",
         "phrase": "* LOAN TO +", "reverse_code": "0231"}])
    events = coder.code_text(env.nlp, "Iran extended a loan to Pakistan.")
    assert _triples(events) == {("IRN", "PAK", "071"), ("PAK", "IRN", "0231")}
    by_code = {e.cameo: e for e in events}
    assert by_code["0231"].root == "02" and by_code["071"].root == "07"
    assert by_code["0231"].goldstein != by_code["071"].goldstein
    # the reverse event swaps the token spans too
    fwd, rev = by_code["071"], by_code["0231"]
    assert (fwd.source_tokens, fwd.target_tokens) == (rev.target_tokens, rev.source_tokens)


def test_custom_code_event(env, tmp_path: Path) -> None:
    coder = _coder(env, tmp_path, [
        {"id": "p.credit", "pos": "verb", "lemmas": ["extend"], "code": "903",
         "phrase": "* LOAN TO +"}], codes=CUSTOM)
    events = coder.code_text(env.nlp, "Iran extended a loan to Pakistan.")
    assert len(events) == 1
    ev = events[0]
    assert (ev.source.code, ev.target.code, ev.cameo) == ("IRN", "PAK", "903")
    assert ev.root == "90" and ev.goldstein is None and ev.quad_class is None
    assert "extend a credit line" in ev.evidence["why"]


def test_target_slot_overrides_the_dependency_target(env, tmp_path: Path) -> None:
    text = "India complained to the United Nations about China."
    plain = _coder(env, tmp_path, [
        {"id": "p.complain", "pos": "verb", "lemmas": ["complain"], "code": "114"}])
    assert _triples(plain.code_text(env.nlp, text)) == {("IND", "IGOUNO", "114")}
    phrased = _coder(env, tmp_path, [
        {"id": "p.complain", "pos": "verb", "lemmas": ["complain"], "code": "114"},
        {"id": "p.complain.about", "pos": "verb", "lemmas": ["complain"], "code": "114",
         "phrase": "* ABOUT +"}])
    events = phrased.code_text(env.nlp, text)
    assert _triples(events) == {("IND", "CHN", "114")}
    assert events[0].evidence["pattern"] == "p.complain.about"
    assert events[0].evidence["target_text"] == "China"
    assert "'+' slot" in events[0].evidence["why"]


# -- converting a PETRARCH verb dictionary (phrase mode) ------------------------

PETR = """# a small verb dictionary in PETRARCH's format, written for these tests
&NEGATION
+DID N'T
+WO N'T
+&NEVERS

&NEVERS
+NEVER

&TIETYPES
+DIPLOMATIC_TIES
+TRADE_LINKS

--- RESTORE [064] ---
RESTORE
REESTABLISH
- * &TIETYPES WITH + [064]
- &NEGATION * &TIETYPES WITH [---]
- * LOAN TO + [071:0231]
- * CREDIT LINE [903]
- * &NOSUCHSET [064]

--- SNUB [---] ---
SNUB
"""


@pytest.fixture()
def converted(tmp_path: Path) -> tuple[dict, Path]:
    src = tmp_path / "test.verbs.txt"
    src.write_text(PETR, encoding="utf-8")
    data = verb_dictionary(src, priority=1, prefix="t")
    out = tmp_path / "test.verbs.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return data, out


def test_convert_phrases_output_structure(converted) -> None:
    data, _ = converted
    assert data["synsets"] == {"NEGATION": ["DID N'T", "WO N'T", "&NEVERS"],
                               "NEVERS": ["NEVER"],
                               "TIETYPES": ["DIPLOMATIC_TIES", "TRADE_LINKS"]}
    assert set(data["codes"]) == {"903"}
    assert data["codes"]["903"]["goldstein"] is None
    by_phrase = {p.get("phrase"): p for p in data["patterns"]}
    ties = by_phrase["* &TIETYPES WITH +"]
    assert ties["code"] == "064" and ties["lemmas"] == ["reestablish", "restore"]
    assert ties["priority"] == 1 and ties["converted"] is True and "reverse_code" not in ties
    assert by_phrase["&NEGATION * &TIETYPES WITH"]["code"] == "---"
    loan = by_phrase["* LOAN TO +"]
    assert (loan["code"], loan["reverse_code"]) == ("071", "0231")
    assert by_phrase["* CREDIT LINE"]["code"] == "903"
    assert "* &NOSUCHSET" not in by_phrase  # a line naming an unknown synset is dropped ...
    assert any("unknown synset &NOSUCHSET" in x for x in data["skipped"])  # ... and reported
    bare = {p["lemmas"][0]: p["code"] for p in data["patterns"] if "phrase" not in p}
    assert bare == {"restore": "064", "reestablish": "064", "snub": "---"}
    ids = [p["id"] for p in data["patterns"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("t.") for i in ids)


def test_txt_pattern_file_is_read_as_a_petrarch_dictionary(converted, env) -> None:
    """``--patterns my.verbs.txt``: the dictionary is converted on load."""
    data, json_path = converted
    ps = PatternSet.from_files([json_path.with_suffix(".txt")])
    assert len(ps) == len(data["patterns"]) and ps.info("903").root == "90"
    assert ps.skipped == data["skipped"] and ps.skipped[0].startswith("test.verbs.txt:")
    coder = Coder(env.actors, ps)
    assert _triples(coder.code_text(env.nlp, "Pakistan restored diplomatic ties with Iran.")) \
        == {("PAK", "IRN", "064")}


def test_txt_file_without_verbs_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="notes.txt"):
        PatternSet.from_files([bad])


def test_converted_phrases_load_and_code(converted, env) -> None:
    _, path = converted
    ps = PatternSet.from_files([path])
    assert ps.info("903").root == "90"
    assert any(p.null for p in ps.patterns) and any(p.reverse_code == "0231" for p in ps.patterns)
    coder = Coder(env.actors, ps)
    assert _triples(coder.code_text(env.nlp, "Pakistan restored diplomatic ties with Iran.")) \
        == {("PAK", "IRN", "064")}
    # the null line ("did not restore ... ties with") wins over the bare verb
    assert coder.code_text(env.nlp, "Iran didn't restore trade links with Pakistan.") == []
