"""External check: event dates against the gold of shared/benchmarks/news_events_gold.

    .venv/bin/python tests/dates/bench_news_events_dates.py

Dates there were annotated by someone else (absolute dates only; null when the
text gives no absolute date).  No coder is used: each gold event gets a trigger
word -- chosen by hand for the seven dated events and for the undated events
that share a sentence with them, the gold sentence's syntactic root for the
rest -- and ``assign_dates`` runs on the document text
(AG leads: title + ". " + description, no publication date; pages: the gold
sentence with the page's publication date).  Our output is mapped to the gold
string form: day -> YYYY-MM-DD, month -> YYYY-MM, year -> YYYY, anything
vaguer or ``article`` -> null.  Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dates_casekit import make_event, token_index  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "benchmarks"

#: hand-picked triggers for the gold events that carry a date:
#: (doc, sentence start or CAMEO code) -> (word, occurrence)
TRIGGERS = {
    ("ag-786", "183"): ("bombing", 0),
    ("ag-2856", "WASHINGTON, Sept. 30"): ("killed", 0),
    ("ag-2856", "The bombings also"): ("killed", 1),
    ("mc-1791336003", "190"): ("launched", 0),
    ("mc-1549579884", "173"): ("arrested", 0),
    # undated gold events sharing a sentence with a dated one: their own trigger
    ("ag-786", "116"): ("sentenced", 0),
    ("ag-426", "111"): ("warned", 0),
    ("mc-1791336003", "111"): ("said", 0),
    ("mc-1549579884", "1823"): ("killing", 0),
}
#: the one sentence with two dated gold events: CAMEO code -> trigger
MACRON = {"111": "condemned", "041": "briefing"}


def ag_text(row: list[str]) -> str:
    def clean(t: str) -> str:
        t = t.replace("\\$", "$").replace("\\", " ").replace("#36;", "$").replace("#39;", "'")
        t = t.replace("#151;", "\u2014").replace("quot;", '"').replace("amp;", "&")
        t = re.sub(r"<[^>]+>", " ", html.unescape(t))
        return re.sub(r"\s+", " ", t).strip()
    return f"{clean(row[1])}. {clean(row[2])}"


def as_gold(ev) -> str | None:  # type: ignore[no-untyped-def]
    if ev.date is None:
        return None
    return {"day": ev.date.isoformat(), "month": ev.date.isoformat()[:7],
            "year": str(ev.date.year)}.get(ev.date_precision)


def main() -> None:
    gold_path = BENCH / "news_events_gold" / "gold.jsonl"
    if not gold_path.exists():
        print("shared/benchmarks/news_events_gold is not present; skipping")
        return
    from dyadwatch.dates import assign_dates
    from dyadwatch.model import Document
    from dyadwatch.text import load_nlp

    nlp = load_nlp()
    docs = {d["id"]: d for d in map(json.loads, (BENCH / "news_events_gold" / "docs.jsonl")
                                     .read_text(encoding="utf-8").splitlines())}
    rows = list(csv.reader((BENCH / "ag_news_world" / "test.csv").open(encoding="utf-8")))
    stats: Counter[str] = Counter()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        meta = docs[g["doc"]]
        pub = date.fromisoformat(meta["published"]) if meta.get("published") else None
        if g["doc"].startswith("ag-"):
            text = ag_text(rows[int(g["doc"][3:]) - 1])
        else:
            text = g["sentence"]
        doc = nlp(text)
        key = next((k for k in TRIGGERS if k[0] == g["doc"] and (
            g["sentence"].startswith(k[1]) or g["cameo"] == k[1])), None)
        if key is not None:
            word, nth = TRIGGERS[key]
            trig = token_index(doc, word, nth)
        elif g["doc"] == "mc-1549542851":
            trig = token_index(doc, MACRON[g["cameo"]])
        else:
            start = text.find(g["sentence"][:60])
            span = doc.char_span(start, start + len(g["sentence"]), alignment_mode="expand") \
                if start >= 0 else None
            if span is None:
                stats["skipped"] += 1
                continue
            trig = span.root.i
        ev = make_event(doc, trig)
        assign_dates([ev], doc, Document(g["doc"], text, published=pub))
        got, want = as_gold(ev), g["date"]
        kind = "dated" if want else "null"
        stats[f"{kind}_n"] += 1
        stats[f"{kind}_ok"] += got == want
        if got != want:
            print(f"MISS {g['doc']} want {want} got {got} ({ev.date_precision}, "
                  f"{ev.evidence['date'].get('rule')}): {g['sentence'][:90]}")
    n = stats["dated_n"] + stats["null_n"]
    ok = stats["dated_ok"] + stats["null_ok"]
    print(f"gold events scored: {n} (skipped {stats['skipped']}); date string exact: {ok}/{n}; "
          f"gold dated: {stats['dated_ok']}/{stats['dated_n']}; gold null: {stats['null_ok']}/{stats['null_n']}")


if __name__ == "__main__":
    main()
