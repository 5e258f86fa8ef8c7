"""Every date in the examples' expected.json is checked against what the pipeline codes.

For each expected event that has a ``date`` key, the system events of the same document
with the same sentence (one may hold the other: a dateline) and the same source and target countries (same CAMEO root when
there is one) must carry that date: an ISO day at precision ``day``, or, for ``null``, no
day/month/year precision (``article`` or an interval).  An expected event the coder does
not produce at all is skipped with the reason (coverage is issue 11's, dates are checked
where there is something to date).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest

from dyadwatch.pipeline import document_from_input

EX = Path(str(resources.files("dyadwatch").joinpath("examples")))
EXPECTED = json.loads((EX / "expected.json").read_text(encoding="utf-8"))["documents"]
CASES = [(name, n, ev) for name, d in sorted(EXPECTED.items())
         for n, ev in enumerate(d["events"]) if "date" in ev]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _as_gold(ev) -> str | None:
    """A system date the way expected.json writes it (null unless day/month/year)."""
    if ev.date is None or ev.date_precision not in ("day", "month", "year"):
        return None
    iso = ev.date.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(ev.date_precision, iso)


@pytest.fixture(scope="module")
def coded(pipeline):
    @lru_cache(maxsize=None)
    def run(name: str):
        return pipeline.process(document_from_input(EX / name)).events
    return run


#: dated wrongly on the first run (issue 12); strict: a fix must remove the entry
KNOWN_WRONG: set[tuple[str, int]] = {
    # US Secretary Pompeo's appeal (USAGOV -> INDGOV / PAKGOV 0256, gold date Wednesday
    # 27 February): coded since the audit round as 020 (an accepted alternative), but "said
    # on Wednesday that he had spoken to ... and urged them" is read as past perfect for
    # both verbs, so the appeal is dated as an interval ending before the Wednesday rather
    # than on it; the entry stays until the two readings are reconciled
    ("2019-02-balakot-pilot-report.html", 10),
    ("2019-02-balakot-pilot-report.html", 11),
}  # the first round's four and round 2's eight (issue 12) are fixed


def test_there_are_dated_expectations():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name,n,exp", CASES, ids=[f"{c[0][:24]}#{c[1]}" for c in CASES])
def test_expected_date(coded, name, n, exp, request):
    if (name, n) in KNOWN_WRONG:
        request.applymarker(pytest.mark.xfail(strict=True, reason="dated wrongly (issue 12)"))
    sent = _norm(exp["sentence"])
    same = [e for e in coded(name) if (_norm(e.sentence) in sent or sent in _norm(e.sentence))
            and e.source.country == exp["source_country"]
            and (e.target.country if e.target else None) == exp["target_country"]]
    if not same:
        pytest.skip(f"not coded: {exp['source']}->{exp['target']} {exp['cameo']}")
    by_root = [e for e in same if e.root == exp["root"]] or same
    got = [(_as_gold(e), e.date_precision, e.cameo) for e in by_root]
    assert any(g == exp["date"] for g, _, _ in got), (
        f"expected {exp['date']} for {exp['source']}->{exp['target']} {exp['cameo']}, "
        f"got {got}: {sent[:90]}")
