"""Replies to an accusation: "The Pentagon rejected *these accusations* as false".

``reply_to_accusation`` is a cascade step (``cascade.py``).  A rejection (CAMEO 12) or a
denial (016) whose object is an accusation or a claim (lexicon ``accusation_nouns``) is a
denial (016): the speaker denies what it is accused of.  When the object refers back ("these
accusations", "the charges", "such claims": a definite or demonstrative determiner) and
names no accuser, the denial answers the sources of the accusations and criticism already
coded in the document (CAMEO 11, other than the denier's own country) -- the latest
sentence that coded any.  A "suggestion that X *consider* ..." proposes, it claims nothing:
rejecting it stays a rejection.  An accusation named in the same phrase ("rejected accusations *by
Rwanda*") is left to the "agent of the object event" step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..actors import Mention
from .args import Arg, actors_at
from .lexicon import lexicon
from .matcher import objects_of

if TYPE_CHECKING:  # the cascade imports this module; only types flow back
    from .cascade import Candidate, Context

#: the CAMEO code of a denial
DENY = "016"
_REFERRING = frozenset({"the", "these", "those", "this", "that", "such"})


def _answered(accusers: list[Mention], own: set[str], doc) -> tuple[Mention, ...]:
    """The accusers (other than the denier's country) of the latest sentence that coded
    accusations by others."""
    others = [m for m in accusers if m.actor.country not in own]
    if not others:
        return ()
    last = doc[others[-1].start].sent.start
    out: list[Mention] = []
    for m in others:
        if doc[m.start].sent.start == last and all(x.actor.code != m.actor.code for x in out):
            out.append(m)
    return tuple(out)


def _proposal(noun: Token) -> bool:
    """ "suggestions *that it consider* talks": a content clause in the base form or with
    "should" proposes, it does not claim (a claim: "a suggestion that his government *was*
    lax")."""
    for cl in noun.children:
        if cl.dep_ in ("acl", "ccomp") and any(x.dep_ == "mark" and x.lower_ == "that"
                                               for x in cl.children):
            return cl.tag_ == "VB" or any(x.dep_ == "aux" and x.lower_ in ("should", "must")
                                          for x in cl.children)
    return False


def reply_to_accusation(c: "Candidate", ctx: "Context") -> bool:
    """Rejecting an accusation is a denial, aimed at the accusers (see the module doc)."""
    roles, m = c.roles, c.match
    if m.pattern.pos != "verb" or not (c.code[:2] == "12" or c.code == DENY):
        return False
    objs = objects_of(m.trigger)
    if not objs or objs[0].lemma_.lower() not in lexicon().accusation_nouns \
            and objs[0].lower_ not in lexicon().accusation_nouns:
        return False
    obj = objs[0]
    if _proposal(obj):
        return False
    changed = c.code != DENY
    c.code = DENY
    if roles.targets is None and roles.sources is not None and not actors_at(obj, ctx.index) \
            and any(d.dep_ in ("det", "poss") and d.lower_ in _REFERRING for d in obj.children):
        own = {x.actor.country for x in roles.sources.mentions}
        found = _answered(ctx.accusers, own, ctx.doc)
        if found:
            c.roles = replace(roles, targets=Arg(found, obj.i, False),
                              target_how=f"the accusers the '{obj.text}' refer back to")
            return True
    return changed
