"""Load the annotated modality cases and score the classifier on them.

Run ``python tests/modality/modality_casekit.py`` for the per-split report used
in ``docs/eval/modality.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPLITS = {"dev": HERE / "cases_dev.jsonl", "heldout": HERE / "cases_heldout.jsonl",
          "heldout2": HERE / "cases_heldout2.jsonl"}


@dataclass
class Case:
    id: str
    text: str
    trigger: str
    occurrence: int
    expected: str
    note: str


def load_cases(split: str) -> list[Case]:
    lines = SPLITS[split].read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [Case(r["id"], r["text"], r["trigger"], int(r.get("occurrence", 1)), r["expected"],
                 r.get("note", "")) for r in rows]


def find_trigger(doc: Any, word: str, occurrence: int = 1) -> Any:
    """The ``occurrence``-th token whose text equals ``word`` (case-insensitive)."""
    hits = [t for t in doc if t.lower_ == word.lower()]
    if len(hits) < occurrence:
        raise LookupError(f"trigger {word!r} #{occurrence} not in {doc.text!r}")
    return hits[occurrence - 1]


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Binary scores for (expected, predicted) modality labels.

    ``nf_*``: detecting non-factual (anything but asserted) as the positive class;
    ``f_*``: the factual filter (asserted as the positive class); ``exact``: 5-way accuracy.
    """
    def prf(pos: set[str]) -> tuple[float, float, int, int, int]:
        tp = sum(1 for e, p in pairs if e in pos and p in pos)
        fp = sum(1 for e, p in pairs if e not in pos and p in pos)
        fn = sum(1 for e, p in pairs if e in pos and p not in pos)
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        return prec, rec, tp, fp, fn

    nonfact = {"negated", "hypothetical", "conditional", "future"}
    nf = prf(nonfact)
    f = prf({"asserted"})
    exact = sum(1 for e, p in pairs if e == p) / len(pairs) if pairs else 1.0
    return {"n": len(pairs), "nf_precision": nf[0], "nf_recall": nf[1], "nf_tp": nf[2],
            "nf_fp": nf[3], "nf_fn": nf[4], "f_precision": f[0], "f_recall": f[1],
            "exact": exact}


def run(nlp: Any, split: str) -> tuple[dict[str, float], list[tuple[Case, str, dict]]]:
    from dyadwatch.modality import classify

    rows = []
    for case in load_cases(split):
        tok = find_trigger(nlp(case.text), case.trigger, case.occurrence)
        modality, info = classify(tok)
        rows.append((case, modality.value, info))
    return score([(c.expected, p) for c, p, _ in rows]), rows


if __name__ == "__main__":
    import sys

    from dyadwatch.text import load_nlp

    nlp = load_nlp()
    for split in sys.argv[1:] or list(SPLITS):
        stats, rows = run(nlp, split)
        print(f"== {split}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                          for k, v in stats.items()))
        for case, pred, info in rows:
            if pred != case.expected:
                print(f"  MISS {case.id} {case.trigger!r}: expected {case.expected}, got {pred} "
                      f"({info['rule']}: {info['cue']}) path={info['path']} | {case.text}")
