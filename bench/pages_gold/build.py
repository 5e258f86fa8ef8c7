"""Build ``gold.jsonl`` from ``annotations.py``: expand each snippet to its whole sentence.

Usage: python bench/pages_gold/build.py [--shared DIR]

Each page is read from ``<shared>/benchmarks/publication_date/html`` and extracted and
split into sentences by dyadwatch itself, so every gold ``sentence`` is a (whitespace-
normalised) sentence of the body the pipeline sees.  Checks: the snippet lies in exactly
one sentence, the trigger (and actor texts) occur in it, codes are well formed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import page_events as pe  # noqa: E402
from annotations import ANN  # noqa: E402

PRECISIONS = {"day", "week", "month", "year", "interval", "none"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared")
    args = ap.parse_args()
    pages = pe.shared_pages(args.shared)
    if pages is None:
        print("shared pages not found; nothing built")
        return 1
    from dyadwatch import text as text_stage
    from dyadwatch.pipeline import Pipeline

    pipe = Pipeline()
    index = pe.page_index(pages)
    cache: dict[str, list[str]] = {}
    out = []
    problems = []
    for a in ANN:
        if a["doc"] not in cache:
            document = pe.load_document(pages, a["doc"], index)
            _, sents = text_stage.parse(pipe.nlp, document)
            cache[a["doc"]] = [s.text for s in sents]
        hits = [s for s in cache[a["doc"]] if pe.norm(a["snippet"]) in s]
        if len(hits) != 1:
            problems.append(f"{a['doc']}: snippet in {len(hits)} sentences: {a['snippet']!r}")
            continue
        sent = hits[0]
        word = a["trigger"].partition("@")[0]
        occ = int(a["trigger"].partition("@")[2] or 1)
        if len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", sent)) < occ:
            problems.append(f"trigger {a['trigger']!r} not in: {sent[:70]}")
        for k in ("source_text", "target_text"):
            if a[k] and a[k] not in sent:
                problems.append(f"{k} {a[k]!r} not in: {sent[:70]}")
        if a["date_precision"] not in PRECISIONS or (a["date_precision"] == "none") != (a["date"] is None):
            problems.append(f"bad date {a['date']}/{a['date_precision']}: {sent[:60]}")
        if not re.fullmatch(r"\d{3,4}", a["cameo"]):
            problems.append(f"bad cameo {a['cameo']}")
        rec = {k: v for k, v in a.items() if k != "snippet"}
        rec["sentence"] = sent
        out.append(rec)
    if problems:
        print("\n".join(problems))
        return 1
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(out)} events on {len(cache)} pages -> {HERE / 'gold.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
