"""People across a document: a name in apposition to a title, a surname repeated, he/she.

Each pass takes the mention list of ``ActorDictionary.tag`` (countries already settled)
and returns it with mentions added, never changed:

* ``appositions``: "Ahmed Karimi, the army chief, said" -- the name the dictionaries do
  not know is the title's actor;
* ``surnames``: "Prime Minister Imran Khan ... Khan offered" -- a surname alone after the
  full name.

Pronouns ("he", "they", "him") are resolved in ``pronouns.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from spacy.tokens import Doc, Token

from ..model import Actor, CountryFrom
from .compose import ent_bounds
from .mention import Mention, make_actor, merge_mentions

#: entity labels of a full personal name ("Nikki Haley" is often an ORG to the parser)
_NAME_LABELS = frozenset({"PERSON", "ORG"})
#: mention kinds whose actor a personal name in apposition stands for
_TITLED = frozenset({"agent", "coref", "person", "compound"})


def appositions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Ahmed Karimi, the army chief, said ...", "the country's foreign minister, Lucia
    Ferraz,": a personal name the dictionaries do not know, in apposition to a title,
    is the same actor (same code and country source) -- or, when the title's country is
    only the document's default, the actor its "for"/"of" phrase names (``_represented``:
    "Abu Ubaida, spokesperson for the armed wing of Hamas")."""
    covered: set[int] | None = None
    added: list[Mention] = []
    by_token: dict[int, Mention] | None = None
    for m in mentions:
        if m.kind not in _TITLED or not m.actor.role:
            continue
        head = _root(doc, m)  # "the foreign minister of Samoa": minister, not Samoa
        cands = [head.head] if head.dep_ == "appos" else []
        if head.i + 1 < len(doc) and doc[head.i + 1].text == ",":  # "the army chief, X,"
            cands += [c for c in head.rights if c.dep_ == "appos"]
        for c in cands:
            if c.ent_type_ != "PERSON":
                continue
            a, b = ent_bounds(doc, c.i)
            if covered is None:
                covered = {k for x in mentions for k in range(x.start, x.end)}
            if any(k in covered for k in range(a, b)):
                continue
            covered.update(range(a, b))
            e = doc[a:b]
            if by_token is None:
                by_token = {k: x for x in mentions for k in range(x.start, x.end)}
            actor = _represented(doc, m, by_token) or m.actor
            added.append(Mention(a, b, replace(actor, name=e.text,
                                               span=(e.start_char, e.end_char)), "person"))
    return merge_mentions(mentions, added)


#: prepositions after a title that name the body its holder speaks or works for
_FOR_PREPS = frozenset({"for", "of"})
#: where a title's country came from when the document only supplied a default
_DEFAULTS = (CountryFrom.DATELINE, CountryFrom.STORY, None)


def _represented(doc: Doc, m: Mention, by_token: dict[int, Mention]) -> Actor | None:
    """ "Abu Ubaida, spokesperson for the armed wing of Hamas,": a title whose country is
    only the document's default, with a "for"/"of" phrase naming an actor of its own
    country, makes its holder that actor (Hamas), not the story country's."""
    if m.actor.country_from not in _DEFAULTS:
        return None
    for prep in doc[m.end - 1].children:
        if prep.dep_ != "prep" or prep.lower_ not in _FOR_PREPS:
            continue
        for t in prep.subtree:
            x = by_token.get(t.i)
            if x is not None and x is not m and x.actor.country \
                    and x.actor.country_from not in _DEFAULTS:
                return x.actor
    return None


def _root(doc: Doc, m: Mention) -> Token:
    """The token of the mention's span whose head lies outside it (its last token when
    the parse does not give one)."""
    for t in doc[m.start:m.end]:
        if not m.start <= t.head.i < m.end or t.head.i == t.i:
            return t
    return doc[m.end - 1]


def surnames(doc: Doc, mentions: list[Mention], text: str | None = None,
             honorifics: frozenset[str] = frozenset()) -> list[Mention]:
    """ "Prime Minister Imran Khan ... Khan offered to act", "... Mr Khan said": a person's
    surname used alone (or after an honorific) stands for the same actor as the person
    named in full.  Only when one person in the document carries that surname, for a
    capitalised proper noun not inside another mention and not part of another name
    ("Abdul Qadeer Khan").  A surname alone comes after the full name; after an honorific
    ("Ms. Haley ... Haley, the former ambassador,") or as the same full name ("Nikki
    Haley" before "Nikki Haley, the former ambassador") it may come before it, and also
    when the page named the full name first under any label ("Nikki Haley" read as an
    organisation).  The first word of a name given surname first ("Wang Yi ... Wang
    said") counts as a surname (``_leading_names``)."""
    by_name: dict[str, Mention | None] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.kind != "person":
            continue
        last = doc[m.end - 1]
        if m.end - m.start < 2 and last.ent_type_ != "PERSON":
            continue  # (a one-word person mention is a name in apposition to a title)
        name = last.text
        if not (last.is_alpha and name[:1].isupper() and len(name) > 2):
            continue
        prev = by_name.get(name, m)
        by_name[name] = m if prev is not None and prev.actor.code == m.actor.code else None
        first[name] = min(first.get(name, m.end), m.end)
    for name, m in _leading_names(doc, mentions, honorifics).items():
        prev = by_name.get(name, m)  # "Wang Yi ... Wang said": a name given surname first
        by_name[name] = m if prev is not None and m is not None \
            and prev.actor.code == m.actor.code else None
        first[name] = min(first.get(name, len(doc)), m.end if m is not None else len(doc))
    names = {n for n, m in by_name.items() if m is not None}
    if not names:
        return mentions
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")\b")
    hits = []
    for mo in rx.finditer(doc.text if text is None else text):
        span = doc.char_span(mo.start(), mo.end())
        if span is not None and len(span) == 1:
            hits.append(span.start)
            k = span.start
            if k < first[mo.group()] and _full_name_at(doc, k, honorifics):
                first[mo.group()] = k  # "Nikki Haley ... Haley ... Ambassador Haley"
    if not hits:
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added = []
    for i in hits:
        t = doc[i]
        w = t.text
        if i in covered or not _name_token(t):
            continue
        src = by_name[w]
        assert src is not None
        start = _same_full_name(doc, i, src, covered)
        prev = doc[i - 1] if i > 0 else None
        titled = prev is not None and prev.lower_.rstrip(".") in honorifics
        if start is None:
            if i < first[w] and not titled:
                continue
            neighbours = [doc[k] for k in (i - 1, i + 1) if 0 <= k < len(doc)]
            if any(n.pos_ == "PROPN" and n.text[:1].isupper()
                   and n.lower_.rstrip(".") not in honorifics for n in neighbours):
                continue  # "Abdul Qadeer Khan", "Khan Academy": another name
            start = i
        span = doc[start:i + 1]
        covered.update(range(start, i + 1))
        added.append(Mention(start, i + 1, make_actor(
            src.actor.code, span.text, (span.start_char, span.end_char),
            through(src.actor.country_from)), "coref"))
    return merge_mentions(mentions, added)


def _leading_names(doc: Doc, mentions: list[Mention], honorifics: frozenset[str]
                   ) -> dict[str, Mention | None]:
    """The first word of each two- or three-word personal name that ends a person
    mention ("Chinese counterpart Wang Yi", "Kim Jong Un"): many names put the surname
    first, and the page then uses it alone ("Wang rejected the demand").  None for a
    word that begins the names of people with different codes."""
    out: dict[str, Mention | None] = {}
    for m in mentions:
        if m.kind != "person" or doc[m.end - 1].ent_type_ != "PERSON":
            continue
        a, b = ent_bounds(doc, m.end - 1)
        if b != m.end or a < m.start or not 2 <= b - a <= 3:
            continue
        g = doc[a]
        if not (g.is_alpha and g.is_title and len(g.text) > 1 and g.pos_ == "PROPN") \
                or g.lower_ in honorifics:
            continue
        prev = out.get(g.text, m)
        out[g.text] = m if prev is not None and prev.actor.code == m.actor.code else None
    return out


def _name_token(t: Token) -> bool:
    """Is ``t`` used as a name: a proper noun, or a title-case word the tagger took for
    an adjective or noun ("Haley called *Ramaswamy* scum") inside a sentence or inside
    an entity (a sentence-initial "Long" or "Young" may be the plain word)."""
    if t.pos_ == "PROPN":
        return True
    return t.is_title and t.is_alpha and t.pos_ in ("ADJ", "NOUN") \
        and (not t.is_sent_start or t.ent_type_ in _NAME_LABELS)


def _full_name_at(doc: Doc, i: int, honorifics: frozenset[str]) -> bool:
    """Does token ``i`` end a full personal name ("Nikki Haley"), whatever label the
    parser gave it: a title-case given name, no honorific, right before it."""
    if i == 0:
        return False
    g = doc[i - 1]
    return g.pos_ == "PROPN" and g.is_alpha and g.is_title \
        and g.lower_.rstrip(".") not in honorifics and g.ent_type_ in _NAME_LABELS


def _same_full_name(doc: Doc, i: int, src: Mention, covered: set[int]) -> int | None:
    """Start of the full name ending at token ``i`` ("Nikki Haley") when it is the person
    of ``src``: the same words as the end of ``src``'s name, or any given name when ``src``
    gave the surname alone; None when ``i`` does not end a longer personal name."""
    if doc[i].ent_type_ not in _NAME_LABELS or doc[i].ent_iob_ != "I":
        return None
    a, b = ent_bounds(doc, i)
    if b != i + 1 or any(k in covered for k in range(a, b)) \
            or not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in doc[a:b]):
        return None
    name = [t.text for t in doc[a:b]]
    own = [t.text for t in doc[src.start:src.end]]
    if src.end - src.start == 1 or own[-len(name):] == name:
        return a
    return None


def standing_for(actor: Actor, tok: Token, name: str | None = None) -> Mention:
    """A one-token mention ("he", "we", "UAW") that stands for ``actor``, named by its own
    text unless ``name`` is given, its country coming ``through`` the actor's."""
    return Mention(tok.i, tok.i + 1, replace(
        actor, name=tok.text if name is None else name, span=(tok.idx, tok.idx + len(tok.text)),
        country_from=through(actor.country_from)), "coref")


def through(how: CountryFrom | None) -> CountryFrom | None:
    """Where the country of a mention that repeats another came from: coreference, unless
    the other's country was only a document default (dateline, story), which stays one."""
    if how in (CountryFrom.DATELINE, CountryFrom.STORY, None):
        return how
    return CountryFrom.COREFERENCE
