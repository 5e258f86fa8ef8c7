"""The code follows the argument types: a typed rule table (``data/coding/argtypes.json``).

The same verb gives different events by what it is done to, by whom, and in what
construction: seizing a *person* is an abduction (181) and seizing a *town* an
occupation (192); protesters clashing with *security forces* is a violent protest (145);
a *state*'s protest is an official complaint (114), not a demonstration; force used on
an *abstract* thing ("overwhelming Jordan's economy") is a figure of speech, and a
killing whose agent is a *hazard* ("a stampede killed fifty") no political event.

The file has two parts:

``types``  named argument types.  A token (the head of a slot) is of a type when any
           of the type's tests holds: its lemma is listed (``lemmas``, or a word list of
           the coder's lexicon named in ``lexicon``); an actor mention on it has a listed
           role (``roles``); its mentions are all states or all non-states (``actor``);
           or a named construction holds (``constructions``, the tests of
           ``CONSTRUCTIONS`` below).  ``not`` names types that exclude it.
``rules``  an ordered list.  A rule applies to a candidate whose code starts with one of
           ``codes`` (and whose pattern part of speech is ``pos``, when given), when every
           ``when`` entry holds (``slot: type``; ``!type`` means the slot is empty or not of
           the type) and every slot of ``absent`` is empty.  The first rule that applies
           acts: ``code`` (a CAMEO code, or ``null``: no event), ``swap`` (source and
           target trade places), ``one_way`` (a reciprocal pattern is coded one way),
           ``drop_target_in`` (a target inside that slot is dropped: "insisted *that no
           Pakistani citizens were hit*" is not addressed to Pakistanis).

Slots: ``self`` (the trigger), ``object`` (its direct object), ``predicate`` (an object
predicate: "called Iran *a brotherly country*"), ``complement`` (a clausal complement),
``xcomp`` (an open complement: "called on X *to* ..."), ``modifier`` (a noun trigger's
adjective or compound: "*drone* strike"), ``agent`` (the trigger's subject),
``adverbial`` (adverbs and "for ..." durations), ``source`` and ``target`` (the role
slots), ``instrument`` (what the act is done with: "with" objects of the trigger or the
source, objects of a wielding participle, lexicon ``wielding_verbs``: "militiamen *armed
with machetes*"), and ``prep:WORD`` (the object of a preposition on the trigger).

The loader checks every code against the codebook, every type, slot, construction and
lexicon list name, and raises ``ConfigError`` naming the file and the entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from spacy.tokens import Token

from .._resources import read_text
from ..errors import ConfigError
from .args import MentionIndex
from .codebook import lookup
from .lexicon import lexicon

WHERE = "dyadwatch/data/coding/argtypes.json"
VERSION = 1

_MODALS = frozenset({"should", "must", "would", "will", "shall", "could", "can", "may",
                     "might", "ought"})
_NAME_ENTITIES = frozenset({"ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})


def _present_relative(t: Token, index: MentionIndex) -> bool:
    """ "separatists *who fight* the state": a relative clause in the simple present
    describes what its noun is, not something that happened."""
    return (t.dep_ == "relcl" and t.tag_ in ("VBZ", "VBP")
            and not any(c.dep_ in ("aux", "auxpass") for c in t.children))


def _reduced_relative(t: Token, index: MentionIndex) -> bool:
    """ "militants *sheltering* on Pakistani soil": a bare intransitive participle after an
    actor noun describes where or how the actor is ("gunmen *holding* three drivers
    hostage" has an object: an act done to someone)."""
    return (t.dep_ == "acl" and t.tag_ == "VBG" and t.head.i < t.i
            and bool(index.at(t.head.i))
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in t.children))


def _in_name(t: Token, index: MentionIndex) -> bool:
    """ "Popular *Mobilisation* Forces": a word inside an organisation's or a law's name."""
    return t.ent_type_ in _NAME_ENTITIES and t.tag_ in ("NNP", "NNPS")


_PAST_AUX = frozenset({"was", "were", "had", "has", "have", "been", "did"})


def _fact_clause(t: Token, index: MentionIndex) -> bool:
    """ "insisted that no citizens *were hit*": a clause stating a fact in the past or the
    perfect (no modal; not the subjunctive or present of "demanded that he *resign*" /
    "*withdraws*", which say what should happen)."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _MODALS for c in auxes):
        return False
    return t.tag_ == "VBD" or any(c.lower_ in _PAST_AUX for c in auxes)


#: nouns that count people or things ("hundreds of civilians", "dozens of prisoners")
_COUNT_NOUNS = frozenset({"hundred", "thousand", "dozen", "score", "tens", "scores"})

_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "'d"})


def _future_clause(t: Token, index: MentionIndex) -> bool:
    """ "insisted that it *would* soon attack": a clause predicting or announcing what will
    happen (a future or conditional auxiliary), not saying what someone must do."""
    return t.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children)


_LONG_SPANS = frozenset({"year", "decade", "century", "generation"})


def _long_duration(t: Token, index: MentionIndex) -> bool:
    """ "for years", "for decades", "for many years": an uncounted long span (not a counted
    one: "jailed *for two years*" is a sentence, not a habit)."""
    return (t.lemma_.lower() in _LONG_SPANS and t.tag_ in ("NNS", "NNPS")
            and not any(c.dep_ in ("nummod", "det", "poss") for c in t.children))


def _clause(t: Token, index: MentionIndex) -> bool:
    return t.pos_ in ("VERB", "AUX")


def _nominal(t: Token, index: MentionIndex) -> bool:
    return t.pos_ in ("NOUN", "PROPN", "ADJ")


def _peacekeeping(t: Token, index: MentionIndex) -> bool:
    """ "peacekeepers", "NATO peacekeeping troops", "a deployment of peace-keeping forces":
    the phrase names peacekeepers."""
    return any(x.lemma_.lower().startswith(("peacekeep", "peace-keep")) for x in t.subtree)


def _person_name(t: Token, index: MentionIndex) -> bool:
    return t.ent_type_ == "PERSON"


#: the named construction tests a type may use
CONSTRUCTIONS: dict[str, Callable[[Token, MentionIndex], bool]] = {
    "present_relative": _present_relative,
    "reduced_relative": _reduced_relative,
    "in_name": _in_name,
    "fact_clause": _fact_clause,
    "future_clause": _future_clause,
    "long_duration": _long_duration,
    "clause": _clause,
    "nominal": _nominal,
    "person_name": _person_name,
    "peacekeeping": _peacekeeping,
}

SLOTS = frozenset({"self", "object", "predicate", "complement", "xcomp", "modifier", "agent",
                   "adverbial", "source", "target", "instrument"})

@dataclass(frozen=True)
class ArgType:
    name: str
    lemmas: frozenset[str]
    roles: frozenset[str]
    actor: str | None  # "state" | "non_state" | "any" | None
    constructions: tuple[str, ...]
    exclude: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    about: str
    codes: tuple[str, ...]  # prefixes; "=171" is the code 171 itself
    pos: str | None
    reciprocal: bool  # only for reciprocal patterns
    when: tuple[tuple[str, str, bool], ...]  # (slot, type, wanted)
    absent: tuple[str, ...]
    code: str | None
    keep_code: bool  # the rule changes no code (swap / drop only)
    swap: bool
    one_way: bool
    drop_target_in: str | None

    def covers(self, code: str, pos: str, reciprocal: bool = False) -> bool:
        return (any(code == c[1:] if c.startswith("=") else code.startswith(c)
                    for c in self.codes)
                and (self.pos is None or self.pos == pos)
                and (reciprocal or not self.reciprocal))


@dataclass(frozen=True)
class ArgTypeTable:
    types: dict[str, ArgType]
    rules: tuple[Rule, ...]
    where: str = WHERE
    #: the rules that cover a (code, part of speech, reciprocal) key, in table order
    _covering: dict = field(default_factory=dict, compare=False, repr=False)

    def covering(self, code: str, pos: str, reciprocal: bool) -> tuple[Rule, ...]:
        key = (code, pos, reciprocal)
        found = self._covering.get(key)
        if found is None:
            found = tuple(r for r in self.rules if r.covers(code, pos, reciprocal))
            self._covering[key] = found
        return found

    # -- the type tests --------------------------------------------------
    def is_a(self, tok: Token, type_name: str, index: MentionIndex,
             mentions: tuple | None = None) -> bool:
        t = self.types[type_name]
        if any(self.is_a(tok, x, index, mentions) for x in t.exclude):
            return False
        ms = tuple(mentions) if mentions is not None else tuple(index.at(tok.i))
        if tok.lemma_.lower() in t.lemmas or tok.lower_ in t.lemmas:
            return True
        if tok.pos_ == "PROPN" and t.lemmas and any(  # "Jorge Diaz, *Peru's ambassador*"
                c.dep_ == "appos" and c.lemma_.lower() in t.lemmas for c in tok.children):
            return True
        if t.roles and any((x.actor.role or "") in t.roles for x in ms):
            return True
        if t.actor is not None and ms:
            states = [_is_state(x, tok) for x in ms]
            if (t.actor == "any" or (t.actor == "state" and all(states))
                    or (t.actor == "non_state" and not any(states))):
                return True
        return any(CONSTRUCTIONS[c](tok, index) for c in t.constructions)


def _is_state(m: Any, head: Token) -> bool:
    """A state actor: a state role (government, army, police ...), or a country named as
    such ("Pakistan", not a people: "Palestinians")."""
    if (m.actor.role or "") in lexicon().state_roles:
        return True
    doc = head.doc
    last = doc[m.end - 1]
    noun = last.head if last.dep_ in ("amod", "compound") else last
    return bool(m.actor.code) and m.actor.code == m.actor.country \
        and noun.tag_ not in ("NNS", "NNPS")


# -- loading -----------------------------------------------------------------

def _strings(x: Any, where: str) -> list[str]:
    if not isinstance(x, list) or not all(isinstance(s, str) for s in x):
        raise ConfigError(f"{where}: expected a list of strings, found {x!r}")
    return x


def _slot_ok(slot: str) -> bool:
    return slot in SLOTS or (slot.startswith("prep:") and slot[5:].isalpha())


def parse_table(data: Any, where: str = WHERE) -> ArgTypeTable:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ConfigError(f"{where}: expected an object with \"version\": {VERSION}")
    unknown = set(data) - {"version", "about", "types", "rules"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    lex = lexicon()
    types: dict[str, ArgType] = {}
    raw_types = data.get("types")
    if not isinstance(raw_types, dict) or not raw_types:
        raise ConfigError(f"{where}: 'types' must be a non-empty object")
    for name, t in raw_types.items():
        w = f"{where}: type {name!r}"
        if not isinstance(t, dict) or not isinstance(t.get("about"), str):
            raise ConfigError(f"{w}: must be an object with an 'about' string")
        bad = set(t) - {"about", "lemmas", "lexicon", "roles", "actor", "constructions", "not"}
        if bad:
            raise ConfigError(f"{w}: unknown keys {sorted(bad)}")
        lemmas = set(_strings(t.get("lemmas", []), w))
        for ln in _strings(t.get("lexicon", []), w):
            try:
                lemmas |= getattr(lex, ln)
            except AttributeError:
                raise ConfigError(f"{w}: no lexicon list {ln!r}") from None
        actor = t.get("actor")
        if actor not in (None, "state", "non_state", "any"):
            raise ConfigError(f"{w}: 'actor' must be \"state\", \"non_state\" or \"any\", "
                              f"not {actor!r}")
        cons = tuple(_strings(t.get("constructions", []), w))
        for c in cons:
            if c not in CONSTRUCTIONS:
                raise ConfigError(f"{w}: unknown construction {c!r} "
                                  f"(known: {sorted(CONSTRUCTIONS)})")
        roles: set[str] = set()
        for r in _strings(t.get("roles", []), w):
            if r.startswith("@"):  # a role list of the lexicon
                try:
                    roles |= getattr(lex, r[1:])
                except AttributeError:
                    raise ConfigError(f"{w}: no lexicon list {r[1:]!r}") from None
            elif len(r) == 3 and r.isupper():
                roles.add(r)
            else:
                raise ConfigError(f"{w}: bad role {r!r} (three capitals, or @list)")
        if not (lemmas or roles or actor or cons):
            raise ConfigError(f"{w}: a type needs lemmas, lexicon, roles, actor or constructions")
        types[name] = ArgType(name, frozenset(x.lower() for x in lemmas), frozenset(roles),
                              actor, cons,
                              tuple(_strings(t.get("not", []), w)))
    for t in types.values():
        for x in t.exclude:
            if x not in types or x == t.name:
                raise ConfigError(f"{where}: type {t.name!r} excludes unknown type {x!r}")
    rules: list[Rule] = []
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise ConfigError(f"{where}: 'rules' must be a non-empty list")
    seen: set[str] = set()
    for n, r in enumerate(raw_rules):
        w = f"{where}: rules[{n}]"
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            raise ConfigError(f"{w}: must be an object with an 'id'")
        w = f"{where}: rule {r['id']!r}"
        if r["id"] in seen:
            raise ConfigError(f"{w}: duplicate id")
        seen.add(r["id"])
        bad = set(r) - {"id", "about", "codes", "pos", "reciprocal", "when", "absent", "code",
                        "swap", "one_way", "drop_target_in"}
        if bad:
            raise ConfigError(f"{w}: unknown keys {sorted(bad)}")
        if not isinstance(r.get("about"), str):
            raise ConfigError(f"{w}: needs an 'about' string")
        codes = tuple(_strings(r.get("codes"), w))
        if not codes:
            raise ConfigError(f"{w}: 'codes' is empty")
        for c in codes:
            if not (c.lstrip("=").isdigit() and 1 <= len(c.lstrip("=")) <= 4):
                raise ConfigError(f"{w}: bad code prefix {c!r}")
        if r.get("pos") not in (None, "verb", "noun"):
            raise ConfigError(f"{w}: 'pos' must be \"verb\" or \"noun\"")
        when = r.get("when", {})
        if not isinstance(when, dict):
            raise ConfigError(f"{w}: 'when' must be an object of slot: type")
        conds = []
        for slot, tname in when.items():
            if not _slot_ok(slot):
                raise ConfigError(f"{w}: unknown slot {slot!r}")
            if not isinstance(tname, str):
                raise ConfigError(f"{w}: the type of slot {slot!r} must be a string")
            wanted = not tname.startswith("!")
            tname = tname.lstrip("!")
            if tname not in types:
                raise ConfigError(f"{w}: unknown type {tname!r} for slot {slot!r}")
            conds.append((slot, tname, wanted))
        absent = tuple(_strings(r.get("absent", []), w))
        for slot in absent:
            if not _slot_ok(slot):
                raise ConfigError(f"{w}: unknown slot {slot!r} in 'absent'")
        if not conds and not absent:
            raise ConfigError(f"{w}: a rule needs 'when' or 'absent' conditions")
        keep = "code" not in r
        code = r.get("code")
        if code is not None:
            if not isinstance(code, str):
                raise ConfigError(f"{w}: 'code' must be a CAMEO code or null")
            try:
                lookup(code)
            except ConfigError:
                raise ConfigError(f"{w}: unknown CAMEO code {code!r}") from None
        drop = r.get("drop_target_in")
        if drop is not None and not _slot_ok(drop):
            raise ConfigError(f"{w}: unknown slot {drop!r} in 'drop_target_in'")
        swap, one_way = r.get("swap", False), r.get("one_way", False)
        recip = r.get("reciprocal", False)
        if not all(isinstance(x, bool) for x in (swap, one_way, recip)):
            raise ConfigError(f"{w}: 'swap', 'one_way' and 'reciprocal' must be true or false")
        if keep and not (swap or one_way or drop):
            raise ConfigError(f"{w}: the rule does nothing (no code, swap, one_way or drop)")
        rules.append(Rule(r["id"], r["about"], codes, r.get("pos"), recip, tuple(conds), absent,
                          code, keep, swap, one_way, drop))
    return ArgTypeTable(types, tuple(rules), where)


@lru_cache(maxsize=1)
def argtypes() -> ArgTypeTable:
    """The shipped table (loaded and validated once)."""
    try:
        data = json.loads(read_text("coding", "argtypes.json"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot load {WHERE}: {exc}") from exc
    return parse_table(data, WHERE)


def load_table(path: str | Path) -> ArgTypeTable:
    """A user's table (same format), validated."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read argument-type table {p}: {exc}") from exc
    return parse_table(data, str(p))


# -- applying the table ---------------------------------------------------------

def slot_tokens(slot: str, trigger: Token, anchor: Token, roles: Any, doc: Any
                ) -> list[tuple[Token, tuple | None]]:
    """The heads filling ``slot`` around a match (with the role slots' own mentions)."""
    def kids(t: Token, deps: tuple[str, ...]) -> list[Token]:
        return [c for c in t.children if c.dep_ in deps]

    heads = list(dict.fromkeys([trigger, anchor]))
    if slot == "self":
        out = [trigger]
    elif slot == "object":
        out = kids(trigger, ("dobj",))[:1]
        # "hundreds of civilians", "700 kg of medicine": the counted thing too
        out += [o for q in out if q.like_num or q.tag_ == "CD" or q.lemma_.lower() in
                _COUNT_NOUNS or q.lemma_.lower() in lexicon().quantifiers
                for p in kids(q, ("prep",)) if p.lower_ == "of"
                for o in kids(p, ("pobj",))]
    elif slot == "predicate":  # "called Iran a *brotherly* country": the noun and its adjectives
        out = [x for o in kids(trigger, ("oprd",)) for x in [o] + kids(o, ("amod", "compound"))]
    elif slot == "complement":
        out = kids(trigger, ("ccomp",))
    elif slot == "xcomp":
        out = kids(trigger, ("xcomp",))
    elif slot == "modifier":
        out = kids(trigger, ("amod", "compound", "nmod"))
    elif slot == "agent":
        out = [c for h in heads for c in kids(h, ("nsubj", "nsubjpass"))]
    elif slot == "adverbial":  # "repeatedly", "for years"
        out = [c for h in heads for c in kids(h, ("advmod", "npadvmod"))]
        out += [o for h in heads for p in kids(h, ("prep",)) if p.lower_ == "for"
                for o in kids(p, ("pobj",))]
    elif slot in ("source", "target"):
        arg = roles.sources if slot == "source" else roles.targets
        return [] if arg is None else [(doc[arg.head], tuple(arg.mentions))]
    elif slot == "instrument":
        # "attacked X *with machetes*", "*using* knives", "militiamen *armed with* clubs"
        holders = heads + ([doc[roles.sources.head]] if roles.sources is not None else [])
        wielding = lexicon().wielding_verbs
        holders += [c for h in holders for c in kids(h, ("acl", "advcl", "relcl"))
                    if c.lemma_.lower() in wielding]
        out = [o for h in holders for p in kids(h, ("prep",)) if p.lower_ == "with"
               for o in kids(p, ("pobj",))]
        out += [o for h in holders if h.lemma_.lower() in wielding
                for o in kids(h, ("dobj",))]
    elif slot.startswith("prep:"):
        word = slot[5:]
        out = [o for p in kids(trigger, ("prep",)) if p.lower_ == word
               for o in kids(p, ("pobj",))]
    else:  # validated on load
        raise ValueError(slot)
    return [(t, None) for t in out]


def decide(table: ArgTypeTable, code: str, pos: str, reciprocal: bool, trigger: Token,
           anchor: Token, roles: Any, index: MentionIndex) -> Rule | None:
    """The first rule of ``table`` that applies to a candidate, or None."""
    doc = trigger.doc
    cache: dict[str, list] = {}

    def filled(slot: str) -> list:
        if slot not in cache:
            cache[slot] = slot_tokens(slot, trigger, anchor, roles, doc)
        return cache[slot]

    for rule in table.covering(code, pos, reciprocal):
        if any(filled(s) for s in rule.absent):
            continue
        if all(any(table.is_a(t, tname, index, ms) for t, ms in filled(slot)) == wanted
               for slot, tname, wanted in rule.when):
            return rule
    return None


def inside(slot: str, tok_i: int, trigger: Token, anchor: Token, roles: Any) -> bool:
    """Is token ``tok_i`` inside (the subtree of) what fills ``slot``?"""
    for t, _ in slot_tokens(slot, trigger, anchor, roles, trigger.doc):
        if t.left_edge.i <= tok_i <= t.right_edge.i:
            return True
    return False
