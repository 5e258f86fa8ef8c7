"""``ActorDictionary``: find actor mentions (CAMEO codes) in a parsed spaCy Doc."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.tokens import Doc, Token

from .._resources import read_text
from ..errors import ConfigError
from ..model import CountryFrom
from ..text import doc_text, in_dateline, opening_dateline
from . import context, discourse, statements
from .compose import BASE_KINDS, Composer, Hit, name_after
from .coref import resolve
from .entries import Entry, norm_phrase, read_actor_tsv, read_agent_tsv
from .matcher import PhraseIndex, doc_keys, text_keys
from .mention import Mention, make_actor, sent_index
from .people import appositions, surnames
from .pronouns import PronounRules
from .pronouns import resolve as resolve_pronouns
from .titles import titled_names, untitled_people
from .petrarch import parse_actor_text, parse_agent_text

#: data files of the default dictionary, later files override earlier ones
ACTOR_FILES = ("phoenix_actors.tsv", "curated_actors.tsv")
AGENT_FILES = ("phoenix_agents.tsv", "curated_agents.tsv")
#: title words that give a role only directly before a personal name ("Gen. Musa Adamu")
TITLE_FILE = "titles.tsv"
#: kinds whose phrases become entity_ruler patterns (rare names spaCy's NER misses)
PATTERN_LABELS = {"group": "ORG", "person": "PERSON"}


@dataclass
class _Tables:
    actors: PhraseIndex[Entry]
    agents: PhraseIndex[str]
    coref: PhraseIndex[tuple[str, str]]
    rules: dict[str, Any]
    curated_patterns: list[tuple[str, str]]
    petrarch: bool = False  # PETRARCH composition semantics (see compose.Composer)
    #: one-word person entries that are given names ("Abdullah", "Hassan"), see _given_names
    given_names: frozenset[str] = frozenset()
    #: title words -> role agent (``~MIL``), used only before a personal name
    titles: PhraseIndex[str] | None = None


def _rules_tables(rules: dict[str, Any]) -> PhraseIndex[tuple[str, str]]:
    idx: PhraseIndex[tuple[str, str]] = PhraseIndex()
    for ctype in ("one", "two", "poss", "pron2"):
        for phrase, agent in rules["coref"].get(ctype, {}).items():
            idx.add(norm_phrase(phrase, keep_the=True), (ctype, agent))
    return idx


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    try:
        rules: dict[str, Any] = json.loads(read_text("actors", "rules.json"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"dyadwatch/data/actors/rules.json is not valid JSON: {exc}") from exc
    for key in ("modifiers", "former", "linkers", "subject_deps", "pron2_deps", "coref",
                "relation_suffixes", "place_of_heads", "departure_verbs", "person_heads",
                "armed_roles", "own_institution_roles", "audience_verbs", "audience_preps",
                "base_words", "royal_titles", "holding_nouns", "pronouns", "harm_roles"):
        if key not in rules:
            raise ConfigError(f"dyadwatch/data/actors/rules.json lacks the key {key!r}")
    return rules


@lru_cache(maxsize=1)
def _default_tables() -> _Tables:
    actors: PhraseIndex[Entry] = PhraseIndex()
    patterns: list[tuple[str, str]] = []
    for name in ACTOR_FILES:
        curated = name.startswith("curated")
        for phrases, entry in read_actor_tsv(read_text("actors", name), name):
            for p in phrases:
                key = norm_phrase(p) if curated else tuple(p.split(" "))
                if entry.kind == "none":  # a curated block: the phrase is no actor
                    actors.table.pop(key, None)
                    continue
                actors.add(key, entry)
                if curated and entry.kind in PATTERN_LABELS and _pattern_safe(p):
                    patterns.append((PATTERN_LABELS[entry.kind], p))
    agents: PhraseIndex[str] = PhraseIndex()
    for name in AGENT_FILES:
        for phrases, code in read_agent_tsv(read_text("actors", name), name):
            for p in phrases:
                agents.add(norm_phrase(p) if name.startswith("curated") else tuple(p.split(" ")), code)
    rules = _rules()
    return _Tables(actors, agents, _rules_tables(rules), rules, patterns,
                   given_names=_given_names(actors), titles=_titles())


def _titles() -> PhraseIndex[str]:
    """The title table, its roles checked against the CAMEO actor types of codes.tsv."""
    roles = {line.split("\t")[1] for line in read_text("actors", "codes.tsv").splitlines()
             if line.startswith("role\t")}
    idx: PhraseIndex[str] = PhraseIndex()
    for n, (phrases, code) in enumerate(read_agent_tsv(read_text("actors", TITLE_FILE),
                                                       TITLE_FILE), 1):
        if not code.startswith("~") or code[1:4] not in roles:
            raise ConfigError(f"dyadwatch/data/actors/{TITLE_FILE}: row {n} ({phrases[0]!r}): "
                              f"{code!r} is not a CAMEO role agent (~GOV, ~MIL ...)")
        for p in phrases:
            idx.add(norm_phrase(p), code)
    return idx


def _given_names(actors: PhraseIndex[Entry]) -> frozenset[str]:
    """One-word person entries that are given names, not surnames.

    A word that starts more multi-word person names in the dictionary than it
    ends ("abdullah": Abdullah Gul, Abdullah Abdullah ... vs "putin": Vladimir
    Putin) names a person by given name only: a monarch ("King Abdullah") or a
    prince.  Such an entry never matches after "Mr"/"Dr" (a surname follows
    those), see ``ActorDictionary._lone_name_ok``.
    """
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    single: set[str] = set()
    for key, entry in actors.table.items():
        if entry.kind != "person":
            continue
        if len(key) == 1:
            single.add(key[0])
        else:
            first[key[0]] = first.get(key[0], 0) + 1
            last[key[-1]] = last.get(key[-1], 0) + 1
    return frozenset(w for w in single if first.get(w, 0) > last.get(w, 0))


def _pattern_safe(phrase: str) -> bool:
    """entity_ruler patterns match case-insensitively: skip short acronyms ("LeT", "BRA")."""
    return " " in phrase.strip() or "-" in phrase or len(phrase) > 4


def _kind_of(code: str) -> str:
    head = code[:3]
    if head in ("IGO", "NGO", "IMG", "MNC", "INT", "NGM"):
        return "igo"
    return "country" if len(code) == 3 else "group"


class ActorDictionary:
    """Actor + agent dictionaries with tagging rules.  Build once, call ``tag`` many times."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        r = tables.rules
        self._composer = Composer(set(r["modifiers"]), set(r["former"]), set(r["linkers"]),
                                  set(r["subject_deps"]), petrarch=tables.petrarch,
                                  locative=set(r.get("locative", [])),
                                  compose_only=set(r.get("compose_only", [])),
                                  titles={w.lower() for w in r.get("titles", [])},
                                  place_of_heads=set(r["place_of_heads"]),
                                  departure_verbs=set(r["departure_verbs"]),
                                  relation_suffixes=frozenset(r["relation_suffixes"]),
                                  royal_titles=frozenset(r["royal_titles"]),
                                  holding_nouns=frozenset(r["holding_nouns"]),
                                  person_nouns=frozenset(r["person_heads"]),
                                  armed_roles=frozenset(r["armed_roles"]))
        self._armed_roles = frozenset(r["armed_roles"])
        self._relation_suffixes = frozenset(r["relation_suffixes"])
        self._pron2_deps = set(r["pron2_deps"])
        self._honorifics = {w.lower() for w in r.get("honorifics", [])}
        self._titles = {w.lower() for w in r.get("titles", [])}
        self._person_heads = frozenset(r["person_heads"]) | frozenset(self._titles)
        self._pronoun_rules = PronounRules.from_rules(r, self._person_heads)
        self._base_words = frozenset(r["base_words"])
        self._audience_verbs = frozenset(r["audience_verbs"])
        self._audience_preps = {p: frozenset(v) for p, v in r["audience_preps"].items()}
        self._fill_rules = context.FillRules(frozenset(r["armed_roles"]),
                                             frozenset(r["own_institution_roles"]),
                                             self._base_words, self._person_heads,
                                             harm_roles=frozenset(r["harm_roles"]))

    # -- construction ----------------------------------------------------
    @classmethod
    def default(cls) -> ActorDictionary:
        """The shipped dictionaries (Phoenix conversion + curated additions); parsed once."""
        return cls(_default_tables())

    @classmethod
    def from_petrarch_files(cls, actor_files: Iterable[str | Path],
                            agent_files: Iterable[str | Path]) -> ActorDictionary:
        """Dictionaries in PETRARCH format only (no shipped data besides the tagging rules)."""
        actors: PhraseIndex[Entry] = PhraseIndex()
        for f in actor_files:
            path = Path(f)
            for raw in parse_actor_text(_read_dictionary(path, "actor"), str(path)):
                if not raw.codes:
                    continue
                first = next((c.code for c in raw.codes if not c.dated), raw.codes[0].code)
                kind = "person" if any(c.dated for c in raw.codes) else _kind_of(first)
                entry = Entry(kind, tuple(raw.codes))
                for p in raw.phrases:
                    actors.add(norm_phrase(p), entry, overwrite=False)  # first wins
        agents: PhraseIndex[str] = PhraseIndex()
        for f in agent_files:
            path = Path(f)
            for phrase, code in parse_agent_text(_read_dictionary(path, "agent"), str(path)):
                agents.add(norm_phrase(phrase), code)
        rules = _rules()
        return cls(_Tables(actors, agents, _rules_tables(rules), rules, [], petrarch=True,
                           given_names=_given_names(actors)))

    # -- public API -----------------------------------------------------
    def __len__(self) -> int:
        return len(self._t.actors)

    @property
    def n_agents(self) -> int:
        return len(self._t.agents)

    def lookup(self, phrase: str, when: date | None = None) -> str | None:
        """Code of a phrase as a whole (``"Tehran"`` -> ``IRNGOV``), or None."""
        e = self._t.actors.get(norm_phrase(phrase))
        return e.resolve(when) if e else None

    def entity_patterns(self) -> list[dict[str, Any]]:
        """entity_ruler patterns for the curated armed groups and people (rare names)."""
        return [{"label": label, "pattern": phrase, "id": "dyadwatch-actors"}
                for label, phrase in self._t.curated_patterns]

    def tag(self, doc: Doc, when: date | None = None, *, title: str | None = None,
            place_country: Callable[[str], str | None] | None = None) -> list[Mention]:
        """Actor mentions in ``doc``, sorted by start; ``when`` picks date-ranged codes.

        Every mention whose own words name no country gets the one the document gives
        (``context``); ``Actor.country_from`` says where each country came from.  Not with
        ``from_petrarch_files`` dictionaries, which follow PETRARCH: a country-less agent
        stays ``---``, and names in apposition and he/she are not resolved.
        ``title``: the document's title when it is not part of ``doc`` (it helps to find
        the story's subject country); ``place_country``: name -> ISO3 of a place the
        dictionary does not know (the pipeline passes the gazetteer's).
        """
        hits, datelines, relations = self._hits(doc, when)
        items = self._composer.compose(doc, hits)
        sent_of = sent_index(doc)
        ctx = context.document_countries(doc, hits, datelines, self._title_codes(doc, title, when),
                                         place_country, sent_of,
                                         self._dateline_country(doc, when, place_country))
        out: list[Mention] = []
        for item, codes in resolve(doc, items, self._pron2_deps, story=ctx.story, sent_of=sent_of):
            span = doc[item.start:item.end]
            kind = item.kind
            if len(codes) > 1 and kind != "coref":
                kind = "compound"
            how = CountryFrom.COREFERENCE if item.kind == "coref" else CountryFrom(item.how)
            for code in codes:
                if not code or code.startswith(("---", "+++", "###")) and len(code) <= 3:
                    continue
                out.append(Mention(item.start, item.end, make_actor(
                    code, span.text, (span.start_char, span.end_char), how), kind))
        out.sort(key=lambda m: m.start)
        text = doc_text(doc)
        if self._t.petrarch:  # PETRARCH codes what each phrase says, "---" for the rest
            return surnames(doc, out, text)
        out = statements.stated_bases(doc, out, hits, relations, self._base_words,
                                      place_country)
        out = statements.audience(doc, out, self._audience_verbs, self._audience_preps)
        out = context.fill(doc, out, ctx, hits + relations, place_country, sent_of,
                           self._fill_rules)
        out = untitled_people(doc, titled_names(doc, appositions(doc, out)), ctx.story,
                              self._honorifics)
        out = resolve_pronouns(doc, surnames(doc, out, text, self._honorifics),
                               self._pronoun_rules, sent_of, text)
        return discourse.quoted_speakers(doc, discourse.acronyms(doc, out), text)

    def _dateline_country(self, doc: Doc, when: date | None,
                          place_country: Callable[[str], str | None] | None) -> str | None:
        """Country of the dateline opening the report (the text stage recognises it): its
        region ("NAJAF, Iraq"), else its place, in the dictionary, else (a dateline closed
        by its dash only) in the gazetteer ("GUWAHATI:")."""
        d = opening_dateline(doc)
        if d is None:
            return None
        for name in (d.region, d.place, d.place.title()):
            code = self.lookup(name, when) if name else None
            if code and context.country_of(code):
                return context.country_of(code)
        if d.closed and place_country is not None:
            for name in (d.region, d.place.title()):
                found = place_country(name) if name else None
                if found:
                    return found
        return None

    def _title_codes(self, doc: Doc, title: str | None, when: date | None) -> list[str]:
        """Codes of the country-bearing names in a title that is not the body's start."""
        head = title.strip()[:40] if title else ""
        if not head or doc[:min(len(doc), 60)].text.lstrip().startswith(head):
            return []
        keys, words = text_keys(title)
        out: list[str] = []
        i = 0
        while i < len(keys):
            m = self._t.actors.match_at(keys, i)
            if m and m[1].kind in context.STORY_KINDS and any(
                    w[:1].isupper() for w in words[i:i + m[0]]):
                code = m[1].resolve(when)
                if code:
                    out.extend(code.split("/"))
                i += m[0]
            else:
                i += 1
        return out

    # -- internals ------------------------------------------------------
    def _actor_overlaps(self, keys: list[str], i: int, length: int, doc: Doc, dk: Any) -> bool:
        """Does an actor phrase start inside keys[i:i+length] and end after it?"""
        for k in range(i + 1, i + length):
            m = self._t.actors.match_at(keys, k)
            if m and k + m[0] > i + length:
                s, e = dk.token_span(k, k + m[0])
                if _cased(doc, s, e, m[1].kind):
                    return True
        return False

    def _hits(self, doc: Doc, when: date | None) -> tuple[list[Hit], list[Hit], list[Hit]]:
        """Dictionary matches, and apart from them the places of a wire dateline
        ("KABUL (Reuters) -": where the report was filed, no actor) and the names that only
        modify ("Turkey-backed", "Pakistan-based": no actors, but they say where)."""
        dk = doc_keys(doc)
        keys = dk.keys
        t = self._t
        hits: list[Hit] = []
        datelines: list[Hit] = []
        relations: list[Hit] = []
        i, n = 0, len(keys)
        while i < n:
            best: tuple[int, Hit] | None = None
            m = t.actors.match_at(keys, i)
            if m:
                length, s, e, tail = _trim(doc, dk, i, m[0])
                kind = m[1].kind
                ok = _cased(doc, s, e, kind) and (kind != "person" or e - s > 1 or
                                                  self._lone_name_ok(doc, s, keys[i], hits))
                code = m[1].resolve(when) if ok else None
                if code and kind not in ("person", "none") and not self._t.petrarch \
                        and _relation_modifier(doc, s, e, self._relation_suffixes):
                    relations.append(Hit(s, e, kind, code.split("/")))
                    code = None  # "Turkey-backed fighters": a modifier, no actor
                if code and kind in ("capital", "country", "place") and in_dateline(doc, s, e):
                    datelines.append(Hit(s, e, kind, code.split("/")))
                    if kind != "place":  # (a place hit is dropped when composing anyway)
                        code = None
                if code:
                    best = (length, Hit(s, e, kind, code.split("/"), tail=tail,
                                        armed=self._armed_reading(m[1], code)))
            c = t.coref.match_at(keys, i)
            if c and (best is None or c[0] > best[0]):
                s, e = dk.token_span(i, i + c[0])
                best = (c[0], Hit(s, e, "coref", [], coref=c[1][0], role=c[1][1]))
            a = t.agents.match_at(keys, i)
            if a and best is not None and a[0] == best[0] and best[1].kind == "office" \
                    and hits and hits[-1].kind in BASE_KINDS \
                    and [x.lower_ for x in doc[hits[-1].end:best[1].start]] in ([], ["'s"]):
                best = None  # "Rwanda's Senate": the agent reading, not the US Senate
            if a and (best is None or a[0] > best[0]):
                length, s, e, tail = _trim(doc, dk, i, a[0])
                best = (length, Hit(s, e, "agent", [a[1]], tail=tail))
            if best is None and t.titles is not None and keys[i] in t.titles.maxlen:
                best = self._title_hit(doc, dk, i)
            if best is None or (best[1].kind in ("coref", "agent") and self._actor_overlaps(
                    keys, i, best[0], doc, dk)):
                i += 1  # a longer actor starts inside: "the Islamic Republic of Iran"
                continue
            hits.append(best[1])
            i += best[0]
        return hits, datelines, relations


    def _armed_reading(self, entry: Entry, code: str) -> str:
        """For a group whose code on the date is not an armed role ("Taliban" 2024:
        AFGGOV), its armed non-state code ("" when it has none)."""
        if entry.kind != "group" or code[3:6] in self._armed_roles or self._t.petrarch:
            return ""
        return entry.armed_reading(self._armed_roles) or ""

    def _title_hit(self, doc: Doc, dk: Any, i: int) -> tuple[int, Hit] | None:
        """A capitalised title word right before a personal name ("Gen. Musa Adamu",
        "Ayatollah Ali Sistani"): an agent hit of the title's role."""
        assert self._t.titles is not None
        m = self._t.titles.match_at(dk.keys, i)
        if not m:
            return None
        s, e = dk.token_span(i, i + m[0])
        if not doc[s].text[:1].isupper() or name_after(doc, e, self._titles) is None:
            return None
        return m[0], Hit(s, e, "agent", [m[1]])

    def _lone_name_ok(self, doc: Doc, s: int, key: str, hits: list[Hit]) -> bool:
        """May a one-word person entry match token ``s``?

        Not when the word is part of a longer name ("Omar Abdullah", "Abdullah
        Gul" where that person is not in the dictionary): a capitalised name
        token joined to it (same PERSON entity or a compound) that is not a
        title ("King", "President") or a preceding actor/agent match.  A given
        name ("Abdullah", "Hassan": see ``_given_names``) names a monarch only
        without an honorific: "Mr Abdullah", "Dr Hassan" are someone else.
        """
        tok = doc[s]
        prev = doc[s - 1] if s > 0 else None
        if prev is not None and prev.lower_.rstrip(".") in self._honorifics:
            return key not in self._t.given_names
        titled = prev is not None and (prev.lower_.rstrip(".") in self._titles or (
            bool(hits) and hits[-1].end == s and hits[-1].kind != "person"))
        if prev is not None and not titled and _name_link(prev, tok):
            return False
        nxt = doc[s + 1] if s + 1 < len(doc) else None
        return not (nxt is not None and _name_link(tok, nxt))


def _name_link(a: Token, b: Token) -> bool:
    """Are adjacent tokens a, b parts of one personal name ("Omar Abdullah")?"""
    if not (a.text[:1].isupper() and b.text[:1].isupper() and a.is_alpha and b.is_alpha):
        return False
    if a.pos_ != "PROPN" or b.pos_ != "PROPN":
        return False
    if a.ent_type_ == "PERSON" and b.ent_type_ == "PERSON" and b.ent_iob_ == "I":
        return True
    return (a.dep_ in ("compound", "flat") and a.head.i == b.i) or (
        b.dep_ in ("compound", "flat") and b.head.i == a.i)


#: function words a dictionary phrase must not end with ("ambassador to", "embassy in")
_FUNCTION_POS = ("ADP", "DET", "CCONJ", "SCONJ", "PART")


def _trim(doc: Doc, dk: Any, i: int, length: int) -> tuple[int, int, int, int]:
    """Drop trailing function words from a match of ``length`` keys at key ``i``.

    Phoenix has phrases like "ambassador to", "embassy in", "central jail of":
    the mention must end at the head noun, so that "Azerbaijan" in "ambassador
    to Azerbaijan" stays its own mention.  Returns (keys, start, end, untrimmed end);
    only whole lower-case tokens are dropped ("Moon Jae-in" keeps its "in").
    """
    s, e = dk.token_span(i, i + length)
    tail = e
    while length > 1:
        t = doc[e - 1]
        k = i + length - 1
        if dk.tok[k] != t.i or (k > i and dk.tok[k - 1] == t.i) or not t.is_lower \
                or t.pos_ not in _FUNCTION_POS or t.lower_ in ("'s", "’s"):
            break
        length -= 1
        e = dk.tok[i + length - 1] + 1
    return length, s, e, tail


def _relation_modifier(doc: Doc, start: int, end: int, suffixes: frozenset[str]) -> bool:
    """ "Turkey-backed", "Kabul-based", "UN-brokered": the name only modifies the word
    after the hyphen (one token "U.S.-backed" or three: "Turkey", "-", "backed")."""
    last = doc[end - 1]
    if "-" in last.text[1:]:
        return last.text.rsplit("-", 1)[1].lower() in suffixes
    return end + 1 < len(doc) and doc[end].text in ("-", "\u2013", "\u2010") \
        and not doc[end].whitespace_ and doc[end + 1].lower_ in suffixes


def _cased(doc: Doc, start: int, end: int, kind: str) -> bool:
    """Names are capitalised: "us" is a pronoun, "US" the country.

    Some token of the match must start with a capital; a one-token match of
    at most three letters ("US", "UN", "TTP", "JeM") needs two capitals,
    except for people ("Xi").
    """
    toks = doc[start:end]
    if not any(t.text[:1].isupper() for t in toks):
        return False
    if end - start == 1 and kind != "person":
        text = toks[0].text.replace(".", "")
        if len(text) <= 3 and sum(c.isupper() for c in text) < min(2, len(text)):
            return False
    return True


def _read_dictionary(path: Path, what: str) -> str:
    """Text of a PETRARCH-format dictionary file; ``ConfigError`` naming it if unreadable."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read {what} dictionary {path}: {exc}") from exc
