"""dyad_series: per-period totals laid on the full calendar, zeros between events."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from analysis_builders import result, stored_event
from click.testing import CliRunner

from dyadwatch.analysis import SERIES_COLUMNS, dyad_series
from dyadwatch.analysis.series import calendar, period_start
from dyadwatch.cli import cli
from dyadwatch.errors import QueryError
from dyadwatch.store import EventQuery, Store


def _fill(store: Store) -> None:
    # NOR strikes SWE on 3 Jan (two outlets), SWE recalls its envoy on 5 Jan and both
    # talk on 9 Jan; one "January" event and one event in another dyad
    store.save(result("a1", [stored_event("a1", 0, date(2024, 1, 3), "NOR", "SWE", "195"),
                             stored_event("a1", 1, date(2024, 1, 5), "SWE", "NOR", "161")]))
    store.save(result("a2", [stored_event("a2", 0, date(2024, 1, 3), "NOR", "SWE", "195")]))
    store.save(result("a3", [stored_event("a3", 0, date(2024, 1, 9), "NOR", "SWE", "041"),
                             stored_event("a3", 1, date(2024, 1, 1), "SWE", "NOR", "112",
                                          precision="month", end=date(2024, 1, 31),
                                          published=date(2024, 2, 1)),
                             stored_event("a3", 2, date(2024, 1, 4), "FIN", "SWE", "042")]))


@pytest.fixture
def store():
    s = Store(":memory:")
    _fill(s)
    yield s
    s.close()


def test_daily_series_fills_empty_days_with_zeros(store):
    s = dyad_series(store, "NOR-SWE", "D")
    assert s.table.column_names == SERIES_COLUMNS
    assert (s.since, s.until, len(s)) == (date(2024, 1, 3), date(2024, 1, 9), 7)
    rows = {r.period: r for r in s.rows()}
    strike = rows[date(2024, 1, 3)]
    # one canonical event reported by two documents
    assert (strike.events, strike.material_conflict, strike.sources) == (1, 1, 2)
    assert strike.goldstein_sum == -10.0 and strike.goldstein_mean == -10.0
    assert strike.material_conflict_share == 1.0
    quiet = rows[date(2024, 1, 4)]  # FIN-SWE's visit belongs to another dyad
    assert (quiet.events, quiet.goldstein_sum, quiet.goldstein_mean, quiet.sources) == (0, 0, 0, 0)
    assert rows[date(2024, 1, 9)].verbal_coop == 1
    # the "January" accusation cannot be placed on a day
    assert s.unplaced == 1


def test_bounds_extend_the_calendar_and_monthly_series_places_coarse_dates(store):
    d = dyad_series(store, "NOR-SWE", "D", since="2023-12-30", until="2024-01-12")
    assert len(d) == 14 and d.rows()[0].events == 0 and d.rows()[-1].events == 0
    (jan,) = dyad_series(store, "NOR-SWE", "M").rows()
    assert jan.period == date(2024, 1, 1) and jan.events == 4 and jan.verbal_conflict == 1
    weeks = dyad_series(store, "NOR-SWE", "W", since="2024-01-01", until="2024-01-31")
    assert [r.period for r in weeks] == [date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15),
                                        date(2024, 1, 22), date(2024, 1, 29)]
    assert [r.events for r in weeks] == [2, 1, 0, 0, 0]


def test_directed_series_keeps_one_direction(store):
    nor_on_swe = dyad_series(store, "NOR>SWE", "D")
    assert sum(r.events for r in nor_on_swe) == 2  # the strike and the call
    swe_on_nor = dyad_series(store, "NOR-SWE", "D", directed=False)
    assert sum(r.events for r in swe_on_nor) == 3
    assert sum(r.events for r in dyad_series(store, "SWE-NOR", "D", directed=True)) == 1


def test_distinct_sources_count_each_document_once_per_period(store):
    # a1 reports the strike (3 Jan) and the recall (5 Jan): in one week, once
    (week,) = [r for r in dyad_series(store, "NOR-SWE", "W", distinct_sources=True)
               if r.events][:1]
    assert week.sources == 2  # a1 and a2
    (summed,) = [r for r in dyad_series(store, "NOR-SWE", "W") if r.events][:1]
    assert summed.sources == 3  # strike by a1 and a2, recall by a1


def test_empty_and_bad_requests(store):
    empty = dyad_series(store, "IRN-PAK", "D")
    assert len(empty) == 0 and empty.since is None and empty.table.column_names == SERIES_COLUMNS
    assert len(dyad_series(store, "IRN-PAK", "M", since="2024-01-01", until="2024-03-31")) == 3
    with pytest.raises(QueryError, match="frequency"):
        dyad_series(store, "NOR-SWE", "Y")
    with pytest.raises(QueryError, match="dyad"):
        dyad_series(store, "NORSWE", "D")
    with pytest.raises(QueryError):
        dyad_series(store, "NOR-SWE", "D", since="2024-02-01", until="2024-01-01")


def test_query_narrows_the_series(store):
    only_conflict = dyad_series(store, "NOR-SWE", "D", query=EventQuery(quad_classes=(3, 4)))
    assert sum(r.events for r in only_conflict) == 2


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_calendar_matches_period_start(freq):
    cal = calendar(date(2023, 12, 20), date(2024, 3, 2), freq)
    starts = sorted({period_start(date.fromordinal(o), freq)
                     for o in range(date(2023, 12, 20).toordinal(), date(2024, 3, 3).toordinal())})
    assert [d.astype(date) for d in cal] == starts


def test_series_cli_formats_read_back(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        _fill(s)
    runner = CliRunner()
    res = runner.invoke(cli, ["series", "--db", str(db), "--dyad", "NOR-SWE", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == ",".join(SERIES_COLUMNS) and len(lines) == 8
    assert "1 event(s) of NOR-SWE left out" in res.stderr
    res = runner.invoke(cli, ["series", "--db", str(db), "--dyad", "NOR>SWE", "--freq", "w",
                              "--format", "jsonl"])
    assert [json.loads(x)["events"] for x in res.stdout.splitlines()] == [1, 1]
    out = tmp_path / "s.parquet"
    res = runner.invoke(cli, ["series", "--db", str(db), "--dyad", "NOR-SWE", "--format",
                              "parquet", "--out", str(out)])
    assert res.exit_code == 0, res.output
    t = pq.read_table(out)
    assert t.column_names == SERIES_COLUMNS and t.num_rows == 7
    assert t.schema.field("period").type == pa.date32()
    assert t.schema.field("events").type == pa.int64()
    assert t.schema.field("goldstein_mean").type == pa.float64()
    res = runner.invoke(cli, ["series", "--db", str(db), "--dyad", "NOR-SWE"])
    assert res.exit_code == 0 and "material_conflict_share" in res.stdout
    res = runner.invoke(cli, ["series", "--db", str(db), "--dyad", "XX-SWE"])
    assert res.exit_code == 2 and "dyad" in res.output


def test_count_unplaced_can_be_skipped(store):
    assert dyad_series(store, "NOR-SWE", "D", count_unplaced=False).unplaced == 0


def test_crisis_cli_text_and_json(tmp_path):
    db = tmp_path / "c.duckdb"
    with Store(db) as s:
        s.save(result("c1", [stored_event("c1", 0, date(2024, 1, 10), "NOR", "SWE", "195"),
                             stored_event("c1", 1, date(2024, 1, 12), "SWE", "NOR", "190"),
                             stored_event("c1", 2, date(2024, 1, 14), "NOR", "SWE", "041")]))
    runner = CliRunner()
    res = runner.invoke(cli, ["crisis", "--db", str(db), "--dyad", "NOR-SWE"])
    assert res.exit_code == 0, res.output
    assert "episode NOR-SWE:2024-01-10: start 2024-01-10, peak" in res.stdout
    assert "end 2024-01-14 (de-escalation)" in res.stdout
    assert "retaliation: 2024-01-12 SWEGOV 190 answers 2024-01-10 NORGOV 195 (2 days)" in res.stdout
    assert "month 2024-01-01: deteriorated" in res.stdout
    res = runner.invoke(cli, ["crisis", "--db", str(db), "--dyad", "NOR-SWE", "--format", "json"])
    data = json.loads(res.stdout)
    assert data["episodes"][0]["end"] == "2024-01-14"
    assert data["retaliations"][0]["lag_days"] == 2
    assert len(data["intensity"]["days"]) == len(data["series"]["rows"]) == 5
