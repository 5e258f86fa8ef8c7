"""A huge single-line text through ``run``: time, peak memory and progress against a baseline.

Usage: nice python bench/huge_document.py [--mb 30] [--baseline-kb 200] [--every 10]
       [--workers 1]

Writes a text file that is one line of ``--mb`` megabytes (news-like sentences with
varied numbers, no line break at all), runs ``dyadwatch.jobs.run`` on it into a fresh
store, and prints wall time, peak RSS, the number of chunks coded, the longest gap
between two progress calls, and whether the whole body was coded (the last sentence
stored ends at the end of the text), and how much the resident memory grows per chunk
(the slope from the 3rd chunk to the last: what the run holds of the chunks coded so
far; bounded memory is a slope near 0); every ``--every`` chunks of the huge run it prints
the time so far and the memory now, so a run too long to wait for still shows its rate
and whether memory grows.  It also times the publish step (``staging.publish``: the
staged document moved into the store and its canonical events derived, in one
transaction) and samples the resident memory every 20 ms while it runs: "publish
growth" is the highest RSS seen during it minus the RSS when it started.  The baseline is the same text cut to
``--baseline-kb`` kilobytes, run first in the same process: the ratios say how time
per megabyte and memory grow with the size.  Machines are noisy (2 shared cores):
read the ratios, not the absolute numbers.

``--publish-only`` measures the publish step alone at sizes too long to code on a
shared machine: it codes the ``--baseline-kb`` text for real (and publishes it: the
baseline), keeping the sentences and reports of each of its chunks, then stages in a
fresh store a document of ``--mb`` megabytes made of copies of those chunks (each
copy renumbered: its own sentence indexes and report ids, through the same
``staging.begin``/``add_chunk`` calls as a run) and publishes it, measured as above.
Its reports are those of the real text repeated, so the figures are those of a
document of that size with that density of events.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

_SENTENCES = (
    "Pakistan's army shelled positions near the border with India on day {n}, officials said.",
    "The foreign minister of Iran met his Pakistani counterpart in Islamabad to discuss trade.",
    "Police in Lahore arrested {n} suspects after a protest turned violent in the old city.",
    "India accused Pakistan of violating the ceasefire along the Line of Control for the {n}th time.",
    "Analysts said the talks could resume next month if both sides keep the calm.",
    "A spokesman for the ministry declined to comment on report number {n}.",
    "Iran summoned the Pakistani ambassador in Tehran over the strike.",
    "The weather was mild and markets in Karachi closed {n} points higher.",
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_single_line(path: Path, n_bytes: int) -> int:
    """One line of about ``n_bytes`` bytes (ASCII), written in pieces."""
    written, n = 0, 0
    with open(path, "w", encoding="ascii") as fh:
        while written < n_bytes:
            piece = " ".join(s.format(n=n + i) for i, s in enumerate(_SENTENCES)) + " "
            fh.write(piece)
            written += len(piece)
            n += 1
    return written


def rss_now_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 1048576
    except OSError:
        return float("nan")


class PublishProbe:
    """Wraps ``staging.publish``: its wall time and the highest RSS seen while it runs
    (sampled by a thread every 20 ms), against the RSS when it started.  The publish
    first writes a long body in parts (``staging._write_parts``), then derives the
    events in its transaction: ``parts_peak`` is the highest RSS seen while the parts
    were written, ``parts_end`` the RSS after them; ``events_peak`` the highest after."""

    def __init__(self) -> None:
        self.wall = self.start_rss = self.peak_rss = 0.0
        self.parts_peak = self.parts_end = self.events_peak = 0.0

    def __enter__(self) -> PublishProbe:
        from dyadwatch.store import staging

        self._staging, self._real = staging, staging.publish
        self._real_parts = staging._write_parts

        def parts(*a, **k):
            try:
                return self._real_parts(*a, **k)
            finally:
                self.parts_end = rss_now_mb()
                self._peaks[0] = max(self._peaks[0], self.parts_end)
                self._peaks[1] = self.parts_end
                self._phase = 1  # from here on: the events' transaction

        staging._write_parts = parts

        def probed(*a, **k):
            stop = threading.Event()
            self.start_rss = self.parts_end = rss_now_mb()
            self._peaks, self._phase = [self.start_rss, self.start_rss], 0

            def sample() -> None:
                while not stop.wait(0.02):
                    phase = self._phase
                    self._peaks[phase] = max(self._peaks[phase], rss_now_mb())

            th = threading.Thread(target=sample, daemon=True)
            t = time.perf_counter()
            th.start()
            try:
                return self._real(*a, **k)
            finally:
                stop.set()
                th.join()
                self._peaks[1] = max(self._peaks[1], rss_now_mb())
                if self._phase == 0:  # no body parts: all of it was the transaction
                    self._peaks[1] = max(self._peaks)
                self.parts_peak, self.events_peak = self._peaks
                self.peak_rss = max(self._peaks)
                self.wall += time.perf_counter() - t

        staging.publish = probed
        return self

    def __exit__(self, *exc: object) -> None:
        self._staging.publish = self._real
        self._staging._write_parts = self._real_parts


def code_file(path: Path, db: Path, every: int = 0, workers: int = 1) -> dict[str, float]:
    from dyadwatch.jobs import default_pipeline, run
    from dyadwatch.store import Store

    calls: list[float] = []
    chunks = [0]
    held: list[tuple[int, float]] = []  # (chunk, RSS now) after each chunk

    def on_chunk(_where: str, done: int, total: int) -> None:
        calls.append(time.perf_counter())
        chunks[0] = total
        held.append((done, rss_now_mb()))
        if every and done % every == 0:
            print(f"  chunk {done}/{total}: {calls[-1] - t0:7.1f} s, RSS now {rss_now_mb():.0f} MB"
                  f", peak {peak_rss_mb():.0f} MB", flush=True)

    t0 = time.perf_counter()
    with Store(db) as store, PublishProbe() as probe:
        summary = run([path], store, default_pipeline() if workers == 1 else None,
                      on_chunk=on_chunk, workers=workers)
        body_len = last_end = 0
        for doc_id in store.documents(limit=10).column("doc_id").to_pylist():
            doc = store.document(doc_id)
            body_len = len(doc.body) if doc is not None else 0
            last_end = max((s["end"] for s in store.sentences(doc_id)), default=0)
    wall = time.perf_counter() - t0
    gaps = [b - a for a, b in zip([t0] + calls, calls)]
    # what memory held grows by per chunk: the slope of RSS from the 3rd chunk on (the
    # first chunks warm up spaCy's and DuckDB's caches)
    tail = [(c, m) for c, m in held if c >= 3]
    slope = ((tail[-1][1] - tail[0][1]) / (tail[-1][0] - tail[0][0])
             if len(tail) >= 2 and tail[-1][0] > tail[0][0] else float("nan"))
    return {"wall": wall, "chunks": chunks[0], "reports": summary.reports, "slope": slope,
            "rejected": len(summary.rejections), "max_gap": max(gaps, default=wall),
            "body": body_len, "last_end": last_end, "pub_wall": probe.wall,
            "pub_growth": probe.peak_rss - probe.start_rss, "pub_peak": probe.peak_rss}


def publish_only(d: Path, mb: float, baseline_kb: float) -> None:
    """The publish step alone on a staged document of ``mb`` megabytes (see module doc)."""
    import copy
    import dataclasses
    from hashlib import sha256

    from dyadwatch.jobs import default_pipeline, run
    from dyadwatch.model import Result, Sentence
    from dyadwatch.store import Store, staging

    real_add, captured, head = staging.add_chunk, [], {}

    def keep(store, doc_id, owner, chunk, sentences, events, coder, tokens):
        captured.append(([dataclasses.replace(x) for x in sentences],
                         [dataclasses.replace(e, evidence=dict(e.evidence)) for e in events],
                         coder, tokens))
        return real_add(store, doc_id, owner, chunk, sentences, events, coder, tokens)

    staging.add_chunk = keep
    f = d / "baseline.txt"
    n = write_single_line(f, int(baseline_kb * 1024))
    pipeline = copy.copy(default_pipeline())  # chunked whatever its size: 4 chunks or more
    pipeline.settings = dataclasses.replace(
        pipeline.settings, chunk_chars=min(pipeline.settings.chunk_chars, n // 4))
    try:
        with Store(d / "baseline.duckdb") as store, PublishProbe() as probe:
            t = time.perf_counter()
            summary = run([f], store, pipeline)
            doc_id = store.documents(limit=1).column("doc_id").to_pylist()[0]
            head["doc"] = store.document(doc_id)
        print(f"baseline {n / 1e6:.2f} MB coded and stored in {time.perf_counter() - t:.1f} s: "
              f"{len(captured)} chunks, {summary.reports} reports; publish {probe.wall:.2f} s, "
              f"growth {probe.peak_rss - probe.start_rss:+.0f} MB", flush=True)
    finally:
        staging.add_chunk = real_add
    copies = max(1, round(mb * 1024 * 1024 / n))
    big = d / "huge.txt"
    n_big = write_single_line(big, int(mb * 1024 * 1024))
    body = big.read_text(encoding="ascii")
    doc = dataclasses.replace(head["doc"], doc_id="huge" + sha256(body.encode()).hexdigest()[:12],
                              body=body, source_path=str(big),
                              content_hash=sha256(body.encode()).hexdigest())
    del body
    new_id = doc.doc_id
    t = time.perf_counter()
    reports = 0
    with Store(d / "publish-only.duckdb") as store:
        staging.begin(store, new_id, doc.content_hash, str(big), 1, copies * len(captured),
                      "bench")
        base = chunk = 0
        for _ in range(copies):
            for sentences, events, coder, tokens in captured:
                first = sentences[0].index if sentences else 0
                sents = [Sentence(new_id, base + s.index - first, s.text, s.start, s.end)
                         for s in sentences]
                evs = []
                for e in events:
                    i = base + e.sentence_index - first
                    k = e.event_id.rsplit("-", 1)[-1]
                    evs.append(dataclasses.replace(e, doc_id=new_id, sentence_index=i,
                                                   event_id=f"{new_id}-{i}-{k}"))
                staging.add_chunk(store, new_id, "bench", chunk, sents, evs, coder, tokens)
                base += len(sentences)
                chunk += 1
                reports += len(evs)
        staged_s = time.perf_counter() - t
        print(f"staged {n_big / 1e6:.2f} MB ({copies} copies of the baseline's chunks, "
              f"{chunk} chunks, {reports} reports) in {staged_s:.1f} s; RSS now "
              f"{rss_now_mb():.0f} MB", flush=True)
        with PublishProbe() as probe:
            out = staging.publish(store, Result(document=doc, events=[],
                                                coder=captured[0][2] if captured else {}),
                                  None, "bench")
        counts = store.counts()
    print(f"publish-only {n_big / 1e6:.2f} MB: publish {probe.wall:.1f} s, RSS "
          f"{probe.start_rss:.0f} -> peak {probe.peak_rss:.0f} MB (publish growth "
          f"{probe.peak_rss - probe.start_rss:+.0f} MB: body parts "
          f"{probe.parts_peak - probe.start_rss:+.0f} MB at peak, "
          f"{probe.parts_end - probe.start_rss:+.0f} MB after them; events' transaction "
          f"{probe.events_peak - probe.parts_end:+.0f} MB above that); {out.reports} reports, "
          f"{out.events_new} new events; store: {counts['reports']} reports, "
          f"{counts['events']} events")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=30.0)
    ap.add_argument("--baseline-kb", type=float, default=200.0)
    ap.add_argument("--every", type=int, default=10,
                    help="print time and memory every this many chunks of the huge run")
    ap.add_argument("--workers", type=int, default=1,
                    help="code in this many worker processes (the RSS figures are then "
                         "those of this process, which stages and stores the chunks)")
    ap.add_argument("--publish-only", action="store_true",
                    help="measure the publish step alone on a document of --mb megabytes "
                         "staged from copies of the coded baseline (see the module doc)")
    args = ap.parse_args()
    if args.publish_only:
        with tempfile.TemporaryDirectory() as tmp:
            publish_only(Path(tmp), args.mb, args.baseline_kb)
        return

    from dyadwatch.jobs import default_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t = time.perf_counter()
        default_pipeline()
        print(f"pipeline load {time.perf_counter() - t:.1f} s, peak RSS {peak_rss_mb():.0f} MB")
        rows = []
        for label, size in (("baseline", int(args.baseline_kb * 1024)),
                            ("huge", int(args.mb * 1024 * 1024))):
            f = d / f"{label}.txt"
            n = write_single_line(f, size)
            r = code_file(f, d / f"{label}.duckdb", args.every if label == "huge" else 0,
                          args.workers)
            r.update(label=label, mb=n / 1e6, rss=peak_rss_mb())
            rows.append(r)
            whole = "yes" if r["body"] and r["last_end"] >= r["body"] - 2 else "NO"
            print(f"{label:8} {r['mb']:8.2f} MB one line: {r['wall']:8.1f} s wall, "
                  f"{r['mb'] / r['wall']:.3f} MB/s, {r['chunks']:.0f} chunks, "
                  f"{r['reports']:.0f} event reports, {r['rejected']:.0f} rejected, "
                  f"RSS growth {r['slope']:+.2f} MB per chunk, longest "
                  f"gap between progress calls {r['max_gap']:.1f} s, peak RSS {r['rss']:.0f} MB, "
                  f"coded to the end: {whole}; publish {r['pub_wall']:.1f} s, RSS "
                  f"{r['pub_peak'] - r['pub_growth']:.0f} -> peak {r['pub_peak']:.0f} MB "
                  f"(publish growth {r['pub_growth']:+.0f} MB)")
            sys.stdout.flush()
        b, h = rows
        print(f"ratio huge/baseline: size x{h['mb'] / b['mb']:.0f}, time x{h['wall'] / b['wall']:.1f}"
              f", time per MB x{(h['wall'] / h['mb']) / (b['wall'] / b['mb']):.2f}, "
              f"peak RSS x{h['rss'] / b['rss']:.2f}, publish growth "
              f"{b['pub_growth']:+.0f} -> {h['pub_growth']:+.0f} MB")


if __name__ == "__main__":
    main()
