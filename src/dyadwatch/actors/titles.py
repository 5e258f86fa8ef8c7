"""People a document introduces by a title, and the places that qualify a title.

Passes over the mentions of ``ActorDictionary.tag`` (they add or complete mentions,
never drop one):

* ``titled_names``: "Taoiseach Leo Varadkar", "the Kremlin's envoy Ivan Petrov": a title
  the dictionaries know (an office, an agent, a titled actor) directly followed by a
  personal name they do not know -- the name is the title's actor (same code and country
  source), so "Mr Varadkar" later (``people.surnames``) is that actor too;
* ``untitled_people``: a person the page names in full and again, whom nothing introduces,
  is an actor of the country of the people the page names (no role);
* ``modifier_place``: "Burnley council leader Afrasiab Anwar", "Pendle councillors": a
  place name among the words that modify a title gives its holder's country (the place of
  a local office), before the document defaults (dateline, story country) do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Callable

from spacy.tokens import Doc, Token

from ..model import CountryFrom
from .compose import ent_bounds
from .mention import Mention, make_actor, merge_mentions

#: mention kinds that may title a personal name right after them
TITLE_KINDS = frozenset({"office", "agent", "compound", "coref"})
#: entity labels of a name a title opens ("Taoiseach Leo Varadkar" is now a person, now
#: an organisation to the parser)
NAME_LABELS = frozenset({"PERSON", "ORG"})
#: dependency labels of the words that modify a title's head ("Burnley council leader")
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "npadvmod"})
#: roles whose holders a place name before the title locates ("Burnley council leader",
#: "Cook County prosecutor", "Lahore police")
OFFICE_ROLES = frozenset({"GOV", "LEG", "JUD", "COP", "OPP", "PTY"})
#: how many words before a mention its modifier chain may start
MODIFIER_REACH = 4
#: entity labels a place name modifying a title may carry ("Burnley council" is often
#: tagged an organisation as a whole)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})


def titled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Taoiseach Leo Varadkar said": the personal name right after a titled mention (an
    office, an agent or a composed title with a role) that no mention covers is the same
    actor.  The name must start at the mention's end or continue an entity the title
    opens (spaCy often takes "Taoiseach Leo Varadkar" as one name)."""
    covered: set[int] | None = None
    added: list[Mention] = []
    for m in mentions:
        if m.kind not in TITLE_KINDS or not m.actor.role or m.end >= len(doc):
            if not (m.kind == "group" and m.actor.role and m.end < len(doc)
                    and doc[m.end - 1].pos_ == "NOUN"):
                continue  # (a group's title: "Scottish Labour leader Anas Sarwar")
        nxt = doc[m.end]
        if not (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.is_alpha):
            continue
        a, b = ent_bounds(doc, m.end)
        if nxt.ent_iob_ == "I" and nxt.ent_type_ in NAME_LABELS:
            if a != m.start:
                continue  # the mention sits inside a longer name ("John Kremlin Smith")
        elif nxt.ent_type_ != "PERSON" or a != m.end:
            continue
        if covered is None:
            covered = {k for x in mentions for k in range(x.start, x.end)}
        if any(k in covered for k in range(m.end, b)):
            continue
        covered.update(range(m.end, b))
        e = doc[m.end:b]
        added.append(Mention(m.end, b, replace(m.actor, name=e.text,
                                               span=(e.start_char, e.end_char)), "person"))
    return merge_mentions(mentions, added)


def _modifiers(doc: Doc, m: Mention) -> list[Token]:
    """The words right before the mention that modify it, directly or through another
    modifier ("Burnley" -> "council" -> "leader")."""
    chain = {t.i for t in doc[m.start:m.end]}
    out: list[Token] = []
    for k in range(m.start - 1, max(-1, m.start - MODIFIER_REACH - 1), -1):
        t = doc[k]
        if not (t.dep_ in MODIFIER_DEPS and t.head.i in chain and t.head.i > t.i):
            break
        chain.add(t.i)
        out.append(t)
    return out


def modifier_place(doc: Doc, m: Mention, places: dict[int, str],
                   place_country: Callable[[str], str | None] | None) -> str | None:
    """ "Burnley council leader X": the country of a place name that modifies the
    mention's title (a tagged place, else the gazetteer's reading of a place entity).
    Only for the roles of a local office ("a Guantanamo inmate" is no title)."""
    if (m.actor.role or "") not in OFFICE_ROLES:
        return None
    for t in _modifiers(doc, m):
        if t.i in places:
            return places[t.i]
        if place_country is not None and t.ent_type_ in PLACE_LABELS and t.pos_ == "PROPN" \
                and t.text[:1].isupper():
            a, b = ent_bounds(doc, t.i)
            for name in dict.fromkeys((doc[a:b].text, t.text)):  # "[Burnley] council" (ORG)
                found = place_country(name)
                if found:
                    return found
    return None


#: how often a page must name a person the dictionaries do not know (full name and surname
#: together) before the person becomes an actor without a title
UNTITLED_MIN_MENTIONS = 2


def untitled_people(doc: Doc, mentions: list[Mention], story: str | None,
                    honorifics: frozenset[str] | set[str] = frozenset()) -> list[Mention]:
    """ "Nikki Haley derided Vivek Ramaswamy ... Haley ... Ramaswamy ...": a person a page
    names in full and again, whom no dictionary knows and no title introduces, is an actor
    of the country of the people the document names (the country most of its people with
    a country of their own belong to, else the story's subject country), with no role.
    Its ``country_from`` is ``story``: a document default, which a stronger source
    (the event's place) may replace.  A name the parser only ever reads as an
    organisation is a person when the page gives it a person's marks: an honorific
    before the surname ("Mr. Ramaswamy") or an age after the name ("Vivek Ramaswamy,
    38,")."""
    if not doc.has_annotation("ENT_IOB"):
        return mentions
    covered = {k for m in mentions for k in range(m.start, m.end)}
    full: dict[str, list[tuple[int, int]]] = {}
    count: Counter[str] = Counter()
    person: set[str] = set()  # surnames the parser takes for a person at least once
    if honorifics:  # ... or that follow an honorific ("Mr. Ramaswamy", whatever its label)
        person.update(doc[i + 1].text for i in range(len(doc) - 1)
                      if doc[i].lower_.rstrip(".") in honorifics
                      and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper())
    for e in doc.ents:
        if e.label_ not in NAME_LABELS:  # (the small parser reads some names as ORG)
            continue
        toks = list(e)
        if not all(t.text[:1].isupper() and t.pos_ == "PROPN" and t.is_alpha for t in toks):
            continue
        last = toks[-1].text
        if e.label_ == "PERSON" or _person_marks(doc, e.end):
            person.add(last)
        if len(toks) >= 2 and not any(k in covered for k in range(e.start, e.end)):
            full.setdefault(last, []).append((e.start, e.end))
    for a, b in _name_runs(doc, covered):  # names the parser left out or read as a place
        person.update([doc[b - 1].text] if _person_marks(doc, b) else [])
        spans = full.setdefault(doc[b - 1].text, [])
        if (a, b) not in spans:
            spans.append((a, b))
    if full:  # how often the page names each: the capitalised surname, any label or tag
        count = Counter(t.text for t in doc if t.text in full)
    known = {doc[m.end - 1].text for m in mentions if m.kind == "person"}  # titled elsewhere
    todo = {n: spans for n, spans in full.items()
            if n in person and n not in known and count[n] >= UNTITLED_MIN_MENTIONS}
    if not todo:
        return mentions
    country = _people_country(mentions) or story
    if country is None:
        return mentions
    ends = {m.end: m for m in mentions if m.actor.country}
    added = []
    for spans in todo.values():
        for a, b in spans:
            span = doc[a:b]
            code, how = _described_country(doc, a, ends) or (country, CountryFrom.STORY)
            added.append(Mention(a, b, make_actor(code, span.text,
                                                  (span.start_char, span.end_char),
                                                  how), "person"))
    return merge_mentions(mentions, added)


#: part-of-speech tags of the words a description before a name may hold ("US
#: presidential hopeful", "Kenyan opposition figure")
DESCRIPTION_POS = frozenset({"ADJ", "NOUN", "PROPN"})


def _described_country(doc: Doc, a: int, ends: dict[int, Mention]
                       ) -> tuple[str, CountryFrom] | None:
    """ "US presidential hopeful Vivek Ramaswamy": the country of a country or demonym
    mention that opens the description right before the name (at most
    ``MODIFIER_REACH`` words of adjectives and nouns between)."""
    for k in range(a, max(-1, a - MODIFIER_REACH - 1), -1):
        m = ends.get(k)
        if m is not None and m.kind in ("country", "demonym") and m.actor.country:
            how = CountryFrom.DEMONYM if m.kind == "demonym" else CountryFrom.MENTION
            return m.actor.country, how
        if k > 0 and doc[k - 1].pos_ not in DESCRIPTION_POS:
            return None
    return None


#: entity labels a personal name may wrongly carry besides NAME_LABELS (or none at all)
MISREAD_LABELS = frozenset({"", "FAC", "PRODUCT", "WORK_OF_ART"})


def _name_runs(doc: Doc, covered: set[int]) -> list[tuple[int, int]]:
    """Runs of two or three title-case proper nouns outside any mention and any entity
    but a misread one ("Vikram Ramanathan" as a facility or as nothing)."""
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 4 and j not in covered and doc[j].pos_ == "PROPN" \
                and doc[j].is_alpha and doc[j].is_title and doc[j].ent_type_ in MISREAD_LABELS:
            j += 1
        if 2 <= j - i <= 3 and (j == len(doc) or doc[j].pos_ != "PROPN"):
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _person_marks(doc: Doc, b: int) -> bool:
    """ "Vivek Ramaswamy, 38,": an age in commas right after the name ending at ``b``."""
    return b + 2 < len(doc) and doc[b].text == "," and doc[b + 1].like_num \
        and doc[b + 1].text.isdigit() and 12 < int(doc[b + 1].text) < 110 \
        and doc[b + 2].text == ","


def _people_country(mentions: list[Mention]) -> str | None:
    """The country most of the document's named people with a country of their own (not
    a document default) belong to; None on a tie or when it names none."""
    votes: Counter[str] = Counter()
    for m in mentions:
        if m.kind == "person" and m.actor.country and m.actor.country_from not in (
                None, CountryFrom.DATELINE, CountryFrom.STORY):
            votes[m.actor.country] += 1
    top = votes.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]
