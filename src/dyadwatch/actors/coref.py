"""Simple rule-based coreference for actor items (documented in docs/eval/actors.md).

* ``one`` ("it", "the country", "the government", "its foreign ministry",
  "the country's caretaker prime minister", a lone "the military" subject):
  resolved only in SUBJECT position (possessives: when the phrase they start is
  a subject or object of a verb) to the single country of the nearest earlier
  subject-position actors, searched first earlier in the same sentence, then in
  the previous sentences (at most ``LOOKBACK``).  Two different countries
  there -> unresolved (dropped).
* ``two`` ("both sides", "the two neighbours", "the two countries", subject
  "both"): the two most recent distinct countries mentioned before, within
  ``LOOKBACK`` sentences; one mention per country over the same span.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .compose import Item, combine
from .mention import governing_verb, sent_index

LOOKBACK = 3
_INTL = ("IGO", "NGO", "IMG", "MNC", "INT", "NGM", "UIS")


def country_of(code: str) -> str | None:
    c = code[:3]
    if len(c) == 3 and c.isalpha() and c.isupper() and c not in _INTL:
        return c
    return None


def resolve(doc: Doc, items: list[Item], pron2_ok: set[str], story: str | None = None,
            sent_of: list[int] | None = None) -> list[tuple[Item, list[str]]]:
    """Resolve pending items; returns (item, codes) pairs (unresolvable items dropped).

    ``story``: the story's subject country, the antecedent of last resort of a definite
    description ("the country's air force") whose clause names no other country."""
    if sent_of is None:
        sent_of = sent_index(doc)
    named: dict[int, set[str]] = {}  # sentence -> countries its own actors name
    for it in items:
        if not it.pending:
            named.setdefault(sent_of[it.start], set()).update(
                c for c in (country_of(x) for x in it.codes) if c)
    out: list[tuple[Item, list[str]]] = []
    done: list[tuple[Item, list[str]]] = []  # resolved history, in text order
    by_token: dict[int, tuple[Item, list[str]]] = {}
    for item in items:
        if not item.pending:
            pair = (item, item.codes)
            out.append(pair)
            done.append(pair)
            for k in range(item.start, item.end):
                by_token[k] = pair
            continue
        s = sent_of[item.start]
        codes: list[str] = []
        if item.pending == "one":
            head = doc[item.end - 1].head
            ante: tuple[str, str] | None = None
            if doc[item.start].lower_ == "it" and head.lemma_ in ("be", "seem", "appear"):
                pass  # "it is their Boston Tea Party", "it seems": no actor
            elif (item.subject or item.extra.get("poss")) and _definite(doc, item):
                # "France destroyed the country's air force": a definite description does
                # not name the subject of its own clause ("its" would); an earlier subject
                # country, else the story's subject country, else the sentence's other one
                own = _own_clause_subject(doc, item, by_token)
                ante = _single_subject_antecedent(done, sent_of, s, exclude=own)
                others = named.get(s, set()) - {own}
                if ante is None and story and story != own:
                    ante = (story, story)
                elif ante is None and own and len(others) == 1:
                    # "France destroyed the country's air force after Ivorian jets ...":
                    # the one other country of the sentence
                    ante = (next(iter(others)),) * 2
            elif item.subject or item.extra.get("poss"):
                # "The diplomat said": an actor of the same role just named ("Pakistani
                # Ambassador Bilal Hayee told ..."), else the subject before
                ante = (None if item.extra.get("poss") or not item.agent
                        else _same_role(done, sent_of, s, item.agent)) or \
                    _clause_subject(doc, item, by_token) or \
                    _single_subject_antecedent(done, sent_of, s)
            if ante:
                country, full = ante
                if item.agent:
                    codes = [combine(country, item.agent)]
                else:
                    codes = [full if doc[item.start].lower_ == "it" else country]
            if not codes and item.agent.startswith("~") and not item.extra.get("poss"):
                codes = ["---" + item.agent[1:]]  # "the government said": country unknown
        elif item.pending in ("two", "pron2"):
            nxt = doc[item.end].lower_ if item.end < len(doc) else ""
            if nxt == "of":
                pass  # "the two sides of politics": not the two countries
            elif item.pending == "two" or doc[item.end - 1].dep_ in pron2_ok:
                # "X and Y contacted both sides": the agents are not among the sides
                agents = _agent_countries(doc, item, by_token)
                found = [c for c in _recent_countries(done, sent_of, s) if c not in agents]
                if len(found) >= 2:
                    codes = [combine(c, item.agent) if item.agent else c for c in found[:2]]
        if codes:
            pair = (item, codes)
            out.append(pair)
            done.append(pair)
            for k in range(item.start, item.end):
                by_token[k] = pair
    return out


def _clause_subject(doc: Doc, item: Item, by_token: dict[int, tuple[Item, list[str]]]
                    ) -> tuple[str, str] | None:
    """The actor subject of the clause the item sits in, or of a governing clause.

    "Islamabad recalled its ambassador": "its" -> the subject of "recalled".
    "Iran said it would retaliate": "it" is itself the subject of "retaliate",
    so the subject of the governing "said" is used.  Only earlier tokens count.
    """
    tok = doc[item.end - 1]
    seen = 0
    while tok.head.i != tok.i and seen < 8:
        seen += 1
        tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        verb = tok
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "recalled ... and expelled"
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                break
            verb = verb.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < item.start and c.i in by_token:
                codes = by_token[c.i][1]
                countries = {country_of(x) for x in codes} - {None}
                if len(countries) == 1 and len(codes) == 1:
                    return next(iter(countries)), codes[0]  # type: ignore[arg-type]
                return None
    return None


def _definite(doc: Doc, item: Item) -> bool:
    """ "the country", "the country's", "the nation": a definite description, not a pronoun
    ("it", "its") and not a lone "the <agent>" subject ("the military said")."""
    return doc[item.start].lower_ == "the" and not item.agent if not item.extra.get("poss") \
        else doc[item.start].lower_ == "the"


def _own_clause_subject(doc: Doc, item: Item, by_token: dict[int, tuple[Item, list[str]]]
                        ) -> str | None:
    """Country of the actor subject of the clause the item is an object or possessor in."""
    tok = governing_verb(doc[item.end - 1], 6)
    if tok is None:
        return None
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < item.start and c.i in by_token:
            countries = {country_of(x) for x in by_token[c.i][1]} - {None}
            return next(iter(countries)) if len(countries) == 1 else None
    return None


def _single_subject_antecedent(done: list[tuple[Item, list[str]]], sent_of: list[int],
                               s: int, exclude: str | None = None) -> tuple[str, str] | None:
    """(country, full code) of the nearest subject actors if they agree on one country.

    The full code is the antecedent's own code ("Islamabad" -> PAKGOV) when all
    subject mentions there share it, else the bare country.  ``exclude``: a country that
    cannot be the antecedent (sentences naming only it are passed over).
    """
    by_sent: dict[int, set[str]] = {}
    full: dict[int, set[str]] = {}
    main_sents = {sent_of[it.start] for it, _ in done if it.main_subject}
    for it, codes in done:
        if not it.subject:
            continue
        k = sent_of[it.start]
        if s - k > LOOKBACK or (k in main_sents and not it.main_subject):
            continue  # a sentence with a main-clause subject actor: only that one counts
        for c in codes:
            cc = country_of(c)
            if cc:
                by_sent.setdefault(k, set()).add(cc)
                full.setdefault(k, set()).add(c)
    for k in sorted(by_sent, reverse=True):
        countries = by_sent[k] - {exclude}
        if not countries:
            continue
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        codes = {c for c in full[k] if c[:3] == country}
        return country, (next(iter(codes)) if len(codes) == 1 else country)
    return None


def _same_role(done: list[tuple[Item, list[str]]], sent_of: list[int], s: int,
               agent: str) -> tuple[str, str] | None:
    """(country, code) of the actors of ``agent``'s role in the nearest earlier sentence
    (within ``LOOKBACK``) that names one, when they agree on one country; not capitals (a
    capital's GOV is a metonym, often a place)."""
    role = agent.replace("~", "")[:3]
    by_sent: dict[int, set[str]] = {}
    for it, codes in done:
        k = sent_of[it.start]
        if s - k > LOOKBACK or it.kind in ("capital", "country", "demonym", "place"):
            continue
        for c in codes:
            if c[3:6] == role and country_of(c):
                by_sent.setdefault(k, set()).add(c[:3])
    for k in sorted(by_sent, reverse=True):
        countries = by_sent[k]
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        return country, country + role
    return None


_RELATIVE = frozenset({"that", "which", "who"})


def _agent_countries(doc: Doc, item: Item, by_token: dict[int, tuple[Item, list[str]]]
                     ) -> set[str]:
    """Countries of the subject of the verb the item is an object of ("Chile and Peru
    called both sides", "Chile and Peru were among the states that called both sides"):
    the ones acting on "both sides" are not the two sides."""
    tok = doc[item.end - 1]
    if tok.dep_ not in ("dobj", "pobj", "dative"):
        return set()
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subj = verb.head  # "the governments that contacted both sides"
        prep = subj.head
        if subj.dep_ == "pobj" and prep.lower_ == "among" and prep.head.lemma_ == "be":
            subj = next((c for c in prep.head.children if c.dep_ == "nsubj"), subj)
    if subj is None:
        return set()
    out: set[str] = set()
    for t in subj.subtree:
        pair = by_token.get(t.i)
        if pair is not None:
            out.update(c for c in (country_of(x) for x in pair[1]) if c)
    return out


def _recent_countries(done: list[tuple[Item, list[str]]], sent_of: list[int], s: int) -> list[str]:
    """Countries named within ``LOOKBACK`` sentences, the most often named first, then the
    most recent: "both sides" are the two parties the passage is about, not the last two
    capitals a clause happens to name ("in front of Washington and Beijing")."""
    found: list[str] = []
    count: dict[str, int] = {}
    for it, codes in reversed(done):
        if s - sent_of[it.start] > LOOKBACK:
            break
        # in the order of ``codes`` (a set's order changes with the string hash seed, so
        # ties came out differently in each worker process)
        for cc in dict.fromkeys(x for x in map(country_of, codes) if x is not None):
            count[cc] = count.get(cc, 0) + 1  # type: ignore[index]
            if cc not in found:
                found.append(cc)  # type: ignore[arg-type]
    return sorted(found, key=lambda c: (-count[c], found.index(c)))
