"""Constructions that date one event from another, and what makes a clause background.

* ``[main] N days after [clause]`` ("Pakistan struck Iran on Thursday, *two days after*
  Iranian missiles hit a village"): the words state a distance between two events, not a
  date.  The event in the clause is the main event's date minus N; the main event is the
  clause event's date plus N.  When the other side has no date, neither gets one from
  these words (``relation`` finds the two sides).
* A statement of intent or a threat (CAMEO 03x, 13x) coded on the intended action ("will
  release the pilot on Friday, Khan said on Thursday") happened when it was uttered:
  ``utterance`` finds the speech verb whose date it takes.
* Past perfect ("had struck"), relative clauses and background adverbs ("has long
  accused", "had previously carried out") describe earlier or standing facts: they never
  move the narrative's anchor and, without a date of their own, get no date.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .attach import is_past_perfect
from .lexicon import Lexicon
from .scan import Candidate

#: cue rules that state a distance from another event
_DISTANCE = frozenset({"cue:n-units-later", "cue:n-units-earlier"})
_MIRROR = {"after": "before", "before": "after", "later": "earlier", "earlier": "later"}
_VERBAL = ("VERB", "AUX")
#: CAMEO roots whose event is the utterance (intent, threat)
UTTERANCE_ROOTS = frozenset({"03", "13"})


@dataclass(frozen=True)
class Relation:
    """``main`` happened ``cue`` (``two days after``) ``other``, which is a clause verb or
    an event noun."""

    cue: Candidate
    main: Token
    other: Token

    def mirrored_text(self) -> str:
        """The same distance seen from ``other``: "two days after" -> "two days before"."""
        words = self.cue.text.split()
        return " ".join(words[:-1] + [_MIRROR.get(words[-1].lower(), words[-1])])


def relation(c: Candidate) -> Relation | None:
    """The two events a distance cue relates, when its last word introduces a clause or
    an event noun ("two days after Iranian missiles hit", "a day after killing X")."""
    if c.kind not in _DISTANCE or not len(c.span):
        return None
    last = c.span[-1]
    if last.lower_ not in ("after", "before"):
        return None
    if last.dep_ == "mark" and last.head.dep_ in ("advcl", "ccomp") and last.head.pos_ in _VERBAL:
        clause = last.head
        return Relation(c, clause.head, clause)
    if last.dep_ == "mark" and last.head.dep_ == "ROOT" and last.head.pos_ in _VERBAL:
        # the parser made the "after" clause the root and the main clause its complement
        # ("The clash began when ..., a day after jets had struck ..."): the main clause is
        # the one written before the cue
        clause = last.head
        before = [t for t in clause.children if t.dep_ in ("ccomp", "advcl", "parataxis")
                  and t.pos_ in _VERBAL and t.i < c.span.start]
        if before:
            return Relation(c, before[-1], clause)
    if last.dep_ == "prep" and last.head is not last:
        for child in last.children:
            if child.dep_ in ("pcomp", "pobj"):
                return Relation(c, last.head, child)
    return None


def side(rel: Relation, trigger: Token) -> str | None:
    """``other`` when the trigger is the related clause or noun (or its object or conjunct:
    "after Iran *launched strikes*"), ``main`` when it is the main event, else None."""
    def at(t: Token, head: Token) -> bool:
        return t == head or (t.head == head and t.dep_ in ("conj", "xcomp", "dobj"))
    if at(trigger, rel.other):
        return "other"
    if at(trigger, rel.main) and trigger not in rel.other.subtree:
        return "main"
    if rel.main.head == rel.other and trigger in rel.main.subtree:
        return "main"  # the inverted parse above: the main clause hangs below the other
    if trigger != rel.main and trigger in rel.main.subtree and trigger not in rel.other.subtree \
            and _when_clause(trigger, rel.main):
        return "main"
    return None


def _when_clause(trigger: Token, main: Token) -> bool:
    """The trigger is in a "when" clause of ``main`` (or a conjunct of one): "The clash
    began *when* warplanes crossed ... and dropped bombs" happened at the clash's time."""
    t = trigger
    for _ in range(4):
        if t.head is t:
            return False
        if t.dep_ == "advcl" and t.head == main:
            return any(c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in t.children)
        if t.dep_ != "conj":
            return False
        t = t.head
    return False


def narrative(trigger: Token) -> bool:
    """Is the trigger's clause part of the narrative line (the main clause, a conjunct or
    a participle of it), rather than an embedded clause about something else (what was
    said or alleged, a relative clause, "after she criticized him")?"""
    t = trigger
    while t.pos_ not in _VERBAL and t.head is not t and t.dep_ in (
            "dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "conj", "compound", "appos"):
        t = t.head  # a nominal event: the verb it belongs to
    for _ in range(6):
        if t.dep_ == "ROOT" or t.head is t:
            return True
        if t.dep_ in ("ccomp", "pcomp", "relcl", "acl", "csubj", "parataxis"):
            return False
        if t.dep_ == "advcl" and any(c.dep_ == "mark" for c in t.children):
            return False
        t = t.head
    return True


def utterance(trigger: Token, root: str | None, lex: Lexicon) -> Token | None:
    """For an intent/threat event coded on its future content, the speech verb above it
    ("will release ..., Khan *said* on Thursday"); None otherwise."""
    if not root or root[:2] not in UTTERANCE_ROOTS:
        return None
    t = trigger
    for _ in range(4):
        if t.head is t:
            return None
        if t.dep_ in ("ccomp", "xcomp", "conj", "advcl", "parataxis") or t.head.dep_ == "ROOT":
            t = t.head
        else:
            return None
        if t.pos_ in _VERBAL and t.tag_ in ("VBD", "VBZ", "VBP", "VBN") and \
                not any(c.dep_ == "aux" and c.lower_ in lex.future_aux | {"would", "to"}
                        for c in t.children):
            return t
    return None


def background(trigger: Token, lex: Lexicon) -> str | None:
    """The background adverb of the trigger's clause ("has *long* accused", "had
    *previously* carried out"), if any."""
    for c in trigger.children:
        if c.dep_ == "advmod" and c.lower_ in lex.background_adverbs:
            return c.text
    return None


def since_clause(trigger: Token) -> bool:
    """The trigger's clause says when a standing state began ("has been governed ...
    *since* the UK returned the territory to China"): earlier than the narrative."""
    t = trigger
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children):
            return t.dep_ == "advcl"
        if t.dep_ != "conj" or t.head is t:
            return False
        t = t.head
    return False


def anchors_narrative(trigger: Token, c: Candidate) -> bool:
    """May the date of this event move the narrative's anchor?  Not from a nominal event
    dated inside its own noun phrase ("the October 7 rampage"), a past perfect, or a
    relative or adnominal clause ("the strike the union launched on September 15"): those
    name earlier or other events."""
    if trigger.pos_ not in _VERBAL and c.span.start >= trigger.left_edge.i \
            and c.span.end <= trigger.right_edge.i + 1:
        return False
    if is_past_perfect(trigger):
        return False
    if trigger.dep_ in ("relcl", "acl", "advcl") and c.span.start <= trigger.head.i < c.span.end:
        return True  # a clause on the date itself: "on January 16, when Iran launched ..."
    return not any(t.dep_ in ("relcl", "acl") for t in [trigger, *trigger.ancestors])


def future_in_past(trigger: Token) -> Token | None:
    """``would``-future under a past verb ("said the ambassadors would return by January
    26"): the past verb, whose time the future counts from."""
    if not any(c.dep_ == "aux" and c.lower_ in ("would", "'d", "’d") for c in trigger.children):
        return None
    t = trigger
    for _ in range(4):
        if t.head is t:
            return None
        t = t.head
        if t.pos_ in _VERBAL and t.tag_ == "VBD":
            return t
    return None
