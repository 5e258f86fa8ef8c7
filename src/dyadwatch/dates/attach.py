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


def time_head(t: Token, lex: Lexicon) -> Token:
    """Climb out of a time phrase: "before *dawn* on Thursday", "in the early *hours* of
    Tuesday" hang from the verb the time phrase modifies."""
    for _ in range(3):
        if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in lex.time_nouns:
            break
        if t.dep_ == "pobj" and t.head.lower_ in lex.temporal_preps and t.head.head is not t.head:
            t = t.head.head
        elif t.dep_ == "npadvmod" and t.head is not t:
            t = t.head
        else:
            break
    return t


#: what may lie between a name and the verb a misattached "on <day>" belongs to
_NOMINAL_DEPS = frozenset({"dobj", "pobj", "prep", "appos", "nsubj", "nsubjpass", "attr",
                           "dative", "conj", "compound", "poss"})


def lift_from_name(a: Token, span: Span, lex: Lexicon) -> Token:
    """A day phrase ("on Thursday", "on Friday afternoon") the parser hung on a name or a
    plain noun ("summoned Pakistan's chargé d'affaires *on Thursday*", "spoke with Jilani,
    his counterpart, *on Friday afternoon*"): people and things are not "on Friday", the
    clause is.  Climbs to the verb through nominal links; an event noun on the way
    ("held talks with X on Monday") keeps the date where it is."""
    if not len(span) or span[0].lower_ != "on" or a.pos_ not in ("PROPN", "NOUN", "PRON"):
        return a
    t = a
    for _ in range(6):
        if t.pos_ in _VERBAL:
            return t
        if t.pos_ == "NOUN" and (lex.eventive(t.lemma_.lower())
                                 or t.lemma_.lower() in lex.time_nouns):
            return a
        if t.dep_ not in _NOMINAL_DEPS or t.head is t:
            return a
        t = t.head
    return a


def date_head(span: Span, lex: Lexicon) -> Token:
    """The token a date phrase dates: its attachment, out of time phrases and names."""
    return lift_from_name(time_head(attachment(span), lex), span, lex)


def other_event_noun(a: Token, trigger: Token, lex: Lexicon) -> bool:
    """The date hangs from an event noun that is not the trigger's own (a core argument of
    the trigger, or a noun joined to it by a co-temporal preposition: "held *talks* on
    Monday", "*during* the visit on Monday")."""
    if a == trigger or a.pos_ != "NOUN" or not lex.eventive(a.lemma_.lower()):
        return False
    if a.head == trigger and a.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "npadvmod"):
        return False
    if cotemporal_path(a, trigger, lex):
        return False
    return trigger not in a.subtree


def cotemporal_path(a: Token, trigger: Token, lex: Lexicon) -> bool:
    """``a`` lies in a phrase that a co-temporal preposition attaches to the trigger
    ("said ... *during* a private discussion with a meeting ... on October 16")."""
    for t in [a, *a.ancestors]:
        if t.head == trigger:
            return t.dep_ == "prep" and t.lower_ in lex.cotemporal_preps
        if t.pos_ in _VERBAL:
            return False
    return False


def _beyond_a_verb(t: Token, trigger: Token) -> bool:
    """``t`` is outside the trigger's phrase, or reached from it only through another verb."""
    for x in t.ancestors:
        if x == trigger:
            return False
        if x.pos_ in _VERBAL:
            return True
    return True


def _premodifier(span: Span) -> bool:
    """A date written before its noun ("the October 7 rampage", "an Oct. 28 agreement")."""
    r = span.root
    return r.dep_ in ("compound", "nmod", "amod", "nummod") and r.head.i >= span.end


def is_past_perfect(v: Token) -> bool:
    """``had struck``, ``'d killed``, ``had been holding``: an event before the narrative's
    time."""
    if v.tag_ == "VBG" and not any(c.dep_ == "aux" and c.lower_ == "been" for c in v.children):
        return False
    if _shares_perfect(v):
        return True  # "had spoken to X and *urged* them": one "had" for both verbs
    if v.tag_ not in ("VBN", "VBG"):
        return False
    return any(c.dep_ == "aux" and (c.lower_ in ("had", "'d", "’d")) for c in v.children)


def _shares_perfect(v: Token) -> bool:
    """A conjunct with no subject or auxiliary of its own, in a participle's form (a VBN,
    or a regular "-ed" form the tagger read as a simple past), coordinated with a past
    perfect verb: the "had" governs it too."""
    if v.dep_ != "conj" or v.tag_ not in ("VBN", "VBD") or v.head.i == v.i:
        return False
    if v.tag_ == "VBD" and not v.lower_.endswith("ed"):
        return False  # an irregular simple past ("went", "took") is no participle
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in v.children):
        return False
    return v.head.tag_ == "VBN" and is_past_perfect(v.head)


def usable(kind: str, span: Span) -> bool:
    """One-word adverb cues ("later", "earlier") count only as adverbs of a verb."""
    if kind in _ADVERB_CUES and len(span) <= 2:
        root = span.root
        return root.dep_ in ("advmod", "npadvmod", "prep") and root.head.pos_ in _VERBAL
    return True


def _ancestors(t: Token) -> list[Token]:
    return list(t.ancestors)


#: subordinators that place their clause at another time than the clause they hang on
_SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "till"})


def _distant_clause(trigger: Token) -> bool:
    """A clause set apart in time from the one it hangs on by a stated distance ("less
    than a week after", "two days before" the trigger's clause): a date outside it is
    not its own.  (A bare "after" is often the same day: "was captured on Wednesday
    after the jets clashed".)"""
    if not any(c.dep_ == "mark" and c.lower_ in _SEQUENCE_MARKS for c in trigger.children):
        return False
    return any(c.dep_ == "npadvmod" and c.i < trigger.i for c in trigger.children) or any(
        c.dep_ == "npadvmod" for m in trigger.children if m.dep_ == "mark" for c in m.children)


def tier(span: Span, trigger: Token, lex: Lexicon) -> int:
    """How strongly the date phrase ``span`` belongs to ``trigger`` (see module doc)."""
    a = date_head(span, lex)
    if trigger.dep_ in ("relcl", "acl", "advcl") and span.start <= trigger.head.i < span.end:
        return 4  # a clause on the date itself: "on January 16, *when* Iran launched ..."
    if _distant_clause(trigger) \
            and not trigger.left_edge.i <= span.start <= span.end - 1 <= trigger.right_edge.i:
        return -1  # "returned by Friday, a week *after* the two struck": another day
    if a == trigger or (a.i in range(span.start, span.end)):
        return 4 if a == trigger else 1
    if _premodifier(span) and a != trigger and not (a.head == trigger and a.dep_ in _CORE):
        return -1  # "killing a ringleader of the October 7 rampage": the rampage's date
    if other_event_noun(a, trigger, lex):
        return -1  # "blaming him for ... the elections on Tuesday night": the elections' date
    left = span.doc[span.start - 1] if span.start > 0 else None
    if a != trigger and left is not None and left.pos_ == "NOUN" and left != trigger \
            and other_event_noun(left, trigger, lex) and _beyond_a_verb(left, trigger):
        return -1  # the same, attached higher by the parser: the date follows that noun
    trig_anc = _ancestors(trigger)
    a_anc = _ancestors(a)
    if trigger in a_anc:
        return _below(a, [a] + a_anc[:a_anc.index(trigger)], trigger, lex)
    if a in trig_anc:
        path = [trigger] + trig_anc[:trig_anc.index(a)]
        if all(t.dep_ == "conj" for t in path) and span.start > a.i and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in path[-1].children):
            if any(c.dep_ == "aux" and c.tag_ == "MD" for v in [a, *path] for c in v.children):
                return 0  # "the envoys would return by January 26 and the minister would
                # visit": a date inside the first clause of a plan is not the second's
            return 2  # "X had been called home on January 17, and Islamabad had told Y":
            # a past clause joined to a dated one shares its time unless it has its own
        if all(t.dep_ == "conj" for t in path) or trigger.dep_ in ("xcomp",) and trigger.head == a:
            return 3
        if a.pos_ not in _VERBAL:
            return 2  # the trigger is part of what the dated noun names ("attacks in 2002, including the bombing")
        if is_past_perfect(trigger) and not is_past_perfect(a):
            return -1  # "said on Friday that Iran had promised": the promise came earlier
        if (trigger.dep_ == "acl" and trigger.tag_ == "VBG" and trigger.head.dep_ == "dobj"
                and trigger.head.head.i == a.i):
            return 2  # "passed on May 2 *a resolution calling on* X": the text's content
            # is told when the text is issued
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
        if core and len(nouns) <= 2:
            return 3
        if top.dep_ == "prep" and top.lower_ in lex.cotemporal_preps:
            return 2  # the occasion: "said during a discussion with ... on October 16"
        return -1
    v = verbs[-1]  # the clause nearest the trigger
    if v.tag_ in ("VBG", "VBN") and v.dep_ in ("advcl", "acl", "xcomp") \
            and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in v.children) \
            and sum(1 for t in below[:below.index(v)] if t.pos_ == "NOUN") <= 1:
        # a participle below the trigger ("struck a base, killing three soldiers on
        # Sunday", "issued releases blasting Republicans on Wednesday")
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
