"""Event coding (PLACEHOLDER: replaced by the coder work of issue 5)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import ActorDictionary, Mention
from ..model import Document, Event, Sentence
from .codebook import lookup

__all__ = ["Coder", "lookup"]


class Coder:
    def __init__(self, actors: ActorDictionary) -> None:
        self.actors = actors

    def code(self, doc: Doc, mentions: list[Mention], document: Document,
             sentences: list[Sentence]) -> list[Event]:
        return []
