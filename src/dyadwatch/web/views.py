"""What the API and the pages show, built from the store: rows, event details, figures.

The dyad chart and the map are the crisis report's own figures (``report.dyad_chart``
and ``report.event_map``); this module only feeds them from stored events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .._resources import cameo_table
from ..model import Event
from ..report import MapPoint, Namer, event_sentence
from ..report.charts import FONT, QUADS
from ..store import EventQuery, Store

#: how each way of finding an actor's country reads on a page
COUNTRY_FROM = {
    "mention": "the mention names it",
    "possessive": "a possessive names it (\u201cPakistan's army\u201d)",
    "demonym": "a demonym (\u201cPakistani police\u201d)",
    "coreference": "an earlier mention it refers back to",
    "place": "where the actor acts (\u201cpolice in Lahore\u201d)",
    "dateline": "the article's dateline",
    "story": "the story's subject country (title and lead)",
}
QUAD_NAMES = {q: name for q, (_, name, _) in QUADS.items()}
#: the most events the timeline and the map of one page read
MAX_POINTS = 2000


@lru_cache(maxsize=1)
def _namer() -> Namer:
    return Namer()


def code_label(cameo: str | None) -> str:
    info = cameo_table().get(cameo or "")
    return info.label if info else ""


def _jsonable(v: Any) -> Any:
    return json.loads(json.dumps(v, default=str))


def dyad_rows(state: Any) -> list[dict[str, Any]]:
    """Every dyad of the factual events, busiest first (cached per store version)."""
    def build() -> list[dict[str, Any]]:
        rows = state.store.dyads(EventQuery()).to_pylist()
        out = []
        for r in rows:
            directed = r.get("directed") or {}
            if isinstance(directed, list):  # pyarrow maps come back as (key, value) pairs
                directed = dict(directed)
            out.append({"dyad": r["dyad"], "events": int(r["events"]),
                        "goldstein_sum": round(float(r["goldstein_sum"] or 0), 2),
                        "q1": r["q1"], "q2": r["q2"], "q3": r["q3"], "q4": r["q4"],
                        "first": r["first"].isoformat() if r["first"] else None,
                        "last": r["last"].isoformat() if r["last"] else None,
                        "directed": {k: int(v) for k, v in directed.items()}})
        return out

    return state.cached("dyads", build)  # type: ignore[no-any-return]


def floored(state: Any, q: EventQuery) -> EventQuery:
    """``q`` with ``date_floor`` set from its ``since`` and the store's longest date span
    (cached per store version): the same events, read from fewer row groups."""
    if q.since is None or q.date_floor is not None:
        return q
    span = state.cached("longest_date_span", state.store.longest_date_span)
    return replace(q, date_floor=q.since - timedelta(days=span))


def event_row(ev: Event) -> dict[str, Any]:
    """An event for lists: its fields, the code's label and the number of sources."""
    d = ev.to_dict()
    d["code_label"] = code_label(ev.cameo)
    d["n_sources"] = len(ev.sources or [ev.doc_id])
    return d


def _actor(actor: Any, text: str | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    how = actor.country_from.value if actor.country_from else None
    return {"code": actor.code, "name": actor.name, "text": text, "country": actor.country,
            "role": actor.role, "country_from": how,
            "country_from_text": COUNTRY_FROM.get(how or "", None)}


def explanation(ev: Event) -> dict[str, Any]:
    """Why the event was coded as it was: trigger, pattern, actors (and where their country
    came from), code, date (with its reason), place and modality."""
    evd = ev.evidence or {}
    info = cameo_table().get(ev.cameo)
    return _jsonable({
        "summary": event_sentence(ev, _namer(), year=True),
        "why": evd.get("why"),
        "pattern": evd.get("pattern"),
        "trigger": evd.get("trigger_text"),
        "source": _actor(ev.source, evd.get("source_text")),
        "target": _actor(ev.target, evd.get("target_text")),
        "code": {"cameo": ev.cameo, "label": info.label if info else None, "root": ev.root,
                 "quad_class": ev.quad_class, "quad_name": QUAD_NAMES.get(ev.quad_class or 0),
                 "goldstein": ev.goldstein,
                 "plover": {"type": ev.plover_type, "mode": ev.plover_mode}},
        "date": {"date": ev.date, "end": ev.date_end, "precision": ev.date_precision,
                 "reason": ev.date_reason, **(evd.get("date") or {})},
        "place": {"location": ev.location.to_dict() if ev.location else None,
                  **(evd.get("place") or {})},
        "modality": {"modality": ev.modality.value, "factual": ev.factual,
                     **(evd.get("modality") or {})},
    })


def highlight(body: str, sentences: list[dict[str, Any]], index: int, text: str
              ) -> dict[str, Any] | None:
    """Where the event's sentence is in the document body: ``start`` and ``end`` offsets."""
    for s in sentences:
        if s["index"] == index and 0 <= s["start"] < s["end"] <= len(body):
            return {"sentence_index": index, "start": s["start"], "end": s["end"]}
    at = body.find(text) if text else -1
    if at >= 0:
        return {"sentence_index": index, "start": at, "end": at + len(text)}
    return None


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event (canonical or a report) with its document, the sentence's place in it,
    its explanation and, for a canonical event, the reports (mentions) behind it."""
    with store.session():
        ev = store.event(event_id)
        if ev is None:
            return None
        canonical = bool(ev.reports)
        doc = store.document(ev.doc_id)
        sentences = store.sentences(ev.doc_id) if doc is not None else []
        reps = store.reports_of(event_id) if canonical else []
        info = store.document_info({r.doc_id for r in reps} | {ev.doc_id})
    body = doc.body if doc is not None else ""
    mentions = []
    for r in reps:
        di = info.get(r.doc_id) or {}
        mentions.append({"report_id": r.event_id, "doc_id": r.doc_id, "title": di.get("title"),
                         "outlet": di.get("outlet"), "url": di.get("url"),
                         "published": di.get("published"), "sentence": r.sentence,
                         "sentence_index": r.sentence_index, "cameo": r.cameo,
                         "date": r.date, "modality": r.modality.value})
    document = None
    if doc is not None:
        document = {"doc_id": doc.doc_id, "title": doc.title, "url": doc.url,
                    "outlet": doc.outlet, "published": doc.published, "body": body}
    return _jsonable({
        "event": event_row(ev), "canonical": canonical,
        "explanation": explanation(ev), "document": document,
        "highlight": highlight(body, sentences, ev.sentence_index, ev.sentence),
        "mentions": mentions,
    })


# -- figures for the dashboard ----------------------------------------------------------
_POINT_COLUMNS = ["event_id", "date", "quad_class", "goldstein", "cameo", "source_code",
                  "target_code", "loc_name", "loc_country", "loc_feature", "lat", "lon",
                  "sentence"]


def point_rows(store: Store, q: EventQuery) -> tuple[list[dict[str, Any]], int]:
    """The first ``MAX_POINTS`` events of the query by date (a few columns) and the total."""
    with store.session():
        total = store.count(q)
        rows = store.events_table(q.page(MAX_POINTS, 0), columns=_POINT_COLUMNS).to_pylist()
    return rows, total


def _short(text: str, n: int = 110) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def map_points(rows: list[dict[str, Any]]) -> list[MapPoint]:
    """One point per place (coordinates to ~1 km), its most conflictual QuadClass."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["lat"] is None or r["lon"] is None:
            continue
        groups[(round(r["lat"], 2), round(r["lon"], 2), r["loc_name"] or "?")].append(r)
    severity = {4: 4, 3: 3, 2: 1, 1: 0}
    out = []
    for (lat, lon, name), rs in sorted(groups.items(), key=lambda kv: kv[0][2]):
        quads = [r["quad_class"] for r in rs if r["quad_class"]]
        out.append(MapPoint(
            lat=lat, lon=lon, name=name, country=rs[0]["loc_country"],
            feature=rs[0]["loc_feature"], event_ids=tuple(r["event_id"] for r in rs),
            refs=tuple(r["event_id"] for r in rs),
            quad_class=max(quads, key=lambda q: severity.get(q, 0)) if quads else None,
            lines=tuple(f"{r['date'] or 'undated'} {r['cameo']}: {_short(r['sentence'], 80)}"
                        for r in rs[:8]) + ((f"\u2026 and {len(rs) - 8} more",)
                                           if len(rs) > 8 else ())))
    return out


def timeline_figure(rows: list[dict[str, Any]], height: int = 260) -> dict[str, Any]:
    """Each dated event as a point: date across, Goldstein up, coloured by QuadClass;
    the event id rides along as ``customdata`` (a click opens the event)."""
    data = []
    for q, (_, name, colour) in QUADS.items():
        rs = [r for r in rows if r["quad_class"] == q and r["date"] is not None]
        if not rs:
            continue
        data.append({
            "type": "scatter", "mode": "markers", "name": name,
            "x": [r["date"].isoformat() if isinstance(r["date"], date) else r["date"]
                  for r in rs],
            "y": [r["goldstein"] for r in rs],
            "customdata": [r["event_id"] for r in rs],
            "text": [f"{r['source_code']} \u2192 {r['target_code'] or '-'} {r['cameo']}<br>"
                     f"{_short(r['sentence'])}" for r in rs],
            "hovertemplate": "%{x}<br>%{text}<extra></extra>",
            "marker": {"color": colour, "size": 9, "opacity": 0.8,
                       "line": {"width": 1, "color": "#ffffff"}},
        })
    layout = {
        "height": height, "margin": {"l": 56, "r": 24, "t": 12, "b": 36},
        "font": {"family": FONT, "size": 12, "color": "#1b2631"},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "hovermode": "closest",
        "showlegend": False,
        "xaxis": {"type": "date", "showgrid": False, "linecolor": "#aab7b8"},
        "yaxis": {"title": {"text": "Goldstein"}, "range": [-10.8, 10.8], "zeroline": True,
                  "zerolinecolor": "#aab7b8", "gridcolor": "#eaeded"},
    }
    return {"data": data, "layout": layout}
