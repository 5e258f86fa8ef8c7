"""The coder's word lists (data/coding/lexicon.json): loaded once, validated, one copy."""

from __future__ import annotations

import json

import pytest

from dyadwatch._resources import read_text
from dyadwatch.coding.lexicon import REQUIRED, Lexicon, lexicon
from dyadwatch.errors import ConfigError


def _data() -> dict:
    return json.loads(read_text("coding", "lexicon.json"))


def _load(data: dict) -> Lexicon:
    return Lexicon.from_text(json.dumps(data), "test.json")


def test_shipped_lists_load_and_cover_what_the_coder_reads() -> None:
    lex = lexicon()
    assert set(REQUIRED) <= set(lex.lists)
    assert "kill" in lex.harm_verbs and "car-bomb" in lex.blast_nouns
    assert lex.implied_role("173") == "COP" and lex.implied_role("1721") == "GOV"
    assert lex.implied_role("180") == "GOV"  # default


def test_includes_expand_so_a_family_is_written_once() -> None:
    lex = lexicon()
    # effect verbs and the verbs a blast harms through both build on the harm verbs
    assert lex.harm_verbs <= lex.effect_verbs and lex.harm_verbs <= lex.blast_harm_verbs
    assert lex.blast_harm_verbs <= lex.blast_predicates
    assert lex.petrarch_target_preps <= lex.phrase_target_preps


def test_no_list_names_a_word_twice_through_its_includes() -> None:
    data = _data()
    data["lists"]["effect_verbs"]["words"].append("kill")  # already in @harm_verbs
    with pytest.raises(ConfigError, match="effect_verbs.*'kill' is listed twice"):
        _load(data)


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["lists"].pop("harm_verbs"), "includes unknown list '@harm_verbs'"),
    (lambda d: d["lists"].pop("site_preps"), r"missing word lists \['site_preps'\]"),
    (lambda d: d["lists"]["site_nouns"]["words"].append("Camp"), "'Camp' is not a lower-case word"),
    (lambda d: d["lists"]["judicial_codes"]["words"].append("999"), "unknown CAMEO code '999'"),
    (lambda d: d["lists"]["group_roles"]["words"].append("rebel"), "not a three-letter role"),
    (lambda d: d["lists"]["site_nouns"].update(kind="nouns"), "kind must be one of"),
    (lambda d: d["lists"]["site_nouns"].update(about=""), "says nothing about what it is for"),
    (lambda d: d["lists"]["harm_verbs"]["words"].append("@effect_verbs"), "includes itself"),
    (lambda d: d["lists"]["reaction_roots"]["words"].append("@harm_verbs"), r"\(roots\) includes"),
    (lambda d: d["maps"]["implied_roles"]["map"].update({"173": "police"}), "not a three-letter role"),
    (lambda d: d.update(version=2), '"version": 1'),
    (lambda d: d.update(extra=1), "unknown keys"),
])
def test_bad_lists_are_refused_naming_file_and_list(mutate, message) -> None:
    data = _data()
    mutate(data)
    with pytest.raises(ConfigError, match=message) as info:
        _load(data)
    assert "test.json" in str(info.value)


def test_unreadable_file(tmp_path) -> None:
    with pytest.raises(ConfigError, match="cannot read word lists"):
        Lexicon.from_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.json: not valid JSON"):
        Lexicon.from_file(bad)


def test_unknown_list_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no word list 'nonsense'"):
        lexicon().nonsense  # noqa: B018
