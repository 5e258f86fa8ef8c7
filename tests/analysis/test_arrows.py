"""Trend arrows: deteriorated, improved or unchanged, with the events behind each."""

from __future__ import annotations

from datetime import date

import pytest
from analysis_builders import frame, row

from dyadwatch.analysis.arrows import ArrowParams, arrows_in_frame
from dyadwatch.errors import QueryError

# 2024-01-01 + day: January is days 0-30, February 31-59, March 60-90, April 91-120
ROWS = [
    row(5, "NOR", "SWE", "112"),  # January: a quarrel
    row(35, "NOR", "SWE", "195", eid="strike"),  # February: strikes
    row(37, "SWE", "NOR", "195", eid="answer"),
    row(40, "SWE", "NOR", "041", eid="call"),  # ... and a call
    row(45, "NOR", "SWE", "042", eid="visit"),
    row(63, "NOR", "SWE", "0871", eid="truce"),  # March: a truce
]


def test_monthly_arrows():
    arrows = arrows_in_frame(frame(ROWS, until=date(2024, 4, 30)), "M")
    got = {a.period.month: a for a in arrows}
    assert [got[m].verdict for m in (1, 2, 3, 4)] == \
        ["unchanged", "deteriorated", "improved", "unchanged"]
    feb, mar, apr = got[2], got[3], got[4]
    assert feb.events[:2] == ["answer", "strike"] or feb.events[:2] == ["strike", "answer"]
    assert any("episode began" in r for r in feb.reasons)
    assert mar.events == ["truce"] and mar.previous_conflict == 20.0
    assert "no de-escalation move" not in " ".join(mar.reasons)
    assert apr.conflict == 0 and apr.events == []


def test_conflict_that_stops_without_a_cooperative_move_is_not_an_improvement():
    rows = [r for r in ROWS if r["event_id"] not in ("call", "visit", "truce")]
    arrows = arrows_in_frame(frame(rows, until=date(2024, 3, 31)), "M")
    assert arrows[-1].verdict == "unchanged"
    assert "no de-escalation move was reported" in arrows[-1].reasons[0]


def test_weekly_arrows_and_thresholds():
    arrows = arrows_in_frame(frame(ROWS, until=date(2024, 3, 31)), "W")
    assert all(a.period.weekday() == 0 for a in arrows)
    week = {a.period: a.verdict for a in arrows}
    assert week[date(2024, 2, 5)] == "deteriorated"  # the strikes of 5 and 7 February
    strict = arrows_in_frame(frame(ROWS), "M", params=ArrowParams(floor=100), episodes=[])
    assert {a.verdict for a in strict} == {"unchanged"}
    with pytest.raises(QueryError):
        arrows_in_frame(frame(ROWS), "D")
