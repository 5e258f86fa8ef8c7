"""What text a regular expression cannot match without: a speed aid for ``scan.py``.

``required_literals(rx)`` reads the pattern's parse tree and returns lower-case strings
of which every match of ``rx`` holds at least one (``{"monday", ..., "sunday"}`` for a
weekday pattern), or None when it cannot tell.  The date scanner runs some fifty
patterns over each window of text; a pattern none of whose literals is in the window
cannot match there and is not run.  The answer is exact for ASCII text (a window with
other characters runs every pattern, since case-insensitive matching of non-ASCII
letters does not follow ``str.lower``).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_DIGITS = frozenset("0123456789")
_REPEATS = tuple(op for op in (getattr(_c, n, None) for n in
                               ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op)


def required_literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings, one of which is in every match of ``rx``; or None."""
    found = _sequence(_p.parse(rx.pattern, rx.flags))
    if found is None or not all(s.isascii() for s in found):
        return None
    return frozenset(s.lower() for s in found)


def _sequence(items: Any) -> frozenset[str] | None:
    """For a sequence of pattern items: each item that must match gives a set of strings
    one of which it holds; the most selective set serves (longest shortest string)."""
    sets: list[frozenset[str]] = []
    run: list[str] = []  # consecutive literal characters: one string

    def flush() -> None:
        if run:
            sets.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        got: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            got = _sequence(av[-1])
        elif op is _c.BRANCH:
            alts = [_sequence(a) for a in av[1]]
            if all(alts):
                got = frozenset().union(*alts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            got = _sequence(av[2])
        elif op is _c.IN:
            got = _class_chars(av)
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            got = _DIGITS
        # anything else (a zero-width assertion, an optional part, any character ...)
        # requires nothing we can name; it is passed over
        if got:
            sets.append(got)
    flush()
    if not sets:
        return None
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)))


def _class_chars(av: Any) -> frozenset[str] | None:
    """The characters of a class like ``[/.]`` or ``\\d``; None for a wide or negated one."""
    out: set[str] = set()
    for op, v in av:
        if op is _c.LITERAL:
            out.add(chr(v))
        elif op is _c.RANGE and v[1] - v[0] <= 10:
            out.update(chr(c) for c in range(v[0], v[1] + 1))
        elif op is _c.CATEGORY and v is _c.CATEGORY_DIGIT:
            out |= _DIGITS
        else:
            return None
    return frozenset(out)
