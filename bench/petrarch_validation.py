"""Score the dyadwatch coder on PETRARCH's validation suites.

Usage::

    .venv/bin/python bench/petrarch_validation.py [--shared ../shared] [--json out.json]
                                                  [--show-errors N]

Data (read-only, not shipped): ``<shared>/benchmarks/petrarch2_validation/``

* ``cases.jsonl`` -- the PETRARCH unit-test/validation records.  Actors are
  fictional, so they are tagged with ``ActorDictionary.from_petrarch_files`` on
  ``original/dictionaries/PETR.Validate.actors.txt`` / ``...agents.txt``.  Verbs are
  dyadwatch's own patterns (``PatternSet.default()``); the suite's own
  ``PETR.Validate.verbs.txt`` is NOT used (it carries WEIS-era codes such as 21x,
  34x, 90x that are not CAMEO and cannot be matched by a CAMEO coder).
* ``cases_petr2_gsr.jsonl`` -- real AFP sentences coded with the Phoenix
  dictionaries: tagged with ``from_petrarch_files`` on the Phoenix actor/agent
  files in ``<shared>/reference/petrarch2_dictionaries`` (or
  ``ActorDictionary.default()`` with ``--default-actors``).

The text is parsed by dyadwatch's own spaCy pipeline (the records' gold parses
are ignored).  Scores: micro precision/recall/F1 over (source, target, code)
triples per record (multiset match), the same with 2-digit roots, per-root
figures, and the share of no-event records left silent.  Records with an
``expected_error`` (dateline, discard, bad parse) count as no-event records.
Nothing here was tuned on these sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


#: actor-code prefix length compared (None = whole code; 3 = country level)
ACTOR_CHARS: int | None = None


def _triples(events: list[Any], root: bool) -> Counter:
    c: Counter = Counter()
    for e in events:
        code = e["code"] if isinstance(e, dict) else e.cameo
        src = e["source"] if isinstance(e, dict) else e.source.code
        tgt = (e["target"] if isinstance(e, dict) else (e.target.code if e.target else "")) or ""
        if ACTOR_CHARS:
            src, tgt = src[:ACTOR_CHARS], tgt[:ACTOR_CHARS]
        c[(src, tgt, code[:2] if root else code)] += 1
    return c


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "fp": fp, "fn": fn}


def score(records: list[dict], coder: Any, nlp: Any, show_errors: int = 0) -> dict[str, Any]:
    from datetime import date

    exact = [0, 0, 0]
    rootm = [0, 0, 0]
    per_root: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    silent = [0, 0]
    errors = []
    t0 = time.perf_counter()
    for rec in records:
        try:
            when = date.fromisoformat(rec["date"]) if rec.get("date") else None
        except ValueError:  # a few records carry YYMMDD
            when = None
        events = coder.code_text(nlp, rec["text"], when=when, doc_id=rec["id"])
        expected = [] if rec.get("expected_error") else rec["expected"]
        if not expected:
            silent[1] += 1
            silent[0] += not events
        for root, acc in ((False, exact), (True, rootm)):
            g, p = _triples(expected, root), _triples(events, root)
            tp = sum((g & p).values())
            acc[0] += tp
            acc[1] += sum(p.values()) - tp
            acc[2] += sum(g.values()) - tp
            if root:
                for (s, t, r), n in p.items():
                    hit = min(n, g.get((s, t, r), 0))
                    per_root[r][0] += hit
                    per_root[r][1] += n - hit
                for (s, t, r), n in g.items():
                    per_root[r][2] += n - min(n, p.get((s, t, r), 0))
                if g != p and len(errors) < show_errors:
                    errors.append((rec["id"], rec["text"], sorted(g), sorted(p)))
    secs = time.perf_counter() - t0
    return {
        "records": len(records),
        "exact": _prf(*exact),
        "root": _prf(*rootm),
        "per_root": {r: _prf(*v) for r, v in sorted(per_root.items())},
        "no_event_records": silent[1],
        "no_event_silent": silent[0],
        "seconds": round(secs, 1),
        "errors": errors,
    }


def _print(name: str, res: dict[str, Any]) -> None:
    print(f"\n== {name}: {res['records']} records ({res['seconds']} s)")
    for k in ("exact", "root"):
        m = res[k]
        print(f"  {k:6s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
              f"(tp={m['tp']} fp={m['fp']} fn={m['fn']})")
    print(f"  no-event records left silent: {res['no_event_silent']}/{res['no_event_records']}")
    print("  per root (source, target, root):")
    for r, m in res["per_root"].items():
        print(f"    {r}: P={m['precision']:.2f} R={m['recall']:.2f} F1={m['f1']:.2f} "
              f"tp={m['tp']} fp={m['fp']} fn={m['fn']}")
    for rid, text, g, p in res["errors"]:
        print(f"  - {rid}: {text[:110]}\n      gold={g}\n      ours={p}")


def _score_file(path: Path, args: argparse.Namespace) -> int:
    from dyadwatch.actors import ActorDictionary
    from dyadwatch.coding import Coder
    from dyadwatch.text import load_nlp

    actors = ActorDictionary.default()
    nlp = load_nlp(extra_patterns=actors.entity_patterns())
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l]
    res = score(records, Coder(actors), nlp, args.show_errors)
    _print(f"{path.name} (default actors{', country level' if ACTOR_CHARS else ''})", res)
    if args.json:
        res.pop("errors")
        Path(args.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--validate-verbs", action="store_true",
                    help="validation suite: also load PETR.Validate.verbs.txt converted by "
                         "tools/convert_petrarch_verbs.py --keep-own (priority over own patterns)")
    ap.add_argument("--cases", help="score this JSONL file (same format) with the default "
                    "actors and patterns instead, e.g. tests/coding/holdout.jsonl")
    ap.add_argument("--country-level", action="store_true",
                    help="compare only the first 3 characters of actor codes")
    ap.add_argument("--no-intent", action="store_true",
                    help="code future/promised actions as the action itself (the suites' "
                         "convention) instead of CAMEO intent/threat codes (03x/13x)")
    ap.add_argument("--default-actors", action="store_true",
                    help="GSR set: use ActorDictionary.default() instead of the Phoenix files")
    args = ap.parse_args(argv)
    global ACTOR_CHARS
    ACTOR_CHARS = 3 if args.country_level else None
    if args.cases:
        return _score_file(Path(args.cases), args)
    bench = Path(args.shared) / "benchmarks" / "petrarch2_validation"
    if not bench.is_dir():
        print(f"skipped: {bench} is not present in this checkout")
        return 0
    from dyadwatch.actors import ActorDictionary
    from dyadwatch.coding import Coder, PatternSet
    from dyadwatch.text import load_nlp

    patterns = PatternSet.default()
    out: dict[str, Any] = {"patterns": len(patterns)}
    dicts = bench / "original" / "dictionaries"
    val_patterns = patterns
    if args.validate_verbs:
        import importlib.util
        import tempfile

        spec = importlib.util.spec_from_file_location(
            "convert_petrarch_verbs", ROOT / "tools" / "convert_petrarch_verbs.py")
        conv = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(conv)
        data = conv.convert(dicts / "PETR.Validate.verbs.txt", keep_own=True, priority=1)
        for pat in data["patterns"]:
            pat["id"] = "validate." + pat["id"]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(data, f)
        val_patterns = PatternSet.default(extra_files=[f.name])
        Path(f.name).unlink()
        print(f"validation verbs: {len(data['patterns'])} converted patterns added")
    val_actors = ActorDictionary.from_petrarch_files([dicts / "PETR.Validate.actors.txt"],
                                                     [dicts / "PETR.Validate.agents.txt"])
    ref = Path(args.shared) / "reference" / "petrarch2_dictionaries"
    if args.default_actors or not ref.is_dir():
        gsr_actors = ActorDictionary.default()
    else:
        gsr_actors = ActorDictionary.from_petrarch_files(
            sorted(ref.glob("Phoenix.*.actors.txt")), [ref / "Phoenix.agents.txt"])
    for name, fname, actors, pats in (
            ("PETRARCH validation suite", "cases.jsonl", val_actors, val_patterns),
            ("PETRARCH-2 GSR records", "cases_petr2_gsr.jsonl", gsr_actors, patterns)):
        path = bench / fname
        if not path.exists():
            print(f"skipped {fname}: not present")
            continue
        records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l]
        records = [r for r in records if r.get("included", True)]
        nlp = load_nlp(extra_patterns=actors.entity_patterns())
        res = score(records, Coder(actors, pats, intent_codes=not args.no_intent), nlp, args.show_errors)
        _print(name, res)
        res.pop("errors")
        out[fname] = res
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
