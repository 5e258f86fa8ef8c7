"""Places named in the text, and attacks with no named attacker.

* ``named_place``: the country of an "in/inside X" place the actor tagger leaves
  untagged on purpose (cities and capitals used as locations: "in Baghdad", "in Mosul"),
  looked up in the actor dictionary; else the wire dateline ("KABUL (Reuters) -").
* ``unattributed``: "A car bomb exploded in Mosul, killing four policemen" names no
  attacker; the news_events convention codes such attacks with an unidentified armed
  actor (UAF) of the country where they happened, so that they are counted at all.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Token

from ..actors import Mention
from ..model import Actor, CountryFrom
from .lexicon import lexicon
from ..text import opening_dateline
from .args import MentionIndex, actors_at, is_weak, place_country

Lookup = Callable[[str], "str | None"]


class NameLookup:
    """Name -> actor code (the actor dictionary), plus, when the pipeline provides a
    gazetteer, name -> country of a place the actor dictionary does not know
    ("a mortar attack in *Kufa*")."""

    def __init__(self, actor_lookup: Lookup, place_country: Lookup | None = None) -> None:
        self.actor_lookup = actor_lookup
        self.place_country = place_country

    def __call__(self, name: str) -> str | None:
        return self.actor_lookup(name)


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _span_text(tok: Token) -> list[str]:
    """Candidate names for a place head: its entity, its compound name, the token."""
    out = []
    if tok.ent_type_:
        for e in tok.doc.ents:
            if e.start <= tok.i < e.end:
                out.append(e.text)
    comps = [c for c in tok.lefts if c.dep_ == "compound" and c.text[:1].isupper()]
    if comps:
        out.append(tok.doc[comps[0].i:tok.i + 1].text)
    out.append(tok.text)
    return out


def _country_of(tok: Token, lookup: Lookup) -> str | None:
    if not tok.text[:1].isupper():
        return None
    for name in _span_text(tok):
        code = lookup(name)
        if code and len(code) >= 3 and code[:3].isalpha() and code[:3].isupper():
            return code[:3]
    place_lookup = lookup.place_country if isinstance(lookup, NameLookup) else None
    if place_lookup is not None and (tok.ent_type_ in lexicon().place_entities or _locative(tok)):
        for name in _span_text(tok):
            c = place_lookup(name)
            if c:
                return c
    return None



def _locative(tok: Token) -> bool:
    """The name sits where only a place fits: "in/at/near X", "the town of X" (the small
    parser tags some Iraqi towns as people, so the entity label alone is not enough)."""
    h = tok.head
    if tok.dep_ != "pobj":
        return False
    if h.lower_ in ("in", "at", "near", "outside", "inside"):
        return True
    return h.lower_ == "of" and h.head.lemma_.lower() in lexicon().settlement_nouns


def token_mention(tok: Token, country: str, role: str | None, kind: str,
                  name: str | None = None, how: CountryFrom = CountryFrom.PLACE) -> Mention:
    """An actor the text implies at one token: a place's country, unknown attackers
    ("UAF"), an implied authority ("COP")."""
    return Mention(tok.i, tok.i + 1, Actor(country + (role or ""), country, role,
                                           name=name or tok.text,
                                           span=(tok.idx, tok.idx + len(tok.text)),
                                           country_from=how), kind)


def _place_mention(tok: Token, country: str) -> Mention:
    return token_mention(tok, country, None, "place")


def pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of the prepositions ``preps`` hanging on ``tok``."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(o for o in c.children if o.dep_ == "pobj")
    return out


def dateline_country(doc: Doc, lookup: Lookup) -> Mention | None:
    """The country of the dateline opening the report ("KABUL (Reuters) -", "NAJAF, Iraq
    (Reuters) -", "GUWAHATI:"; the text stage recognises it): its region, else its place,
    looked up in the actor dictionary."""
    d = opening_dateline(doc)
    if d is None:
        return None
    c = lookup(d.place) or lookup(d.place.title())
    if d.region:
        c = lookup(d.region) or c
    if c and c[:3].isalpha() and c[:3].isupper():
        return token_mention(doc[d.place_tokens[1] - 1], c[:3], None, "place",
                             how=CountryFrom.DATELINE)
    return None


def named_place_token(tok: Token, lookup: Lookup) -> Mention | None:
    """The country of a place name at ``tok`` ("Panjgur", "the town of Kufa"), or None."""
    for cand in [tok] + pobjs(tok, ("of",)):
        c = _country_of(cand, lookup)
        if c:
            return _place_mention(cand, c)
    return None


def named_place(toks: list[Token | None], lookup: Lookup) -> Mention | None:
    """Country of an "in/inside/at/near/outside X" place (X an untagged city or capital) of
    the tokens, or of a "city of X" / "a checkpoint in X" under it, also through the
    target of an attack ("an attack *on a mosque in the town of Kufa*")."""
    compass = lexicon().compass_words  # "*north* of Kabul"
    for t in toks:
        if t is None:
            continue
        locs = ("in", "inside", "at", "near", "outside")
        starts = pobjs(t, locs)
        for o in pobjs(t, ("on", "against")):
            starts += pobjs(o, locs)
        for c in t.children:
            # "in Baqouba and *south of Baghdad*", "killed ... *north of Kabul*"
            heads = [x for x in c.children if x.dep_ == "conj"] if (
                c.dep_ == "prep" and c.lower_ in locs) else [c] if c.lower_ in compass else []
            for h in heads:
                starts += pobjs(h, ("of",))
        for o in starts:
            # "in the town of X", "in a village south of the city of X": the names under
            # the locative object, nearest first
            deeper = [x for x in o.subtree if x is not o and x.pos_ == "PROPN"
                      and x.dep_ in ("pobj", "compound", "appos")]
            for cand in [o] + pobjs(o, ("of", "in")) + deeper:
                c = _country_of(cand, lookup)
                if c:
                    return _place_mention(cand, c)
    return None


def _is_blast(t: Token) -> bool:
    """ "bomb", "explosion"; "attack" only with a device ("mortar attack", "suicide bomb attack")."""
    blasts = lexicon().blast_nouns
    if _lemma(t) in blasts or t.lower_ in blasts:
        return True
    return _lemma(t) in ("attack", "bombing") and any(
        c.dep_ in ("compound", "amod") and (_lemma(c) in blasts or c.lower_ in blasts
                                           or c.lower_ == "suicide") for c in t.children)


def _blast_of(tok: Token) -> Token | None:
    """The blast noun acting as agent around a trigger: the trigger itself when it is a
    blast noun, the subject of the trigger verb, or of the verb a participle hangs on."""
    if _is_blast(tok):
        return tok
    verb = tok
    if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head
    for c in verb.children:
        if c.dep_ == "agent":  # "were killed *by an improvised explosive device*"
            for x in c.children:
                if x.dep_ == "pobj" and _is_blast(x):
                    return x
        if c.dep_ == "nsubj":  # (a misparsed dateline leaves the blast as an apposition)
            for x in [c] + [a for a in c.children if a.dep_ == "appos"] + [o for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                            for o in p.children if o.dep_ == "pobj"]:
                if _is_blast(x):
                    return x
    return None


def _governing_verb(blast: Token) -> Token | None:
    """ "A car bomb exploded": exploded; "A string of bomb blasts rocked X": rocked."""
    t = blast
    for _ in range(3):
        if t.dep_ == "appos" and t.head.dep_ == "nsubj":
            t = t.head
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
            return t.head
        if t.dep_ == "pobj" and t.head.dep_ == "agent" and t.head.head.pos_ == "VERB":
            return t.head.head  # the passive verb whose agent the blast is
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of":
            t = t.head.head
            continue
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "by") and t.head.head.pos_ == "VERB" \
                and any(c.dep_ == "nsubjpass" for c in t.head.head.children):
            return t.head.head  # "people were killed in an explosion"
        break
    return None


def unattributed(trigger: Token, index: MentionIndex, lookup: Lookup, used: set[int],
                 dateline: Mention | None) -> tuple[Mention, list[Mention], Mention] | None:
    """(UAF source, targets, place) for an attack whose agent is a bomb/blast with no actor,
    or None.  ``used`` holds blast tokens already coded (one event per blast); the caller
    adds the blast (the source's token) once it coded an event from it."""
    blast = _blast_of(trigger)
    if blast is None or blast.i in used:
        return None
    if any(actors_at(x, index, depth=2) for x in [blast] + list(blast.children)
           if x.dep_ not in ("prep", "acl", "relcl")):
        return None  # "an Israeli airstrike", "a Hamas bomb": named, not ours
    lex = lexicon()
    if any(c.lower_ in lex.not_yet for c in blast.children if c.dep_ in ("amod", "det")):
        return None  # "the next rocket attack ... could reopen the cycle": not (yet) an event
    verb = _governing_verb(blast)
    if verb is None or _lemma(verb) not in lex.blast_predicates:
        return None  # "a car bomb exploded / killed ...", not "an attack could reopen ..."
    # place: "exploded in Mosul", "rocked Nagaland", "the Iraqi city of Fallujah", dateline
    place = place_country([verb, blast], index) or named_place([verb, blast], lookup)
    if place is None:
        for o in [c for c in verb.children if c.dep_ == "dobj"] + pobjs(verb, tuple(lex.site_hit_preps)):
            for cand in [o] + pobjs(o, ("in", "of")) + [x for x in o.subtree
                                                      if x.dep_ == "pobj"]:
                ms = index.at(cand.i)
                c = ms[0].actor.country if ms and not is_weak(ms[0]) and \
                    ms[0].kind in ("country", "capital") else _country_of(cand, lookup)
                if c:
                    place = _place_mention(cand, c)
                    break
            if place is not None:
                break
    if place is None:
        place = dateline
    if place is None:
        return None
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    # targets: the victims ("killing X", "wounding X", "hit X", passive subject); the site
    # ("near X", "outside X") when the victims have no country; the place names no victim
    tgts: list[Mention] = []
    harm = lex.blast_harm_verbs  # "killing X", "hit X", "wounding X"
    heads = [verb] + [c for c in verb.children if c.dep_ in ("advcl", "conj")
                      and _lemma(c) in harm]
    heads += [h for h in verb.subtree if h.tag_ == "VBG" and _lemma(h) in harm
              and h not in heads]
    for h in heads:
        if h is not verb or _lemma(verb) in harm:
            for o in h.children:
                if o.dep_ in ("dobj", "obj") or (passive and o.dep_ == "nsubjpass"):
                    tgts.extend(actors_at(o, index))
        if tgts:
            break
    if not tgts and _lemma(verb) in harm:
        # "killed at least 25 people as ...": a parse that hangs the victims elsewhere
        for i in range(verb.i + 1, min(verb.i + 7, verb.sent.end)):
            if index.at(i):
                tgts = list(index.at(i))
                break
            if verb.doc[i].pos_ in ("VERB", "AUX") or verb.doc[i].is_punct:
                break
    site = [x for o in pobjs(verb, tuple(lex.near_preps)) for x in actors_at(o, index)]
    if site and all(is_weak(x) for x in tgts):  # "near a U.S. patrol, wounding three soldiers"
        tgts = site
    elif site:  # "near a U.S. patrol ..., killing seven Iraqis": both were hit
        tgts = tgts + [x for x in site if x.actor.code not in {t.actor.code for t in tgts}]
    src = token_mention(blast, place.actor.country, "UAF", "unattributed")
    return src, tgts, place
