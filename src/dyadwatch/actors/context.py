"""Countries from the whole document, for actors their own words leave without one.

"Gunmen kidnapped two aid workers" names no country, but the document usually does.  A
mention's country comes from, in this order (``model.CountryFrom``; the first two are
decided while composing, see ``compose.py``):

1. the mention itself ("Pakistan", "Tehran", a known person or group);
2. a demonym or possessive in it ("Iraqi Kurds", "Zimbabwe's opposition", "forces of X");
3. a relation to another actor ("the family of an Iraqi engineer", "the engineer's
   family": possessive);
4. the place the actor is in: its own "in/at/from X" phrase ("police in Lahore");
5. coreference: "it", "the country's air force" (``coref.py``); here also the same kind of
   actor named before with one country ("Pakistani police ... Police said": the police of
   Pakistan), or for the first sentence (a headline) named later ("Insurgents" in the
   headline, "Syrian insurgents" in the lead); capitals do not count (a place visited);
6. the wire dateline ("KABUL (Reuters) - Gunmen ...");
7. the story's subject country: the country its title and lead name most (a title counts
   twice), else the country the whole document names most; none on a tie.

So no actor is left without a country when the document names one.  Countries from 6 and
7 are document defaults: the event coder may still replace them by the place of the event
(``coding.args.is_weak``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from spacy.tokens import Doc, Token

from ..model import CountryFrom
from .compose import Hit, ent_bounds
from .coref import country_of
from .mention import governing_verb, sent_index
from .titles import modifier_place

#: sentences back that "the airman" may look for the person it names (a singular
#: definite description refers further back than a pronoun)
LOOKBACK = 10

PlaceLookup = Callable[[str], "str | None"]

#: hit kinds whose country says what a story is about
STORY_KINDS = frozenset({"country", "capital", "demonym", "place", "person", "group", "office"})
#: kinds of hits that name a place ("police in Lahore": Lahore is a place hit)
PLACE_KINDS = frozenset({"country", "capital", "place"})
#: sentences of the body that make its lead (an AG lead: title, dateline, first sentence)
LEAD_SENTENCES = 3
#: prepositions of the place an actor is in ("police in Lahore", "protesters from Kirkuk")
PLACE_PREPS = frozenset({"in", "at", "inside", "from"})
#: entity labels under which a name may be looked up in the gazetteer
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
#: mention kinds that are no antecedent for "the same kind of actor": a capital's GOV is a
#: metonym, often a place visited ("flew to Addis Ababa"), a bare country has no role
NOT_ROLE_ANTECEDENTS = frozenset({"capital", "country", "demonym", "place"})
#: country_from values that are document defaults, not read from the actor's own words
DEFAULTS = frozenset({CountryFrom.DATELINE, CountryFrom.STORY})


@dataclass(frozen=True)
class FillRules:
    """Word lists of ``rules.json`` the fill reads."""

    #: roles of armed actors outside the state ("fighters" take the country of the one
    #: armed group their sentence names)
    armed_roles: frozenset[str] = frozenset({"INS", "REB", "SEP", "UAF"})
    #: roles of a state's own institutions ("Khan told parliament": his country's)
    own_roles: frozenset[str] = frozenset({"LEG", "JUD"})
    #: "Kabul-based militants": the place a country-less actor is based in
    based: frozenset[str] = frozenset({"based", "headquartered"})
    #: singular nouns naming one person ("the wounded airman" refers to the last one)
    person_heads: frozenset[str] = frozenset()
    #: the country-less government a domestic body addresses is its own ("the Iraqi
    #: parliament called on the government")
    domestic_roles: frozenset[str] = frozenset({"LEG", "JUD", "OPP"})
    #: roles of agents whose "of" phrase names their victims ("the kidnappers *of* two
    #: French reporters"): it gives them a country only when it names an armed group
    #: they belong to ("fighters of the Jaish al-Adl group")
    harm_roles: frozenset[str] = frozenset({"INS", "REB", "SEP", "UAF", "CRM"})


@dataclass(frozen=True)
class DocumentCountries:
    """What the document as a whole says about countries."""

    dateline: str | None = None  # ISO3 of the wire dateline's place
    story: str | None = None  # ISO3 of the story's subject country


def document_countries(doc: Doc, hits: Iterable[Hit], datelines: Iterable[Hit],
                       title_codes: Iterable[str] = (),
                       place_country: PlaceLookup | None = None,
                       sent_of: list[int] | None = None,
                       dateline: str | None = None) -> DocumentCountries:
    """The dateline's country and the story's subject country.

    ``hits``: the dictionary matches of the body (places and capitals used as locations
    included: "a bomb in Baghdad" says where the story is); ``datelines``: those in
    dateline position; ``title_codes``: codes matched in a title that is not part of the
    body; ``place_country``: the gazetteer, for the lead's places the dictionary does not
    know ("protesters in Manhattan"); ``dateline``: the opening dateline's country, when
    the caller knows it (else the first dateline hit of the lead gives it).
    """
    if sent_of is None:
        sent_of = sent_index(doc)
    for h in datelines if dateline is None else ():
        if sent_of[h.start] < LEAD_SENTENCES:
            dateline = next((c for c in (country_of(x) for x in h.codes) if c), None)
            if dateline:
                break
    weight: Counter[str] = Counter()
    whole: Counter[str] = Counter()
    for code in title_codes:
        c = country_of(code)
        if c:
            weight[c] += 2
    titled = bool(weight)
    hits = list(hits) + list(datelines)
    if place_country is not None:
        hits += _lead_places(doc, hits, sent_of, place_country)
    for h in hits:
        if h.kind not in STORY_KINDS:
            continue
        for c in {country_of(x) for x in h.codes} - {None}:
            assert c is not None
            whole[c] += 1
            k = sent_of[h.start]
            if k < LEAD_SENTENCES:
                weight[c] += 2 if (k == 0 and not titled) else 1
    story = _top(weight) or _top(whole)
    return DocumentCountries(dateline, story)


def _lead_places(doc: Doc, hits: list[Hit], sent_of: list[int],
                 place_country: PlaceLookup) -> list[Hit]:
    """Place entities of the lead that no dictionary hit covers, as place hits."""
    covered = {k for h in hits for k in range(h.start, h.end)}
    out = []
    for e in doc.ents:
        if sent_of[e.start] >= LEAD_SENTENCES:
            break
        if e.label_ in PLACE_ENTS and not any(k in covered for k in range(e.start, e.end)) \
                and e.text[:1].isupper():
            c = place_country(e.text)
            if c:
                out.append(Hit(e.start, e.end, "place", [c]))
    return out


def _top(weight: Counter[str]) -> str | None:
    """The heaviest country, when one is heavier than all others (a tie names no subject:
    "Russian missiles struck Ukrainian plants" is about both)."""
    ranked = weight.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def fill(doc: Doc, mentions: list, ctx: DocumentCountries, hits: list[Hit],
         place_country: PlaceLookup | None = None, sent_of: list[int] | None = None,
         rules: FillRules = FillRules()) -> list:
    """Give every country-less mention (``---CVL``) a country, strongest source first."""
    if not any(m.actor.code.startswith("---") for m in mentions):
        return mentions
    if sent_of is None:
        sent_of = sent_index(doc)
    armed: dict[int, set[str]] = {}  # sentence -> countries of its armed groups
    for m in mentions:
        if m.actor.role in rules.armed_roles and _strong(m) \
                and m.kind not in NOT_ROLE_ANTECEDENTS and m.actor.country:
            armed.setdefault(sent_of[m.start], set()).add(m.actor.country)
    by_token: dict[int, list] = {}
    for m in mentions:
        for k in range(m.start, m.end):
            by_token.setdefault(k, []).append(m)
    places: dict[int, str] = {}
    for h in hits:
        if h.kind in PLACE_KINDS:
            c = next((x for x in (country_of(code) for code in h.codes) if x), None)
            if c:
                for k in range(h.start, h.end):
                    places[k] = c
    out = []
    seen: dict[str, set[str]] = {}  # role -> countries of the actors of that role so far
    named: dict[str, set[str]] = {}  # role -> countries of that role named after sentence 0
    first_end = next((k for k, n in enumerate(sent_of) if n), len(doc))  # end of sentence 0
    for m in mentions:
        # (a headline's "Insurgents" are the lead's "Syrian insurgents"; an actor of the
        # same role in the same sentence is the other party: "Prime Minister X met
        # Chinese officials")
        if m.actor.role and _strong(m) and m.kind not in NOT_ROLE_ANTECEDENTS \
                and m.start >= first_end:
            named.setdefault(m.actor.role, set()).add(m.actor.country)
    single: dict[str, tuple[int, str]] = {}  # role -> (sentence, country) of the last person
    for m in sorted(mentions, key=lambda x: (x.start, x.end)):
        role = m.actor.role or ""
        if m.actor.code.startswith("---"):
            same = seen.get(role) or (named.get(role, set()) if m.start < first_end else set())
            last = single.get(role)
            if last is not None and sent_of[m.start] - last[0] <= LOOKBACK \
                    and _definite_person(doc, m, rules.person_heads):
                same = {last[1]}  # "a captured Indian pilot ... the wounded airman"
            if role in rules.armed_roles and len(armed.get(sent_of[m.start], ())) == 1:
                same = armed[sent_of[m.start]]  # "struck Kataib Hezbollah, killing 25 fighters"
            own = _clause_subject(doc, m, by_token) if role in rules.own_roles else (
                _clause_subject(doc, m, by_token, rules.domestic_roles)
                if role == "GOV" else None)
            for country, how in _candidates(doc, m, by_token, places, place_country, same, ctx,
                                            own, rules.based,
                                            rules.armed_roles if role in rules.harm_roles
                                            else None):
                if country is not None:
                    m = with_country(m, country, how)
                    break
        if role and _strong(m) and m.kind not in NOT_ROLE_ANTECEDENTS:
            seen.setdefault(role, set()).add(m.actor.country)
            if m.kind == "person" or _one_person(doc, m, rules.person_heads):
                single[role] = (sent_of[m.start], m.actor.country)
        out.append(m)
    return out


def _one_person(doc: Doc, m, heads: frozenset[str]) -> bool:
    """Does the mention name one person ("a captured Indian pilot", "the minister")?"""
    head = _head(doc, m)
    if head.ent_type_ == "PERSON" or head.lower_ in ("he", "she"):
        return True  # a named person, or one a pronoun refers to ("Varthaman", "he")
    return head.tag_ == "NN" and head.lemma_.lower() in heads


def _definite_person(doc: Doc, m, heads: frozenset[str]) -> bool:
    """ "the wounded airman": a definite singular person noun, which refers back."""
    head = _head(doc, m)
    return head.tag_ == "NN" and head.lemma_.lower() in heads and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _strong(m) -> bool:
    """A mention whose country its own words (or a coreference) give."""
    return bool(m.actor.country) and country_of(m.actor.code) is not None \
        and m.actor.country_from not in DEFAULTS


def _candidates(doc: Doc, m, by_token: dict[int, list], places: dict[int, str],
                place_country: PlaceLookup | None, same: set[str],
                ctx: DocumentCountries, own: str | None = None,
                based: frozenset[str] = frozenset(), members_of: frozenset[str] | None = None
                ) -> Iterable[tuple[str | None, CountryFrom]]:
    """The country sources of a country-less mention, in order (lazily).  ``same``: the
    countries of the actors of its role named before it (for the first sentence, if none,
    anywhere in the document: "Insurgents" in a headline, "Iraqi insurgents" in the lead;
    for an armed actor, the one armed group of its own sentence); ``own``: for a state's
    own institution, the country of its clause's subject ("Khan told parliament");
    ``members_of``: for an agent of harm, the roles an "of" phrase must name."""
    yield _related(doc, m, by_token, members_of), CountryFrom.POSSESSIVE
    yield own, CountryFrom.COREFERENCE
    yield _apposed(doc, m, by_token), CountryFrom.COREFERENCE
    yield _place(doc, m, places, place_country, based), CountryFrom.PLACE
    yield modifier_place(doc, m, places, place_country), CountryFrom.PLACE  # "Burnley council"
    yield (next(iter(same)) if len(same) == 1 else None), CountryFrom.COREFERENCE
    yield ctx.dateline, CountryFrom.DATELINE
    if members_of is None or ctx.story not in _victims(doc, m, by_token, members_of):
        yield ctx.story, CountryFrom.STORY  # (not the victims' country: see _victims)


def with_country(m, country: str, how: CountryFrom):
    """The same mention with ``country`` put in front of its role ("---INS" -> "IRQINS")."""
    a = m.actor
    return replace(m, actor=replace(a, code=country + a.code[3:], country=country,
                                    country_from=how))


def _head(doc: Doc, m) -> Token:
    return doc[m.end - 1]


def _related(doc: Doc, m, by_token: dict[int, list],
             members_of: frozenset[str] | None = None) -> str | None:
    """ "the family of an Iraqi engineer", "the engineer's family", "fighters of the Jaish
    al-Adl group": the country of the actor the mention's head is related to (its "of"
    object, or a name modifying that object, or its possessor); "the BLA and the BLF, two
    separatist groups": the actor it is in apposition with (all its conjuncts agreeing).
    ``members_of`` (agents of harm): the "of" object counts only when it is an armed
    group of one of these roles; "the kidnappers of two French reporters" are not French."""
    head = _head(doc, m)
    cands: list[tuple[Token, bool]] = []
    for c in head.children:
        if c.dep_ == "poss" and c.i < m.start:
            cands.append((c, False))
        elif c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj":
                    cands.append((o, True))
                    cands += [(x, True) for x in o.children
                              if x.dep_ in NAME_MODS and x.i < o.i]
    for t, of in cands:
        for other in by_token.get(t.i, []):
            c = country_of(other.actor.code)
            if of and members_of is not None and (other.actor.role or "") not in members_of:
                continue  # the victims of the kidnappers, killers, captors
            if other is not m and c and other.actor.country_from not in DEFAULTS:
                return c
    return None


def _victims(doc: Doc, m, by_token: dict[int, list], members_of: frozenset[str]) -> set[str]:
    """Countries of the victims an agent of harm is named by ("the kidnappers of two
    *French* reporters"): the story's country, when it is theirs, is no more the
    kidnappers' than the "of" phrase is."""
    out: set[str] = set()
    for c in _head(doc, m).children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for t in c.subtree:
                for other in by_token.get(t.i, []):
                    if other is not m and (other.actor.role or "") not in members_of:
                        out.update(x for x in (country_of(other.actor.code),) if x)
    return out


#: dependencies of a name modifying a noun ("the Jaish al-Adl group")
NAME_MODS = frozenset({"compound", "amod", "nmod"})


def _apposed(doc: Doc, m, by_token: dict[int, list]) -> str | None:
    """The single strong country of the actors in apposition with the mention's head: its
    anchor and the anchor's conjuncts ("the BLA and the BLF, two separatist groups"), or
    the appositive after it ("gunmen, members of Hamas,")."""
    head = _head(doc, m)
    if head.dep_ != "appos" and not any(c.dep_ == "appos" for c in head.children):
        return None
    toks: list[Token] = []
    if head.dep_ == "appos":
        anchor = head.head
        k = m.start - 1  # the parse may hang the appositive on the wrong noun: the
        while k > 0 and doc[k].dep_ in ("det", "nummod") and doc[k].head.i == head.i:
            k -= 1  # phrase right before its comma is the anchor ("..., two groups")
        if k > 0 and doc[k].text == "," and doc[k - 1].i in by_token:
            anchor = doc[k - 1]
        if anchor.dep_ == "conj":
            anchor = anchor.head
        toks = [anchor] + list(anchor.conjuncts)
    else:
        toks = [c for c in head.children if c.dep_ == "appos"]
    countries: set[str] = set()
    for t in toks:
        for other in by_token.get(t.i, []):
            c = country_of(other.actor.code)
            if other is not m and c and other.actor.country_from not in DEFAULTS \
                    and other.kind not in NOT_ROLE_ANTECEDENTS:
                countries.add(c)
    return next(iter(countries)) if len(countries) == 1 else None


def _place(doc: Doc, m, places: dict[int, str], place_country: PlaceLookup | None,
           based: frozenset[str] = frozenset()) -> str | None:
    """ "police in Lahore": the country of the place in the mention's own place phrase."""
    head = _head(doc, m)
    if m.start >= 3 and doc[m.start - 1].lower_ in based and doc[m.start - 2].text == "-" \
            and m.start - 3 in places:
        return places[m.start - 3]  # "Kabul-based militants"
    heads = [head]
    if head.dep_ in NAME_MODS and head.head.i >= m.end:
        heads.append(head.head)  # "militant positions in Gaza": the held noun's place
    for c in (c for h in heads for c in h.children):
        if c.dep_ != "prep" or c.lower_ not in PLACE_PREPS:
            continue
        for o in c.children:
            if o.dep_ != "pobj":
                continue
            found = place_token_country(doc, o, places, place_country)
            if found:
                return found
    return None


def place_token_country(doc: Doc, tok: Token, places: dict[int, str],
                        place_country: PlaceLookup | None) -> str | None:
    """The country of a place word: the place tagged at ``tok``, else the gazetteer's
    reading of the place entity ``tok`` is in (None when it is neither or unknown)."""
    if tok.i in places:
        return places[tok.i]
    if place_country is not None and tok.ent_type_ in PLACE_ENTS:
        a, b = ent_bounds(doc, tok.i)
        return place_country(doc[a:b].text)
    return None


def _clause_subject(doc: Doc, m, by_token: dict[int, list],
                    roles: frozenset[str] | None = None) -> str | None:
    """The strong country of the subject of the verb the mention is an argument of
    ("Prime Minister Imran Khan told parliament", "Iraqi police took him to court"); through
    a participle describing that verb's object ("the parliament passed *a resolution
    calling on* the government").  ``roles``: only a subject of one of these roles counts."""
    t = governing_verb(_head(doc, m), 4)
    if t is None:
        return None
    while t.dep_ in ("conj", "xcomp") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        t = t.head  # "said ... and told parliament"
    if (t.dep_ == "acl" and t.tag_ == "VBG" and t.head.dep_ == "dobj"
            and not any(c.dep_ == "nsubj" for c in t.children)):
        t = t.head.head  # "passed a resolution calling on ...": the issuer's clause
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            countries = {x.actor.country for x in by_token.get(c.i, [])
                         if x is not m and _strong(x)
                         and (roles is None or (x.actor.role or "") in roles)}
            return next(iter(countries)) if len(countries) == 1 else None
    return None
