"""The jobs behind the CLI verbs, as plain functions: extract, extract_jsonl, run, demo.

They return data and raise typed errors; printing is the CLI's business.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DyadwatchError, InputError, QueryError, StoreError
from .model import Document, Notice, Rejection, Result, notices_of
from .pipeline import (ChunkCursor, CodingFailure, Pipeline, Settings, chunk_document,
                       document_from_input, renumber_chunk)
from .store import SaveOutcome, Store, staging
from .text import chunks
from .workers import (Annotated, Deferred, WorkerPool, WorkerStats, code_ordered,
                      input_error)

_DEFAULT: dict[str, Pipeline] = {}


def default_pipeline() -> Pipeline:
    """A process-wide pipeline, built on first use (loading spaCy takes ~1 s)."""
    if "p" not in _DEFAULT:
        _DEFAULT["p"] = Pipeline()
    return _DEFAULT["p"]


def extract(source: str | Path | bytes | None = None, /, *, text: str | bytes | None = None,
            html: str | bytes | None = None, path: str | Path | None = None,
            published: date | str | None = None, pipeline: Pipeline | None = None,
            strict_encoding: bool = False, **meta: Any) -> Result:
    """Code one document without storing it: exactly one of ``text=`` (plain text),
    ``html=`` (a page), ``path=`` (one file), or a positional value (a ``Path`` is a
    path; a string is a path if it names a file, text if it reads like text, and an
    ``InputError`` if it looks like a file name that does not exist).

    Returns a ``Result`` with ``.document``, ``.events`` (all modalities; use
    ``event.factual`` or ``Result.to_dict(include_all=False)`` to keep facts only) and
    ``.notices`` (warnings about the input, such as a guessed charset).  Raises
    ``InputError`` and its subclasses ``DateError`` (``published``), ``EncodingError``,
    ``InputTooLarge`` and ``ExtractionError``; see ``docs/reliability.md``.
    """
    p = pipeline or default_pipeline()
    return p.process(document_from_input(source, published=published,
                                         max_bytes=p.settings.max_bytes, text=text, html=html,
                                         path=path, strict_encoding=strict_encoding, **meta))


def extract_submitted(body: str, kind: str = "text", published: date | str | None = None,
                      pipeline: Pipeline | None = None, **meta: Any) -> Result:
    """Code one submitted article (``kind`` "text" or "html"), never read as a file path.

    For text that arrives over a network (the web API): unlike ``extract``, a
    short string that happens to name a file on this machine is coded as text.
    ``published`` may be a date or an ISO date string (else ``DateError``).
    """
    if kind not in ("text", "html"):
        raise InputError("submission", f"kind {kind!r} is neither 'text' nor 'html'")
    p = pipeline or default_pipeline()
    # text= / html= are never read as a path; the size limit and the date check are
    # document_from_input's own
    return p.process(document_from_input(published=published, max_bytes=p.settings.max_bytes,
                                          **{kind: body}, **meta))


def store_result(store: Store, result: Result) -> Any:
    """Store one coded document as ``run`` would (near-duplicate signature included);
    returns the store's ``SaveOutcome``."""
    from .dedup import NearDuplicateIndex

    return store.save(result, NearDuplicateIndex().signature(result.document))


def extract_jsonl(path: str | Path, pipeline: Pipeline | None = None, workers: int = 1,
                  settings: Settings | None = None, stats: WorkerStats | None = None,
                  pool: WorkerPool | None = None
                  ) -> Iterator[tuple[int, dict[str, Any] | None, Result | InputError]]:
    """Code every line of a JSONL file, in order: yields (line number, record, result or error).

    A bad line yields an ``InputError`` naming the file and line; the rest go on.
    ``workers`` > 1 codes in that many processes (see ``dyadwatch.workers``), each
    building its pipeline from ``settings`` (default: ``pipeline.settings``); the
    results and their order are the same as with one.  The file is streamed.  A started
    ``pool`` (``workers.WorkerPool``) codes instead, and stays open.
    """
    from .ingest import IngestOptions
    from .ingest.containers import jsonl_record

    if pool is not None:
        workers, settings = pool.workers, pool.settings
    if workers == 1:
        pipeline = pipeline or (Pipeline(settings) if settings else default_pipeline())
    conf = settings or (pipeline.settings if pipeline is not None else Settings())
    opts = IngestOptions(max_bytes=conf.max_bytes)

    def records() -> Iterator[tuple[tuple[int, Any, InputError | None], Deferred | None]]:
        with open(path, "rb") as fh:
            for n, raw in enumerate(fh, start=1):
                where = f"{path}:{n}"
                if not raw.strip():
                    continue
                rec: dict[str, Any] | None = None
                try:
                    rec = json.loads(raw.decode("utf-8"))
                    # the record becomes a document (text cleaning...) on the process
                    # that codes it, not here: the reader keeps off the workers' cores
                    yield (n, rec, None), Deferred(jsonl_record, (rec, where, opts),
                                                   _record_size(rec, opts), where)
                except UnicodeDecodeError:
                    yield (n, rec, InputError(where, "line is not valid UTF-8")), None
                except json.JSONDecodeError as exc:
                    yield (n, rec, InputError(where, f"line is not JSON ({exc.msg})")), None
                except InputError as exc:
                    yield (n, rec, exc), None
                except DyadwatchError as exc:
                    yield (n, rec, InputError(where, str(exc))), None
                except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch
                    yield (n, rec, InputError(where, f"internal error {type(exc).__name__}: "
                                                     f"{exc} (please report)")), None

    for (n, rec, err), _doc, outcome in code_ordered(records(), workers=workers,
                                                     settings=conf, pipeline=pipeline,
                                                     stats=stats, pool=pool):
        if err is not None:
            yield n, rec, err
        elif isinstance(outcome, CodingFailure):
            where = f"{path}:{n}"
            yield n, rec, (input_error(outcome)
                           if outcome.where is not None and outcome.reason is not None
                           else InputError(where, outcome.describe()))
        else:
            assert isinstance(outcome, Result)
            yield n, rec, outcome


_SIGNER: dict[str, Any] = {}  # this process's NearDuplicateIndex (signatures only)


def near_signature(document: Document) -> list[int]:
    """The document's near-duplicate (MinHash) signature, as ``run`` stores it."""
    from .dedup import NearDuplicateIndex

    if "index" not in _SIGNER:
        _SIGNER["index"] = NearDuplicateIndex()
    return _SIGNER["index"].signature(document)  # type: ignore[no-any-return]


def _record_size(rec: Any, opts: Any) -> int:
    """Characters of a JSONL record's text (or HTML), for cutting coding batches."""
    if not isinstance(rec, dict):
        return 0
    return sum(len(v) for k in (opts.text_field, opts.html_field)
               if isinstance(v := rec.get(k), str))


@dataclass
class RunSummary:
    run_id: str
    documents: int = 0  # newly stored
    duplicates: int = 0  # of those, exact or near copies of a stored document
    known: int = 0  # inputs already in the store (same id, file or URL): nothing added
    sentences: int = 0
    reports: int = 0  # coded event reports stored
    events: int = 0  # canonical events created
    merged: int = 0  # reports that joined an event other documents report too
    seconds: float = 0.0  # wall time
    rejections: list[Rejection] = field(default_factory=list)
    #: inputs read with a warning (guessed charset, lenient feed, unreadable date)
    notices: list[Notice] = field(default_factory=list)
    #: inputs read (documents and rejections), and long documents coded in chunks
    inputs: int = 0
    chunked: int = 0

    def count(self, out: SaveOutcome) -> None:
        """Add what storing one document gave (``out``, its error already handled)."""
        if not out.stored:
            self.known += 1
            return
        self.documents += 1
        self.duplicates += out.duplicate_of is not None
        self.sentences += out.sentences
        self.reports += out.reports
        self.events += out.events_new
        self.merged += out.events_merged

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "documents": self.documents,
                "duplicates": self.duplicates, "known": self.known,
                "sentences": self.sentences, "reports": self.reports, "events": self.events,
                "merged_reports": self.merged, "rejections": len(self.rejections),
                "notices": len(self.notices), "inputs": self.inputs, "chunked": self.chunked,
                "seconds": round(self.seconds, 2)}


def input_files(paths: list[str | Path]) -> list[Path]:
    """The files a ``run`` over ``paths`` will read, in its order (folders walked with the
    same rules: hidden files and obvious non-inputs skipped).  Cheap: no file is opened,
    so progress can show a total before coding starts."""
    from .ingest.options import IngestOptions
    from .ingest.reader import iter_files
    from .ingest.sniff import is_project_file, kind_by_extension

    out: list[Path] = []
    opts = IngestOptions()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(f for f in iter_files(p, opts)
                       if kind_by_extension(f.name) != "skip" and not is_project_file(f.name))
        else:
            out.append(p)
    return out


#: a run writes to the store every this many documents, or this many seconds
BATCH_DOCUMENTS = 32
BATCH_SECONDS = 5.0


def run(paths: list[str | Path], store: Store, pipeline: Pipeline | None = None,
        on_item: Callable[[str], None] | None = None,
        batch_documents: int = BATCH_DOCUMENTS, batch_seconds: float = BATCH_SECONDS,
        on_chunk: Callable[[str, int, int], None] | None = None,
        strict_encoding: bool = False, workers: int = 1, settings: Settings | None = None,
        stats: WorkerStats | None = None, pool: WorkerPool | None = None) -> RunSummary:
    """Ingest, code and store files or folders.  Bad inputs become rejections; the run goes on.

    Coded documents are written in batches (``batch_documents`` documents or
    ``batch_seconds`` seconds, whichever comes first), each in one short
    transaction, so readers and other writers get the store between batches.
    ``on_item(where)`` is called for each input read, ``on_chunk(where, done, total)``
    after each chunk of a long document is coded (see ``Pipeline.process``).
    Warnings about an input (``Notice``) are stored in the ``notices`` table and listed
    in ``RunSummary.notices``; with ``strict_encoding`` an input that is not UTF-8 and
    declares no charset is rejected instead of decoded with a guess.

    ``workers`` > 1 codes in that many processes (see ``dyadwatch.workers``), each
    building its pipeline from ``settings`` (default: ``pipeline.settings``); this
    process reads the inputs and is the only one writing the store, in input order,
    so the store ends up the same as with one worker.  A started ``pool``
    (``workers.WorkerPool``) codes instead, and stays open.
    """
    from . import ingest

    if pool is not None:
        workers, settings = pool.workers, pool.settings
    if workers == 1:
        pipeline = pipeline or (Pipeline(settings) if settings else default_pipeline())
    conf = settings or (pipeline.settings if pipeline is not None else Settings())
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    started = datetime.now()
    t0 = time.perf_counter()
    batch: list[tuple[Result, list[int] | None]] = []
    batch_started = 0.0
    seen: set[str] = set()

    def reject(r: Rejection) -> None:
        summary.rejections.append(r)
        store.record_rejection(summary.run_id, r)

    def notice(n: Notice) -> None:
        summary.notices.append(n)
        store.record_notice(summary.run_id, n.where, n.stage, n.kind, n.message)

    def flush() -> None:
        for (res, _), out in zip(batch, store.save_many(batch)):
            doc = res.document
            if out.error:
                reject(Rejection(doc.source_path or doc.doc_id, "store", out.error))
            else:
                summary.count(out)
        batch.clear()

    opts = ingest.IngestOptions(max_bytes=conf.max_bytes, strict_encoding=strict_encoding)

    def inputs() -> Iterator[tuple[Rejection | None, Document | None]]:
        """What to code, in input order; a rejection or a known input travels in its
        place (as a key without a document), so it is recorded in order too."""
        for path in paths:
            if not Path(path).exists():
                yield Rejection(str(path), "ingest", "no such file or folder"), None
                continue
            for item in ingest.read_path(path, opts):
                summary.inputs += 1
                if on_item:
                    on_item(item.where if isinstance(item, Rejection) else
                            (item.source_path or item.doc_id))
                if isinstance(item, Rejection):
                    yield item, None
                elif item.doc_id in seen or store.is_known_source(item):
                    yield None, None
                else:
                    seen.add(item.doc_id)
                    if len(item.body) > conf.chunk_chars:
                        yield from _chunk_items(item, store, conf, summary.run_id)
                    else:
                        yield None, item

    def chunk_progress(doc: Document, done: int, total: int) -> None:
        if on_chunk is not None:
            on_chunk(doc.source_path or doc.doc_id, done, total)

    # the near-duplicate signature is computed by the process that coded the document
    def staged_chunk(piece: _Piece, outcome: Result | CodingFailure | None) -> None:
        """One chunk of a long document coded: stage it; after the last, publish."""
        staged = piece.staged
        doc = staged.document
        where = doc.source_path or doc.doc_id
        if piece.chunk == staged.first:
            flush()  # the documents before it are stored before it
            for n in notices_of(doc):
                notice(n)
        if staged.failed:
            return
        if isinstance(outcome, Annotated):  # a chunk's own signature is not needed
            outcome = outcome.result
        try:
            if isinstance(outcome, CodingFailure):
                raise _ChunkFailed(f"{outcome.describe()} (chunk {piece.chunk + 1} of "
                                   f"{staged.chunks})")
            if isinstance(outcome, Result):
                res = renumber_chunk(doc, outcome, piece.start, staged.cursor)
                staging.add_chunk(store, doc.doc_id, summary.run_id, piece.chunk,
                                  res.sentences, res.events, res.coder, res.tokens)
                staged.coder = res.coder
                del res, outcome  # nothing of a staged chunk is kept
                if on_chunk is not None:
                    on_chunk(where, piece.chunk + 1, staged.chunks)
                return
            # the end marker: every chunk is staged; publish the document at once
            doc.meta["chunks"] = staged.chunks
            out = staging.publish(store, Result(document=doc, events=[],
                                                coder=staged.coder or {}),
                                  near_signature(doc), summary.run_id)
        except _ChunkFailed as exc:
            staged.failed = True
            staging.discard(store, doc.doc_id)
            reject(Rejection(where, "pipeline", str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a store failure rejects this document only
            staged.failed = True
            reject(Rejection(where, "store", str(exc) if isinstance(exc, StoreError) else
                             f"could not store document {doc.doc_id}: {exc}"))
            return
        summary.chunked += 1
        summary.count(out)

    for rejection, item, outcome in code_ordered(inputs(), workers=workers, settings=conf,
                                                 pipeline=pipeline, stats=stats,
                                                 on_chunk=chunk_progress if on_chunk else None,
                                                 annotate=near_signature, pool=pool):
        if isinstance(rejection, _Piece):
            staged_chunk(rejection, outcome)
            continue
        if rejection is not None:
            reject(rejection)
            continue
        if item is None:
            summary.known += 1
            continue
        for n in notices_of(item):
            notice(n)
        if isinstance(outcome, CodingFailure):
            reject(Rejection(item.source_path or item.doc_id, "pipeline", outcome.describe()))
            continue
        assert isinstance(outcome, Annotated)
        result, signature = outcome.result, outcome.note
        summary.chunked += int(result.document.meta.get("chunks", 1)) > 1
        if not batch:
            batch_started = time.perf_counter()
        batch.append((result, signature))
        if len(batch) >= batch_documents or time.perf_counter() - batch_started >= batch_seconds:
            flush()
    flush()
    summary.seconds = time.perf_counter() - t0
    store.record_run(summary.run_id, started, datetime.now(), [str(x) for x in paths],
                     {**summary.as_dict(), "rejections": len(summary.rejections)})
    return summary


class _ChunkFailed(Exception):
    """A chunk of a long document could not be coded (the document is rejected)."""


@dataclass
class _Staged:
    """A long document of a run, coded chunk by chunk into the store's staging tables."""

    document: Document
    chunks: int
    first: int  # the first chunk this run codes (> 0 when it resumes a stopped run)
    cursor: ChunkCursor
    coder: dict[str, str] | None = None
    failed: bool = False


@dataclass
class _Piece:
    """The key of one chunk in the coding stream (its document is the chunk alone), or
    with ``chunk`` == the chunk count, of the end marker that publishes the document."""

    staged: _Staged
    chunk: int
    start: int = 0


def _chunk_items(document: Document, store: Store, conf: Settings, owner: str
                 ) -> Iterator[tuple[_Piece | None, Document | None]]:
    """The chunks of a long document as items of the coding stream, then an end marker.

    Each chunk is coded as a document of its own (by a worker process, if any), staged
    as soon as it is coded, and dropped: memory does not grow with the document.  A
    document staged in part by an earlier run that stopped resumes after its staged
    chunks."""
    pieces = chunks(document.body, conf.chunk_chars)
    resume = staging.begin(store, document.doc_id, document.content_hash,
                           document.source_path or document.url, conf.chunk_chars,
                           len(pieces), owner)
    if resume is None:  # stored meanwhile by another run: known
        yield None, None
        return
    done, n_sentences, n_tokens = resume
    staged = _Staged(document, len(pieces), done, ChunkCursor(done, n_sentences, n_tokens))
    for n in range(done, len(pieces)):
        start, end = pieces[n]
        yield _Piece(staged, n, start), chunk_document(document, start, end)
    yield _Piece(staged, len(pieces)), None


def examples_dir() -> Path:
    """The folder of example articles shipped in the package."""
    return Path(str(resources.files("dyadwatch").joinpath("examples")))


def example_files() -> list[Path]:
    """The example articles themselves (HTML pages and text dumps; not README/expected.json)."""
    return sorted(f for f in examples_dir().iterdir()
                  if f.is_file() and f.suffix.lower() in (".html", ".htm", ".txt"))


REPORT_FORMATS = ("html", "md")


def report(store: Store, dyad: str, out: str | Path | None, fmt: str = "html",
           assets: str = "inline", since: date | str | None = None,
           until: date | str | None = None) -> tuple[Any, list[Path], str | None]:
    """Build the crisis report of ``dyad`` and write it to ``out`` (HTML, or Markdown with
    ``fmt="md"``).  With ``out`` None a Markdown report is returned as text instead.
    Returns (the ``Report``, the files written, the Markdown text or None)."""
    from .report import build_report, render_markdown, write_html

    if fmt not in REPORT_FORMATS:
        raise QueryError("format", f"{fmt!r} is not a report format; choose "
                                   f"{' or '.join(REPORT_FORMATS)}")
    rep = build_report(store, dyad, since, until)
    if fmt == "md":
        text = render_markdown(rep)
        if out is None:
            return rep, [], text
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return rep, [path], None
    if out is None:
        raise QueryError("out", "an HTML report needs a file to write (--out report.html)")
    return rep, write_html(rep, out, assets), None


def busiest_dyad(store: Store) -> str | None:
    """The dyad of two different countries with the most factual canonical events."""
    from .store import EventQuery

    for row in store.dyads(EventQuery()).to_pylist():
        a, _, b = (row["dyad"] or "").partition("-")
        if a and b and a != b:
            return str(row["dyad"])
    return None


def demo_report(store: Store, db_path: str | Path) -> tuple[str, Path] | None:
    """Write the crisis report of the demo store's busiest dyad beside the store file
    (``<store>-report-<DYAD>.html``); returns (dyad, path), or None without a dyad."""
    dyad = busiest_dyad(store)
    if dyad is None:
        return None
    db = Path(db_path)
    out = db.with_name(f"{db.stem}-report-{dyad}.html")
    _rep, files, _text = report(store, dyad, out)
    return dyad, files[0]


def demo(db_path: str | Path = "dyadwatch-demo.duckdb", pipeline: Pipeline | None = None,
         on_item: Callable[[str], None] | None = None) -> tuple[RunSummary, Store]:
    """Code the shipped examples into a fresh DuckDB file; returns the summary and open store."""
    db = Path(db_path)
    for f in (db, db.with_name(db.name + ".wal")):
        if f.exists():
            f.unlink()
    store = Store(db, linger=2.0)
    summary = run(list(example_files()), store, pipeline, on_item=on_item)
    return summary, store
