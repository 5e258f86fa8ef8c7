"""Score the dyadwatch pipeline ONCE on the blind set (bench/blind, see its README).

Usage: PYTHONPATH=src python bench/blind/score.py [--set DIR] [--json FILE] [--run]
                                                  [--label TEXT] [--details]
                                                  [--gold-as-predictions]

``--set DIR`` scores another set of the same format (default: bench/blind; e.g.
``--set bench/blind2``); its runs go to ``DIR/runs.jsonl``.

The set: ``sentences.jsonl`` (wire-style sentences, one document each, every CAMEO root,
plus no-event and non-factual sentences) and ``pages/*.txt`` with ``pages_gold.jsonl``
(gold for the headline and the first paragraphs of each page).  Each document is coded by
``dyadwatch.jobs.extract`` with one pipeline; system events are matched to gold with the
matching code of ``bench/news_events_gold.py`` (imported, not copied): per document, a
one-to-one matching on the key (source country, target country, CAMEO root), where the
country is the first three characters of the actor code and a null target only matches a
null target.

Figures:
* main: factual system events against factual gold lines; P/R/F1 overall, for sentences,
  for pages (page events count only if their sentence lies in the gold scope), by root;
  on matched pairs the exact CAMEO code, full actor codes and (pages) the date;
* news_events_gold view: factual system events against all gold lines, as that bench does;
* non-factual handling: all system events (any modality) against all gold lines: of the
  gold lines marked ``factual: false``, how many a system event matched and how many of
  those came out as factual (leaked); factual system events on the no-event sentences and
  on the sentences whose only gold events are non-factual.

Page attributes (when the page gold has ``date_precision``): on the page events matched to gold
by ``bench/page_events.py``'s ``match`` (same or overlapping sentence, same source and target
countries, preferring the same root; imported, not copied), that script's ``score``: exact
day, wrong-day rate, place country (gold ``place_country``; only when the set annotates
places) and non-factual precision/recall.

``--run`` appends one line (date, git commit, figures) to the set's ``runs.jsonl``: the
FIRST line there is the blind figure; later lines are not blind.  ``--details`` lists the
unmatched gold lines and system events per document (do not show them to the coder's
authors before the first run is on record).

Exits 0 with a message when a needed resource is absent (the news_events_gold bench
script, dyadwatch, or the spaCy model).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SENTENCES = HERE / "sentences.jsonl"
PAGES_GOLD = HERE / "pages_gold.jsonl"
RUNS = HERE / "runs.jsonl"
NEG_SCRIPT = ROOT / "bench" / "news_events_gold.py"
PAGE_SCRIPT = ROOT / "bench" / "page_events.py"


class Skip(Exception):
    """A resource the run needs is absent: report it and exit 0."""


# --------------------------------------------------------------------------- matching code
def load_matcher(path: Path = NEG_SCRIPT) -> ModuleType:
    """bench/news_events_gold.py as a module (its ``Ev``, ``score``, ``in_scope`` ...)."""
    return _load_module(path, "news_events_gold_bench")


def _load_module(path: Path, key: str) -> ModuleType:
    if key in sys.modules:
        return sys.modules[key]
    if not path.is_file():
        raise Skip(f"the matching code {path} is absent")
    spec = importlib.util.spec_from_file_location(key, path)
    if spec is None or spec.loader is None:
        raise Skip(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


def load_page_scorer(path: Path = PAGE_SCRIPT) -> ModuleType:
    """bench/page_events.py as a module (its ``match``, ``score``, ``_out``)."""
    return _load_module(path, "page_events_bench")


# --------------------------------------------------------------------------- data
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def actor_code(country: str | None, agent: str | None) -> str | None:
    """Gold country + optional agent type as one actor code ("PAK" + "MIL" -> "PAKMIL")."""
    if country is None:
        return None
    return country + (agent or "")


def gold_events(records: Iterable[dict[str, Any]], neg: ModuleType) -> list[Any]:
    """The gold lines of sentence or page records as ``Ev`` objects (doc = record id)."""
    out = []
    for rec in records:
        for e in rec["events"]:
            out.append(neg.Ev(doc=rec["id"], source=actor_code(e["source"], e.get("source_agent")),
                              target=actor_code(e.get("target"), e.get("target_agent")),
                              cameo=e["cameo"], date=e.get("date"), factual=bool(e["factual"]),
                              sentence=e.get("sentence") or rec.get("text", ""),
                              note=e.get("note") or ""))
    return out


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def page_scope(text: str, n: int) -> str:
    """The gold scope of a page: its headline and the first ``n`` paragraphs after it."""
    return "\n".join(paragraphs(text)[: n + 1])


def has_page_attributes(pages: list[dict[str, Any]]) -> bool:
    """True when the page gold gives dates (``date_precision``) for its events."""
    return any("date_precision" in e for r in pages for e in r["events"])


def page_gold_dicts(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """A page record's gold events in the form ``bench/page_events.py`` scores: full actor
    codes, ``date_precision`` "none" for no date, ``country`` = ``place_country``."""
    out = []
    for e in rec["events"]:
        out.append({"doc": rec["id"], "sentence": e["sentence"],
                    "source": actor_code(e["source"], e.get("source_agent")),
                    "target": actor_code(e.get("target"), e.get("target_agent")),
                    "cameo": e["cameo"], "factual": bool(e["factual"]),
                    "date": e.get("date"), "date_precision": e.get("date_precision") or "none",
                    "date_end": e.get("date_end"), "country": e.get("place_country"),
                    "trigger": e["cameo"]})
    return out


def page_attribute_scores(pages: list[dict[str, Any]], page_events: dict[str, list[Any]],
                          pe: ModuleType) -> dict[str, Any] | None:
    """Date, place and factuality on the page events matched to gold (``pe`` is
    bench/page_events.py); None when the set's page gold has no dates."""
    if not has_page_attributes(pages):
        return None
    pairs = []
    for rec in pages:
        pairs += [(g, pe._out(ev)) for g, ev in
                  pe.match(page_gold_dicts(rec), page_events.get(rec["id"], []))]
    rep = pe.score(pairs)
    rep["gold_events"] = sum(len(r["events"]) for r in pages)
    rep["places_annotated"] = any("place_country" in e for r in pages for e in r["events"])
    if not rep["places_annotated"]:
        rep["place_country"] = None
    return rep


# --------------------------------------------------------------------------- scoring
def _per_root(gold: list[Any], system: list[Any], docs: list[str], neg: ModuleType) -> dict:
    return neg.score(gold, system, docs)["per_root"]


def score_all(sent_gold: list[Any], page_gold: list[Any], system: list[Any],
              sent_ids: list[str], page_ids: list[str], neg: ModuleType) -> dict[str, Any]:
    """All figures of the run from gold and system ``Ev`` lists (system events carry
    their ``factual`` flag; page events must already be restricted to the gold scope)."""
    gold = sent_gold + page_gold
    docs = sent_ids + page_ids
    fact_gold = [g for g in gold if g.factual]
    fact_sys = [s for s in system if s.factual]
    main = neg.score(fact_gold, fact_sys, docs)
    gold_docs = {g.doc for g in sent_gold}
    empty = [d for d in sent_ids if d not in gold_docs]
    nf_only = sorted({g.doc for g in sent_gold} - {g.doc for g in sent_gold if g.factual})
    everything = neg.score(gold, system, docs)
    fsys_by_doc = Counter(s.doc for s in fact_sys)
    return {
        "documents": {"sentences": len(sent_ids), "pages": len(page_ids)},
        "gold_lines": {"all": len(gold), "factual": len(fact_gold),
                       "non_factual": len(gold) - len(fact_gold)},
        "system_events": {"all": len(system), "factual": len(fact_sys)},
        "main": {
            "overall": main["key"],
            "sentences": neg.score(fact_gold, fact_sys, sent_ids)["key"],
            "pages": neg.score(fact_gold, fact_sys, page_ids)["key"],
            "lenient_quadclass_key": main["lenient_quadclass_key"],
            "matched": main["matched"],
            "per_root": main["per_root"],
            "per_root_pages": _per_root(fact_gold, fact_sys, page_ids, neg),
        },
        "news_events_gold_view": neg.score(gold, fact_sys, docs)["key"],
        "non_factual": {
            "gold_lines": everything["factuality"]["nonfactual_gold"],
            "matched_by_any_system_event": everything["factuality"]["matched"],
            "matched_and_marked_non_factual": (everything["factuality"]["matched"]
                                               - everything["factuality"]["leaked_as_factual"]),
            "leaked_as_factual": everything["factuality"]["leaked_as_factual"],
            "no_event_sentences": len(empty),
            "no_event_sentences_with_factual_output": sum(1 for d in empty if fsys_by_doc[d]),
            "factual_events_on_no_event_sentences": sum(fsys_by_doc[d] for d in empty),
            "non_factual_only_sentences": len(nf_only),
            "non_factual_only_sentences_with_factual_output": sum(
                1 for d in nf_only if fsys_by_doc[d]),
        },
    }


# --------------------------------------------------------------------------- running
def build_pipeline() -> Any:
    try:
        from dyadwatch.errors import DyadwatchError
        from dyadwatch.pipeline import Pipeline
    except ImportError as exc:
        raise Skip(f"dyadwatch is not importable ({exc}); run with PYTHONPATH=src") from exc
    try:
        return Pipeline()
    except (OSError, ImportError, DyadwatchError) as exc:  # e.g. the spaCy model is absent
        raise Skip(f"the pipeline cannot be built ({type(exc).__name__}: {exc})") from exc


def code_documents(pipeline: Any, sentences: list[dict[str, Any]], pages: list[dict[str, Any]],
                   neg: ModuleType, set_dir: Path = HERE,
                   page_events: dict[str, list[Any]] | None = None
                   ) -> tuple[list[Any], list[dict[str, str]], int]:
    """System events (``Ev``, all modalities) for every document; page events outside the
    gold scope are dropped.  Returns (events, errors, events outside the page scopes).
    ``page_events``, when given, receives the in-scope page events as the pipeline's own
    event objects (doc id -> events), for the date/place/factuality scores."""
    from dyadwatch import jobs

    system: list[Any] = []
    errors: list[dict[str, str]] = []
    outside = 0
    page_ids = {r["id"] for r in pages}
    docs = [(r["id"], r["text"], r["published"], None) for r in sentences]
    for r in pages:
        text = (set_dir / r["file"]).read_text(encoding="utf-8")
        docs.append((r["id"], text, r["published"], page_scope(text, r["scope_paragraphs"])))
    for doc_id, text, published, scope in docs:
        try:
            result = jobs.extract(text, published=published, pipeline=pipeline, doc_id=doc_id)
        except Exception as exc:  # noqa: BLE001 - a failing document is reported, the run goes on
            errors.append({"doc": doc_id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        for ev in result.events:
            if scope is not None and not neg.in_scope(ev.sentence or "", scope):
                outside += 1
                continue
            system.append(neg.system_from_event(doc_id, ev))
            if page_events is not None and doc_id in page_ids:
                page_events.setdefault(doc_id, []).append(ev)
    return system, errors, outside


def git_commit() -> dict[str, Any]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()
    return {"commit": git("rev-parse", "HEAD") or None,
            "branch": git("rev-parse", "--abbrev-ref", "HEAD") or None,
            "src_tree": git("rev-parse", "HEAD:src") or None,
            "dirty": bool(git("status", "--porcelain", "--", "src"))}


def gold_as_model_events(pages: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The page gold as stand-ins for pipeline events (for the plumbing check)."""
    from types import SimpleNamespace
    from datetime import date as _date

    out: dict[str, list[Any]] = {}
    for rec in pages:
        for e in rec["events"]:
            d, p = e.get("date"), e.get("date_precision") or None
            day = None
            if d:
                day = _date.fromisoformat(d if len(d) == 10 else (d + "-01-01")[:10])
            tgt = actor_code(e.get("target"), e.get("target_agent"))
            out.setdefault(rec["id"], []).append(SimpleNamespace(
                source=SimpleNamespace(code=actor_code(e["source"], e.get("source_agent"))),
                target=SimpleNamespace(code=tgt) if tgt else None, root=e["root"],
                cameo=e["cameo"], sentence=e["sentence"], factual=bool(e["factual"]),
                date=day, date_precision=p, date_end=None, evidence={},
                location=(SimpleNamespace(country=e["place_country"])
                          if e.get("place_country") else None)))
    return out


def run(details: bool = False, pipeline: Any = None, gold_as_predictions: bool = False,
        set_dir: Path = HERE) -> dict[str, Any]:
    """Code the set and score it.  ``gold_as_predictions``: no pipeline, the gold itself is
    scored as the system output (checks the plumbing; every figure must be 1.0)."""
    neg = load_matcher()
    sentences_path, pages_path = ((SENTENCES, PAGES_GOLD) if set_dir == HERE else
                                  (set_dir / "sentences.jsonl", set_dir / "pages_gold.jsonl"))
    for path in (sentences_path, pages_path):
        if not path.is_file():
            raise FileNotFoundError(f"{path}: the set's data file is absent")
    sentences = read_jsonl(sentences_path)
    pages = read_jsonl(pages_path)
    pe = load_page_scorer() if has_page_attributes(pages) else None
    sent_gold, page_gold = gold_events(sentences, neg), gold_events(pages, neg)
    t0 = time.perf_counter()
    if not gold_as_predictions:
        pipeline = pipeline or build_pipeline()
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    page_events: dict[str, list[Any]] = {}
    if gold_as_predictions:
        system, errors, outside = sent_gold + page_gold, [], 0
        page_events = gold_as_model_events(pages)
    else:
        system, errors, outside = code_documents(pipeline, sentences, pages, neg, set_dir,
                                                 page_events)
    run_s = time.perf_counter() - t1
    sent_ids = [r["id"] for r in sentences]
    page_ids = [r["id"] for r in pages]
    rep = score_all(sent_gold, page_gold, system, sent_ids, page_ids, neg)
    rep["page_attributes"] = (page_attribute_scores(pages, page_events, pe)
                              if pe is not None else None)
    rep.update({"set": str(set_dir.relative_to(ROOT) if set_dir.is_relative_to(ROOT)
                           else set_dir),
                "taken_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "git": git_commit(), "errors": errors,
                "system": "gold as predictions" if gold_as_predictions else "dyadwatch pipeline",
                "page_events_outside_gold_scope": outside,
                "seconds": {"load": round(load_s, 1), "run": round(run_s, 1)}})
    if details:
        fact_gold = [g for g in sent_gold + page_gold if g.factual]
        rep["details"] = neg.diagnose(fact_gold, [s for s in system if s.factual],
                                      sent_ids + page_ids)
    return rep


def record_run(rep: dict[str, Any], path: Path = RUNS, label: str | None = None) -> bool:
    """Append the run to runs.jsonl; True when it is the first (the blind one)."""
    first = not path.is_file() or not path.read_text(encoding="utf-8").strip()
    m = rep["main"]
    line: dict[str, Any] = {}
    if label:
        line["label"] = label
    line.update({"taken_at": rep["taken_at"], "git": rep["git"], "blind": first,
            "overall": m["overall"], "sentences": m["sentences"], "pages": m["pages"],
            "per_root_f1": {r: v["f1"] for r, v in m["per_root"].items()},
            "non_factual": rep["non_factual"], "errors": len(rep["errors"])})
    pa = rep.get("page_attributes")
    if pa:
        line["page_attributes"] = {k: pa[k] for k in (
            "events", "exact_day", "wrong_day", "place_country", "nonfactual")}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")
    return first


# --------------------------------------------------------------------------- printing
def _f(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def _row(name: str, k: dict[str, Any]) -> str:
    return (f"{name:28} {k['gold']:5d} {k['system']:5d} {k['tp']:5d}"
            f" {_f(k['precision'])} {_f(k['recall'])} {_f(k['f1'])}")


def print_report(rep: dict[str, Any]) -> None:
    g = rep["git"]
    print(f"blind set {rep.get('set', '')}, {rep['system']} ({rep['taken_at']}, commit {(g['commit'] or '?')[:10]}"
          f"{' +uncommitted src changes' if g['dirty'] else ''}): "
          f"{rep['documents']['sentences']} sentences, {rep['documents']['pages']} pages; "
          f"load {rep['seconds']['load']} s, run {rep['seconds']['run']} s")
    if rep["errors"]:
        print(f"  {len(rep['errors'])} documents failed, e.g. {rep['errors'][0]}")
    print(f"  page events outside the gold scope (ignored): {rep['page_events_outside_gold_scope']}")
    m = rep["main"]
    print(f"\n{'factual key (src, tgt, root)':28} {'gold':>5} {'sys':>5} {'tp':>5}"
          f" {'P':>6} {'R':>6} {'F1':>6}")
    for name, k in (("overall", m["overall"]), ("sentences", m["sentences"]),
                    ("pages (scope)", m["pages"]),
                    ("lenient QuadClass key", m["lenient_quadclass_key"]),
                    ("news_events_gold view", rep["news_events_gold_view"])):
        print(_row(name, k))
    print("\non matched pairs: " + ", ".join(
        f"{label} {a['correct']}/{a['of']}" for label, a in (
            ("CAMEO exact", m["matched"]["cameo_exact"]),
            ("CAMEO or note alternative", m["matched"]["cameo_exact_or_note_alternative"]),
            ("actor codes", m["matched"]["actor_codes_exact"]),
            ("date", m["matched"]["date"]))))
    nf = rep["non_factual"]
    print(f"\nnon-factual: {nf['gold_lines']} gold lines; matched by a system event "
          f"{nf['matched_by_any_system_event']}, of which marked non-factual "
          f"{nf['matched_and_marked_non_factual']} and leaked as factual {nf['leaked_as_factual']}")
    print(f"no-event sentences: {nf['no_event_sentences']}, with factual output "
          f"{nf['no_event_sentences_with_factual_output']} "
          f"({nf['factual_events_on_no_event_sentences']} events); sentences with only "
          f"non-factual gold: {nf['non_factual_only_sentences']}, with factual output "
          f"{nf['non_factual_only_sentences_with_factual_output']}")
    pa = rep.get("page_attributes")
    if pa:
        ed, wd, pc, pnf = pa["exact_day"], pa["wrong_day"], pa["place_country"], pa["nonfactual"]
        print(f"\npage events matched to gold (sentence + countries): {pa['events']} of "
              f"{pa['gold_events']} gold")
        print(f"  exact day {ed['correct']}/{ed['of']} = {ed['rate']}; wrong-day rate "
              f"{wd['wrong']}/{wd['of']} = {wd['rate']}")
        print("  place country " + ("not annotated" if pc is None else
                                    f"{pc['correct']}/{pc['of']} = {pc['rate']} (stated places "
                                    f"{pc['stated_correct']}/{pc['stated_of']})"))
        print(f"  non-factual P {pnf['precision']} R {pnf['recall']} "
              f"(tp {pnf['tp']} fp {pnf['fp']} fn {pnf['fn']})")
    neg = load_matcher()  # the same tables as bench/news_events_gold.py
    neg.print_per_root(m["per_root"])
    neg.print_details(rep.get("details", []))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", metavar="DIR", type=Path, default=None,
                    help="the set's folder (default bench/blind; e.g. bench/blind2)")
    ap.add_argument("--label", metavar="TEXT", default=None,
                    help="with --run: a label stored with the run")
    ap.add_argument("--json", metavar="FILE", default=None, help="write the figures to FILE")
    ap.add_argument("--run", action="store_true",
                    help="append this run to the set's runs.jsonl (the first line is the blind one)")
    ap.add_argument("--details", action="store_true",
                    help="list unmatched gold lines and system events per document")
    ap.add_argument("--gold-as-predictions", action="store_true",
                    help="score the gold itself, without the pipeline (plumbing check; never recorded)")
    args = ap.parse_args(argv)
    if args.run and args.gold_as_predictions:
        ap.error("--run records pipeline runs only")
    set_dir = HERE if args.set is None else args.set.resolve()
    runs = RUNS if set_dir == HERE else set_dir / "runs.jsonl"
    try:
        rep = run(details=args.details, gold_as_predictions=args.gold_as_predictions,
                  set_dir=set_dir)
    except Skip as exc:
        print(f"blind set: {exc}; skipped.")
        return 0
    except FileNotFoundError as exc:
        print(f"blind set: {exc}", file=sys.stderr)
        return 2
    print_report(rep)
    if args.json:
        Path(args.json).write_text(json.dumps(rep, indent=1), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    if args.run:
        if record_run(rep, runs, args.label):
            print(f"\nrecorded as the FIRST (blind) run in {runs}")
        else:
            print(f"\nrecorded in {runs}; an earlier run is already there, so this one is NOT blind")
    return 0


if __name__ == "__main__":
    sys.exit(main())
