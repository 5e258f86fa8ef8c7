"""Score the whole pipeline on OEDA's PLOVER gold standard records (the CAMEO manual's examples).

Usage::

    .venv/bin/python bench/plover_gsr.py [--shared ../shared] [--all] [--json]
                                         [--errors N] [--type TYPE]

Data (read-only, not shipped): ``<shared>/reference/plover/gold_standard_records/
PLOVER_GSR_CAMEO.txt``: 322 sentences from the CAMEO 1.1b3 manual, edited by the Open Event
Data Alliance, each with its PLOVER event type (the 2016 draft, 0.5b1) and its source and
target actors (ISO3 codes, IGO/NGO/IMG).  Each sentence is coded by the whole pipeline
(``Pipeline.process``, no publication date) and a record counts as **right** when one of its
factual events (``--all``: any event) has

* the record's PLOVER type (``plover_type_of``: CAMEO code -> the 2016 type names), and
* a source country among the record's source codes, and
* a target country among the record's target codes -- or, when the record names no target,
  no target or one of its (compound, reciprocal) sources.

Also printed: records with no event at all, records whose gold type is among the output,
and the figures per type.

**This is a development figure.**  The manual's examples define the codebook, so rules
drawn from them are legitimate, but they were read while the coder was extended; unseen news
is measured elsewhere (``bench/news_events_gold.py`` and the maintainers' private sets).
Skips with a message (exit 0) when the file is absent.  Scoring functions are pure and
unit-tested (``tests/bench/test_plover_gsr_scoring.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parent.parent
GSR = Path("reference") / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.txt"

#: the records' country codes that are not the ISO3 / CAMEO codes actors carry
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: PLOVER 2021 type names (our codebook) -> the 2016 names the records use, by CAMEO root
_RENAMED = {"REQUEST": "DEMAND"}
_BY_ROOT = {"09": "INVESTIGATE", "11": "DISAPPROVE", "12": "REJECT", "18": "ASSAULT",
            "19": "FIGHT", "20": "FIGHT"}
#: codes the 2016 draft types differently from the 2021 table, as the records themselves
#: show: an eased curfew or state of emergency is CONCEDE (four records: "lifted a night
#: curfew", "shortened ... the nightly curfew", "eased emergency measures", "lifted a state
#: of emergency"; 2021: RETREAT), a resignation is RETREAT (three records: "resigned",
#: "will resign"; 2021: CONCEDE)
_BY_CODE_2016 = {"0813": "CONCEDE", "0814": "CONCEDE", "0831": "RETREAT"}


def plover_type_of(code: str, plover_2021: str | None) -> str | None:
    """The 2016 PLOVER type of a CAMEO code: the PLOVER manual's CAMEO table with the 2016
    names (09 INVESTIGATE and 11 DISAPPROVE, later merged into ACCUSE; 10 DEMAND, later
    REQUEST; 18 ASSAULT and 19/20 FIGHT, later ASSAULT); CONCEDE/RETREAT split as the
    code-level 2021 table does, except where the records show the 2016 split
    (``_BY_CODE_2016``: eased curfews and emergencies CONCEDE, resignations RETREAT);
    01 and 02 have no type."""
    root = code[:2]
    if code in _BY_CODE_2016:
        return _BY_CODE_2016[code]
    if root in _BY_ROOT:
        return _BY_ROOT[root]
    if plover_2021 is None:
        return None
    return _RENAMED.get(plover_2021, plover_2021)


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    out = set()
    for a in actors:
        code = (a.get("code") or "").strip().upper() if isinstance(a, dict) else ""
        if code:
            out.add(CODE_ALIASES.get(code, code))
    return out


def gold_records(path: Path) -> list[dict[str, Any]]:
    """The event records (the file's DOCUMENT record left out), each with ``type``,
    ``sources`` and ``targets`` (sets of country codes) added."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in data:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        out.append({**r, "type": r["event"], "sources": _codes(r.get("source")),
                    "targets": _codes(r.get("target"))})
    return out


def event_matches(rec: dict[str, Any], etype: str | None, src: str | None,
                  tgt: str | None) -> bool:
    """Does a system event (2016 type, source country, target country) code the record?"""
    if etype != rec["type"] or not src or src not in rec["sources"]:
        return False
    if rec["targets"]:
        return tgt in rec["targets"]
    return tgt is None or tgt in rec["sources"]


def score(records: list[dict[str, Any]], system: dict[str, list[tuple[str | None, str | None,
                                                                       str | None]]]
          ) -> dict[str, Any]:
    """``system`` maps record id -> [(type, source country, target country)]."""
    n = len(records)
    right = typed = silent = 0
    right_ids = []
    per: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        evs = system.get(r["id"], [])
        ok = any(event_matches(r, *e) for e in evs)
        if ok:
            right_ids.append(r["id"])
        has_type = any(e[0] == r["type"] for e in evs)
        right += ok
        typed += has_type
        silent += not evs
        per[r["type"]]["n"] += 1
        per[r["type"]]["right"] += ok
    return {"records": n, "right": right, "share_right": round(right / n, 3) if n else None,
            "type_in_output": typed, "share_type": round(typed / n, 3) if n else None,
            "no_event": silent, "right_ids": right_ids,
            "per_type": {t: {"n": c["n"], "right": c["right"],
                             "share": round(c["right"] / c["n"], 3)}
                         for t, c in sorted(per.items())}}


def _system_events(events: Iterable[Any], include_all: bool) -> list[tuple[str | None, str | None,
                                                                           str | None]]:
    out = []
    for e in events:
        if not include_all and not e.factual:
            continue
        out.append((plover_type_of(e.cameo, e.plover_type), e.source.country,
                    e.target.country if e.target else None))
    return out


def run(path: Path, include_all: bool, pipeline: Any = None
        ) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, list]]:
    from dyadwatch.ingest import document_from_text
    from dyadwatch.pipeline import Pipeline

    records = gold_records(path)
    t0 = time.perf_counter()
    pipeline = pipeline or Pipeline()
    t1 = time.perf_counter()
    system: dict[str, list] = {}
    shown: dict[str, list] = {}
    for r in records:
        res = pipeline.process(document_from_text(r["text"], doc_id=r["id"]))
        system[r["id"]] = _system_events(res.events, include_all)
        shown[r["id"]] = [(e.source.code, e.target.code if e.target else None, e.cameo,
                           e.modality.value) for e in res.events]
    rep = score(records, system)
    rep["seconds"] = {"load": round(t1 - t0, 1), "run": round(time.perf_counter() - t1, 1)}
    rep["mode"] = "all events" if include_all else "factual events"
    return rep, records, shown


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--all", action="store_true", help="score non-factual events too")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="list this many wrong records")
    ap.add_argument("--type", default=None, help="only list errors of this PLOVER type")
    args = ap.parse_args(argv)
    path = Path(args.shared) / GSR
    if not path.exists():
        print(f"PLOVER gold standard records not found at {path}: skipped")
        return 0
    rep, records, shown = run(path, args.all)
    if args.json:
        print(json.dumps({k: v for k, v in rep.items() if k != "right_ids"}, indent=1))
        return 0
    print(f"PLOVER GSR ({rep['mode']}): {rep['records']} records; "
          f"load {rep['seconds']['load']} s, run {rep['seconds']['run']} s")
    print(f"  right type + source + target countries: {rep['right']} ({rep['share_right']:.3f})"
          "   <- development figure")
    print(f"  gold type among the output:            {rep['type_in_output']} "
          f"({rep['share_type']:.3f})")
    print(f"  records with no event at all:          {rep['no_event']}")
    for t, c in rep["per_type"].items():
        print(f"    {t:12s} {c['right']:3d}/{c['n']:3d}  {c['share']:.2f}")
    if args.errors:
        k = 0
        for r in records:
            if (args.type and r["type"] != args.type) or r["id"] in rep["right_ids"]:
                continue
            print(f"- {r['type']} {sorted(r['sources'])}->{sorted(r['targets'])} | {r['text']}")
            print(f"    got {shown[r['id']]}")
            k += 1
            if k >= args.errors:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
