"""What runs on the executors: reading, coding and consolidating, one partition at a time.

Every function here is a plain module-level function, so Spark pickles it by reference
and the executor imports this module.  Nothing heavy is ever pickled: the driver
broadcasts the plain ``Settings`` values (a dict of strings, tuples and booleans), and
each executor's Python worker builds its ``Pipeline`` (spaCy model, dictionaries,
gazetteer) the first time a partition needs it, then keeps it in ``_PIPELINES`` for
every later partition it runs (PySpark reuses its Python workers by default,
``spark.python.worker.reuse``).

Records moving between stages are plain tuples:

* read: ``(ordinal, Document | Rejection)``; ``ordinal`` is the input order
  (file number << 32 | item number), which decides which copy of a ``doc_id`` is kept,
  as the first one read is on a single machine;
* coded: ``Coded`` (one per document, or one per rejection).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DyadwatchError
from ..model import Document, Rejection
from ..pipeline import Pipeline, Settings
from ..store import consolidate as cons
from ..store.duck import coder_id
from ..store.rows import EVENT_COLUMN_NAMES, row_to_event, row_values
from .schema import TABLES

#: settings (as a sorted tuple of items) -> the pipeline this Python worker built for them
_PIPELINES: dict[tuple[tuple[str, Any], ...], Pipeline] = {}
#: how many pipelines this process has built (read by the tests: one per process)
LOADS = {"count": 0}

_ITEM_BITS = 32


class Coded(NamedTuple):
    """One document's output rows (each in its table's column order), or one rejection."""

    ordinal: int
    document: tuple | None
    sentences: list[tuple]
    reports: list[tuple]
    coder: tuple | None
    rejection: tuple | None


def settings_dict(settings: Settings) -> dict[str, Any]:
    """The plain values of ``settings`` (what the driver broadcasts)."""
    return {"model": settings.model, "max_bytes": settings.max_bytes,
            "pattern_files": tuple(settings.pattern_files),
            "discard_files": tuple(settings.discard_files), "discards": settings.discards}


def pipeline_for(values: dict[str, Any]) -> Pipeline:
    """This process's pipeline for these settings, built on first use."""
    key = tuple(sorted(values.items()))
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(Settings(**values))
        LOADS["count"] += 1
    return _PIPELINES[key]


def loads_in_this_worker(_: Iterable[Any]) -> Iterator[tuple[int, int, float]]:
    """(process id, pipelines built, peak resident MB) of the Python worker running this
    partition."""
    import resource

    yield os.getpid(), LOADS["count"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- reading ----------------------------------------------------------------
def read_files(max_bytes: int, files: Iterable[tuple[int, str, bool]]
               ) -> Iterator[tuple[int, Document | Rejection]]:
    """Read input files with the ingest readers (``ingest.reader.read_file``, the same
    call ``read_path`` makes): ``(file number, path, read as part of a folder)`` in,
    ``(ordinal, Document | Rejection)`` out."""
    from ..ingest import IngestOptions
    from ..ingest.reader import read_file

    opts = IngestOptions(max_bytes=max_bytes)
    for number, path, in_folder in files:
        for n, item in enumerate(read_file(Path(path), opts, in_folder=in_folder)):
            yield (number << _ITEM_BITS) | n, item


def dedup_key(item: tuple[int, Document | Rejection]) -> tuple[str, tuple[int, Any]]:
    """Documents are keyed by ``doc_id`` (one copy of an id is coded); rejections by
    their ordinal (all kept)."""
    ordinal, obj = item
    key = obj.doc_id if isinstance(obj, Document) else f"\0rejection:{ordinal}"
    return key, item


def first_read(a: tuple[int, Any], b: tuple[int, Any]) -> tuple[int, Any]:
    """Of two copies of a document, the one read first (as ``jobs.run`` keeps it)."""
    return a if a[0] <= b[0] else b


# -- coding -------------------------------------------------------------------
def _coerce(table: str, row: list[Any]) -> tuple:
    """Python values Spark's strict row check accepts (an int in a DOUBLE column...)."""
    out = list(row)
    for i, (_, duck) in enumerate(TABLES[table]):
        v = out[i]
        if v is None:
            continue
        if duck == "DOUBLE":
            out[i] = float(v)
        elif duck in ("INTEGER", "BIGINT"):
            out[i] = int(v)
    return tuple(out)


def document_row(doc: Document, ordinal: int) -> tuple:
    return _coerce("documents", [
        doc.doc_id, doc.content_hash, doc.url, doc.outlet, doc.title, list(doc.authors),
        doc.published, doc.published_from, doc.language, doc.body, doc.source_path,
        json.dumps(doc.meta, ensure_ascii=False, default=str, sort_keys=True), ordinal])


def code_partition(settings: Any, items: Iterable[tuple[str, tuple[int, Any]]]
                   ) -> Iterator[Coded]:
    """Code one partition of ``(key, (ordinal, Document | Rejection))`` records.

    ``settings`` is the broadcast of ``settings_dict``.  A document the pipeline
    cannot code becomes a rejection, as in ``jobs.run``; the partition goes on."""
    values = settings.value if hasattr(settings, "value") else settings
    pipeline: Pipeline | None = None
    for _key, (ordinal, obj) in items:
        if isinstance(obj, Rejection):
            yield Coded(ordinal, None, [], [], None, (obj.where, obj.stage, obj.reason))
            continue
        if pipeline is None:
            pipeline = pipeline_for(values)
        where = obj.source_path or obj.doc_id
        try:
            result = pipeline.process(obj)
        except DyadwatchError as exc:
            yield Coded(ordinal, None, [], [], None, (where, "pipeline", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the job
            yield Coded(ordinal, None, [], [], None,
                        (where, "pipeline", f"internal error {type(exc).__name__}: {exc} "
                                            "(please report)"))
            continue
        cid = coder_id(result.coder) if result.coder else None
        coder = None
        if cid:
            coder = (cid, result.coder.get("dyadwatch"),
                     json.dumps(result.coder, ensure_ascii=False, default=str, sort_keys=True))
        yield Coded(
            ordinal, document_row(obj, ordinal),
            [_coerce("sentences", [s.doc_id, s.index, s.text, s.start, s.end])
             for s in result.sentences],
            [_coerce("reports", row_values(ev) + [cons.block_key(ev), cid])
             for ev in result.events],
            coder, None)


def documents_of(c: Coded) -> list[tuple]:
    return [c.document] if c.document is not None else []


def sentences_of(c: Coded) -> list[tuple]:
    return c.sentences


def reports_of(c: Coded) -> list[tuple]:
    return c.reports


def coders_of(c: Coded) -> list[tuple[str, tuple]]:
    return [(c.coder[0], c.coder)] if c.coder is not None else []


def rejections_of(c: Coded) -> list[tuple]:
    return [c.rejection] if c.rejection is not None else []


def counts_of(c: Coded) -> tuple[int, int, int, int]:
    """(documents, sentences, reports, rejections) of one record."""
    return (int(c.document is not None), len(c.sentences), len(c.reports),
            int(c.rejection is not None))


def add_counts(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b))


def keep_one(a: tuple, b: tuple) -> tuple:
    return min(a, b)


# -- document sources -----------------------------------------------------------
_DOC = {name: i for i, (name, _) in enumerate(TABLES["documents"])}


def by_content(row: tuple) -> tuple[str, tuple]:
    """A document row keyed by its content hash (the exact-duplicate key)."""
    return row[_DOC["content_hash"]], tuple(row[_DOC[c]] for c in (
        "seq", "doc_id", "url", "outlet", "published", "source_path"))


def source_rows(item: tuple[str, Iterable[tuple]]) -> list[tuple]:
    """``document_sources`` rows of the documents sharing one body: each is its own
    ``original``, and each copy links from the first one read (``exact-duplicate``), as
    the store records them.  Near-duplicate links are not made here (see docs/scale.md)."""
    _hash, docs = item
    ordered = sorted(docs)
    out = []
    for i, (_seq, doc_id, url, outlet, published, path) in enumerate(ordered):
        out.append((doc_id, doc_id, "original", url, outlet, published, path, 1.0))
        if i:
            out.append((ordered[0][1], doc_id, "exact-duplicate", url, outlet, published, path,
                        1.0))
    return out


# -- consolidation -------------------------------------------------------------
_BLOCK = len(EVENT_COLUMN_NAMES)


def by_block(row: tuple) -> tuple[str, tuple]:
    """A report row keyed by its consolidation block (``consolidate.block_key``)."""
    return row[_BLOCK], row


def consolidate_rows(item: tuple[str, Iterable[tuple]]) -> tuple[list[tuple], list[tuple]]:
    """The canonical events of one block and their report links, as rows.

    The reports are read back through ``rows.row_to_event``, exactly as the store reads
    its stored reports before consolidating, and consolidated by the store's own pure
    function (``consolidate.consolidate_block``): same events, same ids."""
    _block, rows = item
    reports = [row_to_event(dict(zip(EVENT_COLUMN_NAMES, r))) for r in rows]
    events, links = [], []
    for ev, members in cons.consolidate_block(reports):
        # the same extras as ``store.duck.insert_events``
        events.append(_coerce("events", row_values(ev) + [cons.block_key(ev), len(members),
                                                          len(ev.sources), list(ev.sources)]))
        links.extend((ev.event_id, m.event_id, m.doc_id) for m in members)
    return events, links


def events_of(pair: tuple[list[tuple], list[tuple]]) -> list[tuple]:
    return pair[0]


def links_of(pair: tuple[list[tuple], list[tuple]]) -> list[tuple]:
    return pair[1]
