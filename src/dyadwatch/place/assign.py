"""Put each event somewhere: the place where it happened, as the text states it.

Rules (evidence ``rule`` in brackets):

* ``sentence`` -- a place mention in the event's sentence.  Containers are
  folded into the most specific place ("Panjgur, in Pakistan's Baluchistan
  province" -> Panjgur, Balochistan, PAK).  A place that is the event's
  source/target actor or a grammatical subject/possessor ("*Iran* launched",
  "*Islamabad's* response") is not a scene; a country needs a locative
  preposition ("inside Iran") or a visit ("visited Islamabad").  Among the rest
  the one nearest the trigger in the dependency tree wins, more specific first.
* Statements and diplomatic acts (CAMEO roots 01-05, 10-13) only take a place
  attached to their own clause ("said in Beijing"), the speaker's own phrase ("the mission
  to the UN in Geneva"), or the occasion or venue the sentence reports ("sparred on the
  debate stage in Miami").
* Never a scene (``_scene_of``): the place that *is* the source; a target country after
  at/on/against ("strike at Iran"); a capital receiving a transfer ("send aid to Kyiv");
  a movement verb's destination for a clause with its own subject ("was due to visit
  Israel as Israel's military battled Hamas").
* ``context`` -- a material event with no place of its own, in a sentence that
  plainly continues the previous one ("The strikes killed ...", "yesterday's attack"),
  takes the previous sentence's place; a place anaphor in its clause or above ("there",
  "the area", also for statements) looks back up to three sentences across paragraphs.
  Events dated more than a week from publication do not inherit.
* ``dateline`` -- an event with no place of its own takes the opening dateline's place
  ("TEHRAN -- Iran's foreign ministry summoned ...") when it is in the dateline's own
  sentence (the lead), or when it is a statement or diplomatic act whose source is of the
  dateline's country (the speaker is where the report was filed).  The place of what is
  said ("said Pakistan struck camps in Iran") is not the speaker's: a statement only
  takes a place of its own clause.
* ``none`` -- no location.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Document, Event
from ..text import opening_dateline
from .gazetteer import Gazetteer, Place
from .mentions import PlaceMention, collect, resolve, rules

_SPECIFIC = {"city": 1.0, "point": 1.0, "admin1": 0.6, "region": 0.4, "line": 0.4,
             "border": 0.4, "sea": 0.4, "country": 0.0}
#: actor "countries" that are not places (international actors)
_NOT_COUNTRIES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNK"})


def assign_places(events: list[Event], doc: Doc, document: Document, gazetteer: Gazetteer,
                  mentions: list[Any]) -> None:
    """Set ``ev.location`` and ``ev.evidence["place"]`` for every event."""
    if not events:
        return
    places = collect(doc, gazetteer)
    doc_pref = _document_countries(places, gazetteer, mentions)
    ctx = _Context(doc, gazetteer, places, doc_pref, mentions)
    ctx.published = document.published
    for ev in events:
        ctx.assign(ev)


def _document_countries(places: list[PlaceMention], gaz: Gazetteer,
                        mentions: Sequence[Any]) -> list[str]:
    counts: Counter[str] = Counter()
    for mn in mentions:
        actor = getattr(mn, "actor", None)
        c = getattr(actor, "country", None)
        if c and len(c) == 3 and c not in _NOT_COUNTRIES:
            counts[c] += 1
    for pm in places:
        c = _unambiguous_country(pm, gaz)
        if c:
            counts[c] += 1
        counts.update(pm.in_countries)
    return [c for c, _ in counts.most_common()]


def _unambiguous_country(pm: PlaceMention, gaz: Gazetteer) -> str | None:
    """The country of a mention when the name leaves no doubt (one clear reading)."""
    if pm.country_only:
        return pm.country_only
    cands = gaz.candidates(pm.text, hint=pm.hint)
    if not cands:
        return None
    top = cands[0][0]
    for p, _ in cands[1:]:
        if p.country == top.country:
            continue
        if p.feature != "city" or top.feature != "city":
            return None  # Georgia the country vs Georgia the US state
        if p.population * 10 >= top.population:
            return None  # two real cities of that name
    return top.country


def _says_here(trig: Token) -> bool:
    """The trigger's clause says "here" ("criticized him at a debate *here*"): the place
    the report was filed from."""
    for t in trig.subtree:
        if t.lower_ == "here" and t.dep_ == "advmod":
            x = t.head  # up to the first clause boundary (tokens compare by index)
            for _ in range(12):
                if x.i == trig.i or x.dep_ in rules()["clause_deps"] or x.head.i == x.i:
                    break
                x = x.head
            if x.i == trig.i:
                return True
    return False


def _clause_head(tok: Token) -> Token:
    """The verb (or root) of the clause ``tok`` is in."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _anaphor_over(trig: Token, own: bool = False) -> bool:
    """Does a place anaphor ("there", "the area") sit in the trigger's clause, or (unless
    ``own``) in a clause above it ("confirmed airstrikes *there*, saying they'd killed
    ...")?  One in a clause below ("Iran, which funds groups in *the region*") does not
    count."""
    words = rules()["anaphoric_places"]
    here = _clause_head(trig)
    for t in trig.sent:
        phrase = t.lower_ if t.lower_ == "there" else \
            f"the {t.lower_}" if any(c.dep_ == "det" and c.lower_ == "the"
                                     for c in t.children) and t.pos_ == "NOUN" else None
        if phrase not in words or (t.lower_ == "there" and t.dep_ == "expl"):
            continue
        head = _clause_head(t)
        if head.i == here.i or (not own and head.is_ancestor(trig)):
            return True
    return False


def _remote(trig: Token) -> bool:
    """The event's sentence says it happened at a distance ("during a virtual chat", "by
    phone", "in a video call"): it has no place of its own."""
    words = rules()["remote_words"]
    for c in trig.children:  # the verb's own adverbials, not what is said or who says it
        if c.dep_ == "advmod" and c.lower_ in words:
            return True
        if c.dep_ == "prep" and any(t.lower_ in words for t in c.subtree):
            return True
    return False


def _path(a: Token, b: Token) -> tuple[int, int, int]:
    """(edges, clause edges going up from ``a``, clause edges going down to ``b``)."""
    clause = rules()["clause_deps"]
    up_a = [a, *a.ancestors]
    idx = {t.i: n for n, t in enumerate(up_a)}
    down: list[Token] = []
    t = b
    while t.i not in idx:
        down.append(t)
        if t.head is t:
            return (99, 9, 9)
        t = t.head
    up = up_a[: idx[t.i]]
    n_up = sum(1 for x in up if x.dep_ in clause)
    n_down = sum(1 for x in down if x.dep_ in clause)
    return (len(up) + len(down), n_up, n_down)


def _is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _line_sentence(doc: Doc, i: int) -> Span:
    """The spaCy sentence around token ``i``, cut at line breaks (as text.parse does)."""
    sent = doc[i].sent
    start, end = sent.start, sent.end
    for j in range(i - 1, sent.start - 1, -1):
        if _is_break(doc[j]):
            start = j + 1
            break
    for j in range(i, sent.end):
        if _is_break(doc[j]):
            end = j
            break
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def _span_head(doc: Doc, span: Sequence[int] | None) -> Token | None:
    """Syntactic head of an actor span, climbed out of compounds ("Jaish Al Adl group")."""
    if not span:
        return None
    s, e = int(span[0]), int(span[1])
    if not 0 <= s < e <= len(doc):
        return None
    tok = doc[s:e].root
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head is not tok:
        tok = tok.head
    return tok


class _Context:
    """Per-document state: mentions, their resolutions, chosen places per sentence."""

    def __init__(self, doc: Doc, gaz: Gazetteer, places: list[PlaceMention],
                 doc_pref: list[str], mentions: Sequence[Any]) -> None:
        self.doc, self.gaz, self.places, self.doc_pref = doc, gaz, places, doc_pref
        self._resolved: dict[tuple[int, tuple[str, ...]], list[tuple[Place, float]]] = {}
        self.unambiguous = [_unambiguous_country(m, gaz) for m in places]
        self.actor_tokens: set[int] = set()
        self.published: Any = None
        igo: set[int] = set()
        for mn in mentions:
            kind = getattr(mn, "kind", "")
            if kind in ("country", "capital"):
                self.actor_tokens.update(range(int(mn.start), int(mn.end)))
            if getattr(getattr(mn, "actor", None), "country", None) == "IGO":
                igo.update(range(int(mn.start), int(mn.end)))
        #: mentions that place an international organisation ("the UN *in Geneva*"): its
        #: seat is not predicted by the story's countries, so they are resolved unbiased
        self.neutral = {i for i, m in enumerate(places) if self._igo_seat(m, igo)}

    def _igo_seat(self, m: PlaceMention, igo: set[int]) -> bool:
        tok = self.doc[m.root]
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at"):
            return False
        owner = tok.head.head  # "the UN in Geneva", "the mission to the UN in Geneva"
        return owner.i in igo or any(c.dep_ == "prep" and any(g.i in igo for g in c.children)
                                     for c in owner.children)

    # -- resolution ---------------------------------------------------------
    def resolve(self, i: int, pref: list[str], _seen: frozenset[int] = frozenset()
                ) -> list[tuple[Place, float]]:
        if i in self.neutral:
            pref = []
        k = (i, tuple(pref))
        if k not in self._resolved:
            m = self.places[i]
            seen = _seen | {i}
            conts = []
            for c in m.containers:
                if c not in seen:
                    r = self.resolve(c, pref, seen)
                    if r:
                        conts.append(r[0][0])
            self._resolved[k] = resolve(m, self.gaz, pref, conts)
        return self._resolved[k]

    def absorbed(self, i: int, pref: list[str]) -> bool:
        """True when mention ``i`` only states where another mention lies."""
        best = self.resolve(i, pref)
        if not best:
            return True
        p = best[0][0]
        for j, m in enumerate(self.places):
            if j == i or i not in m.containers:
                continue
            inner = self.resolve(j, pref)
            if not inner:
                continue
            q = inner[0][0]
            if p.feature == "country" and q.country == p.country:
                return True
            if p.feature == "admin1" and q.admin1 and q.admin1 == p.admin1:
                return True
        return False

    # -- one event ----------------------------------------------------------
    def assign(self, ev: Event) -> None:
        trig = ev.trigger
        if trig is None:
            spans = [s for s in (ev.source_tokens, ev.target_tokens) if s]
            trig = spans[0][0] if spans else None
        if trig is None or not 0 <= int(trig) < len(self.doc):
            ev.location = None
            ev.evidence["place"] = {"text": None, "rule": "none", "candidates": [],
                                    "why": "no trigger token"}
            return
        tok = self.doc[int(trig)]
        sent = _line_sentence(self.doc, tok.i)
        pref = self._event_pref(ev, sent)
        statement = ev.root[:2] in rules()["statement_roots"] if ev.root else False
        best = self._best_in(sent, tok, ev, pref, statement)
        rule = "sentence"
        if best is None and (not statement or self._anaphor_in_clause(tok)):
            best = self._from_context(sent, pref, tok, ev)
            rule = "context"
        if best is None:
            best = self._from_dateline(tok, ev, pref, statement)
            rule = "dateline"
        if best is None:
            ev.location = None
            ev.evidence["place"] = {"text": None, "rule": "none", "candidates": []}
            return
        i, cands = best
        ev.location = cands[0][0].location()
        ev.evidence["place"] = {
            "text": self.places[i].text, "rule": rule,
            "candidates": [{"name": p.name, "country": p.country, "feature": p.feature,
                            "admin1": p.admin1, "score": round(s, 1)} for p, s in cands[:3]],
        }
        info = self.gaz.feature_info(cands[0][0])
        if info is not None:  # a line, border, sea or region: what it is and who it involves
            ev.evidence["place"].update(info)

    def _from_dateline(self, tok: Token, ev: Event, pref: list[str], statement: bool
                       ) -> tuple[int, list[tuple[Place, float]]] | None:
        """The opening dateline's place, for the lead sentence's events and for statements
        of the dateline country's actors (see the module doc)."""
        try:
            dl = opening_dateline(self.doc)
        except ValueError:  # no sentence boundaries
            return None
        if dl is None or not dl.closed or not self._current(ev):
            return None
        s, e = dl.place_tokens
        for i, m in enumerate(self.places):
            if not (s <= m.start < e):
                continue
            cands = self.resolve(i, pref)
            if not cands or cands[0][0].feature not in ("city", "admin1", "point"):
                return None
            place = cands[0][0]
            lead = tok.sent.start <= dl.tokens[0] < tok.sent.end or \
                tok.sent.start == dl.tokens[1]
            speaker = statement and ev.source is not None and \
                ev.source.country == place.country and self._first_paragraph(tok, dl.tokens[0])
            if _remote(tok):
                return None  # "said during a virtual chat": not where the report was filed
            return (i, cands) if lead or speaker or _says_here(tok) else None
        return None

    def _first_paragraph(self, tok: Token, start: int) -> bool:
        """Is ``tok`` in the dateline's paragraph (no blank line between them)?"""
        return not any(t.is_space and t.text.count("\n") >= 2
                       for t in self.doc[start + 2:tok.i])

    def _current(self, ev: Event) -> bool:
        """Is the event part of the reported news (dated near publication), not background
        ("announced last year") that happened wherever the actor was then?"""
        if ev.date is None or ev.date_precision not in ("day", "interval", "article"):
            return False
        return self.published is None or abs((self.published - ev.date).days) <= 7

    def _event_pref(self, ev: Event, sent: Span) -> list[str]:
        """Countries to prefer: other unambiguous places of the sentence, the
        event's actors, then the document's countries by frequency."""
        here = [c for i, m in enumerate(self.places) if sent.start <= m.start < sent.end
                for c in [self.unambiguous[i]] if c]
        actors = [a.country for a in (ev.target, ev.source)
                  if a is not None and a.country and len(a.country) == 3
                  and a.country not in _NOT_COUNTRIES]
        return list(dict.fromkeys(here + actors + self.doc_pref))

    def _eligible(self, i: int, ev: Event | None, pref: list[str],
                  trig: Token | None = None) -> bool:
        m = self.places[i]
        if self.absorbed(i, pref):
            return False
        p = self.resolve(i, pref)[0][0]
        src_span = ev.source_tokens if ev is not None else None
        tgt_span = ev.target_tokens if ev is not None else None
        in_actor = m.overlaps(src_span) or m.overlaps(tgt_span)
        if ev is not None and not self._scene_of(m, p, ev, trig):
            return False
        if m.locative:
            return True
        if m.nonlocative:
            return False
        if in_actor or m.actor_like:
            # "Russian forces shelled Kherson": a town hit by force is the scene
            return (ev is not None and (ev.root or "")[:2] in rules()["force_roots"]
                    and not m.actor_like
                    and (p.feature != "country" or m.territorial) and m.overlaps(tgt_span))
        if p.feature == "country":
            return False
        # a capital named as an actor elsewhere ("Tehran said") is not a scene
        return not (set(range(m.start, m.end)) & self.actor_tokens and p.feature == "city"
                    and self.doc[m.root].dep_ not in ("pobj", "compound"))

    def _scene_of(self, m: PlaceMention, p: Place, ev: Event, trig: Token | None) -> bool:
        """Can mention ``m`` be the scene of ``ev`` at all?

        * The place *is* the source actor ("Iran, which is funding Hamas"): no.
        * A country that is the target of a directed act ("must strike at Iran", "sanctions
          on Iran"): the target, not the scene, unless a compass word makes it a stretch
          of land ("attacks on southern Israel").
        * The recipient of a transfer ("send aid to Kyiv"): the government it stands for.
        * A movement verb's destination ("was due to visit Israel ... as Israel's military
          battled Hamas"): the scene of that verb and of what hangs under it only.
        """
        r = rules()
        src = _span_head(self.doc, ev.source_tokens)
        tgt = _span_head(self.doc, ev.target_tokens)
        if src is not None and m.start <= src.i < m.end:
            return False
        if tgt is not None and m.start <= tgt.i < m.end and not m.territorial:
            if p.feature == "country" and m.prep in r["target_preps"]:
                return False
            if m.bound is not None and self.doc[m.bound].lemma_ in r["transfer_verbs"] \
                    and not self._moves_forces(self.doc[m.bound]):
                return False
        if m.bound is not None and trig is not None:
            return self._under_verb(trig, self.doc[m.bound], m)
        return True

    @staticmethod
    def _under_verb(trig: Token, verb: Token, m: PlaceMention) -> bool:
        """Is ``trig`` the movement verb itself, a participle hanging on the event
        ("visiting Kabul, Modi signed ..."), or inside the verb's clause without a clause
        of its own subject in between ("visited Kabul and signed", but not "was due to
        visit Israel as Hamas fighters attacked")?"""
        if trig.i == verb.i or verb.head.i == trig.i:
            return True
        t = trig
        while t.i != verb.i:
            if m.start <= t.i < m.end or m.start <= t.head.i < m.end:
                return True  # "visited Kabul, where he held talks": about the place itself
            if t.dep_ in rules()["clause_deps"] and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                return False
            if t.head.i == t.i:
                return False  # the verb is not above the trigger
            t = t.head
        return True

    @staticmethod
    def _moves_forces(verb: Token) -> bool:
        """"sent troops to Syria" deploys forces there (a scene), "sent aid to Kyiv" does not."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in rules()["force_nouns"]
                   for c in verb.children)

    def _best_in(self, sent: Span, trig: Token, ev: Event, pref: list[str],
                 statement: bool) -> tuple[int, list[tuple[Place, float]]] | None:
        scored = []
        tgt = _span_head(self.doc, ev.target_tokens)
        for i, m in enumerate(self.places):
            if not (sent.start <= m.start < sent.end) or not self._eligible(i, ev, pref, trig):
                continue
            place_tok = self.doc[m.root]
            edges, up, down = _path(trig, place_tok)
            speech = bool(down) and self._speech_clause(trig, place_tok)
            occasion = self._occasion_of(trig, m)
            if statement and not occasion and not self._speaker_phrase(trig, place_tok, m) and (
                    up or edges > (6 if speech else 4) or (down and not speech)):
                continue
            cost = edges + 2.5 * up + 1.0 * down
            if occasion:
                cost = min(cost, 6.0)
            if tgt is not None and not statement and tgt.sent == trig.sent:
                t_edges, t_up, t_down = _path(tgt, place_tok)
                # the target's own place ("hideouts in Panjgur") is where it was hit
                t_cost = t_edges + 1 + 2.5 * t_up + 1.0 * t_down - (2.0 if t_up == 0 else 0.0)
                cost = min(cost, t_cost)
            cands = self.resolve(i, pref)
            score = -cost - 0.02 * abs(m.root - trig.i) + _SPECIFIC.get(cands[0][0].feature, 0.0)
            scored.append((score, i, cands))
        if not scored:
            return None
        scored.sort(key=lambda x: -x[0])
        return scored[0][1], scored[0][2]

    def _occasion_of(self, trig: Token, m: PlaceMention) -> bool:
        """The place of the occasion the sentence reports ("sparred ... on the debate stage
        *in Miami*", "a cheer from the crowd at *Miami's* Arsht Center"): where what was
        said there was said, unless the occasion is what the event is about ("criticised
        the rally in Lahore")."""
        if m.occasion is None or not m.locative or m.nonlocative:
            return False
        noun = self.doc[m.occasion]
        return not (noun.head.i == trig.i and noun.dep_ in ("dobj", "nsubjpass", "attr"))

    @staticmethod
    def _speaker_phrase(trig: Token, place: Token, m: PlaceMention) -> bool:
        """"The Israeli mission to the UN *in Geneva* called ...": a locative place in the
        subject's own phrase is where the speaker is (also for a conjunct verb sharing the
        subject: "... called X deplorable and *blamed* Hamas")."""
        if not m.locative:
            return False
        verb = trig
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                               for c in verb.children):
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(place in s.subtree and not any(
            x.dep_ in rules()["clause_deps"] for x in place.ancestors if x in s.subtree)
            for s in subj)

    @staticmethod
    def _speech_clause(trig: Token, place: Token) -> bool:
        """"*Speaking in Geneva*, X criticised ...": the only clause crossed is a speech verb."""
        t = place
        while t.i != trig.i and t.head is not t:
            if t.dep_ in rules()["clause_deps"]:
                return t.dep_ == "advcl" and t.head.i == trig.i and \
                    t.lemma_ in rules()["speech_verbs"]
            t = t.head
        return False

    def _from_context(self, sent: Span, pref: list[str], trig: Token | None = None,
                      ev: Event | None = None) -> tuple[int, list[tuple[Place, float]]] | None:
        """The place of the story this sentence continues: the previous sentence of the
        paragraph; with an explicit place anaphor ("there", "the area") the nearest of the
        three sentences before that names a place, across paragraphs."""
        if sent.start == 0 or not self._continues(sent, trig) or self._background(ev):
            return None
        anaphor = trig is not None and _anaphor_over(trig)
        if _is_break(self.doc[sent.start - 1]) and not anaphor:
            return None  # a new paragraph/line starts here
        pos = sent.start
        for _ in range(3 if anaphor else 1):
            while pos > 0 and self.doc[pos - 1].is_space:
                pos -= 1
            if pos == 0:
                return None
            prev = _line_sentence(self.doc, pos - 1)
            pos = prev.start
            best = None
            for i, m in enumerate(self.places):
                if not (prev.start <= m.start < prev.end) or not self._eligible(i, None, pref):
                    continue
                cands = self.resolve(i, pref)
                rank = (cands[0][0].rank, m.start)
                if best is None or rank > best[0]:
                    best = (rank, i, cands)
            if best is not None:
                return best[1], best[2]
        return None

    def _background(self, ev: Event | None) -> bool:
        """An event dated well away from publication ("the October 7 rampage", in a story
        published in November) is not part of the scene the text continues."""
        if ev is None or ev.date is None or self.published is None or \
                ev.date_precision not in ("day", "week", "interval"):
            return False
        return abs((self.published - ev.date).days) > 7

    @staticmethod
    def _anaphor_in_clause(trig: Token) -> bool:
        """A statement or diplomatic act whose own clause points at a place already named
        ("Israel warned *the area* to evacuate")."""
        return _anaphor_over(trig, own=True)

    def _continues(self, sent: Span, trig: Token | None = None) -> bool:
        """Does ``sent`` plainly continue the previous sentence's story?"""
        cues = rules()["context_cues"]
        words = [t.lower_ for t in sent if not t.is_punct]
        if not words:
            return False
        if trig is not None and trig.pos_ == "NOUN" and any(
                (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")) or
                (c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those"))
                for c in trig.children):
            return True  # "the exact toll from *yesterday's attack*": an event already told
        first2, first3 = " ".join(words[:2]), " ".join(words[:3])
        if words[0] in cues or first2 in cues or first3 in cues:
            return True
        # "The attackers then ...": a definite common-noun subject picks up the story
        if words[0] == "the" and len(sent) > 1 and sent[1].pos_ == "NOUN" and \
                sent[1].dep_ in ("nsubj", "nsubjpass"):
            return True
        low = f" {' '.join(words)} "
        return any(f" {c} " in low for c in ("there", "the area", "the town", "the city",
                                              "the region", "the site", "nearby"))
