"""Source-only statements and intents: the argument types that let them stand alone.

CAMEO codes a statement (010, 012-014) or a statement of intent (03x) made to no one in
particular with a null target ("U.S. military chief General Colin Powell said on Wednesday
NATO would need to remain strong" -> 010; "Poland will reduce its troops in Iraq, the
defence minister said" -> 0356).  Allowing every target-less "said" codes most of a wire
lead's reporting verbs, so the coder offers this reading only as a sentence's last resort
(no other event in the sentence) and only when each argument has the right type
(``data/coding/source_only.json``):

* the **statement word** is a reporting or promising verb of the codebook's 010/03x
  examples: the trigger itself ("said", "pledged"), the governor of an intent frame
  ("vowed to ..."), or the reporting verb whose complement the act is ("X will withdraw
  its troops, the minister *said*"); an act with only a future auxiliary and no such word
  is a prediction, not a statement;
* the **speaker** is a political actor with a country: a role of ``speaker_roles``
  (government, forces, legislature, parties, armed groups ...) or a state, capital or
  organisation of states named as such; never civilians, companies or the media;
* the **complement** is political content: for a statement, a clause or object holding
  one of ``content_words``; for an intent, the intended act itself matched a codebook
  pattern, which makes it content.

A target that is the speaker's own forces ("Japan said it would cut *its troops*") is
no target: the intent (03x) or the withdrawal (087x) is the speaker's own act, which
CAMEO codes source-only (``own_forces_target``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .._resources import read_text
from ..actors import Mention
from ..actors.coref import country_of
from ..errors import ConfigError
from ..model import Actor, CountryFrom
from .args import Arg, actors_at, place_country, verb_subject
from .lexicon import lexicon
from .unattributed import named_place
from .lexicon import _KIND_CHECKS
from .codebook import lookup
from .matcher import lemma_of

if TYPE_CHECKING:  # the cascade imports this module; only types flow back
    from .cascade import Candidate, Context

REQUIRED = ("statement_codes", "statement_verbs", "object_intent_verbs", "speaker_roles",
            "speaker_kinds", "content_words", "labour_words", "company_words")

#: dependency labels of a statement word's complement
_COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis", "dobj", "advcl")
#: a statement word's clausal complement only ("offered *to mediate*")
_CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis", "advcl")
#: a reporting verb hanging on the act it reports ("X will withdraw, *said* the minister")
_REPORT_DEPS = ("parataxis", "ccomp", "advcl", "conj")
#: codes of acts on one's own forces that stand without a target
_OWN_FORCES_CODES = ("03", "087", "0356")
#: the ids of the work-stoppage patterns (``data/patterns/source_only.json``)
_STOPPAGE_IDS = ("so.",)
#: bare comments: coded alone only when they report no other act
_COMMENT_CODES = ("010", "012", "013")
#: the "countries" of international organisations
_INTERNATIONAL = ("IGO", "NGO", "IMG")
#: roles of a state's own forces
_FORCE_ROLES = ("MIL", "COP")
#: possessives that refer back to the subject ("its troops")
_OWN_POSSESSIVES = ("its", "their", "our", "his", "her")


@dataclass(frozen=True)
class SourceOnlyRules:
    """The lists of ``source_only.json``, as frozensets."""

    statement_codes: frozenset[str]
    statement_verbs: frozenset[str]
    object_intent_verbs: frozenset[str]
    speaker_roles: frozenset[str]
    speaker_kinds: frozenset[str]
    content_words: frozenset[str]
    labour_words: frozenset[str]
    company_words: frozenset[str]

    @classmethod
    def from_text(cls, text: str, where: str) -> "SourceOnlyRules":
        """Parse and validate; a bad file raises ``ConfigError`` naming ``where`` and the list."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not JSON ({exc})") from None
        lists = data.get("lists") if isinstance(data, dict) else None
        if not isinstance(lists, dict):
            raise ConfigError(f"{where}: no 'lists' object")
        out: dict[str, frozenset[str]] = {}
        for name in REQUIRED:
            entry = lists.get(name)
            if not isinstance(entry, dict) or not isinstance(entry.get("words"), list) \
                    or not entry["words"]:
                raise ConfigError(f"{where}: list {name!r} missing or empty")
            kind = entry.get("kind")
            if kind not in _KIND_CHECKS:
                raise ConfigError(f"{where}: list {name!r} has unknown kind {kind!r}")
            rx, what = _KIND_CHECKS[kind]
            for w in entry["words"]:
                if not isinstance(w, str) or not rx.match(w):
                    raise ConfigError(f"{where}: list {name!r}: {w!r} is not {what}")
                if kind == "codes" and len(w) > 2:
                    try:
                        lookup(w)
                    except ConfigError:
                        raise ConfigError(f"{where}: list {name!r}: {w!r} is no CAMEO code") \
                            from None
            out[name] = frozenset(entry["words"])
        unknown = set(lists) - set(REQUIRED)
        if unknown:
            raise ConfigError(f"{where}: unknown list(s) {sorted(unknown)}")
        return cls(**out)

    @classmethod
    def from_file(cls, path: str | Path) -> "SourceOnlyRules":
        return cls.from_text(Path(path).read_text(encoding="utf-8"), str(path))

    def statement_code(self, code: str) -> bool:
        return any(code[:n] in self.statement_codes for n in range(2, len(code) + 1))


@lru_cache(maxsize=1)
def source_only_rules() -> SourceOnlyRules:
    """The shipped rules (``data/coding/source_only.json``), loaded once."""
    return SourceOnlyRules.from_text(read_text("coding", "source_only.json"),
                                     "data/coding/source_only.json")


def statement_word(anchor: Token, governor: Token | None,
                   rules: SourceOnlyRules | None = None) -> Token | None:
    """The word making the statement whose content ``anchor`` is: ``governor`` (an intent
    frame's "vowed"), the anchor itself ("said"), the reporting verb that governs it
    ("said it *would* ...") or the one hanging on it ("X will ..., the minister *said*")."""
    r = rules or source_only_rules()
    for tok in (governor, anchor):
        if tok is not None and lemma_of(tok) in r.statement_verbs and tok.pos_ in ("VERB", "AUX"):
            return tok
    t = anchor  # up through complements: "said it was ready to *hold* talks"
    for _ in range(3):
        head = t.head
        if t.dep_ not in ("ccomp", "xcomp", "conj", "acomp") or head is t:
            break
        if lemma_of(head) in r.statement_verbs and head.pos_ == "VERB":
            return head
        t = head
    for c in anchor.children:
        if c.dep_ in _REPORT_DEPS and c.pos_ == "VERB" and lemma_of(c) in r.statement_verbs:
            return c
    return None


def political_speaker(src: Mention, rules: SourceOnlyRules | None = None) -> bool:
    """Is the speaker a political actor with a country (a role of ``speaker_roles``, a
    state / capital / organisation of states named as such, or an international
    organisation)?"""
    r = rules or source_only_rules()
    a = src.actor
    if not a.country:
        return False
    if a.country in _INTERNATIONAL:
        return True  # the UN, NATO, Amnesty: their code's "role" names the organisation
    if a.role:
        return a.role in r.speaker_roles
    kind = src.antecedent_kind if src.kind == "coref" and src.antecedent_kind else src.kind
    return kind in r.speaker_kinds  # "it" standing for "Eritrea" speaks as the state


def political_content(word: Token, speaker: Mention,
                      rules: SourceOnlyRules | None = None) -> bool:
    """Does the statement word's complement (a clause, or the object of a word of
    ``object_intent_verbs``; the speaker excluded) hold a word of ``content_words``?"""
    r = rules or source_only_rules()
    deps = _COMPLEMENT_DEPS if lemma_of(word) in r.object_intent_verbs else _CLAUSE_DEPS
    for c in word.children:
        if c.dep_ not in deps:
            continue
        for t in c.subtree:
            if speaker.start <= t.i < speaker.end:
                continue
            if t.lemma_.lower() in r.content_words or t.lower_ in r.content_words:
                return True
    return False


def _plural_speakers(anchor: Token, src: Mention) -> bool:
    """Is the speaker plural ("the ministers"), or the intent's subject "they"/"we"?"""
    doc = anchor.doc
    if doc[src.end - 1].tag_ in ("NNS", "NNPS"):
        return True
    for t in [anchor, anchor.head]:
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("they", "we")
               for c in t.children):
            return True
    return False


def reports_an_act(word: Token, acts: frozenset[int]) -> bool:
    """Does the statement word lack a clause of its own, or does its clause hold the word
    of another pattern match (``acts``: "said *trials* will begin", "said X *attacked*")?
    Such a statement is coded by what it reports, not as a bare comment."""
    clauses = [c for c in word.children if c.dep_ in ("ccomp", "parataxis")]
    if not clauses:
        return True
    return any(t.i in acts for c in clauses for t in c.subtree)


def licence(code: str, anchor: Token, governor: Token | None, intent_of: str | None,
            src: Mention, rules: SourceOnlyRules | None = None,
            acts: frozenset[int] = frozenset(), converted: bool = False,
            co_speakers: int = 1) -> str | None:
    """Why an event of ``code`` by ``src`` may stand with no target, or None.

    ``anchor`` is the match's word, ``governor`` an intent frame's statement word,
    ``intent_of`` the act's own code when the intent came from an act pattern, ``acts``
    the words of the sentence's other pattern matches; ``co_speakers`` how many actors
    share the subject; ``converted``: the pattern is a
    converted dictionary entry, a weak reading that stands alone only on the statement
    word itself ("X *plans* to ..."), never on the act it reports."""
    r = rules or source_only_rules()
    if not r.statement_code(code):
        return None
    if lexicon().mutual(code) and (co_speakers > 1 or _plural_speakers(anchor, src)):
        # "the ministers said *they* would meet again", "Brazil and the United States
        # seek to deepen a partnership": the partner of an act two sides do together is
        # among the speakers; one side alone would be a wrong event
        return None
    word = statement_word(anchor, governor, r)
    if word is None or any(c.dep_ == "neg" for c in word.children):
        return None  # "does not plan to deploy": a refusal, not an intent
    if not political_speaker(src, r):
        return None
    if code[:3] in _COMMENT_CODES and (word is not anchor or reports_an_act(word, acts)):
        return None
    if converted and word is not anchor:
        return None
    if intent_of is None and code[:2] != "03" or word is anchor:
        # a statement (or an intent told by the statement verb itself): its complement
        # must be political content
        if not political_content(word, src, r):
            return None
    return f"source-only {code}: '{word.text}' by a political speaker"


def own_forces_target(doc: Doc, src: Mention, tgt: Mention, code: str) -> bool:
    """Is ``tgt`` the speaker's own forces ("Japan said it would cut *its troops*"), in an
    intent (03x) or a withdrawal (087x), so that the act has no target of its own?"""
    if not any(code.startswith(p) for p in _OWN_FORCES_CODES):
        return False
    a, b = src.actor, tgt.actor
    if not a.country or a.country != b.country:
        return False
    span = doc[tgt.start:tgt.end]
    if len(span) == 1 and span[0].lower_ in _OWN_POSSESSIVES:
        return True  # "cut the size of *its* contingent": the owner of the forces
    if (b.role or "") not in _FORCE_ROLES:
        return False
    if (a.role or "") in _FORCE_ROLES:
        return False  # "the army said it would deploy police": two forces
    words = [t.lower_ for t in span]
    words += [c.lower_ for t in span for c in t.children if c.dep_ == "poss"]
    if tgt.start > 0:
        words.append(doc[tgt.start - 1].lower_)
    return any(w in _OWN_POSSESSIVES for w in words)


# --------------------------------------------------------------------------- organisations
def _name_tokens(subj: Token) -> list[Token]:
    """The subject's name: the head and its compound, adjective and proper-noun modifiers
    ("the *Nigerian Labour Congress*", "*Atlas Mining Corp*")."""
    toks = [subj] + [c for c in subj.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
    return sorted(toks, key=lambda t: t.i)


def organisation_role(subj: Token, rules: SourceOnlyRules | None = None) -> str | None:
    """LAB or BUS when ``subj`` names an organisation (a proper name, or an entity the
    parser labels ORG) whose words say it is a workers' organisation or a company."""
    r = rules or source_only_rules()
    toks = _name_tokens(subj)
    if not (subj.ent_type_ == "ORG" or any(t.pos_ == "PROPN" for t in toks)):
        return None
    words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    if words & r.labour_words:
        return "LAB"
    if subj.ent_type_ == "ORG" and words & r.company_words:
        return "BUS"
    return None


def organisation_source(c: "Candidate", ctx: "Context") -> bool:
    """A work stoppage (``data/patterns/source_only.json``) by a state is no event ("the
    government called the strike illegal").  A strike or protest (root 14) whose subject is an organisation the dictionaries do
    not know -- a union ("the Nigerian Labour Congress called a general strike"), a
    company -- takes it as source: labour (LAB) or business (BUS) by the words of its
    name, of the country a word of the name gives ("Nigerian"), else the place of the
    protest, else the dateline.  With no country the slot stays empty."""
    roles, m = c.roles, c.match
    if c.pattern_code[:2] != "14":
        return False
    if roles.sources is not None:
        if m.pattern.id.startswith(_STOPPAGE_IDS) and any(
                (x.actor.role or "") in lexicon().state_roles
                or (x.actor.code == x.actor.country and x.kind in ("country", "capital"))
                for x in roles.sources.mentions):
            # "the government called the strike illegal": a state stops no work
            c.no_event = "a state is no striker"
            return True
        return False
    verb = m.anchor
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("dobj", "pobj", "nsubjpass"):
        verb = verb.head if verb.dep_ != "pobj" else verb.head.head
    subj, _ = verb_subject(verb)
    if subj is None or any(x.start <= subj.i < x.end for x in actors_at(subj, ctx.index)):
        return False  # an actor the tagger knows: its own steps placed it
    role = organisation_role(subj)
    if role is None:
        return False
    toks = _name_tokens(subj)
    country, how = None, CountryFrom.MENTION
    for t in toks:
        code = ctx.names(t.text) if t.text[:1].isupper() else None
        if code and len(code) >= 3 and code[:3].isalpha() and code[:3].isupper() \
                and country_of(code[:3]):
            country, how = code[:3], CountryFrom.DEMONYM
            break
    if country is None:
        place = place_country([m.anchor, m.trigger], ctx.index) \
            or named_place([m.anchor, m.trigger], ctx.names)
        if place is not None and place.actor.country and country_of(place.actor.country):
            country, how = place.actor.country, CountryFrom.PLACE
    if country is None and ctx.dateline is not None and ctx.dateline.actor.country:
        country, how = ctx.dateline.actor.country, CountryFrom.DATELINE
    if country is None:
        return False
    start, end = toks[0].i, toks[-1].i + 1
    name = ctx.doc[start:end].text
    src = Mention(start, end, Actor(country + role, country, role, name=name,
                                    span=(ctx.doc[start].idx, ctx.doc[end - 1].idx
                                          + len(ctx.doc[end - 1].text)),
                                    country_from=how), "group")
    c.roles = replace(roles, sources=Arg((src,), subj.i, True),
                      source_how=f"an organisation the dictionaries do not know ({role}, "
                                 f"country from {how.value})")
    return True
