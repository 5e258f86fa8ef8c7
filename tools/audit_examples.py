"""Precision of the demo store, by hand audit: every stored event of the shipped examples
has a verdict in ``tests/examples/audit_verdicts.jsonl``.

Usage: python tools/audit_examples.py [--stubs] [--all]

Codes the examples into a fresh temporary store (as ``dyadwatch demo`` does), reads the
stored (canonical) events and looks each up in the verdict file by its *audit key*:
sentence hash, source, target, CAMEO code, date, precision and factuality.  An event whose
key changed (another code, another date) is *unaudited* until someone reads it again.

A verdict line: ``{"key", "sentence", "source", "target", "cameo", "date", "precision",
"factual", "ok": bool, "wrong": [aspects: actors|code|date|factuality|event],
"owner": coder|actors|dates|modality|place, "note"}``.  ``ok`` means correct in actors
(countries and roles), code (the code or an accepted neighbour), date (the day or period
the text gives; an interval that holds the true date when the text gives no day) and
factuality.  ``--stubs`` prints unaudited events as verdict lines to fill in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "tests" / "examples" / "audit_verdicts.jsonl"


def audit_key(ev: Any) -> str:
    """The audit key of a stored ``Event`` (or of a verdict line's fields)."""
    if isinstance(ev, dict):
        sent, src, tgt = ev["sentence"], ev["source"], ev["target"]
        cameo, d, prec, fact = ev["cameo"], ev["date"], ev["precision"], ev["factual"]
    else:
        sent, src, tgt = ev.sentence, ev.source.code, ev.target.code if ev.target else None
        cameo, prec, fact = ev.cameo, ev.date_precision, ev.factual
        d = ev.date.isoformat() if ev.date else None
    h = hashlib.sha1(re.sub(r"\s+", " ", sent).strip().encode("utf-8")).hexdigest()[:10]
    return f"{h}|{src}|{tgt or '-'}|{cameo}|{d}|{prec}|{'F' if fact else 'N'}"


def stored_events(pipeline: Any = None, factual: bool | None = None) -> list[Any]:
    """The canonical events ``dyadwatch demo`` stores (factual: True/False/None = both)."""
    from dyadwatch.jobs import demo
    from dyadwatch.store import EventQuery

    with tempfile.TemporaryDirectory() as tmp:
        _, store = demo(Path(tmp) / "audit.duckdb", pipeline)
        try:
            return list(store.events(EventQuery(factual=factual, limit=None)))
        finally:
            store.close()


def load_verdicts(path: Path = VERDICTS) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            v = json.loads(line)
            if v["key"] != audit_key(v):
                raise ValueError(f"{path}:{n}: key does not match the line's fields")
            first = out.get(v["key"])
            if first is not None:
                if (first["ok"], sorted(first.get("wrong") or [])) != (
                        v["ok"], sorted(v.get("wrong") or [])):
                    raise ValueError(f"{path}:{n}: contradicts the verdict on the same event "
                                     f"at line {first['_line']}")
                continue  # the same verdict twice (two auditors, merged): the first stands
            v["_line"] = n
            out[v["key"]] = v
    return out


def report(events: list[Any], verdicts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    audited = [(ev, verdicts[audit_key(ev)]) for ev in events if audit_key(ev) in verdicts]
    unaudited = [ev for ev in events if audit_key(ev) not in verdicts]
    ok = sum(1 for _, v in audited if v["ok"])
    wrong = [v for _, v in audited if not v["ok"]]
    return {"events": len(events), "audited": len(audited), "correct": ok,
            "precision": round(ok / len(audited), 4) if audited else None,
            "wrong_by_owner": dict(Counter(v["owner"] for v in wrong)),
            "wrong_by_aspect": dict(Counter(a for v in wrong for a in v["wrong"])),
            "unaudited": [stub(ev) for ev in unaudited]}


def stub(ev: Any) -> dict[str, Any]:
    d = {"sentence": ev.sentence, "source": ev.source.code,
         "target": ev.target.code if ev.target else None, "cameo": ev.cameo,
         "date": ev.date.isoformat() if ev.date else None, "precision": ev.date_precision,
         "factual": bool(ev.factual)}
    return {"key": audit_key(ev), **d, "ok": None, "wrong": [], "owner": None, "note": ""}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stubs", action="store_true", help="print unaudited events as verdict lines")
    ap.add_argument("--all", action="store_true", help="non-factual stored events too")
    args = ap.parse_args()
    events = stored_events(factual=None if args.all else True)
    rep = report(events, load_verdicts())
    if args.stubs:
        for s in rep["unaudited"]:
            print(json.dumps(s, ensure_ascii=False))
        return 0
    print(f"{rep['events']} stored events, {rep['audited']} audited, {rep['correct']} correct: "
          f"precision {rep['precision']}")
    print(f"wrong by owner: {rep['wrong_by_owner']}; by aspect: {rep['wrong_by_aspect']}")
    for s in rep["unaudited"]:
        print(f"UNAUDITED {s['source']}->{s['target']} {s['cameo']} {s['date']}/{s['precision']} "
              f"{'' if s['factual'] else '(non-factual) '}{s['sentence'][:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
