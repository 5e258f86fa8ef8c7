"""Actor coding: find CAMEO actors (IRNGOV, PAKMIL, PAKINS, IGOUNO ...) in parsed text.

Public interface (used by the pipeline and the event coder)::

    ActorDictionary.default()                       # shipped dictionaries, cached
    ActorDictionary.from_petrarch_files(actors, agents)
    ActorDictionary.tag(doc, when) -> list[Mention]
    ActorDictionary.entity_patterns() -> list[dict]

Data: ``dyadwatch/data/actors/`` (see SOURCES.md there); conventions and
measurements: ``docs/eval/actors.md``.
"""

from __future__ import annotations

from .dictionary import ActorDictionary, Mention

__all__ = ["ActorDictionary", "Mention"]
