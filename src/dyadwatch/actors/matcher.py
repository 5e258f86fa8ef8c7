"""Longest-match phrase lookup over normalised token keys (no spaCy at load time).

A ``PhraseIndex`` maps normalised phrases (tuples of keys, see
``entries.norm_phrase``) to values.  ``doc_keys`` turns a spaCy ``Doc`` into the
same key space: hyphen tokens are skipped and hyphenated tokens are split, so
``Amir-Abdollahian``, ``Amir - Abdollahian`` and ``Amir Abdollahian`` match alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

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
    for t in doc:
        text = t.lower_
        if t.is_space or text in ("-", "–", "—", "‐"):
            continue
        k = fold(text)
        if len(k) > 2 and ("-" in k or "–" in k):
            for part in _DASHES.split(k):
                if part:
                    keys.append(part)
                    tok.append(t.i)
            continue
        if k == "’s":
            k = "'s"
        keys.append(k)
        tok.append(t.i)
    return DocKeys(keys, tok)


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
