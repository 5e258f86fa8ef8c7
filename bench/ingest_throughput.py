"""Ingest throughput: documents/s and peak memory of ``read_path`` on a synthetic corpus.

Usage: python bench/ingest_throughput.py [--copies N]

Builds a temporary folder from the ingest test fixtures (text dumps, a saved page,
JSONL lines, WARC records), each copy made unique (a numbered sentence is added) so
no cache helps, with N copies per fixture (default 100 -> 1,100 documents with the
current fixtures), then reads it with ``dyadwatch.ingest.read_path``.  Prints
documents/s overall, documents per input kind, rejections (should be 0), peak Python heap (tracemalloc, second pass)
and peak RSS.  Baseline in the same run: reading and UTF-8-decoding the same files
(the I/O floor), as a ratio.  Needs no shared data.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "ingest" / "fixtures"


def build_corpus(folder: Path, copies: int) -> int:
    """Write the corpus; returns the number of documents it should yield."""
    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    from ingest_warc_helpers import build_warc, page  # noqa: E402 - test helper

    dumps = sorted((FIX / "dumps").glob("*.txt"))
    html = (FIX / "mixed" / "nile_dam_talks.html").read_bytes()
    n = 0
    (folder / "dumps").mkdir()
    (folder / "pages").mkdir()
    for i in range(copies):
        for d in dumps:
            text = d.read_text(encoding="utf-8")
            extra = f"\n\nCorrection {i}: an earlier version misspelt a place name."
            # insert before the tail chrome: after the first blank line past the middle
            mid = text.find("\n\n", len(text) // 2)
            (folder / "dumps" / f"{d.stem}_{i:04d}.txt").write_text(
                text[:mid] + extra + text[mid:], encoding="utf-8")
            n += 1
        (folder / "pages" / f"nile_{i:04d}.html").write_bytes(
            html.replace(b"</article>", f"<p>Update {i}: talks resume.</p></article>".encode()))
        n += 1
    with open(folder / "lines.jsonl", "w", encoding="utf-8") as fh:
        base = (FIX / "dumps" / "plain_report.txt").read_text(encoding="utf-8")
        for i in range(copies * 3):
            fh.write(json.dumps({"id": f"j{i}", "text": base + f"\n\nLine {i}.",
                                 "published": "2024-05-01"}) + "\n")
            n += 1
    recs = []
    for i in range(copies * 2):
        paras = [f"Delegates met for round {i} of the ceasefire talks in Doha on Monday, "
                 "officials said, and agreed to meet again within a week.",
                 "Mediators described the atmosphere as businesslike but said no text had "
                 "been agreed on prisoner releases or aid deliveries."]
        recs.append((f"https://wire.example.org/{i}", "text/html", page(f"Talks {i}", paras),
                     "200 OK"))
    build_warc(folder / "crawl.warc.gz", recs)
    return n + len(recs)


def floor_pass(folder: Path) -> float:
    t = time.perf_counter()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            f.read_bytes().decode("utf-8", errors="replace")
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from dyadwatch.ingest import read_path
    from dyadwatch.model import Document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        expected = build_corpus(folder, args.copies)
        list(read_path(FIX / "mixed"))  # warm-up: imports, data files
        floor_s = floor_pass(folder)
        t = time.perf_counter()
        kinds: Counter[str] = Counter()
        rejections = 0
        for item in read_path(folder):
            if isinstance(item, Document):
                src = item.source_path or ""
                kinds["warc" if "#" in src else "jsonl" if ".jsonl:" in src
                      else "html" if src.endswith(".html") else "text"] += 1
            else:
                rejections += 1
        secs = time.perf_counter() - t
        docs = sum(kinds.values())
        tracemalloc.start()
        for _ in read_path(folder):
            pass
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {expected} documents expected, {docs} read, {rejections} rejections")
    print(f"by kind: {dict(sorted(kinds.items()))}")
    print(f"throughput: {docs / secs:.1f} documents/s ({secs:.1f} s)")
    print(f"baseline (read + decode the same files): {floor_s:.2f} s; "
          f"ingest/baseline time ratio {secs / floor_s:.0f}x")
    print(f"peak Python heap during read_path: {peak / 1e6:.1f} MB; peak RSS {rss:.0f} MB")
    return 0 if docs == expected and rejections == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
