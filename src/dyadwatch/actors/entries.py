"""Dictionary entries, phrase normalisation, date resolution and the TSV data format.

Shipped data format (``dyadwatch/data/actors/*.tsv``, ``#`` lines are comments)::

    actors:  phrase|phrase|...  <TAB> kind <TAB> code[@FROM..TO];code...
    agents:  phrase|phrase|...  <TAB> code        (``~GOV`` suffix, ``NGO~`` prefix)

Phrases are stored normalised (see :func:`norm_phrase`); dates are ``YYYYMMDD``
or empty for an open end.  Codes are listed in priority order: the first
dated code covering the event date wins, else the first undated code.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..errors import ConfigError
from .petrarch import CodeRange

#: kinds of dictionary entries (``place`` entries are never emitted alone; ``none`` in a
#: curated file blocks the phrase: a converted entry that misfires on ordinary words,
#: its code field records the code being blocked)
ENTRY_KINDS = ("country", "capital", "demonym", "place", "group", "igo", "person", "office", "none")

_DASHES = re.compile(r"[\-\u2010-\u2015]")
_EDGE_PUNCT = "()[]{}\"“”‘’,;:!?"


def fold(text: str) -> str:
    """Lower-case and strip accents (``Rōhani`` -> ``rohani``); curly quotes -> ``'``."""
    t = text.lower().replace("’", "'").replace("‘", "'")
    if t.isascii():
        return t
    return "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))


def norm_phrase(phrase: str, keep_the: bool = False) -> tuple[str, ...]:
    """Normalise a dictionary phrase into match keys.

    Underscores and hyphens separate words (hyphens are dropped, so
    ``al-Shabaab`` == ``al shabaab``), a possessive ``'s`` becomes its own key,
    parenthesised parts are dropped, edge punctuation is stripped, and a
    leading "the" is dropped (unless ``keep_the``) so that "the Taliban" and
    "Taliban" are one entry and mention spans never start with "the".
    """
    text = re.sub(r"\([^)]*\)", " ", phrase.replace("_", " "))
    keys: list[str] = []
    for word in fold(text).split():
        for part in _DASHES.split(word):
            part = part.strip(_EDGE_PUNCT)
            if not part:
                continue
            if part.endswith("'s") and len(part) > 2:
                keys.extend((part[:-2], "'s"))
            elif part.endswith("'") and len(part) > 1 and part != "'":
                keys.extend((part[:-1], "'s"))
            else:
                keys.append(part)
    if not keep_the and len(keys) > 1 and keys[0] == "the":
        keys = keys[1:]
    return tuple(keys)


class Entry:
    """An actor entry: a kind and its codes in priority order.

    Codes may be given parsed (``codes``) or as the TSV field (``raw``), which
    is parsed on first use: most entries are never used in a run, and this
    keeps loading the default dictionary fast.
    """

    __slots__ = ("kind", "_codes", "_raw", "_where")

    def __init__(self, kind: str, codes: tuple[CodeRange, ...] = (), raw: str = "",
                 where: tuple[str, int] = ("", 0)) -> None:
        self.kind = kind
        self._codes: tuple[CodeRange, ...] | None = codes if codes or not raw else None
        self._raw = raw
        self._where = where

    @property
    def codes(self) -> tuple[CodeRange, ...]:
        if self._codes is None:
            self._codes = parse_codes(self._raw, "dyadwatch/data/actors/%s:%d" % self._where)
        return self._codes

    def __repr__(self) -> str:
        return f"Entry({self.kind!r}, {format_codes(self.codes)!r})"

    def resolve(self, when: date | None) -> str | None:
        """The code valid on ``when``.

        Dated codes are tried first (first match wins), then the first undated
        code.  With no date, a current (open-ended) office wins, else (people)
        the latest office, else the undated code.  A date outside all
        ranges and no default: a person keeps the country with role ``ELI``
        (former office holder), other entries keep the nearest code.
        """
        raw = self._raw
        if raw and "@" not in raw and ";" not in raw:
            return raw
        codes = self.codes
        default = next((c.code for c in codes if not c.dated), None)
        if when is None:
            # date unknown: a current (open-ended) office, else the latest office
            # (people are mostly in the news while in office), else the default
            current = [c for c in codes if c.dated and c.end is None]
            dated_ = [c for c in codes if c.dated]
            if current:
                return max(current, key=lambda c: c.start or date.min).code
            if dated_ and self.kind == "person":
                return max(dated_, key=lambda c: c.start or date.min).code
        if when is not None:
            for c in codes:
                if c.dated and c.covers(when):
                    return c.code
        if default is not None:
            return default
        dated = [c for c in codes if c.dated]
        if not dated:
            return None
        if when is None:
            latest = max(dated, key=lambda c: c.start or date.min)
            return latest.code
        nearest = min(dated, key=lambda c: _distance(c, when))
        if self.kind == "person" and len(nearest.code) >= 3 and nearest.code[:3].isalpha():
            return nearest.code[:3] + "ELI"
        return nearest.code


    def armed_reading(self, roles: frozenset[str]) -> str | None:
        """The latest of the entry's codes whose role is one of ``roles`` (the armed
        non-state reading of a group that also held power: Taliban -> AFGREB), or None."""
        found = [c for c in self.codes if c.code[3:6] in roles]
        if not found:
            return None
        return max(found, key=lambda c: c.start or date.min).code


def _distance(c: CodeRange, when: date) -> int:
    if c.end is not None and when > c.end:
        return (when - c.end).days
    if c.start is not None and when < c.start:
        return (c.start - when).days
    return 0


def _fmt(d: date | None) -> str:
    return d.strftime("%Y%m%d") if d else ""


def format_codes(codes: tuple[CodeRange, ...] | list[CodeRange]) -> str:
    out = []
    for c in codes:
        out.append(f"{c.code}@{_fmt(c.start)}..{_fmt(c.end)}" if c.dated else c.code)
    return ";".join(out)


def _pdate(s: str, where: str) -> date | None:
    if not s:
        return None
    try:
        return date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError as exc:
        raise ConfigError(f"{where}: bad date {s!r}") from exc


def parse_codes(field: str, where: str) -> tuple[CodeRange, ...]:
    out: list[CodeRange] = []
    for item in field.split(";"):
        item = item.strip()
        if not item:
            continue
        if "@" in item:
            code, _, rng = item.partition("@")
            a, sep, b = rng.partition("..")
            if not sep:
                raise ConfigError(f"{where}: bad date range {rng!r} (want FROM..TO)")
            out.append(CodeRange(code, _pdate(a, where), _pdate(b, where)))
        else:
            out.append(CodeRange(item))
    if not out:
        raise ConfigError(f"{where}: entry without a code")
    return tuple(out)


def read_actor_tsv(text: str, name: str) -> list[tuple[list[str], Entry]]:
    """Parse an actors TSV into (phrases, entry) pairs; errors name file and line.

    Codes are checked when first used (``Entry.codes``); the data test parses all.
    """
    rows: list[tuple[list[str], Entry]] = []
    kinds = frozenset(ENTRY_KINDS)
    for n, line in enumerate(text.splitlines(), 1):
        if not line or line[0] == "#" or line.isspace():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ConfigError(f"dyadwatch/data/actors/{name}:{n}: expected 3 tab-separated "
                              f"fields, got {len(parts)}")
        phrases, kind, codes = parts
        if kind not in kinds:
            raise ConfigError(f"dyadwatch/data/actors/{name}:{n}: unknown kind {kind!r}; "
                              f"known: {ENTRY_KINDS}")
        if not codes or codes.isspace():
            raise ConfigError(f"dyadwatch/data/actors/{name}:{n}: entry without a code")
        rows.append((phrases.split("|"), Entry(kind, raw=codes.strip(), where=(name, n))))
    return rows


def read_agent_tsv(text: str, name: str) -> list[tuple[list[str], str]]:
    rows: list[tuple[list[str], str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or "~" not in parts[1]:
            raise ConfigError(f"dyadwatch/data/actors/{name}:{n}: expected 'phrases<TAB>~CODE'")
        rows.append((parts[0].split("|"), parts[1].strip()))
    return rows
