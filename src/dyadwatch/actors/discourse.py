"""Page-level discourse: who speaks inside a quotation, and the acronym of a named body.

Whole news pages quote people at length and name organisations once in full.  Two passes
over the mention list of ``ActorDictionary.tag`` (run after the people passes, so that a
"he said" already stands for its person); each returns the list with mentions added,
never changed:

* ``quoted_speakers``: "\u201cWe call on Israel to agree to a ceasefire. We are running out
  of time,\u201d the UN experts said." -- a first-person subject ("we", "I") inside a
  quotation is the quotation's speaker: the subject of a speech verb just after
  the closing mark (", he said") or just before the opening one ("Mr Ross said: \u201c"),
  or, for a quotation that goes on in the next paragraph, the speaker of the paragraph
  before;
* ``acronyms``: "the United Auto Workers union ... UAW members" or "the World Health
  Organization (WHO)" -- an all-capital word standing for a name the page gave in full is
  the actor of that name.

Word lists: ``data/actors/discourse.json`` (validated on load).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .._resources import read_text
from ..errors import ConfigError
from ..text import doc_text
from .mention import Mention, merge_mentions
from .people import standing_for

_KEYS = ("speech_verbs", "first_person", "acronym_stop")


@dataclass(frozen=True)
class DiscourseRules:
    speech_verbs: frozenset[str]
    first_person: frozenset[str]
    acronym_stop: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> DiscourseRules:
    """The shipped word lists (``data/actors/discourse.json``)."""
    where = "dyadwatch/data/actors/discourse.json"
    try:
        raw = json.loads(read_text("actors", "discourse.json"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where} is not valid JSON: {exc}") from exc
    for key in _KEYS:
        words = raw.get(key)
        if not isinstance(words, list) or not words \
                or not all(isinstance(w, str) and w for w in words):
            raise ConfigError(f"{where}: {key!r} must be a non-empty list of words")
    return DiscourseRules(*(frozenset(w.lower() for w in raw[k]) for k in _KEYS))


# ---------------------------------------------------------------------------- quotations
@dataclass(frozen=True)
class Quote:
    """A quotation: ``start`` is the opening mark's offset, ``end`` the offset after the
    closing mark, or the end of the paragraph when the quotation runs on (``closed``
    False: a quotation continued in the next paragraph opens it again)."""

    start: int
    end: int
    closed: bool


def quotations(text: str) -> list[Quote]:
    """The quotations of ``text`` paragraph by paragraph (a paragraph is a line): curly
    marks pair an opening with the next closing one; straight marks pair in order."""
    out: list[Quote] = []
    for para in re.finditer(r"[^\n]+", text):
        base, p = para.start(), para.group()
        i = 0
        while i < len(p):
            ch = p[i]
            if ch == "\u201c":
                close, again = p.find("\u201d", i + 1), p.find("\u201c", i + 1)
                if close == -1 or -1 < again < close:
                    end = again if again != -1 else len(p)
                    out.append(Quote(base + i, base + end, False))
                    i = end
                    continue
            elif ch == '"':
                close = p.find('"', i + 1)
                if close == -1:
                    out.append(Quote(base + i, base + len(p), False))
                    break
            else:
                i += 1
                continue
            out.append(Quote(base + i, base + close + 1, True))
            i = close + 1
    return out


def _token_at(starts: list[int], char: int) -> int | None:
    """Index of the first token that starts at or after character ``char`` (None past
    the end); ``starts`` are the tokens' offsets."""
    k = bisect_left(starts, char)
    return k if k < len(starts) else None


def _speaker_in(doc: Doc, lo: int, hi: int, by_token: dict[int, list[Mention]],
                verbs: frozenset[str]) -> Mention | None:
    """The actor of the subject of a speech verb among tokens [lo, hi): the mention on the
    subject itself, else the one mention (one code) inside the subject's phrase."""
    for v in doc[lo:hi]:
        if v.pos_ not in ("VERB", "AUX") or v.lemma_.lower() not in verbs:
            continue
        for subj in (c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")):
            if not lo <= subj.i < hi:
                continue
            own = by_token.get(subj.i)
            if own:
                return own[0] if len({m.actor.code for m in own}) == 1 else None
            inner = {id(m): m for t in subj.subtree if lo <= t.i < hi
                     for m in by_token.get(t.i, ())}
            if inner and len({m.actor.code for m in inner.values()}) == 1:
                return next(iter(inner.values()))
    return None


def _para_end(doc: Doc, lo: int, hi: int) -> int:
    """``hi``, or the first token of [lo, hi) that holds a line break (an attribution
    never crosses a paragraph: "...”\n\nMeanwhile, Israel said" is not the quote's)."""
    return next((t.i for t in doc[lo:hi] if "\n" in t.text_with_ws), hi)


def _para_start(doc: Doc, lo: int, hi: int) -> int:
    """``lo``, or the token after the last line break in [lo, hi)."""
    return next((t.i + 1 for t in reversed(doc[lo:hi]) if "\n" in t.text_with_ws), lo)


def _speaker(doc: Doc, q: Quote, starts: list[int], by_token: dict[int, list[Mention]],
             verbs: frozenset[str]) -> Mention | None:
    """The quotation's speaker: attribution after the closing mark in the sentence that
    ends the quotation, else before the opening mark in the sentence that opens it, else
    (the quotation opens its sentence after "said:") in the sentence before."""
    first, after = _token_at(starts, q.start), _token_at(starts, q.end)
    if first is None:
        return None
    last = (after if after is not None else len(doc)) - 1
    if not q.closed:
        after = None
    if after is not None and doc[after].sent.start <= last:  # same sentence goes on
        found = _speaker_in(doc, after, _para_end(doc, after, doc[last].sent.end),
                            by_token, verbs)
        if found is not None:
            return found
    sent = doc[first].sent
    if sent.start < first:
        found = _speaker_in(doc, _para_start(doc, sent.start, first), first, by_token, verbs)
        if found is not None:
            return found
    before = doc_text(doc)[:q.start].rstrip()
    if before.endswith(":") and sent.start > 0:
        prev = doc[sent.start - 1].sent
        return _speaker_in(doc, prev.start, prev.end, by_token, verbs)
    return None


def quoted_speakers(doc: Doc, mentions: list[Mention], text: str | None = None,
                    rules_: DiscourseRules | None = None) -> list[Mention]:
    """A first-person subject inside a quotation is its speaker (see the module doc)."""
    text = doc_text(doc) if text is None else text
    if not mentions or ("\u201c" not in text and '"' not in text) \
            or not doc.has_annotation("SENT_START"):
        return mentions
    r = rules() if rules_ is None else rules_
    by_token: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.actor.code and m.actor.country:
            for k in range(m.start, m.end):
                by_token.setdefault(k, []).append(m)
    taken = {k for m in mentions for k in range(m.start, m.end)}
    starts = [t.idx for t in doc]
    added: list[Mention] = []
    prev: tuple[Quote, Mention | None] | None = None
    last: tuple[int, Mention] | None = None  # (token, speaker) of the last named person
    for q in quotations(text):
        speaker = _speaker(doc, q, starts, by_token, r.speech_verbs)
        if speaker is None and prev is not None and not prev[0].closed \
                and not text[prev[0].end:q.start].strip():
            speaker = prev[1]  # the quotation goes on from the paragraph before
        if speaker is None and last is not None:
            pron = _pronoun_attribution(doc, q, starts, r.speech_verbs)
            if pron is not None and pron.i not in taken \
                    and _same_speaker_since(doc, last, pron.i, mentions):
                speaker = last[1]  # "... ,” he said": the speaker of the quotes before
                taken.add(pron.i)
                added.append(standing_for(speaker.actor, pron))
        prev = (q, speaker)
        if speaker is None:
            continue
        if _one_person(doc, speaker):
            last = (_token_at(starts, q.start) or 0, speaker)
        span = doc.char_span(q.start, q.end, alignment_mode="contract")
        for t in span if span is not None else ():
            if t.i in taken or t.lower_ not in r.first_person or t.pos_ != "PRON" \
                    or t.dep_ not in ("nsubj", "nsubjpass"):
                continue  # ("tells us", "reminds me": the speaker is no one told)
            taken.add(t.i)
            added.append(standing_for(speaker.actor, t))
    return merge_mentions(mentions, added)


#: how many sentences a run of quotations may carry its speaker to a bare "he said"
SPEAKER_REACH = 6
_HE_SHE = frozenset({"he", "she"})


def _one_person(doc: Doc, m: Mention) -> bool:
    """A speaker who is one named person: a person mention, or a name or he/she that
    stands for one."""
    return m.kind == "person" or (m.kind == "coref" and doc[m.start].pos_ in ("PROPN", "PRON")
                                  and doc[m.start].lower_ not in ("it", "they", "we"))


def _pronoun_attribution(doc: Doc, q: Quote, starts: list[int],
                         verbs: frozenset[str]) -> Token | None:
    """The "he"/"she" that attributes the quotation (", he said" right after the closing
    mark, "She said:" right before the opening one), or None."""
    after, first = _token_at(starts, q.end), _token_at(starts, q.start)
    window = []
    if q.closed and after is not None:
        window += list(doc[after:_para_end(doc, after, min(after + 4, len(doc)))])
    if first is not None:
        window += list(doc[_para_start(doc, max(first - 4, 0), first):first])
    for t in window:
        if t.lower_ in _HE_SHE and t.dep_ == "nsubj" and t.head.lemma_.lower() in verbs:
            return t
    return None


def _same_speaker_since(doc: Doc, last: tuple[int, Mention], i: int,
                        mentions: list[Mention]) -> bool:
    """No other person is named between the last speaker's quotation and token ``i``,
    which lies within ``SPEAKER_REACH`` sentences of it."""
    start, who = last
    sents = 0
    for t in doc[start:i]:
        sents += t.is_sent_start
    if sents > SPEAKER_REACH:
        return False
    return not any(start <= m.start < i and m.actor.code != who.actor.code
                   and _one_person(doc, m) for m in mentions)


# ---------------------------------------------------------------------------- acronyms
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def _initials(words: list[Token], stop: frozenset[str]) -> str:
    return "".join(t.text[0] for t in words if t.lower_ not in stop)


def acronyms(doc: Doc, mentions: list[Mention],
             rules_: DiscourseRules | None = None) -> list[Mention]:
    """ "the World Health Organization (WHO) ... WHO said", "the United Auto Workers union
    ... UAW members": an all-capital word (2 to 6 letters) no mention covers stands for
    the actor of a name the page gave in full, when the name's capitalised words (small
    linking words aside) begin with its letters, in order, and a mention lies in the
    name.  Unresolved when two names of different actors give the same letters."""
    if not mentions:
        return mentions
    r = rules() if rules_ is None else rules_
    cands = [t for t in doc if _ACRONYM.match(t.text) and t.pos_ == "PROPN"]
    if not cands:
        return mentions
    wanted = {t.text for t in cands}
    by_token = {k: m for m in mentions if m.actor.code and m.actor.country
                for k in range(m.start, m.end)}
    meaning: dict[str, Mention | None] = {}
    i = 0
    while i < len(doc):  # runs of capitalised words, small linking words inside
        if not (doc[i].is_alpha and doc[i].text[0].isupper()):
            i += 1
            continue
        j = i
        while j < len(doc) and (doc[j].is_alpha and doc[j].text[0].isupper() or (
                doc[j].lower_ in r.acronym_stop and j + 1 < len(doc)
                and doc[j + 1].text[:1].isupper() and j > i)):
            j += 1
        run = list(doc[i:j])
        for a in range(len(run)):  # every suffix-closed sub-run ending at the run's end
            letters = _initials(run[a:], r.acronym_stop)
            if letters in wanted and len(run) - a >= 2 and run[a].lower_ not in r.acronym_stop:
                hits = {by_token[t.i].actor.code: by_token[t.i] for t in run[a:]
                        if t.i in by_token}
                if len(hits) == 1:
                    m = next(iter(hits.values()))
                    old = meaning.get(letters, m)
                    meaning[letters] = m if old is not None and old.actor.code == \
                        m.actor.code else None
        i = max(j, i + 1)
    if not any(meaning.values()):
        return mentions
    taken = {k for m in mentions for k in range(m.start, m.end)}
    added = []
    for t in cands:
        m = meaning.get(t.text)
        if m is None or t.i in taken:
            continue
        added.append(standing_for(m.actor, t))
    return merge_mentions(mentions, added)
