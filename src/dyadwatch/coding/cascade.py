"""The cascade of named steps that turns one pattern match into a coded candidate.

A match (``matcher.py``) first gets its roles from the parse (``roles.py``); then each
step of ``ROLE_STEPS`` may fill a slot the parse left empty, and each step of
``CODE_STEPS`` may refine the code.  A step looks at the ``Candidate`` and the
document's ``Context`` and either leaves the candidate alone or changes it (returning
True, so its name is kept in ``Candidate.steps`` and shown by ``--explain``).  The
order of the lists is the order the steps run in: a later step sees what an earlier
one filled in.

The coder (``coder.py``) then pairs the sources and targets into events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from spacy.tokens import Doc, Token

from ..actors import Mention
from ..actors.coref import country_of
from ..model import Document, Sentence
from .argtypes import argtypes, decide, inside
from .args import (Arg, MentionIndex, actors_at, is_passive, is_weak, place_country)
from .clauses import (appeal_addressee, holder_releases, matrix_subject,
                      noun_infinitive_subject, object_author)
from .frames import agent_of_the_act, stranded_agent
from .implied import implied_attacker
from .light import received_event
from .replies import reply_to_accusation
from .source_only import organisation_source
from .intent import intent_code, intent_governor, refusal_code
from .lexicon import lexicon
from .matcher import Match, objects_of
from .patterns import PatternSet
from .roles import Roles, earlier_agent, noun_roles, verb_roles
from .unattributed import (NameLookup, named_place, named_place_token, pobjs, token_mention,
                           unattributed)


@dataclass
class Context:
    """What the steps may read about the document being coded (and the little they
    remember across matches: violent events' sources, blasts already coded)."""

    doc: Doc
    document: Document
    sentences: list[Sentence]
    index: MentionIndex
    names: NameLookup
    #: the country of the wire dateline opening the report, as a place mention
    dateline: Mention | None
    #: sources of the violent events coded so far (a reaction may refer back to them)
    recent: list[Mention] = field(default_factory=list)
    #: sources of the accusations and criticism coded so far (a denial answers them)
    accusers: list[Mention] = field(default_factory=list)
    #: the trigger lemma of each of ``recent`` ("strike" for "struck" and "a strike")
    recent_words: list[str] = field(default_factory=list)
    #: blast nouns already coded as unattributed attacks (one event per blast)
    used: set[int] = field(default_factory=set)
    intent_codes: bool = True
    #: the pattern set (the obligation step reads the demand patterns' topic cues)
    patterns: "PatternSet | None" = None


@dataclass
class Candidate:
    """One match on its way to events."""

    match: Match
    roles: Roles
    code: str
    #: the pattern's own code, when an intent/threat code replaced it ("will release")
    intent_of: str | None = None
    #: the place of an unattributed blast (its country is the attacker's)
    blast_place: Mention | None = None
    #: the unattributed agent is a bomb: 190 becomes a bombing (183)
    as_bombing: bool = False
    #: names of the steps that changed this candidate
    steps: list[str] = field(default_factory=list)
    #: the word stating an intention ("offered", "willing"): the event is that statement
    statement: Token | None = None
    #: code only source -> target even for a reciprocal pattern (a protesters' clash)
    one_way: bool = False
    #: the argument-type rule that says this match is no event ("habit.not_event")
    no_event: str | None = None
    #: the argument-type rule that changed the candidate
    argtype_rule: str | None = None

    @property
    def pattern_code(self) -> str:
        return self.match.pattern.code


Step = Callable[[Candidate, Context], bool]


def parse_roles(m: Match, ctx: Context) -> Roles:
    """The roles the dependency parse gives (``roles.py``)."""
    return verb_roles(m, ctx.index) if m.pattern.pos == "verb" else noun_roles(m, ctx.index)


# -- role steps -----------------------------------------------------------------

def _statement(c: Candidate) -> bool:
    m = c.match
    return m.pattern.pos == "verb" and (c.pattern_code in ("01", "010") or
                                        m.trigger.lemma_.lower() in lexicon().reporting_verbs)


def statement_addressee(c: Candidate, ctx: Context) -> bool:
    """ "Traders told *the Chronicle* that ..., and asked both governments to ...": a
    statement is addressed to its own object or "to" phrase only, never to the object of
    a verb coordinated with it (the parse's fallback for verbs whose slots name nobody)."""
    t = c.roles.targets
    if t is None or t.direct or not _statement(c) or c.match.pattern.judged_clause:
        return False  # (a judgement is aimed at the one it judges: roles.reported_subjects)
    c.roles = replace(c.roles, targets=None,
                      target_how="none (a statement's addressee is its own object)")
    return True


def fronted_clause(c: Candidate, ctx: Context) -> bool:
    """ "Iran is expanding its programme, Iraqi factions are pressing for ...", "India says
    its pilot shot down an F-16; Islamabad rejects that": a clause standing *before* the
    trigger's subject is another statement (a comma splice, the content referred to), so
    its actors are not the trigger's target -- except, for a reaction (criticism,
    rejection, threat), the speaker of that clause ("Canada said ...; Iranian officials
    rejected the charge": the rejection answers Canada)."""
    t, m = c.roles.targets, c.match
    if t is None or m.pattern.pos != "verb":
        return False
    verb = m.trigger
    subj = next((x for x in verb.children if x.dep_ in ("nsubj", "nsubjpass")), None)
    start = subj.left_edge.i if subj is not None else verb.i
    reaction = c.code[:2] in lexicon().reaction_roots
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "parataxis") and comp.right_edge.i < start \
                and comp.left_edge.i <= t.head <= comp.right_edge.i:
            speaker = next((x for x in comp.children if x.dep_ == "nsubj"), None)
            if reaction and speaker is not None and \
                    speaker.left_edge.i <= t.head <= speaker.right_edge.i:
                return False
            c.roles = replace(c.roles, targets=None,
                              target_how=f"none ('{comp.text}' is a clause before the subject)")
            return True
    return False


def phrase_slots(c: Candidate, ctx: Context) -> bool:
    """A phrase pattern's ``+`` / ``$`` say where the target / source are."""
    b = c.match.binding
    if b is None:
        return False
    index, doc = ctx.index, ctx.doc

    def arg(i: int) -> Arg:
        own = index.at(i)
        end = own[0].end if own else i + 1
        found = actors_at(doc[end - 1], index)  # "Gondor and Osgiliath": both
        ms = found if any(x in found for x in own) else tuple(own)
        return Arg(tuple(ms), i, True)

    roles = c.roles
    if b.target is not None:
        roles = replace(roles, targets=arg(b.target), target_how="pattern '+' slot")
    if b.source is not None:
        roles = replace(roles, sources=arg(b.source), source_how="pattern '$' slot")
    c.roles = roles
    return b.target is not None or b.source is not None


def linear_target(c: Candidate, ctx: Context) -> bool:
    """PETRARCH's reading, for dictionary patterns: the first actor after the verb inside
    its phrase that is not the source ("abandoned an anti- Gondor parade" when the parse
    lost the object)."""
    roles = c.roles
    if roles.targets is not None or not c.match.pattern.linear_target or roles.sources is None:
        return False
    verb = c.match.anchor
    src = {(x.start, x.end) for x in roles.sources.mentions}
    end = min(max(verb.right_edge.i, verb.i), verb.sent.end - 1)
    for i in range(verb.i + 1, end + 1):
        ms = [x for x in ctx.index.at(i) if (x.start, x.end) not in src and x.start >= verb.i + 1]
        if ms:
            c.roles = replace(roles, targets=Arg(tuple(ms), i, False),
                              target_how="first actor after the verb (dictionary pattern)")
            return True
    return False


def unattributed_blast(c: Candidate, ctx: Context) -> bool:
    """ "A car bomb exploded in Mosul, killing ...": an attack whose agent is a blast
    with no actor is coded to an unidentified armed actor of the place's country."""
    if c.roles.sources is not None or c.pattern_code[:2] not in ("18", "19"):
        return False
    ua = unattributed(c.match.trigger, ctx.index, ctx.names, ctx.used, ctx.dateline)
    if ua is None:
        return False
    src_m, tgts, c.blast_place = ua
    c.as_bombing = ctx.doc[src_m.start].lemma_.lower() in lexicon().bomb_lemmas
    roles = c.roles
    tgt_arg = Arg(tuple(tgts), tgts[0].start, False) if tgts else roles.targets
    c.roles = Roles(Arg((src_m,), src_m.start, False), tgt_arg,
                    "unattributed blast (country of the place)",
                    "victims of the blast" if tgts else roles.target_how)
    return True


def place_attacked(c: Candidate, ctx: Context) -> bool:
    """ "Indian jets bombed a camp near Balakot", "Iran's strikes on Panjgur": force used
    on a place the actor dictionaries do not name is aimed at the place's country (the
    gazetteer's), when the attacker is known and the parse gives no target."""
    roles = c.roles
    if (roles.targets is not None or roles.sources is None
            or c.pattern_code[:2] not in ("18", "19", "20")):
        return False
    gazetteer = ctx.names.place_country
    if gazetteer is None:  # only places the gazetteer knows and the actor tagger left alone
        return False
    places = NameLookup(lambda name: None, gazetteer)
    m = c.match
    toks = [m.trigger, m.anchor] + [o for o in m.trigger.children if o.dep_ == "dobj"]
    place = named_place(toks, places)
    if place is None:
        for t in toks:  # "strikes on Panjgur", "shelled Juba"
            for o in [x for p in t.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
                      for x in p.children if x.dep_ == "pobj"] + (
                          [t] if t.dep_ == "dobj" else []):
                found = named_place_token(o, places)
                if found is not None:
                    place = found
                    break
            if place is not None:
                break
    if place is None or place.actor.country in {x.actor.country for x in roles.sources.mentions}:
        return False
    c.roles = replace(roles, targets=Arg((place,), place.start, False),
                      target_how=f"the country of the place attacked ('{ctx.doc[place.start].text}')")
    return True


def passive_like(verb: Token) -> bool:
    """ "was detained", and a headline's bare participle ("separatist chief arrested");
    not "would be prosecuted", "to be expelled" (nothing has happened yet)."""
    not_done = lexicon().not_done_aux
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in not_done for c in verb.children):
        return False
    if is_passive(verb):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)


def implied_authority(c: Candidate, ctx: Context) -> bool:
    """ "Terreblanche is detained", "a delegation ... was deported": a passive arrest,
    detention, deportation or ban names no agent, but only a state does these -- the
    police or government of the country where it happened (a place named around the
    verb, the dateline), else of the target's own country."""
    roles, code = c.roles, c.pattern_code
    m = c.match
    if (roles.sources is not None or roles.targets is None or m.pattern.pos != "verb"
            or code[:2] != "17" or not passive_like(m.trigger)):
        return False
    verb = m.trigger
    place = (place_country([verb], ctx.index) or named_place([verb], ctx.names)
             or ctx.dateline)
    country = place.actor.country if place is not None else None
    if country is None and not code.startswith("174"):  # nobody is deported from home
        strong = {t.actor.country for t in roles.targets.mentions
                  if not is_weak(t) and country_of(t.actor.code or "")}
        country = strong.pop() if len(strong) == 1 else None
    if not country or not country_of(country):  # a state, not an IGO or NGO
        return False
    role = lexicon().implied_role(code)
    src = token_mention(verb, country, role, "implied", name=f"(implied) {verb.text}")
    c.roles = replace(roles, sources=Arg((src,), verb.i, False),
                      source_how=f"implied authority of {country} (passive '{verb.text}', "
                                 "no agent named)")
    return True


def earlier_event_agent(c: Candidate, ctx: Context) -> bool:
    """ "Zarif condemned *the strike*": a reaction to a definite event noun targets the
    source of the latest violent event already coded (``roles.earlier_agent``)."""
    if (c.roles.targets is not None or not ctx.recent
            or c.pattern_code[:2] not in lexicon().reaction_roots):
        return False
    new = earlier_agent(c.match, c.roles, ctx.index, ctx.recent, ctx.recent_words)
    changed = new is not c.roles
    c.roles = new
    return changed


def agent_of_object_event(c: Candidate, ctx: Context) -> bool:
    """ "Ghana condemned the arrest of Togolese reporters *by Nigerian police*": a reaction
    to an event noun that names its agent targets the agent, not the event's victims."""
    roles, m = c.roles, c.match
    if (roles.targets is None or m.pattern.pos != "verb" or ctx.patterns is None
            or c.pattern_code[:2] not in lexicon().reaction_roots):
        return False
    obj = ctx.doc[roles.targets.head]
    if not ctx.patterns.candidates("noun", obj.lemma_.lower()) or ctx.index.at(obj.i):
        return False
    agent = next((o for p in obj.children if p.dep_ == "prep" and p.lower_ == "by"
                  for o in p.children if o.dep_ == "pobj"), None)
    found = actors_at(agent, ctx.index) if agent is not None else ()
    own = {x.actor.code for x in roles.sources.mentions} if roles.sources else set()
    found = tuple(x for x in found if x.actor.code not in own)
    spans = {(x.start, x.end, x.actor.code) for x in roles.targets.mentions}
    if not found or {(x.start, x.end, x.actor.code) for x in found} == spans:
        return False
    c.roles = replace(roles, targets=Arg(found, agent.i, False),
                      target_how=f"agent of the '{obj.text}' reacted to")
    return True


def protest_addressee(c: Candidate, ctx: Context) -> bool:
    """ "Thousands of Iraqi Kurds demonstrated in Kirkuk", "workers began a strike": a
    protest that names no one it is aimed at is addressed to the government of the
    country where it takes place (a place named around the verb, else the protesters'
    own country, else the dateline) -- CAMEO's and the gold sets' reading of domestic
    dissent."""
    roles, m = c.roles, c.match
    if (roles.targets is not None or roles.sources is None or c.pattern_code[:2] != "14"):
        return False
    state = lexicon().state_roles
    doc = ctx.doc

    def head_noun(x: Mention) -> Token:
        t = doc[x.end - 1]
        return t.head if t.dep_ in ("amod", "compound") else t  # "Bolivian *miners*"

    if any((x.actor.role or "") in state
           or (x.actor.code == x.actor.country and head_noun(x).tag_ not in ("NNS", "NNPS"))
           for x in roles.sources.mentions):
        # "Pakistan protested": a state's protest is a complaint, not dissent (a people,
        # "Palestinians", "Nigerians", is no state)
        return False
    aimed = _aimed_at(m.anchor, ctx.index, roles.sources.mentions)
    if aimed:  # "marched ..., chanting slogans against the United States"
        c.roles = replace(roles, targets=Arg(aimed, aimed[0].start, False),
                          target_how="what the protest is against, in its own clause")
        return True
    toks = [m.anchor, m.trigger]
    place = place_country(toks, ctx.index) or named_place(toks, ctx.names)
    country = place.actor.country if place is not None else None
    if not country:
        strong = {x.actor.country for x in roles.sources.mentions if not is_weak(x)}
        country = strong.pop() if len(strong) == 1 else None
    if not country and ctx.dateline is not None:
        country = ctx.dateline.actor.country
    if not country:
        # protesters whose country only the document gives (the story's country): their
        # own government, the same reading as for a protesters' country of their own
        weak = {x.actor.country for x in roles.sources.mentions if x.actor.country}
        country = weak.pop() if len(weak) == 1 else None
        where = "the protesters' country as the document gives it"
    else:
        where = "where the protest took place"
    if not country or not country_of(country):  # a state, not an IGO
        return False
    tgt = token_mention(m.anchor, country, "GOV", "implied",
                        name=f"(addressed) government of {country}")
    c.roles = replace(roles, targets=Arg((tgt,), m.anchor.i, False),
                      target_how=f"government of {country}, {where} (no one else named)")
    return True


#: clauses under a protest verb that are not the protest's own ("said that ...", "who ...")
_OTHER_CLAUSES = frozenset({"ccomp", "relcl", "parataxis", "conj"})


def _aimed_at(verb: Token, index: MentionIndex, sources: tuple[Mention, ...]
              ) -> tuple[Mention, ...]:
    """The actors an "against X" phrase in the protest's own clause names (its objects,
    participles and their objects: "chanting slogans against X"), sources excluded."""
    own = {(x.start, x.end) for x in sources}
    stack = [verb]
    while stack:
        t = stack.pop()
        for obj in pobjs(t, ("against",)):
            found = tuple(x for x in actors_at(obj, index) if (x.start, x.end) not in own)
            if found:
                return found
        stack.extend(ch for ch in t.children if ch.dep_ not in _OTHER_CLAUSES)
    return ()


def measure_addressee(c: Candidate, ctx: Context) -> bool:
    """ "Serbia lifted the curfew in Montenegro", "Sudan lifted the state of emergency in
    West Darfur": an administrative measure (curfew, state of emergency, bans and
    restrictions, and their easing) that names no one is imposed on, or eased for, the
    country where it applies, a place named around the verb or its object (lexicon
    ``measure_codes``).  With no place named the measure stands without a target, as
    the gold sets code a government's domestic measures."""
    roles, m = c.roles, c.match
    if (roles.targets is not None or roles.sources is None
            or not lexicon().measure(c.code)):
        return False
    toks = [m.anchor, m.trigger] + objects_of(m.trigger)[:1]
    toks += [a for t in toks[2:] for a in t.children if a.dep_ in ("acl", "relcl")]
    place = place_country(toks, ctx.index) or named_place(toks, ctx.names)
    country = place.actor.country if place is not None else None
    if not country or not country_of(country):  # none named: no target (targetless_codes)
        return False
    tgt = token_mention(m.anchor, country, None, "implied",
                        name=f"(addressed) {country}")
    c.roles = replace(roles, targets=Arg((tgt,), m.anchor.i, False),
                      target_how=f"{country}, where the measure applies")
    return True


def threat_counterpart(c: Candidate, ctx: Context) -> bool:
    """ "Khan offered to act if India provided evidence, but warned that Pakistan would
    retaliate if it were attacked": a threat with no target of its own is aimed at the
    one other country the sentence names (none or several: no target)."""
    roles = c.roles
    if roles.targets is not None or roles.sources is None or c.pattern_code[:2] != "13":
        return False
    if any(is_weak(x) for x in roles.sources.mentions):
        return False  # a country-less source: the "other" country may be its own
    own = {x.actor.country for x in roles.sources.mentions}
    sent = c.match.anchor.sent
    doc = ctx.doc
    # not inside the source's own phrase ("goats *of Gondor* warned"), not a place
    # ("a report released *in the Rwandan capital*")
    inside = {t.i for t in doc[roles.sources.head].subtree}
    others: dict[str, Mention] = {}
    for i in range(sent.start, sent.end):
        for x in ctx.index.at(i):
            country = x.actor.country
            head = doc[x.end - 1]
            locative = any(a.dep_ == "prep" and a.lower_ in ("in", "at", "near", "inside")
                           for a in head.ancestors if a.i > head.i - 4)
            if (country and not is_weak(x) and country not in own and x.start == i
                    and i not in inside and not locative):
                others.setdefault(country, x)
    if len(others) != 1:
        return False
    (cand,) = others.values()
    c.roles = replace(roles, targets=Arg((cand,), cand.start, False),
                      target_how="the other country named in the sentence")
    return True


# -- code steps -------------------------------------------------------------------

def intent(c: Candidate, ctx: Context) -> bool:
    """ "will release" -> 0353, "vowed to strike" -> 138: an announced, promised or
    threatened action is coded as the statement of intent; "said it would not provide
    support" -> 121: a refused one as a rejection (``intent.py``).  The word stating it
    ("vowed", "willing", "said") becomes the event's trigger."""
    if not ctx.intent_codes:
        return False
    stated = intent_code(c.match.anchor, c.code)
    if stated is None:
        refused = refusal_code(c.match.anchor, c.code)
        if refused is None:
            return False
        c.intent_of, (c.code, c.statement) = c.pattern_code, refused
        return True
    c.intent_of, c.code = c.pattern_code, stated
    c.statement = intent_governor(c.match.anchor, hostile=stated.startswith("13"))
    return True


def bombing(c: Candidate, ctx: Context) -> bool:
    """ "A bomb killed ...": force whose agent is a bomb is a bombing (183), not
    unspecified force (190)."""
    if c.as_bombing and c.code == "190":
        c.code = "183"
        return True
    return False


def argument_types(c: Candidate, ctx: Context) -> bool:
    """The code follows what the act is done to, by whom and in what construction, by the
    typed rules of ``data/coding/argtypes.json`` (``argtypes.py``): seizing a *person* is an
    abduction (181), a *town* an occupation (192); protesters clashing with *security
    forces* is a violent protest (145); a *state*'s protest is an official complaint (114);
    force on an *abstract* thing, a *hazard*'s killing, a *habit* or a *description* is no
    event (``Candidate.no_event`` names the rule)."""
    m = c.match
    rule = decide(argtypes(), c.code, m.pattern.pos, m.pattern.reciprocal, m.trigger, m.anchor,
                  c.roles, ctx.index)
    if rule is None:
        return False
    roles = c.roles
    if rule.drop_target_in is not None and roles.targets is not None and inside(
            rule.drop_target_in, roles.targets.head, m.trigger, m.anchor, roles):
        roles = replace(roles, targets=None, target_how="none (inside the "
                        f"{rule.drop_target_in}: its topic, not its addressee)")
    if rule.swap:
        roles = replace(roles, sources=roles.targets, targets=roles.sources,
                        source_how=roles.target_how, target_how=roles.source_how)
    c.roles = roles
    c.one_way = c.one_way or rule.one_way
    if not rule.keep_code:
        if rule.code is None:
            c.no_event = rule.id
        else:
            c.code = rule.code
    c.argtype_rule = rule.id
    return True


def _obliged(comp: Token) -> bool:
    """Does the clause state an obligation ("X *must* drop", "X *should* leave", "X *has
    to* / *needs to* pay")?"""
    modals = lexicon().obligation_modals
    if any(c.dep_ == "aux" and c.lower_ in modals for c in comp.children):
        return True
    return (_lemma_of(comp) in ("have", "need") and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in comp.children))


def _lemma_of(t: Token) -> str:
    return t.lemma_.lower()


def obligation(c: Candidate, ctx: Context) -> bool:
    """ "Russia said that Sudan must return the helicopter", "Washington declared that
    China must drop its barriers": a statement that another actor *must* (should, has
    to) act is a demand on that actor (CAMEO 10).  The topic of the clause picks the
    sub-code the demand patterns give it (the codebook's "Demand release ...",
    "Demand de-escalation ..."), else 100."""
    m, roles = c.match, c.roles
    if (m.pattern.pos != "verb" or roles.sources is None
            or not (c.code in ("01", "010")
                    or _lemma_of(m.trigger) in lexicon().reporting_verbs)):
        return False
    comp = next((x for x in m.trigger.children if x.dep_ == "ccomp" and _obliged(x)), None)
    subj = child_subject(comp) if comp is not None else None
    if subj is None:
        return False
    if roles.targets is not None:
        # "told Iran that *it* must stop": the one told is the one obliged
        if not (roles.targets.direct and subj.pos_ == "PRON"
                and subj.lower_ in lexicon().addressee_pronouns):
            return False
        c.code = _demand_code(comp, ctx.patterns)
        c.roles = replace(roles, target_how=roles.target_how + f", obliged by '{comp.text}'")
        return True
    # "said Sudan and Chad should withdraw": every conjunct of the obliged subject
    found = list(actors_at(subj, ctx.index)) or [x for x in ctx.index.at(subj.i)]
    own = {x.actor.code for x in roles.sources.mentions}
    countries = {x.actor.country for x in roles.sources.mentions}
    found = [x for x in found if x.actor.code not in own
             and not (x.actor.country in countries and x.actor.code == x.actor.country)]
    if not found or all(is_weak(x) for x in found):
        return False
    c.roles = replace(roles, targets=Arg(tuple(found), subj.i, False),
                      target_how=f"subject obliged by '{comp.text}'")
    c.code = _demand_code(comp, ctx.patterns)
    return True


def child_subject(verb: Token) -> Token | None:
    return next((x for x in verb.children if x.dep_ in ("nsubj", "nsubjpass")), None)


def _demand_code(comp: Token, patterns: PatternSet | None) -> str:
    """The most specific demand pattern whose topic cues the obliged clause meets; a
    prohibition ("X should *not* return") inverts the topic (no demand *for* a return):
    the generic demand (100)."""
    if patterns is None or any(c.dep_ == "neg" for c in comp.children):
        return "100"
    words = {w for t in comp.subtree for w in (t.lower_, _lemma_of(t))}
    best, rank = "100", -1
    for pat in patterns.candidates("verb", "demand"):
        if pat.cues and all(words & cue for cue in pat.cues) and pat.rank > rank \
                and pat.code[:2] == "10":
            best, rank = pat.code, pat.rank
    return best


#: the steps that fill slots the parse left empty, in order
ROLE_STEPS: tuple[tuple[str, Step], ...] = (
    ("received event", received_event),
    ("subject of a noun's infinitive", noun_infinitive_subject),
    ("subject of the reporting verb", matrix_subject),
    ("statement addressee", statement_addressee),
    ("appeal addressee", appeal_addressee),
    ("fronted clause", fronted_clause),
    ("phrase slots", phrase_slots),
    ("first actor after the verb", linear_target),
    ("stranded agent", stranded_agent),
    ("unattributed blast", unattributed_blast),
    ("place attacked", place_attacked),
    ("implied authority", implied_authority),
    ("implied attacker", implied_attacker),
    ("holder releases", holder_releases),
    ("author of the object", object_author),
    ("agent of an earlier event", earlier_event_agent),
    ("agent of the object event", agent_of_object_event),
    ("agent of the act it is about", agent_of_the_act),
    ("reply to an accusation", reply_to_accusation),
    ("organisation source", organisation_source),
    ("protest addressee", protest_addressee),
    ("measure addressee", measure_addressee),
    ("threat counterpart", threat_counterpart),
)

#: the steps that refine the pattern's code, in order
CODE_STEPS: tuple[tuple[str, Step], ...] = (
    ("obligation clause", obligation),
    ("argument types", argument_types),
    ("intent", intent),
    ("bombing", bombing),
)


def run_cascade(m: Match, ctx: Context,
                steps: tuple[tuple[str, Step], ...] = ROLE_STEPS + CODE_STEPS) -> Candidate:
    """The candidate for ``m`` after every step."""
    c = Candidate(m, parse_roles(m, ctx), m.pattern.code)
    for name, step in steps:
        if step(c, ctx):
            c.steps.append(name)
    return c
