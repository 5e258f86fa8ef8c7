"""Event dates (PLACEHOLDER: replaced by the dates work of issue 6)."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Document, Event


def assign_dates(events: list[Event], doc: Doc, document: Document) -> None:
    for ev in events:
        ev.date, ev.date_precision = document.published, "article"
