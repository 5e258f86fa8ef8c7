"""Code a stream of documents on several cores, in input order (part of the "jobs" layer).

``code_ordered`` is the one entry point.  It takes ``(key, Document | None)`` pairs and
yields ``(key, document, outcome)`` in the same order; ``outcome`` is a ``Result``, a
``CodingFailure``, or None for an item that carries no document (a bad input line the
caller reports in its place).

* ``workers=1`` codes in this process with the caller's ``Pipeline``.
* ``workers=N`` starts N processes (``spawn``: a fresh interpreter, no forked threads);
  each builds its own ``Pipeline(settings)`` once, so the model, dictionaries and
  gazetteer are loaded once per worker and never pickled.  The parent only reads,
  sends batches and receives results: it stays the single writer of any store.

Either way the stream is cut into the same batches (``BATCH_DOCUMENTS`` documents or
``BATCH_CHARS`` characters, whichever comes first), each parsed by one ``nlp.pipe``
call, so a document's outcome does not depend on the number of workers.  At most
``2 * workers`` batches are in flight, so memory stays bounded on any input length.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import DyadwatchError
from .model import Document, Result
from .pipeline import CodingFailure, Pipeline, Settings

K = TypeVar("K")

#: a batch holds at most this many documents ...
BATCH_DOCUMENTS = 64
#: ... and at most this many characters of body (a long article fills a batch alone)
BATCH_CHARS = 150_000


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class WorkerStats:
    """What the workers did: seconds per stage (summed over workers), and the peak
    resident memory of each worker process (MiB, by process id)."""

    stage_seconds: Counter[str] = field(default_factory=Counter)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)
    batches: int = 0
    #: CPU seconds spent coding batches, summed over workers (a figure that the load
    #: of a shared machine disturbs less than wall time)
    cpu_seconds: float = 0.0


def code_ordered(items: Iterable[tuple[K, Document | None]], *, workers: int = 1,
                 settings: Settings | None = None, pipeline: Pipeline | None = None,
                 stats: WorkerStats | None = None,
                 batch_documents: int = BATCH_DOCUMENTS, batch_chars: int = BATCH_CHARS,
                 on_chunk: Callable[[Document, int, int], None] | None = None
                 ) -> Iterator[tuple[K, Document | None, Result | CodingFailure | None]]:
    """Code every document of ``items``; yield ``(key, document, outcome)`` in input order.

    workers (int): processes to code in; 1 codes in this process with ``pipeline``
        (built from ``settings`` when not given).
    settings (Settings): what each worker process builds its ``Pipeline`` from (with
        ``workers > 1``; default: ``pipeline.settings`` or the defaults).  A pipeline
        built with a non-default ``ActorDictionary`` can only code with ``workers=1``.
    stats (WorkerStats): filled with per-stage seconds and each worker's peak memory.
    on_chunk: ``on_chunk(document, done, total)`` after each chunk of a document long
        enough to be coded in chunks (``Pipeline.process``); with ``workers=1`` only.

    Raises ``DyadwatchError`` if a worker process dies (e.g. killed for lack of memory).
    """
    if workers < 1:
        raise DyadwatchError(f"workers must be 1 or more, not {workers}")
    batches = _batches(items, batch_documents, batch_chars)
    if workers == 1:
        p = pipeline or Pipeline(settings)
        for batch in batches:
            outcomes = _code_here(p, batch, stats, on_chunk)
            yield from _merge(batch, outcomes)
        return
    conf = settings or (pipeline.settings if pipeline is not None else Settings())
    ctx = multiprocessing.get_context("spawn")
    pending: deque[tuple[list[tuple[K, Document | None]], Future[Any]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        try:
            for batch in batches:
                docs = [d for _, d in batch if d is not None]
                pending.append((batch, pool.submit(_code_remote, conf, docs) if docs
                                else _done()))
                while len(pending) > 2 * workers:
                    yield from _collect(pending.popleft(), stats)
            while pending:
                yield from _collect(pending.popleft(), stats)
        except BrokenProcessPool as exc:
            raise DyadwatchError("a coding worker process died (out of memory?); "
                                 "run again with fewer --workers") from exc
        finally:
            for _, fut in pending:
                fut.cancel()


# -- batching and merging (the same for any number of workers) ----------------

def _batches(items: Iterable[tuple[K, Document | None]], max_docs: int, max_chars: int
             ) -> Iterator[list[tuple[K, Document | None]]]:
    batch: list[tuple[K, Document | None]] = []
    n_docs = n_chars = 0
    for key, doc in items:
        if doc is not None and n_docs and (n_docs >= max_docs
                                           or n_chars + len(doc.body) > max_chars):
            yield batch
            batch, n_docs, n_chars = [], 0, 0
        batch.append((key, doc))
        if doc is not None:
            n_docs += 1
            n_chars += len(doc.body)
    if batch:
        yield batch


def _merge(batch: list[tuple[K, Document | None]], outcomes: list[Result | CodingFailure]
           ) -> Iterator[tuple[K, Document | None, Result | CodingFailure | None]]:
    it = iter(outcomes)
    for key, doc in batch:
        yield key, doc, (next(it) if doc is not None else None)


def _code_here(p: Pipeline, batch: list[tuple[Any, Document | None]],
               stats: WorkerStats | None,
               on_chunk: Callable[[Document, int, int], None] | None = None
               ) -> list[Result | CodingFailure]:
    docs = [d for _, d in batch if d is not None]
    if not docs:
        return []
    before = Counter(p.stage_seconds)
    cpu = time.process_time()
    outcomes = p.code_batch(docs, on_chunk=on_chunk)
    if stats is not None:
        stats.cpu_seconds += time.process_time() - cpu
        stats.stage_seconds.update(p.stage_seconds - before)
        stats.peak_rss_mb[os.getpid()] = _peak_rss_mb()
        stats.batches += 1
    return outcomes


def _collect(entry: tuple[list[tuple[K, Document | None]], Future[Any]],
             stats: WorkerStats | None
             ) -> Iterator[tuple[K, Document | None, Result | CodingFailure | None]]:
    batch, fut = entry
    outcomes, seconds, pid, rss, cpu = fut.result()
    if stats is not None and pid:
        stats.cpu_seconds += cpu
        stats.stage_seconds.update(seconds)
        stats.peak_rss_mb[pid] = max(rss, stats.peak_rss_mb.get(pid, 0.0))
        stats.batches += 1
    yield from _merge(batch, outcomes)


def _done() -> Future[Any]:
    fut: Future[Any] = Future()
    fut.set_result(([], Counter(), 0, 0.0, 0.0))
    return fut


def _peak_rss_mb() -> float:
    """This process's peak resident memory (MiB).  ``VmHWM`` rather than ``ru_maxrss``,
    which a spawned process inherits from its parent across ``exec``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- inside a worker process --------------------------------------------------

_WORKER: dict[str, Pipeline] = {}  # this worker process's pipeline, built once


def _code_remote(settings: Settings, docs: list[Document]
                 ) -> tuple[list[Result | CodingFailure], Counter[str], int, float, float]:
    # built on the first batch rather than in a pool initializer: an error while loading
    # (a missing model, a bad pattern file) then reaches the parent as itself
    p = _WORKER.get("pipeline")
    if p is None or p.settings != settings:
        p = _WORKER["pipeline"] = Pipeline(settings)
    before = Counter(p.stage_seconds)
    cpu = time.process_time()
    outcomes = p.code_batch(docs)
    return (outcomes, p.stage_seconds - before, os.getpid(), _peak_rss_mb(),
            time.process_time() - cpu)
