"""Per-core throughput of the Spark path against the single-process pipeline, same run.

Usage: python bench/spark_throughput.py [--copies N] [--cores K]

Writes the shipped example articles N times over (each copy with its own id and a
distinct last line, so no cache helps) into a JSONL file, then:

(a) baseline: codes them in this process with one ``Pipeline`` (``Pipeline.process``,
    model loaded beforehand), one core;
(b) Spark ``local[K]``: ``spark_run`` on the same JSONL, twice in one session: a warm-up
    on a few documents (starts the JVM and loads the pipeline in each Python worker),
    then the whole file.  The second run is the steady state a long job sees.

It prints articles/s for each, articles/s per core for (b), and the ratios (b)/(a).
Machines are noisy (this one: 2 cores shared by several people): read the ratios.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--cores", type=int, default=2)
    args = ap.parse_args()

    from dyadwatch import ingest
    from dyadwatch.jobs import example_files
    from dyadwatch.model import Document
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.spark import spark_run, spark_session

    base = [d for f in example_files() for d in ingest.read_path(f) if isinstance(d, Document)]
    tmp = Path(tempfile.mkdtemp(prefix="dyadwatch-spark-bench-"))
    corpus = tmp / "corpus.jsonl"
    docs = []
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(args.copies):
            for d in base:
                rec = {"id": f"{d.doc_id}-{i}", "title": d.title,
                       "published": d.published.isoformat() if d.published else None,
                       "text": d.body + f"\n\nCopy {i}."}
                fh.write(json.dumps(rec) + "\n")
                docs.append(rec)
    warm = tmp / "warm.jsonl"
    warm.write_text("".join(json.dumps(r) + "\n" for r in docs[:2 * args.cores]),
                    encoding="utf-8")
    n = len(docs)
    tokens = 0

    p = Pipeline()
    t = time.perf_counter()
    n_ev = 0
    for d in ingest.read_path(corpus):
        if isinstance(d, Document):
            res = p.process(d)
            n_ev += len(res.events)
            tokens += sum(len(s.text.split()) for s in res.sentences)
    single_s = time.perf_counter() - t
    print(f"documents: {n} (~{tokens / n:.0f} words each), events: {n_ev}")
    print(f"(a) one process        : {n / single_s:6.2f} articles/s  ({single_s:.1f} s)")

    with spark_session(f"local[{args.cores}]", app_name="dyadwatch-bench") as spark:
        spark.sparkContext.setLogLevel("ERROR")
        t = time.perf_counter()
        spark_run([warm], tmp / "out-warm", spark, partitions=args.cores)
        warm_s = time.perf_counter() - t
        t = time.perf_counter()
        s = spark_run([corpus], tmp / "out", spark, partitions=4 * args.cores)
        spark_s = time.perf_counter() - t
        from dyadwatch.spark import worker

        workers = dict((pid, (loads, rss)) for pid, loads, rss in spark.sparkContext.parallelize(
            range(4 * args.cores), 4 * args.cores).mapPartitions(
                worker.loads_in_this_worker).collect())
    rate = n / spark_s
    print(f"(b) Spark local[{args.cores}] warm-up on {2 * args.cores} docs: {warm_s:.1f} s "
          "(JVM, model load per Python worker)")
    print(f"(b) Spark local[{args.cores}]       : {rate:6.2f} articles/s  ({spark_s:.1f} s, "
          f"{s.events} canonical events), {rate / args.cores:.2f} articles/s per core")
    print(f"Python workers: {len(workers)}, pipelines built per worker: "
          f"{sorted(v[0] for v in workers.values())}, peak resident MB per worker: "
          f"{sorted(round(v[1]) for v in workers.values())}")
    code_s = s.stages["documents"]
    print(f"    seconds per table job: {s.stages}")
    print(f"    of which reading + coding (the documents job): {code_s:.1f} s = "
          f"{n / code_s / args.cores:.2f} articles/s per core; the other {len(s.stages) - 1} "
          f"table writes and the consolidation: {spark_s - code_s:.1f} s")
    print(f"ratio (b)/(a): {rate * single_s / n:.2f}; per core: "
          f"{rate * single_s / n / args.cores:.2f}; coding job per core: "
          f"{n / code_s / args.cores * single_s / n:.2f}")


if __name__ == "__main__":
    main()
