"""Alert rules files: the shipped example loads; mistakes name the file, the rule and the field."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from dyadwatch.errors import ConfigError
from dyadwatch.watch import load_rules


def test_the_shipped_example_loads():
    path = Path(str(resources.files("dyadwatch").joinpath("data/watch/alerts.example.toml")))
    rs = load_rules(path)
    assert [(r.name, r.kind) for r in rs.rules] == [
        ("irn-pak-heat", "above_baseline"), ("irn-pak-episode", "new_episode"),
        ("irn-pak-force", "root_between")]
    assert rs.rules[2].roots == ("18", "19", "20")
    assert rs.outputs.jsonl == path.parent / "alerts.jsonl"
    assert rs.outputs.webhook is None


def test_json_rules_and_the_default_jsonl(tmp_path):
    f = tmp_path / "rules.json"
    f.write_text('{"rule": [{"name": "ind-pak", "kind": "root_between", '
                 '"countries": ["IND", "PAK"], "roots": [19]}]}', encoding="utf-8")
    rs = load_rules(f, default_jsonl=tmp_path / "out.jsonl")
    assert rs.rules[0].roots == ("19",) and str(rs.rules[0].dyad) == "IND-PAK"
    assert rs.outputs.jsonl == tmp_path / "out.jsonl"


@pytest.mark.parametrize("body, message", [
    # a TOML syntax error names the file
    ("[[rule]\nname='x'", "not valid TOML"),
    # no rules at all
    ("[output]\njsonl='a.jsonl'", "no rules"),
    # a kind that does not exist lists the kinds
    ("[[rule]]\nname='a'\nkind='panic'", "rule 1 (a): 'kind' must be one of above_baseline"),
    # a country code that is not one
    ("[[rule]]\nname='a'\nkind='new_episode'\ndyad='IRAN-PAK'", "rule 1 (a): 'IRAN-PAK'"),
    # a root outside 01-20
    ("[[rule]]\nname='a'\nkind='root_between'\ncountries=['IRN','PAK']\nroots=['21']",
     "rule 1 (a): '21' is not a CAMEO root"),
    # a setting of another kind (typo or confusion) is refused, not ignored
    ("[[rule]]\nname='a'\nkind='new_episode'\ndyad='IRN-PAK'\nwithin_days=3",
     "'within_days' is not a setting of a new_episode rule"),
    # numbers are range-checked
    ("[[rule]]\nname='a'\nkind='above_baseline'\ndyad='IRN-PAK'\nk=-1",
     "'k' must be a number from 0.0 to 100.0"),
    # names are unique: the store records alerts by rule name
    ("[[rule]]\nname='a'\nkind='new_episode'\ndyad='IRN-PAK'\n"
     "[[rule]]\nname='a'\nkind='new_episode'\ndyad='IND-PAK'", "rule 2 (a): the name is used"),
    # a webhook must be an http(s) URL
    ("[output]\nwebhook='mailto:x'\n[[rule]]\nname='a'\nkind='new_episode'\ndyad='IRN-PAK'",
     "webhook must be an http(s) URL"),
    # retries are bounded: 1 to 10 tries, a wait of at most a minute
    ("[output]\nwebhook_attempts=0\n[[rule]]\nname='a'\nkind='new_episode'\ndyad='IRN-PAK'",
     "webhook_attempts must be a whole number from 1 to 10"),
    ("[output]\nwebhook_backoff=600\n[[rule]]\nname='a'\nkind='new_episode'\ndyad='IRN-PAK'",
     "webhook_backoff must be seconds between 0 and 60"),
])
def test_mistakes_are_named(tmp_path, body, message):
    f = tmp_path / "alerts.toml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_rules(f)
    assert str(err.value).startswith(str(f))
    assert message in str(err.value)


def test_a_missing_rules_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the alert rules"):
        load_rules(tmp_path / "nope.toml")
