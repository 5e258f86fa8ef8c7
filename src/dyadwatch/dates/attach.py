"""Which date expression belongs to which event: dependency attachment and tense.

A date expression is scored against an event trigger by where it hangs in the
parse (tiers, higher is better):

* 4 -- it modifies the trigger itself ("*On January 16*, Iran launched ..."), or
  the trigger's clause modifies the date ("That changed *on January 16*, when
  Iran launched ...")
* 3 -- it modifies a direct argument of the trigger (a date the parser attached
  to the object: "launched strikes *on Tuesday*"), or the verb the trigger is
  coordinated with or an xcomp of ("On Monday Iran struck and Pakistan *retaliated*")
* 2 -- it modifies a participle clause below the trigger ("struck a base,
  *killing* three soldiers on Sunday"), an infinitive below an invitation/plan
  ("*invited* him to visit Dhaka later this month": the date of what is
  invited), or the verb the trigger's clause depends on ("*On Monday* officials
  said Iran *attacked*")
* 1 -- it modifies some other verb in the sentence
* 0 -- it modifies a later clause coordinated with the trigger's ("Biden
  *vowed* to respond, and on Friday US forces struck"): taken only when nothing
  better, inheritance included, exists
* -1 -- it is about something else and is never taken: a noun deep inside the
  arguments ("sentenced ... for attacks and plots *in 2002*"), a noun elsewhere
  ("the elections in February"), a finite or plain infinitive clause below the
  trigger ("sealed an agreement *to start January 1*", "said rebels attacked on Monday"),
  and the date of a verb whose relative clause or noun phrase holds the trigger
  ("*on Monday* arrested him in connection with the alleged *killing*").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import Lexicon

_VERBAL = {"VERB", "AUX"}
_CORE = {"dobj", "nsubj", "nsubjpass", "attr", "dative", "oprd", "npadvmod"}
_PLACE_TIME_PREPS = {"on", "in", "at", "during", "near", "outside", "inside"}
_ADVERB_CUES = {"cue:subsequently", "cue:earlier-undated", "cue:recently", "cue:undated"}


def attachment(span: Span) -> Token:
    """The token the date phrase hangs from (through its preposition, if any)."""
    t = span.root
    while t.dep_ in ("pobj", "pcomp") and t.head is not t:
        t = t.head
    return t if t.dep_ == "ROOT" else t.head


def usable(kind: str, span: Span) -> bool:
    """One-word adverb cues ("later", "earlier") count only as adverbs of a verb."""
    if kind in _ADVERB_CUES and len(span) <= 2:
        root = span.root
        return root.dep_ in ("advmod", "npadvmod", "prep") and root.head.pos_ in _VERBAL
    return True


def _ancestors(t: Token) -> list[Token]:
    return list(t.ancestors)


def tier(span: Span, trigger: Token, lex: Lexicon) -> int:
    """How strongly the date phrase ``span`` belongs to ``trigger`` (see module doc)."""
    a = attachment(span)
    if trigger.dep_ in ("relcl", "acl", "advcl") and span.start <= trigger.head.i < span.end:
        return 4  # a clause on the date itself: "on January 16, *when* Iran launched ..."
    if a == trigger or (a.i in range(span.start, span.end)):
        return 4 if a == trigger else 1
    trig_anc = _ancestors(trigger)
    a_anc = _ancestors(a)
    if trigger in a_anc:
        return _below(a, [a] + a_anc[:a_anc.index(trigger)], trigger, lex)
    if a in trig_anc:
        path = [trigger] + trig_anc[:trig_anc.index(a)]
        if all(t.dep_ == "conj" for t in path) or trigger.dep_ in ("xcomp",) and trigger.head == a:
            return 3
        if a.pos_ not in _VERBAL:
            return 2  # the trigger is part of what the dated noun names ("attacks in 2002, including the bombing")
        if any(t.dep_ in ("relcl", "acl") for t in path) or any(
                t.dep_ == "prep" and t.lower_ not in lex.cotemporal_preps for t in path):
            return -1  # in a relative clause, or a phrase like "in connection with the killing"
        return 2
    return 1 if a.pos_ in _VERBAL else -1


def _below(a: Token, below: list[Token], trigger: Token, lex: Lexicon) -> int:
    """Tier of a date hanging from ``a``, somewhere below the trigger (``below`` runs
    from ``a`` up to the trigger's child)."""
    top = below[-1]
    if top.dep_ == "conj" and top.pos_ in _VERBAL:
        return 0  # on a later coordinated clause: "X struck, and on Friday Y did"
    verbs = [t for t in below if t.pos_ in _VERBAL]
    if not verbs:
        # a core argument, or a place/time phrase, of the trigger -- not "for attacks in 2002"
        nouns = [t for t in below if t.pos_ in ("NOUN", "PROPN", "NUM")]
        core = top.dep_ in _CORE or (top.dep_ == "prep" and top.lower_ in _PLACE_TIME_PREPS)
        return 3 if core and len(nouns) <= 2 else -1
    v = verbs[-1]  # the clause nearest the trigger
    if v.tag_ in ("VBG", "VBN") and v.dep_ == "advcl" \
            and not any(c.dep_ == "mark" for c in v.children):
        return 2
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children)
    if infinitive and any(t.lemma_.lower() in lex.content_dated_heads for t in below + [trigger]):
        return 2
    return -1


def is_future(trigger: Token, lex: Lexicon) -> bool:
    """Whether the event is presented as lying ahead (will/shall/would, going to,
    an infinitive under plan/expect/invite..., a present-tense schedule)."""
    chain = [trigger]
    t = trigger
    # "plan/expect/invite ... to <trigger>": only an infinitive hangs from such a head
    infinitive = trigger.tag_ == "VB" and any(c.lower_ == "to" for c in trigger.children)
    while t.dep_ in ("xcomp", "conj", "acl", "ccomp", "dobj", "pobj", "prep") and t.head is not t \
            and len(chain) < 5:
        t = t.head
        chain.append(t)
    for v in chain[:3]:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in lex.future_aux or c.lemma_ in ("will", "shall", "would") for c in auxes):
            return True
        if v.lemma_ in lex.future_heads and v is not trigger and infinitive:
            return True
        if v.pos_ in _VERBAL and v.morph.get("Tense") == ["Past"] and v is not trigger:
            return False
        if v.pos_ in _VERBAL and v.dep_ not in ("xcomp", "acl", "conj"):
            break
    if trigger.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in trigger.children):
        return True
    if trigger.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP")
                                     for c in trigger.children):
        return True
    return False


def is_past(trigger: Token) -> bool:
    """Whether the trigger's clause is in a past tense (narrative)."""
    t = trigger
    for _ in range(4):
        if t.pos_ in _VERBAL or t.tag_.startswith("VB"):
            if t.tag_ == "VBD" or t.morph.get("Tense") == ["Past"] and t.tag_ != "VBN":
                return True
            auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
            if any(c.tag_ == "VBD" for c in auxes):
                return True
            if t.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
                return True
            if any(c.tag_ in ("VBZ", "VBP", "MD") for c in auxes):
                return False
        if t.head is t:
            break
        t = t.head
    return False
