"""Place mentions in a parsed document: which spans name places, and how they sit.

A ``PlaceMention`` is a span that resolves in the gazetteer, plus what the
syntax says about it: a feature word next to it ("Baluchistan *province*"),
the places that contain it ("Panjgur, in *Pakistan's* *Baluchistan* province",
"the *Iranian* city of Zahedan"), whether it is governed by a locative
preposition ("*inside* Iran") and whether it is grammatically an actor
("*Iran* launched strikes").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import _resources
from ..errors import ConfigError
from ..text import opening_dateline
from .gazetteer import Gazetteer, Place
from .names import FEATURE_WORDS, key


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The word lists in ``data/gazetteer/curated/rules.json`` (as sets)."""
    raw = _resources.read_json("gazetteer", "curated", "rules.json")
    missing = [k for k in _RULE_KEYS if k not in raw]
    bad = [k for k, v in raw.items() if not k.startswith("_") and not (
        isinstance(v, list) and all(isinstance(w, str) and w for w in v))]
    if missing or bad:
        raise ConfigError(f"data/gazetteer/curated/rules.json: missing lists {missing}, "
                          f"entries that are not lists of words {bad}")
    return {k: (set(v) if isinstance(v, list) else v) for k, v in raw.items()}


#: the word lists rules.json must have
_RULE_KEYS = ("entity_labels", "locative_preps", "move_verbs", "territory_nouns",
              "facility_nouns", "force_roots", "statement_roots", "clause_deps", "actor_deps",
              "context_cues", "nonlocative_preps", "org_words", "speech_verbs",
              "direction_words", "occasion_nouns", "institution_nouns",
              "remote_words", "transfer_verbs", "target_preps", "anaphor_nouns",
              "anaphoric_places", "compass_words", "force_nouns")


@dataclass
class PlaceMention:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    text: str
    root: int  # token index of the span's syntactic root
    hint: str | None = None  # feature implied by a neighbouring word
    #: ISO3 countries stated as containing this place (possessive, demonym, ", X")
    in_countries: list[str] = field(default_factory=list)
    #: indices (into the mention list) of mentions that contain this one
    containers: list[int] = field(default_factory=list)
    locative: bool = False  # governed by in/inside/at/... or object of a visit
    nonlocative: bool = False  # governed by from/against/with/... ("recalled from Tehran")
    actor_like: bool = False  # subject/possessor: the place acts, it is not a scene
    #: a demonym + territory noun ("Pakistani soil") stands for this country
    country_only: str | None = None
    #: token index of the movement verb that makes this place locative ("visit Israel"):
    #: the place is that verb's destination, not the scene of other clauses
    bound: int | None = None
    #: token index of the occasion or venue noun the place is attached to ("the debate
    #: stage *in Miami*", "the crowd at *Miami's* Arsht Center")
    occasion: int | None = None
    #: a compass word makes a country a stretch of land ("attacks on *southern Israel*")
    territorial: bool = False
    #: the preposition governing the mention (lower case), if any
    prep: str | None = None

    def overlaps(self, span: list[int] | tuple[int, int] | None) -> bool:
        if not span:
            return False
        s, e = int(span[0]), int(span[1])
        return self.start < e and s < self.end


def _trim(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "'s", "’s"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return start, end


def _is_locative(doc: Doc, root: Token) -> bool:
    r = rules()
    tok = root
    # climb through appositions/conjunctions to the governing word (not through
    # compounds: "a US base in Erbil" does not put the event in the US)
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in r["locative_preps"]:
        return True
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in r["move_verbs"]:
        return True
    if tok.dep_ in ("dobj", "npadvmod") and head.lemma_ in r["move_verbs"]:
        return True
    # "strikes ... in Iran's Sistan province" style: possessor of a locative noun;
    # "Sanaa's airport": possessor of a facility
    if tok.dep_ == "poss" and (_facility(head) or head.ent_type_ in ("FAC", "LOC") or (
            head.dep_ == "pobj" and head.head.lower_ in r["locative_preps"])):
        return True
    # the word right before: "inside Iran" parsed oddly
    prev = doc[root.left_edge.i - 1] if root.left_edge.i > 0 else None
    return prev is not None and prev.lower_ in r["locative_preps"] and prev.head.i != root.i


def _facility(tok: Token) -> bool:
    """A facility or settlement noun ("camp", "hospitals", "city"): a place name that
    possesses or modifies it says where the facility is."""
    return tok.lower_ in rules()["facility_nouns"] or tok.lemma_.lower() in rules()["facility_nouns"]


def _is_nonlocative(root: Token) -> bool:
    tok = root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        # "Han Lee, 41, of Cambridge", "a resident of Dedham": where a person lives
        owner = tok.head.head
        return owner.like_num or owner.ent_type_ == "PERSON"
    return tok.dep_ == "pobj" and tok.head.lower_ in rules()["nonlocative_preps"]


def _governing_prep(root: Token) -> str | None:
    tok = root
    while tok.dep_ in ("conj", "appos", "compound", "poss") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP":
        return tok.head.lower_
    return None


def _bound_verb(root: Token) -> int | None:
    """The movement verb whose object or ``to``-phrase the place is ("visit Israel",
    "travelled to Morocco"), else None."""
    tok = root
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    moves = rules()["move_verbs"]
    if tok.dep_ in ("dobj", "npadvmod") and tok.head.lemma_ in moves:
        return tok.head.i
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_ in moves:
        return tok.head.head.i
    return None


def _occasion(root: Token) -> int | None:
    """The occasion or venue noun a place is attached to: "the debate stage in Miami",
    "the crowd at Miami's Arsht Center" (venue, then the noun its ``at`` hangs on)."""
    tok = root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        tok = tok.head
    nouns = rules()["occasion_nouns"]
    for _ in range(3):
        if tok.dep_ == "poss" and tok.head.lower_ in nouns:
            tok = tok.head  # Miami's Arsht *Center*
            if tok.dep_ != "pobj":
                return tok.i
        if tok.dep_ != "pobj" or tok.head.lower_ not in rules()["locative_preps"]:
            return None
        owner = tok.head.head
        if owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() in nouns:
            return owner.i
        if owner.pos_ in ("NOUN", "PROPN") and owner.dep_ == "pobj":
            tok = owner  # "in a response ... from the crowd at X": one more step
            continue
        return None
    return None


def _is_actor_like(root: Token) -> bool:
    tok = root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in rules()["actor_deps"]


def _hint(doc: Doc, start: int, end: int) -> str | None:
    if end < len(doc) and doc[end].lower_ in FEATURE_WORDS:
        return FEATURE_WORDS[doc[end].lower_]
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in FEATURE_WORDS:
        return FEATURE_WORDS[doc[start - 2].lower_]
    return None


def collect(doc: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """Every place mention of the document, with containment links filled in."""
    r = rules()
    out: list[PlaceMention] = []
    for ent in doc.ents:
        start, end = _trim(ent)
        if start >= end:
            continue
        text = doc[start:end].text
        if text.islower():
            continue  # a case-insensitive ruler pattern hit an ordinary word
        if text.lower() in r["direction_words"]:
            continue  # "in the North": a direction, not the North region of some country
        if ent.label_ in r["entity_labels"]:
            if not gaz.candidates(text) or _inside_name(doc, end):
                continue
            if gaz.demonym(text) and _hint(doc, start, end) is None:
                continue  # "Somali troops": an adjective, not the Somali region
        elif ent.label_ == "NORP" and gaz.demonym(text):
            _demonym_territory(doc, start, end, gaz, out)
            continue
        else:
            # "Lahore's Liberty Market" (ORG/FAC): the possessor is the place
            poss = [t.i for t in doc[start:end] if t.lower_ in ("'s", "’s")]
            if poss and _known_name(gaz, doc[start:poss[0]].text):
                end = poss[0]
                text = doc[start:end].text
            # spaCy sometimes calls a rare town a PERSON/ORG/NORP: accept it in
            # "in X"/"city of X" position (NORP anywhere) when the name is known exactly
            elif not (_after_loc_prep(doc, start) or ent.label_ == "NORP") \
                    or not _known_name(gaz, text, alternates=_hint(doc, start, end) is not None):
                continue
        out.append(_mention(doc, gaz, start, end))
    taken = {i for m in out for i in range(m.start, m.end)}
    out += [m for m in _untagged(doc, gaz, taken) if m.start not in taken]
    out.sort(key=lambda m: m.start)
    _link_containers(doc, gaz, out)
    out += _anaphors(doc, gaz, out)
    out.sort(key=lambda m: m.start)
    return out


def _mention(doc: Doc, gaz: Gazetteer, start: int, end: int) -> PlaceMention:
    """A mention of ``doc[start:end]`` with what its syntax says about it."""
    span = doc[start:end]
    root = span.root
    m = PlaceMention(start, end, span.text, root.i, _hint(doc, start, end))
    m.locative = _is_locative(doc, root)
    m.nonlocative = _is_nonlocative(root)
    m.actor_like = _is_actor_like(root)
    m.prep = _governing_prep(root)
    m.bound = _bound_verb(root)
    m.occasion = _occasion(root)
    m.territorial = start > 0 and doc[start - 1].lower_ in rules()["compass_words"]
    if root.dep_ == "compound" and _facility(root.head) and not m.nonlocative:
        # "the Jabalia refugee camp has been hit": the camp's name says where it is
        cands = gaz.candidates(span.text)
        if cands and cands[0][0].feature != "country":  # "a US base" may be anywhere
            m.locative, m.actor_like = True, False
    return m


def _untagged(doc: Doc, gaz: Gazetteer, taken: set[int]) -> list[PlaceMention]:
    """Known town names the parser left untagged, where only a place fits: after a
    locative preposition or as a visit's object ("visit Belvidere", "meet in Belvidere"),
    and the opening dateline's place ("MIAMI —" tagged as an organisation)."""
    out = []
    r = rules()
    try:
        dl = opening_dateline(doc)
    except ValueError:  # no sentence boundaries
        dl = None
    if dl is not None:
        s, e = dl.place_tokens
        if not any(i in taken for i in range(s, e)) and _known_name(gaz, doc[s:e].text):
            out.append(_mention(doc, gaz, s, e))
    for tok in doc:
        if tok.i in taken or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title \
                or len(tok) < 4 or tok.dep_ == "compound":
            continue
        loc = (tok.dep_ == "pobj" and tok.head.lower_ in r["locative_preps"]) or \
            (tok.dep_ == "dobj" and tok.head.lemma_ in r["move_verbs"])
        if loc and tok.lower_ not in r["direction_words"] and \
                key(tok.text) not in gaz.tables.stopnames and \
                _known_name(gaz, tok.text) and not gaz.demonym(tok.text):
            out.append(_mention(doc, gaz, tok.i, tok.i + 1))
    return out


def _anaphors(doc: Doc, gaz: Gazetteer, ms: list[PlaceMention]) -> list[PlaceMention]:
    """Places named by a definite description instead of a name:

    * "travelled to *the North African nation*" -> the country last named before it;
    * "raised a point of order *in the Scottish Parliament*" -> the country of the
      legislature's demonym or country name.
    """
    r = rules()
    out = []
    for tok in doc:
        if tok.dep_ != "pobj" and not (tok.dep_ == "dobj" and tok.head.lemma_ in r["move_verbs"]):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in r["locative_preps"] and not (
                tok.head.lower_ == "to" and tok.head.head.lemma_ in r["move_verbs"]):
            continue
        kids = list(tok.children)
        if not any(k.lower_ == "the" and k.dep_ == "det" for k in kids):
            continue
        mods = [t for t in doc[tok.left_edge.i:tok.i] if t.lower_ != "the"]
        if not mods or any(m.start <= tok.i < m.end for m in ms):
            continue
        iso3 = next((gaz.demonym(t.text) for t in mods if gaz.demonym(t.text)), None)
        lemma = tok.lemma_.lower()
        if lemma in r["institution_nouns"]:
            iso3 = iso3 or next((c for t in mods for c in [_country_named(gaz, t.text)] if c),
                                None)
        elif lemma in r["anaphor_nouns"] and iso3 is None and not tok.ent_type_ and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in kids):
            # not a name ("the United Nations") nor a description followed by its name
            # ("the southern state of Tennessee")
            iso3 = next((c for m in reversed(ms) if m.end <= tok.left_edge.i
                         for c in [m.country_only or _country_named(gaz, m.text)] if c), None)
        else:
            continue
        if iso3 is None or gaz.country(iso3) is None:
            continue
        m = PlaceMention(tok.left_edge.i, tok.i + 1, doc[tok.left_edge.i:tok.i + 1].text,
                         tok.i, "country", country_only=iso3)
        m.locative, m.prep, m.bound = True, _governing_prep(tok), _bound_verb(tok)
        out.append(m)
    return out


def _country_named(gaz: Gazetteer, text: str) -> str | None:
    """ISO3 when ``text`` names a country outright ("Morocco", "the Scottish" -> None)."""
    cands = gaz.candidates(text)
    return cands[0][0].country if cands and cands[0][0].feature == "country" else None


def _after_loc_prep(doc: Doc, start: int) -> bool:
    """``in X`` or ``the city of X``."""
    if start > 0 and doc[start - 1].lower_ in rules()["locative_preps"]:
        return True
    return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in FEATURE_WORDS


def _known_name(gaz: Gazetteer, text: str, alternates: bool = False) -> bool:
    """Is ``text`` a place's own name (or, after "the town of", any known name)?"""
    ok = ("name", "alias", "curated", "alternate") if alternates else ("name", "alias", "curated")
    return any(how in ok for _, how in gaz.tables.find(key(text)))


def _inside_name(doc: Doc, end: int) -> bool:
    """``Baluchistan`` in "Baluchistan Liberation Front" is part of a group's name."""
    return end < len(doc) and doc[end].text in rules()["org_words"]


def _demonym_territory(doc: Doc, start: int, end: int, gaz: Gazetteer,
                       out: list[PlaceMention]) -> None:
    """``Pakistani soil``/``Iranian territory`` -> a country mention."""
    iso3 = gaz.demonym(doc[start:end].text)
    if iso3 is None or end >= len(doc):
        return
    nxt = doc[end]
    nouns = rules()["territory_nouns"]
    if nxt.lower_ == "side" and not (end + 1 < len(doc) and doc[end + 1].lower_ == "of"):
        return  # "died on the Israeli side": a party, unless "the X side of the border"
    if nxt.lower_ in nouns and nxt.lower_ not in FEATURE_WORDS:
        place = gaz.country(iso3)
        if place is None:
            return
        m = PlaceMention(start, end + 1, doc[start:end + 1].text, nxt.i, "country",
                         country_only=iso3)
        m.locative = _is_locative(doc, nxt) or nxt.dep_ in ("pobj",)
        out.append(m)


def _link_containers(doc: Doc, gaz: Gazetteer, ms: list[PlaceMention]) -> None:
    """Fill ``in_countries``/``containers`` from possessives, demonyms and ", in X"."""
    by_start = {m.start: i for i, m in enumerate(ms)}
    for i, m in enumerate(ms):
        # possessive: "Pakistan's Baluchistan" (container right before + 's)
        j = m.start - 1
        if j >= 1 and doc[j].lower_ in ("'s", "’s"):
            for k, other in enumerate(ms):
                if other.end == j:
                    m.containers.append(k)
        # demonym: "the Iranian city of Zahedan", "Pakistan's southwestern Balochistan"
        lo = max(0, m.start - 5)
        for tok in doc[lo:m.start]:
            iso3 = gaz.demonym(tok.text) if tok.ent_type_ == "NORP" or tok.is_title else None
            between = doc[tok.i + 1:m.start]
            if iso3 and all(t.lower_ in FEATURE_WORDS or t.lower_ in ("of", "border", "the")
                            or t.pos_ == "ADJ" for t in between):
                m.in_countries.append(iso3)
        # following: "Panjgur, in Pakistan's ..." / "Zahedan, Iran" / "Quetta in Balochistan"
        pos = m.end
        steps = 0
        if pos < len(doc) and doc[pos].lower_ in ("'s", "’s"):
            continue  # "Pakistan's X": this one contains X, not the reverse
        while pos < len(doc) and steps < 4:
            t = doc[pos]
            if pos in by_start and by_start[pos] != i:
                k = by_start[pos]
                m.containers.append(k)
                nxt = ms[k]
                pos = nxt.end
                steps = 0
                if pos < len(doc) and doc[pos].lower_ in ("'s", "’s"):
                    pos += 1
                continue
            if t.lower_ in (",", "in", "of", "the", "'s", "’s") or t.lower_ in FEATURE_WORDS \
                    or (t.is_title and gaz.demonym(t.text)) or t.pos_ == "ADJ":
                pos += 1
                steps += 1
                continue
            break
        # containers also pass their own possessive containers on
        for k in list(m.containers):
            for kk in ms[k].containers:
                if kk not in m.containers and kk != i:
                    m.containers.append(kk)


def resolve(m: PlaceMention, gaz: Gazetteer, prefer: list[str],
            container_places: list[Place]) -> list[tuple[Place, float]]:
    """Ranked candidates for a mention, honouring what contains it."""
    if m.country_only:
        p = gaz.country(m.country_only)
        return [(p, 100.0)] if p else []
    stated = m.in_countries + [c.country for c in container_places if c.country]
    pref = list(dict.fromkeys(stated + prefer))
    cands = gaz.candidates(m.text, pref, hint=m.hint)
    admin = {key(c.name) for c in container_places if c.feature == "admin1"}
    countries = {c.country for c in container_places if c.country} | set(m.in_countries)
    if admin:
        inside = [(p, s + 30.0) for p, s in cands if p.admin1 and key(p.admin1) in admin]
        if inside:
            rest = [(p, s) for p, s in cands if not (p.admin1 and key(p.admin1) in admin)]
            cands = sorted(inside, key=lambda ps: -ps[1]) + rest
    if countries:
        # "Sui in Balochistan": a reading outside the stated country is no reading;
        # with none left the container itself stands for the place
        cands = [(p, s) for p, s in cands if p.country in countries or p.country is None]
    return cands
