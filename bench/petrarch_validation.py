"""Score the dyadwatch coder on PETRARCH's validation suites.

Usage::

    .venv/bin/python bench/petrarch_validation.py [--shared ../shared] [--json out.json]
                                                  [--show-errors N] [--config NAME]

Data (read-only, not shipped): ``<shared>/benchmarks/petrarch2_validation/``

* ``cases.jsonl`` -- the PETRARCH unit-test/validation records.  Their actors are
  fictional and the suite is meant to be coded with its own dictionaries
  (``original/dictionaries/PETR.Validate.*``): actors and agents through
  ``ActorDictionary.from_petrarch_files``, verbs through ``--patterns``-style loading
  of ``PETR.Validate.verbs.txt`` (``dyadwatch.coding.petrarch``: phrase patterns,
  paired and WEIS-era codes kept), discards through ``DiscardList.from_petrarch_file``.
  Records whose ``config`` turns ``require_dyad`` off are coded keeping events
  without a target (the null actor ``---``).  The suite is scored in several
  configurations (rows):

  ``shipped``            our own patterns only (what ``PatternSet.default()`` ships)
  ``suite-dicts``        + the suite's verbs and discards, dyadwatch's default settings
                         (announced actions coded as CAMEO intents, 03x/13x)
  ``suite-conventions``  the same, coding announced actions as the action (the
                         suite's convention; this is the figure held against the goal)
  ``suite-only``         the suite's verbs replace ours (PETRARCH's own set-up)

* ``cases_petr2_gsr.jsonl`` -- real AFP sentences coded with the Phoenix
  dictionaries: tagged with ``from_petrarch_files`` on the Phoenix actor/agent
  files in ``<shared>/reference/petrarch2_dictionaries`` (or
  ``ActorDictionary.default()`` with ``--default-actors``); rows ``shipped`` and
  ``+phoenix-verbs`` (the Phoenix verb dictionary read as written, over ours).

The text is parsed by dyadwatch's own spaCy pipeline (the records' gold parses
are ignored).  Scores: micro precision/recall/F1 over (source, target, code)
triples per record (multiset match), the same with 2-digit roots, per-root
figures, and the share of no-event records left silent.  Records with an
``expected_error`` (dateline, discard, bad parse) count as no-event records.

Honesty note: the suite's errors were read while the coder was developed (only
general constructions were added, never a sentence), so these are development
figures; see ``docs/eval/coding.md``.
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
        # an event without a target is PETRARCH's null actor "---"
        tgt = (e["target"] if isinstance(e, dict) else (e.target.code if e.target else "---"))
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


def score(records: list[dict], coder: Any, nlp: Any, show_errors: int = 0,
          coder_no_dyad: Any = None) -> dict[str, Any]:
    """``coder_no_dyad`` (a coder keeping target-less events) codes the records whose
    ``config`` sets ``require_dyad`` false, as the suite's ``<Config>`` asks."""
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
        no_dyad = str((rec.get("config") or {}).get("require_dyad", "true")).lower() == "false"
        use = coder_no_dyad if (no_dyad and coder_no_dyad is not None) else coder
        events = use.code_text(nlp, rec["text"], when=when, doc_id=rec["id"])
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

    from dyadwatch.coding.discard import DiscardList
    from dyadwatch.place import Gazetteer

    actors = ActorDictionary.default()
    gazetteer = Gazetteer.default()
    nlp = load_nlp(extra_patterns=actors.entity_patterns() + gazetteer.entity_patterns())
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l]
    # the coder as the pipeline builds it (gazetteer places, shipped discards)
    coder = Coder(actors, intent_codes=not args.no_intent, discards=DiscardList.default(),
                  place_country=gazetteer.country_of_place)
    res = score(records, coder, nlp, args.show_errors)
    _print(f"{path.name} (default actors{', country level' if ACTOR_CHARS else ''})", res)
    if args.json:
        res.pop("errors")
        Path(args.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


CONFIGS = ("shipped", "suite-dicts", "suite-conventions", "suite-only")
HEADLINE = "suite-conventions"


def _validation_coders(config: str, dicts: Path, actors: Any) -> tuple[Any, Any]:
    """(coder, coder keeping target-less events) for one configuration."""
    from dyadwatch.coding import Coder, PatternSet
    from dyadwatch.coding.discard import DiscardList

    verbs = dicts / "PETR.Validate.verbs.txt"
    if config == "shipped":
        pats, discards, intent = PatternSet.default(), DiscardList.empty(), True
    else:
        pats = (PatternSet.from_files([verbs]) if config == "suite-only"
                else PatternSet.default(extra_files=[verbs]))
        discards = DiscardList.from_petrarch_file(dicts / "PETR.Validate.discards.txt")
        intent = config == "suite-dicts"
    return (Coder(actors, pats, intent_codes=intent, discards=discards),
            Coder(actors, pats, intent_codes=intent, discards=discards, require_target=False))


def _print_row(config: str, res: dict[str, Any]) -> None:
    e, r = res["exact"], res["root"]
    print(f"  {config:18s} root P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
          f" | exact F1={e['f1']:.3f} | silent {res['no_event_silent']}/{res['no_event_records']}"
          f" | {res['seconds']} s")


def gsr_results(shared: Path, default_actors: bool = False, no_intent: bool = False,
                show_errors: int = 0, phoenix_verbs: bool = True,
                print_rows: bool = False) -> dict[str, dict[str, Any]]:
    """The PETRARCH-2 GSR scored with the shipped patterns (row ``shipped``) and, when
    ``phoenix_verbs``, with the Phoenix verb dictionary read as written over them
    (``+phoenix-verbs``).  Actors: the Phoenix files, or ``ActorDictionary.default()``."""
    from dyadwatch.actors import ActorDictionary
    from dyadwatch.coding import Coder, PatternSet
    from dyadwatch.text import load_nlp

    path = shared / "benchmarks" / "petrarch2_validation" / "cases_petr2_gsr.jsonl"
    ref = shared / "reference" / "petrarch2_dictionaries"
    records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l]
    records = [r for r in records if r.get("included", True)]
    if default_actors or not ref.is_dir():
        actors = ActorDictionary.default()
    else:
        actors = ActorDictionary.from_petrarch_files(
            sorted(ref.glob("Phoenix.*.actors.txt")), [ref / "Phoenix.agents.txt"])
    nlp = load_nlp(extra_patterns=actors.entity_patterns())
    rows = {"shipped": PatternSet.default()}
    phx = ref / "CAMEO.verbpatterns.150430.txt"
    if phoenix_verbs and phx.exists():
        rows["+phoenix-verbs"] = PatternSet.default(extra_files=[phx])
    gsr = {}
    for name, pats in rows.items():
        coder = Coder(actors, pats, intent_codes=not no_intent)
        gsr[name] = score(records, coder, nlp, show_errors if name == "shipped" else 0)
        if print_rows:
            _print_row(name, gsr[name])
    return gsr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--show-errors", type=int, default=0,
                    help="list this many wrong records of the --config configuration")
    ap.add_argument("--config", choices=CONFIGS, default=HEADLINE,
                    help="configuration whose details (per root, errors) are printed")
    ap.add_argument("--cases", help="score this JSONL file (same format) with the default "
                    "actors and patterns instead, e.g. tests/coding/holdout.jsonl")
    ap.add_argument("--country-level", action="store_true",
                    help="compare only the first 3 characters of actor codes")
    ap.add_argument("--no-intent", action="store_true",
                    help="GSR / --cases: code future/promised actions as the action itself "
                         "(the suites' convention) instead of CAMEO intent codes (03x/13x)")
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
    from dyadwatch.text import load_nlp

    out: dict[str, Any] = {}
    dicts = bench / "original" / "dictionaries"
    path = bench / "cases.jsonl"
    if path.exists():
        records = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l]
        records = [r for r in records if r.get("included", True)]
        actors = ActorDictionary.from_petrarch_files([dicts / "PETR.Validate.actors.txt"],
                                                     [dicts / "PETR.Validate.agents.txt"])
        nlp = load_nlp(extra_patterns=actors.entity_patterns())
        print(f"\n== PETRARCH validation suite: {len(records)} records "
              "(goal: root F1 >= 0.80 in the suite-conventions row)")
        results = {}
        for config in CONFIGS:
            coder, no_dyad = _validation_coders(config, dicts, actors)
            show = args.show_errors if config == args.config else 0
            results[config] = score(records, coder, nlp, show, no_dyad)
            _print_row(config, results[config])
        _print(f"validation suite, {args.config}", results[args.config])
        for res in results.values():
            res.pop("errors")
        out["cases.jsonl"] = results
    else:
        print("skipped cases.jsonl: not present")
    if (bench / "cases_petr2_gsr.jsonl").exists():
        print("\n== PETRARCH-2 GSR records")
        gsr = gsr_results(Path(args.shared), args.default_actors, args.no_intent,
                          args.show_errors, print_rows=True)
        _print("GSR, shipped", gsr["shipped"])
        for res in gsr.values():
            res.pop("errors")
        out["cases_petr2_gsr.jsonl"] = gsr
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
