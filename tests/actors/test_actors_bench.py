"""Actor recall on the PETRARCH validation suite (shared benchmark; skipped when absent).

Uses ``from_petrarch_files`` with the suite's own fictional dictionaries and
checks that the expected source/target actor codes of each record are among
the mentions ``tag`` returns (an upper bound for the event coder).
"""

from __future__ import annotations

import json
from datetime import date

from dyadwatch.actors import ActorDictionary


def test_petrarch_suite_actor_recall(nlp, shared_dir) -> None:
    bench = shared_dir / "benchmarks" / "petrarch2_validation"
    dicts = bench / "original" / "dictionaries"
    d = ActorDictionary.from_petrarch_files([dicts / "PETR.Validate.actors.txt"],
                                            [dicts / "PETR.Validate.agents.txt"])
    total = found = 0
    for line in (bench / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if not case["expected"] or not case.get("included", True):
            continue
        ms = d.tag(nlp(case["text"]), when=date.fromisoformat(case["date"]))
        got = {m.actor.code for m in ms}
        want = {e[k] for e in case["expected"] for k in ("source", "target")
                if e[k] and not e[k].startswith('"') and e[k] not in ("---", "###")}
        total += len(want)
        found += len(want & got)
    assert total > 500
    assert found / total >= 0.95, f"actor recall {found}/{total}"
