"""How long a crisis report takes on a busy dyad, against reading its events.

Usage::

    .venv/bin/python bench/report_speed.py [--docs 1500] [--per-doc 4] [--repeat 3]

Builds (in a temp directory) a store of ``--docs`` synthetic documents of one dyad
over one year, each reporting ``--per-doc`` events (a quarter of them repeating an
event of another document, so consolidation merges them), saved through the normal
write path.  Then times, on a read-only store:

* the baseline: ``Store.events`` of the dyad (every canonical event, typed);
* ``build_report`` (events, their reports, documents, the analysis, the layout);
* ``render_html`` (inline plotly.js) and ``render_markdown``.

Prints the median seconds of ``--repeat`` runs and each as a ratio of the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

CODES = ["010", "020", "036", "041", "042", "051", "111", "112", "114", "138", "161", "172",
         "190", "193", "195"]
PLACES = [("Panjgur", "PAK", "Balochistan", 26.97, 64.09), ("Saravan", "IRN",
          "Sistan and Baluchestan", 27.37, 62.33), ("Islamabad", "PAK", "Islamabad", 33.72,
          73.04), ("Tehran", "IRN", "Tehran", 35.69, 51.42), (None, None, None, None, None)]


def build(db: Path, n_docs: int, per_doc: int, seed: int = 11) -> int:
    from dyadwatch._resources import cameo_table
    from dyadwatch.model import Actor, Document, Event, Location, Result, Sentence
    from dyadwatch.store import Store

    rng = np.random.default_rng(seed)
    table = cameo_table()
    day0 = date(2023, 1, 1)
    earlier: list[tuple[str, str, str, int, int]] = []
    results = []
    for d in range(n_docs):
        doc = f"doc{d:06d}"
        pub = day0 + timedelta(days=int(d * 365 / n_docs) + 1)
        events, sents = [], []
        for k in range(per_doc):
            if earlier and rng.random() < 0.25:  # another outlet's report of a known event
                src, tgt, code, offset, place = earlier[int(rng.integers(len(earlier)))]
            else:
                src, tgt = ("IRN", "PAK") if rng.random() < 0.5 else ("PAK", "IRN")
                code = CODES[int(rng.integers(len(CODES)))]
                offset, place = -int(rng.integers(0, 5)), int(rng.integers(len(PLACES)))
                earlier.append((src, tgt, code, offset, place))
            when = pub + timedelta(days=offset)
            name, country, admin1, lat, lon = PLACES[place]
            info = table[code]
            text = f"Report {k} of {doc}: {src} {info.label.lower()} {tgt} on {when}."
            events.append(Event(
                event_id=f"{doc}-{k}-0", doc_id=doc, sentence_index=k, sentence=text,
                source=Actor(src + "GOV", src, "GOV", src), target=Actor(tgt, tgt, None, tgt),
                cameo=code, root=info.root, quad_class=info.quad_class, goldstein=info.goldstein,
                date=when, date_precision="day", published=pub, confidence=0.7,
                location=Location(name, country, admin1, lat, lon, None, "city") if name else None,
                evidence={"date": {"text": str(when)}}))
            sents.append(Sentence(doc, k, text, 0, len(text)))
        body = " ".join(s.text for s in sents)
        results.append((Result(Document(doc, body, published=pub, title=f"Story {d}",
                                        outlet=f"Outlet {d % 37}"), events, sents,
                               coder={"dyadwatch": "bench"}), None))
    with Store(db) as store:
        for i in range(0, len(results), 200):
            store.save_many(results[i:i + 200])
        return store.count()


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1500)
    ap.add_argument("--per-doc", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from dyadwatch.report import build_report, render_html, render_markdown
    from dyadwatch.store import EventQuery, Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        n = build(db, args.docs, args.per_doc)
        print(f"store: {args.docs} documents, {args.docs * args.per_doc} reports, {n} canonical "
              f"events of IRN-PAK (built in {time.perf_counter() - t0:.1f} s)")
        with Store(db, read_only=True, linger=5.0) as store:
            q = EventQuery(dyad="IRN-PAK")
            base = timed(lambda: store.events(q), args.repeat)
            report = build_report(store, "IRN-PAK")
            rows = [("Store.events (baseline)", base),
                    ("build_report", timed(lambda: build_report(store, "IRN-PAK"),
                                           args.repeat)),
                    ("render_html (inline)", timed(lambda: render_html(report), args.repeat)),
                    ("render_markdown", timed(lambda: render_markdown(report), args.repeat))]
        page = render_html(report)
    print(f"report: {len(report.timeline)} events, {len(report.sources)} documents, "
          f"{len(report.summary)} summary sentences, page {len(page) / 1e6:.1f} MB")
    for name, secs in rows:
        print(f"  {name:<26} {secs:8.3f} s   {secs / base:6.1f}x baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
