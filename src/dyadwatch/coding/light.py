"""Light verbs of receiving: the subject undergoes the act the event noun names.

"The United States *faced* Palestinian *criticism*", "the Israeli army *drew* sharp
*criticism from Egypt*", "the government *faced protests by* thousands of workers",
"Afghan police *came under attack from* Taliban fighters": the subject of the verb does
not act, it receives the act.  The giver is the noun's "from" / "by" object (or the
verb's), else the actor the noun's own modifier names ("*Palestinian* criticism"); the
receiver, the verb's subject, is the target.

``received_event`` is a cascade step (``cascade.py``), the first of the role steps:

* a noun pattern whose noun is the object of a receiving verb (lexicon
  ``receiving_verbs``: face, draw, receive, suffer ...) or the object of "under" ("came
  under fire", "is under attack") gets those roles; with no giver named it gives no
  event (the receiver is not the actor);
* a verb pattern on the receiving verb itself (a dictionary's "faced criticism" read as
  the subject criticising; any object with a "from" giver, "faces pressure *from
  Congress*") gives way to the event noun's own pattern when the noun has
  one (``Candidate.no_event``), else takes the same roles.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..actors import Mention
from .args import Arg, MentionIndex, actors_at, child, verb_subject
from .lexicon import lexicon

if TYPE_CHECKING:  # the cascade imports this module; only types flow back
    from .cascade import Candidate, Context

#: the "no event" reason of a dictionary verb that gives way to its object noun's pattern
GIVES_WAY = "received.noun_codes_it"
_GIVER_PREPS = ("from", "by")
_MODIFIER_DEPS = ("amod", "poss", "compound", "nmod")


def _receiving_governor(noun: Token) -> Token | None:
    """The verb whose subject receives the act ``noun`` names, or None: "faced *criticism*",
    "came under *attack*"."""
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() in lexicon().receiving_verbs:
        return head
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _event_noun(tok: Token, ctx: "Context") -> bool:
    lemma = tok.lemma_.lower()
    return lemma in lexicon().event_nouns or (
        ctx.patterns is not None and bool(ctx.patterns.candidates("noun", lemma)))


def _given(noun: Token, index: MentionIndex) -> bool:
    """Does the noun name a giver in a "from" phrase ("pressure *from Congress*")?"""
    return any(p.dep_ == "prep" and p.lower_ == "from" and any(
        o.dep_ == "pobj" and actors_at(o, index) for o in p.children) for p in noun.children)


def _giver(noun: Token, gov: Token, index: MentionIndex, receiver: set[str]
           ) -> tuple[tuple[Mention, ...], Token, str] | None:
    """Who does the act: the "from / by" object of the noun or the verb, else the actor of
    the noun's own modifier ("*Palestinian* criticism"); never the receiver."""
    for t in (noun, gov):
        for p in t.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in _GIVER_PREPS:
                for o in p.children:
                    if o.dep_ == "pobj":
                        ms = tuple(x for x in actors_at(o, index) if x.actor.code not in receiver)
                        if ms:
                            return ms, o, f"'{p.lower_}' object of '{t.text}'"
    for c in noun.children:
        if c.dep_ in _MODIFIER_DEPS:
            ms = tuple(x for x in actors_at(c, index, depth=1) if x.actor.code not in receiver)
            if ms:
                return ms, c, f"{c.dep_} of the received '{noun.text}'"
    return None


def _received_roles(c: "Candidate", ctx: "Context", noun: Token, gov: Token) -> bool:
    subj, own = verb_subject(gov)
    rec = actors_at(subj, ctx.index) if subj is not None else ()
    if not rec:
        return False
    receiver = {x.actor.code for x in rec}
    giver = _giver(noun, gov, ctx.index, receiver)
    how = f"the subject of '{gov.text}', who receives the '{noun.text}'"
    if giver is None:
        c.roles = replace(c.roles, sources=None, targets=Arg(rec, subj.i, own),
                          source_how=f"none (the '{noun.text}' the subject received names no "
                                     "giver)", target_how=how)
        return True
    ms, tok, g_how = giver
    c.roles = replace(c.roles, sources=Arg(ms, tok.i, False), targets=Arg(rec, subj.i, own),
                      source_how=g_how, target_how=how, pairs_between=False)
    return True


def received_event(c: "Candidate", ctx: "Context") -> bool:
    """The receiver of an event noun is the target, its giver the source (module doc)."""
    m = c.match
    if m.pattern.pos == "noun":
        gov = _receiving_governor(m.trigger)
        return gov is not None and _received_roles(c, ctx, m.trigger, gov)
    verb = m.trigger
    if verb.lemma_.lower() not in lexicon().receiving_verbs:
        return False
    obj = child(verb, "dobj")
    if obj is None or actors_at(obj, ctx.index, depth=0):
        return False
    if not (_event_noun(obj, ctx) or _given(obj, ctx.index)):
        return False
    if ctx.patterns is not None and ctx.patterns.candidates("noun", obj.lemma_.lower()):
        c.no_event = GIVES_WAY  # "faced criticism": the noun's own pattern codes it
        return True
    return _received_roles(c, ctx, obj, verb)
