"""Match patterns against triggers in a parsed sentence and fill source/target slots.

A *match* is (pattern, trigger token, anchor token): the anchor is the verb the
event hangs on -- the trigger itself, or the light verb governing a nominal
trigger ("launched *strikes*": anchor "launched", trigger "strikes").  Only the
best match per anchor becomes events (most specific pattern, then own patterns
before converted ones).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .args import (Arg, MentionIndex, actors_at, child, complement_tokens, is_passive,
                   passive_subject, prep_objects, verb_subject)
from .patterns import Pattern, PatternSet

#: dependency steps allowed when climbing from a nominal trigger to its light verb
_NOUN_UP = {"dobj", "conj", "compound", "appos", "nsubjpass", "attr", "oprd"}
_SOURCE_PREPS = ("by", "from")
#: modifiers of a noun trigger that name its source ("Iran's strikes", "Iranian strikes")
_NOUN_SOURCE_DEPS = ("poss", "amod", "compound", "nmod")


@dataclass
class Match:
    pattern: Pattern
    trigger: Token
    anchor: Token
    score: tuple[int, int, int]


@dataclass
class Roles:
    sources: Arg | None
    targets: Arg | None
    source_how: str
    target_how: str
    pairs_between: bool = False


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def light_governor(noun: Token, light_verbs: set[str]) -> Token | None:
    """The light verb a nominal trigger is the object of ("carried out *attacks*")."""
    t = noun
    for _ in range(3):
        if t.dep_ not in _NOUN_UP or t.head is t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t if _lemma(t) in light_verbs else None
    return None


def _objects(verb: Token) -> list[Token]:
    """Direct objects (with conjuncts) -- or the passive subject."""
    base = passive_subject(verb) if is_passive(verb) else child(verb, "dobj")
    if base is None:
        return []
    out = [base]
    out.extend(c for c in base.children if c.dep_ == "conj")
    return out


def _preps_of(*toks: Token | None) -> set[str]:
    out = set()
    for t in toks:
        if t is None:
            continue
        out.update(c.lower_ for c in t.children if c.dep_ in ("prep", "agent", "dative"))
    return out


def _cues_ok(pattern: Pattern, scope: list[Token]) -> bool:
    if not pattern.cues:
        return True
    words = {_lemma(t) for t in scope} | {t.lower_ for t in scope}
    return all(words & cue for cue in pattern.cues)


def find_matches(doc_tokens: list[Token], patterns: PatternSet) -> list[Match]:
    """Best match per anchor over the given tokens (one sentence)."""
    best: dict[int, Match] = {}
    for tok in doc_tokens:
        lem = _lemma(tok)
        pos = tok.pos_
        if pos == "VERB":
            for pat in patterns.candidates("verb", lem):
                m = _match_verb(tok, pat)
                if m is not None and (tok.i not in best or m.score > best[tok.i].score):
                    best[tok.i] = m
        if pos in ("NOUN", "PROPN") or (pos == "VERB" and tok.dep_ in ("dobj", "pobj", "conj")
                                        and tok.tag_ == "NNS"):
            for pat in patterns.candidates("noun", lem):
                m = _match_noun(tok, pat, patterns.light_verbs)
                if m is not None and (m.anchor.i not in best or m.score > best[m.anchor.i].score):
                    best[m.anchor.i] = m
    return [best[k] for k in sorted(best)]


def _match_verb(tok: Token, pat: Pattern) -> Match | None:
    objs = _objects(tok)
    if pat.object and not any(_lemma(o) in pat.object for o in objs):
        return None
    if pat.prep and not (_preps_of(tok, *objs) & pat.prep):
        return None
    if pat.particle and not any(c.dep_ == "prt" and _lemma(c) in pat.particle
                                for c in tok.children):
        return None
    if not _cues_ok(pat, complement_tokens(tok)):
        return None
    return Match(pat, tok, tok, (pat.specificity, pat.priority, 0))


def _match_noun(tok: Token, pat: Pattern, light_verbs: set[str]) -> Match | None:
    gov = light_governor(tok, light_verbs)
    if pat.prep and not (_preps_of(tok, gov) & pat.prep):
        return None
    scope = complement_tokens(tok) + (complement_tokens(gov) if gov is not None else [])
    if not _cues_ok(pat, scope):
        return None
    # a nominal event through a light verb counts like a verb pattern with an object
    bonus = 2 if gov is not None else 0
    return Match(pat, tok, gov if gov is not None else tok,
                 (pat.specificity + bonus, pat.priority, 1))


# -- roles ------------------------------------------------------------------

def _arg(mentions: tuple, head: Token, direct: bool) -> Arg | None:
    return Arg(mentions, head.i, direct) if mentions else None


def _target_from_preps(toks: list[Token | None], preps: tuple[str, ...], index: MentionIndex,
                       exclude: tuple[str, ...] = ()) -> tuple[Arg | None, str]:
    for t in toks:
        if t is None:
            continue
        for p, obj in prep_objects(t, preps):
            if p in exclude:
                continue
            ms = actors_at(obj, index)
            if ms:
                return Arg(ms, obj.i, t is toks[0]), f"'{p}' object of '{t.text}'"
    return None, ""


def verb_roles(m: Match, index: MentionIndex) -> Roles:
    verb, pat = m.trigger, m.pattern
    subj, own = verb_subject(verb)
    src = _arg(actors_at(subj, index), subj, own) if subj is not None else None
    s_how = ("by-agent" if is_passive(verb) else "subject") + ("" if own else " (inherited)")
    tgt: Arg | None = None
    t_how = ""
    objs = _objects(verb)
    for o in objs[:1]:
        ms = actors_at(o, index)
        if ms:
            tgt = Arg(ms, o.i, True)
            t_how = "passive subject" if is_passive(verb) else "direct object"
    if tgt is None:
        tgt, t_how = _target_from_preps([verb] + objs[:1], pat.target_preps, index,
                                        exclude=("by",) if is_passive(verb) else ())
    if tgt is None:
        d = child(verb, "dative")
        if d is not None and d.pos_ in ("NOUN", "PROPN", "PRON"):
            ms = actors_at(d, index)
            if ms:
                tgt, t_how = Arg(ms, d.i, True), "indirect object"
    if pat.swap:
        alt, how = _target_from_preps([verb] + objs[:1], ("from", "by"), index)
        return Roles(alt, src, how, s_how)
    return Roles(src, tgt, s_how, t_how)


def noun_roles(m: Match, index: MentionIndex) -> Roles:
    noun, pat, gov = m.trigger, m.pattern, (m.anchor if m.anchor is not m.trigger else None)
    src: Arg | None = None
    s_how = ""
    for c in noun.children:
        if c.dep_ in _NOUN_SOURCE_DEPS:
            ms = actors_at(c, index, depth=1)
            if ms:
                src, s_how = Arg(ms, c.i, True), f"{c.dep_} of the noun"
                break
    if src is None:
        src, s_how = _target_from_preps([noun], _SOURCE_PREPS, index)
    if src is None and gov is not None:
        subj, own = verb_subject(gov)
        if subj is not None:
            ms = actors_at(subj, index)
            if ms:
                src = Arg(ms, subj.i, own)
                s_how = f"subject of '{gov.text}'" + ("" if own else " (inherited)")
    preps = tuple(p for p in pat.target_preps if p not in _SOURCE_PREPS)
    tgt, t_how = _target_from_preps([noun, gov], preps, index)
    between = False
    if tgt is not None and "'between'" in t_how:
        between = True
    return Roles(src, tgt, s_how, t_how, pairs_between=between)
