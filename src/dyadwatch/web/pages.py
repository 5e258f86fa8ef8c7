"""The dashboard: server-rendered pages with a little JavaScript, nothing from a CDN.

``/`` shows one dyad over a date range: its chart (events per day by QuadClass and
the Goldstein sum, the escalation episodes shaded), a timeline of its events, a map
of where they happened and the table of events; a row opens the event's sentence,
highlighted in its article, with the actors, code, date, place and why.  ``/events/
{id}`` is that view as a page; ``/extract`` codes a pasted article.  plotly.js is
served from the installed ``plotly`` package; a Content-Security-Policy keeps every
page on this server.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from .._resources import read_text
from ..analysis import EpisodeParams, dyad_series, escalation_episodes
from ..errors import QueryError
from ..report import dyad_chart, event_map
from ..store import Dyad, EventQuery
from ..store.query import MAX_OFFSET
from .api import parse_day, parse_dyad
from .app import state_of
from .views import (QUAD_NAMES, code_label, dyad_rows, event_detail, floored, map_points,
                    point_rows, timeline_figure)

router = APIRouter(include_in_schema=False)

#: events per page of the dashboard's table
PAGE = 50
#: days shown when no date range is asked for (ending on the dyad's last event)
DEFAULT_DAYS = 90
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def _e(v: Any) -> str:
    return escape("" if v is None else str(v), quote=True)


def _json(data: Any) -> str:
    """JSON safe inside a <script type="application/json"> element."""
    return (json.dumps(data, default=str, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _page(title: str, body: str, status: int = 200, active: str = "") -> HTMLResponse:
    def nav(href: str, name: str, key: str) -> str:
        cls = ' class="on"' if key == active else ""
        return f'<a href="{href}"{cls}>{name}</a>'

    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} · dyadwatch</title>
<link rel="stylesheet" href="/static/dash.css">
</head><body>
<header class="bar"><a class="brand" href="/">dyadwatch</a>
<nav>{nav('/', 'Dashboard', 'dash')}{nav('/extract', 'Code an article', 'extract')}
<a href="/openapi.json">API</a></nav></header>
<main>{body}</main>
<script src="/static/plotly.min.js"></script>
<script src="/static/dash.js"></script>
</body></html>"""
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def _figure(name: str, spec: dict[str, Any], caption: str = "") -> str:
    return (f'<figure class="figure"><div id="{name}" class="plot"></div>'
            f'<script type="application/json" id="{name}-data">{_json(spec)}</script>'
            + (f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>")


def _picker(dyads: list[dict[str, Any]], chosen: str | None, since: str, until: str) -> str:
    opts = []
    for r in dyads[:500]:
        sel = " selected" if r["dyad"] == chosen else ""
        opts.append(f'<option value="{_e(r["dyad"])}"{sel}>{_e(r["dyad"])} '
                    f'({r["events"]} events)</option>')
    return f"""<form class="picker" method="get" action="/">
<label>Dyad <select name="dyad" id="dyad">{''.join(opts)}</select></label>
<label>From <input type="date" name="since" id="since" value="{_e(since)}"></label>
<label>To <input type="date" name="until" id="until" value="{_e(until)}"></label>
<button type="submit" id="show">Show</button></form>"""


def _when(ev: dict[str, Any]) -> str:
    if not ev.get("date"):
        return "undated"
    if ev.get("date_end") and ev["date_end"] != ev["date"]:
        return f"{ev['date']} – {ev['date_end']}"
    return str(ev["date"])


def _table(events: list[Any], total: int, offset: int, link: dict[str, str]) -> str:
    rows = []
    for ev in events:
        tgt = ev.target.code if ev.target else "–"
        loc = ev.location.name if ev.location else ""
        when = ev.date.isoformat() if ev.date else "undated"
        if ev.date_end and ev.date_end != ev.date:
            when += f" – {ev.date_end.isoformat()}"
        rows.append(
            f'<tr data-event="{_e(ev.event_id)}" data-quad="{ev.quad_class or ""}">'
            f'<td class="nowrap">{_e(when)}</td>'
            f'<td class="nowrap"><b>{_e(ev.source.code)}</b> → <b>{_e(tgt)}</b></td>'
            f'<td><span class="q q{ev.quad_class or 0}">{_e(ev.cameo)}</span> '
            f'{_e(code_label(ev.cameo))}</td>'
            f'<td class="num">{"" if ev.goldstein is None else f"{ev.goldstein:+.1f}"}</td>'
            f'<td>{_e(loc)}</td><td class="num">{len(ev.sources or [ev.doc_id])}</td>'
            f'<td class="sent"><a class="ev-link" href="/events/{_e(ev.event_id)}">'
            f'{_e(ev.sentence)}</a></td></tr>')
    pager = []
    if offset > 0:
        pager.append(f'<a href="/?{urlencode({**link, "offset": max(0, offset - PAGE)})}">'
                     "← previous</a>")
    shown = f"{offset + 1}–{offset + len(events)}" if events else "none"
    pager.append(f'<span>events {shown} of <b id="table-total">{total}</b></span>')
    if offset + len(events) < total:
        pager.append(f'<a href="/?{urlencode({**link, "offset": offset + PAGE})}">next →</a>')
    return (f'<div class="pager">{" ".join(pager)}</div>'
            '<table id="events" class="events"><thead><tr><th>Date</th><th>Who</th>'
            '<th>Code</th><th>Goldstein</th><th>Place</th><th>Sources</th><th>Sentence</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _summary(row: dict[str, Any] | None, placed: int, n_episodes: int) -> str:
    if row is None:
        return '<p class="empty">No factual events of this dyad in this range.</p>'
    quads = "".join(
        f'<div class="card"><span class="k">{_e(QUAD_NAMES[q])}</span>'
        f'<span class="v q{q}" id="n-q{q}">{row[f"q{q}"]}</span></div>' for q in (1, 2, 3, 4))
    return f"""<div class="cards">
<div class="card"><span class="k">Events</span><span class="v" id="n-events">{row['events']}</span></div>
{quads}
<div class="card"><span class="k">Goldstein sum</span>
<span class="v" id="goldstein-sum">{row['goldstein_sum']:+.1f}</span></div>
<div class="card"><span class="k">Episodes</span><span class="v" id="n-episodes">{n_episodes}</span></div>
</div>
<p class="note">{_e(row['first'])} to {_e(row['last'])}. The chart counts the
<b id="n-placed">{placed}</b> events dated to the day; the table lists all of them.</p>"""


def _episodes_list(eps: list[Any]) -> str:
    if not eps:
        return ""
    items = []
    for i, ep in enumerate(eps, start=1):
        end = ep.end.isoformat() if ep.end else "open"
        items.append(f"<li>Episode {i}: {ep.start.isoformat()} – {end}, peak "
                     f"{ep.peak.isoformat() if ep.peak else '?'}"
                     f"{f' (ended by {_e(ep.end_kind)})' if ep.end_kind else ''}</li>")
    return f'<ul class="episodes">{"".join(items)}</ul>'


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request,
              dyad: Annotated[str | None, Query(max_length=64)] = None,
              since: Annotated[str | None, Query(max_length=32)] = None,
              until: Annotated[str | None, Query(max_length=32)] = None,
              offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    st = state_of(request)
    dyads = dyad_rows(st)
    try:
        d = parse_dyad(dyad) if dyad else (Dyad.parse(dyads[0]["dyad"]) if dyads else None)
        s, u = parse_day(since, "since"), parse_day(until, "until")
        q = EventQuery(dyad=d, since=s, until=u) if d else None
    except QueryError as exc:
        body = (_picker(dyads, dyad, since or "", until or "")
                + f'<p class="problem" id="problem">{_e(exc)}</p>')
        return _page("Bad request", body, status=400, active="dash")
    if d is None or q is None:
        return _page("Dashboard", '<p class="empty">This store holds no events with a dyad yet: '
                     "run <code>dyadwatch run</code> on some articles.</p>", active="dash")
    row_of = next((r for r in dyads if r["dyad"] == d.undirected), None)
    window = ""
    if s is None and u is None and row_of is not None and row_of["last"] and row_of["first"]:
        last = date.fromisoformat(row_of["last"])
        if date.fromisoformat(row_of["first"]) < last - timedelta(days=DEFAULT_DAYS - 1):
            # a long history and no range asked for: the dyad's last DEFAULT_DAYS days
            u, s = last, last - timedelta(days=DEFAULT_DAYS - 1)
            q = EventQuery(dyad=d, since=s, until=u)
            everything = urlencode({"dyad": str(d), "since": row_of["first"],
                                    "until": row_of["last"]})
            window = (f'<p class="note" id="window">The last {DEFAULT_DAYS} days with events '
                      f'are shown; <a href="/?{everything}">show all dates</a> '
                      f'(from {_e(row_of["first"])}).</p>')
    key = f"dash|{d}|{s}|{u}|{offset}"
    body = st.cached(key, lambda: _dashboard_body(st, dyads, d, q, s, u, offset, window))
    return _page(f"{d} dashboard", body, active="dash")


def _dashboard_body(st: Any, dyads: list[dict[str, Any]], d: Dyad, q: EventQuery,
                    s: date | None, u: date | None, offset: int, window: str) -> str:
    store = st.store
    q = floored(st, q)
    with store.session():
        summary_rows = store.dyads(q).to_pylist()
        series = dyad_series(store, d, "D", s, u, count_unplaced=False,
                             query=EventQuery(date_floor=q.date_floor))
        # the episodes read their baseline window before ``since``: floor below that
        lookback = floored(st, EventQuery(since=s - timedelta(days=EpisodeParams().window))
                           ) if s else EventQuery()
        eps = escalation_episodes(store, d, s, u, query=EventQuery(
            date_floor=lookback.date_floor))
        points, total = point_rows(store, q)
        page_events = store.events(q.page(PAGE, offset)) if offset < total else []
    row = None
    if summary_rows:
        row = {k: summary_rows[0][k] for k in ("events", "q1", "q2", "q3", "q4", "first",
                                                "last")}
        row["goldstein_sum"] = float(summary_rows[0]["goldstein_sum"] or 0)
        for r in summary_rows[1:]:  # a directed dyad read both ways is one undirected row
            for k in ("events", "q1", "q2", "q3", "q4"):
                row[k] += r[k]
            row["goldstein_sum"] += float(r["goldstein_sum"] or 0)
    placed = int(sum(series.column("events"))) if len(series) else 0
    title = f"{d}: events per day by QuadClass and Goldstein sum"
    chart = dyad_chart(series, eps, title=title, height=400)
    link = {"dyad": str(d), **({"since": s.isoformat()} if s else {}),
            **({"until": u.isoformat()} if u else {})}
    more = (f" (the first {len(points)} of {total})" if total > len(points) else "")
    body = (
        _picker(dyads, d.undirected if not d.directed else str(d),
                s.isoformat() if s else "", u.isoformat() if u else "")
        + f'<h1 id="title" data-dyad="{_e(d)}">{_e(d)}</h1>' + window
        + _summary(row, placed, len(eps))
        + _figure("chart", chart) + _episodes_list(eps)
        + '<div class="two">'
        + f'<section><h2>Timeline</h2>{_figure("timeline", timeline_figure(points))}'
          f'<p class="note">Each dot is an event{more}; click one to read it.</p></section>'
        + f'<section><h2>Where</h2>{_figure("map", event_map(map_points(points), [d.a, d.b], height=360))}'
          "</section></div>"
        + f"<h2>Events</h2>{_table(page_events, total, offset, link)}"
        + '<aside id="detail" hidden><button type="button" id="detail-close" '
          'aria-label="close">×</button><div id="detail-body"></div></aside>')
    return body


def _actor_html(role: str, a: dict[str, Any] | None) -> str:
    if a is None:
        return f"<dt>{role}</dt><dd>none named</dd>"
    how = a.get("country_from_text") or (
        "not recorded" if a.get("country") else "no country")
    return (f"<dt>{role}</dt><dd><b>{_e(a['code'])}</b> {_e(a.get('text') or a.get('name'))}"
            f"<br><span class=\"why\">country {_e(a.get('country') or '–')}: {_e(how)}</span>"
            "</dd>")


def _detail_html(det: dict[str, Any]) -> str:
    ev, x = det["event"], det["explanation"]
    code, dt, place, mod = x["code"], x["date"], x["place"], x["modality"]
    loc = place.get("location")
    where = (f"{_e(loc['name'])}{', ' + _e(loc.get('country')) if loc.get('country') else ''}"
             if loc else "no place")
    date_why = " · ".join(_e(v) for v in (
        f"precision {dt.get('precision')}", dt.get("rule") and f"rule {dt['rule']}",
        dt.get("text") and f"“{dt['text']}”", dt.get("reason") and f"reason {dt['reason']}")
        if v)
    place_why = " · ".join(_e(v) for v in (
        place.get("rule") and f"rule {place['rule']}",
        place.get("text") and f"“{place['text']}”") if v)
    mod_why = " · ".join(_e(v) for v in (
        mod.get("rule") and f"rule {mod['rule']}", mod.get("cue") and f"cue “{mod['cue']}”")
        if v)
    doc, hl = det.get("document"), det.get("highlight")
    if doc is not None:
        body = doc["body"]
        if hl:
            article = (_e(body[:hl["start"]]) + '<mark id="hl">' + _e(body[hl["start"]:hl["end"]])
                       + "</mark>" + _e(body[hl["end"]:]))
        else:
            article = _e(body)
        title = _e(doc.get("title") or doc["doc_id"])
        meta = " · ".join(_e(v) for v in (doc.get("outlet"), doc.get("published")) if v)
        article_html = (f'<h3 class="doc-title">{title}</h3><p class="meta">{meta}</p>'
                        f'<div class="article" id="article">{article}</div>')
    else:
        article_html = f'<p class="sentence"><mark id="hl">{_e(ev["sentence"])}</mark></p>'
    mentions = ""
    if len(det.get("mentions") or []) > 1:
        items = "".join(f'<li><a href="/events/{_e(m["report_id"])}">{_e(m.get("title") or m["doc_id"])}'
                        f'</a>: {_e(m["sentence"])}</li>' for m in det["mentions"])
        mentions = f'<h3>Reported by {len(det["mentions"])} documents</h3><ul>{items}</ul>'
    return f"""<div class="event-detail" data-event="{_e(ev['event_id'])}">
<p class="lede" id="summary">{_e(x.get('summary'))}</p>
<dl class="facts">
{_actor_html('Source', x.get('source'))}
{_actor_html('Target', x.get('target'))}
<dt>Code</dt><dd><span class="q q{code.get('quad_class') or 0}">{_e(code['cameo'])}</span>
{_e(code.get('label'))} · {_e(code.get('quad_name'))} · Goldstein {_e(code.get('goldstein'))}
· PLOVER {_e(code['plover'].get('type'))}</dd>
<dt>Date</dt><dd id="ev-date">{_e(_when(ev))}<br><span class="why">{date_why}</span></dd>
<dt>Place</dt><dd>{where}<br><span class="why">{place_why}</span></dd>
<dt>Modality</dt><dd>{_e(mod.get('modality'))}<br><span class="why">{mod_why}</span></dd>
<dt>Why</dt><dd class="why-line">{_e(x.get('why'))}<br><span class="why">trigger
“{_e(x.get('trigger'))}”, pattern {_e(x.get('pattern'))}</span></dd>
</dl>
{article_html}
{mentions}
</div>"""


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, partial: bool = False) -> HTMLResponse:
    det = event_detail(state_of(request).store, event_id)
    if det is None:
        body = f'<p class="problem" id="problem">No event {_e(event_id)} in this store.</p>'
        if partial:
            return HTMLResponse(body, status_code=404, headers=_HEADERS)
        return _page("No such event", body, status=404)
    html = _detail_html(det)
    if partial:
        return HTMLResponse(html, headers=_HEADERS)
    ev = det["event"]
    back = ""
    if ev.get("source", {}).get("country") and (ev.get("target") or {}).get("country"):
        pair = sorted([ev["source"]["country"], ev["target"]["country"]])
        back = f'<p><a href="/?dyad={pair[0]}-{pair[1]}">← the {pair[0]}-{pair[1]} dashboard</a></p>'
    return _page(f"Event {ev['cameo']}", back + "<h1>Event</h1>" + html)


@router.get("/extract", response_class=HTMLResponse)
def extract_page(request: Request) -> HTMLResponse:
    writable = bool(state_of(request).config.token)
    note = ("This server can store what it codes: give the write token." if writable else
            "This server is read-only: the article is coded and shown, never stored.")
    body = f"""<h1>Code an article</h1>
<p class="note">Paste the text (or the HTML) of a news article; dyadwatch codes it here, on
this machine. {_e(note)}</p>
<form id="extract-form" class="extract">
<textarea id="article-text" name="text" rows="14" placeholder="TEHRAN — Iran's foreign ministry
summoned ..." required></textarea>
<div class="row"><label>Published <input type="date" id="published" name="published"></label>
<label><input type="checkbox" id="all" checked> include negated and hypothetical events</label>
<button type="submit" id="code">Code it</button><span id="busy" hidden>coding…</span></div>
</form>
<p class="problem" id="problem" hidden></p>
<section id="results" hidden><h2 id="n-found"></h2>
<table class="events" id="found"><thead><tr><th>Date</th><th>Who</th><th>Code</th>
<th>Goldstein</th><th>Place</th><th>Modality</th><th>Why</th></tr></thead><tbody></tbody></table>
<h2>The article</h2><div class="article" id="coded-article"></div></section>"""
    return _page("Code an article", body, active="extract")


# -- static files -------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


_STATIC_CACHE = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}


@router.get("/static/plotly.min.js")
def plotly_js() -> Response:
    return Response(_plotly_js(), media_type="text/javascript; charset=utf-8",
                    headers=_STATIC_CACHE)


@router.get("/static/dash.js")
def dash_js() -> Response:
    return Response(read_text("web", "dash.js"), media_type="text/javascript; charset=utf-8",
                    headers=_STATIC_CACHE)


@router.get("/static/dash.css")
def dash_css() -> Response:
    return Response(read_text("web", "dash.css"), media_type="text/css; charset=utf-8",
                    headers=_STATIC_CACHE)


__all__ = ["PAGE", "router"]
