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


def test_with_since_the_first_arrow_compares_with_the_month_before():
    from analysis_builders import result, stored_event

    from dyadwatch.analysis import trend_arrows
    from dyadwatch.store import Store

    with Store(":memory:") as store:
        store.save(result("a", [stored_event("a", 0, date(2024, 1, 10), "NOR", "SWE", "195"),
                                stored_event("a", 1, date(2024, 1, 20), "SWE", "NOR", "190")]))
        store.save(result("b", [stored_event("b", 0, date(2024, 2, 10), "NOR", "SWE", "042")]))
        (feb,) = trend_arrows(store, "NOR-SWE", "M", since="2024-02-01", until="2024-02-29")
        assert feb.period == date(2024, 2, 1) and feb.previous_conflict == 20.0
        assert feb.verdict == "improved"  # conflict stopped and a visit followed
        (jan, _) = trend_arrows(store, "NOR-SWE", "M", until="2024-02-29")
        assert jan.verdict == "deteriorated" and jan.previous_conflict == 0.0


def test_the_docs_figure_tool_draws_episodes_and_links(tmp_path):
    import importlib.util
    from pathlib import Path

    from analysis_builders import result, stored_event

    from dyadwatch.store import Store

    db = tmp_path / "f.duckdb"
    with Store(db) as store:
        store.save(result("a", [stored_event("a", 0, date(2024, 1, 10), "NOR", "SWE", "195"),
                                stored_event("a", 1, date(2024, 1, 12), "SWE", "NOR", "190"),
                                stored_event("a", 2, date(2024, 1, 14), "NOR", "SWE", "041")]))
    script = Path(__file__).resolve().parents[2] / "tools" / "analysis_figure.py"
    spec = importlib.util.spec_from_file_location("analysis_figure", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "f.svg"
    assert mod.main(["--db", str(db), "--dyad", "NOR-SWE", "--out", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "episode 10 Jan–14 Jan (de-escalation)" in svg
    assert svg.count("marker-end") == 1  # one retaliation link


def test_the_board_gives_each_dyad_its_arrow_for_the_month(tmp_path):
    from analysis_builders import result, stored_event
    from click.testing import CliRunner

    from dyadwatch.analysis import arrows_board, trend_arrows
    from dyadwatch.cli import cli
    from dyadwatch.store import Store

    db = tmp_path / "b.duckdb"
    with Store(db) as store:
        store.save(result("a", [stored_event("a", 0, date(2024, 1, 10), "NOR", "SWE", "195"),
                                stored_event("a", 1, date(2024, 1, 12), "SWE", "NOR", "190")]))
        store.save(result("b", [stored_event("b", 0, date(2023, 12, 5), "FIN", "EST", "190"),
                                stored_event("b", 1, date(2024, 1, 20), "FIN", "EST", "042")]))
        store.save(result("c", [stored_event("c", 0, date(2023, 6, 5), "DNK", "ISL", "190")]))
        board = arrows_board(store, "2024-01")
        assert [(a.dyad, a.verdict) for a in board] == \
            [("NOR-SWE", "deteriorated"), ("EST-FIN", "improved")]  # DNK-ISL: nothing recent
        alone = [a for a in trend_arrows(store, "NOR-SWE", "M", since="2024-01-01")
                 if a.period == date(2024, 1, 1)]
        assert alone[0].to_dict() == board[0].to_dict()
        assert arrows_board(store, date(2024, 1, 10), "W")[0].period == date(2024, 1, 8)
        with pytest.raises(QueryError):
            arrows_board(store, "January")
    res = CliRunner().invoke(cli, ["arrows", "--db", str(db), "--month", "2024-01"])
    assert res.exit_code == 0 and res.stdout.startswith("NOR-SWE   deteriorated")
    res = CliRunner().invoke(cli, ["arrows", "--db", str(db)])
    assert res.exit_code == 2
