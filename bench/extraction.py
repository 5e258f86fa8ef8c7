"""Body and publication-date extraction of ``dyadwatch.ingest`` on public benchmarks.

Usage: python bench/extraction.py [--shared PATH] [--date-every K] [--mem-pages N]
                                  [--parts body,dumps,dedup,dates] [--json OUT]

1. Body text on the Zyte article-extraction benchmark (181 pages,
   ``shared/benchmarks/article_extraction``): precision / recall / F1 / accuracy
   with the benchmark's own metric (bags of 4-token shingles, per-page
   normalisation, macro average; re-implemented here from its README), plus a
   bootstrap standard deviation.  Systems: dyadwatch (``document_from_html``), plain
   ``trafilatura.extract`` with default settings run now (baseline), and the stored
   upstream trafilatura output (checks that the metric reproduces the published 0.958).
2. Publication date on the htmldate set (``shared/benchmarks/publication_date``,
   1,000 pages): exact-day accuracy = TP / (TP + FP + FN).  Systems: dyadwatch
   end to end (``document_from_html(..., url=URL).published``: a page with no article
   text yields no document, hence no date) and the date extractor alone
   (``ingest.html.html_date``), against ``htmldate.find_date(..., url=URL,
   original_date=True, extensive_search=True)`` as the baseline, same inputs.
   ``--date-every K`` scores every K-th page (sorted by URL) to save time.
3. Text-dump rules (``document_from_text``) on the whole visible text of the same 181
   Zyte pages, laid out line by line as a browser's select-all + copy gives it; scored
   like (1) against the raw dump (no cleaning) as baseline.
4. Near-duplicate detection (``dyadwatch.dedup.NearDuplicateIndex``, threshold 0.8) on
   the Zyte gold bodies of >= 100 words and generated copies of them: a repost with added
   header/footer lines, a copy-edited version (3 % of words changed), one with the last
   paragraph cut, and the first half only (which should NOT match at 0.8); plus false
   matches between the distinct originals.
5. Throughput (pages/s; the two systems run interleaved page by page so machine load
   hits both alike) and peak Python heap (tracemalloc) on the first
   ``--mem-pages`` pages, reported as dyadwatch / baseline ratios.

Skips with a message when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


# -- the Zyte metric ---------------------------------------------------------------

def shingle_counts(text: str | None) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def page_scores(true: str | None, pred: str | None) -> tuple[float | None, float | None, bool]:
    """(precision or None if skipped, recall or None if skipped, exact token match)."""
    t, p = shingle_counts(true), shingle_counts(pred)
    tp = fp = fn = 0
    for k in set(t) | set(p):
        tp += min(t[k], p[k])
        fp += max(0, p[k] - t[k])
        fn += max(0, t[k] - p[k])
    total = tp + fp + fn
    if total:
        tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    else:
        tp_n = fp_n = fn_n = 0.0
    prec = None if tp_n + fp_n == 0 else (1.0 if fp_n == fn_n == 0 else tp_n / (tp_n + fp_n))
    rec = None if tp_n + fn_n == 0 else (1.0 if fp_n == fn_n == 0 else tp_n / (tp_n + fn_n))
    exact = _TOKEN.findall(true or "") == _TOKEN.findall(pred or "")
    return prec, rec, exact


def corpus_scores(rows: list[tuple[float | None, float | None, bool]]) -> dict[str, float]:
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f1, "precision": p, "recall": r,
            "accuracy": sum(1 for *_, e in rows if e) / len(rows) if rows else 0.0}


def bootstrap_sd(rows: list[tuple[float | None, float | None, bool]], n: int = 1000,
                 seed: int = 0) -> float:
    rng = random.Random(seed)
    vals = []
    for _ in range(n):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        vals.append(corpus_scores(sample)["f1"])
    mean = sum(vals) / n
    return (sum((v - mean) ** 2 for v in vals) / (n - 1)) ** 0.5


# -- helpers ---------------------------------------------------------------------------

def timed_pair(fa: Callable[[int], Any], fb: Callable[[int], Any], n: int
               ) -> tuple[list[Any], float, list[Any], float]:
    """Run two systems page by page, interleaved, so load on a shared machine hits both
    alike.  Returns (outputs a, seconds a, outputs b, seconds b)."""
    out_a, out_b, sec_a, sec_b = [], [], 0.0, 0.0
    for i in range(n):
        t0 = time.perf_counter()
        out_a.append(fa(i))
        t1 = time.perf_counter()
        out_b.append(fb(i))
        sec_a, sec_b = sec_a + t1 - t0, sec_b + time.perf_counter() - t1
    return out_a, sec_a, out_b, sec_b


def peak_heap_mb(fn: Callable[[bytes], Any], pages: list[bytes]) -> float:
    tracemalloc.start()
    for raw in pages:
        fn(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def ours_body(raw: bytes) -> str:
    from dyadwatch.errors import InputError
    from dyadwatch.ingest import document_from_html

    try:
        return document_from_html(raw).body
    except InputError:
        return ""


def baseline_body(raw: bytes) -> str:
    import trafilatura

    return trafilatura.extract(raw) or ""


def load_upstream(path: Path) -> dict[str, str]:
    data = json.loads(gzip.open(path, "rt", encoding="utf8").read())
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {k: (v or {}).get("articleBody") or "" for k, v in data.items()}


# -- 1. body ---------------------------------------------------------------------------

def bench_body(folder: Path, mem_pages: int) -> dict[str, Any]:
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf8"))
    ids = sorted(gold)
    pages = [gzip.open(folder / "html" / f"{i}.html.gz", "rb").read() for i in ids]
    baseline_body(pages[0]), ours_body(pages[0])  # warm-up: imports and lazy loading
    ours, t_ours, base, t_base = timed_pair(lambda i: ours_body(pages[i]),
                                            lambda i: baseline_body(pages[i]), len(pages))
    upstream = load_upstream(folder / "output" / "trafilatura.json.gz")
    res: dict[str, Any] = {"pages": len(ids)}
    for name, preds in (("dyadwatch", ours), ("trafilatura.extract (now)", base),
                        ("trafilatura (upstream output)", [upstream.get(i, "") for i in ids])):
        rows = [page_scores(gold[i]["articleBody"], p) for i, p in zip(ids, preds)]
        res[name] = {**corpus_scores(rows), "f1_sd": bootstrap_sd(rows)}
    res["pages_per_s"] = {"dyadwatch": len(ids) / t_ours, "baseline": len(ids) / t_base}
    sub = pages[:mem_pages]
    res["peak_heap_mb"] = {"dyadwatch": peak_heap_mb(ours_body, sub),
                           "baseline": peak_heap_mb(baseline_body, sub)}
    return res


# -- 1b. text dumps ---------------------------------------------------------------------

_PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table",
              "figure", "pre"}
_LINE_TAGS = {"div", "li", "br", "tr", "section", "article", "header", "footer", "nav",
              "aside", "main", "form", "dd", "dt", "figcaption", "address", "hr"}


def page_as_text_dump(raw: bytes) -> str:
    """The whole visible text of a page with block structure, as a browser's select-all +
    copy would give it: menus, footers and all (a harder input than most real dumps)."""
    import lxml.html

    from dyadwatch.ingest.common import decode_bytes

    text, _ = decode_bytes(raw)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # noqa: BLE001
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//head|//iframe"):
        bad.drop_tree()
    out: list[str] = []

    def walk(el: Any) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            return
        tag = el.tag
        sep = "\n\n" if tag in _PARA_TAGS else "\n" if tag in _LINE_TAGS else ""
        out.append(sep)
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)
        out.append(sep)

    walk(root)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def bench_dumps(folder: Path) -> dict[str, Any]:
    """Text-dump rules on whole-page text of the Zyte pages, against the raw dump."""
    from dyadwatch.errors import InputError
    from dyadwatch.ingest import document_from_text

    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf8"))
    ids = sorted(gold)
    dumps = [page_as_text_dump(gzip.open(folder / "html" / f"{i}.html.gz", "rb").read())
             for i in ids]

    def clean(i: int) -> str:
        try:
            return document_from_text(dumps[i]).body
        except InputError:
            return ""

    cleaned, secs, raw, _ = timed_pair(clean, lambda i: dumps[i], len(ids))
    res: dict[str, Any] = {"pages": len(ids), "docs_per_s": len(ids) / secs}
    for name, preds in (("dyadwatch text-dump rules", cleaned), ("raw dump (no cleaning)", raw)):
        rows = [page_scores(gold[i]["articleBody"], p) for i, p in zip(ids, preds)]
        res[name] = {**corpus_scores(rows), "f1_sd": bootstrap_sd(rows)}
    return res


# -- 1c. near duplicates -------------------------------------------------------------------

def _variants(body: str, rng: random.Random) -> dict[str, str]:
    """Syndication-style copies of a gold body (deterministic with ``rng``)."""
    paras = [p for p in body.split("\n") if p.strip()]
    words = body.split()
    edited = [w if rng.random() > 0.03 else w[::-1] for w in words]  # 3 % of words changed
    return {
        "repost (own header/footer lines added)":
            "Republished with permission\n" + body + "\nShare this article\nRead more",
        "copy-edited (3 % of words changed)": " ".join(edited),
        "last paragraph cut": "\n".join(paras[:-1]) if len(paras) >= 4 else "",
        "first half only (not a duplicate at 0.8)": " ".join(words[: len(words) // 2]),
    }


def bench_dedup(folder: Path, threshold: float = 0.8) -> dict[str, Any]:
    """Near-duplicate detection on the Zyte gold bodies and generated copies of them."""
    from dyadwatch.dedup import NearDuplicateIndex

    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf8"))
    ids = [i for i in sorted(gold) if len(gold[i]["articleBody"].split()) >= 100]
    idx = NearDuplicateIndex(threshold=threshold)
    sigs = {i: idx.signature(gold[i]["articleBody"]) for i in ids}
    for i in ids:
        idx.add(i, sigs[i])
    rng = random.Random(7)
    found: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    wrong = 0
    t = time.perf_counter()
    for i in ids:
        for name, text in _variants(gold[i]["articleBody"], rng).items():
            if not text:
                continue
            tried[name] += 1
            hit = idx.find(idx.signature(text))
            found[name] += hit == i
            wrong += hit is not None and hit != i
    secs = time.perf_counter() - t
    # distinct articles: does any original match another one?
    false_pairs = 0
    for i in ids:
        other = NearDuplicateIndex(threshold=threshold)
        for j in ids:
            if j != i:
                other.add(j, sigs[j])
        false_pairs += other.find(sigs[i]) is not None
    return {"articles": len(ids), "threshold": threshold,
            "detected": {k: (found[k], tried[k]) for k in tried},
            "matched_wrong_article": wrong, "originals_matching_another_original": false_pairs,
            "queries_per_s": sum(tried.values()) / secs}


# -- 2. dates --------------------------------------------------------------------------

def date_entries(shared: Path, every: int) -> list[tuple[str, str, Path]]:
    pd = shared / "benchmarks" / "publication_date"
    out = []
    idx = json.loads((pd / "eval_default_index.json").read_text(encoding="utf8"))
    for url, e in idx.items():
        rel = e["path"][len("shared/"):] if e["path"].startswith("shared/") else e["path"]
        out.append((url, e["date"], shared / rel))
    mc = json.loads((pd / "mediacloud_2020" / "eval_mediacloud_2020.json").read_text("utf8"))
    for url, e in mc.items():
        out.append((url, e["date"], pd / "mediacloud_2020" / "html" / f"{e['file']}.gz"))
    out.sort()
    return out[::every]


def bench_dates(shared: Path, every: int) -> dict[str, Any]:
    import htmldate

    from dyadwatch.errors import InputError
    from dyadwatch.ingest import document_from_html
    from dyadwatch.ingest.html import html_date

    entries = date_entries(shared, every)
    pages = [gzip.open(p, "rb").read() for _, _, p in entries]

    def ours(i: int) -> str | None:
        try:
            d = document_from_html(pages[i], url=entries[i][0]).published
        except InputError:
            return None
        return d.isoformat() if d else None

    def base(i: int) -> str | None:
        try:
            return htmldate.find_date(pages[i], url=entries[i][0], original_date=True,
                                      extensive_search=True)
        except Exception:  # noqa: BLE001 - count a crash as "no date"
            return None

    def ours_date_only(i: int) -> str | None:
        d, _ = html_date(pages[i], url=entries[i][0])
        return d.isoformat() if d else None

    res: dict[str, Any] = {"pages": len(entries), "every": every}
    p_ours, s_ours, p_base, s_base = timed_pair(ours, base, len(entries))
    p_only, s_only, _, _ = timed_pair(ours_date_only, lambda i: None, len(entries))
    for name, preds, secs in (("dyadwatch document_from_html", p_ours, s_ours),
                              ("dyadwatch date extractor alone", p_only, s_only),
                              ("htmldate (extensive, original_date)", p_base, s_base)):
        tp = sum(1 for (_, g, _), p in zip(entries, preds) if p == g)
        fn_ = sum(1 for p in preds if p is None)
        fp = len(preds) - tp - fn_
        res[name] = {"accuracy": tp / len(preds), "precision": tp / (tp + fp) if tp + fp else 0.0,
                     "recall": tp / (tp + fn_) if tp + fn_ else 0.0,
                     "f1": 2 * tp / (2 * tp + fp + fn_), "tp": tp, "fp": fp, "fn": fn_,
                     "pages_per_s": len(preds) / secs}
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("DYADWATCH_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--date-every", type=int, default=1)
    ap.add_argument("--mem-pages", type=int, default=40)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--parts", default="body,dumps,dedup,dates",
                    help="comma-separated subset of body,dumps,dedup,dates")
    args = ap.parse_args()
    ae = args.shared / "benchmarks" / "article_extraction"
    if not ae.is_dir():
        print(f"SKIP: {ae} not found (the shared benchmarks are not in this checkout)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    parts = set(args.parts.split(","))
    body: dict[str, Any] = {}
    dumps: dict[str, Any] = {}
    if "dumps" in parts:
        dumps = bench_dumps(ae)
        print(f"\n== Text-dump rules: whole-page text of the Zyte pages, {dumps['pages']} pages ==")
        print(f"{'system':34} {'F1':>13} {'precision':>9} {'recall':>7} {'accuracy':>8}")
        for name in ("dyadwatch text-dump rules", "raw dump (no cleaning)"):
            s = dumps[name]
            print(f"{name:34} {s['f1']:.3f} ± {s['f1_sd']:.3f} {s['precision']:9.3f} "
                  f"{s['recall']:7.3f} {s['accuracy']:8.3f}")
        print(f"throughput: {dumps['docs_per_s']:.1f} dumps/s")
    if "dedup" in parts:
        dd = bench_dedup(ae)
        print(f"\n== Near duplicates: {dd['articles']} Zyte gold bodies of >= 100 words, "
              f"threshold {dd['threshold']} ==")
        for name, (hit, n) in dd["detected"].items():
            print(f"{name:45} found {hit}/{n} ({hit / n:.1%})")
        print(f"matched to a wrong article: {dd['matched_wrong_article']}; originals matching "
              f"another original: {dd['originals_matching_another_original']}; "
              f"{dd['queries_per_s']:.0f} queries/s")
        dumps["dedup"] = dd
    if "body" not in parts:
        body = {}
    else:
        body = bench_body(ae, args.mem_pages)
        _print_body(body, args.mem_pages)
    pd = args.shared / "benchmarks" / "publication_date"
    dates: dict[str, Any] = {}
    if pd.is_dir() and "dates" in parts:
        dates = bench_dates(args.shared, args.date_every)
        _print_dates(dates)
    if args.json:
        args.json.write_text(json.dumps({"body": body, "dumps": dumps, "dates": dates},
                                        indent=2))
    return 0


def _print_body(body: dict[str, Any], mem_pages: int) -> None:
    print(f"\n== Body extraction: Zyte benchmark, {body['pages']} pages ==")
    print(f"{'system':34} {'F1':>13} {'precision':>9} {'recall':>7} {'accuracy':>8}")
    for name in ("dyadwatch", "trafilatura.extract (now)", "trafilatura (upstream output)"):
        s = body[name]
        print(f"{name:34} {s['f1']:.3f} ± {s['f1_sd']:.3f} {s['precision']:9.3f} "
              f"{s['recall']:7.3f} {s['accuracy']:8.3f}")
    print("published: trafilatura 2.0.0 F1 0.958 P 0.938 R 0.978 acc 0.293")
    sp, mem = body["pages_per_s"], body["peak_heap_mb"]
    print(f"throughput pages/s: dyadwatch {sp['dyadwatch']:.1f}, baseline {sp['baseline']:.1f}, "
          f"ratio {sp['dyadwatch'] / sp['baseline']:.2f}")
    print(f"peak heap MB ({mem_pages} pages): dyadwatch {mem['dyadwatch']:.1f}, "
          f"baseline {mem['baseline']:.1f}, ratio {mem['dyadwatch'] / mem['baseline']:.2f}")


def _print_dates(dates: dict[str, Any]) -> None:
    print(f"\n== Publication date: htmldate set, {dates['pages']} pages "
          f"(every {dates['every']}) ==")
    print(f"{'system':38} {'accuracy':>8} {'precision':>9} {'recall':>7} {'F1':>6} "
          f"{'pages/s':>8}")
    for name in ("dyadwatch document_from_html", "dyadwatch date extractor alone",
                 "htmldate (extensive, original_date)"):
        s = dates[name]
        print(f"{name:38} {s['accuracy']:8.3f} {s['precision']:9.3f} {s['recall']:7.3f} "
              f"{s['f1']:6.3f} {s['pages_per_s']:8.1f}")


if __name__ == "__main__":
    sys.exit(main())
