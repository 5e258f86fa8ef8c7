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
                             frozenset(data.get("threat_governors", ())), mapping)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot load {where}: {exc}") from exc
    for k, v in mapping.items():
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
    if words & t.conditional_aux and "have" not in {c.lemma_ for c in auxes}:
        if anchor.dep_ == "ccomp":  # reported future: "Israel announced it would free ..."
            return True
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                              for m in c.children) for c in anchor.children)
    govs = t.threat_governors if hostile else t.governors
    if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in govs:
        return not _negated(anchor.head)
    return False


def intent_code(anchor: Token, code: str) -> str | None:
    """The 03x/13x code replacing ``code`` when ``anchor`` states an intention, else None."""
    if code[:2] in ("03", "13"):
        return None
    t = intent_table()
    new = t.code_for(code)
    if new is None or not is_intent_statement(anchor, t, hostile=new.startswith("13")):
        return None
    return new
