"""The pipeline stage: give every event its date, precision and date evidence.

For each event (in text order) the date comes from, in order of preference:

1. a date expression in its own sentence, chosen by dependency attachment to
   the trigger (``attach.tier`` >= 1; ties go to the expression nearest the trigger);
2. *inheritance*: an undated past-tense event within ``inherit_window``
   sentences after the narrative anchor gets the interval
   ``[anchor, min(anchor end + inherit_days, publication)]`` (precision
   ``interval``, rule ``inherit``): it continues that narrative, its own day is unknown;
3. a date that only modifies some other noun of the sentence (tier 0; never for a future
   event: a date in one clause of a plan is not another clause's);
4. the publication date, flagged ``article`` (``None`` without publication date).

Between 1 and 2, the *occasions* of the document (``occasions.py``): an event its clause
places at, after or before a dated occasion ("at the summit", "from the debate stage",
"after the talks") takes the occasion's date (rule ``occasion``, ``after-occasion``,
``before-occasion``), and a verbal event narrated while the narration is at a dated
gathering (a debate, a speech, a meeting) takes the gathering's day; the evidence holds
the ``occasion`` and the ``chain`` from the event to the expression that dated it.

The *anchor* for anaphoric expressions ("two days later") is the date of the
previous dated event, or of a clause-level date in the text between the two
(a dated verb the coder made no event of still moves the narrative time).
Future-pointing dates never become anchors.  A sentence without any date that
refers back with a definite noun phrase ("Deeming *the strikes* illegal, ...")
to the object of an earlier dated event (within ``reanchor_window`` sentences)
makes that event the anchor again: the narrative has stepped back to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import Document, Event
from ..text import datelines, doc_text
from .attach import attachment, date_head, is_future, is_past, is_past_perfect, tier, usable
from .calendar import DateResolution
from .lexicon import Lexicon, load_lexicon
from .occasions import (Occasion, OccasionLink, Occasions, date_occasions, lemma_of,
                        load_occasions, marks, settings_of, verbal)
from .reasons import DateReason
from .relations import (anchors_narrative, background, future_in_past, narrative, relation,
                        side, since_clause, utterance)
from .resolve import resolve_with
from .scan import Candidate, scan_doc

#: cue rules a date on a verb without an event may set the anchor with
_FREE_ANCHOR_CUES = frozenset({
    "cue:yesterday", "cue:today", "cue:same-day", "cue:next-day", "cue:previous-day",
    "cue:n-units-later", "cue:n-units-earlier", "cue:n-units-ago", "cue:weekday",
    "cue:last-weekday", "cue:last-period", "cue:following-period", "cue:previous-period"})
_DEFINITE = frozenset({"the", "these", "those", "this", "that"})
_QUOTES = frozenset('"\u201c\u2018\'')


@dataclass
class _Anchor:
    res: DateResolution
    text: str
    sent_no: int
    nouns: frozenset[str] = frozenset()
    via: str | None = None  # the definite mention that re-anchored to it
    #: set by a dated sentence that codes no event and opens its paragraph ("Tensions
    #: eased only partly on Friday."): it frames the paragraph
    frame: bool = False


def _event_nouns(verb: Token, lex: Lexicon) -> frozenset[str]:
    """Lemmas naming an anchored event: its verb, its object, an eventive subject
    ("car bombings killed ..." -> bombing; not "both sides announced" -> side)."""
    out = set()
    for c in verb.children:
        if c.pos_ != "NOUN":
            continue
        # "a series of car bombings", "a wave of attacks": the noun under "of" names it
        heads = [c] + [g for p in c.children if p.lower_ == "of" for g in p.children
                       if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        for h in heads:
            lemma = h.lemma_.lower()
            if c.dep_ in ("dobj", "nsubjpass", "attr") or (c.dep_ == "nsubj" and lex.eventive(lemma)):
                out.add(lemma)
                out.update(x.lemma_.lower() for x in h.conjuncts if x.pos_ == "NOUN")
    if verb.pos_ in ("NOUN", "VERB"):  # "struck" ... "the strikes", "attacked" ... "the attack"
        out.add(verb.lemma_.lower())
    # the event its adverbial clause names: "captured on Wednesday *after* warplanes
    # *clashed*" / "*during* an aerial *clash*" ... "The clash began when ..."
    for c in verb.children:
        if c.dep_ != "advcl" and not (c.dep_ == "prep" and c.lower_ in lex.cotemporal_preps):
            continue
        for t in c.subtree:
            lemma = t.lemma_.lower()
            if t.pos_ in ("NOUN", "VERB") and lex.eventive(lemma) and t.dep_ not in ("relcl", "acl"):
                out.add(lemma)
    return frozenset(out)


def _anchor_worthy(res: DateResolution) -> bool:
    return not res.future and (res.precision in ("day", "week", "month", "year")
                               or res.rule.startswith("absolute:"))


@dataclass
class _Timeline:
    """Walks the document in text order keeping the narrative anchor."""

    doc: Doc
    lex: Lexicon
    published: date | None
    sents: list[Span]
    cands: dict[int, list[Candidate]]
    cache: dict[Any, Any] = field(default_factory=dict)
    anchor: _Anchor | None = None
    history: list[_Anchor] = field(default_factory=list)
    consumed: set[tuple[int, int]] = field(default_factory=set)
    #: expressions already used by an event: (resolution, its anchor) -- a second
    #: event on the same words ("Iran and Pakistan exchanged fire two days later")
    #: must not count "two days later" from the first one's result
    used: dict[tuple[int, int, bool], tuple[DateResolution, date | None]] = \
        field(default_factory=dict)
    free: list[tuple[int, int, Candidate]] = field(default_factory=list)
    fi: int = 0
    visited: int = -1
    #: a dated past-perfect clause the narrative stepped back to ("Pakistan had already
    #: protested on Tuesday night."), until the next anchor or paragraph
    flashback: _Anchor | None = None
    #: paragraph number of each sentence (a line break between two sentences starts one)
    para: list[int] = field(default_factory=list)
    #: token starts of the sentences that hold an event (known once the stage starts)
    event_sents: set[int] = field(default_factory=set)
    #: the dated occasions met so far (see ``occasions``)
    occ: Occasions = field(default_factory=lambda: Occasions(load_occasions()))

    def __post_init__(self) -> None:
        text = doc_text(self.doc)
        for no, sent in enumerate(self.sents):
            prev_end = self.sents[no - 1].end_char if no else 0
            gap = text[prev_end:sent.start_char] + (text[self.sents[no - 1].start_char:prev_end]
                                                    .rstrip(" \t")[-1:] if no else "")
            self.para.append((self.para[-1] if self.para else 0) + (1 if no and "\n" in gap else 0))
        for no in range(len(self.sents)):
            for c in self.cands[no]:
                a = date_head(c.span, self.lex)
                if a.pos_ not in ("VERB", "AUX") or not usable(c.kind, c.span):
                    continue
                if not narrative(a) or relation(c) is not None:
                    continue  # another event's time, or a distance
                if c.kind.startswith("cue:") and c.kind not in _FREE_ANCHOR_CUES:
                    continue
                if not is_future(a, self.lex):
                    self.free.append((no, c.span.start, c))

    def opens_paragraph(self, no: int) -> bool:
        return no == 0 or self.para[no] != self.para[no - 1]

    def resolve(self, c: Candidate, future: bool, no: int,
                reference: date | None = None) -> DateResolution | None:
        """Resolve ``c``; ``reference`` stands in for publication (the time a
        future-in-the-past counts from)."""
        if reference is not None:
            return resolve_with(c.text, reference, None, reference, future, self.cache, reference)
        a = self.anchor.res if self.anchor else None
        # a yearless date takes its year near the narrative anchor only when that anchor
        # is recent and finer than a year ("In March 2019 ... On April 2, ..."); otherwise
        # near publication (background "In 2019, ..." does not pull "On March 5" back)
        year_ref = self.published
        if a is not None and self.anchor is not None and a.precision != "year" \
                and no - self.anchor.sent_no <= 2:
            year_ref = a.date
        return resolve_with(c.text, a.date if a else self.published, a.last if a else None,
                            self.published, future, self.cache, year_ref)

    def set_anchor(self, res: DateResolution, c: Candidate, no: int, frame: bool = False) -> None:
        self.set_anchor_to(res, c.text, no, _event_nouns(date_head(c.span, self.lex), self.lex),
                           frame)

    def set_anchor_to(self, res: DateResolution, text: str, no: int,
                      nouns: frozenset[str] = frozenset(), frame: bool = False) -> None:
        if self.anchor is not None:
            self.history.append(self.anchor)
        self.anchor = _Anchor(res, text, no, nouns, frame=frame)
        self.flashback = None

    def _note_occasions(self, no: int) -> None:
        """Register the occasions sentence ``no`` dates, then note its mentions of
        occasions met before."""
        for c in self.cands[no]:
            if not usable(c.kind, c.span) or relation(c) is not None or c.kind == "cue:undated":
                continue
            nouns = date_occasions(c.span, self.lex, self.occ.olex)
            if not nouns:
                continue
            head = date_head(c.span, self.lex)
            future = head.pos_ in ("VERB", "AUX") and is_future(head, self.lex)
            res = self.resolve(c, future, no)
            if res is not None:
                self.occ.register(nouns, res, c.text, no, scheduled=future)
        self.occ.visit(self.sents[no], no)

    def set_flashback(self, res: DateResolution, c: Candidate, no: int) -> None:
        """A dated past-perfect clause: the narrative steps back to that day."""
        if res.precision == "day" and not res.future:
            self.flashback = _Anchor(res, c.text, no)

    def frame_of(self, no: int) -> _Anchor | None:
        """The day that frames sentence ``no``: a flashback, or a dated paragraph-opening
        sentence without an event, in the same paragraph and not older than the anchor."""
        a, fb = self.anchor, self.flashback
        if fb is not None and self.para[fb.sent_no] == self.para[no] \
                and (a is None or fb.sent_no >= a.sent_no):
            return fb
        if a is not None and a.frame and self.para[a.sent_no] == self.para[no]:
            return a
        return None

    def _reanchor(self, no: int) -> None:
        if self.cands[no] or not self.history:
            return
        if self.sents[no].text.lstrip()[:1] in _QUOTES:
            return  # a quotation mentions things; the narration does not move with it
        limit = no - int(self.lex.settings.get("reanchor_window", 10))
        for t in self.sents[no]:
            if t.pos_ != "NOUN" or not any(d.dep_ == "det" and d.lower_ in _DEFINITE
                                          for d in t.children):
                continue
            lemma = t.lemma_.lower()
            if self.anchor is not None and lemma in self.anchor.nouns:
                return
            for old in reversed(self.history):
                if old.sent_no >= limit and lemma in old.nouns:
                    if self.anchor is not None:
                        self.history.append(self.anchor)
                    mention = " ".join(x.text for x in t.subtree)[:60]
                    self.anchor = replace(old, sent_no=no, via=mention)
                    return

    def advance(self, no: int, pos: int) -> None:
        """Move the narrative up to token ``pos`` of sentence ``no``."""
        while True:
            nxt_free = (self.free[self.fi][0], self.free[self.fi][1]) \
                if self.fi < len(self.free) else None
            if self.visited < no and (nxt_free is None or nxt_free[0] > self.visited):
                self.visited += 1
                self._note_occasions(self.visited)
                self._reanchor(self.visited)
                continue
            if nxt_free is None or nxt_free >= (no, pos):
                return
            fno, fpos, c = self.free[self.fi]
            self.fi += 1
            if c.key in self.consumed:
                continue
            res = self.resolve(c, False, fno)
            if res is None:
                continue
            if is_past_perfect(date_head(c.span, self.lex)):
                self.set_flashback(res, c, fno)
            elif _anchor_worthy(res):
                frame = res.precision == "day" and self.opens_paragraph(fno) \
                    and self.sents[fno].start not in self.event_sents
                self.set_anchor(res, c, fno, frame=frame)


def _rank(cands: list[Candidate], trigger: Token, lex: Lexicon) -> list[tuple[int, Candidate]]:
    """Candidates by (tier, nearness to the trigger), best first."""
    ranked = []
    for c in cands:
        if trigger.i in range(c.span.start, c.span.end) or not usable(c.kind, c.span):
            continue
        dist = min(abs(trigger.i - c.span.start), abs(trigger.i - (c.span.end - 1)))
        ranked.append((tier(c.span, trigger, lex), -dist, c))
    ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return [(t, c) for t, _, c in ranked]


def _same_event_mention(trigger: Token, anchor: _Anchor) -> str | None:
    """A definite subject of the trigger naming the anchored event ("The bombings also
    killed ...", "the attack wounded ..."): the same event, so the same date.  An object
    is not ("condemned the strike", "called the raid a violation"): a reaction to the
    event, said later; nor is a subject of a reaction verb ("The talks drew criticism",
    ``off_occasion_verbs``)."""
    if trigger.lemma_.lower() in load_occasions().off_occasion_verbs:
        return None
    for c in trigger.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" \
                and c.lemma_.lower() in anchor.nouns \
                and any(d.dep_ == "det" and d.lower_ in _DEFINITE for d in c.children):
            return " ".join(x.text for x in c.subtree)[:60]
    return None


def dateline_date(doc: Doc) -> date | None:
    """The date of a wire dateline ("WASHINGTON, Sept. 30, 2004 -- ...") opening the body
    (the text stage recognises datelines): a full date, day precision."""
    for d in datelines(doc):
        if d.start >= 300:  # the body start, or right after a title line
            break
        if d.closed and d.date_text and re.search(r"(?:19|20)\d\d", d.date_text):
            res = resolve_with(d.date_text, None, None, None, False, None)
            return res.date if res is not None and res.precision == "day" else None
    return None


_DAY_KINDS = ("absolute:iso", "absolute:numeric", "absolute:md", "absolute:dm",
              "absolute:day-only")


def _set(ev: Event, res: DateResolution, text: str | None, rule: str, anchor: date | None,
         **extra: Any) -> None:
    if res.precision == "interval" and res.end == res.date:
        # an interval of one day is that day ("hit back" after "on Wednesday" in a report
        # published that Wednesday lies between the two)
        res = DateResolution(res.date, "day", None, res.rule, res.future, res.relative_to,
                             res.explicit_year)
    ev.date, ev.date_precision = res.date, res.precision
    ev.date_end = None if res.precision == "day" else res.end
    ev.date_reason = None
    ev.evidence["date"] = {"text": text, "rule": rule,
                           "anchor": anchor.isoformat() if anchor else None, **extra}


def _article(ev: Event, published: date | None, why: str,
             reason: DateReason = DateReason.NOT_IN_TEXT, **extra: Any) -> None:
    """No date from the text: the publication date stands in (precision ``article``),
    except for background events, which get none."""
    ev.date = published if reason.dated else None
    ev.date_precision, ev.date_end = "article", None
    ev.date_reason = reason.value
    ev.evidence["date"] = {"text": None, "rule": "article-date" if reason.dated else "undated",
                           "reason": reason.value, "why": why,
                           "anchor": published.isoformat() if published and reason.dated else None,
                           **extra}


def assign_dates(events: list[Event], doc: Doc, document: Document) -> None:
    """Set ``date``, ``date_precision``, ``date_end`` and ``evidence['date']`` on each event.

    Without a publication date, a dateline date opening the body ("WASHINGTON,
    Sept. 30, 2004 --") is the reference for "today"/"on Monday"; the article
    date itself stays ``None``.
    """
    if not events:
        return
    lex = load_lexicon()
    try:
        sents = list(doc.sents)
    except ValueError:  # a Doc without sentence boundaries: one sentence
        sents = [doc[:]]
    sent_no = {s.start: i for i, s in enumerate(sents)}
    reference = document.published or dateline_date(doc)
    tl = _Timeline(doc, lex, reference, sents, scan_doc(doc, sents))
    starts = [s.start for s in sents]
    tl.event_sents = {starts[bisect_right(starts, e.trigger) - 1] for e in events
                      if isinstance(e.trigger, int) and 0 <= e.trigger < len(doc)}
    for ev in events:
        trig = ev.trigger
        if not isinstance(trig, int) or not 0 <= trig < len(doc):
            _article(ev, document.published, "no trigger token", DateReason.NO_TRIGGER)
            continue
        no = sent_no.get(doc[trig].sent.start, 0) if len(sents) > 1 else 0
        _date_event(ev, doc[trig], no, tl, document)
        if reference is not None and document.published is None and ev.date_precision != "article":
            ev.evidence["date"]["reference"] = "dateline"


def _own_date(tok: Token, no: int, tl: _Timeline, skip: Candidate | None = None
              ) -> tuple[DateResolution, Candidate] | None:
    """The date written on ``tok``'s own clause or phrase (tier >= 3), without moving the
    narrative; distance cues ("two days after") are not dates of their own."""
    for t, c in _rank(tl.cands[no], tok, tl.lex):
        if t < 3:
            break
        if c is skip or relation(c) is not None or c.kind == "cue:undated":
            continue
        res = tl.resolve(c, False, no)
        if res is not None:
            return res, c
    return None


def _since_weekday(res: DateResolution, c: Candidate, published: date | None) -> DateResolution:
    """"has lost 18 soldiers since operations expanded on Friday" in a Friday paper: a
    period running up to now starts on an earlier Friday, not today."""
    if c.kind != "cue:weekday" or published is None or res.date != published:
        return res
    verb = attachment(c.span)
    if not any(m.dep_ == "mark" and m.lower_ == "since" for m in verb.children) and \
            not c.span.doc[max(0, c.span.start - 1)].lower_ == "since":
        return res
    return DateResolution(res.date - timedelta(days=7), "day", None, res.rule + "+since",
                          res.future, res.relative_to, res.explicit_year)


def _weekday_check(res: DateResolution, c: Candidate, lex: Lexicon) -> dict[str, Any]:
    """An appositive weekday ("January 19, a Friday") is checked, never used: a
    contradiction is reported in the evidence."""
    if not c.weekday or res.precision != "day":
        return {}
    wd = lex.weekdays.get(c.weekday.lower())
    if wd is None or wd == res.date.weekday():
        return {"weekday": c.weekday}
    return {"weekday_conflict": f"{c.weekday} does not fit {res.date.isoformat()} "
                                f"(a {res.date.strftime('%A')}); the explicit date is kept"}


def _by_relation(ev: Event, trigger: Token, no: int, tl: _Timeline,
                 document: Document) -> bool | None:
    """Date an event from the other event a distance cue names ("X on Thursday, two days
    after Y"): True when dated, False when it must stay undated, None when no relation
    concerns this trigger."""
    for c in tl.cands[no]:
        rel = relation(c)
        if rel is None:
            continue
        where = side(rel, trigger)
        if where is None:
            continue
        if where == "main":
            if _own_date(rel.main, no, tl, skip=c) is not None:
                if trigger == rel.main:
                    return None  # "withdrew on Sunday, a week after ...": its own date first
                own_main = _own_date(rel.main, no, tl, skip=c)
                assert own_main is not None
                _set(ev, own_main[0], own_main[1].text, "main-clause", own_main[0].date,
                     chain=[{"event": trigger.text, "how": f"in the clause of {rel.main.text!r}"},
                            {"event": rel.main.text, "how": "its own date",
                             "date": own_main[1].text}])
                return True
            tl.advance(no, tl.sents[no].start)  # the narrative up to this sentence
            same = _same_event_anchor(rel.main, tl)
            if same is not None:
                anchor, mention = same
                chain = [{"event": rel.main.text, "how": f"{mention!r} is the event dated "
                          f"by {anchor.text!r} (sentence {anchor.sent_no})"}]
                if trigger != rel.main:
                    chain.insert(0, {"event": trigger.text,
                                     "how": f"in the clause of {rel.main.text!r}"})
                _set(ev, anchor.res, anchor.text, "same-event", anchor.res.date,
                     same_event_as=mention, chain=chain)
                return True
        base, text = (rel.main, rel.mirrored_text()) if where == "other" else (rel.other, c.text)
        own = _own_date(base, no, tl, skip=c)
        chain_tail: list[dict[str, Any]] = []
        if own is not None:
            chain_tail = [{"event": base.text, "how": "its own date", "date": own[1].text}]
        elif where == "other":
            tl.advance(no, tl.sents[no].start)
            same = _same_event_anchor(base, tl)
            if same is not None:
                anchor, mention = same
                own = (anchor.res, None)
                chain_tail = [{"event": base.text, "how": f"{mention!r} is the event dated by "
                               f"{anchor.text!r} (sentence {anchor.sent_no})",
                               "date": anchor.text}]
        if own is None and where == "main" and rel.other.pos_ not in ("VERB", "AUX"):
            return None  # "two days after the attack": the narrative anchor names it
        if own is None:
            _article(ev, document.published, f"{c.text!r} relates it to {base.text!r}, "
                     "which the text does not date", DateReason.UNDATED_REFERENCE,
                     relative_to=base.text)
            return False
        res = resolve_with(text, own[0].date, own[0].last, tl.published, False, tl.cache)
        if res is None:
            return None
        _set(ev, res, c.text, "relative-to-event", own[0].date, relative_to=base.text,
             relative_to_date=chain_tail[0]["date"],
             chain=[{"event": trigger.text, "how": text}, *chain_tail])
        return True
    return None


def _unparsed_distance(c: Candidate) -> bool:
    """"(less than) a week after <something>" whose two sides the parse does not give:
    a distance from another event, never a date counted from the narrative's anchor."""
    words = c.text.split()
    return c.kind in ("cue:n-units-later", "cue:n-units-earlier") and bool(words) \
        and words[-1].lower() in ("after", "before")


def _same_event_anchor(verb: Token, tl: _Timeline) -> tuple[_Anchor, str] | None:
    """The narrative anchor, when ``verb``'s definite subject or object names the event it
    dates ("*The clash* began when ..." after "captured on Wednesday after warplanes
    clashed"); with the mention."""
    a = tl.anchor
    if a is None:
        return None
    for v in _governing_clauses(verb):
        mention = _same_event_mention(v, a)
        if mention is not None:
            return a, mention
    return None


def _governing_clauses(verb: Token) -> list[Token]:
    """``verb``, then the clause a "when" clause holding it depends on ("The battle began
    *when* fighters crossed the river and *attacked*": attacked, began)."""
    out, t = [verb], verb
    for _ in range(4):
        if t.head is t:
            break
        if t.dep_ == "advcl" and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark")
                                     for c in t.children):
            out.append(t.head)
            break
        if t.dep_ != "conj":
            break
        t = t.head
    return out


def _date_event(ev: Event, trigger: Token, no: int, tl: _Timeline, document: Document) -> None:
    lex = tl.lex
    said = utterance(trigger, ev.root, lex) if is_future(trigger, lex) else None
    if said is not None:
        # a statement of intent or a threat is dated when it was made
        ev.evidence.setdefault("date_trigger", said.text)
        trigger = said
    future = is_future(trigger, lex)
    related = _by_relation(ev, trigger, no, tl, document)
    if related is not None:
        tl.advance(no, trigger.i)
        return
    ranked = [(t, c) for t, c in _rank(tl.cands[no], trigger, lex)
              if relation(c) is None and not _unparsed_distance(c)]
    dated = [(t, c) for t, c in ranked if t >= 1 and c.kind != "cue:undated"]
    if ranked and ranked[0][0] >= 1 and ranked[0][1].kind == "cue:undated" and not dated:
        tl.advance(no, trigger.i)
        _article(ev, document.published, f"the text gives no time for it ({ranked[0][1].text!r})",
                 DateReason.BACKGROUND)
        return
    # an explicit calendar day beats a weekday or a vaguer word of the same tier
    dated.sort(key=lambda tc: (tc[0], tc[1].kind in _DAY_KINDS), reverse=True)
    said_at = future_in_past(trigger) if future else None
    for t, c in dated:
        tl.advance(no, c.span.start)
        key = (*c.key, future)
        extra: dict[str, Any] = {}
        if key in tl.used:
            res, anchor = tl.used[key]
        else:
            reference = None
            if said_at is not None:
                # "said the ambassadors would return by January 26": future from the saying
                own = _own_date(said_at, no, tl)
                reference = own[0].date if own else (tl.anchor.res.date if tl.anchor else None)
                if reference is not None:
                    extra["future_from"] = reference.isoformat()
            found = tl.resolve(c, future, no, reference)
            if found is None:
                continue
            res = _since_weekday(found, c, tl.published)
            anchor = tl.anchor.res.date if tl.anchor and res.relative_to == "anchor" \
                else tl.published
            tl.used[key] = (res, anchor)
            tl.consumed.add(c.key)
            head = date_head(c.span, lex)
            if not future and is_past_perfect(head) and narrative(head):
                tl.set_flashback(res, c, no)  # "Earlier that morning, jets had carried out"
            elif _anchor_worthy(res) and not future and anchors_narrative(trigger, c):
                tl.set_anchor(res, c, no)
        _set(ev, res, c.text, res.rule, anchor, tier=t, future=future or res.future,
             **extra, **_weekday_check(res, c, lex))
        return
    tl.advance(no, trigger.i)
    if not background(trigger, lex) and _by_occasion(ev, trigger, no, tl, future):
        return
    if _descriptive_past(trigger):
        _article(ev, document.published, "a past clause describing something in a "
                 "present-tense sentence ('the freedoms given when the UK returned the "
                 "territory'): earlier than now, not dated", DateReason.ANTERIOR)
        return
    if since_clause(trigger) and not is_past_perfect(trigger) and not background(trigger, lex):
        _article(ev, document.published, "a 'since' clause: when a standing state began, "
                 "earlier than the narrative, not dated", DateReason.ANTERIOR)
        return
    if is_past_perfect(trigger) or background(trigger, lex):
        adverb = background(trigger, lex)
        reason = DateReason.BACKGROUND if adverb else DateReason.ANTERIOR
        said, gov = None, None
        if not adverb:
            for gov in [a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")][:3]:
                said = _own_date(gov, no, tl)
                if said is not None:
                    break
        if said is not None:
            # "said on Friday that Iran had promised", "fired on January 16, saying it had
            # hit ...": on or before the governing verb's date, not that day
            end = said[0].last
            start = end - timedelta(days=int(lex.settings.get("inherit_days", 30)))
            _set(ev, DateResolution(start, "interval", end, "anterior"), said[1].text,
                 "anterior", said[0].date, before=gov.text if gov is not None else None,
                 reason=reason.value)
            return
        _article(ev, document.published, f"background ({adverb!r}) with no date of its own"
                 if adverb else "past perfect: earlier than the narrative, not dated", reason)
        return
    other = _other_occasion(trigger, no, tl)
    if other is not None:
        mention = " ".join(x.text for x in other.subtree)[:60]
        _article(ev, document.published, f"placed at {mention!r}, another occasion the text "
                 "does not date", DateReason.UNDATED_REFERENCE, relative_to=mention)
        return
    a = tl.anchor
    window = int(lex.settings.get("inherit_window", 6))
    frame = tl.frame_of(no)
    if frame is not None and not future and is_past(trigger) and narrative(trigger) \
            and no - frame.sent_no <= window:
        # "Pakistan had already protested on Tuesday night. Its Foreign Office summoned ...":
        # between the day stepped back to and the narrative time it left (a day when the
        # two agree); "Tensions eased only partly on Friday. ... Qureshi boycotted the
        # session": the day that opens the paragraph
        end = frame.res.last
        if frame is not a and a is not None:
            end = max(end, a.res.last)
        if tl.published is not None:
            end = max(frame.res.date, min(end, tl.published))
        _set(ev, DateResolution(frame.res.date, "interval", end, "frame"), frame.text,
             "flashback" if frame is not a else "paragraph-frame", frame.res.date,
             framed_by_sentence=frame.sent_no)
        return
    if _at_gathering(ev, trigger, no, tl, future):
        return
    if a is not None and not future and no - a.sent_no <= window:
        mention = _same_event_mention(trigger, a)
        if mention is not None:
            _set(ev, a.res, a.text, "same-event", a.res.date, same_event_as=mention)
            return
        if is_past(trigger) and narrative(trigger):
            start = a.res.date
            end = a.res.last + timedelta(days=int(lex.settings.get("inherit_days", 30)))
            if tl.published is not None and start <= tl.published < end:
                end = tl.published
            inherited: dict[str, Any] = {"inherited_from_sentence": a.sent_no}
            if a.via:
                inherited["reanchored_by"] = a.via
            _set(ev, DateResolution(start, "interval", end, "inherit"), a.text, "inherit",
                 a.res.date, **inherited)
            return
    for t, c in ranked:
        if t < 0 or (t == 0 and future):
            break  # a date inside one clause of a plan is not another plan's ("the envoys
            # would return by January 26 and the minister would visit")
        if c.kind == "cue:undated":
            continue
        res = tl.resolve(c, future, no)
        if res is not None:
            _set(ev, res, c.text, res.rule, tl.published, tier=t, future=future or res.future)
            return
    _article(ev, document.published, "no date expression for this event in its sentence "
             "or the narrative before it")


def _occasion_reference(trigger: Token, no: int, tl: _Timeline
                        ) -> tuple[str, Occasion, Token] | None:
    """The registered occasion the trigger's clause refers to, with the relation (``at``,
    ``same``, ``after``, ``before``) and the mention.  A statement may be placed at a
    gathering through its content clause ("said Starmer had lacked empathy *during a
    private discussion*"), an act through its infinitive ("called on him to resign *from
    the debate stage*")."""
    olex = tl.occ.olex
    if not tl.occ.items:
        return None
    clauses = [(trigger, False)] + [(c, True) for c in trigger.children
                                    if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
                                    and not is_past_perfect(c)]
    for v, embedded in clauses:
        for rel, noun in settings_of(v, olex):
            o = tl.occ.refers(noun, no)
            if o is None or (embedded and (rel != "at" or not o.gathering)):
                continue
            if rel == "same" and (noun.lemma_.lower() in olex.parts or not o.gathering):
                continue  # a part is not the occasion itself; "The attack killed ..." is
                # the same-event rule's (the anchored event), "The vote was moved" is not
                # the vote
            return rel, o, noun
    return None


def _by_occasion(ev: Event, trigger: Token, no: int, tl: _Timeline, future: bool) -> bool:
    """Date an event its clause places at, after or before a dated occasion ("*at the
    summit*", "*during Tuesday's vote*", "*after the talks*", "*The debate* started")."""
    found = _occasion_reference(trigger, no, tl)
    if found is None:
        return False
    rel, o, noun = found
    word = noun.head.lower_ if noun.dep_ == "pobj" else None
    mention = " ".join(x.text for x in noun.subtree)[:60]
    res, days = o.res, int(tl.lex.settings.get("inherit_days", 30))
    if rel == "after":
        end = tl.published if word == "since" and tl.published else \
            o.res.last + timedelta(days=int(tl.lex.settings.get("after_default_days", 30)))
        if not future and tl.published is not None and o.res.date <= tl.published < end:
            end = tl.published
        res = DateResolution(o.res.date, "interval", max(end, o.res.date), "after-occasion")
    elif rel == "before":
        res = DateResolution(o.res.date - timedelta(days=days), "interval", o.res.date,
                             "before-occasion")
    how = {"at": f"{word or 'at'} {mention!r}", "same": f"{mention!r} is the occasion itself",
           "after": f"{word or 'after'} {mention!r}", "before": f"{word or 'before'} {mention!r}"}
    chain = [{"event": trigger.text, "how": how[rel]},
             {"event": o.mention, "how": f"dated by {o.date_text!r} (sentence {o.sent_no})",
              "date": o.res.date.isoformat()}]
    rule = {"after": "after-occasion", "before": "before-occasion"}.get(rel, "occasion")
    _set(ev, res, o.date_text, rule, o.res.date, link=OccasionLink(rel).value,
         occasion=o.describe(), refers_by=mention, chain=chain)
    if rule == "occasion" and not future and narrative(trigger) and _anchor_worthy(res):
        tl.set_anchor_to(res, o.date_text, no, frozenset({o.lemma}))
    return True


def _clause_verb(t: Token) -> Token:
    """The verb whose time a participle or "as"/"while" clause shares ("opened the night
    *by swiping* at Trump", "declared himself vindicated *as he pilloried* Zelenskyy")."""
    for _ in range(3):
        if t.dep_ == "pcomp" and t.tag_ == "VBG" and t.head.lower_ in ("by", "while", "in") \
                and t.head.head != t.head:
            t = t.head.head
        elif t.dep_ == "advcl" and t.head != t and (
                any(m.dep_ in ("mark", "advmod") and m.lower_ in ("as", "while", "when")
                    for m in t.children)
                or (t.tag_ == "VBG" and not any(m.dep_ == "mark" for m in t.children))):
            t = t.head
        else:
            break
    return t


def _at_gathering(ev: Event, trigger: Token, no: int, tl: _Timeline, future: bool) -> bool:
    """A verbal event (said, accused, thanked, promised ...) narrated while the narration is
    at a dated gathering (a debate, an interview, a speech, a meeting) took place at it:
    "Abu Ubaida said in a televised speech on Thursday ... 'Your soldiers will return in
    black bags,' he said."  Only when the narration has not moved to another day since the
    gathering was last dated or mentioned."""
    if future or not verbal(ev.cameo or ev.root, tl.occ.olex):
        return False
    verb = _clause_verb(trigger)
    if not is_past(verb) or not narrative(verb) or is_past_perfect(verb) or _perfect(verb) \
            or background(verb, tl.lex) or since_clause(verb) or _quoted(trigger, no, tl):
        return False
    o = tl.occ.current(no)
    if o is None:
        return False
    for rel, noun in settings_of(verb, tl.occ.olex):
        if rel != "same" and lemma_of(noun, tl.occ.olex) and tl.occ.refers(noun, no) is not o:
            return False  # placed at another occasion: "At the first debate, ..."
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma_of(c, tl.occ.olex) \
                and tl.occ.refers(c, no) is o:
            return False  # about the gathering, not at it: "The talks drew criticism"
    a = tl.anchor
    if a is not None and not (a.res.precision == "day" and a.res.date == o.res.date) \
            and o.last_seen < a.sent_no:
        return False  # the narration moved to another time after the gathering
    chain = [{"event": trigger.text, "how": f"a verbal event narrated at {o.mention!r} "
              f"(mentioned last in sentence {o.last_seen})"},
             {"event": o.mention, "how": f"dated by {o.date_text!r} (sentence {o.sent_no})",
              "date": o.res.date.isoformat()}]
    _set(ev, o.res, o.date_text, "occasion", o.res.date, link=OccasionLink.GATHERING.value,
         occasion=o.describe(), continues_gathering=True, chain=chain)
    return True


def _perfect(v: Token) -> bool:
    """Present perfect ("has threatened"): a state up to now, not a step of the narration."""
    return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve")
                                   for c in v.children)


_OPENING = frozenset("\u201c")
_CLOSING = frozenset("\u201d")


def _quoted(trigger: Token, no: int, tl: _Timeline) -> bool:
    """Is the trigger inside a quotation (counted from its paragraph's start; from its
    sentence's start when the paragraph's quotation marks do not pair up)?  What a
    speaker says happened is not narrated at the gathering."""
    first, last = no, no
    while first > 0 and tl.para[first - 1] == tl.para[no]:
        first -= 1
    while last + 1 < len(tl.sents) and tl.para[last + 1] == tl.para[no]:
        last += 1
    text = doc_text(tl.doc)
    para = text[tl.sents[first].start_char:tl.sents[last].end_char]
    if para.count('"') % 2 or sum(ch in _OPENING for ch in para) != sum(ch in _CLOSING for ch in para):
        first = no  # a quotation left open: only the trigger's own sentence is trusted
    before = text[tl.sents[first].start_char:trigger.idx]
    curly = sum(ch in _OPENING for ch in before) - sum(ch in _CLOSING for ch in before)
    return curly > 0 or before.count('"') % 2 == 1


def _other_occasion(trigger: Token, no: int, tl: _Timeline) -> Token | None:
    """A setting of the trigger's clause that names an occasion picked out as another one
    and never dated ("*At the first debate*, the governor accused ..."): the narration's
    time is not the event's."""
    olex = tl.occ.olex
    for rel, noun in settings_of(_clause_verb(trigger), olex):
        if rel != "same" and lemma_of(noun, olex) and marks(noun, olex) \
                and tl.occ.refers(noun, no) is None:
            return noun
    return None


def _present(v: Token) -> bool:
    if v.tag_ in ("VBZ", "VBP"):
        return True
    return v.tag_ in ("VBG", "VB", "VBN") and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in v.children)


def _descriptive_past(trigger: Token) -> bool:
    """A simple-past clause that modifies a present-tense clause or a noun in a
    present-tense sentence ("They worry China is taking back the freedoms given to Hong
    Kong *when the UK returned the territory*"): it tells something earlier than now, not
    news of the day.  Reported content ("officials say rebels attacked") is not such a
    clause."""
    if trigger.tag_ != "VBD" or trigger.dep_ not in ("advcl", "relcl", "acl"):
        return False
    gov = trigger.head
    for _ in range(6):
        if gov.pos_ in ("VERB", "AUX") or gov.head == gov:
            break
        gov = gov.head
    root = trigger.sent.root
    return gov.pos_ in ("VERB", "AUX") and (_present(gov) or gov.dep_ in ("acl", "relcl")) \
        and _present(root)
