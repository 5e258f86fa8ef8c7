"""Score the dyadwatch pipeline on bench/blind3 (see its README).

Usage: PYTHONPATH=src python bench/blind3/score.py [--run] [--label TEXT] [--json FILE]
                                                   [--details] [--gold-as-predictions]

The scorer is ``bench/blind/score.py`` (imported, not copied) with ``--set bench/blind3``:
one pipeline codes every document through ``dyadwatch.jobs.extract``; system events are
matched to gold with ``bench/news_events_gold.py``'s ``score`` (key: source country, target
country, root); page dates, places and factuality with ``bench/page_events.py``.  ``--run``
appends a labelled line to ``bench/blind3/runs.jsonl``; only the first line there is blind.
Any other option of ``bench/blind/score.py`` is passed through (``--set`` is fixed here).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent / "blind" / "score.py"


def load_scorer():
    key = "blind_score_bench"
    if key not in sys.modules:
        if not SCORER.is_file():
            return None
        spec = importlib.util.spec_from_file_location(key, SCORER)
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a == "--set" or a.startswith("--set=") for a in args):
        print("bench/blind3/score.py scores bench/blind3 only; use bench/blind/score.py --set",
              file=sys.stderr)
        return 2
    scorer = load_scorer()
    if scorer is None:
        print(f"blind3: the scorer {SCORER} is absent; skipped.")
        return 0
    return scorer.main(["--set", str(HERE), *args])


if __name__ == "__main__":
    sys.exit(main())
