"""``build_report``: read a dyad's canonical events, their reports and documents, and the
analysis of the dyad, and lay them out as a ``Report``.

The report adds no analysis of its own: series, escalation episodes, retaliation
links and de-escalation labels come from ``dyadwatch.analysis``.  What it adds is
presentation and candour: a sentence per event, the exact sentences behind it,
and flags where the coder may be wrong (one source, no date in the text, a place
known only as a country, an event that may repeat another).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .._resources import cameo_table
from ..errors import QueryError
from ..model import Document, Event
from ..store import Dyad, EventQuery, Store
from . import analysis_view
from .model import (MapPoint, Quote, Report, SourceDoc, SummarySentence, TimelineEntry)
from .summary import summarise
from .wording import Namer, act, date_phrase, event_sentence, short_date

#: coder confidence below which an event is flagged
LOW_CONFIDENCE = 0.4
#: two events of the same actors and root at most this many days apart may be one event
DUPLICATE_DAYS = 2
#: how far the chart's series extends beyond the first and last event (days)
SERIES_PAD = 3
#: the severity order of QuadClasses on the map (material conflict first)
_SEVERITY = {4: 4, 3: 3, 2: 1, 1: 2}


def _generator() -> str:
    try:
        return f"dyadwatch {version('dyadwatch')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dyadwatch"


def _as_date(v: date | str | None, name: str) -> date | None:
    if v is None or isinstance(v, date):
        return v
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise QueryError(name, f"{v!r} is not a date like 2024-01-16") from None


def build_report(store: Store, dyad: str | Dyad, since: date | str | None = None,
                 until: date | str | None = None) -> Report:
    """The crisis report of ``dyad`` (``"IRN-PAK"`` both directions, ``"IRN>PAK"`` one)
    from the factual canonical events in ``store`` between ``since`` and ``until``.

    Raises ``QueryError`` when the dyad has no factual event in that window (the
    message lists the dyads the store does hold).
    """
    d = dyad if isinstance(dyad, Dyad) else Dyad.parse(dyad)
    since, until = _as_date(since, "since"), _as_date(until, "until")
    q = EventQuery(dyad=d, since=since, until=until, factual=True, sort="date")
    with store.session():
        events = store.events(q)
        if not events:
            raise QueryError("dyad", _no_events(store, d, since, until))
        report_ids = sorted({r for e in events for r in e.reports})
        reports = store.events(EventQuery(event_ids=tuple(report_ids), canonical=False,
                                          factual=None, sort="id")) if report_ids else []
        doc_ids = sorted({s for e in events for s in e.sources})
        documents = store.documents_by_id(doc_ids)
        copies = store.copies_of(doc_ids)
        first = min((e.date for e in events if e.date), default=None)
        last = max((e.date_end or e.date for e in events if e.date), default=None)
        view = analysis_view.analyse(
            store, d, since or (first - timedelta(days=SERIES_PAD) if first else None),
            until or (last + timedelta(days=SERIES_PAD) if last else None))

    namer = Namer()
    years = bool(first and last and first.year != last.year)
    sources = _sources(events, documents, copies)
    ref_of_doc = {s.doc_id: s.ref for s in sources}
    by_report: dict[str, list[Event]] = defaultdict(list)
    for r in reports:
        by_report[r.event_id].append(r)
    copy_of = {s.doc_id: s.copy_of for s in sources if s.copy_of}
    timeline = [_entry(i, ev, [x for rid in ev.reports for x in by_report.get(rid, [])],
                       namer, ref_of_doc, years, copy_of)
                for i, ev in enumerate(events, start=1)]
    timeline = _mark_duplicates(timeline)
    names = (namer.country(d.a), namer.country(d.b))
    timeline, episodes, chain, deesc = analysis_view.attach(timeline, view, years)
    summary = summarise(timeline, episodes, chain, deesc, sources, namer, names, d, years)
    caveats = _caveats(timeline)
    title = (f"{names[0]} and {names[1]}" if not d.directed else f"{names[0]} on {names[1]}")
    return Report(
        dyad=d, title=title, names=names, since=since, until=until, first=first, last=last,
        summary=summary + [SummarySentence(c, (), (), "caveat") for c in caveats],
        timeline=timeline, sources=sources, series=view.series,
        episodes=episodes, chain=chain, deescalation=deesc,
        map_points=map_points(timeline), caveats=caveats, generator=_generator(),
        store=store.path, view=view,
        unplaced=max(0, len(timeline) - sum(r.events for r in view.series.rows())))


def _no_events(store: Store, d: Dyad, since: date | None, until: date | None) -> str:
    window = ""
    if since or until:
        window = f" between {since or 'the start'} and {until or 'the end'}"
    held = store.dyads(EventQuery()).to_pylist()[:8]
    listed = ", ".join(f"{r['dyad']} ({r['events']})" for r in held if r["dyad"])
    return (f"no factual events for {d} in {store.path}{window}"
            + (f"; dyads with events: {listed}" if listed else "; the store holds no events"))


def _sources(events: list[Event], documents: dict[str, Document],
             copies: dict[str, dict[str, Any]]) -> list[SourceDoc]:
    reported: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for s in e.sources:
            reported[s].append(e.event_id)

    def key(doc_id: str) -> tuple:
        doc = documents.get(doc_id)
        return (doc.published if doc and doc.published else date.max,
                (doc.outlet or "") if doc else "", doc_id)

    out = []
    for n, doc_id in enumerate(sorted(reported, key=key), start=1):
        doc = documents.get(doc_id)
        copy = copies.get(doc_id)
        if doc is None:  # pragma: no cover - the store keeps every document it links
            out.append(SourceDoc(f"S{n}", doc_id, None, None, None, None, None, (),
                                 events=tuple(reported[doc_id])))
            continue
        out.append(SourceDoc(
            ref=f"S{n}", doc_id=doc_id, outlet=doc.outlet, title=doc.title,
            published=doc.published, published_from=doc.published_from, url=doc.url,
            authors=tuple(doc.authors), original_outlet=doc.meta.get("original_outlet"),
            copy_of=copy["seen_doc_id"] if copy else None,
            copy_kind=copy["kind"] if copy else None, events=tuple(reported[doc_id])))
    return out


def independent_sources(doc_ids: list[str], copy_of: dict[str, str]) -> int:
    """The documents of an event, not counting one that copies another of them."""
    docs = set(doc_ids)
    return sum(1 for d in docs if copy_of.get(d) not in docs)


def _entry(n: int, ev: Event, reports: list[Event], namer: Namer, ref_of_doc: dict[str, str],
           years: bool, copy_of: dict[str, str]) -> TimelineEntry:
    info = cameo_table().get(ev.cameo)
    quotes = tuple(Quote(
        report_id=r.event_id, doc_id=r.doc_id, sentence=r.sentence, cameo=r.cameo, date=r.date,
        date_precision=r.date_precision,
        date_text=(r.evidence.get("date") or {}).get("text") if r.evidence else None,
        source_code=r.source.code if r.source else None,
        target_code=r.target.code if r.target else None, confidence=r.confidence)
        for r in sorted(reports, key=lambda r: (ref_of_doc.get(r.doc_id, "S9999")[1:].zfill(5),
                                                r.sentence_index, r.event_id)))
    flags = []
    independent = independent_sources(ev.sources, copy_of)
    if independent <= 1:
        flags.append("single-source")
    if ev.date_precision == "article":
        flags.append("article-date")
    elif ev.date_precision != "day":
        flags.append("approximate-date")
    if ev.location is None:
        if ev.quad_class in (2, 4):  # a material act happens somewhere
            flags.append("no-place")
    elif ev.location.feature == "country":
        flags.append("country-place")
    if ev.confidence < LOW_CONFIDENCE:
        flags.append("low-confidence")
    if len({q.cameo[:2] for q in quotes}) > 1:
        flags.append("mixed-codes")
    loc = ev.location
    place = None
    if loc is not None:
        country = namer.country(loc.country) if loc.country else None
        place = loc.name if loc.feature == "country" or not country else f"{loc.name}, {country}"
    return TimelineEntry(
        ref=f"E{n}", event=ev, sentence=event_sentence(ev, namer, year=years),
        act=act(ev, namer),
        when=date_phrase(ev.date, ev.date_precision, ev.date_end, years),
        when_short=short_date(ev.date, ev.date_precision, ev.date_end, years),
        source_name=namer.name(ev.source), target_name=namer.name(ev.target) if ev.target else None,
        code_label=info.label if info else ev.cameo, place=place, quotes=quotes,
        sources=tuple(sorted({ref_of_doc[s] for s in ev.sources if s in ref_of_doc},
                             key=lambda r: int(r[1:]))),
        flags=tuple(flags), independent=independent)


def _span(e: Event) -> tuple[date, date] | None:
    """The days an event may lie in; None for no date or a publication-date stand-in
    (which says nothing about when the event happened)."""
    if e.date is None or e.date_precision == "article":
        return None
    return e.date, e.date_end or e.date


def _mark_duplicates(timeline: list[TimelineEntry]) -> list[TimelineEntry]:
    """Flag an event that may repeat a better-sourced one: same source country, same
    country acted on, same CAMEO root, dates at most ``DUPLICATE_DAYS`` apart (or, for a
    vague date, overlapping) -- what consolidation did not merge.  Stand-in dates are
    left out: they say nothing about when the event happened."""
    groups: dict[tuple, list[tuple[date, date, int]]] = defaultdict(list)
    for i, t in enumerate(timeline):
        span = _span(t.event)
        if span is not None:
            e = t.event
            groups[(e.source.country, e.dyad_target, e.root)].append((span[0], span[1], i))
    out = list(timeline)
    pad = timedelta(days=DUPLICATE_DAYS)

    def rank(i: int) -> tuple:
        t = timeline[i]
        return (t.independent, t.event.date_precision == "day", -i)

    for members in groups.values():
        members.sort()
        widest = max(b - a for a, b, _ in members)
        starts = [a for a, _b, _i in members]
        for a0, a1, i in members:
            lo = bisect_left(starts, a0 - widest - pad)
            hi = bisect_right(starts, a1 + pad)
            best = None
            for b0, b1, j in members[lo:hi]:
                if j == i or b1 < a0 - pad or b0 > a1 + pad:
                    continue
                if rank(j) > rank(i) and (best is None or rank(j) > rank(best)):
                    best = j
            if best is not None:
                t = timeline[i]
                out[i] = replace(t, duplicate_of=timeline[best].ref,
                                 flags=t.flags + ("possible-duplicate",))
    return out


def map_points(timeline: list[TimelineEntry]) -> list[MapPoint]:
    """The events with coordinates, one point per place (coordinates rounded to ~1 km)."""
    groups: dict[tuple, list[TimelineEntry]] = defaultdict(list)
    for t in timeline:
        loc = t.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        groups[(round(loc.lat, 2), round(loc.lon, 2), loc.name)].append(t)
    out = []
    for (lat, lon, name), entries in sorted(groups.items(), key=lambda kv: kv[0][2]):
        loc = entries[0].location
        assert loc is not None
        quads = [t.event.quad_class for t in entries if t.event.quad_class]
        worst = max(quads, key=lambda q: _SEVERITY.get(q, 0)) if quads else None
        out.append(MapPoint(
            lat=lat, lon=lon, name=name, country=loc.country, feature=loc.feature,
            event_ids=tuple(t.event_id for t in entries), refs=tuple(t.ref for t in entries),
            quad_class=worst,
            lines=tuple(f"{t.ref} {t.when_short}: {t.sentence}" for t in entries)))
    return out


def _caveats(timeline: list[TimelineEntry]) -> list[str]:
    n = len(timeline)

    def count(flag: str) -> int:
        return sum(flag in t.flags for t in timeline)

    parts = []
    for flag, one, many in (
            ("single-source", "rests on a single document", "rest on a single document"),
            ("article-date", "is dated only by the article that reports it (marked *)",
             "are dated only by the article that reports them (marked *)"),
            ("approximate-date", "has an approximate date", "have an approximate date"),
            ("possible-duplicate", "may repeat another event that consolidation did not merge",
             "may repeat another event that consolidation did not merge"),
            ("after-report", "is dated after the article that reports it",
             "are dated after the article that reports them"),
            ("low-confidence", "was coded with low confidence",
             "were coded with low confidence")):
        k = count(flag)
        if k:
            parts.append(f"{k} {one if k == 1 else many}")
    if not parts:
        return []
    listed = "; ".join(parts)
    return [f"How far to trust this: the coder is automatic. Of the {n} events, {listed}. "
            "Each event below shows the sentences it was coded from."]
