"""What the document itself says about its actors, read before countries are filled in.

* **Where a group is based** ("Jaish-e-Mohammed, which is based in Pakistan", "X, a militant
  group based in Pakistan", "X, a Pakistani militant group", "the Pakistan-based X"): the
  document's statement wins over the dictionary's country for every mention of that group
  in the document (the news_events nationality rule: the text states it).  The stating
  mention records ``place``, the others ``coreference``.
* **An audience is no actor**: media that are only told something ("told reporters",
  "briefed journalists", "said to state television") hear a statement, they take no part
  in it (CAMEO codes such a statement with no target).

Word lists: ``base_words``, ``audience_verbs``, ``audience_preps`` in ``rules.json``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from spacy.tokens import Doc, Token

from ..model import CountryFrom
from .compose import Hit
from .context import PLACE_ENTS, PlaceLookup, place_token_country
from .coref import country_of

#: kinds of hits that name a place a group can be based in
_PLACE_KINDS = frozenset({"country", "capital", "place"})


def span_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it (the last one if none)."""
    for t in doc[start:end]:
        if not start <= t.head.i < end or t.head.i == t.i:
            return t
    return doc[end - 1]


def stated_bases(doc: Doc, mentions: list, hits: Iterable[Hit], relations: Iterable[Hit],
                 base_words: frozenset[str], place_country: PlaceLookup | None = None) -> list:
    """Mentions with each group's country replaced by the one the document says it is
    based in (see the module docstring); unchanged when the document says nothing or
    names two different bases."""
    places: dict[int, str] = {}
    for h in list(hits) + list(relations):
        if h.kind in _PLACE_KINDS:
            c = next((x for x in (country_of(code) for code in h.codes) if x), None)
            if c:
                for k in range(h.start, h.end):
                    places[k] = c
    by_token: dict[int, list] = {}
    for m in mentions:
        for k in range(m.start, m.end):
            by_token.setdefault(k, []).append(m)
    bases: dict[str, set[str]] = {}
    stating: set[int] = set()
    for n, m in enumerate(mentions):
        if m.kind != "group" or m.actor.code[:3] in ("IGO", "NGO"):
            continue
        found = _base_of(doc, span_head(doc, m.start, m.end), m, places, by_token, base_words,
                         place_country)
        if found:
            bases.setdefault(m.actor.code, set()).add(found)
            stating.add(n)
    if not bases:
        return mentions
    out = []
    for n, m in enumerate(mentions):
        found = bases.get(m.actor.code) if m.kind == "group" else None
        if found and len(found) == 1:
            c = next(iter(found))
            if c != m.actor.code[:3]:
                how = CountryFrom.PLACE if n in stating else CountryFrom.COREFERENCE
                m = replace(m, actor=replace(m.actor, code=c + m.actor.code[3:], country=c,
                                             country_from=how))
        out.append(m)
    return out


def _base_of(doc: Doc, head: Token, m: Any, places: dict[int, str], by_token: dict[int, list],
             base_words: frozenset[str], place_country: PlaceLookup | None) -> str | None:
    # "the Pakistan-based X": a relation modifier right before the name
    if m.start >= 3 and doc[m.start - 1].lower_ in base_words and doc[m.start - 2].text == "-":
        c = places.get(m.start - 3)
        if c:
            return c
    for c in head.children:
        if c.dep_ in ("relcl", "acl") and c.lower_ in base_words | {"is", "was"}:
            found = _based_in(doc, c, places, base_words, place_country)
            if found:
                return found
        if c.dep_ == "appos":  # "X, a (Pakistani) militant group (based in Pakistan)"
            for cc in c.children:
                if cc.dep_ in ("relcl", "acl"):
                    found = _based_in(doc, cc, places, base_words, place_country)
                    if found:
                        return found
            mods = [c] + [x for x in c.children if x.dep_ in ("amod", "compound", "nmod")]
            for other in (o for x in mods for o in by_token.get(x.i, [])):
                country = country_of(other.actor.code)
                if other is not m and country and other.kind in ("agent", "demonym") \
                        and other.actor.country_from in (CountryFrom.DEMONYM,
                                                         CountryFrom.POSSESSIVE):
                    return country
    return None


def _based_in(doc: Doc, verb: Token, places: dict[int, str], base_words: frozenset[str],
              place_country: PlaceLookup | None) -> str | None:
    """ "based in Pakistan" / "which is based in Pakistan": the country of the place."""
    words = [verb] + [c for c in verb.children if c.lower_ in base_words]
    if not any(w.lower_ in base_words for w in words):
        return None
    for w in words:
        for prep in w.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "inside"):
                continue
            for o in prep.children:
                if o.dep_ != "pobj":
                    continue
                if o.i in places or (place_country is not None
                                     and o.ent_type_ in PLACE_ENTS):
                    return place_token_country(doc, o, places, place_country)
    return None


def audience(doc: Doc, mentions: list, verbs: frozenset[str],
             preps: dict[str, frozenset[str]]) -> list:
    """Mentions without the media that are only the audience of a statement."""
    out = []
    for m in mentions:
        if "MED" in _roles(m.actor.code) and _is_audience(span_head(doc, m.start, m.end),
                                                           verbs, preps):
            continue
        out.append(m)
    return out


def _roles(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(3, len(code), 3)]


def _is_audience(t: Token, verbs: frozenset[str], preps: dict[str, frozenset[str]]) -> bool:
    if t.dep_ in ("dobj", "dative") and t.head.lemma_.lower() in verbs:
        return True  # "told reporters", "briefed journalists"
    if t.dep_ == "pobj" and t.head.lower_ in preps:
        return t.head.head.lemma_.lower() in preps[t.head.lower_]  # "said to reporters"
    return False
