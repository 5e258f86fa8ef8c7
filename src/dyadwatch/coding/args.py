"""Find the actors that fill a trigger's argument slots in a dependency parse.

Everything here works on spaCy tokens and the actor ``Mention`` list; nothing
knows about CAMEO codes.  The main entry points:

* ``MentionIndex`` -- which mentions cover which token;
* ``actors_at`` -- the actors an argument head stands for ("the BLF and the BLA
  hideouts" -> BLF, BLA; "the response by the armed forces of Pakistan" -> PAKMIL);
* ``verb_subject`` -- the subject of a verb, through conjunction, control verbs,
  relative clauses and participles ("recalled ... and expelled": one subject).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from spacy.tokens import Token

from ..actors import Mention
from ..model import CountryFrom
from .lexicon import lexicon

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
#: children that may hold the actor when the argument head itself is not one
#: ("the Iranian envoy", "Pakistan's strikes", "hideouts of the BLA", "forces, the IRGC")
_DESCEND_DEPS = ("compound", "amod", "poss", "nmod", "appos")


@dataclass(frozen=True)
class Arg:
    """Actors found for one slot, the token they hang on, and how direct the link was."""

    mentions: tuple[Mention, ...]
    head: int  # token index of the argument head
    direct: bool  # True when the slot came straight from the trigger's own children

    def span(self) -> list[int]:
        starts = [m.start for m in self.mentions]
        ends = [m.end for m in self.mentions]
        return [min(starts), max(ends)] if starts else [self.head, self.head + 1]


class MentionIndex:
    """For each token, the outermost mentions covering it (several for compound actors)."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.by_token: dict[int, list[Mention]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                cur = self.by_token.get(i)
                if not cur:
                    self.by_token[i] = [m]
                    continue
                size, new = cur[0].end - cur[0].start, m.end - m.start
                if new > size:
                    self.by_token[i] = [m]
                elif new == size and (cur[0].start, cur[0].end) == (m.start, m.end):
                    if all(x.actor.code != m.actor.code for x in cur):
                        cur.append(m)

    def at(self, i: int) -> list[Mention]:
        return self.by_token.get(i, [])


def _conjuncts(tok: Token, depth: int = 0) -> list[Token]:
    """The token plus its coordinated siblings below it ("X, Y and Z").

    A list the parser read as an apposition ("The US, Russia, and Switzerland":
    Russia appos of US, Switzerland conj of Russia) counts as coordination too.
    """
    out = [tok]
    if depth > 8:
        return out
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "PROPN"
                                and any(x.dep_ == "conj" for x in c.children)):
            out.extend(_conjuncts(c, depth + 1))
        elif (c.dep_ in ("nmod", "compound") and c.pos_ in ("PROPN", "NOUN") and c.i < tok.i
              and any(x.dep_ == "cc" for x in c.children)):
            # "Fornost and the old Gondor": the first conjunct parsed as a modifier
            out.extend(_conjuncts(c, depth + 1))
    return out


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _uniq(ms: Iterable[Mention]) -> tuple[Mention, ...]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for m in ms:
        key = (m.start, m.end, m.actor.code)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return tuple(out)


def actors_at(tok: Token, index: MentionIndex, depth: int = 3,
              follow_conj: bool = True) -> tuple[Mention, ...]:
    """Actors an argument head stands for.

    The head's own mention wins; otherwise modifiers (demonym adjective,
    possessive, compound name, "of"/"by" phrase, apposition) are searched, the
    nearest level first.  Coordinated heads each contribute ("X and Y").
    """
    heads = _conjuncts(tok) if follow_conj else [tok]
    found: list[Mention] = []
    for h in heads:
        own = index.at(h.i)
        if own:
            found.extend(_compose(h, own, index))
            if follow_conj:  # a conjunct hanging inside the mention's span ("Barack Obama and Putin")
                for i in range(own[0].start, own[0].end):
                    tok_i = h.doc[i]
                    if tok_i is not h:
                        for c in tok_i.children:
                            if c.dep_ == "conj" and not own[0].start <= c.i < own[0].end:
                                found.extend(actors_at(c, index, depth, True))
            continue
        if depth <= 0 or h.pos_ in ("VERB", "AUX"):
            continue
        sub: list[Mention] = []
        event = h.lemma_.lower() in lexicon().event_nouns or h.lower_ in lexicon().event_nouns
        for c in h.children:
            if c.dep_ in _DESCEND_DEPS and not (c.dep_ == "appos" and event):
                # an apposition to an event noun renames the event ("its operation
                # against X and Y, two armed groups"): the parser's misplaced appositive
                # names the event's targets, never its agent
                sub.extend(actors_at(c, index, depth - 1))
        if not sub:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in lexicon().descend_preps:
                    o = _pobj(c)
                    if o is not None:
                        sub.extend(actors_at(o, index, depth - 1))
        found.extend(sub)
    return _uniq(found)


#: countries the actor stage takes from the document, not the actor's own words
_DOCUMENT_DEFAULTS = (CountryFrom.DATELINE, CountryFrom.STORY)


def is_weak(m: Mention) -> bool:
    """A mention without a country of its own ("---MIL" for a bare "troops", or "troops"
    given the dateline's or the story's country): the event's place may still name it."""
    return m.actor.code.startswith("---") or not m.actor.code \
        or m.actor.country_from in _DOCUMENT_DEFAULTS


def _compose(head: Token, own: list[Mention], index: MentionIndex) -> list[Mention]:
    """A country-less head ("troops") with a national modifier ("Azerbaijani") -> AZEMIL.

    The actor tagger normally composes these itself; this is a fallback for
    spans it left apart.
    """
    if not all(is_weak(m) for m in own):
        return own + _coordinated_nationals(head, own, index)
    for c in head.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < head.i:
            nat = [m for m in index.at(c.i) if not is_weak(m) and m.actor.country
                   and m.end <= own[0].start]
            if nat:
                out = []
                for m in own:
                    a = m.actor
                    code = nat[0].actor.code[:3] + a.code[3:]
                    out.append(Mention(min(nat[0].start, m.start), m.end,
                                       replace(a, code=code, country=nat[0].actor.country,
                                               country_from=CountryFrom.DEMONYM),
                                       m.kind))
                return out
    return own


def _coordinated_nationals(head: Token, own: list[Mention], index: MentionIndex
                           ) -> list[Mention]:
    """ "Indian and Chinese troops" tagged as CHNMIL only: add INDMIL for the other demonym."""
    out: list[Mention] = []
    first = own[0]
    for c in head.children:
        if c.dep_ != "amod" or first.start <= c.i < first.end:
            continue
        if not any(x.dep_ == "conj" for x in c.children):
            continue
        for m in index.at(c.i):
            if m.actor.country and not is_weak(m) and m.actor.country != first.actor.country:
                out.append(Mention(m.start, m.end, replace(
                    first.actor, code=m.actor.code[:3] + first.actor.code[3:],
                    country=m.actor.country, country_from=CountryFrom.DEMONYM), first.kind))
    return out


def site_country(tok: Token, index: MentionIndex) -> tuple[Mention, ...]:
    """For a site noun ("hideouts in Iran"), the actors of its "in/inside/near" object."""
    lex = lexicon()
    if tok.lemma_.lower() not in lex.site_nouns and tok.lower_ not in lex.site_nouns:
        return ()
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in lex.site_preps:
            o = _pobj(c)
            if o is None:
                continue
            ms = actors_at(o, index, depth=2)
            if ms:
                return ms
            for c2 in o.children:  # "a facility near Balakot, in Pakistan"
                if c2.dep_ == "prep" and c2.lower_ in lex.place_preps:
                    o2 = _pobj(c2)
                    if o2 is not None and actors_at(o2, index, depth=2):
                        return actors_at(o2, index, depth=2)
    return ()


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def verb_subject(verb: Token, hops: int = 4) -> tuple[Token | None, bool]:
    """The logical subject token of ``verb`` and whether it is the verb's own.

    Passive verbs return the ``by`` agent (or None).  Without an own subject the
    subject is inherited: conjoined verbs share it, control verbs pass theirs
    ("decided to recall": the decider; "urged Iran to stop": Iran), relative
    clauses use the noun they modify, participial adjuncts the main clause's.
    """
    if is_passive(verb):
        agent = child(verb, "agent")
        if agent is None and verb.lemma_.lower() in lexicon().stative_participles and any(
                c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
            # "Ghana *is opposed to* X": a stance, not a passive act; the subject holds it
            return child(verb, "nsubjpass"), True
        return (_pobj(agent) if agent is not None else None), True
    subjs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    subj = subjs[-1] if subjs else None  # the one nearest the verb ("The caretaker Prime Minister")
    if subj is not None:
        if subj.lower_ in lexicon().relative_pronouns and verb.dep_ == "relcl":
            return copular_members(verb.head) or verb.head, True
        return subj, True
    if hops <= 0 or verb.head is verb:
        return None, False
    head = verb.head
    if (verb.dep_ == "conj" or verb.dep_ == "dep" and verb.i > head.i) \
            and head.pos_ in ("VERB", "AUX"):
        # "condemned the incursion, summoned the ambassador and ...": a list of
        # verbs the parser left as "dep" shares the subject like a conjunct
        s, _ = verb_subject(head, hops - 1)
        return s, False
    while verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp", "amod") \
            and head.head is not head:  # "Iran is about/ready/willing to restore ..."
        head = head.head
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
        obj = child(head, "dobj")
        if obj is not None:
            return obj, False
        if is_passive(head) and child(head, "nsubjpass") is not None:
            # "Obama is being pressured by Congress *to help* Iran": the one pressed helps
            return child(head, "nsubjpass"), False
        s, _ = verb_subject(head, hops - 1)
        return s, False
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return copular_members(head) or head, False
    if (verb.dep_ == "acomp" and head.lemma_ == "be"
            and verb.lemma_.lower() in lexicon().stative_participles):
        # the same stance parsed as a predicative participle ("Morocco is *opposed* to X")
        s = child(head, "nsubj")
        if s is not None:
            return s, True
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return head, False  # "kidnappers *holding* two aid workers hostage"
    if (verb.dep_ == "advcl" and verb.tag_ == "VB" and head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        # "sent troops *to help* defend X", "moved in, using bulldozers *to remove* ...":
        # a purpose clause is the main clause subject's act
        s, _ = verb_subject(head, hops - 1)
        return s, False
    if (verb.dep_ == "advcl" and (verb.tag_ in ("VBG", "VBN") or verb.lower_.endswith("ing"))
            and head.pos_ in ("VERB", "AUX")):  # (an "-ing" the tagger read as a noun too)
        prev = _clause_just_before(verb)
        if prev is not None:
            # "... after two-thirds of Bangladesh was submerged, *killing* 700 people": the
            # participle goes with the subordinate clause it follows, not the main one
            s, _ = verb_subject(prev, hops - 1)
            return s, False
        s, _ = verb_subject(head, hops - 1)
        return s, False
    return None, False


#: the words that make a copular predicate name a class its subject belongs to ("X was
#: *among* the governments that ...", "X is *one of* the states that ...")
_MEMBER_PREPS = ("among",)
_MEMBER_HEADS = ("one", "some", "two", "three", "several", "many")


def copular_members(noun: Token) -> Token | None:
    """ "Chile and Peru were among *the countries* that criticized X", "Chile is one of
    the countries that ...": the class noun a relative clause modifies stands for the
    copula's subject, whose members did the act; None for any other noun."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    gov = prep.head
    if prep.lower_ in _MEMBER_PREPS:
        pass
    elif prep.lower_ == "of" and gov.lower_ in _MEMBER_HEADS and gov.dep_ in ("attr", "nsubj"):
        gov = gov.head
    else:
        return None
    if gov.lemma_ != "be" or gov.pos_ not in ("AUX", "VERB"):
        return None
    return next((c for c in gov.children if c.dep_ == "nsubj"), None)


def _clause_just_before(verb: Token) -> Token | None:
    """A subordinate clause ("after/when/as X ...") of the same head that ends right before
    the participle (a comma at most in between), or None."""
    for c in verb.head.children:
        if (c.dep_ == "advcl" and c.i < verb.i and c is not verb
                and any(x.dep_ == "mark" for x in c.children)
                and verb.i - c.right_edge.i <= 2
                and all(verb.doc[k].is_punct for k in range(c.right_edge.i + 1, verb.i))):
            return c
    return None


def passive_subject(verb: Token) -> Token | None:
    return child(verb, "nsubjpass")


def free_relative(clause: Token) -> Token | None:
    """ "*what* the military described as hideouts of X" / "what Tehran called bases of
    X": the noun the free relative clause names, or None."""
    wh = child(clause, "dobj")
    if wh is None or wh.lower_ not in ("what", "whatever"):
        return None
    for c in clause.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            o = _pobj(c)
            if o is not None:
                return o
        if c.dep_ in ("oprd", "xcomp") and c.pos_ in ("NOUN", "PROPN"):
            return c
    return None


def prep_objects(tok: Token, preps: Iterable[str]) -> list[tuple[str, Token]]:
    """``(preposition, object)`` pairs under ``tok`` for the given prepositions, in order."""
    allowed = set(preps)
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in allowed:
            # usually one object; a mis-tokenised "de - escalation" gives several
            for o in c.children:
                if o.dep_ == "pobj":
                    out.append((c.lower_, o))
                elif o.dep_ == "pcomp":  # "against what Tehran called bases of X"
                    out.append((c.lower_, free_relative(o) or o))
        elif c.dep_ == "acl" and c.lemma_.lower() in allowed:  # "strikes targeting X"
            o = child(c, "dobj")
            if o is not None:
                out.append((c.lemma_.lower(), o))
    return out


def complement_tokens(tok: Token) -> list[Token]:
    """Tokens of ``tok``'s subtree outside its subject(s): where cue words are looked for."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in SUBJ_DEPS:
            skip.update(t.i for t in c.subtree)
    return [t for t in tok.subtree if t.i not in skip and t.i != tok.i and not t.is_punct]


def place_country(toks: list[Token | None], index: MentionIndex) -> Mention | None:
    """The country of the place an event happened ("killed two militants *in Gaza*")."""
    for t in toks:
        if t is None:
            continue
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in lexicon().place_preps:
                o = _pobj(c)
                if o is None:
                    continue
                for m in actors_at(o, index, depth=2) or site_country(o, index):
                    if not is_weak(m) and m.actor.country:
                        return m
    return None


def with_country(m: Mention, country: str,
                 how: CountryFrom = CountryFrom.PLACE) -> Mention:
    """The same mention coded as ``country``'s ("---INS" -> "IRQINS")."""
    a = m.actor
    return Mention(m.start, m.end, replace(a, code=country + a.code[3:], country=country,
                                           country_from=how), m.kind)


def localize(m: Mention, place: Mention) -> Mention:
    """A country-less actor ("---INS") given the country of the event's place."""
    how = CountryFrom.DATELINE if place.actor.country_from == CountryFrom.DATELINE \
        else CountryFrom.PLACE
    return with_country(m, place.actor.code[:3], how)


#: parts of speech that may stand between the members of a list of actors ("Arnor,
#: Calenardhon and the evil Gondor"; the words: ``list_glue_words`` in the lexicon)
_LIST_GLUE_POS = frozenset({"DET", "ADJ", "CCONJ", "PUNCT", "ADV"})


def listed_with(tok: Token, found: tuple[Mention, ...], index: MentionIndex
                ) -> tuple[Mention, ...]:
    """Actors listed together with ``found`` inside ``tok``'s subtree, by the surface
    ("A, B and C"), for lists the parser did not read as coordination (a first member
    taken as a modifier, a middle one as an apposition).  Only mentions joined to the
    found ones by commas, conjunctions, determiners and adjectives count, and the list
    needs a comma or a conjunction."""
    if not found:
        return found
    sub = {t.i for t in tok.subtree}
    if tok.dep_ in ("nsubj", "nsubjpass"):
        # "Turkey, the rich Qatar, and Egypt condemned ...": the first members hang on
        # the verb as a loose modifier, left of the subject
        for c in tok.head.children:
            if c.i < tok.i and c.dep_ in ("npadvmod", "dep", "nmod", "appos", "meta"):
                sub.update(t.i for t in c.subtree)
    doc = tok.doc
    out = list(found)
    taken = {(m.start, m.end) for m in found}
    queue = list(found)
    while queue:
        cur = queue.pop()
        for step in (-1, 1):
            i, glue = (cur.start - 1 if step < 0 else cur.end), False
            while i in sub:
                ms = index.at(i)
                if ms:
                    m = ms[0]
                    if glue and (m.start, m.end) not in taken:
                        out.extend(ms)
                        queue.append(m)
                        taken.add((m.start, m.end))
                    break
                t = doc[i]
                modifier = (t.pos_ in ("NOUN", "ADJ") and t.is_lower  # "the evil *awful* X"
                            and t.dep_ in ("amod", "conj", "compound", "nmod"))
                if (t.pos_ not in _LIST_GLUE_POS and t.lower_ not in lexicon().list_glue_words
                        and not modifier):
                    break
                if t.lower_ in (",", "and", "or", "nor"):
                    glue = True
                i += step
    return _uniq(out)
