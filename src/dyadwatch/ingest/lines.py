"""Line classifiers for text dumps: what one line of a copied web page is.

Each function looks at one stripped line (or a few) and answers: prose paragraph,
breadcrumb, headline, byline/author names, date line, chrome, tail cue, author bio,
"first published" note.  The cue lists come from ``data/ingest/textdump_cues.json``
and are compiled once by ``rules()``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from .common import DATE_RE, cues, parse_date

SENT_END_STRICT = re.compile(r"[.!?…][\"”’')\]]*$")
SENT_END = re.compile(r"[.!?…:;\"”’')\]]$")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class _Rules:
    """The compiled cue lists (see ``data/ingest/textdump_cues.json``)."""

    drop: tuple[re.Pattern[str], ...]
    cut: tuple[re.Pattern[str], ...]
    first_published: tuple[re.Pattern[str], ...]
    read_more: re.Pattern[str]
    copyright: re.Pattern[str]
    posted_by: re.Pattern[str]
    roots: tuple[str, ...]
    separators: tuple[str, ...]
    byline: re.Pattern[str]
    particles: frozenset[str]
    not_name: frozenset[str]
    roles: frozenset[str]
    filler: frozenset[str]
    dateline: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Compile the cue lists once."""
    c = cues()

    def comp(pats: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p.replace("DATE", DATE_RE), re.I) for p in pats)

    prefixes = sorted(c["byline_prefixes"], key=len, reverse=True)
    datelines = sorted(c["dateline_prefixes"], key=len, reverse=True)
    return _Rules(
        drop=comp(c["drop_line_patterns"]), cut=comp(c["tail_cut_patterns"]),
        first_published=comp(c["first_published_patterns"]),
        read_more=re.compile(c["read_more_outlet_pattern"], re.I),
        copyright=re.compile(c["copyright_outlet_pattern"]),
        posted_by=re.compile(c["posted_by_pattern"], re.I),
        roots=tuple(c["breadcrumb_roots"]), separators=tuple(c["breadcrumb_separators"]),
        byline=re.compile(r"^(?:" + "|".join(map(re.escape, prefixes)) + r")\s*:?\s+(.+)$", re.I),
        particles=frozenset(c["name_particles"]), not_name=frozenset(c["not_name_words"]),
        roles=frozenset(c["bio_role_words"]), filler=frozenset(c["dateline_filler_words"]),
        dateline=re.compile(r"^(?:(?:" + "|".join(map(re.escape, datelines)) + r")\s*:?\s*)?",
                            re.I))


# -- line classifiers ----------------------------------------------------------

def split_words(line: str) -> list[str]:
    """Whitespace-separated words of a line."""
    return line.split()


def is_paragraph(line: str) -> bool:
    """A line of running prose (not a heading, name or label)."""
    n = len(split_words(line))
    return n >= 25 or (n >= 10 and bool(SENT_END.search(line)))


def _is_name(part: str, r: _Rules) -> bool:
    toks = part.replace("\u2019", "'").split()
    if not 2 <= len(toks) <= 5 or any(ch.isdigit() for ch in part):
        return False
    if re.search(r"[!?:;\"“”()\[\]@#|/]", part):
        return False
    capitalised = 0
    for t in toks:
        low = t.lower().strip(".,")
        if low in r.particles:
            continue
        if low in r.not_name:
            return False
        if not (t[0].isupper() or re.fullmatch(r"[A-Z]\.?", t)):
            return False
        capitalised += 1
    return capitalised >= 2


_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*")


def names_in(line: str, r: _Rules | None = None) -> list[str]:
    """Author names on a byline-like line ("By A B and C D", "A B, C D"); [] if not names."""
    r = r or rules()
    m = r.byline.match(line)
    text = m.group(1) if m else line
    text = re.split(r"\s+[|\u2013\u2014-]\s+", text)[0].strip().rstrip(".")
    parts = [p for p in _SPLIT_NAMES.split(text) if p]
    if not parts or not all(_is_name(p, r) for p in parts):
        return []
    return [re.sub(r"\s+", " ", p) for p in parts]


def is_breadcrumb(line: str, title: str | None, r: _Rules) -> bool:
    low = line.lower()
    if not any(low == root or low.startswith(root + " ") or low.startswith(root + sep)
               for root in r.roots for sep in ("", *r.separators)):
        seps = sum(line.count(f" {s} ") for s in r.separators)
        return seps >= 2 and len(split_words(line)) <= 20 and not SENT_END.search(line)
    if title and line.endswith(title) and line != title:
        return True
    return len(split_words(line)) <= 12 and not SENT_END.search(line.rstrip("'\""))


def is_label_prefix(prefix: str) -> bool:
    """Section labels in front of a repeated title ("Commentary Iran ")"""
    words = prefix.split()
    return 1 <= len(words) <= 5 and not re.search(r"[.!?,;:]", prefix)


def is_dateline(line: str, r: _Rules) -> date | None:
    """The date on a short date line ("Published: 28 January 2024 | 10:32 IST")."""
    if len(split_words(line)) > 10:
        return None
    rest = r.dateline.sub("", line, count=1)
    m = re.match(DATE_RE, rest, re.I)
    if m:
        return parse_date(m.group(0))
    # "Reuters November 18, 2019 11:03 PM": a date among capitalised words, times, separators
    m = re.search(DATE_RE, rest, re.I)
    if m:
        others = (rest[:m.start()] + " " + rest[m.end():]).split()
        if all(w[:1].isupper() or w.lower().strip(",") in r.filler
               or re.fullmatch(r"[\d:.|/\u2022\u00b7-]+|[ap]m", w, re.I) for w in others):
            return parse_date(m.group(0))
    return None


def is_headline(line: str, r: _Rules) -> bool:
    """A line that could be the article's headline (not a label, name, date or sentence)."""
    n = len(split_words(line))
    return (3 <= n <= 30 and not line.endswith(".") and not is_chrome(line, r)
            and not is_cut(line, r) and not r.byline.match(line) and not names_in(line, r)
            and is_dateline(line, r) is None)


def is_chrome(line: str, r: _Rules) -> bool:
    return any(p.search(line) for p in r.drop)


def is_cut(line: str, r: _Rules) -> bool:
    return any(p.search(line) for p in r.cut)


def is_bio(line: str, authors: list[str], r: _Rules) -> bool:
    """``line`` introduces one of ``authors`` ("A B is a Professor of ...")."""
    low = line.lower()
    for a in authors:
        if low.startswith(a.lower()):
            rest = low[len(a):].lstrip(" ,")
            if re.match(r"(is|was|has|holds|serves|teaches|works|leads|heads|writes|\(|a |an |the )", rest):
                head = set(TOKEN.findall(rest)[:25])
                if head & r.roles:
                    return True
    return False


# -- metadata from notes -----------------------------------------------------------

def first_published(line: str, r: _Rules) -> dict[str, Any] | None:
    """Outlet, title and date from a "first published in OUTLET as TITLE on DATE" note."""
    for pat in r.first_published:
        m = pat.search(line)
        if not m:
            continue
        g = m.groupdict()
        outlet = (g.get("outlet") or "").strip(" .,\"'“”‘’")
        if not outlet or len(outlet.split()) > 12 or re.match(DATE_RE, outlet, re.I):
            continue  # a date caught as the outlet: another pattern reads this order
        out: dict[str, Any] = {"outlet": outlet}
        if g.get("title"):
            out["title"] = g["title"].strip(" .,\"'“”‘’")
        if g.get("date"):
            out["date"] = parse_date(g["date"])
        return out
    return None


def common_suffix_outlet(lines: list[str]) -> str | None:
    """The site name repeated at the end of previous/next links ("... – SITE")."""
    tails = []
    for ln in lines:
        parts = re.split(r"\s+[\u2013\u2014|-]\s+", ln)
        if len(parts) >= 2:
            tails.append(parts[-1].strip())
    if len(tails) >= 2 and len(set(tails)) == 1 and len(tails[0].split()) <= 10:
        return tails[0]
    return None


# -- normalising -------------------------------------------------------------------

def _is_wrapped(block: list[str]) -> bool:
    """A block of hard-wrapped prose: long lines, and at least one line that plainly
    continues on the next (no sentence end, next line starts in lower case)."""
    if len(block) < 2 or any(not 40 <= len(ln) <= 100 for ln in block[:-1]):
        return False
    return any(not SENT_END.search(a) and b[:1].islower() for a, b in zip(block, block[1:]))


def normalise(text: str) -> list[str]:
    """Stripped lines of ``text``; hard-wrapped paragraphs are joined into one line."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = [re.sub(r" {2,}", " ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    block: list[str] = []
    for ln in [*lines, ""]:
        if ln:
            block.append(ln)
            continue
        out.extend([" ".join(block)] if _is_wrapped(block) else block)
        out.append("")
        block = []
    return out[:-1]

