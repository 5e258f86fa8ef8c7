"""The seed article's checks: what an analyst expects the pipeline to get from it.

Usage::

    .venv/bin/python bench/seed_checks.py [--shared ../shared] [--json]

The seed (``<shared>/seeds/*.txt``, an analysis of the January 2024 Iran-Pakistan
strikes) is run through the whole pipeline and each check below is a yes/no question
about the result: metadata, the strikes and their dates and places, the diplomatic
downgrade and its reversal, statements, and things that must *not* be coded
(hypotheticals, headings).  Prints each check and the number passed; skips cleanly
(exit 0) when the seed is absent.  ``run_checks(result)`` is used by the CI floor test.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent


def _k(e: Any) -> tuple[str | None, str | None]:
    return e.source.country, e.target.country if e.target else None


def _fact(r: Any) -> list[Any]:
    return [e for e in r.events if e.factual]


def _iran_strikes(r: Any) -> list[Any]:
    return [e for e in _fact(r) if e.root == "19" and e.source.country == "IRN"]


def _pak_strikes(r: Any) -> list[Any]:
    return [e for e in _fact(r) if e.root == "19" and e.source.country == "PAK"]


def _sentence_with(r: Any, words: str) -> set[int]:
    return {s.index for s in r.sentences if words in s.text}


def _body_clean(r: Any) -> bool:
    chrome = ("Home Insights", "Please enter your comment", "Previous article", "Read more at",
              "Disclaimer", "is a Professor of")
    return not any(c in r.document.body for c in chrome)


#: (name, check) -- each check takes the pipeline's ``Result`` for the seed
CHECKS: list[tuple[str, Callable[[Any], bool]]] = [
    ("publication date 2024-01-27 from the first-published note",
     lambda r: r.document.published == date(2024, 1, 27)
     and r.document.published_from == "first-published-note"),
    ("both authors", lambda r: r.document.authors == ["Harsh V Pant", "Shivam Shekhawat"]),
    ("no page chrome in the body", _body_clean),
    ("Iran's strike: a factual 19x with source IRN", lambda r: bool(_iran_strikes(r))),
    ("Iran's strike dated 2024-01-16 (day)",
     lambda r: any(e.date == date(2024, 1, 16) and e.date_precision == "day"
                   for e in _iran_strikes(r))),
    ("Iran's strike located in Panjgur, PAK",
     lambda r: any(e.location and e.location.country == "PAK" and e.location.name == "Panjgur"
                   for e in _iran_strikes(r))),
    ("diplomatic downgrade: a factual PAK -> IRN 16x",
     lambda r: any(e.root == "16" and _k(e) == ("PAK", "IRN") for e in _fact(r))),
    ("recall and expulsion both coded (two PAK -> IRN 16x)",
     lambda r: len({e.evidence.get("trigger_text") for e in _fact(r) if e.root == "16"
                    and _k(e) == ("PAK", "IRN")}) >= 2),
    ("Pakistan's retaliation: a factual 19x with source PAK", lambda r: bool(_pak_strikes(r))),
    ("the retaliation is not given a day the text never states",
     lambda r: bool(_pak_strikes(r)) and all(e.date_precision != "day" for e in _pak_strikes(r))),
    ("the retaliation located in IRN",
     lambda r: any(e.location and e.location.country == "IRN" for e in _pak_strikes(r))),
    ("the ambassadors' return announced on 2024-01-22 between IRN and PAK",
     lambda r: any(e.date == date(2024, 1, 22) and set(_k(e)) == {"IRN", "PAK"}
                   for e in _fact(r))),
    ("the invitation to visit: a factual PAK -> IRN 036",
     lambda r: any(e.cameo == "036" and _k(e) == ("PAK", "IRN") for e in _fact(r))),
    ("both sides agreed: IRN -> PAK and PAK -> IRN 03x",
     lambda r: {("IRN", "PAK"), ("PAK", "IRN")} <= {_k(e) for e in _fact(r) if e.root == "03"}),
    ("the caretaker PM lauded the armed forces: PAKGOV -> PAKMIL 051",
     lambda r: any(e.cameo == "051" and e.source.code == "PAKGOV" and e.target
                   and e.target.code == "PAKMIL" for e in _fact(r))),
    ("Pakistan calls Iran's strikes illegal and unprovoked: a factual PAK -> IRN 11x",
     lambda r: any(e.root == "11" and _k(e) == ("PAK", "IRN") for e in _fact(r))),
    ("the counter-attack that was not launched is no factual 18-20",
     lambda r: not any(e.root in ("18", "19", "20") and e.sentence_index in
                       _sentence_with(r, "would have further dented") for e in _fact(r))),
    ("what the failure would have encouraged is no factual event",
     lambda r: not any(e.sentence_index in _sentence_with(r, "would have also encouraged")
                       for e in _fact(r))),
    ("no event from a section heading",
     lambda r: not any(len(r.sentences[e.sentence_index].text.split()) <= 7
                       and not r.sentences[e.sentence_index].text.rstrip().endswith(".")
                       for e in r.events)),
    ("no factual event after the publication date",
     lambda r: all(e.date is None or e.date <= date(2024, 1, 27) for e in _fact(r))),
    ("every factual event has a source country", lambda r: all(e.source.country for e in _fact(r))),
]


def seed_result(shared: Path, pipeline: Any = None) -> Any | None:
    """The pipeline's ``Result`` for the seed article, or None when it is absent."""
    files = sorted((shared / "seeds").glob("*.txt"))
    if not files:
        return None
    from dyadwatch.pipeline import Pipeline, document_from_input

    pipeline = pipeline or Pipeline()
    return pipeline.process(document_from_input(files[0]))


def run_checks(result: Any) -> list[tuple[str, bool]]:
    out = []
    for name, check in CHECKS:
        try:
            ok = bool(check(result))
        except Exception:  # a crashing check is a failing check
            ok = False
        out.append((name, ok))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = seed_result(Path(args.shared))
    if result is None:
        print(f"seed article not found under {args.shared}/seeds: skipped")
        return 0
    checks = run_checks(result)
    passed = sum(ok for _, ok in checks)
    if args.json:
        print(json.dumps({"passed": passed, "of": len(checks),
                          "checks": [{"check": n, "ok": ok} for n, ok in checks]}, indent=1))
        return 0
    for name, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    print(f"seed checks: {passed}/{len(checks)} pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
