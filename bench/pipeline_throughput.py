"""Throughput of the whole pipeline against bare spaCy parsing, in the same run.

Usage: python bench/pipeline_throughput.py [--copies N]

Codes the shipped example articles (replicated N times with a unique suffix so no
cache helps) and prints documents/s, sentences/s and peak RSS for
(a) spaCy parsing alone (baseline) and (b) the full dyadwatch pipeline, plus
the ratio b/a.  Machines are noisy: read the ratio, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=5)
    args = ap.parse_args()

    from dyadwatch import ingest
    from dyadwatch.jobs import example_files
    from dyadwatch.model import Document
    from dyadwatch.pipeline import Pipeline

    base_docs = [d for f in example_files() for d in ingest.read_path(f) if isinstance(d, Document)]
    docs = []
    for i in range(args.copies):
        for d in base_docs:
            docs.append(Document(doc_id=f"{d.doc_id}-{i}", body=d.body + f"\n\nCopy {i}.",
                                 published=d.published, title=d.title))
    rss0 = peak_rss_mb()
    t = time.perf_counter()
    p = Pipeline()
    load_s = time.perf_counter() - t
    rss_loaded = peak_rss_mb()

    t = time.perf_counter()
    n_sent = 0
    for d in docs:
        n_sent += sum(1 for _ in p.nlp(d.body).sents)
    spacy_s = time.perf_counter() - t

    t = time.perf_counter()
    n_ev = 0
    for d in docs:
        n_ev += len(p.process(d).events)
    full_s = time.perf_counter() - t

    print(f"documents: {len(docs)}  sentences: {n_sent}  events: {n_ev}")
    print(f"pipeline load: {load_s:.2f} s, peak RSS {rss0:.0f} -> {rss_loaded:.0f} MB")
    print(f"baseline spaCy parse : {len(docs) / spacy_s:7.1f} docs/s  {n_sent / spacy_s:8.1f} sentences/s")
    print(f"full dyadwatch       : {len(docs) / full_s:7.1f} docs/s  {n_sent / full_s:8.1f} sentences/s")
    print(f"ratio full/spaCy time: {full_s / spacy_s:.2f}x   peak RSS {peak_rss_mb():.0f} MB")
    day = 100_000
    print(f"a day of world news (~{day:,} articles) at this rate: "
          f"{day / (len(docs) / full_s) / 3600:.1f} h on one process")


if __name__ == "__main__":
    main()
