"""The event keys the coder tests compare (not a test module): one helper for the test files
that code a sentence with the whole pipeline and check (source, target, code) triples."""

from __future__ import annotations

from dyadwatch.ingest import document_from_text


def event_keys(pipeline, text: str, factual: bool = True, *, actors: str = "country",
               root: bool = False) -> set[tuple]:
    """``(source, target, code)`` of the events ``pipeline`` codes in ``text``: actors by
    ``actors`` ("country" or "code"; a missing target is None), the code in full or, with
    ``root``, its two-digit root; only factual events unless ``factual`` is False."""
    res = pipeline.process(document_from_text(text))
    return {(getattr(e.source, actors), getattr(e.target, actors) if e.target else None,
             e.cameo[:2] if root else e.cameo)
            for e in res.events if e.factual or not factual}
