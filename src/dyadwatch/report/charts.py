"""The dyad chart as a plotly figure dict: events per day by QuadClass and the Goldstein
sum, with the escalation episodes shaded.

A figure here is plain JSON-able data (``{"data": [...], "layout": {...}}``) built from
the analysis objects, independent of any page: the crisis report embeds it, and the
web dashboard can hand the same dict to ``Plotly.newPlot``.  Nothing here loads
plotly.js or reaches the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

#: QuadClass -> (series attribute, legend name, colour)
QUADS = {
    1: ("verbal_coop", "Verbal cooperation", "#7fb3d5"),
    2: ("material_coop", "Material cooperation", "#1f618d"),
    3: ("verbal_conflict", "Verbal conflict", "#f0a35e"),
    4: ("material_conflict", "Material conflict", "#c0392b"),
}
GOLDSTEIN_COLOUR = "#2c3e50"
EPISODE_FILL = "rgba(192, 57, 43, 0.10)"
ESCALATION_FILL = "rgba(192, 57, 43, 0.16)"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _get(row: Any, name: str, default: Any = 0) -> Any:
    if isinstance(row, Mapping):
        return row.get(name, default)
    return getattr(row, name, default)


def _rows(series: Any) -> list[Any]:
    if series is None:
        return []
    if hasattr(series, "rows"):
        return list(series.rows())
    return list(series)


def _iso(d: Any) -> str:
    return d.isoformat() if isinstance(d, date) else str(d)


def _one_year(rows: list[Any]) -> bool:
    years = {getattr(_get(r, "period", None), "year", None) for r in rows}
    return len(years) <= 1


def dyad_chart(series: Any, episodes: Iterable[Any] = (), *, title: str | None = None,
               anchors: Mapping[date, str] | None = None, height: int = 380) -> dict[str, Any]:
    """The chart of one dyad series.

    ``series``: an ``analysis.DyadSeries`` (or rows with ``period``, ``verbal_coop``,
    ``material_coop``, ``verbal_conflict``, ``material_conflict``, ``goldstein_sum``,
    ``goldstein_mean``, ``events``).  ``episodes``: objects with ``start``, ``peak`` and
    ``end`` dates (``end`` may be None for an open episode) and optionally
    ``escalation_end``.  ``anchors`` maps a day to a page anchor (the first event of the
    day), carried as ``customdata`` so a page can jump to it on click.
    """
    rows = _rows(series)
    x = [_iso(_get(r, "period")) for r in rows]
    custom = [(anchors or {}).get(_get(r, "period"), "") for r in rows]
    data: list[dict[str, Any]] = []
    for q, (attr, name, colour) in QUADS.items():
        data.append({
            "type": "bar", "name": name, "x": x, "y": [int(_get(r, attr)) for r in rows],
            "marker": {"color": colour}, "customdata": custom,
            "hovertemplate": "%{y}",
            "meta": {"quad_class": q},
        })
    data.append({
        "type": "scatter", "mode": "lines+markers", "name": "Goldstein sum", "x": x,
        "y": [round(float(_get(r, "goldstein_sum", 0.0)), 2) for r in rows],
        "customdata": [[round(float(_get(r, "goldstein_mean", 0.0)), 2), a]
                       for r, a in zip(rows, custom)],
        "yaxis": "y2", "line": {"color": GOLDSTEIN_COLOUR, "width": 2},
        "marker": {"size": 5, "color": GOLDSTEIN_COLOUR},
        "hovertemplate": "%{y} (mean %{customdata[0]})",
    })
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    last_x = x[-1] if x else None
    for i, ep in enumerate(episodes, start=1):
        start = _get(ep, "start", None)
        if start is None:
            continue
        end = _get(ep, "end", None)
        peak = _get(ep, "peak", None)
        esc_end = _get(ep, "escalation_end", None)
        right = _iso(end + timedelta(days=1)) if isinstance(end, date) else last_x
        left = _iso(start)
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": left, "x1": right,
                       "y0": 0, "y1": 1, "fillcolor": EPISODE_FILL, "line": {"width": 0},
                       "layer": "below", "name": f"episode {i}"})
        if isinstance(esc_end, date):
            shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": left,
                           "x1": _iso(esc_end + timedelta(days=1)), "y0": 0, "y1": 1,
                           "fillcolor": ESCALATION_FILL, "line": {"width": 0}, "layer": "below",
                           "name": f"escalation {i}"})
        if isinstance(peak, date):
            shapes.append({"type": "line", "xref": "x", "yref": "paper",
                           "x0": _iso(peak), "x1": _iso(peak), "y0": 0, "y1": 1,
                           "line": {"color": "#922b21", "width": 1.5, "dash": "dot"},
                           "name": f"peak {i}"})
        when = f"{start:%d %b}".lstrip("0") + " – " + (
            f"{end:%d %b}".lstrip("0") if isinstance(end, date) else "open")
        notes.append({"xref": "x", "yref": "paper", "x": left, "y": 1.0, "xanchor": "left",
                      "yanchor": "bottom", "showarrow": False,
                      "text": f"Episode {i}: {when}" + (
                          f", peak {peak:%d %b}".replace(" 0", " ") if isinstance(peak, date)
                          else ""),
                      "font": {"size": 11, "color": "#922b21"}})
    layout: dict[str, Any] = {
        "barmode": "stack", "height": height, "bargap": 0.15,
        "margin": {"l": 56, "r": 64, "t": 48 if title else 36, "b": 40},
        "font": {"family": FONT, "size": 12, "color": "#1b2631"},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
        "hovermode": "x unified",
        "legend": {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        "xaxis": {"type": "date", "showgrid": False, "ticks": "outside",
                  "tickformat": "%-d %b" if _one_year(rows) else "%-d %b %Y",
                  "hoverformat": "%-d %B %Y", "linecolor": "#aab7b8"},
        "yaxis": {"title": {"text": "events per day"}, "rangemode": "tozero",
                  "gridcolor": "#eaeded", "zeroline": False, "tickformat": "d"},
        "yaxis2": {"title": {"text": "Goldstein sum"}, "overlaying": "y", "side": "right",
                   "tickmode": "auto", "zeroline": True, "zerolinecolor": "#aab7b8",
                   "showgrid": False},
        "shapes": shapes, "annotations": notes,
    }
    if title:
        layout["title"] = {"text": title, "x": 0, "font": {"size": 15}}
    return {"data": data, "layout": layout}


#: plotly.js config for the report's figures: no logo, no link to an online service
CONFIG = {"displaylogo": False, "responsive": True, "showLink": False,
          "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
