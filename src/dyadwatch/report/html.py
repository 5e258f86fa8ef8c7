"""``render_html``: the crisis report as one HTML page that works offline.

The page embeds its data (figures as JSON, tables as HTML) and takes plotly.js
from the installed ``plotly`` Python package: inlined into the page
(``assets="inline"``, one self-contained file) or written once beside it
(``assets="beside"``, ``plotly-<version>.min.js``, shared by every report in the
folder).  It never names a CDN, and a Content-Security-Policy forbids the page
any network connection, so opening it offline or online gives the same page and
leaks nothing.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from .._resources import read_text
from ..errors import ConfigError
from .charts import CONFIG, QUADS, dyad_chart
from .maps import event_map
from .model import FLAGS, ChainStep, Report, SummarySentence, TimelineEntry

ASSETS = ("inline", "beside")
_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline' file:; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'")

_SCRIPT = """
(function () {
  function jump(id) { if (id) { location.hash = 'ev-' + id; } }
  function draw(name) {
    var el = document.getElementById(name);
    var spec = JSON.parse(document.getElementById(name + '-data').textContent);
    return Plotly.newPlot(el, spec.data, spec.layout, spec.config).then(function () {
      el.setAttribute('data-drawn', String(spec.data.length));
      el.on('plotly_click', function (ev) {
        var p = ev.points && ev.points[0];
        var c = p && p.customdata;
        if (Array.isArray(c)) { c = c[c.length - 1]; }
        jump(c);
      });
    });
  }
  if (typeof Plotly === 'undefined') {
    var notes = document.querySelectorAll('.figure');
    for (var i = 0; i < notes.length; i++) {
      notes[i].innerHTML = '<p class="nojs">plotly.js did not load: keep the file ' +
        'PLOTLY_FILE beside this page. The tables hold the same numbers.</p>';
    }
    return;
  }
  draw('chart'); draw('map');
})();
"""


def _plotly() -> tuple[str, str]:
    """(version, minified source) of the plotly.js bundled with the plotly package."""
    try:
        from plotly.offline import get_plotlyjs
        from plotly.offline.offline import get_plotlyjs_version
    except ImportError as exc:  # pragma: no cover - plotly is a dependency
        raise ConfigError("the crisis report needs the 'plotly' package "
                          "(pip install plotly); it ships plotly.js") from exc
    return get_plotlyjs_version(), get_plotlyjs()


def plotly_file_name() -> str:
    return f"plotly-{_plotly()[0]}.min.js"


def _e(v: Any) -> str:
    return escape("" if v is None else str(v), quote=True)


def _json(data: Any) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _d(d: date | None, year: bool = True) -> str:
    if d is None:
        return "—"
    return f"{d.day} {d:%B}" + (f" {d.year}" if year else "")


def _refs(report: Report, s: SummarySentence) -> str:
    if s.kind == "overview" and len(s.event_ids) > 6:
        return ' <sup><a href="#timeline">timeline</a> · <a href="#sources">sources</a></sup>'
    ev = sorted((t for t in (report.entry(i) for i in s.event_ids) if t is not None),
                key=lambda t: int(t.ref[1:]))
    ev_links = [f'<a href="#{t.anchor}" title="{_e(t.sentence)}">{t.ref}</a>'
                for t in ev if t is not None]
    src = sorted((x for x in (report.source(d) for d in s.doc_ids) if x is not None),
                 key=lambda x: int(x.ref[1:]))
    src_links = [f'<a href="#{x.anchor}" title="{_e(x.outlet)}: {_e(x.title)}">{x.ref}</a>'
                 for x in src if x is not None]
    parts = []
    if ev_links:
        parts.append(", ".join(ev_links))
    if src_links:
        parts.append(", ".join(src_links))
    return f" <sup>[{'; '.join(parts)}]</sup>" if parts else ""


def _summary(report: Report) -> str:
    out = []
    for s in report.summary:
        cls = ' class="caveat"' if s.kind == "caveat" else ""
        out.append(f'<p{cls}><span class="s" data-events="{_e(" ".join(s.event_ids))}">'
                   f'{_e(s.text)}</span>{_refs(report, s)}</p>')
    return "\n".join(out)


def _flags(t: TimelineEntry) -> str:
    chips = []
    for f in t.flags:
        words = FLAGS.get(f, f)
        if f == "possible-duplicate" and t.duplicate_of:
            words = f"may repeat {t.duplicate_of}"
        chips.append(f'<span class="flag" data-flag="{_e(f)}">{_e(words)}</span>')
    for tag in t.tags:
        chips.append(f'<span class="tag {_e(tag.kind)}">{_e(tag.text)}</span>')
    return "".join(chips)


def _quotes(report: Report, t: TimelineEntry) -> str:
    rows = []
    for q in t.quotes:
        src = report.source(q.doc_id)
        by = f'<a href="#{src.anchor}">{src.ref}</a> {_e(src.outlet or "")}' if src else _e(q.doc_id)
        if src and src.published:
            by += f", {_e(_d(src.published, report.years))}"
        date_note = ""
        if q.date_text:
            date_note = f"; date from “{_e(q.date_text)}”"
        elif q.date_precision == "article":
            date_note = "; no date in the text"
        rows.append(f'<blockquote>{_e(q.sentence)}<span class="by">{by} — coded '
                    f'<span class="code">{_e(q.cameo)}</span> {_e(q.source_code)} → '
                    f'{_e(q.target_code or "—")}{date_note}, confidence {q.confidence:.2f}'
                    f'</span></blockquote>')
    n = len(t.quotes)
    return (f'<details><summary>{n} coded sentence{"s" if n != 1 else ""} behind it</summary>'
            + "".join(rows) + "</details>")


def _timeline(report: Report) -> str:
    rows = []
    for t in report.timeline:
        ev = t.event
        q = ev.quad_class or 0
        src_links = ", ".join(f'<a href="#src-{r}">{r}</a>' for r in t.sources)
        actors = f"{_e(ev.source.code)} → {_e(ev.target.code if ev.target else '—')}"
        gold = "" if ev.goldstein is None else f"{ev.goldstein:+.1f}"
        rows.append(
            f'<tr id="{t.anchor}" data-event-id="{_e(t.event_id)}" data-date="{_e(ev.date)}" '
            f'data-precision="{_e(ev.date_precision)}" data-sources="{len(ev.sources)}" '
            f'data-quad="{q}" data-goldstein="{_e(ev.goldstein)}">'
            f'<td class="ref">{t.ref}</td>'
            f'<td class="when" title="{_e(t.when)}">{_e(t.when_short)}'
            + ("" if ev.date_precision == "day" else f'<span class="said">{_e(t.when)}</span>')
            + '</td>'
            f'<td><span class="dot q{q}"></span><span class="gen">{_e(t.act)}</span><br>'
            f'<span class="muted"><span class="code">{_e(ev.cameo)}</span> {_e(t.code_label)}'
            f' · {actors}' + (f" · {_e(t.place)}" if t.place else "") +
            f'</span><br>{_flags(t)}{_quotes(report, t)}</td>'
            f'<td class="num">{gold}</td>'
            f'<td class="num">{len(ev.sources)}</td><td>{src_links}</td></tr>')
    return ('<table class="timeline"><thead><tr><th>#</th><th>When</th><th>What happened'
            '</th><th>Goldstein</th><th>Sources</th><th>Documents</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _episodes(report: Report) -> str:
    if not report.episodes:
        return ('<p class="muted">The analysis found no escalation episode for this dyad in '
                'this period: no day rose far enough above the dyad\'s own baseline.</p>')
    rows = []
    for i, ep in enumerate(report.episodes, start=1):
        refs = [report.entry(x) for x in ep.event_ids]
        links = ", ".join(f'<a href="#{t.anchor}">{t.ref}</a>' for t in refs if t)
        ends = [report.entry(x) for x in ep.ended_by]
        end_links = ", ".join(f'<a href="#{t.anchor}">{t.ref}</a>' for t in ends if t)
        end_kind = ep.detail.get("end_kind", "")
        rows.append(f'<tr data-start="{ep.start}" data-peak="{ep.peak}" data-end="{_e(ep.end)}">'
                    f'<td class="ref">{i}</td><td>{_e(_d(ep.start, report.years))}</td>'
                    f'<td>{_e(_d(ep.peak, report.years))}</td>'
                    f'<td>{_e(_d(ep.end, report.years) if ep.end else "still open")}'
                    + (f' <span class="muted">({_e(end_kind)})</span>' if end_kind else "")
                    + f'</td><td>{links}</td><td>{end_links or "—"}</td></tr>')
    texts = "".join(f"<p>{_e(ep.text)}</p>" for ep in report.episodes)
    return (texts + '<table class="episodes"><thead><tr><th>#</th><th>Start</th><th>Peak</th>'
            '<th>End</th><th>Conflict events</th><th>Ended by</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _chain_group(report: Report, steps: list[ChainStep]) -> str:
    """One block per first act, its answers under it, in date order."""
    firsts: dict[str, list[ChainStep]] = {}
    for step in steps:
        firsts.setdefault(step.first, []).append(step)
    blocks = []
    for first, answers in firsts.items():
        a = report.entry(first)
        if a is None:
            continue
        rows = []
        for step in sorted(answers, key=lambda s: (s.lag_days, s.answer)):
            b = report.entry(step.answer)
            if b is None:
                continue
            rows.append(f'<li data-first="{_e(step.first)}" data-answer="{_e(step.answer)}" '
                        f'data-lag="{step.lag_days}"><span class="arrow">→</span>'
                        f'<a href="#{b.anchor}">{b.ref}</a> {_e(b.when_short)} '
                        f'<span class="muted">({_e(step.text)})</span>: {_e(b.act)}'
                        f'{_dup_note(b)}</li>')
        blocks.append(f'<li><span class="dot q{a.event.quad_class or 0}"></span>'
                      f'<a href="#{a.anchor}">{a.ref}</a> {_e(a.when_short)}: {_e(a.act)}'
                      f'{_dup_note(a)}<ul class="answers">{"".join(rows)}</ul></li>')
    return '<ol class="chain">' + "".join(blocks) + "</ol>"


def _dup_note(t: TimelineEntry) -> str:
    return (f' <span class="flag">may repeat {_e(t.duplicate_of)}</span>'
            if t.duplicate_of else "")


def _chain(report: Report) -> str:
    if not report.chain:
        return ('<p class="muted">No retaliation link: neither side acted against the other '
                'within the analysis window after being acted against.</p>')
    firm = [s for s in report.chain if not s.approximate]
    loose = [s for s in report.chain if s.approximate]
    out = _chain_group(report, firm) if firm else (
        '<p class="muted">Every link rests on a publication-date stand-in (below).</p>')
    if loose:
        out += (f'<details><summary>{len(loose)} more link{"s" if len(loose) != 1 else ""} '
                "where a date is only the article's publication date</summary>"
                + _chain_group(report, loose) + "</details>")
    return out


def _deescalation(report: Report) -> str:
    if not report.deescalation:
        return ('<p class="muted">No event of this dyad is labelled as a step back to '
                'cooperation (calls for restraint, calls and visits, envoys returning).</p>')
    rows = []
    for t in report.deescalation:
        label = next((tag.text for tag in t.tags if tag.kind == "de-escalation"), "")
        rows.append(f'<li><a href="#{t.anchor}">{t.ref}</a> {_e(t.when_short)}: '
                    f'{_e(t.act)} <span class="tag de-escalation">{_e(label)}</span></li>')
    return '<ul class="deesc">' + "".join(rows) + "</ul>"


def _sources(report: Report) -> str:
    rows = []
    by_doc = {s.doc_id: s for s in report.sources}
    for s in report.sources:
        title = _e(s.title or "(untitled)")
        if s.url:
            title = f'<a href="{_e(s.url)}" rel="noreferrer nofollow">{title}</a>'
        how = f' <span class="muted">({_e(s.published_from)})</span>' if s.published_from else ""
        notes = []
        if s.copy_of:
            orig = by_doc.get(s.copy_of)
            what = "exact copy" if s.copy_kind == "exact-duplicate" else "near copy"
            notes.append(f"{what} of " + (f'<a href="#{orig.anchor}">{orig.ref}</a>' if orig
                                          else _e(s.copy_of)))
        if s.original_outlet and s.original_outlet != s.outlet:
            notes.append(f"first published by {_e(s.original_outlet)}")
        refs = [report.entry(e) for e in s.events]
        ev_links = ", ".join(f'<a href="#{t.anchor}">{t.ref}</a>' for t in refs if t)
        rows.append(f'<tr id="{s.anchor}" data-doc-id="{_e(s.doc_id)}"><td class="ref">{s.ref}'
                    f'</td><td>{_e(s.outlet or "—")}</td><td>{title}'
                    + (f'<br><span class="muted">{_e(", ".join(s.authors))}</span>'
                       if s.authors else "")
                    + (f'<br><span class="muted">{"; ".join(notes)}</span>' if notes else "")
                    + f'</td><td class="when">{_e(_d(s.published))}{how}</td>'
                    f'<td>{ev_links}</td></tr>')
    return ('<table class="sources"><thead><tr><th>#</th><th>Outlet</th><th>Title</th>'
            '<th>Published</th><th>Events</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


def _map_caption(report: Report) -> str:
    n = len(report.timeline)
    placed = sum(len(p.event_ids) for p in report.map_points)
    coarse = sum(len(p.event_ids) for p in report.map_points
                 if p.feature in ("country", "admin1"))
    return (f"{placed} of {n} events have a place on the map"
            + (f"; for {coarse} of them only a province or country is known (open circles, "
               "at the area's centre)" if coarse else "")
            + f"; {n - placed} have no place. Click a place to jump to its events.")


def figures(report: Report) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report's chart and map as plotly figure dicts (with the page's config)."""
    anchors: dict[date, str] = {}
    for t in report.timeline:
        if t.event.date and t.event.date_precision != "article":
            anchors.setdefault(t.event.date, t.event_id)
    chart = dyad_chart(report.series, report.episodes, anchors=anchors)
    chart["config"] = dict(CONFIG)
    fmap = event_map(report.map_points, focus=(report.dyad.a, report.dyad.b))
    fmap["config"] = dict(CONFIG)
    return chart, fmap


def render_html(report: Report, assets: str = "inline") -> str:
    """The page.  ``assets``: ``inline`` puts plotly.js in the page (about 4.8 MB, one
    file to send); ``beside`` links ``plotly-<version>.min.js`` in the same folder
    (``write_html`` writes it)."""
    if assets not in ASSETS:
        raise ConfigError(f"assets {assets!r}: choose one of {', '.join(ASSETS)}")
    css = read_text("report", "report.css")
    chart, fmap = figures(report)
    js_version, js_source = _plotly()
    js_name = f"plotly-{js_version}.min.js"
    plotly_tag = (f"<script>{js_source}</script>" if assets == "inline"
                  else f'<script src="{_e(js_name)}"></script>')
    n_sources = len(report.sources)
    outlets = len({s.outlet or s.doc_id for s in report.sources})
    conflict = sum(1 for t in report.timeline if t.event.quad_class in (3, 4))
    period = (f"{_d(report.first)} – {_d(report.last)}" if report.first else "undated")
    asked = ""
    if report.since or report.until:
        asked = f" (asked: {_d(report.since) if report.since else 'start'} – " \
                f"{_d(report.until) if report.until else 'end'})"
    legend = " ".join(f'<span class="dot q{q}"></span>{_e(name)}'
                      for q, (_a, name, _c) in QUADS.items())
    body = f"""<main>
<header class="report">
<h1>{_e(report.title)}: crisis report</h1>
<p class="sub">Dyad <span class="code">{_e(report.dyad)}</span> · {_e(period)}{_e(asked)}</p>
<ul class="counts">
<li><b id="n-events">{len(report.timeline)}</b>events</li>
<li><b id="n-conflict">{conflict}</b>conflict events</li>
<li><b id="n-sources">{n_sources}</b>documents</li>
<li><b id="n-outlets">{outlets}</b>outlets</li>
<li><b id="n-episodes">{len(report.episodes)}</b>escalation episodes</li>
</ul>
<nav class="toc"><a href="#summary">Summary</a><a href="#chart-section">Chart</a>
<a href="#episodes">Episodes</a><a href="#chain">Tit for tat</a><a href="#deescalation">De-escalation</a>
<a href="#map-section">Map</a><a href="#timeline">Timeline</a><a href="#sources">Sources</a>
<a href="#method">How this was made</a></nav>
</header>
<section id="summary" class="summary"><h2>Summary</h2>
{_summary(report)}
</section>
<section id="chart-section"><h2>Events per day and Goldstein score</h2>
<div id="chart" class="figure" role="img" aria-label="Events per day by QuadClass and Goldstein sum"></div>
<script type="application/json" id="chart-data">{_json(chart)}</script>
<p class="caption">Bars: canonical events per day by QuadClass ({legend}); line: the day's
summed Goldstein score (−10 most conflictual … +10 most cooperative). Shaded: escalation
episodes found by the analysis (darker: the escalation itself; dotted line: the peak).
Events dated too vaguely for a day are left out of the daily series
({report.unplaced} here); an event its text does not date is
counted on its article's date (marked * in the timeline). Click a day to jump to its first
event.</p>
<noscript><p class="nojs">The chart and the map need JavaScript; the tables below hold
the same numbers.</p></noscript>
</section>
<section id="episodes"><h2>Escalation episodes</h2>
{_episodes(report)}
</section>
<section id="chain"><h2>Tit for tat</h2>
<p class="caption">Each line links an act to the other side's answer, as the analysis found
them (the answer came within its window after the first act).</p>
{_chain(report)}
</section>
<section id="deescalation"><h2>De-escalation</h2>
{_deescalation(report)}
</section>
<section id="map-section"><h2>Where it happened</h2>
<div id="map" class="figure" role="img" aria-label="Map of event locations"></div>
<script type="application/json" id="map-data">{_json(fmap)}</script>
<p class="caption">{_e(_map_caption(report))}</p>
</section>
<section id="timeline"><h2>Timeline</h2>
<p class="caption">Every canonical event of the dyad, once, with all the documents that
report it. The first line is generated from the event's CAMEO code, actors and place; “coded sentences” shows the text it was coded from, so a coding error is visible
there. Dates: “~” approximate, “*” the text gives no date and the article's publication date
stands in. Yellow chips flag what may be wrong.</p>
{_timeline(report)}
</section>
<section id="sources"><h2>Sources</h2>
{_sources(report)}
</section>
<section id="method" class="method"><h2>How this was made</h2>
<p>dyadwatch coded each document sentence by sentence into CAMEO events (who did what to
whom, when and where), kept every coded report, and consolidated the reports of one real
event into one canonical event with all its sources. The summary and the sentences are
generated from the events' codes, actors and places with a fixed phrase table
(data/report/phrases.json); nothing is copied from the articles except the quoted
sentences. The daily series, the escalation episodes, the retaliation links and the
de-escalation labels come from dyadwatch's analysis module (docs/analysis.md). The map
draws Natural Earth 1:110m boundaries shipped with dyadwatch; this page loads nothing from
the network.</p>
</section>
<footer>Generated by {_e(report.generator)} from <span class="code">{_e(Path(report.store).name)}</span>.</footer>
</main>"""
    script = _SCRIPT.replace("PLOTLY_FILE", js_name)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="generator" content="{_e(report.generator)}">
<title>{_e(report.title)}: crisis report ({_e(report.dyad)})</title>
<style>{css}</style>
</head>
<body data-dyad="{_e(report.dyad)}" data-events="{len(report.timeline)}" data-sources="{n_sources}">
{body}
{plotly_tag}
<script>{script}</script>
</body>
</html>
"""


def write_html(report: Report, path: str | Path, assets: str = "inline") -> list[Path]:
    """Write the page to ``path`` (and, with ``assets="beside"``, plotly.js next to it
    unless it is there already).  Returns the files written."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = render_html(report, assets)
    written = []
    if assets == "beside":
        version, source = _plotly()
        js = out.parent / f"plotly-{version}.min.js"
        if not js.exists() or js.stat().st_size != len(source.encode("utf-8")):
            js.write_text(source, encoding="utf-8")
            written.append(js)
    out.write_text(page, encoding="utf-8")
    written.insert(0, out)
    return written
