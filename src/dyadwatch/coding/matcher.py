"""Match patterns against triggers in a parsed sentence and fill source/target slots.

A *match* is (pattern, trigger token, anchor token): the anchor is the verb the
event hangs on -- the trigger itself, or the light verb governing a nominal
trigger ("launched *strikes*": anchor "launched", trigger "strikes").  Only the
best match per anchor becomes events (most specific pattern, then own patterns
before converted ones).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from .args import (Arg, MentionIndex, actors_at, child, complement_tokens, is_passive, is_weak,
                   SITE_NOUNS, site_country,
                   passive_subject, prep_objects, verb_subject)
from .patterns import Pattern, PatternSet

#: dependency steps allowed when climbing from a nominal trigger to its light verb
#: (not "compound": in "a massacre probe" the event is the probe, not the massacre)
_NOUN_UP = {"dobj", "conj", "appos", "nsubjpass", "attr", "oprd"}
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
    if base is None and is_passive(verb) and verb.dep_ in ("conj", "advcl"):
        # "The civilians imprisoned ... were released by Putin": the subject is the head verb's
        base = child(verb.head, "nsubj", "nsubjpass")
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


def find_matches(doc_tokens: list[Token], patterns: PatternSet) -> list[list[Match]]:
    """Matches per anchor over the given tokens (one sentence), best first.

    The coder takes the first match of each anchor that yields an event, so a
    more specific pattern whose slots stay empty falls back to the next one.
    """
    by_anchor: dict[int, list[Match]] = {}
    for tok in doc_tokens:
        lem = _lemma(tok)
        pos = tok.pos_
        if pos == "VERB":
            for pat in patterns.candidates("verb", lem):
                m = _match_verb(tok, pat)
                if m is not None:
                    by_anchor.setdefault(tok.i, []).append(m)
            eff = _effect_match(tok, patterns)
            if eff is not None:
                by_anchor.setdefault(tok.i, []).append(eff)
        if pos in ("NOUN", "PROPN") or (pos == "VERB" and tok.dep_ in ("dobj", "pobj", "conj")
                                        and tok.tag_ == "NNS"):
            for pat in patterns.candidates("noun", lem):
                m = _match_noun(tok, pat, patterns.light_verbs)
                if m is not None:
                    by_anchor.setdefault(m.anchor.i, []).append(m)
    out = []
    for k in sorted(by_anchor):
        ms = by_anchor[k]
        ms.sort(key=lambda m: m.score, reverse=True)  # stable: earlier trigger first on ties
        out.append(ms)
    return out


#: verbs reporting the effect of an event noun that is their subject
#: ("an Israeli *airstrike* killed 12 people": the event is the airstrike)
EFFECT_VERBS = frozenset("kill wound injure hit destroy damage target claim leave".split())


def _effect_match(verb: Token, patterns: PatternSet) -> Match | None:
    if _lemma(verb) not in EFFECT_VERBS or is_passive(verb):
        return None
    subj = child(verb, "nsubj")
    if subj is None:
        return None
    best: Match | None = None
    for pat in patterns.candidates("noun", _lemma(subj)):
        m = _match_noun(subj, pat, patterns.light_verbs)
        if m is None or m.anchor is not subj:
            continue
        as_verb = replace(pat, pos="verb", id=f"{pat.id}+{_lemma(verb)}",
                          target_preps=pat.target_preps)
        cand = Match(as_verb, verb, verb, (pat.priority, pat.specificity + 3, 2))
        if best is None or cand.score > best.score:
            best = cand
    return best


def _match_verb(tok: Token, pat: Pattern) -> Match | None:
    objs = _objects(tok)
    if pat.object and not any(_lemma(o) in pat.object or o.lower_ in pat.object for o in objs):
        return None
    if pat.prep and not (_preps_of(tok, *objs) & pat.prep):
        return None
    if pat.particle and not any(c.dep_ == "prt" and _lemma(c) in pat.particle
                                for c in tok.children):
        return None
    if not _cues_ok(pat, [t for t in tok.subtree if t.i != tok.i]):
        return None
    return Match(pat, tok, tok, (pat.priority, pat.specificity, 0))


def _match_noun(tok: Token, pat: Pattern, light_verbs: set[str]) -> Match | None:
    gov = light_governor(tok, light_verbs)
    if pat.prep and not (_preps_of(tok, gov) & pat.prep):
        return None
    scope = complement_tokens(tok) + ([gov] + complement_tokens(gov) if gov is not None else [])
    if not _cues_ok(pat, scope):
        return None
    # a nominal event through a light verb counts like a verb pattern with an object
    bonus = 2 if gov is not None else 0
    return Match(pat, tok, gov if gov is not None else tok,
                 (pat.priority, pat.specificity + bonus, 1))


# -- roles ------------------------------------------------------------------

def _arg(mentions: tuple, head: Token, direct: bool) -> Arg | None:
    return Arg(mentions, head.i, direct) if mentions else None


def _self_possessed(obj: Token, ms: tuple, src: Arg | None) -> bool:
    """ "recalled *its* ambassador": the object belongs to the source, it is no target."""
    if src is None or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        return False
    countries = {m.actor.country for m in src.mentions}
    return all(m.actor.country in countries or is_weak(m) for m in ms)


def _choose(cands: list[tuple[Token, str, bool]], index: MentionIndex,
            src: Arg | None, anchor: Token | None = None) -> tuple[Arg | None, str]:
    """First candidate slot naming a country-coded actor other than the source's own.

    When the only slot is an actor-less site ("strikes on militant hideouts ... in
    Iran"), the anchor's "in" phrase gives the target country.
    """
    if anchor is not None and any(c[0].lemma_.lower() in SITE_NOUNS for c in cands):
        cands = cands + _prep_cands([anchor], ("in", "inside"), False)
    fallback: tuple[Arg | None, str] = (None, "")
    src_codes = {m.actor.code for m in src.mentions} if src else set()
    for tok, how, direct in cands:
        ms = actors_at(tok, index) or site_country(tok, index)
        if not ms or _self_possessed(tok, ms, src):
            continue
        if all(m.actor.code in src_codes for m in ms):
            continue
        arg = Arg(ms, tok.i, direct)
        if not all(is_weak(m) for m in ms):
            return arg, how
        if fallback[0] is None:
            fallback = (arg, how)
    return fallback


def _prep_cands(toks: list[Token | None], preps: tuple[str, ...], direct: bool,
                exclude: tuple[str, ...] = ()) -> list[tuple[Token, str, bool]]:
    out = []
    for t in toks:
        if t is None:
            continue
        for p, obj in prep_objects(t, preps):
            if p not in exclude:
                out.append((obj, f"'{p}' object of '{t.text}'", direct))
    return out


def _deeper(toks: list[Token], preps: tuple[str, ...]) -> list[tuple[Token, str, bool]]:
    """Prepositional objects one level further down ("agreed to a ceasefire *with* X")."""
    out = []
    for t in toks:
        # "the resumption *of* ties with X", "called *for* de-escalation between X and Y"
        for _, obj in prep_objects(t, preps + ("of", "for")):
            out.extend(_prep_cands([obj], preps, False))
    return out


def verb_roles(m: Match, index: MentionIndex) -> Roles:
    verb, pat = m.trigger, m.pattern
    subj, own = verb_subject(verb)
    src = _arg(actors_at(subj, index), subj, own) if subj is not None else None
    s_how = ("by-agent" if is_passive(verb) else "subject") + ("" if own else " (inherited)")
    passive = is_passive(verb)
    objs = _objects(verb)
    preps = pat.target_preps
    excl = ("by",) if passive else ()
    # the constrained object is the *thing* when it names no country ("mobilized
    # troops", "signed an agreement"); a national one stays the target ("expelled the
    # Iranian envoy")
    cands: list[tuple[Token, str, bool]] = [
        (o, "passive subject" if passive else "direct object", True) for o in objs[:1]
        if not (pat.object and _lemma(o) in pat.object
                and all(is_weak(x) for x in actors_at(o, index)))]
    cands += _prep_cands([verb], preps, True, excl) + _prep_cands(objs[:1], preps, False)
    d = child(verb, "dative")
    if d is not None and d.pos_ in ("NOUN", "PROPN", "PRON"):
        cands.append((d, "indirect object", True))
    # statements ("said", "reported") take a target only from their own object or a
    # "to" phrase: the subject of the reported clause is not whom they address
    statement = pat.code in ("01", "010")
    if statement:  # and the object must itself be an actor ("told X", not "announced X's plan")
        cands = [c for c in cands if c[2] and (c[1] != "direct object" or index.at(c[0].i))]
    for comp in (c for c in verb.children
                 if c.dep_ in ("xcomp", "ccomp") and not statement):
        cs = child(comp, "nsubj")
        if cs is not None:
            cands.append((cs, f"subject of '{comp.text}'", False))
        cobjs = _objects(comp)
        cands += [(o, f"object of '{comp.text}'", False) for o in cobjs[:1]]
        cands += _prep_cands([comp] + cobjs[:1], preps, False)
    if not statement:
        cands += _deeper([verb] + objs[:1], preps)
    if pat.swap:
        alt, how = _choose(_prep_cands([verb] + objs[:1], ("from", "by"), True), index, None)
        return Roles(alt, src, how, s_how)
    tgt, t_how = _choose(cands, index, src, verb)
    return Roles(src, tgt, s_how, t_how)


def noun_roles(m: Match, index: MentionIndex) -> Roles:
    noun, pat, gov = m.trigger, m.pattern, (m.anchor if m.anchor is not m.trigger else None)
    src: Arg | None = None
    s_how = ""
    for c in noun.children:
        if c.dep_ in _NOUN_SOURCE_DEPS:
            ms = actors_at(c, index, depth=1)
            if ms and not all(is_weak(x) for x in ms):
                src, s_how = Arg(ms, c.i, True), f"{c.dep_} of the noun"
                break
    if src is None:
        src, s_how = _choose(_prep_cands([noun], _SOURCE_PREPS, True), index, None)
    if src is None and gov is not None:
        subj, own = verb_subject(gov)
        if subj is not None:
            ms = actors_at(subj, index)
            if ms:
                src = Arg(ms, subj.i, own)
                s_how = f"subject of '{gov.text}'" + ("" if own else " (inherited)")
    preps = tuple(p for p in pat.target_preps if p not in _SOURCE_PREPS)
    appos = [c for c in noun.children if c.dep_ == "appos"]  # "strikes -- 'an operation' -- on X"
    cands = _prep_cands([noun] + appos, preps, True) + _prep_cands([gov], preps, False)
    cands += _deeper([noun], preps)
    tgt, t_how = _choose(cands, index, src, gov or noun)
    between = tgt is not None and "'between'" in t_how
    return Roles(src, tgt, s_how, t_how, pairs_between=between)
