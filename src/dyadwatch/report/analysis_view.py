"""The analysis of a dyad, as the report shows it.

``analyse`` runs ``dyadwatch.analysis.crisis_view`` (series, episodes with their
de-escalation, retaliation links, reciprocity, trend arrows) -- the report computes
none of it.  ``attach`` turns its results into what the page needs: tags on the
timeline's events ("answers E3, 2 days later", "envoys return"), the episodes in
words, the tit-for-tat chain and the de-escalation steps.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from ..analysis import CrisisView, Episode, crisis_view
from ..store import Dyad, Store
from .model import ChainStep, EpisodeView, Tag, TimelineEntry
from .wording import day_month, days

def analyse(store: Store, dyad: Dyad, since: date | None, until: date | None) -> CrisisView:
    """The analysis of the dyad between the bounds."""
    return crisis_view(store, dyad, since, until)


def _episode_text(ep: Episode, years: bool) -> str:
    start, peak, end = ep.start, ep.peak, ep.end
    text = (f"The analysis finds an escalation episode that began on {day_month(start, True)} "
            f"and peaked on {day_month(peak, years)}")
    kind = ep.end_kind
    if kind == "de-escalation":
        turn = ep.turning_point
        text += (f"; it turned on {day_month(turn, years)}" if turn else "")
        text += f" and ended on {day_month(end, years)} with a return to cooperation."
    elif kind == "ongoing":
        text += f"; it was still open when the data end ({day_month(end, years)})."
    else:
        text += f" and faded out by {day_month(end, years)}."
    if not ep.baseline_estimated:
        text += (" (Too little earlier data for a trailing baseline: the level of the whole "
                 "period stands in.)")
    return text


def attach(timeline: list[TimelineEntry], view: CrisisView, years: bool
           ) -> tuple[list[TimelineEntry], list[EpisodeView], list[ChainStep],
                      list[TimelineEntry]]:
    """Tag the timeline with the analysis and build the episodes, chain and de-escalation."""
    index = {t.event_id: i for i, t in enumerate(timeline)}
    tags: dict[str, list[Tag]] = {t.event_id: [] for t in timeline}
    flags: dict[str, list[str]] = {t.event_id: [] for t in timeline}

    def ref(event_id: str) -> str:
        i = index.get(event_id)
        return timeline[i].ref if i is not None else event_id

    chain: list[ChainStep] = []
    answered: dict[str, list[str]] = {}
    for link in view.retaliations:
        a, b = link.action_id, link.response_id
        if a not in index or b not in index:
            continue
        lag = days(link.lag_days) + " later" if link.lag_days else "the same day"
        note = lag + ("; a date is only the article's" if link.approximate else "")
        chain.append(ChainStep(a, b, int(link.lag_days), note, bool(link.approximate)))
        tags[b].append(Tag("retaliation", f"answers {ref(a)}, {lag}", (a,)))
        answered.setdefault(a, []).append(b)

    for a, bs in answered.items():
        tags[a].append(Tag("retaliated", "answered by " + ", ".join(ref(b) for b in bs),
                           tuple(bs)))
    episodes: list[EpisodeView] = []
    deesc_ids: list[str] = []
    for ep in view.episodes:
        conflict = tuple(e for e in ep.conflict_events if e in index)
        ended = tuple(d.event_id for d in ep.deescalation if d.event_id in index)
        for e in ep.peak_events:
            if e in index:
                tags[e].append(Tag("peak", f"episode peak, {day_month(ep.peak, years)}"))
        for d in ep.deescalation:
            if d.event_id in index:
                tags[d.event_id].append(Tag("de-escalation", d.label))
                if d.event_id not in deesc_ids:
                    deesc_ids.append(d.event_id)
        episodes.append(EpisodeView(ep.start, ep.peak, ep.end, ep.escalation_end,
                                    _episode_text(ep, years), conflict, ended, ep.to_dict()))
    for s in view.suspect:
        if s.event_id in flags:
            flags[s.event_id].append("after-report")

    out = [replace(t, tags=t.tags + tuple(tags[t.event_id]),
                   flags=t.flags + tuple(f for f in flags[t.event_id] if f not in t.flags))
           for t in timeline]
    deesc = sorted((out[index[i]] for i in deesc_ids),
                   key=lambda t: (t.event.date or date.max, int(t.ref[1:])))
    return out, episodes, chain, deesc
