"""The speed aids of the stages after the parse give the answers of the plain code."""

from __future__ import annotations

import re

from dyadwatch.actors.entries import _DASHES, fold
from dyadwatch.actors.matcher import DocKeys, doc_keys
from dyadwatch.coding.lexicon import lexicon
from dyadwatch.dates import scan
from dyadwatch.dates.absolute import RESOLVE_ONLY, absolute_patterns, month_ok
from dyadwatch.dates.lexicon import load_lexicon
from dyadwatch.dates.literals import required_literals
from dyadwatch.text import doc_text

# own sentences with dates of every kind, hyphenated names, white space, non-ASCII text
TEXTS = [
    "KARACHI - On Tuesday, January 16, 2024, Iran struck a village near Panjgur; two days "
    "later Pakistan hit back.  The envoys returned on 26/01/2024.",
    "Talks held in mid-March and again the following week ended without a deal, officials "
    "said this morning.\n\nThe year before, in 2019, the two sides met twice.",
    "Amir-Abdollahian met Jilani in Tehran the day before yesterday; earlier this month the "
    "Pakistan-based group had claimed the attack overnight.",
    "Last Friday's talks — held over the weekend in São Paulo — came a fortnight after the "
    "strikes of 18 Jan. and 2 days before the recall.",
    "Nothing happened here at all, and no one said anything about it.",
    "In recent months, the ministry has repeatedly warned that ties would be reviewed by "
    "the end of the year; the review began in 2023-11-05.",
]


def _plain_matches(text: str) -> list[tuple[int, int, str]]:
    """``scan._raw_matches`` without the required-words filter: every pattern is run."""
    found = []
    for pat in absolute_patterns():
        if pat.name in RESOLVE_ONLY:
            continue
        found += [(m.start(), m.end(), f"absolute:{pat.name}") for m in pat.regex.finditer(text)
                  if month_ok(text, m)]
    for cue in load_lexicon().cues:
        found += [(m.start(), m.end(), f"cue:{cue.rule}") for m in cue.regex.finditer(text)]
    return found


def test_required_literals_of_own_patterns() -> None:
    assert required_literals(re.compile(r"\b(?:monday|tuesday)\b", re.I)) == {"monday",
                                                                            "tuesday"}
    # the most selective part of a sequence; a class of digits; an optional part is none
    assert required_literals(re.compile(r"\d+ days? later", re.I)) == {" later"}
    assert required_literals(re.compile(r"[0-3]?\d/\d\d")) == {"/"}
    assert required_literals(re.compile(r"(?:last )?(?:week|month)")) == {"week", "month"}
    assert required_literals(re.compile(r"\w+")) is None
    assert required_literals(re.compile(r"[^a]b?")) is None
    assert required_literals(re.compile("ſtrike", re.I)) is None  # not ASCII: no filter


def test_every_match_of_a_shipped_pattern_holds_one_of_its_literals() -> None:
    regexes = [p.regex for p in absolute_patterns()] + [c.regex for c in load_lexicon().cues]
    checked = 0
    for rx in regexes:
        words = required_literals(rx)
        for text in TEXTS:
            for m in rx.finditer(text):
                if words is not None:
                    assert any(w in m.group().lower() for w in words), (rx.pattern, m.group())
                    checked += 1
    assert checked > 20


def test_date_scan_finds_what_every_pattern_finds() -> None:
    windows = TEXTS + [t[a:b] for t in TEXTS for a, b in scan._windows(t, load_lexicon().keywords)]
    for text in windows + [t.upper() for t in TEXTS]:
        assert scan._raw_matches(text) == _plain_matches(text)
    assert any(scan._raw_matches(t) for t in TEXTS)


def _plain_doc_keys(doc) -> DocKeys:
    keys, tok = [], []
    for t in doc:
        text = t.lower_
        if t.is_space or text in ("-", "–", "—", "‐"):
            continue
        k = fold(text)
        if len(k) > 2 and ("-" in k or "–" in k):
            parts = [p for p in _DASHES.split(k) if p]
            keys += parts
            tok += [t.i] * len(parts)
            continue
        keys.append("'s" if k == "’s" else k)
        tok.append(t.i)
    return DocKeys(keys, tok)


def test_doc_keys_and_doc_text(nlp) -> None:
    for doc in nlp.pipe(TEXTS + ["Iran’s foreign minister Hossein Amir-Abdollahian"]):
        assert doc_keys(doc) == _plain_doc_keys(doc)
        assert doc_text(doc) == doc.text
        assert doc_text(doc) is doc_text(doc)  # built once


def test_word_lists_are_plain_attributes() -> None:
    lex = lexicon()
    for name, words in lex.lists.items():
        if name not in type(lex).__dict__ and name not in lex.__dataclass_fields__:
            assert getattr(lex, name) is words
    try:
        lex.no_such_list_here
    except AttributeError as exc:
        assert "no_such_list_here" in str(exc)
    else:
        raise AssertionError("an unknown list must raise AttributeError")


def test_both_sides_ties_follow_the_order_of_the_codes() -> None:
    """ "both sides" takes the two most often named countries; a tie goes to the one
    named first in the passage, in the order of a mention's codes (a set's order
    changed with the string hash seed, so two worker processes could disagree)."""
    from types import SimpleNamespace

    from dyadwatch.actors.coref import _recent_countries

    done = [(SimpleNamespace(start=0), ["PAK", "IRN"])]
    assert _recent_countries(done, [0], 0) == ["PAK", "IRN"]
    done = [(SimpleNamespace(start=0), ["IRN", "PAK"])]
    assert _recent_countries(done, [0], 0) == ["IRN", "PAK"]
