"""Actor coding (PLACEHOLDER: replaced by the actors work of issue 5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc

from .model import Actor


@dataclass
class Mention:
    start: int  # token index in the spaCy Doc (inclusive)
    end: int  # token index (exclusive)
    actor: Actor
    kind: str  # country | capital | demonym | group | igo | person | office | agent | coref


class ActorDictionary:
    def __init__(self, names: dict[str, Actor]) -> None:
        self.names = names

    @classmethod
    def default(cls) -> ActorDictionary:
        table = {"iran": Actor("IRN", "IRN", None), "tehran": Actor("IRNGOV", "IRN", "GOV"),
                 "pakistan": Actor("PAK", "PAK", None), "islamabad": Actor("PAKGOV", "PAK", "GOV")}
        return cls(table)

    def entity_patterns(self) -> list[dict[str, Any]]:
        return []

    def tag(self, doc: Doc, when: date | None = None) -> list[Mention]:
        out = []
        for tok in doc:
            a = self.names.get(tok.lower_)
            if a:
                out.append(Mention(tok.i, tok.i + 1, Actor(a.code, a.country, a.role, tok.text,
                                                           (tok.idx, tok.idx + len(tok))), "country"))
        return out
