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

from .errors import DyadwatchError


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
@click.option("--explain", is_flag=True, help="Add each event's evidence: pattern, tokens, date and place rules.")
@click.option("--published", callback=_date, help="Publication date to resolve dates against (YYYY-MM-DD).")
@_coding_options
def extract(path: Path, include_all: bool, fmt: str | None, explain: bool,
            published: date | None, patterns: tuple[Path, ...], discards: tuple[Path, ...],
            no_discards: bool) -> None:
    """Code one file (text dump, HTML, ...) without storing it; print {"document", "events"}.

    A .jsonl file is a batch: one document per line (fields id, text or html,
    optional published, title, url); one result line is printed per input line,
    in order, and a bad line prints {"id", "line", "error"}.

    Example:

    \b
        dyadwatch extract article.txt --all --explain
        dyadwatch extract batch.jsonl > results.jsonl
    """
    from . import jobs

    pipeline = _pipeline(patterns, discards, no_discards)
    if path.suffix.lower() == ".jsonl":
        failures = 0
        for n, rec, res in jobs.extract_jsonl(path, pipeline):
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
    result = jobs.extract(path, published=published, pipeline=pipeline)
    data = result.to_dict(explain=explain, include_all=include_all)
    if fmt == "jsonl":
        click.echo(json.dumps(data, ensure_ascii=False, default=str))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_coding_options
def run(paths: tuple[Path, ...], db: str, quiet: bool, patterns: tuple[Path, ...],
        discards: tuple[Path, ...], no_discards: bool) -> None:
    """Ingest, code and store files or folders (re-running adds nothing new).

    Example:

    \b
        dyadwatch run ./saved-pages feed.xml crawl.warc.gz --db crisis.duckdb
    """
    from . import jobs
    from .store import Store

    bar = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(desc="documents", unit="doc", file=sys.stderr, leave=False)
    with Store(db) as store:
        summary = jobs.run(list(paths), store, _pipeline(patterns, discards, no_discards), on_item=(lambda _w: bar.update(1)) if bar is not None else None)
        counts = store.counts()
    if bar is not None:
        bar.close()
    for r in summary.rejections:
        click.echo(f"error: {r}", err=True)
    s = summary
    click.echo(f"{s.documents} new documents, {s.duplicates} duplicates recorded as sources, "
               f"{s.sentences} sentences, {s.events} new events "
               f"({s.merged} reports merged into known events), {len(s.rejections)} rejected, "
               f"{s.seconds:.1f} s")
    click.echo(f"store {db}: {counts['documents']} documents, {counts['events']} events")


@cli.command()
@click.option("--db", default="dyadwatch.duckdb", show_default=True, help="DuckDB store file.")
@click.option("--dyad", help="IRN-PAK (either direction) or IRN>PAK (directed).")
@click.option("--since", callback=_date, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=_date, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--all", "include_all", is_flag=True, help="Include non-factual events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]),
              default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@click.option("--limit", type=int, help="At most this many events.")
def events(db: str, dyad: str | None, since: date | None, until: date | None,
           include_all: bool, fmt: str, out: Path | None, limit: int | None) -> None:
    """List stored events.

    Example:

    \b
        dyadwatch events --dyad IRN-PAK --since 2024-01-01 --format csv --out irn-pak.csv
    """
    from .store import Store, write_events

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}: run `dyadwatch run PATH --db {db}` first")
    with Store(db, read_only=True) as store:
        evs = store.query_events(dyad=dyad, since=since, until=until,
                                 factual_only=not include_all, limit=limit)
    text = write_events(evs, fmt, out)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {len(evs)} events to {out}", err=True)


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
def status(db: str, n_rej: int) -> None:
    """Show what a store holds: counts, recent runs and rejected inputs.

    Example:

    \b
        dyadwatch status --db crisis.duckdb
    """
    from .store import Store

    if not Path(db).exists():
        raise click.ClickException(f"no store at {db}")
    with Store(db, read_only=True) as store:
        counts = store.counts()
        runs = store.con.execute(
            "SELECT run_id, started, documents, duplicates, events, rejections FROM runs "
            "ORDER BY started DESC LIMIT 5").fetchall()
        rej = store.con.execute(
            "SELECT location, stage, reason FROM rejections ORDER BY recorded_at DESC LIMIT ?",
            [n_rej]).fetchall()
    click.echo(f"{db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    for run_id, started, docs, dups, evs, nrej in runs:
        click.echo(f"run {run_id} {started:%Y-%m-%d %H:%M}: {docs} documents, {dups} duplicates, "
                   f"{evs} events, {nrej} rejected")
    for where, stage, reason in rej:
        click.echo(f"rejected {where} [{stage}]: {reason}")


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
        click.echo(f"{summary.documents} documents ({summary.duplicates} duplicates recognised), "
                   f"{summary.sentences} sentences, {summary.events} distinct events "
                   f"({summary.merged} repeated reports merged) in {summary.seconds:.1f} s\n")
        for s in dyad_summaries(store):
            quads = " ".join(f"Q{q}:{n}" for q, n in sorted(s.quad_counts.items()))
            span = f"{s.first} .. {s.last}" if s.first else "undated"
            directed = ", ".join(f"{k} {v}" for k, v in sorted(s.directed.items()))
            click.echo(f"== {s.dyad}: {s.events} events ({directed}), Goldstein sum "
                       f"{s.goldstein_sum:+.1f}, {quads}, {span}")
            for d, sc, tc, cameo, sent in s.top:
                snippet = sent if len(sent) <= 90 else sent[:89] + "…"
                click.echo(f"   {d or '----------'}  {sc or '-':>9} -> {tc or '-':<9} "
                           f"{cameo:<4}  {snippet}")
        click.echo(f"\nNext: dyadwatch events --db {db} --dyad IRN-PAK")
    finally:
        store.close()


def main() -> None:
    cli(prog_name="dyadwatch")


if __name__ == "__main__":
    main()
