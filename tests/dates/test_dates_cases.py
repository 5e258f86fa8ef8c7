"""The annotated case table (tests/dates/cases.jsonl): every case must resolve exactly.

Each line of cases.jsonl is one hand-written sentence (or short passage) with its
publication date, the trigger word(s) to build events for, and the expected date,
precision and range end.  The ``class`` field names what the case exercises
(absolute, year-inference, future, weekday, deictic, relative-chain, vague,
range, month-year, attachment, inheritance, article); ``id`` identifies it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dates_casekit import BLIND, BLIND2, load_cases, outcome, run_case  # noqa: E402

CASES = load_cases()
#: the two later sets (scored once blind, then fixed) are kept as regression cases too
ALL_CASES = CASES + load_cases(BLIND) + load_cases(BLIND2)
CLASSES = {"absolute", "year-inference", "future", "weekday", "deictic", "relative-chain",
           "vague", "range", "month-year", "attachment", "inheritance", "article"}


def test_case_table_covers_every_class() -> None:
    # at least 50 cases, every expression class present at least twice
    assert len(CASES) >= 50
    counts = {c: sum(1 for x in CASES if x["class"] == c) for c in CLASSES}
    assert all(n >= 2 for n in counts.values()), counts


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c['id']}-{c['class']}" for c in ALL_CASES])
def test_case(nlp, case) -> None:  # type: ignore[no-untyped-def]
    ev = run_case(nlp, case)
    got = (ev.date, ev.date_precision, ev.date_end)
    assert outcome(ev, case)["exact"], f"{case['text']!r}: got {got}, evidence {ev.evidence.get('date')}"
    info = ev.evidence["date"]
    assert set(info) >= {"text", "rule", "anchor"}
    if case["precision"] == "article":
        assert info["rule"] in ("article-date", "undated") and info["text"] is None
        assert info["reason"] and info["why"]  # a typed reason and a sentence for --explain
        if info["rule"] == "undated":
            assert ev.date is None
    else:
        assert info["text"], "a dated event names the expression it was dated by"
