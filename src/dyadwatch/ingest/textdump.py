"""Clean copy-pasted or scraped text dumps of web pages and recover their metadata.

A dump looks like: breadcrumbs, the title (often twice), author names on their
own lines, the article, then page chrome (author bios, a "first published in"
note, disclaimers, "Read more at ..." lists, previous/next links, comment
forms).  The rules below are generic; the cue lists live in
``data/ingest/textdump_cues.json``; the line classifiers are in ``lines.py``.

The algorithm:

1. The *head* is everything before the first paragraph-like line.  Head lines
   are classified as breadcrumb, title, byline/author, dateline or chrome.
2. The *tail* starts at the first cut cue (a "first published" note, a
   disclaimer, a bio of a detected author, ...) after which the remaining
   lines carry no more prose than the article before it.  Metadata is read
   from the tail, then the tail is dropped.
3. Single chrome lines (share bars, "Advertisement") are dropped anywhere, and
   a leading standfirst that only repeats a later paragraph is moved to
   ``meta["standfirst"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .lines import (SENT_END_STRICT, TOKEN, common_suffix_outlet, is_headline,
                    is_label_prefix, split_words, first_published, is_bio, is_breadcrumb, is_chrome,
                    is_cut, is_dateline, is_paragraph, names_in, normalise, rules)

__all__ = ["DumpResult", "clean_dump", "first_published", "is_chrome", "normalise", "rules"]


#: a cut cue starts the tail only if the prose after it that no cue explains is at most
#: this share of the article prose before it (so an inline "Read more" keeps the rest)
TAIL_PROSE_SHARE = 0.15


@dataclass
class DumpResult:
    """What the text-dump rules recovered from one text."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    published_from: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    toks = [t.casefold() for t in TOKEN.findall(text)]
    return {tuple(toks[i:i + 3]) for i in range(max(0, len(toks) - 2))}


# -- the whole dump ---------------------------------------------------------------

def clean_dump(text: str) -> DumpResult:
    """Apply the text-dump rules to ``text``; never raises."""
    r = rules()
    lines = [ln for ln in normalise(text)]
    nonempty = [i for i, ln in enumerate(lines) if ln]
    if not nonempty:
        return DumpResult(body="")
    first_para = next((i for i in nonempty if is_paragraph(lines[i])), None)
    meta: dict[str, Any] = {}
    drop: set[int] = set()
    title: str | None = None
    authors: list[str] = []
    dateline: date | None = None

    head = [i for i in nonempty if first_para is not None and i < first_para]
    # title: a line repeated in the head, or the suffix of a breadcrumb line
    for a_pos, i in enumerate(head):
        for j in head[a_pos + 1:a_pos + 3]:  # the repeat follows closely (menus repeat far)
            li, lj = lines[i], lines[j]
            if li.casefold() == lj.casefold() and len(split_words(li)) >= 2:
                title = lj
            elif len(lj) >= 10 and li.endswith(lj) and li != lj and (
                    is_breadcrumb(li, lj, r) or is_label_prefix(li[:-len(lj)])):
                title = lj
            if title:
                break
        if title:
            break
    if title is None:  # the headline is the last headline-like line above the article
        cands = [i for i in head if is_headline(lines[i], r) and not is_breadcrumb(lines[i], None, r)]
        if cands:
            title = lines[cands[-1]]
    # the article starts at its headline: what stands above it is masthead and menus
    title_at = next((i for i in head if title and lines[i].endswith(title)), -1)
    for i in head:
        ln = lines[i]
        if title and ln.casefold() == title.casefold():
            drop.add(i)
        elif is_chrome(ln, r) or is_breadcrumb(ln, title, r):
            drop.add(i)
        elif title and ln.endswith(title) and is_label_prefix(ln[:-len(title)]):
            drop.add(i)  # "Section Subsection TITLE"
        elif i < title_at:
            drop.add(i)  # masthead, site menus above the headline
        elif (d := is_dateline(ln, r)) is not None:
            dateline = dateline or d
            drop.add(i)
        elif (names := names_in(ln, r)) and (title is not None or r.byline.match(ln)):
            authors.extend(n for n in names if n not in authors)
            drop.add(i)
        elif (title is None and 2 <= len(split_words(ln)) <= 30 and not ln.endswith(".")
              and not is_cut(ln, r)):
            title = ln.rstrip()
            drop.add(i)
        elif len(split_words(ln)) < 4 and title is not None and not SENT_END_STRICT.search(ln):
            drop.add(i)  # section/category labels next to the title

    # tail: the first cut cue after which little prose is left that no cue explains
    start = first_para if first_para is not None else nonempty[0]
    cue = {i for i in nonempty
           if i > start and (is_cut(lines[i], r) or is_bio(lines[i], authors, r))}
    para_chars = {i: len(lines[i]) for i in nonempty if i >= start and is_paragraph(lines[i])}
    unexplained = {i: n for i, n in para_chars.items()
                   if i not in cue and not is_chrome(lines[i], r)}
    cut_at: int | None = None
    before, after = 0, sum(unexplained.values())  # running sums: linear in the lines
    for i in nonempty:
        if i in cue:
            if after <= TAIL_PROSE_SHARE * before:
                cut_at = i
                break
            drop.add(i)  # a cue line inside the article: drop the line, keep going
        before += para_chars.get(i, 0)
        after -= unexplained.get(i, 0)

    tail = [lines[i] for i in nonempty if cut_at is not None and i >= cut_at]
    # metadata from notes anywhere (a "first published" note may also open the text)
    for i in nonempty:
        ln = lines[i]
        note = first_published(ln, r)
        if note and "original_outlet" not in meta:
            meta["original_outlet"] = note["outlet"]
            if note.get("title"):
                meta["original_title"] = note["title"]
            if note.get("date"):
                meta["original_published"] = note["date"].isoformat()
            drop.add(i)
    for ln in tail:
        if (m := r.read_more.match(ln)) and "repost_outlet" not in meta:
            meta["repost_outlet"] = m.group("outlet").strip()
        elif (m := r.posted_by.match(ln)):
            meta["posted_by"] = m.group("name").strip()
    if "repost_outlet" not in meta:
        for ln in tail:
            if (m := r.copyright.match(ln)) and not r.copyright.match(m.group("outlet")):
                meta["repost_outlet"] = m.group("outlet").strip()
                break
    if "repost_outlet" not in meta:
        nav = [ln for ln in tail if re.match(r"^(previous|next) (article|post|story)", ln, re.I)]
        if (site := common_suffix_outlet(nav)):
            meta["repost_outlet"] = site
    if tail:
        meta["stripped_tail_lines"] = len(tail)

    kept = [i for i in nonempty
            if i not in drop and (cut_at is None or i < cut_at) and not is_chrome(lines[i], r)]
    # after the last paragraph, lines that are no sentences are link lists and footers
    last_para = max((i for i in kept if is_paragraph(lines[i])), default=None)
    if last_para is not None:
        trailing = [i for i in kept if i > last_para and not SENT_END_STRICT.search(lines[i])]
        if trailing:
            meta["stripped_trailing_lines"] = len(trailing)
            kept = [i for i in kept if i not in set(trailing)]
    body_lines = [lines[i] for i in kept]
    # a leading standfirst that a later paragraph repeats is not a paragraph of its own
    if len(body_lines) >= 3 and is_paragraph(body_lines[0]):
        lead = _trigrams(body_lines[0])
        rest = set().union(*(_trigrams(b) for b in body_lines[1:]))
        if lead and len(lead & rest) / len(lead) >= 0.6:
            meta["standfirst"] = body_lines.pop(0)

    published, published_from = None, None
    if meta.get("original_published"):
        published, published_from = date.fromisoformat(meta["original_published"]), \
            "first-published-note"
    elif dateline is not None:
        published, published_from = dateline, "text-dateline"
    return DumpResult(body="\n\n".join(body_lines), title=title, authors=authors,
                      published=published, published_from=published_from, meta=meta)
