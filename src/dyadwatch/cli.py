"""The ``dyadwatch`` command line: one verb per job, each thin over ``dyadwatch.jobs``.

Only this module prints or sets exit codes; library errors become a one-line
message and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from .errors import DyadwatchError, QueryError


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-01-16") from None


def _pipeline(patterns: tuple[Path, ...], discards: tuple[Path, ...] = (),
              no_discards: bool = False) -> Any:
    """The default pipeline, or one with the user's pattern files / discard lists."""
    from . import jobs
    from .pipeline import Pipeline, Settings

    if not patterns and not discards and not no_discards:
        return jobs.default_pipeline()
    return Pipeline(Settings(pattern_files=tuple(str(p) for p in patterns),
                             discard_files=tuple(str(p) for p in discards),
                             discards=not no_discards))


def _settings(patterns: tuple[Path, ...], discards: tuple[Path, ...] = (),
              no_discards: bool = False) -> Any:
    """The settings worker processes build their pipeline from."""
    from .pipeline import Settings

    return Settings(pattern_files=tuple(str(p) for p in patterns),
                    discard_files=tuple(str(p) for p in discards), discards=not no_discards)


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
@_workers_option
@_coding_options
def extract(path: Path, include_all: bool, fmt: str | None, explain: bool,
            published: date | None, workers: int, patterns: tuple[Path, ...],
            discards: tuple[Path, ...], no_discards: bool) -> None:
    """Code one file (text dump, HTML, ...) without storing it; print {"document", "events"}.

    A .jsonl file is a batch: one document per line (fields id, text or html,
    optional published, title, url); one result line is printed per input line,
    in order, and a bad line prints {"id", "line", "error"}.

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
        return
    result = jobs.extract(path, published=published,
                          pipeline=_pipeline(patterns, discards, no_discards))
    data = result.to_dict(explain=explain, include_all=include_all)
    if fmt == "jsonl":
        click.echo(json.dumps(data, ensure_ascii=False, default=str))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


_WAIT = click.option("--wait", default=60.0, show_default=True, type=click.FloatRange(0),
                     help="Seconds to wait for a store another process is using.")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--batch", default=32, show_default=True, type=click.IntRange(1),
              help="Documents written per transaction (readers get the store in between).")
@_WAIT
@_workers_option
@_coding_options
def run(paths: tuple[Path, ...], db: str, quiet: bool, batch: int, wait: float, workers: int,
        patterns: tuple[Path, ...], discards: tuple[Path, ...], no_discards: bool) -> None:
    """Ingest, code and store files or folders (re-running adds nothing new).

    Example:

    \b
        dyadwatch run ./saved-pages feed.xml crawl.warc.gz --db crisis.duckdb
        dyadwatch run ./saved-pages --workers 2
    """
    from . import jobs
    from .store import Store

    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(desc="documents", unit="doc", file=sys.stderr, leave=False)
    # the store is held between batches only while no other process waits for it
    with Store(db, timeout=wait, linger=2.0) as store:
        pipeline = _pipeline(patterns, discards, no_discards) if workers == 1 else None
        summary = jobs.run(list(paths), store, pipeline,
                           on_item=(lambda _w: bar.update(1)) if bar is not None else None,
                           batch_documents=batch, workers=workers,
                           settings=_settings(patterns, discards, no_discards))
        counts = store.counts()
    if bar is not None:
        bar.close()
    for r in summary.rejections:
        click.echo(f"error: {r}", err=True)
    _echo_run(summary)
    click.echo(f"store {db}: {counts['documents']} documents, {counts['reports']} reports, "
               f"{counts['events']} events")


def _echo_run(s: Any) -> None:
    click.echo(f"{s.documents} new documents ({s.duplicates} copies of stored ones), "
               f"{s.known} already stored, {s.sentences} sentences, {s.reports} event reports, "
               f"{s.events} new events ({s.merged} reports joined events other documents "
               f"report), {len(s.rejections)} rejected, {s.seconds:.1f} s")


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
    """Show what a store holds: counts, recent runs and rejected inputs.

    Example:

    \b
        dyadwatch status --db crisis.duckdb
    """
    from .store import Store

    with Store(db, read_only=True, timeout=wait) as store, store.session():
        counts = store.counts()
        runs = store.runs(5)
        rej = store.rejections(n_rej)
        coders = store.coders()
    click.echo(f"{db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
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
    summary, store = jobs.demo(db)
    try:
        for r in summary.rejections:
            click.echo(f"error: {r}", err=True)
        _echo_run(summary)
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
                   f"      dyadwatch report --db {db} --dyad IRN-PAK --format md")
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


def main() -> None:
    cli(prog_name="dyadwatch")


if __name__ == "__main__":
    main()
