"""Discard lists (PETRARCH-style): parsing, JSON files, whole-word matching and the
shipped default list."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from dyadwatch.coding.discard import DiscardList, normalise_phrase
from dyadwatch.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
PHOENIX = SHARED / "reference" / "petrarch2_dictionaries" / "Phoenix.discards.txt"
VALIDATE = (SHARED / "benchmarks" / "petrarch2_validation" / "original" / "dictionaries"
            / "PETR.Validate.discards.txt")

#: a small discard dictionary in PETRARCH's format, written for these tests
PETR_TEXT = """# discard phrases for the tests
# '+' marks story level

+ Zorbish League   # note with a date 01 Jan 2020
+QUIDDITCH_FINAL
TEST_CAPTAIN_
GROUP Q_
WICKET	# tab before the comment
  SEMI-FINAL
EURO 96
WOMEN'S   DOUBLES
#QUIDDITCH commented out
quidditch final
"""

STRIKE = "Iranian missiles hit militant bases in Panjgur on January 16."
CRICKET = ("Pakistan beat India by five wickets in Lahore on Sunday after their "
           "batsmen chased down 280 runs.")


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture()
def petr(tmp_path: Path) -> DiscardList:
    return DiscardList.from_petrarch_file(write(tmp_path, "t.discards.txt", PETR_TEXT))


# -- parsing -----------------------------------------------------------------
def test_petrarch_levels_comments_and_underscores(petr: DiscardList) -> None:
    assert petr.story == ("zorbish league", "quidditch final")
    # the sentence-level copy of a story phrase is dropped; '_' reads as a space
    assert petr.sentence == ("test captain", "group q", "wicket", "semi-final", "euro 96",
                             "women's doubles")
    assert len(petr) == 8
    assert "t.discards.txt" in petr.about


def test_normalise_phrase() -> None:
    assert normalise_phrase("  WORLD__Golf \t Championships_ ") == "world golf championships"


@pytest.mark.parametrize("line", ["+", "+   # only a comment after the plus", "_ _", "+ -",
                                  "LONG " * 50])
def test_petrarch_empty_phrase_names_file_and_line(tmp_path: Path, line: str) -> None:
    p = write(tmp_path, "bad.txt", f"# header\nCRICKET\n{line}\n")
    with pytest.raises(ConfigError, match=re.escape(f"{p}:3")):
        DiscardList.from_petrarch_file(p)


def test_petrarch_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(ConfigError, match="nope.txt"):
        DiscardList.from_petrarch_file(missing)
    latin1 = write(tmp_path, "latin1.txt", "CAF\xc9 OLYMPICS\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="latin1.txt"):
        DiscardList.from_petrarch_file(latin1)


def test_petrarch_blank_file_is_an_empty_list(tmp_path: Path) -> None:
    d = DiscardList.from_petrarch_file(write(tmp_path, "blank.txt", "# nothing\n\n"))
    assert len(d) == 0 and d.story_hit(CRICKET) is None


# -- JSON ----------------------------------------------------------------------
def test_json_round_trip(tmp_path: Path, petr: DiscardList) -> None:
    p = write(tmp_path, "d.json", petr.to_json())
    data = json.loads(p.read_text(encoding="utf-8"))
    assert set(data) == {"version", "about", "license", "story", "sentence"}
    assert data["version"] == 1
    back = DiscardList.from_json_file(p)
    assert back == petr
    assert back.sentence_hit(CRICKET) == "wicket"


def test_json_normalises_phrases(tmp_path: Path) -> None:
    p = write(tmp_path, "d.json", json.dumps(
        {"version": 1, "story": ["  Tour_de  FRANCE "], "sentence": ["Snooker", "snooker"]}))
    d = DiscardList.from_json_file(p)
    assert d.story == ("tour de france",) and d.sentence == ("snooker",)
    assert d.about == "" and d.license == ""


@pytest.mark.parametrize("content", [
    "{not json",
    "[]",
    json.dumps({"version": 2, "story": [], "sentence": []}),
    json.dumps({"story": [], "sentence": []}),
    json.dumps({"version": 1, "story": "cricket", "sentence": []}),
    json.dumps({"version": 1, "story": [], "sentence": ["ok", 7]}),
    json.dumps({"version": 1, "story": [], "sentence": ["  _ "]}),
    json.dumps({"version": 1, "story": [], "sentence": [], "about": 3}),
    json.dumps({"version": 1, "story": [], "sentence": [], "phrases": []}),
])
def test_bad_json_names_the_file(tmp_path: Path, content: str) -> None:
    p = write(tmp_path, "broken.discards.json", content)
    with pytest.raises(ConfigError, match="broken.discards.json"):
        DiscardList.from_json_file(p)


def test_missing_json_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="absent.json"):
        DiscardList.from_json_file(tmp_path / "absent.json")


def test_frozen_and_empty() -> None:
    d = DiscardList.empty()
    assert len(d) == 0
    assert d.story_hit(CRICKET) is None and d.sentence_hit(CRICKET) is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.story = ("x",)  # type: ignore[misc]
    with pytest.raises(ConfigError):
        DiscardList(sentence=("",))
    with pytest.raises(ConfigError):
        DiscardList(sentence="cricket")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="longer than"):
        DiscardList(sentence=("word " * 60,))


# -- matching ------------------------------------------------------------------
def test_case_insensitive(petr: DiscardList) -> None:
    for text in ("WICKET", "wicket", "Wicket", "a WiCkEt fell"):
        assert petr.sentence_hit(text) == "wicket"
    assert petr.story_hit("THE ZORBISH LEAGUE resumed") == "zorbish league"


def test_whole_words_only() -> None:
    d = DiscardList(sentence=("euro", "cup", "ashes"))
    assert d.sentence_hit("European ministers met in Brussels.") is None
    assert d.sentence_hit("Eurozone finance ministers") is None
    assert d.sentence_hit("The euro fell against the dollar.") == "euro"
    assert d.sentence_hit("He hid it in a cupboard; teacups broke.") is None
    assert d.sentence_hit("They lifted the cup.") == "cup"
    assert d.sentence_hit("the Ashes") == "ashes"
    assert d.sentence_hit("the village was reduced to ashes") == "ashes"  # phrase choice matters


def test_plurals_hyphens_apostrophes(petr: DiscardList) -> None:
    # the last word may take -s/-es ...
    assert petr.sentence_hit("won by five wickets") == "wicket"
    assert petr.sentence_hit("two Test captains") == "test captain"
    # ... but not any other ending, and not after a short last word
    assert petr.sentence_hit("wicketkeeper") is None
    assert petr.sentence_hit("group qs") is None
    assert petr.sentence_hit("Group Q drew") == "group q"
    # separators and hyphens
    for text in ("the semi-final", "the semifinal", "the semi final", "the semi - final"):
        assert petr.sentence_hit(text) == "semi-final", text
    assert petr.sentence_hit("a six-wicket win") == "wicket"
    assert petr.sentence_hit("test\ncaptain") == "test captain"
    assert petr.sentence_hit("Women\u2019s doubles") == "women's doubles"
    assert petr.sentence_hit("womens doubles") is None
    # digits are whole tokens too
    assert petr.sentence_hit("EURO 96") == "euro 96"
    assert petr.sentence_hit("EURO 960") is None
    assert petr.sentence_hit("euro 2096") is None


def test_levels_are_separate(petr: DiscardList) -> None:
    text = "Fans gathered before the Quidditch final."
    assert petr.story_hit(text) == "quidditch final"
    assert petr.sentence_hit(text) is None
    assert petr.story_hit(CRICKET) is None


def test_longest_phrase_is_reported() -> None:
    d = DiscardList(sentence=("champion club", "champion club cup", "club"))
    assert d.sentence_hit("the Champion Club Cup final") == "champion club cup"
    assert d.sentence_hit("champion clubs") == "champion club"
    assert d.sentence_hit("a club") == "club"


def test_many_phrases_report_the_right_one() -> None:
    phrases = tuple(f"zq{i:03d} term{i % 7}" for i in range(500))
    d = DiscardList(story=phrases[:250], sentence=phrases[250:])
    for i in (0, 1, 77, 249):
        assert d.story_hit(f"x {phrases[i].upper()} y") == phrases[i]
        assert d.sentence_hit(f"x {phrases[i]} y") is None
    for i in (250, 251, 400, 499):
        assert d.sentence_hit(f"x {phrases[i]}.") == phrases[i]
        assert d.sentence_hit(f"x {phrases[i]}s.") is None  # last word not alphabetic
    assert d.sentence_hit(STRIKE) is None and d.story_hit(STRIKE) is None


def test_regex_metacharacters_are_literal() -> None:
    d = DiscardList(sentence=("c++ open", "a.b (cup)"))
    assert d.sentence_hit("the C++ open") == "c++ open"
    assert d.sentence_hit("the a.b (cup) final") == "a.b (cup)"
    assert d.sentence_hit("the axb (cup) final") is None


# -- the shipped default list --------------------------------------------------------
def test_default_loads_and_is_cached() -> None:
    d = DiscardList.default()
    assert d is DiscardList.default()
    assert len(d.story) > 20 and len(d.sentence) > 80
    assert "world golf championships" in d.story
    assert {"wicket", "batsman", "goalless draw", "snooker"} <= set(d.sentence)
    assert "MIT License" in d.license and "Open Event Data" in d.license


def test_default_is_curated() -> None:
    d = DiscardList.default()
    phrases = set(d.story) | set(d.sentence)
    assert not [p for p in phrases if re.fullmatch(r"\d{4}", p)]
    assert not [p for p in phrases if re.search(r"\b(ago|later)$", p)]
    for dropped in ("ebola", "avian flu", "blizzard", "bus plunged", "typhoon", "champion",
                    "champions", "avatar", "british empire", "attack on pearl harbor",
                    "everest", "archaeology", "manny pacquiao", "abdul karim qasim",
                    "marathon", "world war ii", "third round", "nations final"):
        assert dropped not in phrases, dropped


@pytest.mark.parametrize("sentence", [
    STRIKE,
    "Pakistan recalled its ambassador from Tehran after the strikes.",
    "The two sides began a third round of talks in Geneva.",
    "After marathon talks, the rebels agreed to a ceasefire.",
    "The United Nations final report accused both armies of war crimes.",
    "The runner-up in the election called his supporters onto the streets.",
    "Militants attacked a checkpoint on Boxing Day, killing four soldiers.",
    "A champion of human rights, she condemned the crackdown.",
    "North Korea's missile test draws condemnation from Seoul and Tokyo.",
])
def test_default_keeps_conflict_sentences(sentence: str) -> None:
    d = DiscardList.default()
    assert d.sentence_hit(sentence) is None
    assert d.story_hit(sentence) is None


@pytest.mark.parametrize("sentence, level", [
    (CRICKET, "sentence"),
    ("Australia were 245 for three at stumps on the second day.", "sentence"),
    ("The match ended in a goalless draw in Karachi.", "sentence"),
    ("Rain delayed play at Wimbledon on Tuesday.", "story"),
    ("He is defending champion at the World Golf Championships in Miami.", "story"),
])
def test_default_discards_sports_reports(sentence: str, level: str) -> None:
    d = DiscardList.default()
    hit = d.sentence_hit(sentence) if level == "sentence" else d.story_hit(sentence)
    assert hit is not None


# -- PETRARCH's own files and the converter (need /work/shared) ---------------------
needs_phoenix = pytest.mark.skipif(not PHOENIX.is_file(), reason="shared PETRARCH files absent")




@pytest.mark.skipif(not VALIDATE.is_file(), reason="shared PETRARCH files absent")
def test_petrarch_validation_discards() -> None:
    d = DiscardList.from_petrarch_file(VALIDATE)
    assert d.story == ("world golf championships", "manchester united", "typhoon", "espn2")
    assert "years later" in d.sentence and "baseball" in d.sentence
    assert d.story_hit("Manchester United beat Chelsea") == "manchester united"


@needs_phoenix
def test_phoenix_parses_in_full() -> None:
    d = DiscardList.from_petrarch_file(PHOENIX)
    assert "world golf championships" in d.story and "1999" in d.sentence
    assert "2000" not in d.sentence  # commented out in the file
    assert "group a" in d.sentence  # GROUP A_
    assert d.sentence_hit(CRICKET) == "wicket"


@needs_phoenix
def test_converter_reproduces_shipped_default(tmp_path: Path, capsys, tool) -> None:
    out = tmp_path / "default.json"
    assert tool("convert_petrarch_discards").main([str(PHOENIX), str(out), "--curated"]) == 0
    shipped = ROOT / "src" / "dyadwatch" / "data" / "discards" / "default.json"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
    report = capsys.readouterr().out
    assert "kept" in report and "dropped" in report and "not reviewed" not in report


@needs_phoenix
def test_converter_plain_mode_keeps_everything(tmp_path: Path, tool) -> None:
    out = tmp_path / "all.json"
    assert tool("convert_petrarch_discards").main([str(PHOENIX), str(out)]) == 0
    converted = DiscardList.from_json_file(out)
    parsed = DiscardList.from_petrarch_file(PHOENIX)
    assert (converted.story, converted.sentence) == (parsed.story, parsed.sentence)
    assert "MIT License" in converted.license
