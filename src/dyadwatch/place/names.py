"""Place-name normalisation shared by the gazetteer builder and the runtime lookup.

A *key* is the form names are indexed and looked up by: diacritics removed,
case-folded, apostrophes dropped, hyphens/dots/commas turned into spaces, and
whitespace collapsed.  ``"Sistan-Baluchistan"`` and ``"Sistan Baluchistan"``
share the key ``"sistan baluchistan"``; ``"Bālākot"`` becomes ``"balakot"``.
"""

from __future__ import annotations

import re
import unicodedata

_APOS = re.compile(r"[\u2019\u2018'`\u02bb\u02bc\u02be\u02bf]")
_SEP = re.compile(r"[\s\-\u2010-\u2015./,()]+")
#: words that follow or precede a name without being part of it
#: ("Baluchistan province", "the city of Quetta").
FEATURE_WORDS = {
    "province": "admin1", "provinces": "admin1", "state": "admin1", "region": "admin1",
    "governorate": "admin1", "oblast": "admin1", "territory": "admin1",
    "city": "city", "town": "city", "village": "city", "district": "city",
    "county": "city",
}


def fold(text: str) -> str:
    """Remove diacritics and case (``"Sarāvān"`` -> ``"saravan"``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


_ASCII_SEP = str.maketrans({c: " " for c in "-./,()\t\n"} | {"'": None, "`": None})


def key(name: str) -> str:
    """The lookup key of a place name (see the module docstring)."""
    if name.isascii():  # fast path: most names and every alternate we index
        k = " ".join(name.lower().translate(_ASCII_SEP).split())
    else:
        k = _SEP.sub(" ", _APOS.sub("", fold(name))).strip()
    if k.startswith("the "):
        k = k[4:]
    return k


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (indexable alternate names)."""
    for ch in fold(name):
        if ch.isalpha() and not ("a" <= ch <= "z" or ch in "ßæøœıłđþ"):
            return False
    return any(ch.isalpha() for ch in name)


def strip_feature_word(k: str) -> tuple[str, str | None]:
    """Split a trailing/leading feature word off a key: ``"baluchistan province"``.

    Returns the bare key and the feature the word implies (``admin1``/``city``)
    or ``None`` when there was no such word.
    """
    parts = k.split()
    if len(parts) >= 2 and parts[-1] in FEATURE_WORDS:
        return " ".join(parts[:-1]), FEATURE_WORDS[parts[-1]]
    if len(parts) >= 3 and parts[0] in FEATURE_WORDS and parts[1] == "of":
        return " ".join(parts[2:]), FEATURE_WORDS[parts[0]]
    return k, None
