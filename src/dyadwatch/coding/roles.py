"""Fill a match's source and target slots from the dependency parse.

``verb_roles`` / ``noun_roles`` turn a ``Match`` (see ``matcher.py``) into the
actors that fill its slots, with a short note of how each was found (shown in
the event's ``evidence['why']``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..actors import Mention
from .args import (Arg, MentionIndex, actors_at, child, is_passive, is_weak,
                   listed_with, prep_objects, site_country, verb_subject)
from .lexicon import lexicon
from .matcher import Match, lemma_of, objects_of, vehicle_of

#: modifiers of a noun trigger that name its source ("Iran's strikes", "Iranian strikes")
_NOUN_SOURCE_DEPS = ("poss", "amod", "compound", "nmod")


@dataclass
class Roles:
    sources: Arg | None
    targets: Arg | None
    source_how: str
    target_how: str
    pairs_between: bool = False




def _arg(mentions: tuple, head: Token, direct: bool) -> Arg | None:
    return Arg(mentions, head.i, direct) if mentions else None


def _self_possessed(obj: Token, ms: tuple, src: Arg | None) -> bool:
    """ "recalled *its* ambassador": the object belongs to the source, it is no target."""
    if src is None or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        return False
    countries = {m.actor.country for m in src.mentions}
    return all(m.actor.country in countries or is_weak(m) for m in ms)


def _same_country(tok: Token, index: MentionIndex, src: Arg | None) -> bool:
    """The actors at ``tok`` are the source itself: the same actor, or the bare country
    of the source ("Trump warned that *the United States* would ..."), not another actor
    of the same country ("the opposition demanded that *the president* resign")."""
    if src is None:
        return False
    ms = actors_at(tok, index)
    codes = {m.actor.code for m in src.mentions}
    countries = {m.actor.country for m in src.mentions if m.actor.country}
    return bool(ms) and all(m.actor.code in codes or (m.actor.country in countries and (
        m.actor.code == m.actor.country or is_weak(m))) for m in ms)


def two_people(a: Mention, b: Mention, doc: Doc) -> bool:
    """ "Ms. Haley slammed Mr. DeSantis": two people named by different surnames are two
    actors even with one code (domestic politics: USAOPP -> USAOPP)."""
    na, nb = _person_name(a, doc), _person_name(b, doc)
    return (na is not None and nb is not None and na != nb
            and not (a.start < b.end and b.start < a.end))


def _person_name(m: Mention, doc: Doc) -> str | None:
    """The surname a person mention names: its last word, or for an object pronoun the
    person the actor tagger resolved it to ("accused *her*": Haley); None otherwise."""
    last = doc[m.end - 1]
    if last.ent_type_ == "PERSON" and last.is_alpha:
        return last.text
    if last.pos_ == "PRON" and m.actor.name and m.actor.name[:1].isupper() \
            and m.actor.name.lower() != last.lower_:
        return m.actor.name.split()[-1]
    return None
#: roots of demands, complaints, rejections and protests: addressed to another party, never to the source's
#: own people the demand or complaint is about
_ADDRESSED_ROOTS = ("10", "11", "12", "14")


def _own_people_inside(tok: Token, ms: tuple, src: Arg | None) -> bool:
    """ "India objected to *the display of its pilot*", "Chile demanded *the return of
    its fishermen*": the slot's head is a thing (no actor of its own) and the actors inside
    it are all the source's own country (a state actor's citizens, soldiers, envoys): what
    the demand or complaint is about, not whom it is addressed to."""
    if src is None or any(m.start <= tok.i < m.end for m in ms):
        return False
    # "demanded support *from* the assembly": the one a "from/by" phrase names is asked
    asked = {t.i for c in tok.children if c.dep_ in ("prep", "agent")
             and c.lower_ in ("from", "by") for t in c.subtree}
    if any(m.start in asked for m in ms):
        return False
    countries = {m.actor.country for m in src.mentions if m.actor.country}
    state = lexicon().state_roles
    return bool(countries) and all(
        (m.actor.role or "") in state or m.actor.code == m.actor.country
        for m in src.mentions) and all(m.actor.country in countries for m in ms)


def _choose(cands: list[tuple[Token, str, bool]], index: MentionIndex,
            src: Arg | None, anchor: Token | None = None,
            addressed: bool = False) -> tuple[Arg | None, str]:
    """First candidate slot naming a country-coded actor other than the source's own.

    When the only slot is an actor-less site ("strikes on militant hideouts ... in
    Iran"), the anchor's "in" phrase gives the target country.  ``addressed`` (a demand or
    complaint): a thing about the source's own people is not the target
    (``_own_people_inside``).
    """
    if anchor is not None and any(c[0].lemma_.lower() in lexicon().site_nouns for c in cands):
        cands = cands + _prep_cands([anchor], ("in", "inside"), False)
    fallback: tuple[Arg | None, str] = (None, "")
    src_codes = {m.actor.code for m in src.mentions} if src else set()
    for tok, how, direct in cands:
        ms = actors_at(tok, index) or site_country(tok, index)
        if not ms or _self_possessed(tok, ms, src) or (
                addressed and _own_people_inside(tok, ms, src)):
            continue
        if all(m.actor.code in src_codes and not (src and any(
                two_people(m, x, tok.doc) for x in src.mentions)) for m in ms):
            continue  # (the source again, but "Haley slammed DeSantis": two people)
        arg = Arg(ms, tok.i, direct)
        if not all(is_weak(m) for m in ms):
            return arg, how
        if fallback[0] is None:
            fallback = (arg, how)
    return fallback


def _prep_cands(toks: list[Token | None], preps: tuple[str, ...], direct: bool,
                exclude: tuple[str, ...] = ()) -> list[tuple[Token, str, bool]]:
    out = []
    for t in toks:
        if t is None:
            continue
        for p, obj in prep_objects(t, preps):
            if p not in exclude:
                out.append((obj, f"'{p}' object of '{t.text}'", direct))
    return out


def _deeper(toks: list[Token], preps: tuple[str, ...]) -> list[tuple[Token, str, bool]]:
    """Prepositional objects one level further down ("agreed to a ceasefire *with* X")."""
    out = []
    for t in toks:
        # "the resumption *of* ties with X", "called *for* de-escalation between X and Y"
        for _, obj in prep_objects(t, preps + ("of", "for")):
            out.extend(_prep_cands([obj], preps, False))
    return out


#: personal pronouns a reported clause uses for its speaker ("Syria says *it* is willing")
_SELF_PRONOUNS = frozenset("it they he she we".split())


def reported_speaker(subj: Token, index: MentionIndex) -> Token | None:
    """The speaker a pronoun subject stands for inside a reported clause ("Syria says *it*
    is willing to withdraw", "Bouteflika said *he* is prepared to lift the ban"): the
    subject of the verb whose clausal complement holds the pronoun, when the actor tagger
    left the pronoun unresolved."""
    if subj.lower_ not in _SELF_PRONOUNS or actors_at(subj, index):
        return None
    t, crossed = subj.head, False
    for _ in range(5):
        if t.dep_ == "ccomp":
            crossed = True
        if t.head is t:
            return None
        t = t.head
        if crossed and t.pos_ in ("VERB", "AUX"):
            s = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if s is not None and actors_at(s, index):
                return s
    return None


def document_issuer(verb: Token, noun: Token, index: MentionIndex) -> Token | None:
    """ "The opposition issued *a statement demanding* that ...", "Colombia filed *a lawsuit
    accusing* X", "the council passed *a resolution condemning* X": a participle describing
    a text (a noun naming no actor) that is the object of a verb is the act of that verb's
    subject, the one who issued, filed or passed the text."""
    if (verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.i != verb.head.i
            or lemma_of(noun) not in lexicon().text_nouns  # not "boycotted the parade supporting X"
            or actors_at(noun, index) or noun.dep_ not in ("dobj", "pobj")):
        return None
    gov = noun.head
    if noun.dep_ == "pobj":  # "came out *with* a statement urging ..."
        gov = gov.head if gov.dep_ == "prep" else gov
    if gov.pos_ not in ("VERB", "AUX") or is_passive(gov):
        return None
    subj, _ = verb_subject(gov)
    return subj if subj is not None and actors_at(subj, index) else None


def verb_roles(m: Match, index: MentionIndex) -> Roles:
    verb, pat = m.trigger, m.pattern
    subj, own = verb_subject(verb)
    s_how = ("by-agent" if is_passive(verb) and (subj is None or subj.dep_ != "nsubjpass")
             else "subject") + ("" if own else " (inherited)")
    if subj is not None:
        speaker = reported_speaker(subj, index)
        if speaker is not None:
            subj, s_how = speaker, f"speaker of the reported clause ('{subj.text}')"
        issuer = document_issuer(verb, subj, index)
        if issuer is not None:
            subj, s_how = issuer, f"issuer of the '{subj.text}' the participle describes"
    src = (_arg(listed_with(subj, actors_at(subj, index), index), subj, own)
           if subj is not None else None)
    passive = is_passive(verb)
    objs = objects_of(verb)
    preps = pat.target_preps
    excl = ("by",) if passive else ()
    # the constrained object is the *thing* when it names no country ("mobilized
    # troops", "signed an agreement"); a national one stays the target ("expelled the
    # Iranian envoy")
    cands: list[tuple[Token, str, bool]] = [
        (o, "passive subject" if passive else "direct object", True) for o in objs[:1]
        if pat.object_target and not (pat.object and lemma_of(o) in pat.object
                and all(is_weak(x) for x in actors_at(o, index)))]
    cands += _prep_cands([verb], preps, True, excl) + _prep_cands(objs[:1], preps, False)
    d = child(verb, "dative")
    if d is not None and d.pos_ in ("NOUN", "PROPN", "PRON"):
        cands.append((d, "indirect object", True))
    # statements ("said", "reported") take a target only from their own object or a
    # "to" phrase: the subject of the reported clause is not whom they address
    # a reporting verb ("an official *said* Arnor ..."): whatever code a dictionary gives
    # it, the subject of what is reported is not whom the speaker addresses
    statement = pat.code in ("01", "010") or lemma_of(verb) in lexicon().reporting_verbs
    if statement:  # and the object must itself be an actor ("told X", not "announced X's plan")
        cands = [c for c in cands if c[2] and (c[1] != "direct object" or index.at(c[0].i))]
    if pat.judged_clause:
        # "X said Y had failed": Y judged, never the one told ("told X that the raid ...")
        cands = [c for c in reported_subjects(verb, pat.cues)
                 if not _same_country(c[0], index, src)]  # (of its own country: no judgement)
    for comp in (c for c in verb.children
                 if c.dep_ in ("xcomp", "ccomp") and not statement and pat.object_target):
        cs = child(comp, "nsubj")
        if cs is not None and not _same_country(cs, index, src):
            # "Trump warned that the United States would hit ...": the source
            # speaking of its own country names no target
            cands.append((cs, f"subject of '{comp.text}'", False))
        cobjs = objects_of(comp)
        cands += [(o, f"object of '{comp.text}'", False) for o in cobjs[:1]]
        cands += _prep_cands([comp] + cobjs[:1], preps, False)
    if not statement:
        cands += _deeper([verb] + objs[:1], preps)
        # "withdrew the status it had granted *to Pakistan*": the object's relative clause
        cands += _prep_cands([c for o in objs[:1] for c in o.children if c.dep_ == "relcl"],
                             preps, False)
    if pat.swap:
        alt, how = _choose(_prep_cands([verb] + objs[:1], ("from", "by"), True), index, None)
        return Roles(alt, src, how, s_how)
    if pat.code[:2] in _FORCE_ROOTS:
        # "fired rockets from X at Y": where the force came from is tried last
        cands = _with_passengers(sorted((c for c in cands if not _launch_site(c[0], index)),
                                        key=lambda c: c[1].startswith("'from'")))
    addressed = pat.code[:2] in _ADDRESSED_ROOTS
    tgt, t_how = _choose(cands, index, src, verb, addressed)
    if tgt is None and src is not None and (pat.object_target or addressed):
        # "summoned X's envoy and demanded the release of its sailors": the demand is
        # addressed to the one the coordinated verb acts on
        # "had spoken to X and urged *them*": an object pronoun of a later verb of the
        # list stands for whom the first verb acted on
        pron = bool(objs) and objs[0].lower_ in _OBJECT_PRONOUNS
        tgt, t_how = _choose(_sibling_cands(verb, preps, addressed or pron), index, src,
                             addressed=addressed)
    if tgt is None and src is not None and (pat.code[:2] == "14" or
                                            pat.code[:2] in lexicon().purpose_target_roots):
        # "opened fire *to disperse demonstrators*": force aimed at whom its purpose names
        tgt, t_how = _choose(_purpose_cands(verb), index, src)
    return Roles(src, tgt, s_how, t_how)


def reported_subjects(verb: Token, cues: tuple[frozenset[str], ...] = ()
                      ) -> list[tuple[Token, str, bool]]:
    """The subjects of the clauses a statement reports ("X said *Starmer* had failed",
    "said *Israel's* response resembles revenge", "said: 'It is clear that *the First
    Minister* misled Parliament'"), each followed by its possessor: the one a critical
    statement (``statements.json``) judges.  Clauses joined to a reported clause count
    ("said punishment was a breach and that *Israel's* response had gone too far").  With
    ``cues``, only a clause holding a cue word of each list, and never one with a modal: an
    obligation ("said Israel *must* end the war" is a demand: ``cascade.obligation``), an
    intent or a possibility ("said Arnor *will* abandon ties")."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    clauses += [x for c in clauses for x in c.children if x.dep_ in ("conj", "ccomp")]
    modals = lexicon().obligation_modals
    out: list[tuple[Token, str, bool]] = []
    for comp in clauses:
        if any(c.dep_ == "aux" and (c.lower_ in modals or c.tag_ == "MD") for c in comp.children):
            continue  # (what one must, will or may do is a demand or an intent, no judgement)
        lemmas = {lemma_of(t) for t in comp.subtree} if cues else set()
        if cues and not all(lemmas & cue for cue in cues):
            continue
        for subj in (x for x in comp.children if x.dep_ in ("nsubj", "nsubjpass")):
            out.append((subj, f"subject of the reported '{comp.text}'", False))
            out += [(p, f"possessor of the reported '{subj.text}'", False)
                    for p in subj.children if p.dep_ == "poss"]
    return out

#: object pronouns that refer back to the people a coordinated verb acted on
_OBJECT_PRONOUNS = frozenset({"them", "him", "her"})

#: roots of force: an attacked vehicle stands for its passengers
_FORCE_ROOTS = ("18", "19", "20")


def _launch_site(tok: Token, index: MentionIndex) -> bool:
    """ "fired missiles *from Syrian territory* at X": force used with a thing (no actor
    of its own) whose only actors are in its "from" phrase names where the force came
    from, not whom it was aimed at."""
    if index.at(tok.i) or not any(c.dep_ == "prep" and c.lower_ == "from"
                                  for c in tok.children):
        return False
    return not any(actors_at(c, index, depth=2) for c in tok.children
                   if not (c.dep_ == "prep" and c.lower_ == "from"))


def _with_passengers(cands: list[tuple[Token, str, bool]]) -> list[tuple[Token, str, bool]]:
    """ "A bomb hit *a car carrying an election worker*": force used on a vehicle (lexicon
    ``conveyance_nouns``) is aimed at the people its "carrying" participle names; they
    are tried right after the vehicle itself."""
    lex = lexicon()
    out: list[tuple[Token, str, bool]] = []
    for tok, how, direct in cands:
        out.append((tok, how, direct))
        if lemma_of(tok) in lex.facility_nouns:
            out += _occupants(tok)
        if lemma_of(tok) not in lex.conveyance_nouns:
            continue
        for a in tok.children:
            if a.dep_ in ("acl", "relcl") and lemma_of(a) in lex.carrying_verbs:
                out += [(o, f"passengers of the '{tok.text}'", False) for o in objects_of(a)[:1]]
    return out


def _occupants(place: Token) -> list[tuple[Token, str, bool]]:
    """ "bombed *a camp for Kurdish fighters*", "shelled *a village held by* rebels": force
    used on a facility or settlement (lexicon ``facility_nouns``) is aimed at the people
    its "for" phrase houses, or who hold it (a participle of ``holding_verbs`` with its
    "by" agent)."""
    out: list[tuple[Token, str, bool]] = []
    for a in place.children:
        if a.dep_ == "prep" and a.lower_ == "for":
            out += [(o, f"people the '{place.text}' is for", False) for o in a.children
                    if o.dep_ == "pobj"]
        elif a.dep_ == "acl" and lemma_of(a) in lexicon().holding_verbs:
            out += [(o, f"holders of the '{place.text}'", False) for g in a.children
                    if g.dep_ == "agent" for o in g.children if o.dep_ == "pobj"]
    return out


#: prepositions whose object a protest's purpose clause aims at ("to demand the
#: resignation *of* X", "to protest *against* X")
_PURPOSE_PREPS = ("of", "against", "from", "by", "on")


def _purpose_cands(head: Token) -> list[tuple[Token, str, bool]]:
    """ "staged demonstrations *to demand reforms by X*", "began a hunger strike *to protest
    X's decision*": the actor a protest's purpose clause (a "to" infinitive under the
    protest's verb or noun) demands from or protests against is whom the protest is aimed
    at."""
    out: list[tuple[Token, str, bool]] = []
    for c in head.children:
        if c.dep_ not in ("advcl", "xcomp", "acl") or c.pos_ != "VERB" or not any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        objs = objects_of(c)[:1]
        out += [(o, f"object of the purpose clause '{c.text}'", False) for o in objs]
        out += _prep_cands([c] + objs, _PURPOSE_PREPS, False)
    return out


def _listed_verb(v: Token) -> bool:
    """A verb joined to its head as one of a list of acts: a conjunct, or a finite verb
    the parser hung as an adverbial clause though no subordinator opens it ("summoned the
    envoy, *objected* to ... and demanded ...")."""
    if v.head.i == v.i or v.head.pos_ not in ("VERB", "AUX"):
        return False
    return v.dep_ == "conj" or (
        v.dep_ == "advcl" and v.tag_ in ("VBD", "VBN") and v.i > v.head.i
        and v.doc[v.i - 1].lower_ == "," and not is_passive(v)
        and not any(c.dep_ in ("mark", "advmod", "nsubj") for c in v.children))


def _sibling_cands(verb: Token, preps: tuple[str, ...], with_top: bool = False
                   ) -> list[tuple[Token, str, bool]]:
    """Targets of verbs coordinated with ``verb`` under one subject, for a verb whose
    own slots name nobody ("Islamabad recalled its ambassador and expelled the
    Iranian envoy": the recall is aimed at Iran too).  ``with_top``: the first verb of
    the list, which holds the shared subject, counts too ("summoned X's envoy and
    demanded ...": for demands and complaints, addressed to whom the list acts on)."""
    top = verb
    for _ in range(6):  # the first verb of the list, which holds the shared subject
        if not _listed_verb(top):
            break
        top = top.head
    sibs: list[Token] = []
    todo = [top]
    while todo and len(sibs) < 12:
        v = todo.pop(0)
        if v.i != verb.i:
            sibs.append(v)
        todo += [c for c in v.children if c.pos_ == "VERB" and _listed_verb(c)]
    out: list[tuple[Token, str, bool]] = []
    own = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    for v in sibs:
        # (tokens compare by index: spaCy builds a new Token object on each access)
        if is_passive(v) or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) \
                and (own or not with_top or v.i != top.i):
            continue  # a sibling with its own subject is another actor's act
        out += [(o, f"object of coordinated '{v.text}'", False) for o in objects_of(v)[:1]]
        out += _prep_cands([v], preps, False, ("by",))
    return out


def noun_roles(m: Match, index: MentionIndex) -> Roles:
    noun, pat, gov = m.trigger, m.pattern, (m.anchor if m.anchor is not m.trigger else None)
    src: Arg | None = None
    s_how = ""
    carrier = vehicle_of(noun)  # "Qatar's *mediation* effort between X and Y"
    for c in list(noun.children) + ([x for x in carrier.children if x is not noun]
                                     if carrier is not None else []):
        if c.dep_ in _NOUN_SOURCE_DEPS:
            ms = actors_at(c, index, depth=1)
            if ms and not all(is_weak(x) for x in ms):
                src, s_how = Arg(ms, c.i, True), f"{c.dep_} of the noun"
                break
    if src is None:
        src, s_how = _choose(_prep_cands([noun], tuple(lexicon().source_preps), True), index, None)
    if src is None and gov is not None:
        subj, own = verb_subject(gov)
        if subj is not None:
            ms = actors_at(subj, index)
            if ms:
                src = Arg(ms, subj.i, own)
                s_how = f"subject of '{gov.text}'" + ("" if own else " (inherited)")
    preps = tuple(p for p in pat.target_preps if p not in lexicon().source_preps)
    if lexicon().patient_of(pat.code) and "of" not in preps:
        preps += ("of",)  # "the killing *of* X by Y", "the arrest of X"
    appos = [c for c in noun.children if c.dep_ == "appos"]  # "strikes -- 'an operation' -- on X"
    cands = (_prep_cands([noun] + appos + ([carrier] if carrier is not None else []), preps,
                         True) + _prep_cands([gov], preps, False))
    if gov is not None:  # a double object: "gave *Ivory Coast* 5 million dollars of aid"
        cands += [(d, f"indirect object of '{gov.text}'", False) for d in gov.children
                  if d.dep_ == "dative" and d.pos_ in ("NOUN", "PROPN")]
    cands += _deeper([noun], preps)
    if pat.code[:2] != "01":
        # "a lawsuit *accusing* X": the object of the participle that says what the act
        # does is whom it is aimed at (not for a bare statement, "a statement supporting
        # X", whose participle is the event itself)
        cands += [(o, f"object of '{a.text}'", False) for a in noun.children
                  if a.dep_ == "acl" and a.tag_ == "VBG" for o in objects_of(a)[:1]]
    victim = _victims_of(noun)
    if victim is not None:  # "four civilians were killed in Israeli tank shelling"
        cands.append((victim, f"subject of '{noun.head.head.text}'", False))
    if pat.code[:2] in _FORCE_ROOTS:
        cands = _with_passengers(cands)
    tgt, t_how = _choose(cands, index, src, gov or noun)
    if tgt is None and src is not None and pat.code[:2] == "14":
        # "staged demonstrations to demand ...": under the light verb or the noun itself
        tgt, t_how = _choose(_purpose_cands(noun) + (_purpose_cands(gov) if gov is not None
                                                     else []), index, src)
    if tgt is None and pat.code[:2] <= "13":
        # "accusations by X *that Y used* force": the content clause's subject
        for c in noun.children:
            if c.dep_ == "acl" and any(x.dep_ == "mark" and x.lower_ in ("that", "whether")
                                       for x in c.children):
                subj = child(c, "nsubj", "nsubjpass")
                if subj is not None:
                    tgt, t_how = _choose([(subj, f"subject of the clause of '{noun.text}'",
                                           False)], index, src, noun)
                break
    between = tgt is not None and "'between'" in t_how
    return Roles(src, tgt, s_how, t_how, pairs_between=between)




def _victims_of(noun: Token) -> Token | None:
    """ "X were killed *in* an Israeli airstrike": the passive subject X of the verb
    governing the event noun's "in/by/during" phrase."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "by", "during") or prep.head is prep:
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or lemma_of(verb) not in lexicon().harm_verbs or not is_passive(verb):
        return None
    return child(verb, "nsubjpass")




def earlier_agent(m: Match, roles: Roles, index: MentionIndex, recent: list[Mention],
                  words: list[str] | None = None) -> Roles:
    """ "Zarif condemned *the strike* as an act of terrorism": a reaction to a definite
    event noun with no actor of its own targets the source of the latest violent event
    already coded in the document (other than the reacting side's own country).  The
    noun names its referent: the latest event told with the same word ("the strike":
    "X struck", "X's strike") comes before any other (``words``: the trigger lemma of
    each of ``recent``)."""
    if roles.sources is None or m.pattern.pos != "verb":
        return roles
    objs = objects_of(m.trigger)
    if not objs:
        return roles
    obj = objs[0]
    lex = lexicon()
    if lemma_of(obj) not in lex.event_nouns and obj.lower_ not in lex.event_nouns:
        return roles
    if actors_at(obj, index) or not any(c.dep_ == "det" and c.lower_ in lex.definite_determiners
                                        for c in obj.children):
        return roles
    own = {x.actor.country for x in roles.sources.mentions}
    ok = [k for k, cand in enumerate(recent)
          if cand.actor.country and cand.actor.country not in own and not is_weak(cand)]
    if not ok:
        return roles
    word = lemma_of(obj)
    same = [k for k in ok if words is not None and k < len(words) and words[k] == word]
    k = (same or ok)[-1]
    return replace(roles, targets=Arg((recent[k],), obj.i, False),
                   target_how=f"agent of the earlier '{obj.text}' event")
