"""PETRARCH-format dictionaries: the reader and ``ActorDictionary.from_petrarch_files``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.actors import ActorDictionary
from dyadwatch.actors.petrarch import (CodeRange, parse_actor_text, parse_agent_text,
                                       parse_code)
from dyadwatch.errors import ConfigError

# a tiny dictionary in PETRARCH format, written for this test (fictional places)
ACTORS = """\
# comment line
<!-- a comment -->
VALDORIA_  [VAL]
+VALDORIAN
+THE_VALDORIAN_REPUBLIC
KESTRA [KES]  # inline comment
+KESTRAN
PORT_ALMA [VALGOV]
MARIN_TOLLE_
+TOLLE
\t[VALGOV 990101-041231]
\t[VALOPP >050101]
\t[VALELI]
ORVEN_BASK
\t[KESMIL < 100601]
\t[KESGOV 100601 - 150101]
TWIN_CITIES [VAL/KES]
NULL_ACTOR [---]
"""

AGENTS = """\
!MINIST! = MINISTER, MINISTRY
FOREIGN_!MINIST! [~GOV]
POLICE {} [~COP]
SOLDIER [~MIL]
ARMY [~MIL]
AID_AGENCY [NGO~]
GOVERNMENT [~GOV]
LAWMAKER [~LEG]
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> ActorDictionary:
    d = tmp_path_factory.mktemp("petr")
    (d / "t.actors.txt").write_text(ACTORS, encoding="utf-8")
    (d / "t.agents.txt").write_text(AGENTS, encoding="utf-8")
    return ActorDictionary.from_petrarch_files([d / "t.actors.txt"], [str(d / "t.agents.txt")])


def test_parse_code_dates() -> None:
    assert parse_code("VALGOV 990101-041231") == CodeRange("VALGOV", date(1999, 1, 1), date(2004, 12, 31))
    assert parse_code("KESMIL < 100601") == CodeRange("KESMIL", None, date(2010, 5, 31))
    assert parse_code("VALOPP >20050101") == CodeRange("VALOPP", date(2005, 1, 2), None)
    assert parse_code("pse") == CodeRange("PSE")
    assert parse_code("X 2004017") is None  # malformed date: dropped, not fatal


def test_parse_actor_text_structure() -> None:
    entries = parse_actor_text(ACTORS)
    heads = [e.phrases[0] for e in entries]
    assert heads[:3] == ["VALDORIA_", "KESTRA", "PORT_ALMA"]
    tolle = entries[3]
    assert tolle.phrases == ["MARIN_TOLLE_", "TOLLE"]
    assert [c.code for c in tolle.codes] == ["VALGOV", "VALOPP", "VALELI"]


def test_parse_actor_text_rejects_orphan_code() -> None:
    with pytest.raises(ConfigError, match="before any actor"):
        parse_actor_text("\t[ABC]\n", "bad.txt")


def test_parse_agent_text_plurals_and_markers() -> None:
    pairs = dict(parse_agent_text(AGENTS))
    assert pairs["FOREIGN_MINISTER"] == "~GOV" and pairs["FOREIGN_MINISTRY"] == "~GOV"
    assert pairs["SOLDIERS"] == "~MIL" and pairs["ARMIES"] == "~MIL"
    assert "POLICES" not in pairs  # {} suppresses the plural
    assert pairs["AID_AGENCY"] == "NGO~"


CASES = [
    # (sentence, date, expected (surface, code) pairs)
    ("Valdoria closed its border.", date(2001, 1, 1), [("Valdoria", "VAL")]),
    ("The Valdorian Republic protested.", date(2001, 1, 1), [("Valdorian Republic", "VAL")]),
    ("Port Alma rejected the offer.", date(2001, 1, 1), [("Port Alma", "VALGOV")]),
    ("Marin Tolle met envoys.", date(2001, 6, 1), [("Marin Tolle", "VALGOV")]),
    ("Marin Tolle met envoys.", date(2007, 6, 1), [("Marin Tolle", "VALOPP")]),
    ("Tolle met envoys.", date(1990, 6, 1), [("Tolle", "VALELI")]),  # undated default
    ("Orven Bask inspected troops.", date(2009, 1, 1), [("Orven Bask", "KESMIL")]),
    ("Orven Bask inspected troops.", date(2012, 1, 1), [("Orven Bask", "KESGOV")]),
    ("Kestran soldiers crossed the river.", date(2001, 1, 1), [("Kestran soldiers", "KESMIL")]),
    ("The Valdorian foreign minister flew home.", date(2001, 1, 1),
     [("Valdorian foreign minister", "VALGOV")]),
    ("Kestra's army advanced.", date(2001, 1, 1), [("Kestra's army", "KESMIL")]),
    ("Lawmakers in Valdoria and Kestra met.", date(2001, 1, 1),
     [("Lawmakers in Valdoria", "VALLEG"), ("Kestra", "KESLEG")]),
    ("An aid agency Valdoria lawmaker spoke.", date(2001, 1, 1), [("aid agency Valdoria lawmaker", "NGOVALLEG")]),
    ("The police of Kestra arrested him.", date(2001, 1, 1), [("police of Kestra", "KESCOP")]),
    ("Twin Cities voted.", date(2001, 1, 1), [("Twin Cities", "VAL"), ("Twin Cities", "KES")]),
]


@pytest.mark.parametrize("text,when,expected", CASES, ids=[f"{c[0][:30]}-{c[1]}" for c in CASES])
def test_from_petrarch_files_tags(nlp, tiny, text, when, expected) -> None:
    ms = tiny.tag(nlp(text), when=when)
    got = {(m.actor.name, m.actor.code) for m in ms}
    for pair in expected:
        assert pair in got, f"{text!r} @ {when}: want {pair}, got {sorted(got)}"


def test_null_code_is_not_a_mention(nlp, tiny) -> None:
    assert tiny.tag(nlp("Null Actor spoke."), date(2001, 1, 1)) == []


def test_compound_code_kind(nlp, tiny) -> None:
    ms = tiny.tag(nlp("Twin Cities voted."), date(2001, 1, 1))
    assert {m.kind for m in ms} == {"compound"} and len(ms) == 2
    assert ms[0].start == ms[1].start and ms[0].end == ms[1].end


def test_missing_file_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read actor dictionary"):
        ActorDictionary.from_petrarch_files([tmp_path / "nope.txt"], [])
