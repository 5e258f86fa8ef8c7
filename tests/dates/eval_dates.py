"""Evaluate ``assign_dates`` on tests/dates/cases.jsonl: tune and held-out splits reported apart.

    .venv/bin/python tests/dates/eval_dates.py [--show tune|heldout] [--timing]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from dates_casekit import BLIND, BLIND2, load_cases, outcome, run_case, split_of  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", choices=["tune", "heldout", "blind", "blind2"], help="print failures of this split")
    ap.add_argument("--timing", action="store_true")
    ap.add_argument("--blind", action="store_true",
                    help="also score cases_blind.jsonl (written after tuning, never tuned on)")
    args = ap.parse_args()
    from dyadwatch.text import load_nlp

    nlp = load_nlp()
    stats: dict[str, Counter[str]] = {"tune": Counter(), "heldout": Counter()}
    cases = [(split_of(c["id"]), c) for c in load_cases()]
    if args.blind:
        stats["blind"] = Counter()
        stats["blind2"] = Counter()
        cases += [("blind", c) for c in load_cases(BLIND)]
        cases += [("blind2", c) for c in load_cases(BLIND2)]
    for sp, case in cases:
        ev = run_case(nlp, case)
        o = outcome(ev, case)
        st = stats[sp]
        st["n"] += 1
        st["exact"] += o["exact"]
        if case["precision"] == "day":
            st["day_n"] += 1
            st["day_ok"] += o["day_ok"]
        if not o["exact"] and args.show == sp:
            print(f"FAIL {case['id']} [{case['class']}] got {ev.date} {ev.date_precision} "
                  f"{ev.date_end} want {case.get('date')} {case['precision']} {case.get('end')} "
                  f"{ev.evidence.get('date')}")
    for sp, st in stats.items():
        print(f"{sp}: n={st['n']} exact(date+precision+end)={st['exact']}/{st['n']} "
              f"({100 * st['exact'] / max(st['n'], 1):.1f}%)  exact-day where a day is given="
              f"{st['day_ok']}/{st['day_n']} ({100 * st['day_ok'] / max(st['day_n'], 1):.1f}%)")
    if args.timing:
        timing(nlp)
        timing(nlp, " ".join(c["text"] for c in load_cases()))


def timing(nlp, body: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """assign_dates on a 40-sentence article vs. the spaCy parse of it."""
    from datetime import date

    from dates_casekit import make_event

    from dyadwatch.dates import assign_dates
    from dyadwatch.model import Document

    seed = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_db01594f68ec3a21.txt"
    if body is not None:
        print("timing text: the case sentences (date-dense worst case)")
    elif seed.exists():  # a real analysis article (date-sparse, like most news)
        body = seed.read_text(encoding="utf-8")
        print("timing text: the shared seed article, first 40 sentences")
    else:  # the case sentences: nearly every one holds a date (a worst case)
        body = " ".join(c["text"] for c in load_cases())
        print("timing text: the case sentences (date-dense worst case)")
    doc = nlp(body)
    sents = list(doc.sents)[:40]
    body = doc[: sents[-1].end].text
    t0 = time.perf_counter()
    doc = nlp(body)
    parse = time.perf_counter() - t0
    verbs = [t.i for t in doc if t.pos_ == "VERB"]
    document = Document("timing", body, published=date(2024, 3, 13))
    runs = []
    for _ in range(5):
        events = [make_event(doc, i, n) for n, i in enumerate(verbs)]
        t0 = time.perf_counter()
        assign_dates(events, doc, document)
        runs.append(time.perf_counter() - t0)
    print(f"timing: {len(list(doc.sents))} sentences, {len(verbs)} events; spaCy parse "
          f"{parse * 1000:.0f} ms; assign_dates first run {runs[0] * 1000:.1f} ms, "
          f"median {sorted(runs)[2] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
