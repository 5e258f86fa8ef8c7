"""Walk up an event trigger's governing chain and decide its modality.

See the package docstring for the method.  ``classify`` is the entry point; the
rest are small steps: ``_local`` reads the cues attached to one node, ``_climb``
decides what the governor says and where to go next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from ..model import Modality
from .syntax import (according_to, conditional_clause, contrast_before, dep_children,
                     is_definite, is_inverted, is_nominal, lookup_governor,
                     negated_coordination, speaker_of, under_speech)
from .tables import Lexicon, lexicon

#: precedence of cues found on the same node (lower wins)
_PRECEDENCE = {"conditional": 0, "negated": 1, "hypothetical": 2, "future": 3}
#: the walk never climbs more than this many steps
MAX_STEPS = 16

_OBJ_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "obj"}
_SUBJ_DEPS = {"nsubj", "csubj"}
_ADVERSATIVE = {"but", "yet", "while", "whereas", "although"}
#: Penn tags of finite verbs (a sentence without one is a headline fragment)
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
#: question words whose question presupposes the event
_WH_PRESUPPOSING = {"why", "how", "when", "where"}
#: governor verdicts that settle the trigger as asserted and end the walk
_ASSERTING = {"reported", "presupposed"}


@dataclass
class _Finding:
    label: str  # a Modality value, "reported" or "presupposed"
    cue: str
    rule: str
    lemma: str = ""  # the governor's key, for governor findings


@dataclass
class _Walk:
    findings: list[_Finding] = field(default_factory=list)
    speaker: str | None = None
    hedges: list[str] = field(default_factory=list)
    reached_root: bool = False
    #: crossed a participial adjunct ("did not attend, sending his deputy"): the
    #: governor's negation is not the adjunct's
    ignore_negation: bool = False
    #: the walk climbed from an indefinite noun through a content (non-light) verb
    content_verb: bool = False
    #: findings recorded before that climb (their negation applies to the noun itself)
    noun_findings: int = 0
    path: list[str] = field(default_factory=list)


def _local(node: Token, lex: Lexicon, walk: _Walk) -> list[_Finding]:
    """Cues attached to one node of the chain, best first."""
    found: list[_Finding] = []
    for c in node.children:
        word, dep = c.lower_, c.dep_
        if dep == "neg" and lex.cue(word, "neg"):
            found.append(_Finding("negated", c.text, "negation"))
        elif dep == "det" and lex.cue(word, "det"):
            found.append(_Finding("negated", c.text, "negative-determiner"))
        elif dep == "preconj" and lex.cue(word, "neg") == "negated" and not is_nominal(node):
            found.append(_Finding("negated", c.text, "negated-coordination"))  # "neither named nor charged"
        elif dep in ("nsubj", "nsubjpass", "dobj") and not is_nominal(node):
            if lex.cue(word, "subj"):
                found.append(_Finding("negated", c.text, "negative-argument"))
            for g in dep_children(c, "neg") if dep != "dobj" else []:
                # "not a single state has sent ...": a "not" opening the subject
                if g.i == c.left_edge.i and lex.cue(g.lower_, "neg") == "negated":
                    found.append(_Finding("negated", f"{g.text} {c.text}", "negative-argument"))
            cue = negated_coordination(c, lex)
            if cue:
                found.append(_Finding("negated", cue, "negated-coordination"))
            for d in dep_children(c, "det"):
                if lex.cue(d.lower_, "det"):
                    found.append(_Finding("negated", f"{d.text} {c.text}", "negative-argument"))
        elif dep in ("aux", "auxpass") and lex.cue(word, "aux"):
            if word in ("'d", "\u2019d") and node.tag_ == "VBN" and \
                    not any(a.lemma_ == "have" for a in dep_children(node, "aux")):
                continue  # "they'd killed": had, not would
            label = lex.cue(word, "aux") or ""
            if word in ("would", "'d") and under_speech(node, lex):
                label = "future"  # "said it would respond": future in the past
            found.append(_Finding(label, c.text, "modal-auxiliary" if label == "hypothetical"
                                  else "future-auxiliary"))
        elif dep == "mark" and lex.cue(word, "mark"):
            label = lex.cue(word, "mark") or ""
            if label == "conditional" and word == "if" and node.dep_ == "ccomp":
                label = "hypothetical"  # "asked if Iran had struck": an embedded question
            found.append(_Finding(label, c.text, "conditional-clause" if label == "conditional"
                                  else "embedded-question"))
        elif dep == "advcl" or (dep == "ccomp" and is_inverted(c)):
            cue = conditional_clause(c)
            if cue and not _states_intent(node, lex):
                found.append(_Finding("conditional", cue, "conditional-consequent"))
        elif dep in ("amod", "advmod") and is_nominal(node) == (dep == "amod"):
            label = lex.cue(word, dep)
            if label == "hedge":
                walk.hedges.append(c.text)
            elif label:
                found.append(_Finding(label, c.text, "modal-modifier"))
    if not is_nominal(node):
        cue = _scheduled(node, lex)
        if cue:
            found.append(_Finding("future", cue, "scheduled-present"))
        cue = is_inverted(node)
        if cue:
            found.append(_Finding("conditional", cue, "conditional-inversion"))
        to = [c for c in node.children if c.dep_ == "aux" and c.lower_ == "to"]
        if to and not any(t.tag_ in _FINITE_TAGS for t in _sentence(node)):
            # headline style "Pakistan to expel Iranian diplomats": announced, not done
            found.append(_Finding("future", to[0].text, "headline-infinitive"))
    if walk.ignore_negation:
        found = [f for f in found if f.rule not in ("negation", "negative-argument")]
    found.sort(key=lambda f: _PRECEDENCE.get(f.label, 9))
    return found


def _scheduled(verb: Token, lex: Lexicon) -> str | None:
    """A present tense with a future time ("when Bush visits Canada *next week*", "the
    minister is meeting rebels *tomorrow*"): scheduled, not done.  The time expression
    must be in the verb's own clause (not in a clause with its own subject)."""
    present = verb.tag_ in ("VBZ", "VBP") and not dep_children(verb, "aux", "auxpass")
    progressive = verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re")
                                             for a in dep_children(verb, "aux"))
    if not (present or progressive):
        return None
    for t in verb.subtree:
        word = t.lower_
        if lex.cue(word, "future-time") is None:
            continue
        if word != "tomorrow" and not (t.dep_ == "amod" and t.head.ent_type_ in ("DATE", "TIME")):
            continue  # "next" must modify a time noun ("next week"), not "the next round"
        x, own = t.head if word != "tomorrow" else t, True
        while x.i != verb.i and x.head.i != x.i:
            if dep_children(x, "nsubj", "nsubjpass") or x.dep_ in ("relcl", "ccomp") or \
                    dep_children(x, "mark") or any(a.lower_ == "to" for a in dep_children(x, "aux")):
                # "plans to reduce its troops from next year": the time is the plan's content's
                own = False
                break
            x = x.head
        if own and x.i == verb.i:
            return t.text if word == "tomorrow" else f"{t.text} {t.head.text}"
    return None


def _sentence(tok: Token) -> Any:
    """The token's sentence, or the whole doc when it has no sentence boundaries."""
    doc = tok.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return tok.sent
    return doc[:]


def _states_intent(node: Token, lex: Lexicon) -> bool:
    """``is threatening to kill ... unless X``: the condition belongs to the content."""
    return lookup_governor(lex, node, "comp")[1] in lex.intent and \
        any(c.dep_ in ("xcomp", "ccomp") for c in node.children)


def _obligation(have: Token) -> bool:
    """``have to`` that states an obligation, not a past necessity that was met: present
    tense ("we have to ban", "it has to withdraw") or under a modal or future auxiliary
    ("will have to pay", "may have to leave").  Past ``had to`` is left to the other cues:
    "the convoy had to turn back" says that it turned back."""
    if have.tag_ in ("VBP", "VBZ"):
        return True
    return have.tag_ == "VB" and any(a.tag_ == "MD" for a in dep_children(have, "aux"))


def _governor_finding(label: str, gov: Token, rule: str, key: str) -> _Finding:
    """A governor's verdict; a negated negator (``has not ruled out X``) is hypothetical."""
    if label == "negated" and any(c.dep_ == "neg" for c in gov.children):
        return _Finding("hypothetical", f"not {gov.text}", "double-negation", key)
    return _Finding(label, gov.text, rule, key)


def _elliptic_condition(verb: Token) -> str | None:
    """``If confirmed, the strike would ...``: a subjectless conditional on the verb."""
    for c in dep_children(verb, "advcl"):
        cue = conditional_clause(c)
        if cue and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            return f"{cue} {c.text}"
    return None


# -- climbing --------------------------------------------------------------------

def _prep_governor(node: Token, prep: Token, lex: Lexicon) -> _Finding | None:
    """``refrained from X``, ``accused Y of X``, ``calls for X``, ``without X`` ..."""
    gov = prep.head
    link = f"prep:{prep.lower_}"
    if gov.i != prep.i:
        label, key = lookup_governor(lex, gov, link)
        if (not label or label == "support") and gov.dep_ == "dobj" and gov.head.i != gov.i:
            # "suspect [the militia] of shelling": the phrase hangs on the verb's object
            vlabel, vkey = lookup_governor(lex, gov.head, link)
            if vlabel and vkey != "*":
                label, key, gov = vlabel, vkey, gov.head
    else:
        label, key = lex.governor("*", link), "*"
    if label and label != "support":
        rule = "reported-speech" if label == "reported" else f"governor-{link}"
        return _Finding(label, f"{gov.text} {prep.text}", rule, key)
    for c in prep.children:
        if c.dep_ == "advmod" and lex.governor(c.lower_, link) == "negated":
            return _Finding("negated", f"{c.text} {prep.text}", "contrast")
    return None


def _climb(node: Token, lex: Lexicon, walk: _Walk) -> Token | None:
    """Record what the governor says about ``node``; return the next node or None."""
    dep, head = node.dep_, node.head
    if head.i == node.i or dep == "ROOT":
        walk.reached_root = True
        return None
    contrast = contrast_before(node)
    if contrast:
        walk.findings.append(_Finding("negated", contrast, "contrast"))
        return None
    if is_nominal(node):
        return _climb_nominal(node, dep, head, lex, walk)
    return _climb_clause(node, dep, head, lex, walk)


def _climb_nominal(node: Token, dep: str, head: Token, lex: Lexicon,
                   walk: _Walk) -> Token | None:
    if dep in _OBJ_DEPS or dep in _SUBJ_DEPS:
        link = "subj" if dep in _SUBJ_DEPS else "obj"
        label, key = lookup_governor(lex, head, link)
        if label == "support":
            return head
        if label == "presupposed":  # "stopped the strikes": they happened
            walk.findings.append(_Finding(label, head.text, "presupposed", key))
            return None
        if label:
            walk.findings.append(_governor_finding(label, head, f"governor-{link}", key))
            return head
        if is_definite(node):
            cue = _elliptic_condition(head) if link == "subj" else None
            if cue:
                walk.findings.append(_Finding("conditional", cue, "conditional-elliptic"))
            return None
        if not walk.content_verb:  # the noun's existence is not what this verb asserts
            walk.content_verb, walk.noun_findings = True, len(walk.findings)
        return head
    if dep == "pobj":
        found = _prep_governor(node, head, lex)
        if found:
            walk.findings.append(found)
            if found.label == "reported":
                walk.speaker = walk.speaker or speaker_of(head.head)
            return None if found.label == "reported" else head.head
        if is_definite(node) or head.head.i == head.i:
            return None
        return head.head
    if dep in ("conj", "appos", "compound", "npadvmod"):
        return head if dep != "npadvmod" else None
    return None


def _climb_clause(node: Token, dep: str, head: Token, lex: Lexicon,
                  walk: _Walk) -> Token | None:
    infinitival = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    if dep in ("xcomp", "ccomp") or (dep in ("advcl", "acl") and infinitival):
        gov = head
        acomp = dep_children(gov, "acomp")
        if dep == "ccomp" and gov.lemma_ == "be" and acomp:  # "it is possible that X"
            label, gkey = lookup_governor(lex, acomp[0], "comp")
        else:
            label, gkey = lookup_governor(lex, gov, "comp")
        if dep == "xcomp" and gkey == "go" and gov.tag_ == "VBG":
            label = "future"  # "is going to X"
        if dep == "xcomp" and gkey == "be" and infinitival and not acomp \
                and not is_inverted(gov):
            label = "future"  # "the minister is to meet ...": be + to-infinitive
        if dep == "xcomp" and gkey == "have" and any(c.lower_ == "yet" for c in gov.children):
            label = "negated"
        elif dep == "xcomp" and gkey == "have" and infinitival and _obligation(gov):
            label = "hypothetical"  # "we have to ban it": owed, not done ("had to" is done)
        if label == "reported":
            walk.findings.append(_Finding("reported", gov.text, "reported-speech", gkey))
            walk.speaker = walk.speaker or speaker_of(gov)
            return None
        if label == "presupposed":  # "called on the militia to stop fighting"
            walk.findings.append(_Finding(label, gov.text, "presupposed", gkey))
            return None
        if label and label != "support":
            walk.findings.append(_governor_finding(label, gov, "governor-comp", gkey))
            return gov
        if dep == "acl" and infinitival and is_nominal(gov):
            # "talks ... to impose sanctions", "in order to deter": what the noun is for
            walk.findings.append(_Finding("hypothetical", f"{gov.text} to", "purpose", gkey))
            return gov
        if dep == "advcl" and infinitival and label != "support" \
                and not dep_children(node, "nsubj", "nsubjpass"):
            # "moved troops to the border to attack Pakistan", "so as to draw troops
            # away": what the action was for, not what it did ("went on to win" is a
            # support governor in governors.csv)
            walk.findings.append(_Finding("hypothetical", f"{gov.text} ... to", "purpose", gkey))
            return gov
        if dep == "ccomp" and not conditional_clause(node):
            return None  # embedded clause under a non-modal governor
        return gov
    if dep == "acomp":
        return head  # "felt free to strike": the adjective's verb carries the clause's cues
    if dep == "acl" and is_nominal(head) and any(c.dep_ == "mark" and c.lower_ == "that"
                                                   for c in node.children):
        return _content_of_noun(node, head, lex, walk)
    if dep == "pcomp":
        found = _prep_governor(node, head, lex)
        if found:
            walk.findings.append(found)
            if found.label == "reported":
                walk.speaker = walk.speaker or speaker_of(head.head)
                return None
        return head.head if head.head.i != head.i else None
    if dep == "advcl" and node.tag_ == "VBG" and \
            not dep_children(node, "mark", "nsubj", "nsubjpass"):
        # participial adjunct ("..., killing four soldiers"): shares the governor's
        # modality, but not its negation ("did not attend, sending his deputy")
        walk.ignore_negation = True
        return head
    if dep == "conj":
        # an independent conjunct has its own subject or its own (finite) auxiliary:
        # "Iran will pull out ..., a diplomat was quoted as saying"
        own_clause = any(c.dep_ in ("nsubj", "nsubjpass") or
                         (c.dep_ in ("aux", "auxpass") and c.lower_ != "to")
                         for c in node.children)
        # "..., but X": only a "but" before this conjunct separates it from its head
        # ("neither named nor charged ..., but Levy emphasized ..." keeps "charged")
        adversative = any(c.dep_ == "cc" and c.lower_ in _ADVERSATIVE and head.i < c.i < node.i
                          for c in head.children)
        return None if own_clause or adversative else head
    return None


def _content_of_noun(node: Token, noun: Token, lex: Lexicon, walk: _Walk) -> Token | None:
    """"the (false) claim that X", "reports that X": the noun decides like a verb would;
    a claim called false, baseless or unfounded negates its content, and so does a claim
    that is denied, rejected or refuted ("denied reports that its troops had crossed")."""
    for a in dep_children(noun, "amod"):
        label = lex.cue(a.lower_, "content-amod")
        if label:
            walk.findings.append(_Finding(label, f"{a.text} {noun.text}", "discredited-content"))
            return None
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.i != noun.i:
        label = lex.cue(noun.head.lemma_.lower(), "content-refute")
        if label:
            walk.findings.append(_Finding(label, f"{noun.head.text} {noun.text}",
                                          "refuted-content", noun.head.lemma_.lower()))
            return None
    label, key = lookup_governor(lex, noun, "comp")
    if label == "reported":
        walk.findings.append(_Finding("reported", noun.text, "reported-speech", key))
        return None
    if label and label not in ("support", "presupposed"):
        walk.findings.append(_governor_finding(label, noun, "governor-comp", key))
        return noun
    return None


# -- the walk ------------------------------------------------------------------

def _walk(trigger: Token) -> _Walk:
    lex = lexicon()
    walk = _Walk()
    node: Token | None = trigger
    for _ in range(MAX_STEPS):
        if node is None:
            break
        walk.path.append(f"{node.text}/{node.dep_}")
        walk.findings.extend(_local(node, lex, walk))
        walk.speaker = walk.speaker or according_to(node)
        node = _climb(node, lex, walk)
    return walk


def _is_question(tok: Token) -> bool:
    """A yes/no question: ends in ``?`` and does not ask why/how/when/where
    (``Why did Putin decide to ratify ...?`` presupposes the ratification)."""
    words = [t for t in _sentence(tok) if not t.is_space]
    if not words or not any(t.text == "?" for t in words[-2:]):
        return False
    return not any(t.lower_ in _WH_PRESUPPOSING and t.dep_ == "advmod" for t in words[:3])


def classify(trigger: Token) -> tuple[Modality, dict[str, Any]]:
    """Modality of the event whose trigger is ``trigger``, with its evidence.

    The evidence dict has ``cue`` (the deciding word(s) or None), ``cue_lemma`` (the
    deciding governor's lemma, if a governor decided), ``rule`` (which rule decided),
    ``speaker`` (for reported speech, else None), ``hedge`` (hedging words on an
    assertion, possibly empty) and ``path`` (the nodes walked, ``word/dep``).
    """
    walk = _walk(trigger)
    decided = walk.findings[0] if walk.findings else None
    modality, cue, rule = Modality.ASSERTED, None, "no-cue"
    if decided is not None and decided.label == "negated" and walk.content_verb \
            and walk.findings.index(decided) >= walk.noun_findings \
            and decided.rule in ("negation", "negative-argument"):
        # "will not tolerate further incursions": the relation is negated, the
        # incursions themselves are only envisaged
        decided = _Finding("hypothetical", decided.cue, "negated-relation")
    lemma = ""
    if decided is not None:
        cue, rule, lemma = decided.cue, decided.rule, decided.lemma
        if decided.label not in _ASSERTING:
            modality = Modality(decided.label)
    if modality in (Modality.ASSERTED, Modality.FUTURE) and walk.reached_root \
            and _is_question(trigger):
        modality, cue, rule = Modality.HYPOTHETICAL, "?", "question"
    return modality, {"cue": cue, "cue_lemma": lemma or None, "rule": rule,
                      "speaker": walk.speaker,
                      "hedge": list(walk.hedges) if modality == Modality.ASSERTED else [],
                      "path": walk.path}



