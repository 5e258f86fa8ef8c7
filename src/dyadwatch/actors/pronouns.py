"""Personal pronouns as actors: one pass of ``ActorDictionary.tag`` (after the names).

``resolve`` takes the mention list (countries settled, "it"/"the country" already
resolved to a country by ``coref.py``) and adds one mention per pronoun it can resolve,
in three steps, each seeing what the one before added:

1. a subject "he"/"she" is the person named last before it: in its own sentence, else in
   the nearest of the ``lookback`` sentences before that names people (the main subject
   first, then any subject, then the last named); unresolved when that sentence names
   two different people in the same best position;
2. an object "him"/"her" is the one person named in its own sentence (or the sentence
   before) other than the subject of its clause;
3. a subject "he"/"she"/"they"/"it" still without an actor is the nearest earlier
   *subject* (same sentence before it, or the ``lookback`` sentences before) naming
   actors of the pronoun's kind: "he"/"she" a person or an office held by one, singular;
   "they" a plural noun ("the rebels") or coordinated actors; "it" a state, a capital or
   an organisation, singular and never a person.

A pronoun mention carries its antecedent's code, ``kind`` "coref", the antecedent's token
span in ``Mention.antecedent`` (the coder's ``--explain`` reads it) and
``CountryFrom.COREFERENCE`` (a document default stays one).  The word lists are the
``pronouns`` section of ``data/actors/rules.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Token

from ..errors import ConfigError
from ..text import doc_text
from .mention import Mention, merge_mentions, sent_index
from .people import standing_for

_SUBJ = frozenset({"nsubj", "nsubjpass"})
#: dependency labels of an object pronoun ("accused *her* of", "lashed out at *him*")
_OBJ = frozenset({"dobj", "pobj", "dative"})


@dataclass(frozen=True)
class PronounRules:
    """The ``pronouns`` section of ``rules.json``, checked on load."""

    person_subject: frozenset[str]
    person_object: frozenset[str]
    plural: frozenset[str]
    thing: frozenset[str]
    person_kinds: frozenset[str]
    thing_kinds: frozenset[str]
    descend_deps: frozenset[str]
    descend_preps: frozenset[str]
    not_it_heads: frozenset[str]
    agentive_adjectives: frozenset[str]
    lookback: int
    person_heads: frozenset[str]

    @classmethod
    def from_rules(cls, rules: dict[str, Any], person_heads: frozenset[str]) -> PronounRules:
        sec = rules.get("pronouns")
        where = "dyadwatch/data/actors/rules.json, section 'pronouns'"
        if not isinstance(sec, dict):
            raise ConfigError(f"{where}: missing or not an object")
        lists = {}
        for key in ("person_subject", "person_object", "plural", "thing", "person_kinds",
                    "thing_kinds", "descend_deps", "descend_preps", "not_it_heads",
                    "agentive_adjectives"):
            val = sec.get(key)
            if not isinstance(val, list) or not val or not all(
                    isinstance(w, str) and w == w.lower() and w.strip() for w in val):
                raise ConfigError(f"{where}: {key!r} must be a non-empty list of lower-case "
                                  f"words, found {val!r}")
            lists[key] = frozenset(val)
        look = sec.get("lookback")
        if not isinstance(look, int) or isinstance(look, bool) or not 0 <= look <= 5:
            raise ConfigError(f"{where}: 'lookback' must be an integer 0..5, found {look!r}")
        return cls(lookback=look, person_heads=person_heads, **lists)

    def words_rx(self, words: frozenset[str]) -> re.Pattern[str]:
        alts = "|".join(sorted({v for w in words for v in (w, w.capitalize(), w.upper())}))
        return re.compile(r"\b(?:" + alts + r")\b")


def resolve(doc: Doc, mentions: list[Mention], rules: PronounRules,
            sent_of: list[int] | None = None, text: str | None = None) -> list[Mention]:
    """``mentions`` with a mention added for each pronoun resolved (see the module doc)."""
    if not mentions or not doc.has_annotation("SENT_START"):
        return mentions
    text = doc_text(doc) if text is None else text
    if sent_of is None:
        sent_of = sent_index(doc)
    out = _person_subjects(doc, mentions, rules, sent_of, text)
    out = _person_objects(doc, out, rules, sent_of, text)
    return _other_subjects(doc, out, rules, sent_of, text)


def _tokens(doc: Doc, rx: re.Pattern[str], text: str) -> list[Token]:
    out = []
    for mo in rx.finditer(text):
        span = doc.char_span(mo.start(), mo.end())
        if span is not None and len(span) == 1:
            out.append(span[0])
    return out


def _coref(ante: Mention, p: Token, name: str | None = None) -> Mention:
    return replace(
        standing_for(ante.actor, p, name), antecedent=(ante.start, ante.end),
        antecedent_kind=ante.antecedent_kind if ante.kind == "coref" and ante.antecedent_kind
        else ante.kind)


# -- 1. "he"/"she" as subjects: the person named last --------------------------------

def _is_person(doc: Doc, m: Mention, person_heads: frozenset[str]) -> bool:
    """A mention that names one person: a person entry or a titled name, a span with a
    personal name in it, or a singular title noun ("the army chief", "a spokesman")."""
    if m.kind == "office" and m.end < len(doc) and doc[m.end].ent_type_ == "PERSON":
        return True  # a title the name follows ("Secretary of State Jane Roe"): one person
    if m.kind in ("country", "capital", "demonym", "group", "igo", "office", "place"):
        return False
    if m.kind == "person" or any(t.ent_type_ == "PERSON" for t in doc[m.start:m.end]):
        return True
    if m.kind == "coref" and _surname_alias(doc, m):
        return True  # "Safadi said ..., where he said": a surname standing for its person
    head = doc[m.end - 1]
    return head.tag_ in ("NN", "NNP") and head.lemma_.lower() in person_heads


def _surname_alias(doc: Doc, m: Mention) -> bool:
    """A mention ``surnames`` made: proper nouns in title case ("Safadi", "Nikki Haley"),
    not an acronym ("UAW") nor a pronoun."""
    toks = doc[m.start:m.end]
    return all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper()
               and not t.is_upper for t in toks)


def _subject_rank(doc: Doc, m: Mention) -> int:
    """2 for the subject of the sentence's main verb, 1 for another subject, else 0."""
    best = 0
    for t in doc[m.start:m.end]:
        while t.dep_ == "conj" and t.head.i < t.i:
            t = t.head  # "Ruto and Museveni met": both are subjects
        if t.dep_ in _SUBJ:
            best = max(best, 2 if t.head.dep_ == "ROOT" else 1)
    return best


def _person_subjects(doc: Doc, mentions: list[Mention], rules: PronounRules,
                     sent_of: list[int], text: str) -> list[Mention]:
    prons = [t for t in _tokens(doc, rules.words_rx(rules.person_subject), text)
             if t.dep_ in _SUBJ]
    if not prons:
        return mentions
    people = [m for m in mentions if m.actor.code and _is_person(doc, m, rules.person_heads)]
    if not people:
        return mentions
    taken = {k for m in mentions for k in range(m.start, m.end)}
    added = []
    for p in prons:
        if p.i in taken:
            continue
        ante = _person_antecedent(doc, p, sent_of, people, rules.lookback)
        if ante is not None:
            added.append(_coref(ante, p))
    return merge_mentions(mentions, added)


def _person_antecedent(doc: Doc, p: Token, sent_of: list[int], people: list[Mention],
                       lookback: int) -> Mention | None:
    s = sent_of[p.i]
    same = [m for m in people if sent_of[m.start] == s and m.end <= p.i]
    if same:
        return same[-1]  # "Karimi said he would stay"
    for back in range(1, lookback + 1):
        cands = [m for m in people if sent_of[m.start] == s - back]
        if not cands:
            continue
        for rank in (2, 1):
            top = [m for m in cands if _subject_rank(doc, m) == rank]
            if top:
                codes = {m.actor.code for m in top}
                return top[0] if len(codes) == 1 else None
        return cands[-1]
    return None


# -- 2. "him"/"her" as objects: the one other person of the sentence ------------------

def _person_objects(doc: Doc, mentions: list[Mention], rules: PronounRules,
                    sent_of: list[int], text: str) -> list[Mention]:
    """ "Ms. Haley slammed Mr. DeSantis after he accused *her* of ...": the one person
    named in the pronoun's sentence (or, failing that, the sentence before) other than the
    subject of its clause.  Unresolved when that leaves none or two different people."""
    prons = [t for t in _tokens(doc, rules.words_rx(rules.person_object), text)
             if t.dep_ in _OBJ and t.tag_ != "PRP$"]
    if not prons:
        return mentions
    people = [m for m in mentions if m.actor.code and _is_person(doc, m, rules.person_heads)
              and m.kind != "coref" or (m.kind == "coref" and doc[m.end - 1].pos_ == "PROPN")]
    if not people:
        return mentions
    taken = {k for m in mentions for k in range(m.start, m.end)}
    by_token = {k: m for m in mentions for k in range(m.start, m.end)}
    added = []
    for p in prons:
        if p.i in taken:
            continue
        verb = p.head.head if p.dep_ == "pobj" else p.head
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        s = sent_of[p.i]
        subj_name = None
        if subj is not None and subj.pos_ == "PRON":  # "he accused her": he is the person
            before = [m for m in people if sent_of[m.start] == s and m.end <= subj.i]
            subj_name = _name(doc, before[-1]) if before else None
        elif subj is not None and subj.i in by_token:
            subj_name = _name(doc, by_token[subj.i])
        ante = None
        for back in (0, 1):
            cands = [m for m in people if sent_of[m.start] == s - back
                     and (back or m.end <= p.i) and _name(doc, m) != subj_name]
            names = {_name(doc, m) for m in cands}
            if len(names) == 1:
                ante = cands[-1]
                break
            if names:
                break
        if ante is not None:
            added.append(_coref(ante, p, name=_name(doc, ante)))
    return merge_mentions(mentions, added)


def _name(doc: Doc, m: Mention) -> str:
    """Who a person mention names: its last word ("Mr. DeSantis", "Ron DeSantis"), or for
    a pronoun that stands for someone, that person's name."""
    return (m.actor.name or "") if doc[m.end - 1].pos_ == "PRON" else doc[m.end - 1].text


# -- 3. any subject pronoun left: the nearest earlier subject of its kind -------------

def _outermost(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """For each token, the longest mentions covering it (several for compound actors)."""
    by_token: dict[int, list[Mention]] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            cur = by_token.get(i)
            if not cur or m.end - m.start > cur[0].end - cur[0].start:
                by_token[i] = [m]
            elif (cur[0].start, cur[0].end) == (m.start, m.end) and all(
                    x.actor.code != m.actor.code for x in cur):
                cur.append(m)
    return by_token


def _conjuncts(tok: Token, depth: int = 0) -> list[Token]:
    out = [tok]
    if depth < 8:
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(_conjuncts(c, depth + 1))
    return out


def _actors_of(tok: Token, by_token: dict[int, list[Mention]], rules: PronounRules,
               depth: int = 2) -> list[Mention]:
    """Actors a subject names: its own mention, its conjuncts' ("X and Y"), else those of
    a modifier or an of/by/from phrase ("the leader of the rebels")."""
    found: list[Mention] = []
    for h in _conjuncts(tok):
        own = by_token.get(h.i)
        if own:
            found.extend(m for m in own if m not in found)
            continue
        if depth <= 0 or h.pos_ in ("VERB", "AUX"):
            continue
        for c in h.children:
            if c.dep_ in rules.descend_deps:
                found.extend(_actors_of(c, by_token, rules, depth - 1))
            elif c.dep_ == "prep" and c.lower_ in rules.descend_preps:
                for o in c.children:
                    if o.dep_ == "pobj":
                        found.extend(_actors_of(o, by_token, rules, depth - 1))
    return found


def _agrees(word: str, ms: list[Mention], doc: Doc, rules: PronounRules) -> bool:
    """Does an antecedent naming ``ms`` fit the pronoun ``word``?"""
    heads = [doc[m.end - 1] for m in ms]
    plural = len(ms) > 1 or any(h.tag_ in ("NNS", "NNPS") for h in heads)
    if word in rules.person_subject:
        return not plural and any(m.kind in rules.person_kinds or h.ent_type_ == "PERSON"
                                  for m, h in zip(ms, heads))
    if word in rules.plural:
        return plural
    return not plural and all(m.kind in rules.thing_kinds and h.ent_type_ != "PERSON"
                              for m, h in zip(ms, heads))


def _expletive(p: Token, rules: PronounRules) -> bool:
    """Is "it" the empty subject of "it is clear that ...", "it seems ..."?  Not when the
    verb's adjective says what the subject is set to do: "it was *ready* to hold talks"
    speaks of the state "it" stands for."""
    head = p.head
    if head.lemma_ not in rules.not_it_heads:
        return False
    return not any(c.dep_ == "acomp" and c.lemma_.lower() in rules.agentive_adjectives
                   for c in head.children)


def _other_subjects(doc: Doc, mentions: list[Mention], rules: PronounRules,
                    sent_of: list[int], text: str) -> list[Mention]:
    """ "The rebels seized two towns. *They* attacked an army base": a subject pronoun no
    earlier step resolved takes the nearest earlier subject naming actors of its kind."""
    words = rules.person_subject | rules.plural | rules.thing
    prons = [t for t in _tokens(doc, rules.words_rx(words), text) if t.dep_ == "nsubj"]
    if not prons:
        return mentions
    by_token = _outermost(mentions)
    added: list[Mention] = []
    for p in prons:
        word = p.lower_
        if p.i in by_token or (word in rules.thing and _expletive(p, rules)):
            continue  # resolved already; "it is", "it seems": no actor
        s = sent_of[p.i]
        for i in range(p.i - 1, -1, -1):
            if s - sent_of[i] > rules.lookback:
                break
            tok = doc[i]
            if tok.dep_ not in _SUBJ or tok.pos_ == "PRON":
                continue
            ms = _actors_of(tok, by_token, rules)
            if ms and _agrees(word, ms, doc, rules):
                added.extend(_coref(m, p, name=m.actor.name) for m in ms)
                break
    return merge_mentions(mentions, added)
