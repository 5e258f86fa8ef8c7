"""Turn raw dictionary hits into composed actor items.

Rules (in order, each documented in docs/eval/actors.md):

0. prefix agent (``NGO~``) directly before an actor -> prefix + actor code,
   then treated as an actor ("MSF Arnor diplomat" -> NGOARNGOV);
1. actor [``'s``] [modifiers] agent [agent...]  -> actor code + agent code
   ("Pakistani foreign minister" PAKGOV, "Iran's foreign ministry" IRNGOV,
   "Quetta police" PAKCOP; a capital or place contributes only its country;
   "former" makes the role ``ELI``; groups and IGOs keep their own code);
   "and"-joined agents share the actor ("Danish media and government" -> DNKMED, DNKGOV);
2. agent [and agent] of|in|from [the] actor [, actor and actor] -> each actor + each
   agent, when the preposition depends on the agent ("armed forces of Pakistan" PAKMIL;
   "lawmakers in Fornost and Gondor" FORLEG + GONLEG, the later conjuncts on their own
   tokens; not "pulled its troops from Gaza", where "from" depends on the verb);
3. [actor+agent | agent] followed by a known person -> the person's code,
   the title joins the span; followed by an unknown PERSON entity -> span grows;
4. possessive coreference ("its", "the country's") + agent -> pending, resolved
   later by ``coref``; a lone "the <agent>" in subject position likewise;
5. other lone agents -> ``---`` + agent code (country unknown; in the default
   mode only when the agent is a noun heading its phrase: "missile strikes" is not an actor);
6. lone ``place`` hits are dropped (a city is a location, not an actor), and so
   are capitals used as places ("in Baghdad", "the Beijing Olympics").

Span rules (round 4): a mention never spans a verb, and two agents chain only across
modifier words ("Iraqi forces [battle] insurgents" are two mentions); "former" before
the actor ("former Iraqi governing council president") joins the mention and makes it
ELI; rule 2 needs the actor to be the preposition's object, not a modifier of a later
noun ("delegates of South African unions").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

BASE_KINDS = ("country", "demonym", "capital", "place")
OWN_CODE_KINDS = ("group", "igo", "office")


@dataclass
class Hit:
    """A dictionary match on tokens [start, end)."""

    start: int
    end: int
    kind: str  # an entry kind, "agent" or "coref"
    codes: list[str]
    coref: str = ""  # coref type for kind "coref": one | two | poss | pron2
    role: str = ""  # agent code (``~GOV``) carried by coref phrases
    tail: int = 0  # end before trailing function words were trimmed ("observers [in]")
    #: a group in power on the date ("Taliban" 2024: AFGGOV): its latest armed non-state
    #: code (AFGREB), the reading "Taliban fighters" takes
    armed: str = ""


@dataclass
class Item:
    """A composed actor span; ``pending`` items still need coreference."""

    start: int
    end: int
    kind: str
    codes: list[str]
    pending: str = ""  # "" | one | two | poss | pron2
    agent: str = ""  # agent code to apply to a coref antecedent
    subject: bool = False
    main_subject: bool = False  # subject of the sentence's root verb
    extra: dict[str, str] = field(default_factory=dict)
    #: where the country came from (a ``model.CountryFrom`` value): mention | demonym |
    #: possessive | place; coreference for resolved items
    how: str = "mention"


def combine(code: str, agent: str) -> str:
    """Apply a PETRARCH agent code (``~GOV`` suffix or ``NGO~`` prefix) to ``code``."""
    body = agent.replace("~", "")
    if agent.endswith("~"):
        return code if code.startswith(body) else body + code
    chunks = {code[i:i + 3] for i in range(3, len(code), 3)}
    if body[:3] in chunks:
        return code
    return code + body


#: roles of an agent that is an actor as the holder of a place ("militant hideouts", "army
#: posts"; not "immigrant camps")
HOLDER_ROLES = frozenset({"INS", "REB", "SEP", "UAF", "MIL", "COP", "SPY"})
#: roles of state office; "former" + a known person turns these into ELI
STATE_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
#: roles "former"/"ousted"/"jailed" before a title turn into ELI (an office one no longer
#: holds); other roles stay ("a jailed blogger" is still media)
FORMER_ROLES = STATE_ROLES | {"OPP", "ELI"}


def _roles(agents: list[str]) -> list[str]:
    """Role codes of suffix agents (``~GOV`` -> GOV)."""
    return [a.replace("~", "")[:3] for a in agents if a.startswith("~")]


def _unoffice(code: str, roles: set[str] | frozenset[str]) -> str:
    """A person's code with a denied office turned into ELI ("former ...")."""
    if len(code) >= 6 and code[:3].isalpha() and code[3:6] in roles:
        return code[:3] + "ELI"
    return code


def _titled(code: str, roles: list[str]) -> str:
    """A known person's code under a present title ("External Affairs Minister Sushma
    Swaraj"): the text says the person holds that office now, so when the dictionary's
    dated code makes them an ex-office-holder (ELI) or gives no role, the title's state
    role wins, with the person's country.  So it does over a role outside the executive
    (a member of parliament or of a party: LEG, OPP, PTY) when the title names an executive
    one ("Defence Minister Khawaja Asif" a week before the dictionary's appointment date).
    A current executive office of the dictionary stays ("General Musharraf" in 2004 is
    still GOV)."""
    state = [r for r in roles if r in STATE_ROLES]
    if not state or len(code) < 3 or not code[:3].isalpha() or not code[:3].isupper():
        return code
    if len(code) == 3 or code[3:6] == "ELI":
        return code[:3] + state[0]
    if code[3:6] in _NON_EXECUTIVE and state[0] in _EXECUTIVE:
        return code[:3] + state[0]
    return code


#: roles a present executive title overrides, and the executive roles that do
_NON_EXECUTIVE = frozenset({"LEG", "OPP", "PTY"})
_EXECUTIVE = frozenset({"GOV", "MIL"})


def _verb(t: Token) -> bool:
    """A verb that can head a clause: mentions never span one ("forces battled
    insurgents"); participles used as modifiers ("embattled", "governing") are not."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    return not (t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound", "nmod"))


def _reaches(t: Token, b: int) -> bool:
    """Does t's chain of rightward heads reach position >= b (the agent or beyond)?"""
    for _ in range(6):
        h = t.head
        if h.i <= t.i:
            return False
        if h.i >= b:
            return True
        t = h
    return False


def _modifies_after(doc: Doc, h: Hit) -> bool:
    """Is the actor a modifier of a noun after it ("South African [unions]"), so that
    it is not the object of a preceding preposition?"""
    t = doc[h.end - 1]
    return t.dep_ in ("amod", "compound", "nmod") and t.head.i >= h.end \
        and t.head.pos_ in ("NOUN", "PROPN")


_POSS = ("'s", "'", "’s", "’")


def _how(doc: Doc, h: Hit) -> str:
    """How an actor hit gives its country to the agent after it: "Iraqi police" (demonym),
    "Iraq's police" (possessive), "the Basra police" (the mention names the place)."""
    if h.kind == "demonym":
        return "demonym"
    if h.end < len(doc) and doc[h.end].lower_ in _POSS:
        return "possessive"
    return "mention"


#: rule 2's linker -> how the actor gives the agent its country ("forces of X", "police in X")
LINKER_HOW = {"of": "possessive", "from": "possessive", "in": "place"}


#: dependency labels of a bare predicative noun ("taken *prisoner*")
PREDICATIVE = frozenset({"oprd", "acomp", "xcomp", "advmod", "npadvmod"})
#: verbs whose bare singular object says what someone is held as ("held *hostage*")
HOLD_AS = frozenset({"hold", "take", "keep", "remain", "stay"})


def _predicative(tok: Token) -> bool:
    """A bare singular noun saying what someone is or is held as ("held hostage",
    "taken prisoner", "remain captive"), not an actor of its own."""
    if tok.tag_ != "NN" or any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return False
    return tok.dep_ in PREDICATIVE or (tok.dep_ == "dobj" and tok.head.lemma_.lower() in HOLD_AS)

#: entity labels of names an agent word can be part of ("the Congress of South African
#: Students", "the Union of Soviet Writers")
NAME_ENTS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def _inside_name(doc: Doc, h: Hit) -> bool:
    """Is a capitalised agent the head of a longer proper name that goes on after it?"""
    first = doc[h.start]
    if not first.text[:1].isupper() or h.end >= len(doc):
        return False
    if first.ent_type_ not in NAME_ENTS:
        return False
    _, end = ent_bounds(doc, first.i)
    return end > h.end and doc[h.end].lower_ in ("of", "for") and any(
        t.text[:1].isupper() for t in doc[h.end + 1:end])


def ent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """[start, end) of the named entity token ``i`` is in (without building ``doc.ents``)."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _title_case(sent) -> bool:
    """A headline in title case: no longer word but function words is in lower case."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and not any(t.is_lower and not t.is_stop for t in words)


#: entity labels a personal name after a title may carry (the small parser reads some
#: names as organisations, or tags none)
_NAME_ENTS = frozenset({"PERSON", "ORG", ""})
_PERSON_OR_NONE = frozenset({"PERSON", ""})
#: the longest personal name a title may open, in tokens
_NAME_MAX = 4


def _name_token(t: Token, labels: frozenset[str]) -> bool:
    return (t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in labels
            and t.text.replace("-", "").replace(".", "").isalpha() and not t.text.endswith("-")
            and not t.is_sent_start)


def _name_more(doc: Doc, k: int, stops: set[int]) -> int:
    """``k`` moved over the untagged or person-tagged proper nouns that continue a
    personal name the parser ended too early ("[Bilawal] [Zardari] Bhutto")."""
    start = k
    while k < len(doc) and k - start < 2 and k not in stops \
            and _name_token(doc[k], _PERSON_OR_NONE):
        k += 1
    return k


def _name_run(doc: Doc, i: int, stops: set[int],
              labels: frozenset[str] = _NAME_ENTS) -> int | None:
    """End of the personal name starting at token ``i`` after a title: capitalised proper
    nouns (a person entity, an organisation or no entity), at most ``_NAME_MAX``, ended by
    any other word or a dictionary hit (``stops``); None when no name starts there, or when
    the parser saw no person there and the sentence is a title-case headline ("Minister
    Visits China")."""
    k = i
    while k < len(doc) and k - i < _NAME_MAX and k not in stops \
            and (_name_token(doc[k], labels) or (k == i and doc[k].is_sent_start
                                                and _name_token(doc[k], labels | {""}))):
        k += 1
    if k == i or (doc[i].ent_type_ != "PERSON" and (k - i == 1 or _title_case(doc[i].sent))):
        return None
    if doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "I":
        return None  # the title word ends inside a longer name
    return k


def name_after(doc: Doc, i: int, titles: set[str] | frozenset[str],
               stops: set[int] | frozenset[int] = frozenset()) -> int | None:
    """End of a personal name the parser found at token ``i``, after any further title
    words ("Army chief [Gen.] Musa Adamu"); None if no name starts there."""
    k = i
    while k < len(doc) and k - i < 3 and doc[k].text[:1].isupper() \
            and doc[k].lower_.rstrip(".") in titles and doc[k].ent_type_ != "PERSON":
        k += 1
    if k >= len(doc) or not doc[k].text[:1].isupper():
        return None
    if doc[k].ent_type_ != "PERSON":  # a name read as an organisation, or not tagged
        return _name_run(doc, k, set(stops)) if doc[k].ent_iob_ != "I" else None
    if _title_case(doc[k].sent):
        return None  # a headline's capitals make any word a name ("Envoy Visits China")
    start, end = ent_bounds(doc, k)
    if start < i:  # the title is inside the name's entity ("Judge Maria Lopes")
        return end if start >= i - 3 else None
    if start != k:
        return None
    # a name the parser split ("[Bilawal] [Zardari] Bhutto"): its untagged rest joins it
    return _name_more(doc, end, set(stops))


def _possessor_of_noun(doc: Doc, h: Hit, person_nouns: frozenset[str]) -> bool:
    """Is a possessive coreference ("its", "the country's") the possessor of a common noun
    that is an argument of a verb or preposition ("its operation had targeted", "condemned
    its strikes")?  Then the possessor is an actor of its own."""
    last = doc[h.end - 1]
    owner = last if last.dep_ == "poss" else last.head if last.head.dep_ == "poss" else None
    if owner is None:
        return False
    noun = owner.head
    return noun.pos_ == "NOUN" and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
        and noun.lemma_.lower() not in person_nouns  # "its pilot" is the pilot


def _related_to(tok: Token) -> bool:
    """ "the family of a jailed blogger": the noun names its own relation ("of" object),
    so it is not a lone "the <agent>" that refers back to an earlier subject."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children)
               for c in tok.children)


def _base(kind: str, code: str) -> str:
    return code[:3] if kind in ("capital", "place") else code


class Composer:
    """Applies the composition rules; built once per dictionary.

    ``petrarch=True`` follows PETRARCH: agents combine with every actor code
    and every lone agent is kept.  The default mode keeps a group's or an
    office's own code ("Hamas gunmen" PSEREB, "White House officials" USAGOV),
    lets an IGO swallow government agents ("UN officials" IGOUNO) and drops
    lone agents that only modify a noun.
    """

    def __init__(self, modifiers: set[str], former: set[str], linkers: set[str],
                 subject_deps: set[str], petrarch: bool = False,
                 locative: set[str] | None = None, compose_only: set[str] | None = None,
                 titles: set[str] | None = None, place_of_heads: set[str] | None = None,
                 departure_verbs: set[str] | None = None,
                 relation_suffixes: frozenset[str] = frozenset(),
                 royal_titles: frozenset[str] = frozenset(),
                 holding_nouns: frozenset[str] = frozenset(),
                 person_nouns: frozenset[str] = frozenset(),
                 armed_roles: frozenset[str] = frozenset()) -> None:
        self.armed_roles = armed_roles
        self.holding_nouns = holding_nouns
        self.person_nouns = person_nouns
        self.relation_suffixes = relation_suffixes
        self.royal_titles = royal_titles
        self.modifiers = modifiers
        self.place_of_heads = place_of_heads or set()
        self.departure_verbs = departure_verbs or set()
        self.titles = titles or set()
        self.compose_only = compose_only or set()
        self.locative = locative or set()
        self.former = former
        self.linkers = linkers
        self.subject_deps = subject_deps
        self.petrarch = petrarch

    # -- token tests ------------------------------------------------------
    def _royal(self, doc: Doc, start: int, end: int) -> bool:
        """Does a title span hold a royal title ("Crown Prince"): royals stay ELI."""
        return any(t.lower_ in self.royal_titles for t in doc[start:end])

    def _gap(self, doc: Doc, a: int, b: int, allow_poss: bool,
             chain: bool = False) -> tuple[bool, bool]:
        """(ok, former): may tokens a..b-1 sit between an actor and its agent?

        ``chain``: the gap is between two agents ("Iraqi forces [battle]
        insurgents"); only modifier words may sit there, never a noun or a verb,
        whatever the parse says: a mention never spans a verb, and a headline's
        verb is often mis-tagged as a noun compound.
        """
        if b - a > 5:
            return False, False
        if b - a > 1 and not self.petrarch and _title_case(doc[a].sent):
            return False, False  # a headline's capitals make every word a compound of the
            # agent: "U.S. Plane Attacks Najaf Rebels" is no "U.S. ... Rebels"
        former = False
        for i in range(a, b):
            t = doc[i]
            low = t.lower_
            if i == a and allow_poss and low in ("'s", "'", "’s", "’"):
                continue
            if _verb(t):
                return False, False
            if low in self.former:
                former = True
            elif low in ("and", ",") and a < i < b - 1:
                continue  # "awful and evil minister"
            elif not chain and t.head.lower_ in self.relation_suffixes and t.head.i < b and (
                    t.dep_ in ("npadvmod", "punct", "compound") or t.i == t.head.i):
                continue  # "Iraq's US-backed leader": a relation modifier of the agent
            elif not chain and t.lower_ in self.relation_suffixes and t.dep_ == "amod":
                continue
            elif not chain and t.dep_ in ("compound", "amod", "nmod") and a <= t.i \
                    and t.pos_ in ("PROPN", "NOUN", "ADJ", "VERB") and _reaches(t, b):
                continue  # "Israeli Finance Minister", "Iraqi governing council president":
                # modifiers of the agent's head
            elif not (low in self.modifiers or (t.pos_ == "ADJ" and t.is_alpha)
                      or (t.tag_ in ("VBN", "VBG") and t.dep_ == "amod")):  # "embattled"
                return False, False
        return True, former

    @staticmethod
    def _inside(doc: Doc, tok: int, a: int, b: int) -> bool:
        """Does token ``tok`` depend (within 4 steps) on a token in [a, b)?"""
        t = doc[tok]
        for _ in range(4):
            if t.head.i == t.i:
                return False
            t = t.head
            if a <= t.i < b:
                return True
        return False

    def _former_before(self, doc: Doc, start: int, end: int) -> int | None:
        """Start of a "former" word before an actor+agent mention [start, end), with
        only modifiers between ("former long-serving Iraqi interior minister"), that
        modifies the mention's head; None if there is none."""
        k = start - 1
        while k >= 0 and start - k <= 4:
            t = doc[k]
            low = t.lower_
            if low in self.former:
                head = t.head
                ok = start <= head.i < end or (  # modifies the title, or the name after it
                    head.i >= end and head.pos_ == "PROPN"
                    and all(x.pos_ == "PROPN" for x in doc[end:head.i]))
                return k if ok else None
            if _verb(t) or not (low in self.modifiers or (t.pos_ == "ADJ" and t.is_alpha)
                                or low in ("-",)):
                return None
            k -= 1
        return None

    @staticmethod
    def _joined(doc: Doc, a: int, b: int, end: int | None = None) -> bool:
        """Only a conjunction (and optional "the") between tokens a and b, and the
        parser makes the phrase starting at b a conjunct ("Fornost and Gondor")."""
        words = [t.lower_ for t in doc[a:b]]
        if not (words and words[0] in (",", "and", "&", "or") and all(
                w in (",", "and", "&", "or", "the") for w in words)):
            return False
        span = doc[b:end if end is not None else b + 1]
        return any(t.dep_ == "conj" for t in span)

    def _locative(self, doc: Doc, h: Hit) -> bool:
        """A capital used as a place: object of a locative preposition ("in Baghdad")
        or a noun modifier ("the Beijing Olympics")."""
        t = doc[h.end - 1]
        if t.dep_ == "pobj" and t.head.lower_ in self.locative:
            return True
        return t.dep_ == "compound" and t.head.i >= h.end and t.head.pos_ in ("NOUN", "PROPN")

    def _place_only(self, doc: Doc, h: Hit) -> bool:
        """A country or capital named only as a place: a direction or part of it ("north
        of Kabul", "the outskirts of Baghdad", "parts of Iraq"), or the place a departure
        verb leaves ("left Nigeria", "fled Syria").  Not "Pakistan's Baluchistan province":
        struck there, the country is the target, which the coder decides."""
        if self.petrarch:
            return False
        t = doc[h.end - 1]
        while t.dep_ == "conj" and t.head.i < t.i:
            t = t.head  # "north of Kabul and Herat"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in self.place_of_heads:
            return True
        return t.dep_ == "dobj" and t.head.lemma_.lower() in self.departure_verbs

    def is_subject(self, doc: Doc, start: int, end: int) -> bool:
        for t in doc[start:end]:
            if t.dep_ in self.subject_deps:
                return True
            if t.dep_ == "conj" and t.head.dep_ in self.subject_deps:
                return True
        return False

    def is_main_subject(self, doc: Doc, start: int, end: int) -> bool:
        for t in doc[start:end]:
            head = t.head if t.dep_ != "conj" else t.head.head
            if head.dep_ == "ROOT" and (t.dep_ in self.subject_deps or t.dep_ == "conj"):
                return True
        return False

    def _apply(self, kind: str, code: str, agent: str) -> str:
        """An actor code with an agent applied, per mode."""
        if self.petrarch or kind in BASE_KINDS:
            return combine(_base(kind, code), agent)
        if kind == "igo" and not agent.startswith("~GOV"):
            return combine(code, agent)
        return code

    # -- main loop --------------------------------------------------------
    def compose(self, doc: Doc, hits: list[Hit]) -> list[Item]:
        hits = self._prefix_agents(hits)
        retro: list[tuple[int, int, list[str], str]] = []  # codes for earlier conjuncts
        items: list[Item] = []
        persons = {e.start: e.end for e in doc.ents if e.label_ == "PERSON"}
        i, n = 0, len(hits)
        while i < n:
            h = hits[i]
            new: list[Item] = []
            j = i + 1
            if h.kind in BASE_KINDS or h.kind in OWN_CODE_KINDS or h.coref == "poss" or (
                    self.petrarch and h.kind == "person"):
                j = self._actor_agents(doc, hits, i, new, retro)
            elif h.kind == "agent":
                j = self._agent_first(doc, hits, i, new)
            elif h.kind == "coref":
                new.append(Item(h.start, h.end, "coref", [], pending=h.coref, agent=h.role))
            else:  # person and anything else keep their codes
                start, codes = h.start, list(h.codes)
                lead = self._former_before(doc, h.start, h.end) if h.kind == "person" else None
                if lead is not None:  # "former US president Bill Clinton" (one person entry)
                    start, codes = lead, [_unoffice(c, STATE_ROLES) for c in codes]
                new.append(Item(start, h.end, h.kind, codes))
            if new:
                j = self._attach_person(doc, hits, j, new[0], persons)
            for start, end, codes, how in retro:
                for prev in items:
                    if (prev.start, prev.end) == (start, end) and not prev.pending:
                        prev.codes, prev.kind, prev.how = codes, "agent", how
            retro.clear()
            for item in new:
                item.subject = self.is_subject(doc, item.start, item.end)
                item.main_subject = item.subject and self.is_main_subject(doc, item.start, item.end)
                items.append(item)
            i = j
        return items

    def _prefix_agents(self, hits: list[Hit]) -> list[Hit]:
        """Rule 0: fold a prefix agent into the actor right after it."""
        out: list[Hit] = []
        k = 0
        while k < len(hits):
            h = hits[k]
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            if (h.kind == "agent" and h.codes[0].endswith("~") and nxt is not None
                    and nxt.start in (h.end, h.tail) and nxt.kind in BASE_KINDS + OWN_CODE_KINDS):
                out.append(Hit(h.start, nxt.end, nxt.kind,
                               [combine(_base(nxt.kind, c), h.codes[0]) for c in nxt.codes]))
                k += 2
                continue
            out.append(h)
            k += 1
        return out

    def _actor_agents(self, doc: Doc, hits: list[Hit], i: int, new: list[Item],
                      retro: list[tuple[int, int, list[str], str]]) -> int:
        """Rule 1 (and 4 for possessive corefs)."""
        h = hits[i]
        n = len(hits)
        j = i + 1
        codes = list(h.codes)
        end, agents, former = h.end, [], False
        while j < n and hits[j].kind == "agent":
            ok, fmr = self._gap(doc, end, hits[j].start, allow_poss=not agents,
                                chain=bool(agents))
            if h.kind not in BASE_KINDS and h.coref != "poss" and hits[j].start != end:
                ok = False  # groups, offices, IGOs take only an adjacent agent ("Hamas gunmen")
            if not ok:
                break
            former = former or fmr
            agents.append(hits[j].codes[0])
            if h.armed and not agents[1:] and hits[j].codes[0].strip("~")[:3] in self.armed_roles:
                # "Taliban fighters" (2024): the group's fighters, not the government it forms
                codes = [h.armed]
            codes = [self._apply(h.kind, c, hits[j].codes[0]) for c in codes]
            end = hits[j].end
            j += 1
        if h.coref == "poss":
            if agents:
                new.append(Item(h.start, end, "coref", [], pending="one", agent=agents[0],
                                extra={"poss": "1"}))
            elif not self.petrarch and _possessor_of_noun(doc, h, self.person_nouns):
                # "Pakistan said its operation had targeted ...": the possessor is the
                # actor of the noun ("Iran's strikes"), whatever the noun
                new.append(Item(h.start, end, "coref", [], pending="one", extra={"poss": "1"}))
            return j
        if not agents:
            # rule 6: a lone place is a location, and so is a capital "in Baghdad";
            # a demonym inside a proper name ("British Grand Prix") is no actor
            last = doc[h.end - 1]
            if h.kind != "place" and not (h.kind == "capital" and self._locative(doc, h)) \
                    and not (h.kind in ("country", "capital") and self._place_only(doc, h)) and not (
                    h.kind == "demonym" and not self.petrarch and last.dep_ in ("amod", "compound")
                    and last.head.pos_ == "PROPN" and last.head.i >= h.end):
                new.append(Item(h.start, end, h.kind, list(h.codes), how="demonym"
                                if h.kind == "demonym" else "mention"))
            return j
        start = h.start
        if h.kind in BASE_KINDS:
            lead = self._former_before(doc, h.start, end)
            if lead is not None:  # "the former Pakistani prime minister"
                former, start = True, lead
        extra: dict[str, str] = {}
        if former:  # "the former Pakistani prime minister"; not "a jailed Egyptian blogger"
            codes = [c[:3] + "ELI" if c[3:6] in FORMER_ROLES else c for c in codes]
            # a known person after the title keeps the person's code unless that
            # code is the office "former" denies ("former army chief Musharraf" 2004: GOV)
            extra["former"] = ",".join(_roles(agents))
        kind = "agent" if h.kind in BASE_KINDS else h.kind
        how = _how(doc, h) if h.kind in BASE_KINDS else "mention"
        new.append(Item(start, end, kind, codes, extra=extra, how=how))
        # "US and British activists", "Iranian and Pakistani officials": earlier bare
        # conjuncts share the agents
        k = i - 1
        left = h.start
        while k >= 0 and hits[k].kind in BASE_KINDS and h.kind in BASE_KINDS and not former:
            words = [t.lower_ for t in doc[hits[k].end:left]]
            if not words or any(w not in (",", "and", "&") for w in words):
                break
            prev = hits[k]
            if not self._inside(doc, prev.end - 1, h.end, end) and not (
                    words == ["and"] and doc[h.end - 1].pos_ == "ADJ" and any(
                        x.dep_ == "conj" and x.head.i == prev.end - 1 for x in doc[h.end:end])):
                # ("US and Iraqi forces" parsed with "forces" a conjunct of "US" still share)
                break  # a list of separate actors, not modifiers of this agent
            pcodes = list(prev.codes)
            for ag in agents:
                pcodes = [self._apply(prev.kind, c, ag) for c in pcodes]
            retro.append((prev.start, prev.end, pcodes, _how(doc, prev)))
            left = prev.start
            k -= 1
        # "Danish media and government": later agents share the actor
        while j < n and hits[j].kind == "agent" and self._joined(doc, end, hits[j].start, hits[j].end):
            ag = hits[j].codes[0]
            new.append(Item(hits[j].start, hits[j].end, kind,
                            [self._apply(h.kind, c, ag) for c in h.codes], how=how))
            end = hits[j].end
            j += 1
        return j

    def _agent_first(self, doc: Doc, hits: list[Hit], i: int, new: list[Item]) -> int:
        """Rules 2, 3, 4 and 5 for a hit that starts with an agent."""
        n = len(hits)
        nxt0 = hits[i + 1] if i + 1 < n else None
        if not self.petrarch and nxt0 is not None and nxt0.kind == "agent" \
                and nxt0.start == hits[i].end and hits[i].codes[0] == "~CVL" \
                and doc[hits[i].end - 1].dep_ in ("compound", "amod", "nmod") \
                and (nxt0.start <= doc[hits[i].end - 1].head.i < nxt0.end
                     or doc[hits[i].end - 1].head.i == doc[nxt0.end - 1].head.i > nxt0.end - 1):
            # "Baloch separatists", "Pashtun tribal elders": a community modifying an
            # actor noun is one actor, of the noun's role
            hits[i + 1] = Hit(hits[i].start, nxt0.end, "agent", list(nxt0.codes), tail=nxt0.tail)
            return i + 1
        agents = [hits[i]]
        k = i + 1
        while k < n and hits[k].kind == "agent" and self._joined(doc, agents[-1].end, hits[k].start,
                                                                 hits[k].end):
            agents.append(hits[k])
            k += 1
        last = agents[-1]
        if not self.petrarch and _predicative(doc[hits[i].end - 1]):
            return i + 1  # "held hostage in Iraq", "taken prisoner": a state, not an actor
        if k < n and hits[k].kind in BASE_KINDS + ("igo", "group", "office"):
            between = [t.lower_ for t in doc[last.end:hits[k].start]]
            link = doc[last.end] if between else None
            if (link is not None and between[0] in self.linkers and between[1:] in ([], ["the"])
                    and agents[0].start <= link.head.i < last.end  # "from" must hang on the agent
                    and not _modifies_after(doc, hits[k])):  # "delegates of South African unions"
                actors = [hits[k]]
                k += 1
                while k < n and hits[k].kind in BASE_KINDS + ("igo", "group", "office") \
                        and self._joined(doc, actors[-1].end, hits[k].start, hits[k].end):
                    actors.append(hits[k])
                    k += 1
                for m, a in enumerate(actors):
                    start = agents[0].start if m == 0 else a.start
                    codes = [self._apply(a.kind, c, ag.codes[0]) for ag in agents for c in a.codes]
                    kind = "agent" if a.kind in BASE_KINDS else a.kind
                    new.append(Item(start, a.end, kind, list(dict.fromkeys(codes)),
                                    how=LINKER_HOW.get(between[0], "possessive")))
                return k
        h = hits[i]
        agent = h.codes[0]
        nxt = hits[i + 1] if i + 1 < n else None
        if nxt is not None and nxt.kind == "person" and nxt.start == h.end and nxt.codes:
            start, codes = h.start, list(nxt.codes)
            lead = self._former_before(doc, h.start, h.end)
            fmr = any(t.lower_ in self.former for t in doc[h.start:h.end])
            if lead is not None or fmr:  # "former president Bill Clinton"
                roles = set(_roles([agent])) - {"ELI"} or STATE_ROLES
                start = lead if lead is not None else start
                codes = [_unoffice(c, roles) for c in codes]
            elif not self.petrarch and not self._royal(doc, h.start, h.end):
                codes = [_titled(c, _roles([agent])) for c in codes]
            new.append(Item(start, nxt.end, "person", codes))  # rule 3
            return i + 2
        end = name_after(doc, h.end, self.titles, {x.start for x in hits[i + 1:]}) \
            if not self.petrarch else None
        if end is not None and nxt is not None and nxt.start < end and nxt.kind != "agent":
            end = None  # the dictionary knows the name: rule 3 (or another actor) has it
        if end is not None:
            # a title before a name the dictionaries do not know: the person, with the
            # title's role ("Foreign Minister Ali Haidari", "Judge Maria Lopes")
            body = agent.replace("~", "")
            new.append(Item(h.start, end, "person", ["---" + body if agent.startswith("~")
                                                     else body]))
            k = i + 1
            while k < n and hits[k].start < end:
                k += 1  # hits inside the name belong to it
            return k
        if not self.petrarch and _inside_name(doc, h):
            return i + 1  # "The Congress of South African Students": a name, not "Congress"
        if h.start > 0 and doc[h.start - 1].lower_ == "the" and not agent.endswith("~") \
                and self.is_subject(doc, h.start, h.end) and not _related_to(doc[h.end - 1]):
            new.append(Item(h.start - 1, h.end, "coref", [], pending="one", agent=agent))
            return i + 1
        if " ".join(t.lower_ for t in doc[h.start:h.end]) in self.compose_only:
            return i + 1  # "Iran deploys new missile": a weapon is not an actor by itself
        tok = doc[h.end - 1]
        mods = ("compound", "amod", "nmod")
        holder = tok.dep_ in mods and tok.head.lower_ in self.holding_nouns \
            and tok.head.i >= h.end and agent[1:4] in HOLDER_ROLES
        if not self.petrarch and not holder and (
                tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in mods or (
                tok.dep_ == "conj" and tok.head.dep_ in mods)):
            return i + 1  # "missile strikes", "naval engagement": not an actor
            # (but "militant hideouts", "rebel positions": the holder is an actor)
        body = agent.replace("~", "")
        new.append(Item(h.start, h.end, "agent", ["---" + body if agent.startswith("~") else body]))
        return i + 1

    def _attach_person(self, doc: Doc, hits: list[Hit], j: int, item: Item,
                       persons: dict[int, int]) -> int:
        """Rule 3: a title (actor+agent or agent) directly followed by a person."""
        if item.kind not in ("agent", "coref"):
            return j
        if j < len(hits) and hits[j].kind == "person" and hits[j].start == item.end:
            p = hits[j]
            if p.codes:
                codes = list(p.codes)
                if item.extra.get("former"):
                    roles = set(item.extra["former"].split(","))
                    codes = [_unoffice(c, roles) for c in codes]
                elif not self.petrarch and item.kind == "agent" and item.codes \
                        and not self._royal(doc, item.start, item.end):
                    # "Indian External Affairs Minister Sushma Swaraj": the title's role
                    codes = [_titled(c, [item.codes[0][3:6]]) for c in codes]
                item.codes, item.kind, item.pending = codes, "person", ""
            item.end = p.end
            return j + 1
        if item.pending == "" and not self.petrarch:
            stops = {h.start for h in hits[j:] if h.kind != "person"}
            if item.end in persons:  # the parser's name, and an untagged rest of it
                end: int | None = _name_more(doc, persons[item.end], stops)
            else:
                end = _name_run(doc, item.end, stops)
            if end is not None:
                # "Kenyan opposition leader Tendai Moyo"; a name the small parser splits
                # ("Foreign Minister [Bilawal] [Zardari] Bhutto") or reads as an
                # organisation ("Defence Minister [Kofi Mensah]" ORG) after a title
                item.end, item.kind = end, "person"
                while j < len(hits) and hits[j].start < item.end:
                    j += 1  # hits inside the grown span belong to the name
        elif item.end in persons and item.pending == "":
            item.end = persons[item.end]
            item.kind = "person"
            while j < len(hits) and hits[j].start < item.end:
                j += 1
        return j
