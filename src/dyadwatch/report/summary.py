"""The generated summary: a few plain sentences over the key canonical events.

Which events are key is decided by what the data say about them, never by the
crisis: material conflict, the events the analysis links (a retaliation, a
de-escalation step, an episode's peak), and how many documents report them.  A
stand-in date or one source lowers an event's weight; an event that may repeat a
better-sourced one is left to the timeline.  Sentences are then composed from the
phrase table (``wording``): two actors doing the same thing to each other on the
same day become one sentence ("Iran and Pakistan spoke with each other by
telephone"), and consecutive acts of one actor are joined ("Pakistan downgraded
... on 17 January and launched ... on 18 January").  Each sentence keeps the
event ids and documents behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..store import Dyad
from .model import ChainStep, EpisodeView, SourceDoc, SummarySentence, TimelineEntry
from .wording import (Namer, capitalize, date_phrase, day_month, days, noun, place,
                      possessive, verb_phrase)

#: at most this many event sentences in the summary
MAX_SENTENCES = 10
#: an event needs at least this weight to be summarised (see ``weight``)
MIN_WEIGHT = 1.5


def weight(entry: TimelineEntry) -> float:
    """How much an event matters to the story, from the data alone."""
    ev = entry.event
    w = 0.0
    if ev.quad_class == 4:
        w += 3
    elif ev.quad_class == 3 and (ev.goldstein or 0) <= -4:
        w += 1
    kinds = {t.kind for t in entry.tags}
    if "retaliation" in kinds:
        w += 2
    elif "retaliated" in kinds:
        w += 1
    if "de-escalation" in kinds:
        w += 2.5
    if "peak" in kinds:
        w += 1
    w += min(entry.independent - 1, 3) if entry.independent > 1 else -1
    if ev.date_precision == "article":
        w -= 3
    elif ev.date_precision != "day":
        w -= 0.5
    if ev.confidence < 0.4:
        w -= 0.5
    return w


@dataclass
class _Item:
    """One summary clause: one event, or two mirrored events ("each other")."""

    entries: list[TimelineEntry]
    mutual: bool = False
    extra: list[str] = field(default_factory=list)  # trailing clauses (", two days after ...")

    @property
    def first(self) -> TimelineEntry:
        return self.entries[0]

    @property
    def day(self) -> date:
        ev = self.first.event
        return ev.date or date.max


def _mirror(a: TimelineEntry, b: TimelineEntry) -> bool:
    ea, eb = a.event, b.event
    return (ea.date == eb.date and ea.date_precision == eb.date_precision
            and ea.cameo == eb.cameo and ea.source.country == eb.dyad_target
            and eb.source.country == ea.dyad_target and ea.source.country != eb.source.country)


def _story(t: TimelineEntry) -> tuple:
    e = t.event
    return (e.source.country, e.dyad_target, e.root, e.date)


def _mirror_key(t: TimelineEntry, swap: bool = False) -> tuple:
    e = t.event
    a, b = e.source.country, e.dyad_target
    return (e.date, e.date_precision, e.cameo) + ((b, a) if swap else (a, b))


def select(timeline: list[TimelineEntry], limit: int = MAX_SENTENCES) -> list[_Item]:
    """The key events, paired and de-duplicated, in date order."""
    ranked = sorted((t for t in timeline if "possible-duplicate" not in t.flags
                     and weight(t) >= MIN_WEIGHT),
                    key=lambda t: (-weight(t), int(t.ref[1:])))
    chosen: list[TimelineEntry] = []
    stories: set[tuple] = set()
    for t in ranked:
        if _story(t) in stories:
            continue
        stories.add(_story(t))
        chosen.append(t)
    by_mirror: dict[tuple, list[TimelineEntry]] = {}
    for c in timeline:
        by_mirror.setdefault(_mirror_key(c), []).append(c)
    items: list[_Item] = []
    used: set[str] = set()
    for t in sorted(chosen, key=lambda t: (t.event.date or date.max, int(t.ref[1:]))):
        if t.event_id in used:
            continue
        partner = next((c for c in by_mirror.get(_mirror_key(t, swap=True), [])
                        if c.event_id not in used and c is not t and _mirror(t, c)), None)
        if partner is not None:
            pair = sorted([t, partner], key=lambda e: e.event.source.country or "")
            items.append(_Item(pair, mutual=True))
            used.update({t.event_id, partner.event_id})
        else:
            items.append(_Item([t]))
            used.add(t.event_id)
    return items if len(items) <= limit else _trim(items, limit)


def _trim(items: list[_Item], limit: int) -> list[_Item]:
    keep = sorted(items, key=lambda it: -max(weight(e) for e in it.entries))[:limit]
    return sorted(keep, key=lambda it: (it.day, int(it.first.ref[1:])))


def _clause(item: _Item, namer: Namer, years: bool, undated: str | None = None
            ) -> tuple[str, str]:
    """(subject, predicate) of one item; ``undated``: the publication date of an event
    the text does not date, said right after the act."""
    t = item.first
    ev = t.event
    if item.mutual:
        other = item.entries[1].event
        subject = f"{namer.name(ev.source, summary=True)} and {namer.name(other.source, summary=True)}"
        ph = namer.book.phrase(ev.cameo)
        pred = ph.mutual or ph.with_target.format(target="each other")
        where = place(ev.location, namer)
        if where and ev.location == other.location:
            pred += " " + where
    else:
        subject = namer.name(ev.source, summary=True)
        pred = verb_phrase(ev, namer, summary=True)
    if undated:
        pred += f" (the text gives no date; reported on {undated})"
    if item.extra:
        pred += "".join(item.extra)
    return subject, pred


def _when(t: TimelineEntry, years: bool) -> str:
    ev = t.event
    return date_phrase(ev.date, ev.date_precision, ev.date_end, years)


def _sentence_for(group: list[_Item], namer: Namer, years: bool) -> str:
    """One sentence for one item, or for consecutive items of the same subject."""
    if len(group) == 1:
        item = group[0]
        ev = item.first.event
        if ev.date_precision == "article" and ev.date is not None:
            subject, pred = _clause(item, namer, years, undated=day_month(ev.date, years))
            return capitalize(f"{subject} {pred}.")
        subject, pred = _clause(item, namer, years)
        return capitalize(f"{_when(item.first, years)} {subject} {pred}.")
    subject, _ = _clause(group[0], namer, years)
    preds = []
    for it in group:
        _, pred = _clause(it, namer, years)
        preds.append(f"{pred} {_when(it.first, years)}")
    joined = ", ".join(preds[:-1]) + " and " + preds[-1]
    return capitalize(f"{subject} {joined}.")


def _link_clauses(items: list[_Item], chain: list[ChainStep], timeline: list[TimelineEntry],
                  namer: Namer, years: bool) -> None:
    """Add ", two days after Iran's air or missile strike of 16 January" to an answer."""
    by_id = {t.event_id: t for t in timeline}
    by_ref = {t.ref: t for t in timeline}
    named: set[str] = set()  # first acts already named in full
    for it in items:
        if it.first.event.date_precision != "day":
            continue  # a lag from a stand-in or vague date would mislead
        for step in chain:
            if step.answer not in {e.event_id for e in it.entries}:
                continue
            first = by_id.get(step.first)
            if first is not None and first.duplicate_of in by_ref:
                first = by_ref[first.duplicate_of]  # name the better-sourced report of it
            if first is None or first.event.date is None or \
                    first.event.date_precision != "day":
                continue
            lag_days = (it.first.event.date - first.event.date).days
            if lag_days < 0:
                continue
            lag = days(lag_days) + " after" if lag_days > 0 else "the same day as"
            who = possessive(namer.name(first.event.source, summary=True))
            told = f", {lag} {who} {noun(first.event, namer)}"
            if first.event_id not in named:  # its date the first time only
                told += f" of {day_month(first.event.date, years)}"
                named.add(first.event_id)
            it.extra.append(told)
            if first.event_id not in {e.event_id for e in it.entries}:
                it.entries.append(first)
            break


def _group(items: list[_Item]) -> list[list[_Item]]:
    """Join consecutive items of the same single subject (at most two per sentence)."""
    groups: list[list[_Item]] = []
    for it in items:
        prev = groups[-1] if groups else None
        if (prev is not None and len(prev) < 2 and not it.mutual and not prev[-1].mutual
                and not it.extra and not prev[-1].extra
                and it.first.event.date_precision == "day"
                and prev[-1].first.event.date_precision == "day"
                and it.first.event.source.country == prev[-1].first.event.source.country
                and it.first.event.date != prev[-1].first.event.date):
            prev.append(it)
        else:
            groups.append([it])
    return groups


def _docs(entries: list[TimelineEntry]) -> tuple[str, ...]:
    seen: list[str] = []
    for t in entries:
        for d in t.event.sources:
            if d not in seen:
                seen.append(d)
    return tuple(seen)


def overview(timeline: list[TimelineEntry], episodes: list[EpisodeView],
             sources: list[SourceDoc], names: tuple[str, str], dyad: Dyad,
             years: bool) -> list[SummarySentence]:
    """What the data hold, and the episodes the analysis found."""
    n = len(timeline)
    if not n:
        return []
    dated = [t.event.date for t in timeline if t.event.date]
    a2b = sum(t.event.source.country == dyad.a for t in timeline)
    outlets = {s.outlet or s.doc_id for s in sources}
    span = ""
    if dated:
        first, last = min(dated), max(t.event.date_end or t.event.date for t in timeline
                                      if t.event.date)
        span = (f"from {day_month(first, first.year != last.year)} to "
                f"{day_month(last, True)} " if first != last else f"on {day_month(first, True)} ")
    direction = (f" ({a2b} by {names[0]}, {n - a2b} by {names[1]})" if not dyad.directed else "")
    out = [SummarySentence(
        capitalize(f"{span}the store holds {n} event{'s' if n != 1 else ''} between {names[0]} "
                   f"and {names[1]}{direction}, reported by {len(sources)} "
                   f"document{'s' if len(sources) != 1 else ''} from {len(outlets)} "
                   f"outlet{'s' if len(outlets) != 1 else ''}."),
        tuple(t.event_id for t in timeline), tuple(s.doc_id for s in sources), "overview")]
    for ep in episodes:
        out.append(SummarySentence(ep.text, ep.event_ids,
                                   _docs([t for t in timeline if t.event_id in ep.event_ids]),
                                   "overview"))
    return out


def summarise(timeline: list[TimelineEntry], episodes: list[EpisodeView], chain: list[ChainStep],
              deescalation: list[TimelineEntry], sources: list[SourceDoc], namer: Namer,
              names: tuple[str, str], dyad: Dyad, years: bool) -> list[SummarySentence]:
    """The summary: an overview, then the key events in order, each sentence linked."""
    items = select(timeline)
    _link_clauses(items, chain, timeline, namer, years)
    out = overview(timeline, episodes, sources, names, dyad, years)
    for group in _group(items):
        entries = [e for it in group for e in it.entries]
        out.append(SummarySentence(_sentence_for(group, namer, years),
                                   tuple(dict.fromkeys(e.event_id for e in entries)),
                                   _docs(entries)))
    return out
