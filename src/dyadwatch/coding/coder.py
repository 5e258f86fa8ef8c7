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
from ..actors.coref import country_of
from ..model import Actor, CountryFrom, Document, Event, Sentence
from ..text import sentence_index_at
from .args import (Arg, MentionIndex, actors_at, is_passive, is_weak, localize, place_country,
                   with_country)
from .discard import DiscardList
from .intent import intent_code
from .matcher import Match, find_matches
from .roles import REACTION_ROOTS, Roles, earlier_agent, noun_roles, verb_roles
from .patterns import PatternSet
from .unattributed import (BOMB_LEMMAS, NameLookup, dateline_country, named_place,
                           token_mention, unattributed)


#: who does a coercive act a passive sentence leaves without agent ("X was arrested")
IMPLIED_ROLE = {"173": "COP", "1731": "COP", "175": "COP", "174": "GOV", "172": "GOV",
                "1721": "GOV", "1722": "GOV", "1723": "GOV", "1724": "GOV", "171": "GOV"}


_NOT_DONE = frozenset("would could should will may might must shall can to".split())


def _passive_like(verb) -> bool:
    """ "was detained", and a headline's bare participle ("separatist chief arrested");
    not "would be prosecuted", "to be expelled" (nothing has happened yet)."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _NOT_DONE for c in verb.children):
        return False
    if is_passive(verb):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)


#: codes a court gives (find guilty, sentence): its defendants are, by default, at home
JUDICIAL_CODES = frozenset({"116"})


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

    # -- public -----------------------------------------------------------
    def code(self, doc: Doc, mentions: list[Mention], document: Document,
             sentences: list[Sentence], discarded: list[dict] | None = None) -> list[Event]:
        index = MentionIndex(_same_group(mentions))
        events: list[Event] = []
        counters: dict[int, int] = {}
        seen: set[tuple] = set()
        recent: list[Mention] = []  # sources of the violent events coded so far
        used: set[int] = set()  # blast nouns already coded as unattributed attacks
        if discarded is None:
            discarded = []
        hit = self.discards.story_hit(doc.text)
        if hit is not None:
            discarded.append({"level": "story", "phrase": hit})
            return events
        dateline = dateline_country(doc, self.names)
        span_of = _span_finder(index)
        for sent in doc.sents:
            hit = self.discards.sentence_hit(sent.text)
            if hit is not None:
                discarded.append({"level": "sentence", "phrase": hit,
                                       "sentence": sentence_index_at(sentences, sent.start_char)
                                       if sentences else None})
                continue
            for group in find_matches(list(sent), self.patterns, span_of):
                evs = []
                for m in group:
                    if m.pattern.null:  # "[---]": this reading of the verb is no event
                        break
                    evs = self._events(m, index, doc, document, sentences, counters, recent,
                                       used, dateline)
                    if evs:
                        break
                for ev in evs:
                    key = (ev.sentence_index, ev.source.code, ev.target.code if ev.target else None,
                           ev.cameo, ev.evidence["trigger"], str(ev.evidence["target_tokens"]))
                    if key in seen:
                        continue
                    seen.add(key)
                    same = _same_act(ev, events, doc)
                    if same is not None:  # "attacked an army post, killing eleven soldiers"
                        same.evidence.setdefault("also_from", []).append(
                            {"trigger": ev.evidence["trigger"],
                             "trigger_text": ev.evidence["trigger_text"], "cameo": ev.cameo})
                        continue
                    events.append(ev)
        return events

    def code_text(self, nlp: Language, text: str, when: date | None = None,
                  doc_id: str = "text") -> list[Event]:
        """Convenience for tests and benchmarks: parse, tag and code one text."""
        from ..text import parse

        document = Document(doc_id=doc_id, body=text, published=when)
        doc, sentences = parse(nlp, document)
        return self.code(doc, self.actors.tag(doc, when=when), document, sentences)

    # -- internals --------------------------------------------------------
    def _events(self, m: Match, index: MentionIndex, doc: Doc, document: Document,
                sentences: list[Sentence], counters: dict[int, int],
                recent: list[Mention] | None = None, used: set[int] | None = None,
                dateline: Mention | None = None) -> list[Event]:
        pat = m.pattern
        roles = verb_roles(m, index) if pat.pos == "verb" else noun_roles(m, index)
        if m.binding is not None:
            roles = _bound_roles(roles, m, index, doc)
        if roles.targets is None and pat.linear_target and roles.sources is not None:
            roles = _linear_target(roles, m, index)
        blast_place = None
        as_bombing = False
        if roles.sources is None and pat.code[:2] in ("18", "19") and used is not None:
            ua = unattributed(m.trigger, index, self.names, used, dateline)
            if ua is not None:  # "a car bomb exploded in Mosul, killing ..." -> IRQUAF
                src_m, tgts, blast_place = ua
                as_bombing = doc[src_m.start].lemma_.lower() in BOMB_LEMMAS
                tgt_arg = Arg(tuple(tgts), tgts[0].start, False) if tgts else roles.targets
                roles = Roles(Arg((src_m,), src_m.start, False), tgt_arg,
                              "unattributed blast (country of the place)",
                              "victims of the blast" if tgts else roles.target_how)
        if (roles.sources is None and roles.targets is not None and pat.pos == "verb"
                and pat.code[:2] == "17" and _passive_like(m.trigger)):
            roles = self._implied_authority(roles, m, index, pat.code, dateline)
        if roles.targets is None and recent and pat.code[:2] in REACTION_ROOTS:
            roles = earlier_agent(m, roles, index, recent)
        if roles.targets is None and roles.sources is not None and pat.code[:2] == "13":
            roles = _sentence_counterpart(roles, m, index)
        anchor = m.anchor
        code = pat.code
        stated = intent_code(anchor, code) if self.intent_codes else None
        if stated is not None:  # "will release" -> 0353, "vowed to strike" -> 138
            code = stated
        if as_bombing and code == "190":
            code = "183"  # "a bomb killed ..." is a bombing, not unspecified force
        pairs = list(self._pairs(roles, pat.reciprocal, pat.no_target or not self.require_target,
                                 doc))
        if not pairs:
            return []
        if blast_place is not None and used is not None and roles.sources is not None:
            used.add(roles.sources.head)
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
            if place is None and info.root >= "14" and dateline is not None:
                place = dateline  # "BAGHDAD - Gunmen ambushed ...": the wire dateline
            if place is None and (info.root == "17" or code in JUDICIAL_CODES):
                # "Kenyan police dispersed demonstrators", "a court in Yemen sentenced one
                # man": police, courts and governments coerce and judge at home, so a
                # country-less target shares their country
                home = [a for a, *_ in pairs if not is_weak(a)
                        and (a.actor.role or "") in ("COP", "JUD", "GOV")]
                if home and all(b is None or is_weak(b) or b.actor.country == home[0].actor.country
                                for _, b, *_ in pairs):
                    place = home[0]
        out = []
        for src, tgt, how, code, info in pairs:
            if recent is not None and info.root in ("18", "19", "20"):
                recent.append(src)
            localized = []
            if place is not None and is_weak(src):
                src = localize(src, place)
                localized.append("source")
            if place is not None and tgt is not None and is_weak(tgt):
                tgt = localize(tgt, place)
                localized.append("target")
            if tgt is not None and not _distinct(src, tgt):
                continue
            k = counters.get(s_idx, 0)
            counters[s_idx] = k + 1
            why = (f"{pat.id}: '{m.trigger.text}' ({pat.pos}) -> {code} {info.label}; "
                   f"source from {how[0] or 'n/a'}; target from {how[1] or 'none'}")
            evidence = {
                "pattern": pat.id,
                "pattern_file": pat.origin,
                **({"intent_of": pat.code} if stated is not None else {}),
                "trigger": anchor.i,
                "trigger_text": trig_text,
                "trigger_noun": m.trigger.i if m.trigger is not anchor else None,
                "source_tokens": [src.start, src.end],
                "target_tokens": [tgt.start, tgt.end] if tgt is not None else None,
                "source_text": doc[src.start:src.end].text,
                "target_text": doc[tgt.start:tgt.end].text if tgt is not None else None,
                "why": why,
            }
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
                evidence=evidence))
        return out

    def _implied_authority(self, roles: Roles, m: Match, index: MentionIndex, code: str,
                           dateline: Mention | None) -> Roles:
        """ "Terreblanche is detained", "a delegation ... was deported": a passive arrest,
        detention, deportation or ban names no agent, but only a state does these -- the
        police or government of the country where it happened (a place named around the
        verb, the dateline), else of the target's own country."""
        assert roles.targets is not None
        verb = m.trigger
        place = (place_country([verb], index) or named_place([verb], self.names) or dateline)
        country = place.actor.country if place is not None else None
        if country is None and not code.startswith("174"):  # nobody is deported from home
            strong = {t.actor.country for t in roles.targets.mentions
                      if not is_weak(t) and country_of(t.actor.code or "")}
            country = strong.pop() if len(strong) == 1 else None
        if not country or not country_of(country):  # a state, not an IGO or NGO
            return roles
        role = IMPLIED_ROLE.get(code, IMPLIED_ROLE.get(code[:3], "GOV"))
        src = token_mention(verb, country, role, "implied", name=f"(implied) {verb.text}")
        return replace(roles, sources=Arg((src,), verb.i, False),
                       source_how=f"implied authority of {country} (passive '{verb.text}', "
                                  "no agent named)")

    @staticmethod
    def _pairs(roles: Roles, reciprocal: bool, no_target: bool, doc: Doc | None = None
               ) -> Iterable[tuple[Mention, Mention | None, tuple[str, str]]]:
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
                            if sides[id(a)] != sides[id(b)] and _distinct(a, b):
                                yield a, b, (how[1], "the other side of 'between'")
                    return
            srcs, tgts, reciprocal = tgts, [], True
        if reciprocal and len(srcs) >= 2 and tgts and all(is_weak(t) for t in tgts):
            tgts = []  # "India and China agreed to withdraw troops": the pair, not "troops"
        if reciprocal and srcs and not tgts and len(srcs) >= 2:
            for a in srcs:
                for b in srcs:
                    if a is not b and _distinct(a, b):
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
            for b in tgts:
                if _distinct(a, b):
                    yield a, b, how
                    if reciprocal and _mutual(roles):
                        yield b, a, (how[1], how[0])

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


#: non-state roles whose bare repetition ("the rebels") means the group named before
_GROUP_ROLES = frozenset({"REB", "INS", "SEP", "UAF"})


def _same_group(mentions: list[Mention]) -> list[Mention]:
    """ "Darfur rebels ... a boycott by rebels who accused Khartoum": a country-less
    rebel/insurgent/separatist mention takes the country of the same kind of group named
    earlier in the document, when all earlier ones agree on one country."""
    seen: dict[str, set[str]] = {}
    out = []
    for m in sorted(mentions, key=lambda x: (x.start, x.end)):
        role = m.actor.role or ""
        if role in _GROUP_ROLES and is_weak(m) and len(seen.get(role, ())) == 1:
            (country,) = seen[role]
            m = with_country(m, country, CountryFrom.COREFERENCE)
        elif role in _GROUP_ROLES and not is_weak(m) and m.actor.country:
            seen.setdefault(role, set()).add(m.actor.country)
        out.append(m)
    return out


def _same_act(ev: Event, events: list[Event], doc: Doc) -> Event | None:
    """The event ``ev`` only elaborates: a participle adjunct of an earlier event's verb in
    the same sentence, between the same countries and of the same root ("Gunmen *attacked*
    an army post, *killing* eleven soldiers" is one attack, not two)."""
    t = doc[ev.evidence["trigger"]]
    if t.dep_ not in ("advcl", "conj") or t.tag_ != "VBG":
        return None
    head = t.head.i
    for other in reversed(events):
        if other.sentence_index != ev.sentence_index:
            break
        if (other.evidence["trigger"] == head and other.root == ev.root
                and other.source.country == ev.source.country
                and (other.target.country if other.target else None)
                == (ev.target.country if ev.target else None)):
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


def _distinct(a: Mention, b: Mention) -> bool:
    """Different actors: no self-events (IRN -> IRN), and no event between two readings of
    one phrase (IRN / IRNGOV for "Iranian officials").  One compound phrase naming two
    countries ("both sides" -> PAK and IRN) does give a pair."""
    if a.actor.code == b.actor.code:
        return False
    overlap = a.start < b.end and b.start < a.end
    return not (overlap and a.actor.country == b.actor.country)


def _span_finder(index: MentionIndex):
    """``actor_span`` for phrase patterns: the widest mention covering a token."""
    def span(i: int) -> tuple[int, int] | None:
        ms = index.at(i)
        return (ms[0].start, ms[0].end) if ms else None
    return span


def _bound_roles(roles: Roles, m: Match, index: MentionIndex, doc: Doc) -> Roles:
    """A phrase pattern's ``+`` / ``$`` say where the target / source are."""
    b = m.binding
    assert b is not None

    def arg(i: int) -> Arg:
        own = index.at(i)
        end = own[0].end if own else i + 1
        found = actors_at(doc[end - 1], index)  # "Gondor and Osgiliath": both
        ms = found if any(x in found for x in own) else tuple(own)
        return Arg(tuple(ms), i, True)

    if b.target is not None:
        roles = replace(roles, targets=arg(b.target), target_how="pattern '+' slot")
    if b.source is not None:
        roles = replace(roles, sources=arg(b.source), source_how="pattern '$' slot")
    return roles


def _sentence_counterpart(roles: Roles, m: Match, index: MentionIndex) -> Roles:
    """ "Khan offered to act if India provided evidence, but warned that Pakistan would
    retaliate if it were attacked": a threat with no target of its own is aimed at the
    one other country the sentence names (none or several: no target)."""
    assert roles.sources is not None
    if any(is_weak(x) for x in roles.sources.mentions):
        return roles  # a country-less source: the "other" country may be its own
    own = {x.actor.country for x in roles.sources.mentions}
    sent = m.anchor.sent
    doc = m.anchor.doc
    # not inside the source's own phrase ("goats *of Gondor* warned"), not a place
    # ("a report released *in the Rwandan capital*")
    inside = {t.i for t in doc[roles.sources.head].subtree}
    others: dict[str, Mention] = {}
    for i in range(sent.start, sent.end):
        for x in index.at(i):
            c = x.actor.country
            head = doc[x.end - 1]
            locative = any(a.dep_ == "prep" and a.lower_ in ("in", "at", "near", "inside")
                           for a in head.ancestors if a.i > head.i - 4)
            if (c and not is_weak(x) and c not in own and x.start == i and i not in inside
                    and not locative):
                others.setdefault(c, x)
    if len(others) != 1:
        return roles
    (cand,) = others.values()
    return replace(roles, targets=Arg((cand,), cand.start, False),
                   target_how="the other country named in the sentence")


def _linear_target(roles: Roles, m: Match, index: MentionIndex) -> Roles:
    """PETRARCH's reading: the first actor after the verb inside its phrase that is not
    the source ("abandoned an anti- Gondor parade" when the parse lost the object)."""
    verb = m.anchor
    assert roles.sources is not None
    src = {(x.start, x.end) for x in roles.sources.mentions}
    end = min(max(verb.right_edge.i, verb.i), verb.sent.end - 1)
    i = verb.i + 1
    while i <= end:
        ms = [x for x in index.at(i) if (x.start, x.end) not in src and x.start >= verb.i + 1]
        if ms:
            return replace(roles, targets=Arg(tuple(ms), i, False),
                           target_how="first actor after the verb (dictionary pattern)")
        i += 1
    return roles
