"""Match patterns against triggers in a parsed sentence and fill source/target slots.

A *match* is (pattern, trigger token, anchor token): the anchor is the verb the
event hangs on -- the trigger itself, or the light verb governing a nominal
trigger ("launched *strikes*": anchor "launched", trigger "strikes").  Only the
best match per anchor becomes events (most specific pattern, then own patterns
before converted ones).  Filling the source/target slots is ``roles.py``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from spacy.tokens import Token

from .args import child, complement_tokens, free_relative, is_passive, passive_subject
from .lexicon import lexicon
from .patterns import Pattern, PatternSet
from .phrase import Binding, match_phrase

#: (start, end) of an actor mention covering a token index, or None
ActorSpan = Callable[[int], "tuple[int, int] | None"]


def _no_actors(i: int) -> None:
    return None

#: dependency steps allowed when climbing from a nominal trigger to its light verb
#: (not "compound": in "a massacre probe" the event is the probe, not the massacre)
_NOUN_UP = {"dobj", "conj", "appos", "nsubjpass", "attr", "oprd"}



#: how far after the verb the cue words of a converted (PETRARCH) pattern may be
CONVERTED_WINDOW = 8


@dataclass
class Match:
    pattern: Pattern
    trigger: Token
    anchor: Token
    score: tuple[int, int, int]
    binding: Binding | None = None  # where a phrase pattern's '+' / '$' landed


def lemma_of(t: Token) -> str:
    """The token's lower-case lemma; a verb lemma the model gets wrong is corrected
    (lexicon ``verb_lemma_fixes``: "staged" -> "stag" -> "stage")."""
    lem = t.lemma_.lower()
    return lexicon().verb_lemma_fixes.get(lem, lem) if t.pos_ == "VERB" else lem


def light_governor(noun: Token, light_verbs: set[str]) -> Token | None:
    """The light verb a nominal trigger is the object of ("carried out *attacks*")."""
    t = noun
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ == "of" and lemma_of(t.head.head) in lexicon().quantifiers:
            t = t.head.head  # "held *a new round of* talks", "launched *a series of* raids"
        if t.dep_ not in _NOUN_UP or t.head is t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t if lemma_of(t) in light_verbs else None
    return None


def objects_of(verb: Token) -> list[Token]:
    """Direct objects (with conjuncts) -- or the passive subject."""
    base = passive_subject(verb) if is_passive(verb) else child(verb, "dobj")
    if base is None and is_passive(verb) and verb.dep_ in ("conj", "advcl"):
        # "The civilians imprisoned ... were released by Putin": the subject is the head verb's
        base = child(verb.head, "nsubj", "nsubjpass")
    if base is None and not is_passive(verb):
        base = _free_relative_object(verb)
    if base is None and not is_passive(verb):
        base = _quantity_object(verb)
    if base is None:
        return []
    base = _repair_object(verb, base)
    out = [base]
    out.extend(c for c in base.children if c.dep_ == "conj")
    return out


#: nouns that count what follows their "of" ("freed *hundreds of* prisoners")
_COUNT_NOUNS = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens",
                          "score", "scores", "tens", "group", "batch", "number"})


def _counted(objs: list[Token]) -> list[Token]:
    """The objects, and for a counting noun ("hundreds of prisoners", "a group of
    hostages") the counted noun as well: an object pattern matches either."""
    out = list(objs)
    for o in objs:
        if o.lower_ in _COUNT_NOUNS or lemma_of(o) in _COUNT_NOUNS:
            out.extend(x for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                       for x in p.children if x.dep_ == "pobj")
    return out


def _quantity_object(verb: Token) -> Token | None:
    """ "kidnapped *up to 16* Russian advisers", parsed as a particle and a "to" phrase:
    the counted noun is the object."""
    ups = [c for c in verb.children if c.lower_ == "up"]
    for c in list(verb.children) + [x for u in ups for x in u.children]:
        if (c.dep_ == "prep" and c.lower_ == "to" and c.i > 0
                and verb.doc[c.i - 1].lower_ == "up"):
            o = next((x for x in c.children if x.dep_ == "pobj"), None)
            if o is not None and any(x.dep_ == "nummod" for x in o.children):
                return o
    return None


def _free_relative_object(verb: Token) -> Token | None:
    """ "hit *what the military described as hideouts of X*": the described thing."""
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp") and comp.i > verb.i:
            found = free_relative(comp)
            if found is not None:
                return found
    return None


def _repair_object(verb: Token, base: Token) -> Token:
    """A participle/adjective mis-parsed as the object ("lauded the professional,
    *calibrated*, and proportionate response"): the next noun to its right in the
    verb's subtree is the real object head."""
    if base.pos_ not in ("VERB", "ADJ") or base.tag_ not in ("VBN", "VBG", "JJ", "VB"):
        return base
    if any(c.dep_ in ("dobj", "nsubj", "prep", "nummod") for c in base.children):
        return base  # (with a number, an adjective is a noun: "reported *nine dead*")
    # not into a coordinated verb's own words ("reports nine dead and *summons* X's envoy")
    sub = {t.i for t in verb.subtree} - {t.i for c in verb.children
                                          if c.dep_ == "conj" for t in c.subtree}
    doc = verb.doc
    for i in range(base.i + 1, min(base.i + 8, len(doc))):
        t = doc[i]
        if i not in sub or t.is_sent_start:
            break
        if t.pos_ in ("NOUN", "PROPN"):
            return t
    return base


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
    words = {lemma_of(t) for t in scope} | {t.lower_ for t in scope}
    return all(words & cue for cue in pattern.cues)


def find_matches(doc_tokens: list[Token], patterns: PatternSet,
                 actor_span: ActorSpan = _no_actors) -> list[list[Match]]:
    """Matches per anchor over the given tokens (one sentence), best first.

    The coder takes the first match of each anchor that yields an event, so a
    more specific pattern whose slots stay empty falls back to the next one.
    """
    by_anchor: dict[int, list[Match]] = {}
    for tok in doc_tokens:
        lem = lemma_of(tok)
        pos = tok.pos_
        as_verb = _misread_participle(tok, patterns)
        if as_verb is not None:  # "*Deeming* the strikes illegal, ..." tagged as a noun
            lem, pos = as_verb, "VERB"
        if pos == "VERB":
            view = _VerbView(tok)
            # patterns whose cues cannot meet the verb's words are not tried
            # (``words(False)`` holds every word any cue is matched against)
            words = view.words(False) if patterns.candidates("verb", lem) or \
                patterns.candidates("verb", tok.lower_) else set()
            cands = patterns.candidates_with("verb", lem, words)
            if tok.lower_ != lem:  # a dictionary may list inflected forms ("LEFT", "BROKEN"):
                # the form itself goes first, so it wins a tie with the lemma ("leave")
                cands = patterns.candidates_with("verb", tok.lower_, words) + cands
            for pat in cands:
                m = _match_verb(view, pat, actor_span)
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




def _misread_participle(tok: Token, patterns: PatternSet) -> str | None:
    """The verb lemma of a participle the tagger read as a noun though it heads a clause
    with a direct object ("*Deeming* the strikes an illegal act, Pakistan ..."), or None."""
    low = tok.lower_
    if (tok.pos_ not in ("NOUN", "PROPN") or not low.endswith("ing")
            or tok.dep_ not in ("advcl", "ROOT", "ccomp", "conj", "acl")
            or not any(c.dep_ == "dobj" for c in tok.children)):
        return None
    stem = low[:-3]
    for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if cand and patterns.candidates("verb", cand):
            return cand
    return None


def _effect_match(verb: Token, patterns: PatternSet) -> Match | None:
    # a verb reporting the effect of an event noun that is its subject ("an Israeli
    # *airstrike* killed 12 people": the event is the airstrike)
    if lemma_of(verb) not in lexicon().effect_verbs or is_passive(verb):
        return None
    subj = child(verb, "nsubj")
    if subj is None:
        return None
    best: Match | None = None
    for pat in patterns.candidates("noun", lemma_of(subj)):
        m = _match_noun(subj, pat, patterns.light_verbs)
        if m is None or m.anchor is not subj:
            continue
        as_verb = replace(pat, pos="verb", id=f"{pat.id}+{lemma_of(verb)}",
                          target_preps=pat.target_preps)
        cand = Match(as_verb, verb, verb, (pat.priority, pat.rank + 3, 2))
        if best is None or cand.score > best.score:
            best = cand
    return best


class _VerbView:
    """What the verb patterns test about one verb token, computed once per token
    (thousands of converted patterns may be tried on a frequent verb)."""

    __slots__ = ("tok", "_objs", "_preps", "_prts", "_words", "_near", "_before")

    def __init__(self, tok: Token) -> None:
        self.tok = tok
        self._objs: list[Token] | None = None
        self._preps: set[str] | None = None
        self._prts: set[str] | None = None
        self._words: set[str] | None = None
        self._near: set[str] | None = None
        self._before: set[str] | None = None

    @property
    def objs(self) -> list[Token]:
        if self._objs is None:
            self._objs = objects_of(self.tok)
        return self._objs

    @property
    def preps(self) -> set[str]:
        if self._preps is None:
            self._preps = _preps_of(self.tok, *self.objs)
        return self._preps

    @property
    def particles(self) -> set[str]:
        if self._prts is None:
            self._prts = {lemma_of(c) for c in self.tok.children if c.dep_ == "prt"}
        return self._prts

    def words(self, near: bool) -> set[str]:
        if self._words is None:
            scope = _verb_scope(self.tok)
            self._words = _wordset(scope)
            self._near = _wordset([t for t in scope
                                   if 0 < t.i - self.tok.i <= CONVERTED_WINDOW])
        return self._near if near else self._words  # type: ignore[return-value]

    @property
    def before(self) -> set[str]:
        if self._before is None:
            tok = self.tok
            self._before = _wordset(tok.doc[max(tok.sent.start, tok.i - 6):tok.i])
        return self._before


def _wordset(toks) -> set[str]:
    out: set[str] = set()
    for t in toks:
        out.add(t.lower_)
        out.add(lemma_of(t))
    return out


def _match_verb(view: _VerbView, pat: Pattern, actor_span: ActorSpan = _no_actors
                ) -> Match | None:
    tok = view.tok
    if pat.object and not any(lemma_of(o) in pat.object or o.lower_ in pat.object
                              for o in _counted(view.objs)):
        return None
    if pat.prep and not (view.preps & pat.prep):
        return None
    if pat.particle and not (view.particles & pat.particle):
        return None
    if pat.cues:
        # converted (PETRARCH) words are positional: they must follow the verb closely
        words = view.words(pat.converted)
        if not all(words & cue for cue in pat.cues):
            return None
    if pat.before and not all(view.before & b for b in pat.before):
        return None
    binding = None
    if pat.phrase is not None:
        binding = match_phrase(pat.phrase, tok, actor_span)
        if binding is None:
            return None
    return Match(pat, tok, tok, (pat.priority, pat.rank, 0), binding)


#: prepositions that place a verb's act in time or among circumstances: the words of
#: their phrase tell of another event ("announced a suspension of air links *one day after*
#: a jet shot down a helicopter carrying truce monitors": no truce is declared)
_CIRCUMSTANCE_PREPS = frozenset({"after", "before", "since", "following", "during", "amid",
                                 "amidst", "despite", "until"})


def _verb_scope(tok: Token) -> list[Token]:
    """Where a verb's cue words are looked for: its subtree without conjoined verbs
    ("objected to the display and *demanded* ...": "demand" is not a cue of "objected"),
    adverbial clauses and time or circumstance phrases (another event's words)."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") or _circumstance(c):
            skip.update(t.i for t in c.subtree)
    return [t for t in tok.subtree if t.i != tok.i and t.i not in skip]


def _circumstance(c: Token) -> bool:
    """ "after the raid", "one day after ...", "amid protests", "as the opposition
    threatened ...": a time or circumstance phrase, or an adverbial clause with its own
    subject (a purpose infinitive, "offered troops *to help* him", is the act's content)."""
    if c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE_PREPS:
        return True
    if c.dep_ == "advcl":
        return any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
    return c.dep_ == "npadvmod" and any(
        g.dep_ == "prep" and g.lower_ in _CIRCUMSTANCE_PREPS for g in c.children)


def vehicle_of(noun: Token) -> Token | None:
    """The noun carrying an event noun that modifies it ("a *mediation* mission between X
    and Y", "launched a *peace* effort"): its light verb and actors are the event's."""
    if noun.dep_ in ("compound", "amod", "nmod") and noun.head is not noun \
            and lemma_of(noun.head) in lexicon().vehicle_nouns:
        return noun.head
    return None


def _match_noun(tok: Token, pat: Pattern, light_verbs: set[str]) -> Match | None:
    gov = light_governor(tok, light_verbs)
    if gov is None:
        carrier = vehicle_of(tok)
        if carrier is not None:
            gov = light_governor(carrier, light_verbs)
    if pat.prep and not (_preps_of(tok, gov) & pat.prep):
        return None
    scope = complement_tokens(tok) + ([gov] + complement_tokens(gov) if gov is not None else [])
    if not _cues_ok(pat, scope):
        return None
    # a nominal event through a light verb counts like a verb pattern with an object
    bonus = 2 if gov is not None else 0
    return Match(pat, tok, gov if gov is not None else tok,
                 (pat.priority, pat.rank + bonus, 1))
