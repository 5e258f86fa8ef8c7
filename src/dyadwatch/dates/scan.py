"""Find candidate date expressions (regexes first, spaCy DATE entities second).

Every date expression holds a keyword (``scan_keywords`` in lexicon.json, a
digit, a month or weekday name), so the patterns run only on windows around
keyword hits; overlapping matches inside a sentence are resolved with
day-level calendar dates first, then the longest match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from .absolute import RESOLVE_ONLY, absolute_patterns, month_ok
from ..text import doc_text
from .lexicon import load_lexicon
from .literals import required_literals

_HAS_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DAY_LEVEL = frozenset(f"absolute:{n}" for n in (
    "iso", "numeric", "md-md-range", "dm-dm-range", "md-range", "dm-range", "md", "dm", "day-only"))


@dataclass(frozen=True)
class Candidate:
    """One date expression found in the text: token span plus how it was found."""

    span: Span
    kind: str  # "absolute:<name>", "cue:<rule>" or "entity"
    text: str
    #: a weekday written in apposition to this calendar date ("January 19, a Friday"):
    #: it describes the date and is checked against it, never used on its own
    weekday: str | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.span.start, self.span.end)


#: how far a date expression may reach from its keyword (characters)
_REACH = 60


_WORD = re.compile(r"[A-Za-z]+|\d+")


def _windows(text: str, keywords: frozenset[str]) -> list[tuple[int, int]]:
    """Merged character ranges around keyword hits, extended to whitespace."""
    out: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if not (w[0].isdigit() or w.lower() in keywords):
            continue
        ws = max(0, m.start() - _REACH)
        we = min(len(text), m.end() + _REACH)
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        while we < len(text) and not text[we].isspace():
            we += 1
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


def _raw_matches(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    # a pattern whose required words are not in the window cannot match there
    # (``literals.py``; exact for ASCII text, so other text runs every pattern)
    low = text.lower() if text.isascii() else None
    present: dict[int, bool] = {}
    for kind, regex, absolute, need in _scanners(absolute_patterns(), load_lexicon()):
        if need is not None and low is not None:
            ok = present.get(id(need))
            if ok is None:
                ok = present[id(need)] = need.search(low) is not None
            if not ok:
                continue
        for m in regex.finditer(text):
            if not absolute or month_ok(text, m):
                found.append((m.start(), m.end(), kind))
    return found


#: the scanning table of the loaded patterns (``_scanners``), with the objects it
#: was built from kept alive, so that their ids stay theirs
_SCANNERS: dict[tuple[int, int], tuple[Any, Any, list]] = {}


def _scanners(patterns: Any, lex: Any) -> list[tuple[str, re.Pattern[str], bool,
                                                      re.Pattern[str] | None]]:
    """(kind, regex, is absolute, the search for its required words or None) of every
    pattern ``_raw_matches`` runs, in its order; patterns with the same required words
    share one search."""
    key = (id(patterns), id(lex))
    got = _SCANNERS.get(key)
    if got is None:
        searches: dict[frozenset[str], re.Pattern[str]] = {}

        def search(rx: re.Pattern[str]) -> re.Pattern[str] | None:
            words = required_literals(rx)
            if words is None:
                return None
            if words not in searches:
                searches[words] = re.compile("|".join(
                    re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))
            return searches[words]

        table = [(f"absolute:{pat.name}", pat.regex, True, search(pat.regex))
                 for pat in patterns if pat.name not in RESOLVE_ONLY]
        table += [(f"cue:{cue.rule}", cue.regex, False, search(cue.regex)) for cue in lex.cues]
        _SCANNERS.clear()
        got = _SCANNERS[key] = (patterns, lex, table)
    return got[2]


def scan_doc(doc: Doc, sents: list[Span]) -> dict[int, list[Candidate]]:
    """Candidates per sentence number (index into ``sents``), each list in text order."""
    starts = [s.start_char for s in sents]
    by_sent: dict[int, list[tuple[int, int, str]]] = {i: [] for i in range(len(sents))}
    # every expression holds a keyword (a digit, month, weekday or cue word): the
    # patterns run only on windows around keyword hits, widened to whole words
    text = doc_text(doc)
    for ws, we in _windows(text, load_lexicon().keywords):
        for s, e, kind in _raw_matches(text[ws:we]):
            s, e = s + ws, e + ws
            no = bisect_right(starts, s) - 1
            if no >= 0 and e <= sents[no].end_char:
                by_sent[no].append((s, e, kind))
    ents: dict[int, list[Span]] = {i: [] for i in range(len(sents))}
    for ent in doc.ents:
        if ent.label_ == "DATE" and _HAS_DIGIT.search(ent.text):
            no = bisect_right(starts, ent.start_char) - 1
            if no >= 0:
                ents[no].append(ent)
    out: dict[int, list[Candidate]] = {}
    for no, found in by_sent.items():
        out[no] = _select(doc, text, found, ents[no])
    return out


#: what may stand between a calendar date and its appositive weekday: ", a", ", the", " ("
_APPOSITION = re.compile(r"\s*[,(]?\s*(?:an?|the)?\s*$", re.IGNORECASE)


def _appositive_weekdays(text: str, kept: list[tuple[int, int, str]]
                         ) -> dict[tuple[int, int], tuple[int, int]]:
    """Day-level calendar dates followed by a bare weekday in apposition:
    (date start, date end) -> (weekday start, weekday end)."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for (s, e, kind), (s2, e2, kind2) in zip(kept, kept[1:]):
        if kind in _DAY_LEVEL and kind2 == "cue:weekday" and s2 - e <= 8 \
                and _APPOSITION.fullmatch(text[e:s2]) and re.fullmatch(r"[A-Z][a-z]+", text[s2:e2]):
            out[(s, e)] = (s2, e2)
    return out


def _select(doc: Doc, text: str, found: list[tuple[int, int, str]],
            ents: list[Span]) -> list[Candidate]:
    # a day-level calendar date beats any overlapping coarser match ("night of January 9"),
    # otherwise the longest match wins
    # then one that holds a year ("since January 2017": "January 2017", not "since January")
    found.sort(key=lambda f: (f[2] not in _DAY_LEVEL, not _YEAR.search(text, f[0], f[1]),
                              -(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    kept.sort(key=lambda k: k[0])
    weekday_of = _appositive_weekdays(text, kept)
    out: list[Candidate] = []
    for s, e, kind in kept:
        if (s, e) in weekday_of.values():
            continue  # the weekday of an explicit date ("January 19, a Friday")
        # "since mid-January": the interval runs from it to publication
        if kind.startswith("absolute:") and text[max(0, s - 6):s].lower() == "since ":
            s -= 6
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            wd = weekday_of.get((s, e))
            out.append(Candidate(span, kind, span.text,
                                 text[wd[0]:wd[1]] if wd is not None else None))
    # spaCy DATE entities the regexes did not cover (left to dateparser)
    for ent in ents:
        if any(ent.start < c.span.end and c.span.start < ent.end for c in out):
            continue
        out.append(Candidate(ent, "entity", ent.text))
    out.sort(key=lambda c: c.span.start)
    return out
