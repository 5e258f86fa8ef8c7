"""Resolve one date expression against a reference: the pure core of ``dyadwatch.dates``.

Two kinds of reference time are kept apart:

* deictic expressions ("yesterday", "last week", "on Monday", "this month")
  count from the *publication date* (the writer's now);
* anaphoric expressions ("two days later", "the next day", "subsequently",
  "in the days that followed") count from the *anchor*: the date of the previous
  dated event in the text.

Absolute dates without a year get the year that puts them on or before
publication (closest to the anchor), or on/after publication for future
sentences.  ``dateparser`` is only asked about expressions none of the rules
above can read (numeric dates, odd spellings found as spaCy DATE entities).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from .absolute import absolute_patterns, month_ok, resolve_absolute
from .calendar import DateResolution, month_end, period_bounds, shift
from .lexicon import Cue, Lexicon, load_lexicon

__all__ = ["DateResolution", "resolve_expression", "resolve_with"]

_RANGE = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)$", re.I)
_SINCE = re.compile(r"^since\s+(.+)$", re.I)
_WS = re.compile(r"\s+")


def resolve_expression(text: str, anchor: date, published: date | None, *,
                       future: bool = False, anchor_end: date | None = None
                       ) -> DateResolution | None:
    """What the date expression ``text`` means.

    ``anchor`` is the date of the previous dated event (pass the publication
    date when there is none); ``anchor_end`` its last day if it was a range.
    ``future`` says the sentence is about the future (tense of the trigger).
    Returns ``None`` when the text is not a date expression this module reads.
    """
    return resolve_with(text, anchor, anchor_end, published, future, cache=None)


def resolve_with(text: str, anchor: date | None, anchor_end: date | None,
                 published: date | None, future: bool,
                 cache: dict[Any, Any] | None, year_ref: date | None = None
                 ) -> DateResolution | None:
    """``resolve_expression`` with an optional per-document cache.

    ``year_ref`` is the date a yearless "January 16" should fall closest to
    (default: the anchor); the stage passes the publication date when the
    anchor is far back in the text or only a year.
    """
    year_ref = year_ref or anchor
    key = (text, anchor, anchor_end, published, future, year_ref)
    if cache is not None and key in cache:
        return cache[key]
    res = _resolve(_WS.sub(" ", text.strip().strip(",.;:")), anchor, anchor_end,
                   published, future, cache, year_ref)
    if cache is not None:
        cache[key] = res
    return res


def _resolve(text: str, anchor: date | None, anchor_end: date | None,
             published: date | None, future: bool,
             cache: dict[Any, Any] | None, year_ref: date | None = None
             ) -> DateResolution | None:
    lex = load_lexicon()
    if not text:
        return None
    m = _SINCE.match(text)
    if m:
        inner = _resolve(m.group(1), anchor, anchor_end, published, False, cache, year_ref)
        if inner is None:
            return None
        end = published if published and published >= inner.date else inner.last
        return DateResolution(inner.date, "interval", end, "since+" + inner.rule,
                              relative_to=inner.relative_to, explicit_year=inner.explicit_year)
    m = _RANGE.match(text)
    if m:
        a = _resolve(m.group(1), anchor, anchor_end, published, future, cache, year_ref)
        if a is not None:
            b = _resolve(m.group(2), a.date, a.end, published, future, cache, a.date)
            if b is not None and b.last >= a.date:
                return DateResolution(a.date, "interval", b.last, f"range({a.rule},{b.rule})",
                                      a.future or b.future, a.relative_to, a.explicit_year)
    for candidate in _variants(text, lex):
        res = _by_rules(candidate, anchor, anchor_end, published, future, lex, year_ref)
        if res is not None:
            return res
    return _by_dateparser(text, anchor, published, future, lex)


def _variants(text: str, lex: Lexicon) -> list[str]:
    """The text, then the text without a leading preposition ("on January 16")."""
    out = [text]
    low = text.lower()
    for p in lex.strip_preps:
        if low.startswith(p + " "):
            out.append(text[len(p) + 1:].strip())
            break
    return out


def _by_rules(text: str, anchor: date | None, anchor_end: date | None,
              published: date | None, future: bool, lex: Lexicon,
              year_ref: date | None = None) -> DateResolution | None:
    for pat in absolute_patterns():
        m = pat.regex.fullmatch(text)
        if m and month_ok(text, m):
            if pat.name == "numeric":
                return None  # left to dateparser
            return resolve_absolute(pat.name, m, lex, published, year_ref or anchor, future)
    for cue in lex.cues:
        m = cue.regex.fullmatch(text)
        if m:
            return apply_cue(cue, m, anchor, anchor_end, published, future, lex)
    return None


def _unit(m: re.Match[str], cue: Cue, lex: Lexicon) -> str | None:
    for k, v in m.groupdict().items():
        if k.startswith("unit") and v:
            return lex.units.get(v.lower())
    u = cue.args.get("unit")
    return str(u) if u else None


def apply_cue(cue: Cue, m: re.Match[str], anchor: date | None, anchor_end: date | None,
              published: date | None, future: bool, lex: Lexicon) -> DateResolution | None:
    """Compute the date a relative/vague cue stands for."""
    if cue.ref == "published":
        ref, ref_end = published, published
    else:
        ref, ref_end = anchor, anchor_end or anchor
    if ref is None or ref_end is None or cue.op == "none":
        return None  # "none": habitual/long-range wording that names no time
    a = cue.args
    if a.get("requires_future") and not future:
        return None  # "in two weeks" is a duration in a past sentence
    if a.get("ref_shift_days"):
        ref = ref + timedelta(days=int(a["ref_shift_days"]))
        ref_end = ref_end + timedelta(days=int(a["ref_shift_days"]))
    rule = f"cue:{cue.rule}"
    fut = cue.future
    unit = _unit(m, cue, lex)
    out: DateResolution | None = None
    if cue.op == "shift":
        n = int(a.get("n", 0)) if "n" in a else (lex.number(m.group("n") or "") or 0) * int(a.get("sign", 1))
        if unit is None:
            return None
        s, e = shift(ref, unit, n), shift(ref_end, unit, n)
        if unit in ("month", "year"):
            s, e = period_bounds(s, unit)[0], period_bounds(e, unit)[1]
            prec = unit if (s, e) == period_bounds(s, unit) else "interval"
            out = DateResolution(s, prec, e, rule)
        else:
            out = DateResolution(s, "day" if s == e else "interval", None if s == e else e, rule)
    elif cue.op == "period":
        if unit is None:
            return None
        s, e = period_bounds(ref, unit, int(a.get("n", 0)))
        if ref_end != ref:
            e = period_bounds(ref_end, unit, int(a.get("n", 0)))[1]
        out = DateResolution(s, unit if (s, e) == period_bounds(s, unit) else "interval", e, rule)
    elif cue.op == "period_part":
        if unit is None:
            return None
        n = {"last": -1, "this": 0, "next": 1}[m.group("which").lower()]
        s, e = period_bounds(ref, unit, n)
        s, e = _part(s, e, m.group("part").lower())
        fut = n > 0
        out = DateResolution(s, "interval", e, rule)
    elif cue.op == "period_to_ref":
        if unit is None:
            return None
        s = period_bounds(ref, unit, 0)[0]
        out = DateResolution(s, "interval", ref, rule) if s < ref else DateResolution(s, "day", None, rule)
    elif cue.op == "weekend":
        n = 1 if future else int(a.get("n", -1))
        sat = ref + timedelta(days=(5 - ref.weekday()) % 7)  # next Saturday on/after ref
        if n < 0 and sat >= ref:
            sat -= timedelta(days=7)
        fut = fut or n > 0
        out = DateResolution(sat, "interval", sat + timedelta(days=1), rule)
    elif cue.op == "weekday":
        wd = lex.weekdays[m.group("wd").lower()]
        direction = a.get("direction", "tense")
        if direction == "tense":
            direction = "on-after" if future else "on-before"
        delta = (wd - ref.weekday()) % 7  # days forward to that weekday
        if direction == "before":
            d = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
        elif direction == "on-before":
            d = ref - timedelta(days=(ref.weekday() - wd) % 7)
        elif direction == "after":
            d = ref + timedelta(days=delta or 7)
        else:
            d = ref + timedelta(days=delta)
        fut = fut or d > ref
        out = DateResolution(d, "day", None, rule)
    elif cue.op in ("after", "before"):
        if cue.op == "before":
            lo, hi = -int(a.get("days", 30)), 0
        else:
            lo = int(a.get("min") or 0)
            hi = a.get("max")
            hi = int(lex.settings.get("after_default_days", 30)) if hi is None else int(hi)
        s, e = ref + timedelta(days=lo), ref_end + timedelta(days=hi)
        if published is not None and not future and s <= published < e:
            e = published
        out = DateResolution(s, "interval", e, rule)
    elif cue.op == "recent":
        out = DateResolution(ref - timedelta(days=int(a.get("days", 30))), "interval", ref, rule)
    elif cue.op == "recent_n":
        n = lex.number(m.group("n") or "") or 1
        if unit is None:
            return None
        out = DateResolution(shift(ref, unit, -n), "interval", ref, rule)
    if out is None:
        return None
    if (cue.ref == "anchor" and not future and not fut and published is not None
            and out.date > published):
        # a past-tense sentence cannot report a day after publication: keep what is known
        out = DateResolution(min(ref, published), "interval", published, rule + "+clipped")
    fut = fut or (published is not None and out.date > published)
    return DateResolution(out.date, out.precision, out.end, out.rule, fut, cue.ref)


def _part(s: date, e: date, part: str) -> tuple[date, date]:
    """The early / middle / late part of the week, month or year ``s..e``: for a
    month days 1-10 / 11-20 / 21-end, for a year Jan-Apr / May-Aug / Sep-Dec,
    for a week Mon-Tue / Wed-Thu / Fri-Sun."""
    early = part in ("early", "earlier") or "start" in part or "beginning" in part
    late = part in ("late", "later") or "end" in part
    span = (e - s).days + 1
    if span > 31:  # a year
        m1, m2 = (1, 4) if early else (9, 12) if late else (5, 8)
        return date(s.year, m1, 1), month_end(s.year, m2)
    cut1, cut2 = (10, 20) if span > 7 else (2, 4)
    if early:
        return s, s + timedelta(days=cut1 - 1)
    if late:
        return s + timedelta(days=cut2), e
    return s + timedelta(days=cut1), s + timedelta(days=cut2 - 1)


def _by_dateparser(text: str, anchor: date | None, published: date | None, future: bool,
                   lex: Lexicon) -> DateResolution | None:
    """Last resort for expressions with a digit or a month name the rules missed."""
    ref = published or anchor
    if ref is None:
        return None
    low = text.lower()
    if not (re.search(r"\d", low) or any(re.search(rf"\b{re.escape(k)}\b", low)
                                         for k in lex.months if len(k) > 3)):
        return None
    import dateparser  # slow import; only reached for unusual expressions

    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
                "PREFER_DATES_FROM": "future" if future else "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False}
    try:
        data = dateparser.date.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # dateparser raises many types on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    rule = "dateparser"
    if period == "month":
        s, e = period_bounds(d, "month")
        res = DateResolution(s, "month", e, rule)
    elif period == "year":
        s, e = period_bounds(d, "year")
        res = DateResolution(s, "year", e, rule)
    elif period == "week":
        s, e = period_bounds(d, "week")
        res = DateResolution(s, "week", e, rule)
    else:
        res = DateResolution(d, "day", None, rule)
    fut = published is not None and res.date > published
    if fut and not future:
        return None  # a past sentence: a guess after publication is a wrong guess
    return DateResolution(res.date, res.precision, res.end, rule, fut, "published",
                          bool(re.search(r"\b(?:19|20)\d\d\b", text)))
