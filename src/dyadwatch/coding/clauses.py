"""Arguments found in the clauses that describe a trigger's own arguments.

Two cascade steps (``cascade.py``) read a relative or participle clause hanging on a noun
the parse gave the trigger, to find an actor the trigger's own slots do not name:

* ``object_author``: a reaction to a thing someone did ("condemned the measures *taken by
  some EU countries*", "criticized the decision *that Israel announced*", "welcomed the
  ceasefire *agreed by Mali and Niger*") is aimed at whoever did it: the agent of the
  participle, or the subject of the relative clause, describing the object;
* ``holder_releases``: a release told in the passive with no agent ("two hostages *who
  had been held by the Taliban* were released") is the act of whoever held them: the
  agent of the clause describing the released.

* ``noun_infinitive_subject``: an infinitive describing a noun ("its decision *to expel*
  Oxfam", "Kenya announced a plan *to deport* ...", "Russia's attempt *to isolate* ...")
  has the subject of the noun: its possessor, else the subject of the verb whose object
  the noun is -- for nouns of one's own act (lexicon ``own_act_nouns``), not for nouns of
  asking or pressing ("pressure *to help* X": the one pressed helps).

* ``matrix_subject``: a verb coordinated with the verb of a reported clause whose subject
  is no actor ("The United States declared that *the violence* amounted to genocide *and
  urged* the world to ...": the parse hangs "urged" on "amounted") is the act of the
  reporting verb's subject.

* ``appeal_addressee``: an appeal is addressed to its object; when the object names no
  actor ("urged *the world* to back an African force"), the actors of the content clause
  are what is asked for, not whom: no target (an appeal to the world, as CAMEO codes it).

All are stated over the construction (a clause on the argument noun), not over words;
the roots of reactions are listed here, the verbs of holding in the lexicon-free test
"the describing clause is passive with a 'by' agent".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .args import Arg, MentionIndex, actors_at, child, is_passive, verb_subject
from .lexicon import lexicon
from .matcher import objects_of

if TYPE_CHECKING:  # the cascade imports this module; only types flow back
    from .cascade import Candidate, Context

#: roots of reactions to another's act: support and praise (05), criticism and
#: accusation (11), rejection (12), threats (13)
_REACTION_ROOTS = ("05", "11", "12", "13")
#: codes of a release (of persons, property ...): the holder is the releaser
_RELEASE_CODES = ("084",)


def _agent(verb: Token) -> Token | None:
    """The object of a passive clause's "by" agent ("taken *by* some EU countries")."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            o = child(c, "pobj")
            if o is not None:
                return o
    return None


def clause_actor(noun: Token, index: MentionIndex) -> tuple[Token, str] | None:
    """The actor a clause describing ``noun`` names as its doer: the "by" agent of a
    participle or passive relative clause ("the move *announced by Washington*", "hostages
    *who had been held by the Taliban*"), or the subject of an active relative clause whose
    object the noun is ("the decision *that Israel announced*")."""
    relatives = lexicon().relative_pronouns
    for cl in noun.children:
        if cl.dep_ not in ("acl", "relcl") or cl.pos_ not in ("VERB", "AUX"):
            continue
        if cl.tag_ == "VBN" or is_passive(cl):
            ag = _agent(cl)
            if ag is not None and actors_at(ag, index):
                return ag, f"agent of '{cl.text}' describing '{noun.text}'"
            continue
        if cl.dep_ == "relcl" and cl.tag_ != "VBG":
            subj = child(cl, "nsubj")
            if subj is not None and subj.lower_ not in relatives and actors_at(subj, index):
                return subj, f"subject of '{cl.text}' describing '{noun.text}'"
    return None


def _reduced_complement(verb: Token, index: MentionIndex) -> tuple[Token, str] | None:
    """ "welcomed the ceasefire agreed by Mali and Niger", parsed as a clausal complement
    ("the ceasefire" its subject, "agreed" a bare participle): the participle's agent."""
    for cl in verb.children:
        if (cl.dep_ == "ccomp" and cl.tag_ == "VBN"
                and not any(x.dep_ in ("aux", "auxpass") for x in cl.children)):
            subj = child(cl, "nsubj", "nsubjpass")
            ag = _agent(cl)
            if subj is not None and not actors_at(subj, index) and ag is not None \
                    and actors_at(ag, index):
                return ag, f"agent of '{cl.text}' describing '{subj.text}'"
    return None


def object_author(c: "Candidate", ctx: "Context") -> bool:
    """A reaction (support, criticism, rejection, threat) whose object names no actor but is
    described by a clause naming its doer is aimed at the doer (see the module doc)."""
    roles, m = c.roles, c.match
    if (roles.targets is not None or roles.sources is None or m.pattern.pos != "verb"
            or c.pattern_code[:2] not in _REACTION_ROOTS):
        return False
    objs = objects_of(m.trigger)
    if is_passive(m.trigger):
        return False
    if objs:
        found = None if actors_at(objs[0], ctx.index) else clause_actor(objs[0], ctx.index)
    else:
        found = _reduced_complement(m.trigger, ctx.index)
    if found is None:
        return False
    tok, how = found
    own = {x.actor.code for x in roles.sources.mentions}
    ms = tuple(x for x in actors_at(tok, ctx.index) if x.actor.code not in own)
    if not ms:
        return False
    c.roles = replace(roles, targets=Arg(ms, tok.i, False), target_how=how)
    return True


def holder_releases(c: "Candidate", ctx: "Context") -> bool:
    """A passive release with no agent: the source is the agent of the clause describing
    the released ("hostages who had been held by the Taliban were released")."""
    roles, m = c.roles, c.match
    verb = m.trigger
    if (roles.sources is not None or m.pattern.pos != "verb"
            or not c.pattern_code.startswith(_RELEASE_CODES) or not is_passive(verb)
            or child(verb, "agent") is not None):
        return False
    subj = child(verb, "nsubjpass")
    if subj is None:
        return False
    found = clause_actor(subj, ctx.index)
    if found is None:
        return False
    tok, how = found
    return _source_from(c, ctx, tok, f"the holder: {how}")


def _noun_owner(noun: Token, index: MentionIndex) -> tuple[Token, str] | None:
    """Who a noun belongs to: its possessor ("*its* decision", "*Russia's* attempt"),
    else the subject of the verb it is the object of ("*Kenya* announced a plan")."""
    for c in noun.children:
        if c.dep_ == "poss" and actors_at(c, index):
            return c, f"possessor of '{noun.text}'"
    gov = noun.head
    if noun.dep_ == "dobj" and gov.pos_ in ("VERB", "AUX") and not is_passive(gov):
        subj = child(gov, "nsubj")
        if subj is not None and actors_at(subj, index):
            return subj, f"subject of '{gov.text}', whose '{noun.text}' it is"
    return None


def noun_infinitive_subject(c: "Candidate", ctx: "Context") -> bool:
    """An infinitive describing a noun takes the noun's owner as its subject (see the
    module doc); the modality stage judges whether the act took place."""
    roles, m = c.roles, c.match
    verb = m.trigger
    if (roles.sources is not None or m.pattern.pos != "verb" or verb.dep_ != "acl"
            or verb.head.pos_ != "NOUN"
            or verb.head.lemma_.lower() not in lexicon().own_act_nouns
            or not any(x.dep_ == "aux" and x.lower_ == "to" for x in verb.children)):
        return False
    found = _noun_owner(verb.head, ctx.index)
    if found is None:
        return False
    tok, how = found
    return _source_from(c, ctx, tok, how)


def _tense(verb: Token) -> str:
    """ "past" (VBD, or a perfect's VBN: "had failed") or "present"."""
    return "past" if verb.tag_ in ("VBD", "VBN") else "present"


def matrix_subject(c: "Candidate", ctx: "Context") -> bool:
    """A verb coordinated into a reported clause whose subject names no actor takes the
    reporting verb's subject (see the module doc)."""
    roles, m = c.roles, c.match
    verb = m.trigger
    if roles.sources is not None or m.pattern.pos != "verb" or verb.dep_ != "conj":
        return False
    if any(x.dep_ in ("nsubj", "nsubjpass") for x in verb.children):
        return False
    head = verb.head
    inner = child(head, "nsubj", "nsubjpass")
    if head.dep_ != "ccomp" or inner is None or actors_at(inner, ctx.index):
        return False
    if _tense(head) != _tense(verb):  # "declared that X amounted ... and urged": one tense
        return False
    subj, _ = verb_subject(head.head)
    ms = actors_at(subj, ctx.index) if subj is not None else ()
    if roles.targets is not None:
        tgt = {x.actor.code for x in roles.targets.mentions}
        ms = tuple(x for x in ms if x.actor.code not in tgt)
    if not ms:
        return False
    c.roles = replace(roles, sources=Arg(ms, subj.i, False),
                      source_how=f"subject of '{head.head.text}' ('{verb.text}' is coordinated "
                                 f"into its clause, whose subject '{inner.text}' is no actor)")
    return True


#: the root of appeals
_APPEAL_ROOT = "02"


def appeal_addressee(c: "Candidate", ctx: "Context") -> bool:
    """An appeal whose object (its addressee) names no actor has no target from its
    content clause (see the module doc)."""
    roles, m = c.roles, c.match
    verb = m.trigger
    if (roles.targets is None or m.pattern.pos != "verb" or c.code[:2] != _APPEAL_ROOT
            or roles.targets.direct):
        return False
    obj = child(verb, "dobj")
    if obj is None or actors_at(obj, ctx.index) or not any(
            x.dep_ in ("xcomp", "ccomp") for x in verb.children):
        return False
    inside = {t.i for x in verb.children if x.dep_ in ("xcomp", "ccomp") for t in x.subtree}
    if roles.targets.head not in inside:
        return False
    c.roles = replace(roles, targets=None,
                      target_how=f"none (the appeal is addressed to '{obj.text}', no actor)")
    return True


def _source_from(c: "Candidate", ctx: "Context", tok: Token, how: str) -> bool:
    """Make the actors at ``tok`` the candidate's source (leaving out those already its
    targets), with ``how`` as the reason; False when none is left."""
    roles = c.roles
    targets = {x.actor.code for x in roles.targets.mentions} if roles.targets else set()
    ms = tuple(x for x in actors_at(tok, ctx.index) if x.actor.code not in targets)
    if not ms:
        return False
    c.roles = replace(roles, sources=Arg(ms, tok.i, False), source_how=how)
    return True
