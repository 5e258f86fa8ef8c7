"""Load the date cue lexicon (``dyadwatch/data/dates``) and compile its patterns once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .._resources import read_json
from ..errors import ConfigError

_OPS = {"shift", "period", "period_to_ref", "period_part", "weekend", "weekday", "after",
        "before", "recent", "recent_n", "none"}


@dataclass(frozen=True)
class Cue:
    """One relative/vague expression class from ``cues.json``."""

    rule: str
    regex: re.Pattern[str]
    ref: str  # "published" (deictic) or "anchor" (anaphoric)
    op: str
    args: dict[str, Any] = field(default_factory=dict)
    future: bool = False


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    bare_months: tuple[str, ...]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    month_parts: dict[str, tuple[int, int]]
    strip_preps: tuple[str, ...]
    future_aux: frozenset[str]
    future_heads: frozenset[str]
    event_nouns: frozenset[str]
    content_dated_heads: frozenset[str]
    cotemporal_preps: frozenset[str]
    keywords: frozenset[str]
    event_noun_suffixes: tuple[str, ...]
    time_nouns: frozenset[str]
    temporal_preps: frozenset[str]
    background_adverbs: frozenset[str]
    settings: dict[str, Any]
    cues: tuple[Cue, ...]

    def eventive(self, lemma: str) -> bool:
        """Whether a noun lemma names an event ("attack", "bombing", "withdrawal")."""
        return lemma in self.event_nouns or (len(lemma) > 5 and lemma.endswith(self.event_noun_suffixes))

    def number(self, word: str) -> int | None:
        w = word.lower().strip()
        if w.isdigit():
            return int(w)
        return self.numbers.get(w)


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first, with escaped words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and validate the two JSON files; compile every cue pattern."""
    lex = read_json("dates", "lexicon.json")
    raw = read_json("dates", "cues.json")
    try:
        months = {k: int(v) for k, v in lex["months"].items()}
        weekdays = {k: int(v) for k, v in lex["weekdays"].items()}
        numbers = {k: int(v) for k, v in lex["numbers"].items()}
        fill = {
            "{NUM}": f"(?:{_alt(list(numbers))})",
            "{WEEKDAY}": f"(?:{_alt(list(weekdays))})",
            "{MONTH}": f"(?:{_alt(list(months))})",
        }
        cues = []
        for i, c in enumerate(raw["cues"]):
            pat = c["pattern"]
            for k, v in fill.items():
                pat = pat.replace(k, v)
            if c["op"] not in _OPS or c["ref"] not in ("published", "anchor"):
                raise ConfigError(f"dyadwatch/data/dates/cues.json cue #{i} ({c.get('rule')}): "
                                  f"unknown op {c['op']!r} or ref {c['ref']!r}")
            args = {k: v for k, v in c.items()
                    if k not in ("rule", "pattern", "ref", "op", "future")}
            cues.append(Cue(rule=c["rule"], regex=re.compile(rf"\b(?:{pat})\b", re.IGNORECASE),
                            ref=c["ref"], op=c["op"], args=args, future=bool(c.get("future"))))
        return Lexicon(
            months=months, bare_months=tuple(lex["bare_month_names"]), weekdays=weekdays,
            numbers=numbers, units=dict(lex["units"]),
            month_parts={k: (int(v[0]), int(v[1])) for k, v in lex["month_parts"].items()},
            strip_preps=tuple(sorted(lex["strip_prepositions"], key=len, reverse=True)),
            future_aux=frozenset(lex["future_auxiliaries"]),
            future_heads=frozenset(lex["future_heads"]),
            event_nouns=frozenset(lex["event_nouns"]),
            event_noun_suffixes=tuple(lex["event_noun_suffixes"]),
            content_dated_heads=frozenset(lex["content_dated_heads"]),
            cotemporal_preps=frozenset(lex["cotemporal_preps"]),
            keywords=frozenset([w.lower() for w in lex["scan_keywords"]] + list(weekdays)
                               + list(months)),
            time_nouns=frozenset(lex["time_of_day_nouns"]),
            temporal_preps=frozenset(lex["temporal_preps"]),
            background_adverbs=frozenset(lex["background_adverbs"]),
            settings=dict(lex["settings"]), cues=tuple(cues))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ConfigError(f"dyadwatch/data/dates: malformed date lexicon: {exc!r}") from exc
