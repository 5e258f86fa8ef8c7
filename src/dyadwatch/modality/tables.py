"""The modality cue tables shipped in ``dyadwatch/data/modality/`` (validated on load).

* ``cues.csv``      -- ``word,dep,modality``: closed-class words attached to a node
  of the trigger's chain (negators, auxiliaries, marks, modal modifiers);
* ``governors.csv`` -- ``lemma,link,modality``: words that govern the trigger
  (``refuse`` + comp -> negated, ``say`` + comp -> reported, ``launch`` + obj ->
  support, ``*`` + prep:without -> negated);
* ``intent.csv``    -- ``lemma``: governors whose complement is a stated intention
  or threat (``threaten``, ``vow``, ``plan``): an event coded as intent/threat
  (CAMEO 03x/13x) on such a complement is the asserted statement itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .._resources import read_csv
from ..errors import ConfigError
from ..model import Modality

#: labels a cue may carry besides the five modalities
EXTRA_LABELS = frozenset({"hedge", "reported", "support", "presupposed"})
MODALITY_LABELS = frozenset(m.value for m in Modality)


@dataclass(frozen=True)
class Lexicon:
    """The cue tables: ``(word, dep) -> label``, ``(lemma, link) -> label``, intent lemmas."""

    cues: dict[tuple[str, str], str]
    governors: dict[tuple[str, str], str]
    intent: frozenset[str]

    def cue(self, word: str, dep: str) -> str | None:
        return self.cues.get((word.lower(), dep))

    def governor(self, lemma: str, link: str) -> str | None:
        return self.governors.get((lemma, link)) or self.governors.get(("*", link))


def _where(name: str, n: int) -> str:
    return f"dyadwatch/data/modality/{name} row {n}"


def load_table(name: str, key_cols: tuple[str, str]) -> dict[tuple[str, str], str]:
    """Read one ``key1,key2,modality`` table; a bad row is a ``ConfigError`` naming it."""
    rows = read_csv("modality", name, required=(*key_cols, "modality"))
    allowed = MODALITY_LABELS | EXTRA_LABELS
    table: dict[tuple[str, str], str] = {}
    for n, row in enumerate(rows, start=1):
        label = (row.get("modality") or "").strip()
        if label not in allowed:
            raise ConfigError(f"{_where(name, n)}: unknown modality {label!r} "
                              f"(expected one of {sorted(allowed)})")
        key = ((row.get(key_cols[0]) or "").strip().lower(), (row.get(key_cols[1]) or "").strip())
        if not key[0] or not key[1]:
            raise ConfigError(f"{_where(name, n)}: empty {key_cols[0]} or {key_cols[1]}")
        if key in table:
            raise ConfigError(f"{_where(name, n)}: duplicate entry {key[0]!r}, {key[1]!r}")
        table[key] = label
    return table


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and validate the shipped cue tables (cached; the tables are read-only)."""
    intent = frozenset(r["lemma"].strip().lower()
                       for r in read_csv("modality", "intent.csv", required=("lemma",))
                       if (r.get("lemma") or "").strip())
    return Lexicon(cues=load_table("cues.csv", ("word", "dep")),
                   governors=load_table("governors.csv", ("lemma", "link")),
                   intent=intent)
