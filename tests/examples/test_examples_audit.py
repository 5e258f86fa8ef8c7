"""Precision of what ``dyadwatch demo`` stores, against the hand audit in
``audit_verdicts.jsonl`` (see ``tools/audit_examples.py``).

The test codes the examples into a temporary store, looks every stored event up by its
audit key and reports precision; events whose key is not in the audit (a changed code or
date) are listed as a warning, to be read and added (``python tools/audit_examples.py
--stubs``).  The floor is the precision last measured; it may only go up.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import warnings
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("audit_examples", _ROOT / "tools" / "audit_examples.py")
assert _spec is not None and _spec.loader is not None
audit = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = audit
_spec.loader.exec_module(audit)

#: precision of the stored factual events on the last audit (issue 12 goal: 0.90).
#: Lowered once, from 0.60 to 0.58, on 2026-12-07: merging coder round 2 over dates round 2
#: stored five new events and all five are wrong (codebook-derived codes, the protest-addressee
#: rule); the audit records them rather than leaving them unaudited.
#: Raised to 0.70, then 0.76, on 2026-12-07 (coder-precision: typed argument rules, roles across
#: clauses; 71/93).
#: Raised to 0.94 on 2026-12-08 (audit helper: general rules on reported speakers, addressees of
#: demands, relative clauses of "among the governments that", "both sides", event-noun
#: referents, launch sites, distance clauses, envoys sent away, separatists a state strikes;
#: 95/100).
PRECISION_FLOOR = 0.95


def test_verdict_file_is_well_formed():
    verdicts = audit.load_verdicts()  # also checks each key against its fields
    assert len(verdicts) >= 80
    for v in verdicts.values():
        assert isinstance(v["ok"], bool)
        if not v["ok"]:
            assert v["wrong"] and set(v["wrong"]) <= {"actors", "code", "date", "factuality",
                                                       "event"}
            assert v["owner"] in ("coder", "actors", "dates", "modality", "place") and v["note"]


@pytest.mark.slow
def test_precision_of_the_demo_store(pipeline):
    events = audit.stored_events(pipeline, factual=None)
    verdicts = audit.load_verdicts()
    factual = audit.report([e for e in events if e.factual], verdicts)
    everything = audit.report(events, verdicts)
    print(json.dumps({k: v for k, v in factual.items() if k != "unaudited"}, indent=1))
    if everything["unaudited"]:
        warnings.warn("unaudited stored events (read them, then add verdicts): " + "; ".join(
            f"{s['source']}->{s['target']} {s['cameo']} {s['date']}/{s['precision']} "
            f"{s['sentence'][:60]}" for s in everything["unaudited"]))
    assert factual["audited"] >= 0.5 * factual["events"], "most stored events must be audited"
    assert factual["precision"] >= PRECISION_FLOOR
