"""Longest-match phrase lookup over normalised token keys (no spaCy at load time).

A ``PhraseIndex`` maps normalised phrases (tuples of keys, see
``entries.norm_phrase``) to values.  ``doc_keys`` turns a spaCy ``Doc`` into the
same key space: hyphen tokens are skipped and hyphenated tokens are split, so
``Amir-Abdollahian``, ``Amir - Abdollahian`` and ``Amir Abdollahian`` match alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .entries import _DASHES, fold

V = TypeVar("V")


class PhraseIndex(Generic[V]):
    """Phrase -> value table with longest-match lookup."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], V] = {}
        self.maxlen: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.table)

    def add(self, key: tuple[str, ...], value: V, overwrite: bool = True) -> None:
        if not key or (not overwrite and key in self.table):
            return
        self.table[key] = value
        if len(key) > self.maxlen.get(key[0], 0):
            self.maxlen[key[0]] = len(key)

    def get(self, key: tuple[str, ...]) -> V | None:
        return self.table.get(key)

    def match_at(self, keys: list[str], i: int) -> tuple[int, V] | None:
        """Longest phrase starting at key position ``i``: (length, value)."""
        n = self.maxlen.get(keys[i])
        if not n:
            return None
        for length in range(min(n, len(keys) - i), 0, -1):
            v = self.table.get(tuple(keys[i:i + length]))
            if v is not None:
                return length, v
        return None


@dataclass
class DocKeys:
    """Normalised keys of a doc and, for each key, the token it came from."""

    keys: list[str]
    tok: list[int]

    def token_span(self, kstart: int, kend: int) -> tuple[int, int]:
        return self.tok[kstart], self.tok[kend - 1] + 1


def doc_keys(doc: Doc) -> DocKeys:
    keys: list[str] = []
    tok: list[int] = []
    strings = doc.vocab.strings
    # one array read instead of a spaCy ``Token`` per token; the keys of a word are
    # worked out once per distinct word (``_word_keys``)
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        ks = _word_keys(strings[orth])
        if len(ks) == 1:
            keys.append(ks[0])
            tok.append(i)
        elif ks:
            keys.extend(ks)
            tok.extend([i] * len(ks))
    return DocKeys(keys, tok)


@lru_cache(maxsize=200_000)
def _word_keys(word: str) -> tuple[str, ...]:
    """The keys of one token's text (``doc_keys``): none for white space and a lone
    hyphen or dash, the parts of a hyphenated word, else the folded word."""
    text = word.lower()
    if word.isspace() or text in ("-", "–", "—", "‐"):
        return ()
    k = fold(text)
    if len(k) > 2 and ("-" in k or "–" in k):
        return tuple(part for part in _DASHES.split(k) if part)
    if k == "’s":
        k = "'s"
    return (k,)


_WORD = re.compile(r"[^\W_]+(?:[-\u2010-\u2015.][^\W_]+)*\.?|['’]s\b", re.UNICODE)


def text_keys(text: str) -> tuple[list[str], list[str]]:
    """Keys of a plain string (a title that was not parsed) and the word each came from:
    the same key space as ``doc_keys`` ("Iran's" -> "iran", "'s"; hyphens split)."""
    keys: list[str] = []
    words: list[str] = []
    for mo in _WORD.finditer(text):
        w = mo.group(0)
        if w[0] in "'’":
            keys.append("'s")
            words.append(w)
            continue
        if w.endswith(".") and "." not in w[:-1]:
            w = w[:-1]  # a full stop, not an abbreviation ("U.S." keeps its dots)
        for part in _DASHES.split(fold(w)):
            if part:
                keys.append(part)
                words.append(w)
    return keys, words
