"""The chart and map builders: plain plotly figure dicts that need nothing from the network."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from dyadwatch.report import MapPoint, dyad_chart, event_map
from dyadwatch.report.maps import countries


@dataclass
class Row:
    period: date
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float


@dataclass
class Ep:
    start: date
    peak: date
    end: date | None
    escalation_end: date | None = None


def _rows():
    d0 = date(2024, 1, 14)
    counts = [(0, 0, 0, 0), (0, 0, 0, 2), (1, 0, 0, 3), (2, 0, 1, 0), (0, 0, 0, 0)]
    return [Row(d0 + timedelta(days=i), sum(c), *c, -10.0 * c[3] + c[0], 0.0)
            for i, c in enumerate(counts)]


def test_the_chart_holds_the_series_and_shades_the_episodes():
    fig = dyad_chart(_rows(), [Ep(date(2024, 1, 15), date(2024, 1, 16), date(2024, 1, 17),
                                  date(2024, 1, 16))],
                     anchors={date(2024, 1, 15): "e1"})
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Verbal cooperation", "Material cooperation",
                                         "Verbal conflict", "Material conflict"]
    assert bars[3]["y"] == [0, 2, 3, 0, 0] and bars[0]["y"] == [0, 0, 1, 2, 0]
    assert bars[0]["x"][0] == "2024-01-14" and bars[0]["customdata"][1] == "e1"
    line = fig["data"][-1]
    assert line["yaxis"] == "y2" and line["y"] == [0.0, -20.0, -29.0, 2.0, 0.0]
    rects = [s for s in fig["layout"]["shapes"] if s["type"] == "rect"]
    assert rects[0]["x0"] == "2024-01-15" and rects[0]["x1"] == "2024-01-18"  # end day included
    assert rects[1]["x1"] == "2024-01-17"  # the escalation itself
    assert "peak 16 Jan" in fig["layout"]["annotations"][0]["text"]
    go.Figure(fig)  # plotly's own validation accepts every property
    json.dumps(fig)


def test_an_open_episode_runs_to_the_end_of_the_series():
    fig = dyad_chart(_rows(), [Ep(date(2024, 1, 16), date(2024, 1, 16), None)])
    rect = fig["layout"]["shapes"][0]
    assert rect["x1"] == "2024-01-18" and "open" in fig["layout"]["annotations"][0]["text"]


def _point(name, lat, lon, feature="city", q=4, n=1):
    return MapPoint(lat, lon, name, "PAK", feature, tuple(f"e{name}{i}" for i in range(n)),
                    tuple(f"E{i}" for i in range(n)), q, (f"E1 16 Jan: something in {name}",))


def test_the_map_draws_shipped_boundaries_with_plain_scatter_traces():
    fig = event_map([_point("Panjgur", 26.97, 64.09, n=3), _point("Pakistan", 30.0, 70.0,
                                                                    "country", 3)],
                    focus=("IRN", "PAK"))
    types = {t["type"] for t in fig["data"]}
    assert types == {"scatter"}  # no scattergeo/choropleth: those fetch outlines from a CDN
    names = {t["name"] for t in fig["data"] if t.get("fill") == "toself"}
    assert {"Iran", "Pakistan", "Afghanistan"} <= names and "Brazil" not in names
    lon0, lon1 = fig["layout"]["xaxis"]["range"]
    lat0, lat1 = fig["layout"]["yaxis"]["range"]
    assert lon0 < 44.1 and lon1 > 77.8 and lat0 < 23.7 and lat1 > 39.7  # both countries whole
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x"
    conflict = next(t for t in fig["data"] if t["name"] == "Material conflict")
    assert conflict["marker"]["symbol"] == ["circle"] and conflict["customdata"] == ["ePanjgur0"]
    vague = next(t for t in fig["data"] if t["name"] == "Verbal conflict")
    assert vague["marker"]["symbol"] == ["circle-open"]
    assert "only the country is known" in vague["hovertext"][0]
    go.Figure(fig)
    assert "http" not in json.dumps(fig)


def test_the_map_without_points_shows_the_focus_countries():
    fig = event_map([], focus=("ARM", "AZE"))
    lon0, lon1 = fig["layout"]["xaxis"]["range"]
    assert lon0 < 43.5 and lon1 > 50.4 and lon1 - lon0 < 20


def test_the_shipped_outlines_are_whole():
    found = {c.iso3: c for c in countries()}
    assert len(found) >= 170
    west, south, east, north = found["PAK"].bbox
    assert west == pytest.approx(60.9, abs=0.5) and north == pytest.approx(37.1, abs=0.5)
