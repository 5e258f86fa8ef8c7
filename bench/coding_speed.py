"""How much time the event coder adds on top of spaCy parsing.

Usage::

    .venv/bin/python bench/coding_speed.py [--repeat 3] [--shared ../shared]

Texts: the coder regression sentences (``tests/coding/cases.jsonl``, always
present) plus, when ``../shared`` exists, the seed article and the PETRARCH-2
GSR sentences.  For each text we time (best of ``--repeat`` runs):

1. spaCy parsing (``dyadwatch.text.parse``: the model + entity ruler),
2. actor tagging (``ActorDictionary.tag``; another module, reported for context),
3. event coding (``Coder.code``).

Prints sentences/s for parse alone and parse+coding, the coding/parse time
ratio (goal <= 0.25), and peak Python memory of the coding step (tracemalloc)
plus the process's max RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts(shared: Path) -> list[str]:
    cases = ROOT / "tests" / "coding" / "cases.jsonl"
    texts = [json.loads(l)["text"] for l in cases.read_text(encoding="utf-8").splitlines() if l]
    seed = shared / "seeds" / "000_db01594f68ec3a21.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    gsr = shared / "benchmarks" / "petrarch2_validation" / "cases_petr2_gsr.jsonl"
    if gsr.exists():
        texts += [json.loads(l)["text"] for l in gsr.read_text(encoding="utf-8").splitlines() if l]
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args(argv)

    from dyadwatch.actors import ActorDictionary
    from dyadwatch.coding import Coder
    from dyadwatch.model import Document
    from dyadwatch.text import load_nlp, parse

    actors = ActorDictionary.default()
    nlp = load_nlp(extra_patterns=actors.entity_patterns())
    coder = Coder(actors)
    docs = [Document(doc_id=f"t{i}", body=t) for i, t in enumerate(_texts(Path(args.shared)))]

    best = {"parse": float("inf"), "tag": float("inf"), "code": float("inf")}
    n_sents = n_events = 0
    peak = 0
    for rep in range(args.repeat):
        t_parse = t_tag = t_code = 0.0
        n_sents = n_events = 0
        if rep == args.repeat - 1:
            tracemalloc.start()
        for d in docs:
            t0 = time.perf_counter()
            doc, sents = parse(nlp, d)
            t1 = time.perf_counter()
            mentions = actors.tag(doc, when=None)
            t2 = time.perf_counter()
            if tracemalloc.is_tracing():
                tracemalloc.reset_peak()
            events = coder.code(doc, mentions, d, sents)
            t3 = time.perf_counter()
            if tracemalloc.is_tracing():
                peak = max(peak, tracemalloc.get_traced_memory()[1])
            t_parse += t1 - t0
            t_tag += t2 - t1
            t_code += t3 - t2
            n_sents += len(sents)
            n_events += len(events)
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        best = {"parse": min(best["parse"], t_parse), "tag": min(best["tag"], t_tag),
                "code": min(best["code"], t_code)}
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts={len(docs)} sentences={n_sents} events={n_events} "
          f"patterns={len(coder.patterns)} (best of {args.repeat})")
    print(f"spaCy parse       : {best['parse']:.2f} s  {n_sents / best['parse']:.0f} sentences/s")
    print(f"actor tagging     : {best['tag']:.2f} s  (ratio to parse {best['tag'] / best['parse']:.3f})")
    print(f"event coding      : {best['code']:.2f} s  (ratio to parse {best['code'] / best['parse']:.3f};"
          " goal <= 0.25)")
    both = best["parse"] + best["code"]
    print(f"parse + coding    : {both:.2f} s  {n_sents / both:.0f} sentences/s")
    print(f"coding peak Python memory per document (tracemalloc): {peak / 1024:.0f} KiB; "
          f"process max RSS: {rss_mb:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
