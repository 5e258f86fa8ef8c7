"""Benchmark floors for CI: measure the coding figures and pin them in ``bench/floors.json``.

Usage::

    .venv/bin/python bench/pin_floors.py              # measure; raise floors that rose
    .venv/bin/python bench/pin_floors.py --check      # measure and compare only
    .venv/bin/python bench/pin_floors.py --lower KEY --reason "why"   # the only way down
    .venv/bin/python bench/pin_floors.py --inputs-changed --reason "why"  # re-pin new data

The floors (``floors.json``) hold, per figure, the lowest value the test suite accepts
(``tests/bench/test_eval_floors.py`` fails below it, so a gain once made is never lost
silently), and a SHA-256 digest of every input file, so a floor is only compared with a
figure measured on the same data.  Figures:

``plover_gsr.right``          share of PLOVER gold standard records coded right (type, source
                              and target countries; ``bench/plover_gsr.py``), factual events
``petrarch2_gsr.root_f1``     PETRARCH-2 GSR root F1, shipped patterns, Phoenix actors
``news_events_gold.precision`` / ``.recall``   the dev set's key P / R, factual events
``seed_checks.passed``        seed-article checks passed (``bench/seed_checks.py``)

A floor is the measured value rounded down to three decimals.  This script only ever raises
floors; lowering one needs ``--lower KEY --reason``, which is recorded in ``lowered`` (the
test refuses a floor lower than the one on ``main`` that has no such record).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "bench" / "floors.json"

#: input files (relative to ../shared) each figure is measured on
INPUTS = {
    "plover_gsr": ["reference/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt"],
    "petrarch2_gsr": ["benchmarks/petrarch2_validation/cases_petr2_gsr.jsonl"],
    "news_events_gold": ["benchmarks/news_events_gold/docs.jsonl",
                         "benchmarks/news_events_gold/gold.jsonl"],
    "seed_checks": ["seeds/000_db01594f68ec3a21.txt"],
}


def _bench(name: str) -> Any:
    """A ``bench/`` script imported as a module."""
    key = f"dyadwatch_bench_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[key] = mod
    spec.loader.exec_module(mod)
    return mod


def digests(shared: Path) -> dict[str, str]:
    """SHA-256 of every input file (``"missing"`` for an absent one)."""
    out = {}
    for files in INPUTS.values():
        for rel in files:
            p = shared / rel
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "missing"
    return out


def measure(shared: Path, pipeline: Any = None) -> dict[str, float]:
    """Every floored figure, measured now (one ``Pipeline`` shared by the whole-pipeline sets)."""
    from dyadwatch.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    out: dict[str, float] = {}
    plover = _bench("plover_gsr")
    rep, _, _ = plover.run(shared / INPUTS["plover_gsr"][0], False, pipeline=pipeline)
    out["plover_gsr.right"] = rep["share_right"]
    gsr = _bench("petrarch_validation").gsr_results(shared, phoenix_verbs=False)
    out["petrarch2_gsr.root_f1"] = gsr["shipped"]["root"]["f1"]
    neg = _bench("news_events_gold")
    rep = neg.run(shared / "benchmarks" / "news_events_gold", False, None, None,
                  pipeline=pipeline)
    out["news_events_gold.precision"] = rep["overall"]["key"]["precision"]
    out["news_events_gold.recall"] = rep["overall"]["key"]["recall"]
    seed = _bench("seed_checks")
    result = seed.seed_result(shared, pipeline)
    out["seed_checks.passed"] = float(sum(ok for _, ok in seed.run_checks(result)))
    return out


def floor_of(value: float) -> float:
    return math.floor(value * 1000 + 1e-9) / 1000


def load() -> dict[str, Any]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def below(floors: dict[str, float], figures: dict[str, float]) -> list[str]:
    """Figures under their floor, as messages."""
    return [f"{k}: {figures.get(k)} < floor {v}" for k, v in floors.items()
            if figures.get(k) is None or figures[k] < v - 1e-9]


def unrecorded_lowerings(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Floors of ``new`` lower than in ``old`` without a ``lowered`` record saying why."""
    recorded = {(x.get("key"), x.get("to")) for x in new.get("lowered", [])
                if isinstance(x, dict) and str(x.get("reason", "")).strip()}
    out = []
    for k, v in old.get("floors", {}).items():
        now = new.get("floors", {}).get(k)
        if now is None or now < v - 1e-9:
            if (k, now) not in recorded:
                out.append(f"{k}: floor {v} -> {now} with no 'lowered' record giving a reason")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--check", action="store_true", help="measure and compare, write nothing")
    ap.add_argument("--lower", action="append", default=[], help="a floor key that may go down")
    ap.add_argument("--inputs-changed", action="store_true",
                    help="the input files changed: re-pin every floor on the new data")
    ap.add_argument("--reason", default="", help="why a floor goes down / inputs changed")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"{shared} not present: skipped")
        return 0
    data = load() if FLOORS.exists() else {"floors": {}, "inputs": {}, "lowered": []}
    now_digests = digests(shared)
    if data.get("inputs") and data["inputs"] != now_digests and not args.inputs_changed:
        changed = sorted(k for k in now_digests if data["inputs"].get(k) != now_digests[k])
        print(f"inputs changed since the floors were pinned: {changed}; re-pin with "
              "--inputs-changed --reason")
        return 1
    figures = measure(shared)
    for k, v in sorted(figures.items()):
        print(f"  {k:28s} {v:8.3f}   floor {data['floors'].get(k, '-')}")
    if args.check:
        bad = below(data["floors"], figures)
        print("\n".join(bad) or "all figures at or above their floors")
        return 1 if bad else 0
    if (args.lower or args.inputs_changed) and not args.reason.strip():
        print("--lower / --inputs-changed need --reason")
        return 2
    floors = dict(data["floors"])
    for k, v in figures.items():
        new = floor_of(v)
        old = floors.get(k)
        if old is None or new > old or args.inputs_changed:
            floors[k] = new
        elif new < old - 1e-9:
            if k in args.lower:
                data.setdefault("lowered", []).append(
                    {"key": k, "from": old, "to": new, "reason": args.reason,
                     "date": time.strftime("%Y-%m-%d")})
                floors[k] = new
            else:
                print(f"  {k}: measured {v:.3f} is below its floor {old}; not lowered "
                      "(use --lower KEY --reason)")
    if args.inputs_changed:
        data.setdefault("lowered", []).extend(
            {"key": k, "from": data["floors"].get(k), "to": floors[k], "reason": args.reason,
             "date": time.strftime("%Y-%m-%d")} for k in floors
            if data["floors"].get(k) is not None and floors[k] < data["floors"][k])
    data.update(floors=dict(sorted(floors.items())), inputs=now_digests,
                pinned=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    data.setdefault("about", "Benchmark floors; see bench/pin_floors.py. Never edit by hand "
                             "to lower a floor: the test refuses it.")
    FLOORS.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
