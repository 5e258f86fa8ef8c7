"""Event modality (PLACEHOLDER: replaced by the modality work of issue 6)."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Event


def assign_modality(events: list[Event], doc: Doc) -> None:
    return None
