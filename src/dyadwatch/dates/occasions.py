"""Occasions: the dated gatherings and incidents of a document, and the events they date.

An *occasion* is an event noun that the text dates explicitly:

* the date is written on the noun: "the summit in Vilnius *on July 11*", "*Wednesday's*
  debate", "the *October 7* attack", "a meeting of MSPs *on October 16*";
* or the noun is the setting of a dated clause: "criticized him *at an NBC News debate*
  here Wednesday night", "said *in a televised speech* on Thursday", "*held talks* on
  Monday" (the object of a gathering verb), "*The summit* opened on Monday".

A later event refers to an occasion when its clause places it there ("*at the summit*",
"*during* the vote", "*from the debate stage*", "attacked *the debate moderators*"), starts
from it ("*after* the talks", "*following* the attack") or names it as its subject ("*The
debate* started with ...").  Such an event takes the occasion's date, and the evidence
carries the chain: the event, the phrase that refers to the occasion, and the expression
that dated the occasion.

A *gathering* (a debate, meeting, interview, speech, summit ...) is also where the verbal
events narrated right after it took place: "Abu Ubaida said in a televised speech on
Thursday ... 'Your soldiers will return in black bags,' he said."  ``Occasions.current``
gives the gathering the narration is at.

A mention refers to a registered occasion only when it is definite ("the debate",
"Wednesday's debate", a compound "the debate stage") and no modifier picks out another
occasion of its kind ("the *first* debate" is not "the third debate").  Word lists are in
``data/dates/occasions.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, Iterable

from spacy.tokens import Span, Token

from .._resources import read_json
from ..errors import ConfigError
from .attach import attachment, time_head
from .calendar import DateResolution
from .lexicon import Lexicon

_VERBAL = ("VERB", "AUX")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: nominal links a date phrase climbs through to the occasion it dates ("a discussion
#: with a meeting of MSPs on October 16": meeting, then discussion)
_NOMINAL = frozenset({"pobj", "prep", "conj", "appos", "compound", "poss", "nmod"})


class OccasionLink(str, Enum):
    """How an event is tied to the occasion that dates it (``evidence.date.link``)."""

    #: its clause places it at the occasion ("at the summit", "from the debate stage")
    AT = "at"
    #: the occasion is its subject: the event is the occasion ("The talks opened ...")
    SAME = "same"
    #: it starts from the occasion ("after the talks", "following the attack", "since")
    AFTER = "after"
    #: it ends at the occasion ("before the vote", "ahead of the summit")
    BEFORE = "before"
    #: a verbal event narrated while the narration is at a dated gathering
    GATHERING = "gathering"


@dataclass(frozen=True)
class OccasionLexicon:
    gatherings: frozenset[str]
    referents: frozenset[str]
    parts: dict[str, str]
    distinguishers: frozenset[str]
    setting_preps: frozenset[str]
    after_preps: frozenset[str]
    before_preps: frozenset[str]
    gathering_verbs: frozenset[str]
    verbal_codes: frozenset[str]
    off_occasion_verbs: frozenset[str]
    settings: dict[str, Any]

    def kind(self, lemma: str) -> str | None:
        if lemma in self.gatherings:
            return "gathering"
        if lemma in self.referents:
            return "referent"
        return None


@lru_cache(maxsize=1)
def load_occasions() -> OccasionLexicon:
    """Read and validate ``data/dates/occasions.json``."""
    raw = read_json("dates", "occasions.json")
    try:
        words = {k: frozenset(str(w).lower() for w in raw[k])
                 for k in ("gatherings", "referents", "distinguishers", "setting_preps",
                           "after_preps", "before_preps", "gathering_verbs", "verbal_codes",
                           "off_occasion_verbs")}
        parts = {str(k).lower(): str(v).lower() for k, v in raw["parts"].items()}
        settings = dict(raw["settings"])
        int(settings["continuation_window"]), int(settings["report_mentions"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"dyadwatch/data/dates/occasions.json: malformed occasion list: "
                          f"{exc!r}") from exc
    if words["gatherings"] & words["referents"]:
        raise ConfigError("dyadwatch/data/dates/occasions.json: words listed both as gatherings "
                          f"and referents: {sorted(words['gatherings'] & words['referents'])}")
    unknown = sorted(v for v in parts.values() if v not in words["gatherings"] | words["referents"])
    if unknown:
        raise ConfigError(f"dyadwatch/data/dates/occasions.json: parts name unknown occasions "
                          f"{unknown}")
    return OccasionLexicon(parts=parts, settings=settings, **words)


def lemma_of(t: Token, olex: OccasionLexicon) -> str | None:
    """The occasion word of noun ``t`` ("talks", "town hall", "debate"), if it is one."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    comp = [c for c in t.children if c.dep_ == "compound" and c.i == t.i - 1]
    for w in ([f"{comp[0].lower_} {t.lower_}", f"{comp[0].lower_} {t.lemma_.lower()}"]
              if comp else []) + [t.lower_, t.lemma_.lower()]:
        if olex.kind(w):
            return w
    return None


def verbal(code: str | None, olex: OccasionLexicon) -> bool:
    """Whether a CAMEO code names an event done by speaking (``verbal_codes``)."""
    return bool(code) and any(str(code).startswith(p) for p in olex.verbal_codes)


def marks(t: Token, olex: OccasionLexicon) -> frozenset[str]:
    """Modifiers that pick out one occasion of a kind ("third", "previous", "next")."""
    return frozenset(c.lower_ for c in t.children
                     if c.dep_ in ("amod", "nummod", "det", "advmod") and c.lower_ in olex.distinguishers)


def _plural(t: Token) -> bool:
    return t.tag_ in ("NNS", "NNPS") and t.lower_ != "talks"


@dataclass
class Occasion:
    """One dated occasion of the document."""

    lemma: str
    mention: str
    token: int
    sent_no: int
    res: DateResolution
    date_text: str
    gathering: bool
    marks: frozenset[str] = frozenset()
    #: announced or scheduled ("will face off Wednesday evening in the third debate")
    scheduled: bool = False
    #: the last sentence that dated or mentioned it
    last_seen: int = 0
    mentions: list[int] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        return {"occasion": self.mention, "kind": "gathering" if self.gathering else "referent",
                "dated_by": self.date_text, "sentence": self.sent_no,
                "date": self.res.date.isoformat(), "precision": self.res.precision}


def _phrase(t: Token, limit: int = 60) -> str:
    """The noun with its left modifiers: "the party's third debate", "the debate stage"."""
    if t.dep_ == "compound" and t.head.i > t.i:
        t = t.head
    return t.doc[t.left_edge.i:t.i + 1].text[-limit:]


def date_occasions(span: Span, lex: Lexicon, olex: OccasionLexicon) -> list[Token]:
    """The occasion nouns a date expression dates: nouns it hangs on (climbing nominal
    links: "a discussion with a meeting of MSPs on October 16"), or the settings of the
    clause it dates ("at a debate", "in a speech", "held talks", "The summit opened")."""
    a = time_head(attachment(span), lex)
    out: list[Token] = []
    if a.pos_ in ("NOUN", "PROPN"):
        t = a
        for _ in range(6):
            if lemma_of(t, olex):
                out.append(t)
            if t.dep_ not in _NOMINAL or t.head == t or t.head.pos_ in _VERBAL:
                break
            t = t.head
        return out
    if a.pos_ not in _VERBAL:
        return out
    # the clause the date belongs to: out of infinitives, conjuncts and "as" clauses
    v = a
    for _ in range(3):
        if v.head != v and (v.dep_ in ("xcomp", "conj") or _simultaneous(v)):
            v = v.head
    for t in v.subtree:
        if t.pos_ not in ("NOUN", "PROPN") or not _in_clause(t, v):
            continue
        setting = (t.dep_ == "pobj" and t.head.lower_ in olex.setting_preps) or \
            (t.dep_ == "dobj" and t.head.lemma_.lower() in olex.gathering_verbs) or \
            (t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in _VERBAL)
        if not setting:
            continue
        if lemma_of(t, olex):
            out.append(t)
        elif t.dep_ == "pobj":  # "on the debate stage": the compound names the occasion
            out += [c for c in t.children if c.dep_ == "compound" and lemma_of(c, olex)]
    return out


def _simultaneous(v: Token) -> bool:
    """An "as"/"while"/"when" clause: it happens at its head's time."""
    return v.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in
                                     ("as", "while", "when") for m in v.children)


def _in_clause(t: Token, v: Token) -> bool:
    """``t`` belongs to clause ``v``, not to a clause embedded in it (what was said, a
    relative clause, an "after" clause)."""
    x = t
    while x != v and x.head != x:
        if x.dep_ in ("relcl", "acl", "ccomp", "csubj", "parataxis") or \
                (x.dep_ == "advcl" and not _simultaneous(x)):
            return False
        x = x.head
    return x == v


def settings_of(v: Token, olex: OccasionLexicon) -> Iterable[tuple[str, Token]]:
    """(relation, noun) for each occasion-like noun ``v``'s clause ties itself to: ``at``
    (a setting phrase, the object of a gathering verb, a part of an occasion as object:
    "attacked the debate moderators"), ``after``/``before`` ("after the talks") or
    ``same`` (the occasion is the subject: "The summit opened")."""
    for c in v.children:
        if c.dep_ == "prep":
            p = c.lower_
            rel = "at" if p in olex.setting_preps else "after" if p in olex.after_preps \
                else "before" if p in olex.before_preps else None
            if p == "ahead":  # "ahead of the vote"
                rel = "before"
                c = next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "of"), c)
            if rel is None:
                continue
            for n in c.children:
                if n.dep_ == "pobj":
                    yield rel, n
        elif c.dep_ == "nsubj" and v.lemma_.lower() not in olex.off_occasion_verbs:
            yield "same", c
        elif c.dep_ == "dobj":
            if v.lemma_.lower() in olex.gathering_verbs:
                yield "at", c
            elif c.lemma_.lower() in olex.parts or c.lower_ in olex.parts:
                yield "at", c
        elif c.dep_ == "advmod" and c.lower_ in olex.parts:
            yield "at", c  # "onstage"


@dataclass
class Occasions:
    """The occasions met so far in a document, in text order."""

    olex: OccasionLexicon
    items: list[Occasion] = field(default_factory=list)

    def register(self, nouns: list[Token], res: DateResolution, date_text: str, no: int,
                 scheduled: bool = False) -> None:
        for n in nouns:
            lemma = lemma_of(n, self.olex)
            if lemma is None or _plural(n):
                continue
            found = marks(n, self.olex)
            same = next((o for o in self.items if o.lemma == lemma and o.res.date == res.date
                         and o.res.precision == res.precision), None)
            if same is not None:
                same.last_seen = max(same.last_seen, no)
                same.mentions.append(no)
                continue
            self.items.append(Occasion(lemma, _phrase(n), n.i, no, res, date_text,
                                       self.olex.kind(lemma) == "gathering", found,
                                       scheduled or res.future, no, [no]))

    def refers(self, t: Token, no: int) -> Occasion | None:
        """The registered occasion a noun (or adverb) refers to: the occasion word itself
        ("the debate", "Wednesday's debate"), a compound naming it ("the debate stage"),
        or a part of one ("on stage", "the moderators")."""
        if t.pos_ == "ADV" and t.lower_ in self.olex.parts:
            return self._latest(self.olex.parts[t.lower_], frozenset(), no)
        if t.pos_ not in ("NOUN", "PROPN"):
            return None
        for x in [c for c in t.children if c.dep_ == "compound"] + [t]:
            lemma = lemma_of(x, self.olex)
            if lemma is None or _plural(x):
                continue
            for o in self.items:
                if o.token == x.i:
                    return o  # the phrase that dated it
            definite = x.dep_ == "compound" or any(
                d.dep_ in ("det", "poss") and (d.dep_ == "poss" or d.lower_ in _DEFINITE)
                for d in x.children)
            if definite:
                return self._latest(lemma, marks(x, self.olex), no)
        part = self.olex.parts.get(t.lemma_.lower()) or self.olex.parts.get(t.lower_)
        if part is not None and (t.dep_ == "pobj" or any(d.lower_ in _DEFINITE for d in t.children)):
            return self._latest(part, frozenset(), no)
        return None

    def _latest(self, lemma: str, marks: frozenset[str], no: int) -> Occasion | None:
        for o in reversed(self.items):
            if o.lemma == lemma and o.sent_no <= no and marks <= o.marks:
                return o
        return None

    def visit(self, sent: Span, no: int) -> None:
        """Note the mentions of known occasions in sentence ``no``."""
        if not self.items:
            return
        for t in sent:
            o = self.refers(t, no)
            if o is not None and o.last_seen < no:
                o.last_seen = no
                o.mentions.append(no)

    def current(self, no: int) -> Occasion | None:
        """The gathering the narration of sentence ``no`` is at: the day-dated past
        gathering dated in an earlier sentence and mentioned or dated most recently, within
        ``continuation_window`` sentences (or any distance when the document reports on it:
        ``report_mentions``)."""
        window = int(self.olex.settings["continuation_window"])
        best = None
        for o in self.items:
            if not o.gathering or o.res.precision != "day" or o.scheduled or o.sent_no >= no:
                continue
            if no - o.last_seen > window and len(o.mentions) < int(self.olex.settings["report_mentions"]):
                continue  # out of sight, unless the document reports on it
            if best is None or (o.last_seen, o.sent_no) >= (best.last_seen, best.sent_no):
                best = o
        return best
