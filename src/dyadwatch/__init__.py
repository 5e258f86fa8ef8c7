"""dyadwatch: turn news articles into political event data and watch country dyads.

Public Python API (pinned by tests/test_public_api.py)::

    import dyadwatch
    result = dyadwatch.extract(path="article.txt")     # Result(document, events, notices)
    result = dyadwatch.extract(text="Iran recalled its ambassador ...", published="2024-01-17")
    for ev in result.events:
        print(ev.to_dict())

    with dyadwatch.Store("crisis.duckdb", read_only=True) as store:
        events = store.events(dyad="IRN-PAK", since="2024-01-01")   # canonical events
        q = dyadwatch.EventQuery(dyad="IRN>PAK", roots=["19"], sort="-goldstein")
        table = store.events_table(q)                            # the same as Arrow
"""

from __future__ import annotations

from typing import Any

from .errors import (
    ConfigError,
    DateError,
    DyadwatchError,
    EncodingError,
    ExtractionError,
    InputError,
    InputTooLarge,
    QueryError,
    StoreBusy,
    StoreError,
)
from .model import Actor, Document, Event, Location, Modality, Rejection, Result, Sentence

__version__ = "0.2.0.dev0"

__all__ = [
    "Actor", "ConfigError", "DateError", "Document", "Dyad", "DyadwatchError", "EncodingError",
    "Event", "EventQuery", "ExtractionError", "InputError", "InputTooLarge", "Location",
    "Modality", "Pipeline", "QueryError", "Rejection", "Result", "Sentence", "Store",
    "StoreBusy", "StoreError", "extract", "run",
]


def extract(source: Any = None, /, *, text: Any = None, html: Any = None, path: Any = None,
            published: Any = None, **kwargs: Any) -> Result:
    """Code one document: ``extract(text=...)``, ``extract(html=...)``,
    ``extract(path=...)`` or ``extract(Path("article.txt"))``; see ``dyadwatch.jobs.extract``.
    A mistyped file name raises ``InputError``, a bad ``published`` ``DateError``."""
    from .jobs import extract as _extract

    return _extract(source, text=text, html=html, path=path, published=published, **kwargs)


def run(paths: Any, db: Any = "dyadwatch.duckdb", **kwargs: Any) -> Any:
    """Ingest, code and store files/folders into a DuckDB store; returns a RunSummary."""
    from .jobs import run as _run
    from .store import Store as _Store

    with _Store(db) as store:
        return _run(list(paths) if isinstance(paths, (list, tuple)) else [paths], store, **kwargs)


def __getattr__(name: str) -> Any:  # lazy: importing dyadwatch must not load spaCy
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name in ("Store", "EventQuery", "Dyad"):
        from . import store

        return getattr(store, name)
    raise AttributeError(name)
