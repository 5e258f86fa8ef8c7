"""Factuality of gold event sentences: dyadwatch's modality classifier vs. the gold flag.

Usage: python bench/factuality.py [--gold DIR] [--show-errors] [--quick]

Reads ``../shared/benchmarks/news_events_gold/gold.jsonl`` (one line per gold event,
with its ``sentence`` and a ``factual`` flag; see that folder's README).  The gold
has no trigger token, so each gold line is scored with two trigger choices:

* ``main-verb``: the root of the parsed sentence (what the brief asks for);
* ``speech-aware``: the root, except that when the root is a reporting verb
  ("X said Y will ...") and the gold CAMEO root is not itself a verbal act
  (01-03 statements/appeals/intent, 10-13 demands/criticism/rejection/threats),
  the reported clause's verb is taken instead -- the gold codes the reported
  event there.

Unless ``--quick``, it also runs the whole pipeline on the shipped example
articles (their ``expected.json`` factual/nonfactual keys; works without ../shared)
and over the AG leads of docs.jsonl, matching system events to gold lines (same
document, overlapping sentence, then same CAMEO root, else same source+target
country); on the matched
pairs it reports the same scores and the *leakage*: gold non-factual events that
the system outputs as factual.  This measures the coder's trigger choice too.

Precision/recall are for detecting NON-factual events (positive class =
``factual: false``; the classifier says non-factual for anything but ASSERTED),
plus the factual filter (positive = factual).  Nothing here was tuned on this data.
Skips with a message when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "benchmarks" / "news_events_gold"
#: CAMEO roots whose event is the utterance itself (the reporting verb is the trigger)
VERBAL_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}


def main_verb(doc: Any) -> Any:
    """Root of the first sentence that has a verb (else the first root)."""
    sents = list(doc.sents)
    for s in sents:
        if any(t.pos_ in ("VERB", "AUX") for t in s):
            return s.root
    return sents[0].root


def speech_aware(root: Any, cameo_root: str) -> Any:
    from dyadwatch.modality import lexicon
    from dyadwatch.modality.syntax import gov_key

    if cameo_root in VERBAL_ROOTS or lexicon().governor(gov_key(root), "comp") != "reported":
        return root
    comps = [c for c in root.children if c.dep_ == "ccomp"]
    return comps[0] if comps else root


def prf(pairs: list[tuple[bool, bool]]) -> dict[str, float]:
    """pairs of (gold_positive, predicted_positive)."""
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p)
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / (tp + fn) if tp + fn else float("nan")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--quick", action="store_true",
                    help="only the classifier on gold sentences; skip the two pipeline runs "
                         "(shipped examples, AG leads)")
    args = ap.parse_args()
    args.examples = args.pipeline = not args.quick
    if args.examples:
        examples_mode(args.show_errors)
    gold_file = args.gold / "gold.jsonl"
    if not gold_file.is_file():
        print(f"SKIP: {gold_file} not found (the shared benchmarks are absent in this checkout)")
        return 0

    from dyadwatch.modality import classify
    from dyadwatch.text import load_nlp

    nlp = load_nlp()
    rows = [json.loads(line) for line in gold_file.read_text("utf-8").splitlines() if line.strip()]
    docs = {}
    results: dict[str, list[tuple[dict, str, dict, str]]] = {"main-verb": [], "speech-aware": []}
    for row in rows:
        sent = row["sentence"]
        if sent not in docs:
            docs[sent] = nlp(sent)
        root = main_verb(docs[sent])
        for name, tok in (("main-verb", root),
                          ("speech-aware", speech_aware(root, str(row.get("root") or "")))):
            modality, info = classify(tok)
            results[name].append((row, modality.value, info, tok.text))

    n_false = sum(1 for r in rows if not r["factual"])
    print(f"news_events_gold: {len(rows)} gold events in {len(docs)} distinct sentences; "
          f"{n_false} non-factual")
    for name, res in results.items():
        nf = prf([(not r["factual"], m != "asserted") for r, m, _, _ in res])
        f = prf([(bool(r["factual"]), m == "asserted") for r, m, _, _ in res])
        labels = Counter(m for _, m, _, _ in res)
        print(f"\n[{name}] non-factual detection: precision {nf['precision']:.3f} "
              f"recall {nf['recall']:.3f} (tp {nf['tp']}, fp {nf['fp']}, fn {nf['fn']})")
        print(f"[{name}] factual filter:        precision {f['precision']:.3f} "
              f"recall {f['recall']:.3f}")
        print(f"[{name}] labels: " + ", ".join(f"{k} {v}" for k, v in labels.most_common()))
        if args.show_errors:
            for r, m, info, trig in res:
                if (m != "asserted") == (not r["factual"]):
                    continue
                kind = "FP" if r["factual"] else "FN"
                print(f"  {kind} [{r['cameo']}] trigger={trig!r} -> {m} "
                      f"({info['rule']}: {info['cue']}) | {r['sentence'][:160]}")
    if args.pipeline:
        pipeline_mode(args.gold, rows, args.show_errors)
    return 0


def examples_mode(show_errors: bool) -> None:
    """Pipeline on the shipped example articles vs. their hand-written expectations.

    ``expected.json`` (written independently of the modality rules) lists factual events
    and ``nonfactual`` (sentence, source country, target country, root) keys from which no
    factual event may be coded.  Reports, for candidates the coder produced: leakage
    (a nonfactual key coded as factual) and over-filtering (a factual key coded only as
    non-factual).
    """
    from dyadwatch import ingest
    from dyadwatch.jobs import examples_dir
    from dyadwatch.model import Document
    from dyadwatch.pipeline import Pipeline

    exdir = Path(examples_dir())
    expected = json.loads((exdir / "expected.json").read_text("utf-8"))["documents"]
    pipe = Pipeline()
    nf_keys = nf_cands = leaked = f_keys = f_cands = over = labels_ok = 0
    for name, exp in expected.items():
        docs = [d for d in ingest.read_path(exdir / name) if isinstance(d, Document)]
        if not docs:
            continue
        events = pipe.process(docs[0]).events

        def cands(key: dict) -> list[Any]:
            g = _norm(key["sentence"])
            return [e for e in events if (_norm(e.sentence) in g or g in _norm(e.sentence))
                    and e.source.country == key["source_country"]
                    and (e.target.country if e.target else None) == key["target_country"]
                    and str(e.root) == str(key["root"])]
        for key in exp.get("nonfactual", []):
            nf_keys += 1
            cs = cands(key)
            nf_cands += bool(cs)
            bad = [e for e in cs if e.factual]
            leaked += bool(bad)
            labels_ok += bool(cs) and all(e.modality.value == key["modality"] for e in cs)
            if show_errors and bad:
                print(f"  LEAK {name}: {key['sentence'][:120]}")
        for key in exp.get("events", []):
            f_keys += 1
            cs = cands(key)
            f_cands += bool(cs)
            if cs and not any(e.factual for e in cs):
                over += 1
                if show_errors:
                    m = cs[0].evidence.get("modality", {})
                    print(f"  OVER {name} {cs[0].modality.value} ({m.get('rule')}: "
                          f"{m.get('cue')}): {key['sentence'][:120]}")
    print(f"[examples] nonfactual keys {nf_keys}, with a coded candidate {nf_cands}, leaked as "
          f"factual {leaked}, exact modality label {labels_ok}/{nf_cands}")
    print(f"[examples] factual keys {f_keys}, with a coded candidate {f_cands}, wrongly "
          f"filtered as non-factual {over}")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _match(gold: dict, events: list[Any], strict: bool = False) -> Any | None:
    """The system event for a gold line: same sentence and CAMEO root; unless
    ``strict``, else same sentence and same source/target countries."""
    g = _norm(gold["sentence"])
    near = [e for e in events if _norm(e.sentence) in g or g in _norm(e.sentence)]
    same_root = [e for e in near if str(e.root) == str(gold["root"])]
    if same_root or strict:
        return same_root[0] if same_root else None
    src, tgt = (gold.get("source") or "")[:3], (gold.get("target") or "")[:3]
    same_dyad = [e for e in near if e.source.country == src
                 and (e.target.country if e.target else None) == (tgt or None)]
    return same_dyad[0] if same_dyad else None


def pipeline_mode(gold_dir: Path, rows: list[dict], show_errors: bool) -> None:
    from dyadwatch.model import Document
    from dyadwatch.pipeline import Pipeline

    docs = [json.loads(line) for line in (gold_dir / "docs.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    ag = {d["id"]: d for d in docs if d.get("text")}
    try:
        pipe = Pipeline()
    except Exception as exc:  # noqa: BLE001 - a bench reports, it does not crash
        print(f"\n[pipeline] SKIP: the pipeline could not be built: {exc}")
        return
    events: dict[str, list[Any]] = {}
    for doc_id, d in ag.items():
        res = pipe.process(Document(doc_id=doc_id, body=d["text"]))
        events[doc_id] = res.events
    gold_ag = [r for r in rows if r["doc"] in ag]
    strict = [(r, _match(r, events[r["doc"]], strict=True)) for r in gold_ag]
    strict = [(r, e) for r, e in strict if e is not None]
    snf = prf([(not r["factual"], not e.factual) for r, e in strict])
    print(f"\n[pipeline/same-root] {len(strict)} gold events matched with the same CAMEO root: "
          f"gold non-factual {sum(1 for r, _ in strict if not r['factual'])}, system non-factual "
          f"{sum(1 for _, e in strict if not e.factual)}; non-factual detection tp {snf['tp']}, "
          f"fp {snf['fp']}, fn {snf['fn']}")
    pairs = [(r, _match(r, events[r["doc"]])) for r in gold_ag]
    matched = [(r, e) for r, e in pairs if e is not None]
    n_sys = sum(len(v) for v in events.values())
    n_nonfact_sys = sum(1 for v in events.values() for e in v if not e.factual)
    print(f"\n[pipeline] {len(ag)} AG leads, {len(gold_ag)} gold events "
          f"({sum(1 for r in gold_ag if not r['factual'])} non-factual); system: {n_sys} events "
          f"({n_nonfact_sys} non-factual); matched gold events: {len(matched)}")
    nf = prf([(not r["factual"], not e.factual) for r, e in matched])
    f = prf([(bool(r["factual"]), e.factual) for r, e in matched])
    gold_nf = [(r, e) for r, e in pairs if not r["factual"]]
    leaked = [(r, e) for r, e in gold_nf if e is not None and e.factual]
    print(f"[pipeline] matched pairs: non-factual detection precision {nf['precision']:.3f} "
          f"recall {nf['recall']:.3f} (tp {nf['tp']}, fp {nf['fp']}, fn {nf['fn']}); factual "
          f"filter precision {f['precision']:.3f} recall {f['recall']:.3f}")
    print(f"[pipeline] leakage: {len(leaked)} of {sum(1 for _, e in gold_nf if e is not None)} "
          f"matched gold non-factual events are output as factual "
          f"({sum(1 for _, e in gold_nf if e is None)} gold non-factual events unmatched)")
    if show_errors:
        for r, e in matched:
            if e.factual == bool(r["factual"]):
                continue
            kind = "FP" if r["factual"] else "FN"
            mod = e.evidence.get("modality", {})
            trig = e.trigger
            print(f"  {kind} gold[{r['cameo']}] sys[{e.cameo}] trigger={trig} -> "
                  f"{e.modality.value} ({mod.get('rule')}: {mod.get('cue')}) | "
                  f"{r['sentence'][:150]}")


if __name__ == "__main__":
    sys.exit(main())
