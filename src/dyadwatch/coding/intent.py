"""Future, promised and threatened actions -> CAMEO intent (03x) / threat (13x) codes.

CAMEO codes "Pakistan *will release* the pilot" as an expression of intent to
release (0353) and "Iran *vowed to strike*" as a threat (138): the statement is
the event.  The table ``data/patterns/intent_codes.json`` maps code prefixes to
their intent/threat codes; this module decides when a trigger is such a
statement (a future auxiliary, "would" with an "if" clause, or the complement
of an intent governor such as "vow", "threaten", "offer") and is not negated.
The modality stage then treats these 03x/13x events as asserted statements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .._resources import data_path
from ..errors import ConfigError
from .codebook import lookup
from .lexicon import lexicon



@dataclass(frozen=True)
class IntentTable:
    future_aux: frozenset[str]
    conditional_aux: frozenset[str]
    governors: frozenset[str]
    threat_governors: frozenset[str]
    mapping: dict[str, str | None]
    refusal_governors: frozenset[str] = frozenset()
    refusal_map: dict[str, str] | None = None
    #: modals that state an intent only with an "if"/"unless" clause of their own
    if_modals: frozenset[str] = frozenset()
    #: code -> {verb lemma -> intent code}: where the verb decides ("will support" -> 032)
    by_lemma: dict[str, dict[str, str]] | None = None

    def refusal_for(self, code: str) -> str | None:
        """The rejection code (12x) for refusing ``code`` (longest prefix), or None."""
        for n in range(len(code), 1, -1):
            if self.refusal_map and code[:n] in self.refusal_map:
                return self.refusal_map[code[:n]]
        return None

    def code_for(self, code: str) -> str | None:
        """The intent/threat code for ``code`` (longest prefix), or None."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.mapping:
                return self.mapping[code[:n]]
        return None


@lru_cache(maxsize=1)
def intent_table() -> IntentTable:
    where = "dyadwatch/data/patterns/intent_codes.json"
    try:
        data = json.loads(data_path("patterns", "intent_codes.json").read_text(encoding="utf-8"))
        mapping = {str(k): (str(v) if v else None) for k, v in data["map"].items()}
        table = IntentTable(frozenset(data["future_aux"]), frozenset(data["conditional_aux"]),
                            frozenset(data["governors"]),
                             frozenset(data.get("threat_governors", ())), mapping,
                            frozenset(data.get("refusal_governors", ())),
                            {str(k): str(v) for k, v in data.get("refusal_map", {}).items()},
                            frozenset(data.get("if_modals", ())),
                            {str(k): {str(w): str(c) for w, c in v.items()}
                             for k, v in data.get("by_lemma", {}).items()})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot load {where}: {exc}") from exc
    lemma_codes = [(k, c) for k, v in (table.by_lemma or {}).items() for c in v.values()]
    for k, v in list(mapping.items()) + list((table.refusal_map or {}).items()) + lemma_codes:
        if v is not None:
            try:
                lookup(v)
            except ConfigError:
                raise ConfigError(f"{where}: unknown CAMEO code {v!r} for {k!r}") from None
    return table


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in lexicon().negations and c.dep_ in ("advmod", "neg")
               for c in tok.children)


def is_intent_statement(anchor: Token, table: IntentTable | None = None,
                        hostile: bool = False) -> bool:
    """True when ``anchor`` is an action the subject announces, promises or threatens
    (``hostile``: the action is coercive, so only threat governors count)."""
    t = table or intent_table()
    if _negated(anchor):
        return False
    auxes = [c for c in anchor.children if c.dep_ == "aux"]
    words = {c.lower_ for c in auxes}
    if words & t.future_aux:
        return True
    if "have" in {c.lemma_ for c in auxes}:
        words = set()  # "would have attacked": a counterfactual, no statement of intent
    if words & t.conditional_aux and anchor.dep_ == "ccomp":
        return True  # reported future: "Israel announced it would free ..."
    if words & (t.conditional_aux | t.if_modals):
        # "would attack if ...", "may halt its mediation if cooperation founders"
        return _has_condition(anchor)
    gov = intent_governor(anchor, t, hostile)
    return gov is not None and not _negated(gov)


def _has_condition(verb: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                         for m in c.children) for c in verb.children)


def intent_governor(anchor: Token, table: IntentTable | None = None,
                    hostile: bool = False) -> Token | None:
    """The verb or adjective stating the intention whose complement ``anchor`` is
    ("*vowed* to strike", "is *willing* to withdraw", "*offered* to mediate"), or None."""
    t = table or intent_table()
    govs = t.threat_governors if hostile else t.governors
    if anchor.head.lemma_.lower() not in govs or anchor.head is anchor:
        return None
    if anchor.dep_ == "xcomp":
        return anchor.head
    # "threatened on Monday to resume attacks": with a word between, the parser often
    # attaches the infinitive as an adverbial clause; it is still the complement
    if anchor.dep_ == "advcl" and anchor.i > anchor.head.i and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        return anchor.head
    return None


def intent_code(anchor: Token, code: str) -> str | None:
    """The 03x/13x code replacing ``code`` when ``anchor`` states an intention, else None."""
    if code[:2] in ("03", "13"):
        return None
    t = intent_table()
    new = t.code_for(code)
    if new is None:
        new = (t.by_lemma or {}).get(code, {}).get(anchor.lemma_.lower())
    if new is None or not is_intent_statement(anchor, t, hostile=new.startswith("13")):
        return None
    return new


def refusal_code(anchor: Token, code: str) -> tuple[str, Token] | None:
    """ "said it would not provide support", "refused to release the hostages": a negated
    statement of intent to cooperate is a rejection (12x), made by the refusing word or
    the reporting verb.  Returns (code, the word that states the refusal) or None."""
    t = intent_table()
    new = t.refusal_for(code)
    if new is None:
        return None
    if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in t.refusal_governors \
            and not _negated(anchor.head):
        return new, anchor.head
    if not _negated(anchor):
        return None
    words = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    if words & (t.future_aux | t.conditional_aux) and anchor.dep_ == "ccomp":
        return new, anchor.head  # "Obama said he would not provide support to Israel"
    gov = intent_governor(anchor, t)
    if gov is not None:  # "pledged not to release"
        return new, gov
    return None
