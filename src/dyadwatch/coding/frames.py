"""Frames whose arguments the parse hangs outside the trigger's own slots (issue 11, the
codebook's own sentences).

* **Stranded agent** (``stranded_agent``): "Zambia was criticised over its treatment of
  refugees *by Malawi*", "the former president has been accused of misusing public funds *by
  government officials*": the parser attaches the by-phrase of a passive verbal act to the
  last word of its complement.  A gerund is active and a possessed noun already has its
  agent, so a "by" under either belongs to the passive verb: its agent, the source.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .args import Arg, actors_at, child, is_passive, is_weak
from .lexicon import lexicon

#: dependency labels the search for a stranded by-phrase goes down through (no clause
#: with its own subject or agent: "condemned the raids *carried out by X*" is X's raid)
_DOWN = frozenset({"prep", "pobj", "pcomp", "dobj"})


def _holds_own_agent(tok: Token) -> bool:
    """Could a "by" phrase under ``tok`` be ``tok``'s own agent?  A passive participle's
    or an unpossessed noun's (the event noun's agent: "the killing of X by Y"); not an
    active gerund ("accused of misusing funds by ...") nor a possessed noun ("its treatment
    of refugees by ...": the possessor is that noun's agent)."""
    if tok.pos_ in ("VERB", "AUX"):
        return is_passive(tok) or tok.tag_ == "VBN"
    if tok.pos_ in ("NOUN", "PROPN"):
        return not any(c.dep_ == "poss" for c in tok.children)
    return True


def _stranded_by(verb: Token) -> Token | None:
    """The object of the first "by" phrase under the passive ``verb``'s complements that
    no word on the way down can own (see ``_holds_own_agent``)."""
    todo = [c for c in verb.children if c.dep_ in ("prep", "dobj")]
    while todo:
        t = todo.pop(0)
        if t.dep_ == "prep" and t.lower_ == "by" and t.head.i != verb.i:
            if _holds_own_agent(t.head):
                continue
            obj = child(t, "pobj")
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not obj.ent_type_ in (
                    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL"):
                return obj
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children):
            continue
        todo.extend(c for c in t.children if c.dep_ in _DOWN)
    return None


def stranded_agent(c, ctx) -> bool:
    """A passive verbal act with no agent of its own takes the agent the parse hung on its
    complement (module docstring)."""
    m, roles = c.match, c.roles
    verb = m.trigger
    if (roles.sources is not None or m.pattern.pos != "verb" or not is_passive(verb)
            or child(verb, "agent") is not None
            or c.pattern_code[:2] not in lexicon().stranded_agent_roots):
        return False
    obj = _stranded_by(verb)
    if obj is None:
        return False
    found = actors_at(obj, ctx.index)
    if roles.targets is not None:
        tgt = {(x.start, x.end) for x in roles.targets.mentions}
        found = tuple(x for x in found if (x.start, x.end) not in tgt)
    if not found or all(is_weak(x) for x in found):
        return False
    c.roles = replace(roles, sources=Arg(found, obj.i, False),
                      source_how=f"'by' phrase hung on the complement of '{verb.text}'")
    return True


def _about(c, ctx) -> list[Token]:
    """What the act is about: the trigger noun's "into/of" object, a light verb's or the
    trigger verb's object and its "into/of" object."""
    m = c.match
    heads = [m.trigger] + ([m.anchor] if m.anchor is not m.trigger else [])
    out: list[Token] = []
    for h in heads:
        out += [o for o in h.children if o.dep_ == "dobj" and o.i != m.trigger.i]
        out += [o for p in h.children if p.dep_ == "prep" and p.lower_ in lexicon().about_preps
                for o in p.children if o.dep_ == "pobj"]
    return out


def agent_of_the_act(c, ctx) -> bool:
    """ "launched an investigation into crimes *committed by X*", "condemned the raids
    *carried out by X*": an investigation (09) or a reaction (11, 12) naming no one is
    aimed at the agent that the participle describing what it is about names."""
    roles = c.roles
    if roles.targets is not None or roles.sources is None \
            or c.pattern_code[:2] not in lexicon().about_an_act_roots:
        return False
    own = {x.actor.country for x in roles.sources.mentions}
    for thing in _about(c, ctx):
        if ctx.index.at(thing.i):
            continue
        for part in thing.children:
            if part.dep_ not in ("acl", "relcl") or part.tag_ != "VBN":
                continue
            for g in part.children:
                if g.dep_ != "agent":
                    continue
                obj = child(g, "pobj")
                found = actors_at(obj, ctx.index) if obj is not None else ()
                found = tuple(x for x in found if not is_weak(x) and x.actor.country not in own)
                if found:
                    c.roles = replace(roles, targets=Arg(found, obj.i, False),
                                      target_how=f"agent of the '{thing.text}' "
                                                 f"'{part.text}' by them")
                    return True
    return False
