"""Absolute (calendar) date expressions: "January 16", "16 Jan 2024", "mid-February", "in 2023".

Patterns are built from the month names in ``lexicon.json``.  Month names must
be capitalised in the text (so the verb "march" or the modal "may" never count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .calendar import DateResolution, infer_year, month_end, safe_date
from .lexicon import Lexicon, load_lexicon, _alt


@dataclass(frozen=True)
class AbsPattern:
    name: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def absolute_patterns() -> tuple[AbsPattern, ...]:
    """The compiled absolute-date patterns, most specific first."""
    lex = load_lexicon()
    mon = rf"(?P<mon>{_alt(list(lex.months))})\.?"
    mon2 = rf"(?P<mon2>{_alt(list(lex.months))})\.?"
    wd = rf"(?:(?:{_alt(list(lex.weekdays))}),?\s+)?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    day2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    year = r"(?P<y>(?:1[89]|20)\d\d)(?!\d)"
    to = r"\s*(?:-|–|—|to|and|through|until|till)\s*"
    parts = _alt(list(lex.month_parts))
    pats = [
        ("iso", r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
        ("numeric", r"[0-3]?\d[/.][0-3]?\d[/.](?:19|20)\d\d(?!\d)"),
        ("md-md-range", rf"{mon}\s+{day}{to}{mon2}\s+{day2}(?:,?\s+{year})?"),
        ("dm-dm-range", rf"{day}\s+(?:of\s+)?{mon}{to}{day2}\s+(?:of\s+)?{mon2}(?:,?\s+{year})?"),
        ("md-range", rf"{mon}\s+{day}{to}{day2}(?:,?\s+{year})?"),
        ("dm-range", rf"{day}{to}{day2}\s+(?:of\s+)?{mon}(?:,?\s+{year})?"),
        ("md", rf"{wd}{mon}\s+{day}(?:,?\s+{year})?"),
        ("dm", rf"{wd}(?:the\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year})?"),
        ("week-of-month", rf"(?:the\s+)?(?P<wk>first|second|third|fourth|last|final)\s+week\s+"
                          rf"(?:of|in)\s+{mon}(?:,?\s+{year})?"),
        ("day-only", r"on\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)"
                     r"(?=\s*[,.;:)]|\s+(?:and|as|when|after|before|at|in|of\s+this\s+month)\b|\s*$)"),
        ("month-part", rf"(?:the\s+)?(?P<part>{parts})(?:\s+|-|\s*-\s*){mon}(?:,?\s+{year})?"),
        ("month-year", rf"{mon},?\s+{year}"),
        ("month", rf"(?:in|since|during|until|till|by|from|of|last|next|this|early|late|through)\s+{mon}"),
        ("year-part", rf"(?:the\s+)?(?P<part>{parts})(?:\s+|-|\s*-\s*){year}"),
        ("year", rf"(?:in|since|during|until|till|by|from|of|the\s+year|through)\s+{year}"),
        # only for resolving text already known to be a date ("since January" -> "January")
        ("month-bare", rf"{mon}"),
        ("year-bare", rf"{year}"),
    ]
    return tuple(AbsPattern(n, re.compile(rf"\b(?:{p})", re.IGNORECASE)) for n, p in pats)


#: patterns the scanner does not look for in running text
RESOLVE_ONLY = frozenset({"month-bare", "year-bare"})


def month_ok(text: str, m: re.Match[str]) -> bool:
    """A month name counts only when capitalised in the text."""
    for group in ("mon", "mon2"):
        if group in m.re.groupindex:
            s = m.start(group)
            if s >= 0 and not text[s].isupper():
                return False
    return True


def resolve_absolute(name: str, m: re.Match[str], lex: Lexicon, published: date | None,
                     anchor: date | None, future: bool) -> DateResolution | None:
    """Turn a matched absolute pattern into a resolution (year inferred if missing)."""
    g = m.groupdict()
    rule = f"absolute:{name}"
    y = int(g["y"]) if g.get("y") else None
    mon = lex.months.get(g["mon"].lower().rstrip(".")) if g.get("mon") else None
    if name == "iso":
        d = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return _mark(DateResolution(d, "day", None, rule, explicit_year=True), published) if d else None
    if name in ("year", "year-bare"):
        assert y is not None
        return _mark(DateResolution(date(y, 1, 1), "year", date(y, 12, 31), rule,
                                    explicit_year=True), published)
    if name == "year-part":
        assert y is not None
        lo, hi = lex.month_parts[_norm_part(g["part"])]
        # a part of a year: map the 1-10/11-20/21-31 thirds onto months
        m1, m2 = {(1, 10): (1, 4), (11, 20): (5, 8), (21, 31): (9, 12),
                  (1, 15): (1, 6), (16, 31): (7, 12)}.get((lo, hi), (1, 12))
        return _mark(DateResolution(date(y, m1, 1), "interval", month_end(y, m2), rule,
                                    explicit_year=True), published)
    if name == "day-only":
        return _day_only(int(g["d"]), published, anchor, future)
    if mon is None:
        return None
    explicit = y is not None
    day = int(g["d"]) if g.get("d") else None
    if y is None:
        first_day = day
        if name == "month-part":
            first_day = lex.month_parts[_norm_part(g["part"])][0]
        y = infer_year(mon, first_day, published, anchor, future)
        if y is None:
            return None
    if name in ("month-year", "month", "month-bare"):
        return _mark(DateResolution(date(y, mon, 1), "month", month_end(y, mon), rule,
                                    explicit_year=explicit), published)
    if name == "week-of-month":
        end = month_end(y, mon)
        k = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(g["wk"].lower())
        first = date(y, mon, 1 + 7 * k) if k is not None else end - timedelta(days=6)
        return _mark(DateResolution(first, "interval", min(end, first + timedelta(days=6)), rule,
                                    explicit_year=explicit), published)
    if name == "month-part":
        lo, hi = lex.month_parts[_norm_part(g["part"])]
        end = month_end(y, mon)
        return _mark(DateResolution(date(y, mon, lo), "interval", min(end, date(y, mon, min(hi, end.day))),
                                    rule, explicit_year=explicit), published)
    assert day is not None
    first = safe_date(y, mon, day)
    if first is None:
        return None
    if name in ("md", "dm"):
        return _mark(DateResolution(first, "day", None, rule, explicit_year=explicit), published)
    # ranges
    mon2 = lex.months.get(g["mon2"].lower().rstrip(".")) if g.get("mon2") else mon
    last = safe_date(y if mon2 >= mon else y + 1, mon2, int(g["d2"]))
    if last is None or last < first:
        return None
    return _mark(DateResolution(first, "interval", last, rule, explicit_year=explicit), published)


def _day_only(day: int, published: date | None, anchor: date | None,
              future: bool) -> DateResolution | None:
    """"on the 29th": that day in the month nearest the anchor, not after
    publication (on/after it for future sentences)."""
    ref = published or anchor
    if ref is None:
        return None
    near = anchor or ref
    options = []
    for k in range(-3, 4):
        d = safe_date(*_month_shift(near.year, near.month, k), day)
        if d is None:
            continue
        if published is not None and (d < published if future else d > published):
            continue
        options.append(d)
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - near).days))
    return _mark(DateResolution(best, "day", None, "absolute:day-only"), published)


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    m0 = m - 1 + k
    return y + m0 // 12, m0 % 12 + 1


def _norm_part(p: str) -> str:
    return re.sub(r"\s+", " ", p.lower().strip().removeprefix("the ").rstrip("-")).strip()


def _mark(r: DateResolution, published: date | None) -> DateResolution:
    """Flag explicit dates after publication as future-pointing."""
    if published is not None and r.date > published:
        return DateResolution(r.date, r.precision, r.end, r.rule, True, r.relative_to,
                              r.explicit_year)
    return r
