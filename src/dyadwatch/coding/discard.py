"""Discard lists: phrases that mark a story or a sentence as not political.

PETRARCH's coders skip text that matches a *discard* phrase (a sports report's
"Pakistan beat India by five wickets" is no attack).  A :class:`DiscardList` holds
two levels of phrases:

``story``      a hit anywhere in a story means the whole story yields no events;
``sentence``   a hit means only that sentence yields no events.

Matching (both levels) is case-insensitive and by whole words: a phrase matches
only where it starts and ends at a word boundary, so ``euro`` does not match
"European" and ``cup`` does not match "cupboard".  In the text, the words of a
phrase may be separated by any run of whitespace or hyphens ("semi final"
matches "semi-final"); a hyphen inside a phrase word may be left out or spaced
("semi-final" matches "semifinal" and "semi - final"); an apostrophe matches a
straight or a curly one; and the last word of a phrase may take a plural
``-s``/``-es`` when it is alphabetic and at least three letters long (``wicket``
matches "by five wickets", and ``cricket`` matches "crickets"; ``group a`` does
not match "group as").  A hyphen counts as a word boundary ("a six-wicket win").

Each level is compiled into one regular expression (the phrases merged into a
trie; the longest phrase starting at a position wins), so checking a sentence
against a few hundred phrases is cheap.

Files
-----

JSON (the shipped ``data/discards/default.json``)::

    {"version": 1, "about": "...", "license": "...",
     "story": ["world golf championships", ...],
     "sentence": ["wicket", ...]}

PETRARCH's discard dictionary (``Phoenix.discards.txt``): one phrase per line,
``#`` starts a comment, a leading ``+`` makes the phrase story-level, ``_`` joins
words like a space (a trailing ``_``, PETRARCH's "must end here", is implied by
the whole-word rule above).

Loaders raise :class:`~dyadwatch.errors.ConfigError` naming the file (and line).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .._resources import read_text
from ..errors import ConfigError

#: the shipped list, under ``dyadwatch/data``
DEFAULT_PARTS = ("discards", "default.json")

JSON_VERSION = 1

_SPACE = re.compile(r"[\s_]+")


def normalise_phrase(phrase: str) -> str:
    """Lower-case, ``_`` as a space, whitespace collapsed, ends trimmed."""
    return _SPACE.sub(" ", phrase).strip().lower()


_PLURAL = "(?:e?s)?"
_GAP = r"[-\s]+"


def _atoms(phrase: str) -> list[str]:
    """``phrase`` as a list of regex atoms (one per character or separator)."""
    words = phrase.split(" ")
    atoms: list[str] = []
    for n, word in enumerate(words):
        if n:
            atoms.append(_GAP)
        for ch in word:
            if ch == "-":
                atoms.append(r"[-\s]*")
            elif ch in "'\u2019":
                atoms.append("['\u2019]")
            else:
                atoms.append(re.escape(ch))
    last = words[-1]
    if last.isalpha() and len(last) >= 3:
        atoms.append(_PLURAL)
    return atoms


def _compile(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regular expression for ``phrases``, to be run on lower-cased text.

    The phrases are merged into a trie of regex atoms, so the engine tries only
    the few branches that agree with the text so far (a flat alternation of a
    few hundred phrases costs milliseconds per sentence; this costs microseconds).
    Each phrase ends in an empty group named ``p<i>`` (``i`` its index), so the
    match's ``lastgroup`` names the phrase found.  At each node the continuations
    come before the plural suffix and the end of a shorter phrase, so the longest
    phrase wins.
    """
    if not phrases:
        return None
    trie: dict[str, Any] = {}
    for i, phrase in enumerate(phrases):
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node.setdefault("", i)  # "" is never an atom: marks a phrase's end

    def emit(node: dict[str, Any]) -> str:
        # the plural suffix may match nothing, so it goes after the continuations
        atoms = sorted((a for a in node if a != ""), key=lambda a: a == _PLURAL)
        branches = [atom + emit(node[atom]) for atom in atoms]
        if "" in node:
            branches.append("(?P<p%d>)" % node[""])
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(r"(?<!\w)" + emit(trie) + r"(?!\w)")


#: longer phrases are refused (they would only be pasted text, and deep tries
#: are slow to build)
MAX_PHRASE_CHARS = 200


def _clean(phrases: Iterable[Any], level: str, where: str) -> tuple[str, ...]:
    if isinstance(phrases, (str, bytes)):
        raise ConfigError(f"{where}: {level} must be a list of phrases, not a string")
    out: list[str] = []
    seen: set[str] = set()
    for n, raw in enumerate(phrases):
        if not isinstance(raw, str):
            raise ConfigError(f"{where}: {level}[{n}] is {type(raw).__name__}, not a string")
        p = normalise_phrase(raw)
        if not any(ch.isalnum() for ch in p):
            raise ConfigError(f"{where}: {level}[{n}] {raw!r} has no letters or digits")
        if len(p) > MAX_PHRASE_CHARS:
            raise ConfigError(f"{where}: {level}[{n}] is longer than {MAX_PHRASE_CHARS} "
                              f"characters: {p[:40]!r}...")
        if p not in seen:
            seen.add(p)
            out.append(p)
    return tuple(out)


@dataclass(frozen=True)
class DiscardList:
    """Story- and sentence-level discard phrases (normalised, de-duplicated).

    A phrase listed at both levels is kept only at story level.
    """

    story: tuple[str, ...] = ()
    sentence: tuple[str, ...] = ()
    about: str = ""
    license: str = ""
    _story_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False,
                                              default=None)
    _sentence_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False,
                                                 default=None)

    def __post_init__(self) -> None:
        story = _clean(self.story, "story", "DiscardList")
        in_story = set(story)
        sentence = tuple(p for p in _clean(self.sentence, "sentence", "DiscardList")
                         if p not in in_story)
        object.__setattr__(self, "story", story)
        object.__setattr__(self, "sentence", sentence)
        object.__setattr__(self, "_story_re", _compile(story))
        object.__setattr__(self, "_sentence_re", _compile(sentence))

    # -- matching --------------------------------------------------------
    def story_hit(self, text: str) -> str | None:
        """The story-level phrase found in ``text`` (the first one), or None."""
        return self._hit(self._story_re, self.story, text)

    def sentence_hit(self, text: str) -> str | None:
        """The sentence-level phrase found in ``text`` (the first one), or None."""
        return self._hit(self._sentence_re, self.sentence, text)

    @staticmethod
    def _hit(rx: re.Pattern[str] | None, phrases: tuple[str, ...], text: str) -> str | None:
        if rx is None or not text:
            return None
        m = rx.search(text.lower())
        if m is None:
            return None
        return phrases[int(m.lastgroup[1:])]  # type: ignore[index]

    def __len__(self) -> int:
        return len(self.story) + len(self.sentence)

    # -- constructors ----------------------------------------------------
    @classmethod
    def empty(cls) -> DiscardList:
        """A list that discards nothing."""
        return cls()

    @classmethod
    def merge(cls, lists: list[DiscardList]) -> DiscardList:
        """One list with the phrases of all ``lists`` (story level wins)."""
        return cls(story=tuple(p for d in lists for p in d.story),
                   sentence=tuple(p for d in lists for p in d.sentence),
                   about="; ".join(d.about for d in lists if d.about),
                   license=" ".join(dict.fromkeys(d.license for d in lists if d.license)))

    @classmethod
    def default(cls) -> DiscardList:
        """The shipped list ``dyadwatch/data/discards/default.json`` (loaded once)."""
        return _default()

    @classmethod
    def from_json_file(cls, path: str | Path) -> DiscardList:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read discard file {p}: {exc}") from exc
        return cls._from_json_text(text, str(p))

    @classmethod
    def _from_json_text(cls, text: str, where: str) -> DiscardList:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: expected a JSON object with 'story' and 'sentence'")
        if data.get("version") != JSON_VERSION:
            raise ConfigError(f"{where}: unsupported version {data.get('version')!r} "
                              f"(expected {JSON_VERSION})")
        unknown = sorted(set(data) - {"version", "about", "license", "story", "sentence"})
        if unknown:
            raise ConfigError(f"{where}: unknown keys {unknown}")
        for key in ("story", "sentence"):
            if not isinstance(data.get(key, []), list):
                raise ConfigError(f"{where}: '{key}' must be a list of phrases")
        for key in ("about", "license"):
            if not isinstance(data.get(key, ""), str):
                raise ConfigError(f"{where}: '{key}' must be a string")
        story = _clean(data.get("story", []), "story", where)
        sentence = _clean(data.get("sentence", []), "sentence", where)
        return cls(story, sentence, about=data.get("about", ""),
                   license=data.get("license", ""))

    @classmethod
    def from_petrarch_file(cls, path: str | Path) -> DiscardList:
        """Parse a PETRARCH discard dictionary (see the module docstring)."""
        p = Path(path)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read discard file {p}: {exc}") from exc
        story: list[str] = []
        sentence: list[str] = []
        for lineno, line in enumerate(lines, 1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            is_story = text.startswith("+")
            if is_story:
                text = text[1:]
            phrase = normalise_phrase(text)
            if not any(ch.isalnum() for ch in phrase):
                raise ConfigError(f"{p}:{lineno}: empty discard phrase in {line.strip()!r}")
            if len(phrase) > MAX_PHRASE_CHARS:
                raise ConfigError(f"{p}:{lineno}: discard phrase longer than "
                                  f"{MAX_PHRASE_CHARS} characters")
            (story if is_story else sentence).append(phrase)
        return cls(tuple(story), tuple(sentence), about=f"Converted from PETRARCH {p.name}")

    # -- output ----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"version": JSON_VERSION, "about": self.about, "license": self.license,
                "story": list(self.story), "sentence": list(self.sentence)}

    def to_json(self) -> str:
        """The JSON file format (one phrase per line, ends with a newline)."""
        head = json.dumps({"version": JSON_VERSION, "about": self.about,
                           "license": self.license}, indent=1, ensure_ascii=False)[:-2]

        def block(items: tuple[str, ...]) -> str:
            if not items:
                return "[]"
            return "[\n" + ",\n".join("  " + json.dumps(s, ensure_ascii=False)
                                      for s in items) + "\n ]"

        return (head + ',\n "story": ' + block(self.story)
                + ',\n "sentence": ' + block(self.sentence) + "\n}\n")


@lru_cache(maxsize=1)
def _default() -> DiscardList:
    return DiscardList._from_json_text(read_text(*DEFAULT_PARTS),
                                       "dyadwatch/data/" + "/".join(DEFAULT_PARTS))
