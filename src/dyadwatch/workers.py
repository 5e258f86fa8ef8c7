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

Two things keep the parent (the reader, and for ``run`` the single writer) from taking
CPU the workers need:

* an item may carry a ``Deferred`` document instead of a ``Document``: a picklable recipe
  (e.g. a JSONL record and ``ingest.containers.jsonl_record``) that the worker turns into
  the document before coding it, so cleaning the text happens on the workers' cores;
* a ``WorkerPool`` can be started (every worker's pipeline built) before coding and
  kept for several calls, so a long-lived caller pays the model loads once.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

from . import errors as errors_mod
from .errors import DyadwatchError, InputError
from .model import Document, Result
from .pipeline import CodingFailure, Pipeline, Settings

K = TypeVar("K")

#: a batch holds at most this many documents ...
BATCH_DOCUMENTS = 64
#: ... and at most this many characters of body (a long article fills a batch alone)
BATCH_CHARS = 150_000
#: seconds a ``WorkerPool.start`` waits for every worker to build its pipeline
START_TIMEOUT = 900.0


@dataclass(frozen=True)
class Deferred:
    """A document to be built where it is coded: ``make(*args)`` returns the
    ``Document`` (or raises ``InputError``).  ``make`` must be a module-level function
    and ``args`` picklable, so a worker process can build it.

    make: the function building the document (``ingest.containers.jsonl_record``).
    args: its arguments.
    size (int): characters of text, for cutting batches (the same for any number of
        workers, so batches do not depend on it).
    where (str): the input position named by an error while building.
    """

    make: Callable[..., Document]
    args: tuple[Any, ...]
    size: int
    where: str

    def build(self) -> Document | CodingFailure:
        """The document, or the failure to build it (as ``CodingFailure``, with the
        ``InputError`` class name in ``error_type``)."""
        try:
            return self.make(*self.args)
        except InputError as exc:
            return CodingFailure(str(exc), type(exc).__name__, where=exc.where,
                                 reason=exc.reason)
        except DyadwatchError as exc:
            return CodingFailure(str(exc), "InputError", where=self.where, reason=str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop a batch
            return CodingFailure(str(exc), "InputError", where=self.where,
                                 reason=f"internal error {type(exc).__name__}: {exc} "
                                        "(please report)")


#: what an item of ``code_ordered`` may carry
Item = Union[Document, Deferred, None]


def input_error(failure: CodingFailure) -> InputError:
    """The ``InputError`` (of its own class: ``InputTooLarge``, ``ExtractionError``...)
    behind a failure that names its input (``where`` and ``reason`` set)."""
    assert failure.where is not None and failure.reason is not None
    cls = getattr(errors_mod, failure.error_type, None)
    if not (isinstance(cls, type) and issubclass(cls, InputError)):
        cls = InputError
    return cls(failure.where, failure.reason)


@dataclass(frozen=True)
class Annotated:
    """A ``Result`` with what ``code_ordered(..., annotate=f)`` computed from its document
    on the process that coded it (e.g. the near-duplicate signature ``run`` stores)."""

    result: Result
    note: Any


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
    #: seconds each worker took to build its pipeline (by process id)
    build_seconds: dict[int, float] = field(default_factory=dict)


class WorkerPool:
    """``workers`` coding processes, each with its own ``Pipeline(settings)``, kept
    between calls of ``code_ordered(..., pool=pool)``.

    ``start()`` spawns them all and waits until each has built its pipeline (the model
    loads happen in parallel, once); without it, each worker builds its pipeline on its
    first batch.  Use it as a context manager, or call ``close()``.
    """

    def __init__(self, workers: int, settings: Settings | None = None) -> None:
        if workers < 2:
            raise DyadwatchError(f"a worker pool needs 2 or more workers, not {workers}")
        self.workers = workers
        self.settings = settings or Settings()
        ctx = multiprocessing.get_context("spawn")
        self._barrier = ctx.Barrier(workers)
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                             initializer=_init_worker,
                                             initargs=(self._barrier,))
        self.build_seconds: dict[int, float] = {}

    def start(self, timeout: float = START_TIMEOUT) -> float:
        """Spawn every worker and build its pipeline; returns the seconds it took.
        Raises the error a worker met while building (``ConfigError``...)."""
        t = time.perf_counter()
        futs = [self._executor.submit(_ready, self.settings, timeout)
                for _ in range(self.workers)]
        errors: list[BaseException] = []
        for fut in futs:
            try:
                pid, secs = fut.result()
                self.build_seconds[pid] = secs
            except threading.BrokenBarrierError:
                pass  # another worker failed: its own error is raised below
            except BrokenProcessPool as exc:
                raise DyadwatchError("a coding worker process died while loading the "
                                     "pipeline (out of memory?); run again with fewer "
                                     "--workers") from exc
            except BaseException as exc:  # noqa: BLE001 - re-raised below
                errors.append(exc)
        if errors:
            raise errors[0]
        if len(self.build_seconds) < self.workers:
            raise DyadwatchError(f"only {len(self.build_seconds)} of {self.workers} coding "
                                 f"workers started within {timeout:.0f} s")
        return time.perf_counter() - t

    def submit(self, docs: list[Document | Deferred],
               annotate: Callable[[Document], Any] | None = None) -> Future[Any]:
        return self._executor.submit(_code_remote, self.settings, docs, annotate)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def code_ordered(items: Iterable[tuple[K, Item]], *, workers: int = 1,
                 settings: Settings | None = None, pipeline: Pipeline | None = None,
                 stats: WorkerStats | None = None,
                 batch_documents: int = BATCH_DOCUMENTS, batch_chars: int = BATCH_CHARS,
                 on_chunk: Callable[[Document, int, int], None] | None = None,
                 pool: WorkerPool | None = None,
                 annotate: Callable[[Document], Any] | None = None
                 ) -> Iterator[tuple[K, Document | None,
                                     Result | Annotated | CodingFailure | None]]:
    """Code every document of ``items``; yield ``(key, document, outcome)`` in input order.

    An item carries a ``Document``, a ``Deferred`` one (built by the process that codes
    it; ``document`` is then the built one, or None when building failed and
    ``outcome`` is that ``CodingFailure``), or None (no document: the outcome is None).

    workers (int): processes to code in; 1 codes in this process with ``pipeline``
        (built from ``settings`` when not given).
    settings (Settings): what each worker process builds its ``Pipeline`` from (with
        ``workers > 1``; default: ``pipeline.settings`` or the defaults).  A pipeline
        built with a non-default ``ActorDictionary`` can only code with ``workers=1``.
    stats (WorkerStats): filled with per-stage seconds and each worker's peak memory.
    on_chunk: ``on_chunk(document, done, total)`` after each chunk of a document long
        enough to be coded in chunks (``Pipeline.process``); with ``workers=1`` only.
    pool (WorkerPool): code in these (already started) processes, which stay open;
        ``workers`` and ``settings`` are then the pool's.
    annotate: a module-level function of a coded document, called by the process that
        coded it; each ``Result`` then comes as ``Annotated(result, annotate(document))``.
        It moves per-document work off a busy parent.

    Raises ``DyadwatchError`` if a worker process dies (e.g. killed for lack of memory).
    """
    if pool is not None:
        workers = pool.workers
    if workers < 1:
        raise DyadwatchError(f"workers must be 1 or more, not {workers}")
    batches = _batches(items, batch_documents, batch_chars)
    if workers == 1:
        p = pipeline or Pipeline(settings)
        for batch in batches:
            outcomes = _code_here(p, batch, stats, on_chunk, annotate)
            yield from _merge(batch, outcomes)
        return
    own = pool is None
    if pool is None:
        conf = settings or (pipeline.settings if pipeline is not None else Settings())
        pool = WorkerPool(workers, conf)
    pending: deque[tuple[list[tuple[K, Item]], Future[Any]]] = deque()
    try:
        for batch in batches:
            docs = [d for _, d in batch if d is not None]
            pending.append((batch, pool.submit(docs, annotate) if docs else _done()))
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
        if own:
            pool.close()


# -- batching and merging (the same for any number of workers) ----------------

def _size(doc: Document | Deferred) -> int:
    return doc.size if isinstance(doc, Deferred) else len(doc.body)


def _batches(items: Iterable[tuple[K, Item]], max_docs: int, max_chars: int
             ) -> Iterator[list[tuple[K, Item]]]:
    batch: list[tuple[K, Item]] = []
    n_docs = n_chars = 0
    for key, doc in items:
        if doc is not None and n_docs and (n_docs >= max_docs
                                           or n_chars + _size(doc) > max_chars):
            yield batch
            batch, n_docs, n_chars = [], 0, 0
        batch.append((key, doc))
        if doc is not None:
            n_docs += 1
            n_chars += _size(doc)
    if batch:
        yield batch


def _merge(batch: list[tuple[K, Item]], outcomes: list[Any]
           ) -> Iterator[tuple[K, Document | None, Result | Annotated | CodingFailure | None]]:
    it = iter(outcomes)
    for key, doc in batch:
        if doc is None:
            yield key, None, None
            continue
        outcome = next(it)
        if isinstance(doc, Deferred):
            built = (outcome.document if isinstance(outcome, Result) else
                     outcome.result.document if isinstance(outcome, Annotated) else None)
            yield key, built, outcome
        else:
            yield key, doc, outcome


def _code_docs(p: Pipeline, docs: list[Document | Deferred],
               on_chunk: Callable[[Document, int, int], None] | None = None,
               annotate: Callable[[Document], Any] | None = None
               ) -> list[Result | Annotated | CodingFailure]:
    """Build the deferred documents, code them all as one batch; outcomes in order."""
    built: list[Document | CodingFailure] = [d.build() if isinstance(d, Deferred) else d
                                             for d in docs]
    ok = [d for d in built if isinstance(d, Document)]
    coded = iter(p.code_batch(ok, on_chunk=on_chunk) if ok else [])
    out: list[Result | Annotated | CodingFailure] = []
    for d in built:
        outcome = next(coded) if isinstance(d, Document) else d
        if annotate is not None and isinstance(outcome, Result):
            out.append(Annotated(outcome, annotate(outcome.document)))
        else:
            out.append(outcome)
    return out


def _code_here(p: Pipeline, batch: list[tuple[Any, Item]],
               stats: WorkerStats | None,
               on_chunk: Callable[[Document, int, int], None] | None = None,
               annotate: Callable[[Document], Any] | None = None
               ) -> list[Result | Annotated | CodingFailure]:
    docs = [d for _, d in batch if d is not None]
    if not docs:
        return []
    before = Counter(p.stage_seconds)
    cpu = time.process_time()
    outcomes = _code_docs(p, docs, on_chunk, annotate)
    if stats is not None:
        stats.cpu_seconds += time.process_time() - cpu
        stats.stage_seconds.update(p.stage_seconds - before)
        stats.peak_rss_mb[os.getpid()] = _peak_rss_mb()
        stats.batches += 1
    return outcomes


def _collect(entry: tuple[list[tuple[K, Item]], Future[Any]],
             stats: WorkerStats | None
             ) -> Iterator[tuple[K, Document | None, Result | CodingFailure | None]]:
    batch, fut = entry
    outcomes, seconds, pid, rss, cpu, build = fut.result()
    if stats is not None and pid:
        stats.cpu_seconds += cpu
        stats.stage_seconds.update(seconds)
        stats.peak_rss_mb[pid] = max(rss, stats.peak_rss_mb.get(pid, 0.0))
        stats.batches += 1
        if build is not None:
            stats.build_seconds[pid] = build
    yield from _merge(batch, outcomes)


def _done() -> Future[Any]:
    fut: Future[Any] = Future()
    fut.set_result(([], Counter(), 0, 0.0, 0.0, None))
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

_WORKER: dict[str, Any] = {}  # this worker process's pipeline (built once) and barrier


def _init_worker(barrier: Any) -> None:
    _WORKER["barrier"] = barrier


def _pipeline(settings: Settings) -> tuple[Pipeline, float | None]:
    """This worker's pipeline, built on first use (rather than in the pool initializer,
    so an error while loading, such as a missing model or a bad pattern file, reaches the
    parent as itself); also the seconds the build took, when it happened now."""
    p = _WORKER.get("pipeline")
    if p is not None and p.settings == settings:
        return p, None
    t = time.perf_counter()
    p = _WORKER["pipeline"] = Pipeline(settings)
    return p, time.perf_counter() - t


def _ready(settings: Settings, timeout: float) -> tuple[int, float]:
    """Build this worker's pipeline, then wait for the others (``WorkerPool.start``)."""
    barrier = _WORKER["barrier"]
    t = time.perf_counter()
    try:
        _pipeline(settings)
    except BaseException:
        barrier.abort()  # the others stop waiting; this error reaches the parent
        raise
    secs = time.perf_counter() - t
    # every worker holds one of these tasks until all have built: none takes two
    barrier.wait(timeout)
    return os.getpid(), secs


def _code_remote(settings: Settings, docs: list[Document | Deferred],
                 annotate: Callable[[Document], Any] | None = None
                 ) -> tuple[list[Result | Annotated | CodingFailure], Counter[str], int, float,
                            float, float | None]:
    p, build = _pipeline(settings)
    before = Counter(p.stage_seconds)
    cpu = time.process_time()
    outcomes = _code_docs(p, docs, annotate=annotate)
    return (outcomes, p.stage_seconds - before, os.getpid(), _peak_rss_mb(),
            time.process_time() - cpu, build)
