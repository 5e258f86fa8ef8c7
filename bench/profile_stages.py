"""Where the time goes after spaCy: a pyinstrument profile of the dyadwatch stages.

Usage::

    nice .venv/bin/python bench/profile_stages.py [--shared ../shared] [--depth 0.01]
                                                  [--corpus N]

Texts: the shipped examples and, when ``../shared`` exists, the news_events_gold
documents; with ``--corpus N``, the first N documents of the corpus
``bench/throughput.py`` builds.  They are parsed first (``text.parse_many``, as the
workers do); then only the stages after the parse (actors, coding, dates, place,
modality) run under the profiler.  Prints the CPU seconds of the parse and of the stages (their ratio is what
the stages add to spaCy) and the profile tree (frames under ``--depth`` of the
profiled time hidden: 0.01 is 1 %).
pyinstrument is a developer tool (``pip install -e .[profile]``), not a dependency.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--depth", type=float, default=0.01,
                    help="hide frames under this share of the profiled time (0.01 = 1 %%)")
    ap.add_argument("--corpus", type=int, default=0, metavar="N",
                    help="profile the first N documents of bench/throughput.py's built "
                         "corpus instead of the examples and gold documents")
    args = ap.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed (pip install pyinstrument); nothing to do")
        return 0

    from dyadwatch import ingest
    from dyadwatch import text as text_stage
    from dyadwatch.jobs import example_files
    from dyadwatch.model import Document
    from dyadwatch.pipeline import Pipeline

    docs = [d for f in example_files() for d in ingest.read_path(f) if isinstance(d, Document)]
    gold = args.shared / "benchmarks" / "news_events_gold" / "docs.jsonl"
    if args.corpus:
        sys.path.insert(0, str(ROOT / "bench"))
        from throughput import build_corpus

        from dyadwatch.ingest import IngestOptions
        from dyadwatch.ingest.containers import jsonl_record

        recs = build_corpus(args.corpus, args.shared)[:args.corpus]
        docs = [jsonl_record(r, f"corpus:{i}", IngestOptions()) for i, r in enumerate(recs, 1)]
    elif gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("text"):
                docs.append(Document(doc_id=r["id"], body=r["text"]))
    p = Pipeline()
    t = time.process_time()
    parsed = list(text_stage.parse_many(p.nlp, docs, batch_size=64))
    parse_cpu = time.process_time() - t
    prof = Profiler(interval=0.001)
    t = time.process_time()
    prof.start()
    n_events = 0
    for d, (doc, sents) in zip(docs, parsed):
        n_events += len(p._code_parsed(d, doc, sents).events)
    prof.stop()
    stages_cpu = time.process_time() - t
    print(f"{len(docs)} documents, {n_events} events")
    print(f"CPU seconds: parse {parse_cpu:.2f}, stages after the parse {stages_cpu:.2f} "
          f"(ratio {stages_cpu / parse_cpu:.2f}; profiler overhead included)")
    print(prof.output_text(unicode=False, color=False, show_all=False,
                           processor_options={"filter_threshold": args.depth}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
