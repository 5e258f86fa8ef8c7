"""Draw a dyad's daily conflict intensity, thresholds and episodes as an SVG (docs figures).

Usage::

    .venv/bin/python tools/analysis_figure.py --db dyadwatch-demo.duckdb --dyad IRN-PAK \\
        --out docs/img/irn-pak-crisis.svg

Plain SVG written by hand (no plotting library): conflict intensity as red bars
above the axis, cooperation as green bars below it, the high threshold as a
dashed line, each episode shaded from start to end, its peak, turning point and
de-escalation moves marked, and retaliation links drawn as arcs from the action
to the response.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from html import escape
from pathlib import Path

W, H = 900, 390
LEFT, RIGHT, TOP, BARS, MID, BOTTOM = 50, 20, 30, 95, 260, 330


def render(view) -> str:  # type: ignore[no-untyped-def]
    inten = view.intensity
    days: list[date] = inten.days
    if not days:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="60"></svg>'
    n = len(days)
    step = (W - LEFT - RIGHT) / n
    top = max([*inten.conflict, *inten.high[:1], 1.0]) * 1.1
    low = max([*inten.cooperation, 1.0]) * 1.1

    def x(i: float) -> float:
        return LEFT + i * step

    def y_up(v: float) -> float:
        return MID - (MID - BARS) * v / top

    def y_down(v: float) -> float:
        return MID + (BOTTOM - MID) * v / low

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'font-family="sans-serif" font-size="11">',
           f'<text x="{LEFT}" y="18" font-size="14">{escape(str(view.dyad))}: daily conflict '
           'intensity (red, up) and cooperation (green, down)</text>']
    index = {d: i for i, d in enumerate(days)}
    labels: list[str] = []  # drawn last, over the bars
    for ep in view.episodes:
        a, b = index.get(ep.start, 0), index.get(ep.end, n - 1)
        out.append(f'<rect x="{x(a):.1f}" y="{TOP}" width="{x(b + 1) - x(a):.1f}" '
                   f'height="{BOTTOM - TOP}" fill="#f2c94c" fill-opacity="0.25"/>')
        out.append(f'<text x="{x(a) + 2:.1f}" y="{TOP + 12}">episode {ep.start:%d %b}–'
                   f'{ep.end:%d %b} ({escape(ep.end_kind)})</text>')
        for label, d in (("peak", ep.peak), ("turning point", ep.turning_point)):
            if d in index:
                xi = x(index[d] + 0.5)
                out.append(f'<line x1="{xi:.1f}" y1="{TOP + 16}" x2="{xi:.1f}" y2="{BOTTOM}" '
                           'stroke="#555" stroke-dasharray="2,2"/>')
                labels.append(f'<text x="{xi + 2:.1f}" y="{BOTTOM - 4 - (12 if label != "peak" else 0)}" '
                              f'paint-order="stroke" stroke="white" stroke-width="3">{label}</text>')
    for i, (c, k) in enumerate(zip(inten.conflict, inten.cooperation)):
        if c:
            out.append(f'<rect x="{x(i) + 1:.1f}" y="{y_up(c):.1f}" width="{max(step - 2, 1):.1f}" '
                       f'height="{MID - y_up(c):.1f}" fill="#c0392b"/>')
        if k:
            out.append(f'<rect x="{x(i) + 1:.1f}" y="{MID}" width="{max(step - 2, 1):.1f}" '
                       f'height="{y_down(k) - MID:.1f}" fill="#27ae60"/>')
    pts = " ".join(f"{x(i):.1f},{y_up(h):.1f} {x(i + 1):.1f},{y_up(h):.1f}"
                   for i, h in enumerate(inten.high))
    out.append(f'<polyline points="{pts}" fill="none" stroke="#c0392b" stroke-dasharray="5,3"/>')
    out.append(f'<text x="{W - RIGHT - 150}" y="{y_up(inten.high[-1]) - 4:.1f}">high threshold'
               '</text>')
    for link in view.retaliations:
        if link.action_date in index and link.response_date in index:
            x1, x2 = x(index[link.action_date] + 0.5), x(index[link.response_date] + 0.5)
            lift = 10 + 5 * link.lag_days
            base = BARS - 8
            out.append(f'<path d="M{x1:.1f},{base} Q{(x1 + x2) / 2:.1f},{base - lift} '
                       f'{x2:.1f},{base}" fill="none" stroke="#8e44ad" stroke-width="1.2" '
                       'marker-end="url(#arrow)"/>')
    out.insert(1, '<defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="5" refY="3" '
                  'orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#8e44ad"/></marker></defs>')
    out.append(f'<line x1="{LEFT}" y1="{MID}" x2="{W - RIGHT}" y2="{MID}" stroke="#333"/>')
    out += labels
    every = max(1, n // 12)
    for i in range(0, n, every):
        out.append(f'<text x="{x(i):.1f}" y="{BOTTOM + 16}">{days[i]:%d %b}</text>')
    out.append(f'<text x="{LEFT}" y="{H - 12}">purple arcs: retaliation links (action → '
               'response); shaded: escalation episode from start to end</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="dyadwatch-demo.duckdb")
    ap.add_argument("--dyad", default="IRN-PAK")
    ap.add_argument("--since")
    ap.add_argument("--until")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    from dyadwatch.analysis import crisis_view
    from dyadwatch.store import Store

    with Store(args.db, read_only=True) as store:
        view = crisis_view(store, args.dyad, args.since, args.until)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(render(view), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
