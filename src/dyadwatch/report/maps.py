"""The event map as a plotly figure dict that needs nothing from the network.

plotly's geo traces (scattergeo, choropleth) fetch their world outlines from a
CDN when the page opens.  This map does not use them: it draws the country
boundaries itself, as filled ``scatter`` paths on plain longitude/latitude axes,
from the Natural Earth 1:110m file shipped in ``data/maps`` (only the countries
in view go into the figure).  The latitude axis is stretched by 1/cos(latitude)
so shapes keep their proportions near the centre of the view.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .._resources import read_text
from ..errors import ConfigError
from .charts import FONT, QUADS

_FILE = "data/maps/ne_110m_admin0.geojson"
#: the least extent of a view (degrees of longitude) and the margin around the points
MIN_SPAN = 14.0
PAD = 2.5
LAND = "#f2f3f4"
FOCUS_LAND = "#fdf2e9"
BORDER = "#a6acaf"
WATER = "#dbe9f4"


@dataclass(frozen=True)
class Country:
    iso3: str | None
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # outer rings and holes alike
    bbox: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1


def _bbox(rings: Iterable[Sequence[tuple[float, float]]]) -> tuple[float, float, float, float]:
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The shipped country outlines (validated on load)."""
    try:
        data = json.loads(read_text("maps", "ne_110m_admin0.geojson"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{_FILE} is not valid JSON: {exc}") from exc
    out = []
    for i, f in enumerate(data.get("features") or []):
        props, geom = f.get("properties") or {}, f.get("geometry") or {}
        kind, coords = geom.get("type"), geom.get("coordinates")
        if kind == "Polygon":
            polys = [coords]
        elif kind == "MultiPolygon":
            polys = coords
        else:
            raise ConfigError(f"{_FILE}: feature {i} ({props.get('name')}) has geometry "
                              f"{kind!r}; expected Polygon or MultiPolygon")
        rings = tuple(tuple((float(x), float(y)) for x, y in ring) for poly in polys
                      for ring in poly)
        if not rings or not props.get("name"):
            raise ConfigError(f"{_FILE}: feature {i} has no name or no coordinates")
        out.append(Country(props.get("iso3"), props["name"], rings, _bbox(rings)))
    if len(out) < 150:
        raise ConfigError(f"{_FILE} holds {len(out)} countries; the file is incomplete")
    return tuple(out)


def _view(points: Sequence[Any], focus: Sequence[str]) -> tuple[float, float, float, float]:
    """The longitude/latitude box to show: the points and the focus countries, padded."""
    boxes = [(p.lon, p.lat, p.lon, p.lat) for p in points]
    by_iso = {c.iso3: c for c in countries() if c.iso3}
    for iso in focus:
        c = by_iso.get(iso)
        if c is not None and (c.bbox[2] - c.bbox[0]) < 60:  # not Russia or the USA whole
            boxes.append(c.bbox)
    if not boxes:
        return -180.0, -60.0, 180.0, 80.0
    lon0 = min(b[0] for b in boxes) - PAD
    lat0 = min(b[1] for b in boxes) - PAD
    lon1 = max(b[2] for b in boxes) + PAD
    lat1 = max(b[3] for b in boxes) + PAD
    if lon1 - lon0 < MIN_SPAN:
        mid = (lon0 + lon1) / 2
        lon0, lon1 = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
    if lat1 - lat0 < MIN_SPAN * 0.6:
        mid = (lat0 + lat1) / 2
        lat0, lat1 = mid - MIN_SPAN * 0.3, mid + MIN_SPAN * 0.3
    return max(lon0, -180.0), max(lat0, -85.0), min(lon1, 180.0), min(lat1, 85.0)


def _intersects(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
                ) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _path(c: Country) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in c.rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(p[0] for p in ring)
        ys.extend(p[1] for p in ring)
    return xs, ys


_POSITIONS = ("top center", "bottom center", "middle right", "middle left")


def _label_positions(points: Sequence[Any], box: tuple[float, float, float, float]
                     ) -> list[str]:
    """A text position per point that keeps labels apart (greedy, in the order given)."""
    span = max(box[2] - box[0], 1e-6)
    char = span / 110  # degrees of longitude per character at the map's usual width
    line = (box[3] - box[1]) / 28
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for p in points:
        w = len(p.name) * char
        boxes = {
            "top center": (p.lon - w / 2, p.lat + line * 0.4, p.lon + w / 2, p.lat + line * 1.4),
            "bottom center": (p.lon - w / 2, p.lat - line * 1.4, p.lon + w / 2, p.lat - line * 0.4),
            "middle right": (p.lon + char, p.lat - line / 2, p.lon + char + w, p.lat + line / 2),
            "middle left": (p.lon - char - w, p.lat - line / 2, p.lon - char, p.lat + line / 2),
        }
        choice = next((pos for pos in _POSITIONS
                       if not any(_intersects(boxes[pos], q) for q in placed)), _POSITIONS[0])
        placed.append(boxes[choice])
        out.append(choice)
    return out


def _vague(p: Any) -> bool:
    """A point that stands for an area (a province or a country), not a town."""
    return p.feature in ("country", "admin1")


def _hover(p: Any) -> str:
    area = {"country": " (only the country is known)", "admin1": " (only the province is known)"}
    return f"<b>{p.name}</b>{area.get(p.feature, '')}<br>" + "<br>".join(p.lines)


def event_map(points: Sequence[Any], focus: Sequence[str] = (), *, height: int = 460,
              title: str | None = None) -> dict[str, Any]:
    """The map of event places.

    ``points``: objects with ``lat``, ``lon``, ``name``, ``feature`` (``country`` or
    ``admin1`` draws an open marker at the area's centre: no town is known), ``quad_class``, ``refs``, ``lines``
    (hover text) and ``event_ids`` (the first is carried as ``customdata``, for a page
    to jump to).  ``focus``: ISO3 codes of the dyad's countries, shaded and always in
    view.
    """
    box = _view(points, focus)
    data: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for c in countries():
        if not _intersects(c.bbox, box):
            continue
        xs, ys = _path(c)
        focused = c.iso3 in focus
        data.append({
            "type": "scatter", "mode": "lines", "x": xs, "y": ys, "fill": "toself",
            "fillcolor": FOCUS_LAND if focused else LAND,
            "line": {"color": "#7b7d7d" if focused else BORDER, "width": 1.2 if focused else 0.7},
            "name": c.name, "hoverinfo": "name", "hoveron": "fills", "showlegend": False,
        })
        if focused:
            cx = (max(c.bbox[0], box[0]) + min(c.bbox[2], box[2])) / 2
            cy = (max(c.bbox[1], box[1]) + min(c.bbox[3], box[3])) / 2
            labels.append({"x": cx, "y": cy, "text": c.name.upper(), "showarrow": False,
                           "font": {"size": 12, "color": "#7b7d7d"}, "opacity": 0.8})
    ordered = sorted(points, key=lambda p: (-len(p.event_ids), p.name))
    positions = dict(zip((id(p) for p in ordered), _label_positions(ordered, box)))
    for q in (1, 2, 3, 4, None):
        group = sorted((p for p in points if p.quad_class == q), key=_vague)  # legend: solid
        if not group:
            continue
        name, colour = (QUADS[q][1], QUADS[q][2]) if q else ("Unclassified", "#566573")
        data.append({
            "type": "scatter", "mode": "markers+text", "name": name,
            "x": [p.lon for p in group], "y": [p.lat for p in group],
            "text": [p.name for p in group],
            "textposition": [positions[id(p)] for p in group],
            "textfont": {"size": 11, "color": "#1b2631"},
            "customdata": [p.event_ids[0] if p.event_ids else "" for p in group],
            "hovertext": [_hover(p) for p in group],
            "hoverinfo": "text",
            "marker": {
                "size": [10 + 4 * math.sqrt(len(p.event_ids)) for p in group],
                "color": colour,
                "symbol": ["circle-open" if _vague(p) else "circle" for p in group],
                "line": {"width": [2 if _vague(p) else 1 for p in group],
                         "color": [colour if _vague(p) else "#ffffff" for p in group]},
                "opacity": 0.9,
            },
        })
    mid_lat = (box[1] + box[3]) / 2
    layout: dict[str, Any] = {
        "height": height, "showlegend": True,
        "margin": {"l": 8, "r": 8, "t": 36 if title else 8, "b": 8},
        "font": {"family": FONT, "size": 12, "color": "#1b2631"},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": WATER, "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": 0, "yanchor": "bottom",
                   "bgcolor": "rgba(255,255,255,0.8)"},
        "xaxis": {"range": [box[0], box[2]], "visible": False, "fixedrange": False},
        "yaxis": {"range": [box[1], box[3]], "visible": False, "scaleanchor": "x",
                  "scaleratio": round(1 / max(math.cos(math.radians(mid_lat)), 0.2), 4)},
        "annotations": labels + [{
            "xref": "paper", "yref": "paper", "x": 1, "y": 0, "xanchor": "right",
            "yanchor": "bottom", "showarrow": False, "font": {"size": 10, "color": "#7b7d7d"},
            "text": "Boundaries: Natural Earth 1:110m (public domain)"}],
    }
    if title:
        layout["title"] = {"text": title, "x": 0, "font": {"size": 15}}
    return {"data": data, "layout": layout}
