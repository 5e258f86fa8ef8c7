"""Frames whose arguments the parse hangs outside the trigger's own slots (issue 11, the
codebook's own sentences).

* **Stranded agent** (``stranded_agent``): "Zambia was criticised over its treatment of
  refugees *by Malawi*", "the former president has been accused of misusing public funds *by
  government officials*": the parser attaches the by-phrase of a passive verbal act to the
  last word of its complement.  A gerund is active and a possessed noun already has its
  agent, so a "by" under either belongs to the passive verb: its agent, the source.
* **Request frame** (``request_frame``): "Kenya wants Uganda to hand over the suspects": a
  verb of wanting (lexicon ``request_verbs``) with an object and an infinitive is an appeal
  (CAMEO 02) from its subject to its object.  The 02x codes mirror the 03x intents one for
  one (0211/0311 economic cooperation ... 0253/0353 release, 026/036 meeting), so what is
  asked gives the sub-code through the intent table; a hostile act asked for is a plain
  appeal (020).  The wanting verb becomes the event's trigger, so the modality stage judges
  the request (asserted), not the act asked for.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..errors import ConfigError
from .args import Arg, actors_at, child, is_passive, is_weak, verb_subject
from .codebook import lookup
from .intent import intent_table
from .lexicon import lexicon
from .matcher import lemma_of

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


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def appeal_code(code: str) -> str:
    """The appeal (02x) asking for an act of ``code``: the parallel of its intent code
    (03x -> 02x), else the plain appeal (020)."""
    stated = intent_table().code_for(code)
    if stated is None and code[:2] == "03":
        stated = code
    if stated is not None and stated.startswith("03"):
        cand = "02" + stated[2:]
        try:
            lookup(cand)
            return cand
        except ConfigError:
            return "020"
    return "020"


def request_frame(c, ctx) -> bool:
    """ "X wants Y to do Z": an appeal from X to Y for Z (module docstring)."""
    m = c.match
    anchor = m.anchor
    if anchor.pos_ != "VERB" or anchor.dep_ not in ("xcomp", "ccomp") or c.code[:2] == "02" \
            or not any(a.dep_ == "aux" and a.lower_ == "to" for a in anchor.children):
        return False
    gov = anchor.head
    if lemma_of(gov) not in lexicon().request_verbs or _negated(gov) or is_passive(gov):
        return False
    # "wants Uganda to hand over": the parser reads the one asked as the object of the
    # wanting verb (xcomp) or as the subject of a "to" clause (ccomp)
    obj = child(gov, "dobj") if anchor.dep_ == "xcomp" else child(anchor, "nsubj")
    subj, _ = verb_subject(gov)
    if obj is None or subj is None:
        return False
    asked, asking = actors_at(obj, ctx.index), actors_at(subj, ctx.index)
    if not asked or not asking or all(is_weak(x) for x in asked):
        return False
    c.roles = replace(c.roles, sources=Arg(asking, subj.i, False),
                      targets=Arg(asked, obj.i, True),
                      source_how=f"subject of '{gov.text}' (a request)",
                      target_how=f"the one '{gov.text}' asks to act")
    c.intent_of, c.code, c.statement = c.pattern_code, appeal_code(c.code), gov
    return True
