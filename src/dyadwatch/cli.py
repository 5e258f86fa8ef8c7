"""The ``dyadwatch`` command line: one verb per job, each thin over ``dyadwatch.jobs``.

Only this module prints or sets exit codes; library errors become a one-line
message and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click

from .errors import DyadwatchError, QueryError

#: exit codes (docs/reliability.md): 0 all went well; 1 an input was rejected, a library
#: error, or (with --strict) a warning; 2 a usage error (bad option, --dyad, date)
EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

_EXIT_HELP = ("Exit status: 0 all went well; 1 when any input was rejected (or, with "
              "--strict, read with a warning); 2 for a usage error.")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-01-16") from None


def _pipeline(patterns: tuple[Path, ...], discards: tuple[Path, ...] = (),
              no_discards: bool = False, chunk_chars: int | None = None) -> Any:
    """The default pipeline, or one with the user's pattern files / discard lists."""
    from . import jobs
    from .pipeline import Pipeline, Settings

    settings = _settings(patterns, discards, no_discards, chunk_chars)
    if settings == Settings():
        return jobs.default_pipeline()
    return Pipeline(settings)


def _settings(patterns: tuple[Path, ...], discards: tuple[Path, ...] = (),
              no_discards: bool = False, chunk_chars: int | None = None) -> Any:
    """The settings worker processes build their pipeline from."""
    from .pipeline import Settings

    extra = {} if chunk_chars is None else {"chunk_chars": chunk_chars}
    return Settings(pattern_files=tuple(str(p) for p in patterns),
                    discard_files=tuple(str(p) for p in discards), discards=not no_discards,
                    **extra)


def _workers_option(f: Any) -> Any:
    from .workers import default_workers

    return click.option(
        "--workers", type=click.IntRange(1), default=default_workers, show_default="cores",
        envvar="DYADWATCH_WORKERS", show_envvar=True,
        help="Processes coding in parallel, each loading the model once; the output "
             "and its order are those of --workers 1.")(f)


def _coding_options(f: Any) -> Any:
    """--patterns / --discards / --no-discards, shared by the commands that code."""
    f = click.option("--no-discards", is_flag=True,
                     help="Code every sentence: no discard list (by default sports "
                          "stories and sentences are skipped).")(f)
    f = click.option("--discards", "discards", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Discard list to use instead of the shipped one: JSON, or a "
                          "PETRARCH discards .txt; repeatable.")(f)
    f = click.option("--patterns", "patterns", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Extra event pattern file: JSON (like data/patterns/own_verbs.json) "
                          "or a PETRARCH verb dictionary .txt; repeatable.")(f)
    return f


class _Group(click.Group):
    """Turns DyadwatchError into a clean message instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QueryError as exc:  # a bad --dyad, code or date: a usage error (exit 2)
            raise click.UsageError(str(exc), ctx) from exc
        except DyadwatchError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.version_option(package_name="dyadwatch")
def cli() -> None:
    """dyadwatch: news articles in, political event data out (who did what to whom, when, where).

    Exit status: 0 all went well; 1 an input was rejected or an error stopped the
    command (with --strict also a warning); 2 a usage error (an unknown option, a bad
    --dyad such as IRAN-PAK, a date that is not YYYY-MM-DD).  See docs/reliability.md.

    Example:

    \b
        dyadwatch demo
        dyadwatch extract article.txt
        dyadwatch run ./articles --db crisis.duckdb
        dyadwatch events --dyad IRN-PAK --format csv
    """


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all", "include_all", is_flag=True,
              help="Also return non-factual events (negated, hypothetical, future, conditional).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json (pretty, default for one document) or jsonl (one line per document).")
@click.option("--explain", is_flag=True, help="Add each event's evidence (pattern, tokens, date and place rules) and, for sentences naming two or more actors without a factual event, why (no_event).")
@click.option("--published", callback=_date, help="Publication date to resolve dates against (YYYY-MM-DD).")
@click.option("--strict", is_flag=True,
              help="Refuse input that is not UTF-8 and declares no charset, and exit 1 on "
                   "any warning, instead of decoding with a guessed charset.")
@_workers_option
@_coding_options
def extract(path: Path, include_all: bool, fmt: str | None, explain: bool,
            published: date | None, strict: bool, workers: int, patterns: tuple[Path, ...],
            discards: tuple[Path, ...], no_discards: bool) -> None:
    """Code one file (text dump, HTML, ...) without storing it; print {"document", "events"}.

    A .jsonl file is a batch: one document per line (fields id, text or html,
    optional published, title, url); one result line is printed per input line,
    in order, and a bad line prints {"id", "line", "error"}.

    Warnings (a guessed charset...) go to stderr as "warning: FILE: ...".  Exit status:
    0 all went well; 1 the file or a line could not be coded (or, with --strict, a
    warning); 2 a usage error.

    Example:

    \b
        dyadwatch extract article.txt --all --explain
        dyadwatch extract batch.jsonl --workers 2 > results.jsonl
    """
    from . import jobs

    if path.suffix.lower() == ".jsonl":
        failures = 0
        pipeline = _pipeline(patterns, discards, no_discards) if workers == 1 else None
        for n, rec, res in jobs.extract_jsonl(path, pipeline, workers=workers,
                                              settings=_settings(patterns, discards,
                                                                 no_discards)):
            if isinstance(res, DyadwatchError):
                failures += 1
                out = {"id": rec.get("id") if isinstance(rec, dict) else None, "line": n,
                       "error": str(res)}
            else:
                out = res.to_dict(explain=explain, include_all=include_all)
                if isinstance(rec, dict) and rec.get("id") is not None:
                    out["id"] = rec["id"]
            click.echo(json.dumps(out, ensure_ascii=False, default=str))
        if failures:
            click.echo(f"dyadwatch: {failures} line(s) of {path} could not be coded", err=True)
            sys.exit(EXIT_REJECTED)
        return
    result = jobs.extract(path=path, published=published,
                          pipeline=_pipeline(patterns, discards, no_discards),
                          strict_encoding=strict)
    data = result.to_dict(explain=explain, include_all=include_all)
    if fmt == "jsonl":
        click.echo(json.dumps(data, ensure_ascii=False, default=str))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    for n in result.notices:
        click.echo(f"warning: {n}", err=True)
    if strict and result.notices:
        sys.exit(EXIT_REJECTED)


_WAIT = click.option("--wait", default=60.0, show_default=True, type=click.FloatRange(0),
                     help="Seconds to wait for a store another process is using.")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--quiet", is_flag=True, help="No progress (bar or lines).")
@click.option("--progress-every", default=10.0, show_default=True, type=click.FloatRange(0.1),
              help="When stderr is not a terminal: seconds between plain progress lines.")
@click.option("--batch", default=32, show_default=True, type=click.IntRange(1),
              help="Documents written per transaction (readers get the store in between).")
@click.option("--strict", is_flag=True,
              help="Reject inputs that are not UTF-8 and declare no charset (instead of "
                   "guessing one), and exit 1 when any input was read with a warning.")
@click.option("--chunk-chars", type=click.IntRange(1000), default=None,
              help="Code a body longer than this many characters in chunks of at most this "
                   "size, each stored as it is coded  [default: 100,000]")
@_WAIT
@_workers_option
@_coding_options
def run(paths: tuple[Path, ...], db: str, quiet: bool, progress_every: float, batch: int,
        strict: bool, chunk_chars: int | None, wait: float, workers: int,
        patterns: tuple[Path, ...], discards: tuple[Path, ...], no_discards: bool) -> None:
    """Ingest, code and store files or folders (re-running adds nothing new).

    Rejected inputs are listed as "error: FILE[:LINE|#RECORD]: reason", inputs read
    with a warning (a guessed charset, a lenient feed) as "warning: ..."; both are
    kept in the store (`dyadwatch status`).  Long documents are coded in chunks.

    Exit status: 0 all went well; 1 when any input was rejected (also when every input
    was), or with --strict when any was read with a warning; 2 for a usage error.

    Example:

    \b
        dyadwatch run ./saved-pages feed.xml crawl.warc.gz --db crisis.duckdb
        dyadwatch run ./dump --strict 2> problems.log
        dyadwatch run ./saved-pages --workers 2
    """
    from . import jobs
    from .store import Store

    t0 = time.perf_counter()
    progress = None if quiet else _Progress(jobs.input_files(list(paths)), progress_every)
    try:
        # the store is held between batches only while no other process waits for it
        with Store(db, timeout=wait, linger=2.0) as store:
            pipeline = (_pipeline(patterns, discards, no_discards, chunk_chars)
                        if workers == 1 else None)
            summary = jobs.run(list(paths), store, pipeline,
                               on_item=progress.item if progress else None,
                               on_chunk=progress.chunk if progress else None,
                               batch_documents=batch, strict_encoding=strict, workers=workers,
                               settings=_settings(patterns, discards, no_discards,
                                                  chunk_chars))
            counts = store.counts()
    finally:
        if progress is not None:
            progress.close()
    for r in summary.rejections:
        click.echo(f"error: {r}", err=True)
    for n in summary.notices:
        click.echo(f"warning: {n}", err=True)
    _echo_run(summary, time.perf_counter() - t0)
    click.echo(f"store {db}: {counts['documents']} documents, {counts['reports']} reports, "
               f"{counts['events']} events")
    if summary.rejections or (strict and summary.notices):
        sys.exit(EXIT_REJECTED)


class _Progress:
    """Progress of a run on stderr: a bar over the input files (their number is known
    before coding starts) with the documents read and the chunk of a long document; when
    stderr is not a terminal, a plain line every ``every`` seconds (never a ``\\r``)."""

    def __init__(self, files: list[Path], every: float) -> None:
        self.files = {str(f) for f in files}
        self.total = len(files)
        self.done: set[str] = set()
        self.items = 0
        self.chunk_note = ""
        self.every = every
        self.t0 = self.last = time.monotonic()
        self.bar: Any = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, desc="files", unit="file", file=sys.stderr,
                            leave=False, dynamic_ncols=True)

    def _file_of(self, where: str) -> str:
        if where in self.files:
            return where
        for sep in ("#", ":"):
            head = where.rsplit(sep, 1)[0]
            if head in self.files:
                return head
        return where

    def item(self, where: str) -> None:
        self.items += 1
        self.chunk_note = ""
        f = self._file_of(where)
        # a file is counted when its first item is read: the bar moves at each new file
        if f in self.files and f not in self.done:
            self.done.add(f)
            if self.bar is not None:
                self.bar.update(1)
        self._show()

    def chunk(self, where: str, done: int, total: int) -> None:
        if total > 1:
            self.chunk_note = f"chunk {done}/{total} of {Path(self._file_of(where)).name}"
            self._show()

    def _show(self, final: bool = False) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.items} docs {self.chunk_note}".strip(), refresh=True)
            return
        now = time.monotonic()
        if final or now - self.last >= self.every:
            self.last = now
            click.echo(f"progress: {len(self.done)}/{self.total} files, {self.items} inputs read"
                       + (f", {self.chunk_note}" if self.chunk_note else "")
                       + f", {now - self.t0:.0f} s", err=True)

    def close(self) -> None:
        """Ends the bar; off a terminal, a last plain line with the totals (inputs are
        read in batches ahead of coding, so a short run may print no line before)."""
        if self.bar is not None:
            self.bar.close()
        else:
            self.chunk_note = ""
            self._show(final=True)


def _echo_run(s: Any, wall: float | None = None) -> None:
    timing = (f"{wall:.1f} s wall time" if wall is not None else f"{s.seconds:.1f} s")
    click.echo(f"{s.documents} new documents ({s.duplicates} copies of stored ones), "
               f"{s.known} already stored, {s.sentences} sentences, {s.reports} event reports, "
               f"{s.events} new events ({s.merged} reports joined events other documents "
               f"report), {len(s.rejections)} rejected, {len(s.notices)} with warnings, "
               f"{timing}")


def _query_options(f: Any) -> Any:
    """The event filters shared by the verbs that read events (see ``EventQuery``)."""
    opts = [
        click.option("--dyad", help="IRN-PAK (either direction) or IRN>PAK (directed)."),
        click.option("--directed", is_flag=True, help="Read --dyad IRN-PAK as Iran on Pakistan only."),
        click.option("--actor", help="Actor code prefix on either side: IRN, IRNMIL."),
        click.option("--source", "source_", help="Source actor code prefix."),
        click.option("--target", help="Target actor code prefix."),
        click.option("--country", help="Events involving this country (either side)."),
        click.option("--root", "roots", multiple=True, help="CAMEO root, e.g. 19; repeatable."),
        click.option("--code", "codes", multiple=True,
                     help="CAMEO code or prefix, e.g. 195 or 0411; repeatable."),
        click.option("--quad", "quads", multiple=True, type=click.IntRange(1, 4),
                     help="QuadClass 1-4 (1 verbal coop., 2 material coop., 3 verbal "
                          "conflict, 4 material conflict); repeatable."),
        click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--all", "include_all", is_flag=True, help="Include non-factual events."),
        click.option("--non-factual", is_flag=True,
                     help="Only non-factual events (negated, hypothetical, future, conditional)."),
        click.option("--text", help="Sentence contains this text (case-insensitive)."),
        click.option("--doc", "doc_id", help="Only events reported by this document."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _query(dyad: str | None, directed: bool, actor: str | None, source_: str | None,
           target: str | None, country: str | None, roots: tuple[str, ...],
           codes: tuple[str, ...], quads: tuple[int, ...], since: date | None,
           until: date | None, include_all: bool, non_factual: bool, text: str | None,
           doc_id: str | None, **page: Any) -> Any:
    from .store import Dyad, EventQuery

    if include_all and non_factual:
        raise click.UsageError("--all and --non-factual exclude each other")
    return EventQuery(
        dyad=Dyad.parse(dyad, directed=True if directed else None) if dyad else None,
        actor=actor, source=source_, target=target, country=country, roots=roots, codes=codes,
        quad_classes=quads, since=since, until=until,
        factual=False if non_factual else (None if include_all else True),
        text=text, doc_id=doc_id, **page)


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@_query_options
@click.option("--reports", "reports", is_flag=True,
              help="List the coded reports as stored, not the consolidated events.")
@click.option("--sort", default="date", show_default=True,
              help="date, published, goldstein, sources, confidence, code or id; "
                   "prefix - to reverse (-goldstein).")
@click.option("--limit", type=click.IntRange(0), help="At most this many events.")
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many events first.")
@click.option("--format", "fmt",
              type=click.Choice(["table", "csv", "jsonl", "parquet", "gdelt", "icews", "plover"]),
              default="table", show_default=True,
              help="gdelt: GDELT 2.0 event columns (tab-separated, no header); icews: ICEWS "
                   "columns (tab-separated); plover: PLOVER/POLECAT JSON lines. See "
                   "docs/exports.md.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@_WAIT
def events(db: str, reports: bool, sort: str, limit: int | None, offset: int, fmt: str,
           out: Path | None, wait: float, **filters: Any) -> None:
    """List stored events: one line per real event, with the number of documents reporting it.

    Works while a `run` or `watch` writes the same store (it waits for the
    writer's current batch, at most --wait seconds).

    Example:

    \b
        dyadwatch events --dyad IRN-PAK --since 2024-01-01 --format csv --out irn-pak.csv
        dyadwatch events --dyad IRN>PAK --root 19 --root 18 --sort -goldstein --limit 10
        dyadwatch events --country PAK --text ambassador --all
        dyadwatch events --dyad IRN-PAK --format gdelt --out irn-pak.gdelt.tsv
    """
    from .store import Store, write_events

    q = _query(**filters, canonical=not reports, sort=sort, limit=limit, offset=offset)
    docs = None
    with Store(db, read_only=True, timeout=wait) as store, store.session():
        evs = store.events(q)
        if fmt in ("gdelt", "icews", "plover"):
            docs = store.document_info({d for e in evs for d in (e.sources or [e.doc_id])})
    text = write_events(evs, fmt, out, docs)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {len(evs)} events to {out}", err=True)


_DYAD = click.option("--dyad", required=True,
                     help="IRN-PAK (either direction) or IRN>PAK (directed).")


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@_DYAD
@click.option("--directed", is_flag=True, help="Read --dyad IRN-PAK as Iran on Pakistan only.")
@click.option("--freq", type=click.Choice(["D", "W", "M"], case_sensitive=False), default="D",
              show_default=True, help="Day, ISO week (from Monday) or month.")
@click.option("--since", callback=_date, help="First period (YYYY-MM-DD); default: first event.")
@click.option("--until", callback=_date, help="Last period (YYYY-MM-DD); default: last event.")
@click.option("--distinct-sources", is_flag=True,
              help="Count each document once per period (exact, slower on busy dyads); by "
                   "default sources are summed over events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]),
              default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@_WAIT
def series(db: str, dyad: str, directed: bool, freq: str, since: date | None,
           until: date | None, distinct_sources: bool, fmt: str, out: Path | None,
           wait: float) -> None:
    """A dyad's event series: per day, week or month the events, counts per QuadClass,
    Goldstein sum and mean, material-conflict share and sources; empty periods are 0.

    Events dated more coarsely than the period ("in January" in a daily series) are
    left out and counted on stderr.

    Example:

    \b
        dyadwatch series --dyad IRN-PAK --freq D --since 2024-01-01 --until 2024-01-31
        dyadwatch series --dyad IRN>PAK --freq W --format parquet --out irn-pak.parquet
    """
    from .analysis import dyad_series
    from .analysis.series import write_series

    with _read_store(db, wait) as store:
        result = dyad_series(store, dyad, freq.upper(), since, until,
                             directed=True if directed else None,
                             distinct_sources=distinct_sources)
    text = write_series(result, fmt, out)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {len(result)} periods to {out}", err=True)
    if result.unplaced:
        click.echo(f"{result.unplaced} event(s) of {result.dyad} left out: undated or dated "
                   f"more coarsely than the period ({freq.upper()})", err=True)


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@_DYAD
@click.option("--since", callback=_date, help="First day (YYYY-MM-DD); default: first event.")
@click.option("--until", callback=_date, help="Last day (YYYY-MM-DD); default: last event.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_WAIT
def crisis(db: str, dyad: str, since: date | None, until: date | None, fmt: str,
           wait: float) -> None:
    """A dyad's crises: escalation episodes (start, peak, end) with their de-escalation,
    retaliation links, reciprocity and the monthly and weekly trend arrows.

    Example:

    \b
        dyadwatch crisis --db dyadwatch-demo.duckdb --dyad IRN-PAK
        dyadwatch crisis --dyad IND-PAK --since 2019-01-01 --format json
    """
    from .analysis import crisis_view

    with _read_store(db, wait) as store:
        view = crisis_view(store, dyad, since, until)
    if fmt == "json":
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False))
        return
    for line in _crisis_lines(view):
        click.echo(line)


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--month", help="The month, e.g. 2024-01.")
@click.option("--week", callback=_date, help="A day of the ISO week, e.g. 2024-01-15.")
@click.option("--min-events", default=1, show_default=True, type=click.IntRange(1),
              help="Leave out dyads with fewer events in the period and the one before.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_WAIT
def arrows(db: str, month: str | None, week: date | None, min_events: int, fmt: str,
           wait: float) -> None:
    """Every dyad's trend arrow for one month (or week): deteriorated, improved or
    unchanged, with the reasons and the events behind each verdict.

    Example:

    \b
        dyadwatch arrows --db dyadwatch-demo.duckdb --month 2024-01
        dyadwatch arrows --week 2024-01-15 --min-events 3 --format json
    """
    from .analysis import arrows_board

    if (month is None) == (week is None):
        raise click.UsageError("give one of --month or --week")
    with _read_store(db, wait) as store:
        board = arrows_board(store, month if month is not None else week,  # type: ignore[arg-type]
                             "M" if month is not None else "W", min_events=min_events)
    if fmt == "json":
        click.echo(json.dumps([a.to_dict() for a in board], ensure_ascii=False))
        return
    if not board:
        click.echo("no dyad has events in that period or the one before")
    for a in board:
        click.echo(f"{a.dyad:<9} {a.verdict:<12} conflict {a.conflict:6.1f} (before "
                   f"{a.previous_conflict:.1f}); " + "; ".join(a.reasons))
        if a.events:
            click.echo(f"          events: {', '.join(a.events)}")


def _read_store(db: str, wait: float) -> Any:
    """A read-only store for one verb."""
    from .store import Store

    return Store(db, read_only=True, timeout=wait)


def _crisis_lines(view: Any) -> list[str]:
    lines = [f"{view.dyad}: {view.events} events from {view.since} to {view.until} "
             f"({view.placed} placed on a day)"]
    for e in view.episodes:
        base = (f"baseline {e.baseline_level:.1f}, threshold {e.threshold_high:.1f}"
                + ("" if e.baseline_estimated else " (not estimated: too little history)"))
        lines.append(f"episode {e.id}: start {e.start}, peak {e.peak} (intensity "
                     f"{e.peak_intensity:.1f}), escalation until {e.escalation_end}, turning "
                     f"point {e.turning_point or '-'}, end {e.end} ({e.end_kind}); {base}")
        for d in e.deescalation:
            lines.append(f"   {d.date} {d.cameo:<4} {d.kind:<12} {d.source} -> "
                         f"{d.target or '-'}  {d.event_id}")
    if not view.episodes:
        lines.append("no escalation episode")
    for k in view.retaliations:
        lines.append(f"retaliation: {k.response_date} {k.response_source} {k.response_code} "
                     f"answers {k.action_date} {k.action_source} {k.action_code} "
                     f"({k.lag_days} day{'s' if k.lag_days != 1 else ''}"
                     f"{', approximate date' if k.approximate else ''}) "
                     f"{k.response_id} <- {k.action_id}")
    for r in view.reciprocity:
        est = (f"{r.estimate:+.2f} (s.e. {r.std_error:.2f}, {r.n_obs} periods)"
               if r.estimate is not None else f"not estimated: {r.note}")
        lines.append(f"reciprocity {r.responder} answering {r.initiator}: {est}; "
                     f"{r.hostile_answered}/{r.hostile_actions} hostile and "
                     f"{r.coop_answered}/{r.coop_actions} cooperative actions answered in kind")
    for a in view.arrows_month + view.arrows_week:
        lines.append(f"{'month' if a.freq == 'M' else 'week '} {a.period}: {a.verdict:<12} "
                     + "; ".join(a.reasons))
    return lines


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show-skipped", default=20, show_default=True,
              help="List at most this many dictionary lines that could not be read.")
def patterns(files: tuple[Path, ...], show_skipped: int) -> None:
    """Check pattern files before a run: JSON pattern files or PETRARCH verb dictionaries
    (.txt, read as written).  Prints what each file adds and the dictionary lines that
    could not be read, with the reason; a broken file is an error naming it.

    Example:

    \b
        dyadwatch patterns my_verbs.json CAMEO.verbpatterns.txt
    """
    from .coding import PatternSet

    for f in files:
        ps = PatternSet.from_files([f])
        phrases = sum(1 for p in ps.patterns if p.phrase is not None)
        nulls = sum(1 for p in ps.patterns if p.null)
        paired = sum(1 for p in ps.patterns if p.reverse_code)
        verbs = {lem for p in ps.patterns if p.pos == "verb" for lem in p.lemmas}
        click.echo(f"{f}: {len(ps)} patterns ({len(verbs)} verbs, {phrases} word-order phrases, "
                   f"{paired} paired codes, {nulls} null), {len(ps.codes)} codes outside CAMEO"
                   + (f" ({', '.join(sorted(ps.codes)[:8])}{' ...' if len(ps.codes) > 8 else ''})"
                      if ps.codes else "")
                   + f", {len(ps.skipped)} lines skipped")
        for line in ps.skipped[:show_skipped]:
            click.echo(f"  skipped {line}")
        if len(ps.skipped) > show_skipped:
            click.echo(f"  ... and {len(ps.skipped) - show_skipped} more")


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--rejections", "n_rej", default=20, show_default=True,
              help="Show at most this many of the latest rejected inputs.")
@_WAIT
def status(db: str, n_rej: int, wait: float) -> None:
    """Show what a store holds: counts, recent runs, rejected inputs and inputs read with
    a warning.

    Example:

    \b
        dyadwatch status --db crisis.duckdb
    """
    from .store import Store

    with Store(db, read_only=True, timeout=wait) as store, store.session():
        counts = store.counts()
        runs = store.runs(5)
        rej = store.rejections(n_rej)
        notices = store.notices(n_rej)
        coders = store.coders()
        from .store import staging

        staged = staging.staged(store)
    click.echo(f"{db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    for d in staged:  # not stored yet: no reader sees any of it
        click.echo(f"in progress {d['source'] or d['doc_id']}: {d['chunks_done']}/{d['chunks']} "
                   f"chunks coded by run {d['owner']}, last at {d['updated']:%Y-%m-%d %H:%M}; "
                   "a run of it that stopped is resumed by the next run of the same input")
    for r in runs:
        click.echo(f"run {r['run_id']} {r['started']:%Y-%m-%d %H:%M}: {r['documents']} documents, "
                   f"{r['duplicates']} copies, {r['events']} new events, "
                   f"{r['rejections']} rejected")
    for c in coders:
        fp = c["fingerprint"]
        parts = ", ".join(f"{k} {v}" for k, v in fp.items() if k != "dyadwatch")
        click.echo(f"coder {c['coder_id']}: dyadwatch {c['dyadwatch_version']} ({parts}): "
                   f"{c['reports']} reports")
    for r in rej:
        click.echo(f"rejected {r['location']} [{r['stage']}]: {r['reason']}")
    for n in notices:
        click.echo(f"warning {n['location']} [{n['kind']}]: {n['message']}")


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@_WAIT
def reconsolidate(db: str, wait: float) -> None:
    """Re-derive every canonical event from the stored reports.

    Saving documents keeps the canonical events current on its own; use this after
    upgrading dyadwatch (a store from an older version is migrated first), or to check
    that the stored events are what the reports give: it prints how many events changed.

    Example:

    \b
        dyadwatch reconsolidate --db crisis.duckdb
    """
    from .store import Store

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}")
    with Store(db, timeout=wait) as store:
        before = {e.event_id: e.reports for e in store.events(factual=None, sort="id")}
        count = store.reconsolidate()
        after = {e.event_id: e.reports for e in store.events(factual=None, sort="id")}
    changed = sum(1 for k in set(before) | set(after) if before.get(k) != after.get(k))
    click.echo(f"{db}: {count} canonical events from the stored reports; "
               f"{changed} differed from what was stored")


@cli.command()
@click.option("--db", default="dyadwatch-demo.duckdb", show_default=True,
              help="Fresh DuckDB file to create (replaced if it exists).")
def demo(db: str) -> None:
    """Code the example articles shipped with dyadwatch and summarise each country dyad.

    Example:

    \b
        dyadwatch demo
        dyadwatch events --db dyadwatch-demo.duckdb --dyad IRN-PAK
    """
    from . import jobs
    from .analysis import dyad_summaries

    click.echo(f"dyadwatch demo: coding the examples in {jobs.examples_dir()} into {db} ...")
    t0 = time.perf_counter()
    summary, store = jobs.demo(db)
    try:
        for r in summary.rejections:
            click.echo(f"error: {r}", err=True)
        _echo_run(summary, time.perf_counter() - t0)
        click.echo("")
        for s in dyad_summaries(store):
            quads = " ".join(f"Q{q}:{n}" for q, n in sorted(s.quad_counts.items()))
            span = f"{s.first} .. {s.last}" if s.first else "undated"
            directed = ", ".join(f"{k} {v}" for k, v in sorted(s.directed.items()))
            click.echo(f"== {s.dyad}: {s.events} events ({directed}), Goldstein sum "
                       f"{s.goldstein_sum:+.1f}, {quads}, {span}")
            for ev in s.top:
                sent = ev.sentence
                snippet = sent if len(sent) <= 90 else sent[:89] + "…"
                tgt = ev.target.code if ev.target else "-"
                click.echo(f"   {ev.date or '----------'}  {ev.source.code or '-':>9} -> "
                           f"{tgt:<9} {ev.cameo:<4} x{len(ev.sources)}  {snippet}")
        written = jobs.demo_report(store, db)
        if written is not None:
            dyad, path = written
            click.echo(f"\nCrisis report of {dyad} (open it in a browser; it works offline):"
                       f"\n{path}")
        click.echo(f"\nNext: dyadwatch events --db {db} --dyad IRN-PAK\n"
                   f"      dyadwatch report --db {db} --dyad IRN-PAK --format md\n"
                   f"      dyadwatch serve --db {db}    # dashboard on http://127.0.0.1:8000/")
    finally:
        store.close()


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--dyad", required=True,
              help="IRN-PAK (both directions) or IRN>PAK (Iran's acts on Pakistan only).")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: report-<DYAD>.html; Markdown goes to stdout).")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None,
              help="html (default; .md files: md) or md (Markdown).")
@click.option("--assets", type=click.Choice(["inline", "beside"]), default="inline",
              show_default=True,
              help="HTML only: put plotly.js inside the page (one file, about 5 MB) or "
                   "write it once beside the page (plotly-<version>.min.js).")
@_WAIT
def report(db: str, dyad: str, since: date | None, until: date | None, out: Path | None,
           fmt: str | None, assets: str, wait: float) -> None:
    """Write the crisis report of a dyad: a summary in plain sentences linked to the events
    and sources behind them, the timeline, the dyad chart with the escalation episodes,
    the tit-for-tat chain, the de-escalation and a map.  The HTML page works offline.

    Example:

    \b
        dyadwatch report --dyad IRN-PAK --out irn-pak.html
        dyadwatch report --db crisis.duckdb --dyad IRN-PAK --since 2024-01-01 --format md
    """
    from . import jobs
    from .store import Dyad, Store

    fmt = fmt or ("md" if out is not None and out.suffix.lower() in (".md", ".markdown")
                  else "html")
    if fmt == "html" and out is None:
        out = Path(f"report-{str(Dyad.parse(dyad)).replace('>', '-to-')}.html")
    with Store(db, read_only=True, timeout=wait) as store:
        rep, files, text = jobs.report(store, dyad, out, fmt, assets, since, until)
    if text is not None:
        click.echo(text, nl=False)
        return
    click.echo(f"wrote the {rep.dyad} report ({len(rep.timeline)} events, "
               f"{len(rep.sources)} documents, {len(rep.episodes)} episodes) to {files[0]}"
               + (f" and {files[1].name} beside it" if len(files) > 1 else ""))


def _interval(ctx: click.Context, param: click.Parameter, value: str) -> float:
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value or "")
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not an interval like 30s, 15m, 1h or 900")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--interval", default="15m", show_default=True, callback=_interval,
              help="Time between polls: 30s, 15m, 1h (or seconds).")
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--alerts", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Alert rules (TOML or JSON; see docs/watch.md).")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds an HTTP request may take (each attempt).")
@click.option("--batch", default=16, show_default=True, type=click.IntRange(1),
              help="Items stored per transaction.")
@_WAIT
@_coding_options
def watch(sources: tuple[str, ...], interval: float, db: str, rules_file: Path | None,
          once: bool, timeout: float, batch: int, wait: float, patterns: tuple[Path, ...],
          discards: tuple[Path, ...], no_discards: bool) -> None:
    """Poll RSS/Atom feeds and URL lists, code and store new articles, raise alerts.

    A source is a feed URL, a feed file, or a text file of article URLs (one a
    line).  State lives in the store, so a restart resumes where it stopped.

    Example:

    \b
        dyadwatch watch https://example.org/world.rss urls.txt --interval 15m \\
            --db crisis.duckdb --alerts alerts.toml
    """
    import logging

    from .store import Store
    from .watch import FetchSettings, Fetcher, Watcher, load_rules

    logger = logging.getLogger("dyadwatch.watch")
    for old in [h for h in logger.handlers if h.get_name() == "dyadwatch-cli"]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name("dyadwatch-cli")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s",
                                           "%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    rules = load_rules(rules_file, default_jsonl=Path(db).with_suffix(".alerts.jsonl")) \
        if rules_file else None
    with Store(db, timeout=wait) as store:
        watcher = Watcher(list(sources), store, _pipeline(patterns, discards, no_discards),
                          Fetcher(FetchSettings(timeout=timeout)), rules, batch=batch)
        try:
            watcher.run(interval, once=once, on_cycle=lambda s: logger.info(s.line()))
        except KeyboardInterrupt:
            click.echo("watch stopped", err=True)


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (this machine only by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token-env", metavar="VAR",
              help="Environment variable holding the write token; without it the server "
                   "is read-only.")
def serve(db: str, host: str, port: int, token_env: str | None) -> None:
    """Serve the REST API (/api/v1, spec at /openapi.json) and the dashboard over a store.

    Keeps serving while a `run` or `watch` writes the same store.  Read-only unless
    --token-env names a variable holding a write token.

    Example:

    \b
        dyadwatch serve --db dyadwatch-demo.duckdb
        DW_TOKEN=s3cret dyadwatch serve --db crisis.duckdb --token-env DW_TOKEN
    """
    import os

    import uvicorn

    from .web import create_app

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `dyadwatch run PATH --db {db}` or "
                                   "`dyadwatch demo` first")
    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise click.ClickException(f"--token-env {token_env}: that variable is not set or "
                                       "empty")
    app = create_app(db, token=token)
    click.echo(f"dyadwatch: serving {db} on http://{host}:{port}/ "
               f"({'writes allowed with the token' if token else 'read-only'}); Ctrl-C stops",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group(cls=_Group)
def spark() -> None:
    """Run the pipeline on Apache Spark (PySpark; needs Java 17), for corpora that outgrow
    one machine.  The output folder loads into a store with `dyadwatch import-parquet`.

    Example:

    \b
        dyadwatch spark run ./crawl out/ --master local[*]
        dyadwatch import-parquet out/ --db crisis.duckdb
    """


@spark.command("run")
@click.argument("input_", metavar="INPUT", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--master", default=None,
              help="Spark master URL, e.g. local[2] or spark://host:7077 (default: what "
                   "spark-submit gives, else local[*]).")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Coding tasks (default: 4 per core).")
@click.option("--overwrite", is_flag=True, help="Replace the tables of a non-empty OUTPUT.")
@_coding_options
def spark_run(input_: tuple[Path, ...], output: Path, master: str | None,
              partitions: int | None, overwrite: bool, patterns: tuple[Path, ...],
              discards: tuple[Path, ...], no_discards: bool) -> None:
    """Code files or folders (JSONL, WARC, HTML, text) on Spark and write Parquet tables in
    the store's schema (documents, sentences, reports, canonical events...) under OUTPUT.

    The last argument is OUTPUT; every one before it is an input.

    Example:

    \b
        dyadwatch spark run articles.jsonl crawl.warc.gz out/ --master local[2]
        spark-submit --master yarn SUBMIT_PY spark run /shared/in /shared/out

    SUBMIT_PY is the path of dyadwatch/spark/submit.py (see docs/scale.md).
    """
    from .pipeline import Settings
    from .spark import spark_run as run_on_spark

    settings = Settings(pattern_files=tuple(str(p) for p in patterns),
                        discard_files=tuple(str(p) for p in discards), discards=not no_discards)
    s = run_on_spark(list(input_), output, master=master, settings=settings,
                     partitions=partitions, overwrite=overwrite)
    click.echo(f"{s.files} files, {s.documents} documents, {s.sentences} sentences, "
               f"{s.reports} event reports, {s.events} canonical events, {s.rejections} "
               f"rejected, in {s.partitions} partitions, {s.seconds:.1f} s -> {s.output}")


@cli.command("import-parquet")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@_WAIT
def import_parquet(directory: Path, db: str, wait: float) -> None:
    """Load the Parquet output of `dyadwatch spark run` into a DuckDB store, for `events`,
    `series`, `report` and the dashboard.  Documents already stored are skipped.

    Example:

    \b
        dyadwatch import-parquet out/ --db crisis.duckdb
        dyadwatch events --db crisis.duckdb --dyad IRN-PAK
    """
    from .store import Store

    with Store(db, timeout=wait) as store:
        n = store.import_parquet(directory)
    click.echo(f"{db}: {n['documents']} new documents ({n['known']} already stored), "
               f"{n['sentences']} sentences, {n['reports']} event reports, {n['events']} "
               f"new events (consolidated by {'the run' if n['consolidation'] == 'parquet' else 'the store'}), "
               f"{n['rejections']} rejections")


def main() -> None:
    cli(prog_name="dyadwatch")


if __name__ == "__main__":
    main()
