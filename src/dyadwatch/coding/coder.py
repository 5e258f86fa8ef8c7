"""The event coder: parsed sentences + actor mentions -> candidate ``Event`` records.

The coder does not judge modality: negated, hypothetical, conditional and
future events are emitted as candidates (``modality`` stays ASSERTED) and the
modality stage labels them.  Every event carries ``evidence`` explaining why it
exists (pattern id, trigger token, actor token spans).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import ActorDictionary, Mention
from ..model import Actor, CountryFrom, Document, Event, Sentence
from ..text import doc_text, sentence_index_at
from .args import Arg, MentionIndex, is_weak, localize, place_country, with_country
from .cascade import CODE_STEPS, ROLE_STEPS, Context, Step, run_cascade
from .discard import DiscardList
from .explain import SentenceNotes, notes_for
from .headline import is_headline
from .lexicon import lexicon
from .matcher import Match, lemma_of, find_matches
from .patterns import PatternSet
from .roles import Roles, two_people
from .source_only import licence as source_only_licence, own_forces_target, political_speaker
from .unattributed import NameLookup, dateline_country, named_place


_NO_EVENT_RULE = "no event by argument-type rule"


def _copy(actor: Actor) -> Actor:
    return replace(actor)


class Coder:
    """Code events from a spaCy ``Doc`` and actor mentions.

    ``patterns`` defaults to the shipped pattern files; ``require_target``
    drops events with no target unless their pattern says ``no_target``;
    ``intent_codes`` codes announced/promised/threatened actions ("will
    release", "vowed to strike") as CAMEO intent (03x) / threat (13x) events.
    ``discards`` (PETRARCH's discard list, ``discard.py``): a story phrase
    silences the whole document, a sentence phrase its sentence ("... in the
    Champions League final": sport, not conflict).  ``code`` reports what was
    silenced, and why, into the ``discarded`` list a caller passes.
    ``place_country`` (the pipeline passes ``Gazetteer.country_of_place``) names the
    country of a city the actor dictionary does not know, for attacks without a
    named attacker ("a mortar attack in Kufa" -> IRQUAF).
    """

    def __init__(self, actors: ActorDictionary, patterns: PatternSet | None = None,
                 require_target: bool = True, intent_codes: bool = True,
                 discards: DiscardList | None = None,
                 place_country: Callable[[str], str | None] | None = None) -> None:
        self.actors = actors
        self.names = NameLookup(actors.lookup, place_country)
        self.patterns = patterns if patterns is not None else PatternSet.default()
        self.require_target = require_target
        self.intent_codes = intent_codes
        self.discards = discards if discards is not None else DiscardList.empty()
        #: the named steps every match goes through (``cascade.py``), in order
        self.steps: tuple[tuple[str, Step], ...] = ROLE_STEPS + CODE_STEPS

    # -- public -----------------------------------------------------------
    def code(self, doc: Doc, mentions: list[Mention], document: Document,
             sentences: list[Sentence], discarded: list[dict] | None = None,
             notes: list[SentenceNotes] | None = None) -> list[Event]:
        """Events of the document.  ``discarded`` receives what the discard list silenced;
        ``notes`` (``explain.py``), for each sentence naming two or more actors, what was
        tried (``explain.no_event_list`` turns them into the ``--explain`` reasons)."""
        index = MentionIndex(_same_group(mentions))
        events: list[Event] = []
        counters: dict[int, int] = {}
        seen: set[tuple] = set()
        if discarded is None:
            discarded = []
        hit = self.discards.story_hit(doc_text(doc))
        if hit is not None:
            discarded.append({"level": "story", "phrase": hit})
            return events
        ctx = Context(doc, document, sentences, index, self.names,
                      dateline_country(doc, self.names), intent_codes=self.intent_codes,
                      patterns=self.patterns)
        span_of = _span_finder(index)
        for sent in doc.sents:
            n_before = len(events)
            #: matches that lacked only a target: a source-only statement if nothing else
            lacked_target: list[Match] = []
            note = notes_for(sent, index, sentences) if notes is not None else None
            if note is not None:
                notes.append(note)  # type: ignore[union-attr]
            hit = self.discards.sentence_hit(sent.text)
            if hit is not None:
                discarded.append({"level": "sentence", "phrase": hit,
                                       "sentence": sentence_index_at(sentences, sent.start_char)
                                       if sentences else None})
                if note is not None:
                    note.discarded = hit
                continue
            acts: set[int] = set()  # the words of every match (a comment reports none)
            for group in find_matches(list(sent), self.patterns, span_of):
                acts.update(t for m in group for t in (m.trigger.i, m.anchor.i))
                evs = []
                for m in group:
                    if m.pattern.null:  # "[---]": this reading of the verb is no event
                        if note is not None:
                            note.tried.append(f"'{m.trigger.text}' ({m.pattern.id}): a reading "
                                              "the patterns code as no event")
                        break
                    why: list[str] = []
                    evs = self._events(m, ctx, counters, why)
                    if evs:
                        break
                    if why and why[0] == "no target actor":
                        lacked_target.append(m)
                    if note is not None:
                        # an argument-type rule's "no event" (a habit, a figure of speech)
                        # is a reading, like "[---]"; anything else lacked an actor
                        if not (why and why[0].startswith(_NO_EVENT_RULE)):
                            note.lacked_actor = True
                        note.tried.append(f"'{m.trigger.text}' ({m.pattern.id} -> "
                                          f"{m.pattern.code}): {why[0] if why else 'no event'}")
                for ev in evs:
                    key = (ev.sentence_index, ev.source.code, ev.target.code if ev.target else None,
                           ev.cameo, ev.trigger, ev.target_tokens)
                    if key in seen:
                        continue
                    seen.add(key)
                    generic = _generic_statement(ev, events)
                    if generic is not None:  # "vowed (030) to strike (138)": the specific one
                        events.remove(generic)
                    if _implied_twice(ev, events):  # "hurt in an explosion": the blast's event
                        continue
                    same = _same_act(ev, events, doc)
                    if same is not None:  # "attacked an army post, killing eleven soldiers"
                        same.evidence.setdefault("also_from", []).append(
                            {"trigger": ev.trigger,
                             "trigger_text": ev.evidence["trigger_text"], "cameo": ev.cameo})
                        continue
                    events.append(ev)
            if len(events) == n_before:
                # nothing else in the sentence: a statement made to no one in particular
                # (``source_only.py``: typed speaker, statement word and content)
                # the most specific reading first: the intended act before the word
                # stating it ("plans to *pull out* its soldiers"), a specific code before
                # a generic one, anything before a bare "said"
                for m in sorted(lacked_target, key=_specific_first):
                    evs = self._events(m, ctx, counters, source_only=True,
                                       acts=frozenset(acts - {m.anchor.i, m.trigger.i}))
                    if evs:
                        events.extend(evs)
                        break
        return _without_restated_headline(_without_implied_told_later(events), doc,
                                          sentences, document)

    def code_text(self, nlp: Language, text: str, when: date | None = None,
                  doc_id: str = "text") -> list[Event]:
        """Convenience for tests and benchmarks: parse, tag and code one text."""
        from ..text import parse

        document = Document(doc_id=doc_id, body=text, published=when)
        doc, sentences = parse(nlp, document)
        return self.code(doc, self.actors.tag(doc, when=when), document, sentences)

    # -- internals --------------------------------------------------------
    def _events(self, m: Match, ctx: Context, counters: dict[int, int],
                why: list[str] | None = None, source_only: bool = False,
                acts: frozenset[int] = frozenset()) -> list[Event]:
        """The events of one match: the cascade of steps (``cascade.py``) fills its roles
        and code; then sources and targets are paired, country-less actors take the
        country of the event's place, and each pair becomes an ``Event``."""
        pat = m.pattern
        doc, document, sentences = ctx.doc, ctx.document, ctx.sentences
        recent = ctx.recent
        cand = run_cascade(m, ctx, self.steps)
        roles, code, blast_place = cand.roles, cand.code, cand.blast_place
        if cand.no_event is not None:  # an argument-type rule: a habit, a figure of speech ...
            if why is not None:
                why.append(f"{_NO_EVENT_RULE} '{cand.no_event}'")
            return []
        anchor = m.anchor
        # "Ghana declared a ceasefire": own patterns only (a bare converted dictionary verb
        # is too weak a reading to stand without a target)
        # an argument-type rule that changed the code ("drone strike": 143 -> 195) leaves
        # the pattern's own no-target licence behind: the new code's own says
        own_licence = pat.no_target and not (cand.argtype_rule and code != pat.code)
        no_target = (own_licence or not self.require_target
                     or (not pat.converted and lexicon().targetless(code)))
        alone = None
        if source_only:  # the sentence's last resort: a statement to no one in particular
            src0 = roles.sources.mentions[0] if roles.sources and roles.sources.mentions else None
            alone = (source_only_licence(code, m.anchor, cand.statement, cand.intent_of, src0,
                                         acts=acts, converted=pat.converted,
                                         co_speakers=len(roles.sources.mentions))
                     if src0 is not None and roles.targets is None else None)
            if alone is None:
                return []
            no_target = True
        pairs = list(self._pairs(roles, pat.reciprocal and not cand.one_way, no_target, doc,
                                 partner_reverse=pat.partner_reverse))
        if not pairs:
            if why is not None:
                why.append("no source actor" if roles.sources is None else
                           "no target actor" if roles.targets is None else
                           "source and target are the same actor")
            return []
        if blast_place is not None and roles.sources is not None:
            ctx.used.add(roles.sources.head)
        info = self.patterns.info(code)
        if pat.reverse_code is not None:  # PETRARCH's "[032:033]": the target's side too
            rinfo = self.patterns.info(pat.reverse_code)
            pairs += [(b, a, (h[1], h[0]), pat.reverse_code, rinfo) for a, b, h in pairs
                      if b is not None]
        pairs = [p if len(p) == 5 else (*p, code, info) for p in pairs]
        s_idx = sentence_index_at(sentences, anchor.idx) if sentences else 0
        s_text = sentences[s_idx].text if sentences else anchor.sent.text
        trig_text = (anchor.text if anchor is m.trigger
                     else f"{anchor.text} ... {m.trigger.text}" if m.trigger.i > anchor.i + 1
                     else f"{anchor.text} {m.trigger.text}")
        conf = self._confidence(m, roles)
        place = None
        if any(is_weak(a) or (b is not None and is_weak(b)) for a, b, *_ in pairs):
            place = self._place_of_weak(m, pairs, info, code, blast_place, ctx)
        out = []
        for src, tgt, how, code, info in pairs:
            if info.root in ("18", "19", "20"):
                recent.append(src)
                ctx.recent_words.append(lemma_of(m.trigger))
            elif info.root == "11":
                ctx.accusers.append(src)
            localized = []
            if place is not None and is_weak(src):
                src = localize(src, place)
                localized.append("source")
            if (tgt is not None and is_weak(tgt) and info.root in ("18", "19", "20")
                    and (tgt.actor.role or "") in _OWN_STATE_FOES and not is_weak(src)
                    and src.actor.country):
                # "Pakistan struck Baloch separatist hideouts near Saravan": separatists a
                # state fights, with no country of their own, seek to break away from it
                tgt = with_country(tgt, src.actor.country, CountryFrom.COREFERENCE)
            elif place is not None and tgt is not None and is_weak(tgt):
                tgt = localize(tgt, place)
                localized.append("target")
            if tgt is not None and own_forces_target(doc, src, tgt, code):
                # "Japan said it would cut *its* troops": the speaker's own act, no target
                tgt = None
                alone = alone or f"own forces are no target ({code})"
            if tgt is None and info.root == "01" and not political_speaker(src):
                # a comment to no one in particular is an event only from a political
                # speaker ("the sister of the victim said ..." is none; source_only.py)
                continue
            if tgt is not None and not _distinct(src, tgt, doc):
                continue
            k = counters.get(s_idx, 0)
            counters[s_idx] = k + 1
            why = (f"{pat.id}: '{m.trigger.text}' ({pat.pos}) -> {code} {info.label}; "
                   f"source from {how[0] or 'n/a'}{_refers(src, doc)}; "
                   f"target from {how[1] or 'none'}{_refers(tgt, doc)}")
            evidence = {
                "pattern": pat.id,
                "pattern_file": pat.origin,
                **({"intent_of": cand.intent_of} if cand.intent_of is not None else {}),
                **({"steps": list(cand.steps)} if cand.steps else {}),
                **({"argtype_rule": cand.argtype_rule} if cand.argtype_rule else {}),
                "trigger_text": trig_text,
                "source_text": doc[src.start:src.end].text,
                "target_text": doc[tgt.start:tgt.end].text if tgt is not None else None,
                "why": why,
            }
            if alone is not None:
                evidence["source_only"] = alone
            if localized:
                evidence["country_from_place"] = {"actors": localized,
                                                  "place": doc[place.start:place.end].text}
            out.append(Event(
                event_id=f"{document.doc_id}-{s_idx}-{k}", doc_id=document.doc_id,
                sentence_index=s_idx, sentence=s_text, source=_copy(src.actor),
                target=_copy(tgt.actor) if tgt is not None else None, cameo=code,
                root=info.root, quad_class=info.quad_class, goldstein=info.goldstein,
                plover_type=info.plover_type, plover_mode=info.plover_mode,
                date=None, date_precision="article",
                confidence=max(0.05, conf - 0.05 * len(localized)),
                evidence=evidence,
                # an intention stated by a governor ("offered to mediate"): the statement
                # is the event, so its word is the trigger the later stages read
                trigger=cand.statement.i if cand.statement is not None else anchor.i,
                trigger_noun=m.trigger.i if m.trigger is not anchor else None,
                source_tokens=(src.start, src.end),
                target_tokens=(tgt.start, tgt.end) if tgt is not None else None))
        if not out and why is not None:
            why.append("source and target are the same actor")
        return out

    def _place_of_weak(self, m: Match, pairs: list, info, code: str,
                       blast_place: Mention | None, ctx: Context) -> Mention | None:
        """Where the event happened, for actors without a country of their own ("gunmen
        ambushed a convoy in Baghdad"): a place named around the trigger, the blast's
        place, the dateline, or the home of a state actor coercing or judging."""
        doc, index, anchor = ctx.doc, ctx.index, m.anchor
        weak_heads = [doc[x.end - 1] for a, b, *_ in pairs for x in (a, b)
                      if x is not None and is_weak(x)]
        objs = [c for c in m.trigger.children if c.dep_ == "dobj"]
        if anchor.dep_ in ("advcl", "conj") and anchor.head.pos_ in ("VERB", "AUX"):
            objs.append(anchor.head)  # "blew himself up at a checkpoint in X, killing ..."
        if anchor.dep_ in ("nsubj", "nsubjpass") and anchor.head.pos_ in ("VERB", "AUX"):
            # "battles between X and Y killed 27 people in Z"
            objs += [anchor.head] + [c for c in anchor.head.children if c.dep_ == "dobj"]
        place = place_country([anchor, m.trigger] + weak_heads + objs, index)
        if place is None:  # "in Baghdad": a city the tagger leaves to the place stage
            place = named_place([anchor, m.trigger] + weak_heads + objs, self.names)
        if place is None:
            place = blast_place
        if place is None and info.root >= "14" and ctx.dateline is not None:
            place = ctx.dateline  # "BAGHDAD - Gunmen ambushed ...": the wire dateline
        if place is None and (info.root == "17" or code in lexicon().judicial_codes):
            # "Kenyan police dispersed demonstrators", "a court in Yemen sentenced one
            # man": police, courts and governments coerce and judge at home, so a
            # country-less target shares their country
            home = [a for a, *_ in pairs if not is_weak(a)
                    and (a.actor.role or "") in ("COP", "JUD", "GOV")]
            if home and all(b is None or is_weak(b) or b.actor.country == home[0].actor.country
                            for _, b, *_ in pairs):
                place = home[0]
        return place

    @staticmethod
    def _pairs(roles: Roles, reciprocal: bool, no_target: bool, doc: Doc | None = None,
               partner_reverse: bool = True
               ) -> Iterable[tuple[Mention, Mention | None, tuple[str, str]]]:
        """Source -> target pairs of one trigger.  A reciprocal act is coded both ways
        between co-subjects ("A and B met"), and back from a partner named as its object or
        with "with" ("A clashed with B") unless the pattern's ``partner_reverse`` is false: a
        meeting one side makes ("A met (with) B") is coded A -> B only."""
        srcs = list(roles.sources.mentions) if roles.sources else []
        tgts = list(roles.targets.mentions) if roles.targets else []
        how = (roles.source_how, roles.target_how)
        if roles.pairs_between and not srcs and len(tgts) >= 2:
            if doc is not None:
                # "battles between insurgents and *US and Iraqi* forces": allies named
                # in one conjunct are one side; pairs only across the sides
                sides = {id(t): _side(doc, t) for t in tgts}
                if len(set(sides.values())) >= 2:
                    for a in tgts:
                        for b in tgts:
                            if sides[id(a)] != sides[id(b)] and _distinct(a, b, doc):
                                yield a, b, (how[1], "the other side of 'between'")
                    return
            srcs, tgts, reciprocal = tgts, [], True
        if reciprocal and len(srcs) >= 2 and tgts and (all(is_weak(t) for t in tgts)
                                                       or not _mutual(roles)):
            # "India and China agreed to withdraw troops": the pair, not "troops";
            # "Israel and Lebanon renewed negotiations on an Israeli pullback": the topic
            # of the talks is not a party to them
            tgts = []
        if reciprocal and srcs and not tgts and len(srcs) >= 2:
            for a in srcs:
                for b in srcs:
                    if a is not b and _distinct(a, b, doc):
                        yield a, b, (how[0], "co-subject (reciprocal)")
            return
        if not srcs:
            return
        if not tgts:
            if no_target:
                for a in srcs:
                    yield a, None, how
            return
        for a in srcs:
            paired = own_country = False
            for b in tgts:
                if _distinct(a, b, doc):
                    paired = True
                    yield a, b, how
                    if reciprocal and partner_reverse and _mutual(roles):
                        yield b, a, (how[1], how[0])
                elif doc is not None and _distinct(a, b):
                    own_country = True
            if own_country and not paired:
                # "Kostunica promised to democratize Serbia": a state acting on its own
                # country is a domestic act with no target, as the gold sets code it
                yield a, None, (how[0], "none (the source's own country)")

    @staticmethod
    def _confidence(m: Match, roles: Roles) -> float:
        c = 0.5 + 0.07 * min(m.pattern.specificity, 4)
        if m.anchor is not m.trigger:
            c += 0.05
        if roles.sources is not None and not roles.sources.direct:
            c -= 0.1
        if roles.targets is not None and not roles.targets.direct:
            c -= 0.05
        if roles.targets is None and not (m.pattern.reciprocal and roles.sources is not None
                                          and len(roles.sources.mentions) >= 2):
            c -= 0.1
        if any(x.kind == "coref" for x in _mentions(roles)):
            c -= 0.1
        if m.pattern.priority < 0:
            c -= 0.1
        return max(0.05, min(0.95, round(c, 3)))


def _specific_first(m: Match) -> tuple[bool, int, bool]:
    """Sort key of the source-only readings of one sentence: a bare statement (010)
    last, the deepest word (the act a statement reports) first, a specific code first."""
    depth = 0
    t = m.anchor
    while t.head is not t and depth < 20:
        t, depth = t.head, depth + 1
    code = m.pattern.code
    return (code == "010", -depth, len(code) == 3 and code.endswith("0"))


def _same_group(mentions: list[Mention]) -> list[Mention]:
    """ "Darfur rebels ... a boycott by rebels who accused Khartoum": a country-less
    rebel/insurgent/separatist mention takes the country of the same kind of group named
    earlier in the document, when all earlier ones agree on one country."""
    seen: dict[str, set[str]] = {}
    groups = lexicon().group_roles  # non-state roles: "the rebels" means the group named before
    out = []
    for m in sorted(mentions, key=lambda x: (x.start, x.end)):
        role = m.actor.role or ""
        if role in groups and is_weak(m) and len(seen.get(role, ())) == 1:
            (country,) = seen[role]
            m = with_country(m, country, CountryFrom.COREFERENCE)
        elif role in groups and not is_weak(m) and m.actor.country:
            seen.setdefault(role, set()).add(m.actor.country)
        out.append(m)
    return out


def _same_act(ev: Event, events: list[Event], doc: Doc) -> Event | None:
    """The event ``ev`` only elaborates: a participle adjunct of an earlier event's verb in
    the same sentence, between the same countries and of the same root ("Gunmen *attacked*
    an army post, *killing* eleven soldiers" is one attack, not two); or the effect of an
    event noun already coded ("Iran's *strikes* on Panjgur *killed* two children": the
    strikes are the act, the killing their effect)."""
    assert ev.trigger is not None
    t = doc[ev.trigger]
    if "+" in str(ev.evidence.get("pattern", "")):  # an effect verb ("strikes ... killed")
        subj = next((c.i for c in t.children if c.dep_ == "nsubj"), None)
        for other in reversed(events):
            if other.sentence_index != ev.sentence_index:
                break
            if (subj is not None and subj in (other.trigger, other.trigger_noun)
                    and other.root == ev.root and other.source.country == ev.source.country
                    and (ev.target is None or not ev.target.country or other.target is None
                         or ev.target.country == other.target.country)):
                return other
    if t.dep_ not in ("advcl", "conj") or t.tag_ != "VBG":
        return None
    head = t.head.i
    for other in reversed(events):
        if other.sentence_index != ev.sentence_index:
            break
        if (other.trigger == head and other.root == ev.root
                and other.source.country == ev.source.country
                and (other.target.country if other.target else None)
                == (ev.target.country if ev.target else None)):
            return other
    return None


_IMPLIED_STEP = "implied attacker"


def _without_implied_told_later(events: list[Event]) -> list[Event]:
    """An implied attacker's event ("The commander was killed near Baghdad airport") is
    dropped when one of the next two sentences codes force by a named actor on the same
    country ("A US drone strike near Baghdad International Airport killed ..."): the lead
    tells the act, the later sentence its doer."""
    def country(e: Event) -> str | None:
        return e.target.country if e.target is not None else None

    named = [e for e in events if e.root in ("18", "19", "20")
             and _IMPLIED_STEP not in e.evidence.get("steps", ())]
    return [e for e in events if _IMPLIED_STEP not in e.evidence.get("steps", ()) or not any(
        0 <= f.sentence_index - e.sentence_index <= 2 and country(f) == country(e)
        for f in named)]


def _implied_twice(ev: Event, events: list[Event]) -> bool:
    """An event of the same sentence, source, target and root as one whose attacker the
    "implied attacker" step supplied ("30 people were *hurt* in an *explosion*": the blast
    noun and the passive verb tell one act): keep the first, and prefer the event whose
    source the text gave (it replaces an implied one already kept)."""
    def key(e: Event) -> tuple:
        return (e.sentence_index, e.source.code, e.target.code if e.target else None, e.root)

    implied = _IMPLIED_STEP in ev.evidence.get("steps", ())
    for other in reversed(events):
        if other.sentence_index != ev.sentence_index:
            break
        if key(other) != key(ev):
            continue
        if implied:
            return True
        if _IMPLIED_STEP in other.evidence.get("steps", ()):
            events.remove(other)
            return False
    return False


def _without_restated_headline(events: list[Event], doc: Doc, sentences: list[Sentence],
                               document: Document) -> list[Event]:
    """A headline restating the lead is coded once: its events are dropped when one of
    the next two sentences codes an event of the same root from the same source country
    (the lead names the actors more fully: "Iran vows action" / "Iran vowed to strike X")."""
    if not events or not is_headline(doc, sentences, document):
        return events
    lead = {(e.source.country, e.root) for e in events if 1 <= e.sentence_index <= 2}
    return [e for e in events if e.sentence_index != 0 or (e.source.country, e.root) not in lead]


#: codes of a bare statement of intent or threat, made specific by what is intended
_GENERIC_STATEMENTS = frozenset({"030", "130"})


def _generic_statement(ev: Event, events: list[Event]) -> Event | None:
    """An earlier bare intent/threat event ("vowed": 030) on the word that states the
    intention ``ev`` codes specifically ("vowed to strike": 138), between the same actors."""
    if ev.evidence.get("intent_of") is None:
        return None
    for other in reversed(events):
        if other.sentence_index != ev.sentence_index:
            break
        if (other.trigger == ev.trigger and other.cameo in _GENERIC_STATEMENTS
                and other.source.code == ev.source.code
                and (other.target.code if other.target else None)
                == (ev.target.code if ev.target else None)):
            return other
    return None


def _side(doc: Doc, m: Mention) -> int:
    """The conjunct a mention belongs to: climb from its head through modifiers (and
    modifiers coordinated with them: "US and Iraqi forces") to the noun of the list."""
    t = doc[m.end - 1]
    for _ in range(6):
        mod = t.dep_ in ("compound", "amod", "nmod", "poss", "det")
        if mod or (t.dep_ == "conj" and t.head.dep_ in ("compound", "amod", "nmod", "poss")):
            t = t.head
            continue
        break
    return t.i


#: roles of armed groups that fight their own state (a separatist group with no country of
#: its own, struck by a state, is that state's)
_OWN_STATE_FOES = ("SEP",)


def _mentions(roles: Roles) -> list[Mention]:
    out: list[Mention] = []
    for a in (roles.sources, roles.targets):
        if isinstance(a, Arg):
            out.extend(a.mentions)
    return out


def _mutual(roles: Roles) -> bool:
    """A reciprocal pattern's target takes part in the act itself only when it is the
    trigger's own argument or a "with/between" partner ("agreed to a truce *with* X"),
    not an actor inside the agreed content ("agreed to lift the sanctions *on* X")."""
    t = roles.targets
    return t is not None and (t.direct or "'with'" in roles.target_how
                              or "'between'" in roles.target_how)


def _refers(m: Mention | None, doc: Doc) -> str:
    """ " ('They' refers back to 'The rebels')" for a pronoun the actor stage resolved."""
    if m is None or m.antecedent is None:
        return ""
    return f" ('{doc[m.start:m.end].text}' refers back to '{doc[slice(*m.antecedent)].text}')"


def _distinct(a: Mention, b: Mention, doc: Doc | None = None) -> bool:
    """Different actors: no self-events (IRN -> IRN), and no event between two readings of
    one phrase (IRN / IRNGOV for "Iranian officials").  One compound phrase naming two
    countries ("both sides" -> PAK and IRN) does give a pair."""
    if a.actor.code == b.actor.code:
        return doc is not None and two_people(a, b, doc)
    overlap = a.start < b.end and b.start < a.end
    if overlap and a.actor.country == b.actor.country:
        return False
    return doc is None or not (_state_and_its_country(a, b, doc)
                               or _state_and_its_country(b, a, doc))


#: mention kinds that are the text's own naming of a country (not a place the coder
#: inferred, nor a target a step implied: "lifted the curfew in West Darfur" -> SDN)
_NAMED_KINDS = frozenset({"country", "capital", "demonym", "coref", "compound"})


def _state_and_its_country(a: Mention, b: Mention, doc: Doc) -> bool:
    """ "the two ministers agreed that *both countries* ...", "the Guards fired missiles
    from *Iranian* territory": a state actor (government, army, police ...) and its own
    country named bare are one side, never a source-target pair (PAKGOV -> PAK).  A
    people named by its demonym ("*Bolivian* miners" -> BOL) is not the state."""
    if not (a.actor.country and a.actor.country == b.actor.country
            and (a.actor.role or "") in lexicon().state_roles
            and b.actor.code == b.actor.country and b.kind in _NAMED_KINDS):
        return False
    last = doc[b.end - 1]
    if last.dep_ in ("amod", "compound"):
        # "*Iranian* territory", "*Pakistani* soil": the country as a place; not a people
        # ("*Bolivian* miners") nor an institution ("the *Montenegro* Assembly")
        return last.head.tag_ == "NN"
    if last.ent_type_ == "GPE":  # "Serbia", "Islamabad"
        return True
    # "both countries", "the two states"; not a people ("Nigerians") nor an institution the
    # tagger left without a role ("the Montenegro Assembly")
    return last.lemma_.lower() in _COUNTRY_NOUNS


_COUNTRY_NOUNS = frozenset({"country", "state", "nation", "side", "republic", "kingdom"})


def _span_finder(index: MentionIndex):
    """``actor_span`` for phrase patterns: the widest mention covering a token."""
    def span(i: int) -> tuple[int, int] | None:
        ms = index.at(i)
        return (ms[0].start, ms[0].end) if ms else None
    return span


