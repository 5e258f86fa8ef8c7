"""Pronoun subjects the actor stage left unresolved, resolved for the coder's roles.

The actor stage's coreference (``actors/coref.py``) resolves "it", "the country", "the
government" to a *country*; a pronoun standing for a person or a group ("*He* met the
Afghan president", "The rebels seized two towns.  *They* attacked an army base") is left
without an actor, and the trigger it is the subject of gives no event.

``pronoun_subject`` is a cascade step (``cascade.py``): when the trigger's subject is such
a pronoun, its antecedent is the nearest earlier *subject* (the subject of a clause, in
the same sentence before the pronoun or in the two sentences before) that names an actor
of the pronoun's kind:

* "he" / "she": a person, or an office held by one ("the minister"), singular;
* "they": a plural noun ("the rebels", "Kurdish fighters") or coordinated actors;
* "it": a country, a capital, an organisation, singular and not a person.

A subject actor of the wrong kind in between stops nothing; an earlier subject naming no
actor is passed over.  The evidence says the source came from the pronoun's antecedent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..actors import Mention
from .args import Arg, MentionIndex, actors_at, verb_subject

if TYPE_CHECKING:  # the cascade imports this module; only types flow back
    from .cascade import Candidate, Context

#: how many sentences before the pronoun's own an antecedent may stand in
LOOKBACK = 2
_PERSONAL = frozenset({"he", "she"})
_PERSON_KINDS = frozenset({"person", "office", "agent"})
_THING_KINDS = frozenset({"country", "capital", "igo", "group", "compound"})


def _head(m: Mention, tok: Token) -> Token:
    return tok.doc[m.end - 1]


def _agrees(pron: str, subj: Token, ms: tuple[Mention, ...]) -> bool:
    """Does the subject ``subj`` (naming ``ms``) fit the pronoun?"""
    heads = [_head(m, subj) for m in ms]
    plural = len(ms) > 1 or any(h.tag_ in ("NNS", "NNPS") for h in heads)
    if pron in _PERSONAL:
        return not plural and any(m.kind in _PERSON_KINDS or h.ent_type_ == "PERSON"
                                  for m, h in zip(ms, heads))
    if pron == "they":
        return plural
    # "it": a state or an organisation, never a person
    return not plural and all(m.kind in _THING_KINDS and h.ent_type_ != "PERSON"
                              for m, h in zip(ms, heads))


def antecedent(pron: Token, index: MentionIndex) -> tuple[Token, tuple[Mention, ...]] | None:
    """The nearest earlier subject naming actors of the pronoun's kind, or None."""
    doc = pron.doc
    first = pron.sent.start
    for _ in range(LOOKBACK):  # the start of the sentence LOOKBACK sentences before
        if first == 0:
            break
        first = doc[first - 1].sent.start
    word = pron.lower_
    for i in range(pron.i - 1, first - 1, -1):
        tok = doc[i]
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON":
            continue
        ms = actors_at(tok, index)  # a country-less "the rebels" is still the referent
        if ms and _agrees(word, tok, ms):
            return tok, ms
    return None


def pronoun_subject(c: "Candidate", ctx: "Context") -> bool:
    """A trigger whose subject is an unresolved "he/she/they/it" takes the nearest earlier
    subject actor of the pronoun's kind as its source (see the module doc)."""
    roles, m = c.roles, c.match
    if roles.sources is not None:
        return False
    verb = m.trigger if m.pattern.pos == "verb" else (m.anchor if m.anchor is not m.trigger
                                                       else None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    subj, own = verb_subject(verb)
    if (subj is None or subj.lower_ not in _PERSONAL | {"they", "it"}
            or subj.dep_ not in ("nsubj",) or ctx.index.at(subj.i)):
        return False
    found = antecedent(subj, ctx.index)
    if found is None:
        return False
    tok, ms = found
    if roles.targets is not None and {x.actor.code for x in ms} <= {
            x.actor.code for x in roles.targets.mentions}:
        return False  # "Kabul said it ..." where the target is Kabul itself
    c.roles = replace(roles, sources=Arg(ms, subj.i, own),
                      source_how=f"'{subj.text}': the earlier subject '{tok.text}'")
    return True
