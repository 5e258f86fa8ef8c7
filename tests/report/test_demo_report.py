"""The crisis report of the demo store: the issue's acceptance, through the CLI and in
headless Chromium (no JS error, no request off the machine, chart and map drawn, numbers
that match the store)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.report import build_report
from dyadwatch.store import EventQuery, Store


@pytest.fixture(scope="module")
def report(demo_db):
    with Store(demo_db, read_only=True) as s:
        return build_report(s, "IRN-PAK")


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_each_real_event_once_with_all_its_sources(demo_db, report):
    with Store(demo_db, read_only=True) as s:
        stored = s.events(EventQuery(dyad="IRN-PAK"))
    assert len(report.timeline) == len(stored) == len({t.event_id for t in report.timeline})
    by_id = {e.event_id: e for e in stored}
    for t in report.timeline:
        assert sorted(t.event.sources) == sorted(by_id[t.event_id].sources)
        assert len(t.quotes) == len(by_id[t.event_id].reports)
    # Iran's strike on Panjgur on 16 January: one event, told by several outlets
    strikes = [t for t in report.timeline if t.event.root == "19" and t.event.date ==
               date(2024, 1, 16) and t.event.source.country == "IRN" and
               "possible-duplicate" not in t.flags]
    assert len(strikes) == 1 and strikes[0].independent >= 4, [t.sentence for t in strikes]
    assert strikes[0].location.name == "Panjgur"


def test_the_episode_the_retaliation_and_the_deescalation(report):
    (ep,) = [e for e in report.episodes if e.start <= date(2024, 1, 18) <= (e.end or date.max)]
    assert ep.start == date(2024, 1, 16) and ep.peak == date(2024, 1, 18)
    assert ep.end is not None and date(2024, 1, 22) <= ep.end <= date(2024, 1, 30)
    # Pakistan's strikes of 18 January answer Iran's of 16 January
    by_id = {t.event_id: t for t in report.timeline}
    assert any(by_id[s.first].event.source.country == "IRN" and
               by_id[s.first].event.date == date(2024, 1, 16) and
               by_id[s.answer].event.source.country == "PAK" and
               by_id[s.answer].event.root == "19" and
               by_id[s.answer].event.date == date(2024, 1, 18) for s in report.chain)
    assert report.deescalation and all(t.event.quad_class in (1, 2) for t in report.deescalation)
    assert any(t.event.date == date(2024, 1, 19) for t in report.deescalation)
    texts = " ".join(s.text for s in report.summary)
    # the year is written when the report spans two years (an event of December 2023)
    assert re.search(r"On 16 January( 2024)? Iran launched air or missile strikes", texts)
    assert re.search(r"On 19 January( 2024)? Iran and Pakistan spoke with each other by "
                     r"telephone\.", texts)


def test_report_verb_writes_html_and_markdown(demo_db, tmp_path):
    out = tmp_path / "irn-pak.html"
    res = _invoke("report", "--db", str(demo_db), "--dyad", "IRN-PAK", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert f"to {out}" in res.output and out.stat().st_size > 4_000_000  # plotly inline
    res = _invoke("report", "--db", str(demo_db), "--dyad", "IRN-PAK", "--format", "md",
                  "--since", "2024-01-17", "--until", "2024-01-19")
    assert res.exit_code == 0 and res.output.startswith("# Iran and Pakistan: crisis report")
    timeline = res.output.split("## Timeline")[1].split("### Coded sentences")[0]
    assert "| 18 Jan |" in timeline and "| 16 Jan |" not in timeline  # the window
    res = _invoke("report", "--db", str(demo_db), "--dyad", "IRN-USA", "--out",
                  str(tmp_path / "x.md"))
    assert res.exit_code == 0 and (tmp_path / "x.md").read_text().startswith("# Iran and the")


def test_report_verb_refuses_what_it_cannot_do(demo_db, tmp_path):
    res = CliRunner().invoke(cli, ["report", "--db", str(demo_db), "--dyad", "IRN-BRA"])
    assert res.exit_code == 2 and "no factual events for IRN-BRA" in res.output
    assert "IRN-PAK" in res.output  # it names the dyads the store holds
    res = CliRunner().invoke(cli, ["report", "--db", str(tmp_path / "none.duckdb"),
                                   "--dyad", "IRN-PAK"])
    assert res.exit_code == 1 and "no store at" in res.output


# -- in the browser -----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("assets", ["inline", "beside"])
def test_the_page_renders_offline_with_the_stores_numbers(demo_db, report, tmp_path, assets,
                                                         chromium):
    from dyadwatch.report import write_html

    out = tmp_path / f"{assets}.html"
    write_html(report, out, assets)
    with Store(demo_db, read_only=True) as s:
        q = EventQuery(dyad="IRN-PAK")
        n_events = s.count(q)
        per_day = {r["period"]: r["events"] for r in s.aggregate(q, "D").to_pylist()}
        n_docs = len({d for e in s.events(q) for d in e.sources})
    with chromium.page() as (page, log):
        page.goto(out.as_uri())
        page.wait_for_selector("#chart[data-drawn]", timeout=30_000)
        page.wait_for_selector("#map[data-drawn]", timeout=30_000)
        # the chart drew its bars and line, the map its countries and places
        assert page.locator("#chart .barlayer .point").count() > 0
        assert page.locator("#chart .scatterlayer .trace").count() >= 1
        assert page.locator("#map .scatterlayer .trace").count() > 10
        assert page.locator("#map .scatterlayer .point").count() >= len(report.map_points)
        shown = int(page.inner_text("#n-events"))
        rows = page.locator("table.timeline tbody tr").count()
        docs = int(page.inner_text("#n-sources"))
        sources = [int(x) for x in page.eval_on_selector_all(
            "table.timeline tbody tr", "rows => rows.map(r => r.dataset.sources)")]
        bars = page.evaluate("""() => {
            const gd = document.getElementById('chart');
            const out = {};
            gd.data.filter(t => t.type === 'bar').forEach(t => t.x.forEach((x, i) => {
                out[x] = (out[x] || 0) + t.y[i]; }));
            return out; }""")
        # clicking a place jumps to its events
        page.evaluate("""() => { const gd = document.getElementById('map');
            gd.emit('plotly_click', {points: [{customdata: gd.data[gd.data.length - 1]
                                               .customdata[0]}]}); }""")
        assert page.evaluate("location.hash").startswith("#ev-")
    log.assert_clean()
    assert all(u.startswith("file:") for u in log.requests), log.requests
    assert shown == rows == n_events == len(report.timeline)
    assert docs == n_docs
    assert sources == [len(t.event.sources) for t in report.timeline]
    for day, n in per_day.items():
        # every day of the store's aggregate is in the chart with its count (days with
        # events dated too vaguely for a day are the analysis' to leave out)
        assert bars.get(day.isoformat(), 0) <= n
    assert sum(bars.values()) == sum(r.events for r in report.series.rows())
    assert sum(bars.values()) + report.unplaced == n_events and report.unplaced > 0
    assert f"({report.unplaced} here)" in out.read_text(encoding="utf-8")
