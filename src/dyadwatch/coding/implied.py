"""Attackers the text implies but does not name.

``implied_attacker`` is a cascade step (``cascade.py``) for harm told in the passive with
no agent: "Two employees of a British charity were killed in Sudan's Darfur region",
"two French reporters still held hostage in Iraq", "three UN workers kidnapped last month"
(with a Kabul dateline).  The victims are named, the attacker is not; the news_events
convention (as for a bomb with no named attacker, ``unattributed.py``) codes the act with
an unidentified armed actor (UAF) of the country where it happened, so that it is counted.

The rule is stated over the construction, never over words:

* the trigger is a verb of force (CAMEO roots 18-20) in the passive, or a bare participle
  describing its victims ("workers *kidnapped* last month"), and no agent is named;
* the victims are actors (the passive subject, or the noun the participle describes);
* the place is named around the verb (or its coordinated verbs), else the wire dateline;
  it must be a state's country (an IGO or a region is no home for armed men);
* the sentence does not name the attacker some other way: no actor inside the verb's
  "in / by / during" phrase ("killed in an *Israeli* airstrike": the noun's event) and no
  actor-subject clause attached to it ("killed ... as *Israel's army* struck back");
* the document has not already coded a violent event nor named an attack noun (a
  passive after it most often goes on telling that event: "Israeli troops raided Jenin.
  Two militants were killed."; "protested against missile strikes ... nine people had been
  killed"); the coder drops an implied attacker's event when one of the next two
  sentences codes an attack by a named actor on the same country (``coder.py``).

When the noun the harm happened in names its own agent ("were killed in a jail break
attempt *by al Qaeda inmates*", "killed in *Israeli* tank shelling"), that agent is the
source, not an unidentified one.

A blast in the verb's phrase ("were killed in an *explosion*") makes the act a bombing
(the ``bombing`` code step turns 190 into 183).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..actors.coref import country_of
from .argtypes import argtypes
from .headline import is_headline
from .args import Arg, actors_at, is_passive, is_weak, place_country, with_country
from .lexicon import lexicon
from .unattributed import named_place, named_place_token, token_mention

if TYPE_CHECKING:  # the cascade imports this module; only types flow back
    from .cascade import Candidate, Context

#: roots of force whose passive victims imply an attacker
_FORCE_ROOTS = ("18", "19", "20")
#: prepositions whose object may name the event that did the harm
_EVENT_PREPS = ("in", "by", "during", "amid")


def _bare_participle(verb: Token) -> bool:
    """ "three UN workers *kidnapped* last month": a past participle describing a noun."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN")


def _no_agent(verb: Token) -> bool:
    return not any(c.dep_ == "agent" for c in verb.children)


def _not_yet(verb: Token) -> bool:
    """ "would be killed", "to be kidnapped": nothing has happened (yet)."""
    not_done = lexicon().not_done_aux
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in not_done for c in verb.children)


def _event_phrases(verb: Token) -> list[Token]:
    """Objects of the verb's "in / by / during / amid" phrases."""
    return [o for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in _EVENT_PREPS
            for o in p.children if o.dep_ in ("pobj", "pcomp")]


def _armed(m) -> bool:
    lex = lexicon()
    role = m.actor.role or ""
    return not is_weak(m) and (role in lex.security_roles or role in lex.group_roles)


def _event_noun(tok: Token, ctx: "Context") -> bool:
    """A noun telling an event ("shelling", "raid", "explosion"), not a place."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if lemma in lex.blast_nouns or lemma in lex.event_nouns:
        return True
    if tok.tag_ in ("NN", "VBG") and tok.lower_.endswith("ing"):  # "tank shelling", "a shooting"
        return True
    return ctx.patterns is not None and bool(ctx.patterns.candidates("noun", lemma))


def _phrase_agent(heads: list[Token], ctx: "Context", victims: set[int]
                  ) -> tuple[Token, tuple] | None:
    """Who the noun the harm happened in names as its doer: its "by" agent ("were killed
    in a jail break attempt *by al Qaeda inmates*"), or, for an event noun, its own
    modifier ("killed in *Israeli* tank shelling"); never the victims."""
    index = ctx.index
    for h in heads:
        for o in _event_phrases(h):
            cands = [a for p in o.children if p.dep_ == "prep" and p.lower_ == "by"
                     for a in p.children if a.dep_ == "pobj"]
            if _event_phrase_is_event(o, h, ctx):
                # (the parse may make the modifier the phrase's object: "in *Israeli* |
                # shelling")
                cands += [o] + [x for x in o.children
                                if x.dep_ in ("amod", "compound", "poss", "nmod")]
            for a in cands:
                ms = tuple(x for x in actors_at(a, index, depth=1) if x.start not in victims)
                if ms:
                    return a, ms
    return None


def _place_outside_events(heads: list[Token], ctx: "Context"):
    """The place of the harm from the verbs' place phrases that are not the event noun's
    ("killed in Israeli shelling *in the east of Gaza City*"), or None."""
    preps = lexicon().place_preps
    # (with the split event noun's own phrases: "in Israeli tank | shelling *in the east*")
    heads = heads + [x for h in heads for x in h.children
                     if x.dep_ == "advcl" and _event_noun(x, ctx)]
    for h in heads:
        for p in h.children:
            if p.dep_ != "prep" or p.lower_ not in preps:
                continue
            for o in p.children:
                if o.dep_ != "pobj" or _event_phrase_is_event(o, h, ctx):
                    continue
                ms = [x for x in actors_at(o, ctx.index, depth=2)
                      if not is_weak(x) and x.actor.country and country_of(x.actor.country)]
                if ms:
                    return ms[0]
                found = named_place_token(o, ctx.names)
                if found is not None:
                    return found
    return None


def _event_phrase_is_event(o: Token, verb: Token, ctx: "Context") -> bool:
    """Is the object of the verb's "in/by/during" phrase an event noun?  (A parse may
    split one: "in Israeli *tank* | *shelling*".)"""
    nxt = o.doc[o.i + 1] if o.i + 1 < o.sent.end else o
    return _event_noun(o, ctx) or (nxt.head.i == verb.i and _event_noun(nxt, ctx))


def _hazard(verb: Token, ctx: "Context") -> bool:
    """ "killed in a bus crash", "died in floods": an accident or a natural hazard did it
    (the argument-type table's ``hazard`` type), no attacker at all."""
    table = argtypes()
    return any(table.is_a(o, "hazard", ctx.index) or any(
        x.dep_ == "compound" and table.is_a(x, "hazard", ctx.index) for x in o.children)
        for o in _event_phrases(verb))


def _named_elsewhere(verb: Token, ctx: "Context", victims: set[int]) -> bool:
    """Does the sentence name who did it: an actor inside an event noun of the verb's
    "in / by / during" phrase ("killed in *Israeli* tank shelling"; a place, "in Sudan's
    Darfur region", is no event), or an armed actor (forces, police, insurgents, rebels)
    as the subject of another clause of the sentence ("..., as Israel's *army* struck
    back")?"""
    index = ctx.index
    for o in _event_phrases(verb):
        # the event's own modifiers and "by" agent ("*Israeli* tank shelling", "a raid *by
        # police*"), not a place or a clause deeper down ("an explosion that hit a hotel
        # in the *Iraqi* city of Tikrit")
        own = [o] + [x for x in o.children if x.dep_ in ("amod", "compound", "poss", "nmod")]
        own += [x for p in o.children if p.dep_ == "prep" and p.lower_ == "by"
                for x in p.children if x.dep_ == "pobj"]
        if _event_phrase_is_event(o, verb, ctx) and any(actors_at(x, index, depth=1) for x in own):
            return True
    for t in verb.sent:
        if t.i == verb.i or t.pos_ not in ("VERB", "AUX"):
            continue
        for s in t.children:
            if s.dep_ in ("nsubj", "agent") and any(
                    _armed(m) and m.start not in victims for m in actors_at(s, index)):
                return True
    return False


def _blast_phrase(verb: Token) -> bool:
    """ "killed *in an explosion*", "wounded *when a bomb* ripped through ...": the harm
    was done by a blast."""
    blasts = lexicon().blast_nouns
    toks = _event_phrases(verb) + [s for c in verb.children if c.dep_ == "advcl"
                                   for s in c.children if s.dep_ == "nsubj"]
    return any(t.lemma_.lower() in blasts or t.lower_ in blasts
               or any(x.dep_ == "compound" and x.lower_ in blasts for x in t.children)
               for t in toks)


def _attack_told_before(verb: Token, ctx: "Context") -> bool:
    """Has the document named an attack before this clause ("summoned the envoy to protest
    against missile *strikes* ... nine people had been killed"), coded or not?  The
    victims are then that attack's, whose doer the text gave."""
    lex = lexicon()
    nouns = lex.event_nouns | lex.blast_nouns
    start = 0
    sents = ctx.sentences
    if sents and is_headline(ctx.doc, sents, ctx.document):
        # a headline restates the lead ("Militia leader killed in blast."): not before it
        span = ctx.doc.char_span(sents[0].start, sents[0].end, alignment_mode="expand")
        start = span.end if span is not None else 0
    return any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in ctx.doc[start:verb.i]
               if t.pos_ in ("NOUN", "PROPN"))


def _headline_without_place(verb: Token, ctx: "Context") -> bool:
    """A headline ("Hamas official killed in blast.") names no place of its own: the
    dateline belongs to the lead after it, which tells the act more fully."""
    sents = ctx.sentences
    if not sents or verb.idx >= sents[0].end or not is_headline(ctx.doc, sents, ctx.document):
        return False
    toks = [verb] + [x for x in verb.children if x.dep_ in ("dobj", "oprd", "conj")]
    return place_country(toks, ctx.index) is None and named_place(toks, ctx.names) is None


def implied_attacker(c: "Candidate", ctx: "Context") -> bool:
    """The cascade step: an unidentified armed actor of the place's country attacked the
    named victims of a passive verb of force (see the module doc)."""
    roles, m = c.roles, c.match
    verb = m.trigger
    if (roles.sources is not None or m.pattern.pos != "verb"
            or c.pattern_code[:2] not in _FORCE_ROOTS or m.anchor.i != verb.i):
        return False
    participle = _bare_participle(verb)
    if not (is_passive(verb) or participle) or not _no_agent(verb) or _not_yet(verb):
        return False
    targets = roles.targets
    if targets is None and participle:
        found = actors_at(verb.head, ctx.index)
        targets = Arg(found, verb.head.i, False) if found else None
    if targets is None:
        return False
    if ctx.recent or _attack_told_before(verb, ctx):
        return False  # an attack already told: this passive most often goes on telling it
    if _headline_without_place(verb, ctx):
        return False
    victims = {x.start for x in targets.mentions}
    heads = [verb] + [x for x in verb.children if x.dep_ == "conj" and x.pos_ == "VERB"]
    agent = _phrase_agent(heads, ctx, victims)
    if agent is not None:  # "killed in a jail break attempt *by al Qaeda inmates*"
        tok, ms = agent
        if any(is_weak(x) for x in targets.mentions):
            # country-less victims would take the country the event phrase names (the
            # attacker's, "in *Israeli* shelling") for their place: they take the place
            # named outside the event phrase ("in the east of Gaza City"), else stay uncoded
            place = _place_outside_events(heads, ctx)
            if place is None:
                return False
            targets = Arg(tuple(with_country(x, place.actor.country) if is_weak(x) else x
                                for x in targets.mentions), targets.head, targets.direct)
        c.roles = replace(roles, sources=Arg(ms, tok.i, False), targets=targets,
                          source_how=f"'{tok.text}', named by the event the harm "
                                     f"('{verb.text}') happened in")
        return True
    if any(_named_elsewhere(h, ctx, victims) or _hazard(h, ctx) for h in heads):
        return False
    # the place: "killed *in Sudan's Darfur region*", "held hostage *in Iraq*" (on the
    # object the parse hangs it on), the coordinated verb's or the "when" clause's ("when
    # his car exploded *in Damascus*"), else the dateline
    toks = heads + [x for x in verb.children if x.dep_ in ("dobj", "oprd", "advcl")]
    place = place_country(toks, ctx.index) or named_place(toks, ctx.names) or ctx.dateline
    country = place.actor.country if place is not None else None
    if not country or not country_of(country):
        return False
    src = token_mention(verb, country, "UAF", "implied",
                        name=f"(unidentified attackers) {verb.text}")
    c.roles = replace(roles, sources=Arg((src,), verb.i, False), targets=targets,
                      source_how=f"unidentified attackers in {country} (passive '{verb.text}',"
                                 " no agent named)",
                      target_how=roles.target_how if roles.targets is not None
                      else f"the victims the participle '{verb.text}' describes")
    c.as_bombing = c.as_bombing or any(_blast_phrase(h) for h in heads)
    return True
