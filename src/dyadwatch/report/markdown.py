"""``render_markdown``: the crisis report as Markdown (for a repository, a wiki, an e-mail).

The same content as the HTML page, with tables where the page has figures: the
daily series (days with events), the episodes, the tit-for-tat chain, the places.
Events are ``E1``, ``E2`` ..., documents ``S1``, ``S2`` ...; every summary sentence
names the events and documents behind it.
"""

from __future__ import annotations

from datetime import date

from .charts import QUADS
from .model import FLAGS, Report, SummarySentence, TimelineEntry


def _cell(text: object) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def _d(d: date | None, year: bool = True) -> str:
    return "—" if d is None else f"{d.day} {d:%B}" + (f" {d.year}" if year else "")


def _refs(report: Report, s: SummarySentence) -> str:
    if s.kind == "caveat" or (s.kind == "overview" and len(s.event_ids) > 6):
        return ""
    ev = sorted((t.ref for t in (report.entry(i) for i in s.event_ids) if t),
                key=lambda r: int(r[1:]))
    src = sorted((x.ref for x in (report.source(d) for d in s.doc_ids) if x),
                 key=lambda r: int(r[1:]))
    parts = [", ".join(p) for p in (ev, src) if p]
    return f" [{'; '.join(parts)}]" if parts else ""


def _flags(t: TimelineEntry) -> str:
    words = []
    for f in t.flags:
        words.append(f"may repeat {t.duplicate_of}" if f == "possible-duplicate" and
                     t.duplicate_of else FLAGS.get(f, f))
    words += [tag.text for tag in t.tags]
    return "; ".join(words)


def render_markdown(report: Report) -> str:
    y = report.years
    lines = [f"# {report.title}: crisis report", ""]
    period = f"{_d(report.first)} – {_d(report.last)}" if report.first else "undated"
    lines.append(f"Dyad `{report.dyad}` · {period} · {len(report.timeline)} events · "
                 f"{len(report.sources)} documents · {len(report.episodes)} escalation "
                 f"episode{'s' if len(report.episodes) != 1 else ''}")
    lines += ["", "## Summary", ""]
    for s in report.summary:
        text = s.text + _refs(report, s)
        lines += [f"> {text}" if s.kind == "caveat" else text, ""]

    lines += ["## Escalation episodes", ""]
    if report.episodes:
        for ep in report.episodes:
            lines += [ep.text, ""]
        lines += ["| # | Start | Peak | End | Conflict events | Ended by |",
                  "|---|---|---|---|---|---|"]
        for i, ep in enumerate(report.episodes, start=1):
            conflict = ", ".join(t.ref for t in (report.entry(e) for e in ep.event_ids) if t)
            ended = ", ".join(t.ref for t in (report.entry(e) for e in ep.ended_by) if t)
            lines.append(f"| {i} | {_d(ep.start, y)} | {_d(ep.peak, y)} | "
                         f"{_d(ep.end, y) if ep.end else 'still open'} | {conflict} | "
                         f"{ended or '—'} |")
    else:
        lines.append("No escalation episode: no day rose far enough above the dyad's own "
                     "baseline.")
    lines += ["", "## Tit for tat", ""]
    if report.chain:
        lines += ["| Act | Answer | Lag |", "|---|---|---|"]
        for step in report.chain:
            a, b = report.entry(step.first), report.entry(step.answer)
            if a and b:
                lines.append(f"| {a.ref} {a.when_short}: {_cell(a.act)} | {b.ref} "
                             f"{b.when_short}: {_cell(b.act)} | {_cell(step.text)} |")
    else:
        lines.append("No retaliation link.")
    lines += ["", "## De-escalation", ""]
    if report.deescalation:
        for t in report.deescalation:
            label = next((g.text for g in t.tags if g.kind == "de-escalation"), "")
            lines.append(f"- {t.ref} {t.when_short}: {t.act} ({label})")
    else:
        lines.append("No event is labelled as a step back to cooperation.")

    lines += ["", "## Events per day", "",
              "Days with events (the chart of the HTML report shows every day):", "",
              "| Day | " + " | ".join(name for _a, name, _c in QUADS.values())
              + " | Goldstein sum |", "|---|---:|---:|---:|---:|---:|"]
    rows = report.series.rows()
    for r in rows:
        if not r.events:
            continue
        counts = " | ".join(str(getattr(r, attr)) for attr, _n, _c in QUADS.values())
        lines.append(f"| {_d(r.period, y)} | {counts} | {r.goldstein_sum:+.1f} |")
    unplaced = report.unplaced
    if unplaced:
        lines += ["", f"{unplaced} events without a day-precise date are not in the daily "
                      "series."]

    lines += ["", "## Places", ""]
    if report.map_points:
        lines += ["| Place | Lat | Lon | Events |", "|---|---:|---:|---|"]
        for p in report.map_points:
            area = {"country": " (country only)", "admin1": " (province only)"}.get(
                p.feature or "", "")
            lines.append(f"| {_cell(p.name)}{area} | {p.lat:.2f} | {p.lon:.2f} | "
                         f"{', '.join(p.refs)} |")
    placed = sum(len(p.event_ids) for p in report.map_points)
    lines += ["", f"{len(report.timeline) - placed} events have no place."]

    lines += ["", "## Timeline", "",
              "Dates: `~` approximate, `*` the text gives no date (the publication date "
              "stands in).", "",
              "| # | When | What happened | Code | Goldstein | Sources | Flags |",
              "|---|---|---|---|---:|---|---|"]
    for t in report.timeline:
        ev = t.event
        gold = "" if ev.goldstein is None else f"{ev.goldstein:+.1f}"
        lines.append(f"| {t.ref} | {t.when_short} | {_cell(t.act)} | {ev.cameo} "
                     f"{_cell(t.code_label)} | {gold} | {', '.join(t.sources)} | "
                     f"{_cell(_flags(t))} |")
    lines += ["", "### Coded sentences", ""]
    for t in report.timeline:
        lines.append(f"**{t.ref}** ({t.event.cameo}, {len(t.quotes)} report"
                     f"{'s' if len(t.quotes) != 1 else ''}):")
        for q in t.quotes:
            src = report.source(q.doc_id)
            by = f"{src.ref} {src.outlet or ''}".strip() if src else q.doc_id
            date_note = f"; date from “{q.date_text}”" if q.date_text else (
                "; no date in the text" if q.date_precision == "article" else "")
            lines.append(f"- {by}: “{q.sentence}” — coded {q.cameo} {q.source_code} → "
                         f"{q.target_code or '—'}{date_note}")
        lines.append("")

    lines += ["## Sources", "", "| # | Outlet | Title | Published | Events |",
              "|---|---|---|---|---|"]
    by_doc = {s.doc_id: s for s in report.sources}
    for s in report.sources:
        title = _cell(s.title or "(untitled)")
        if s.url:
            title = f"[{title}]({s.url})"
        note = ""
        if s.copy_of and s.copy_of in by_doc:
            note = f" (copy of {by_doc[s.copy_of].ref})"
        elif s.original_outlet and s.original_outlet != s.outlet:
            note = f" (first published by {s.original_outlet})"
        refs = ", ".join(t.ref for t in (report.entry(e) for e in s.events) if t)
        lines.append(f"| {s.ref} | {_cell(s.outlet)}{_cell(note)} | {title} | "
                     f"{_d(s.published)} | {refs} |")
    lines += ["", f"_Generated by {report.generator}. Sentences are generated from CAMEO codes, "
                  "actors and places; quoted sentences are the documents' own._", ""]
    return "\n".join(lines)
