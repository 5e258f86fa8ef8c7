"""Reports -> canonical events: a pure, deterministic consolidation.

Every coded report is kept as it was coded.  A *canonical event* is one
real-world event with every report of it.  The canonical events are a
function of the set of reports only -- never of the order they were
ingested in -- so two stores fed the same documents in any order, or a Spark
job, derive the same events with the same ids.

How reports are grouped:

1. **Blocks.**  Reports can only be the same event when they share the source
   country, the country the event is directed at (``Event.dyad_target``), the
   CAMEO root and factuality (``block_key``).
2. **Segments.**  Inside a block, reports sorted by date fall into segments
   separated by gaps larger than ``DAY_TOLERANCE``: no report of one segment
   can match a report of another, so each segment is consolidated alone, and
   a new report only re-derives its own segment (``segments``).  Undated
   reports (no event or publication date) only match reports of their own
   document.
3. **Clusters.**  A segment's reports are visited in a fixed order (most
   precise date first, then date, publication date, document, sentence, id);
   each joins the first cluster whose seed it matches (``matches``), or seeds a
   new one.  Seeds do not chain: reports dated the 16th, 17th and 18th give
   two events (16th+17th, 18th), not one.

When two reports match (``matches``):

* dates: both day-precise and at most ``DAY_TOLERANCE`` days apart (a night
  strike straddles midnight and time zones); otherwise their ranges overlap;
  ``article``-precision dates (publication dates standing in for an unknown
  event date) only match the same date at the same precision;
* roles do not conflict: "Iran" matches "Iran's Revolutionary Guards" (IRN ~
  IRNMIL) but IRNGOV does not match IRNMIL; a target role is only compared
  when both targets are of the same country;
* places do not conflict: different location countries, or admin1 divisions,
  are different events.

The canonical event takes, from its reports (``canonical``):

* the CAMEO code (and Goldstein, QuadClass, PLOVER) of the most specific
  report: longest code, a code not ending in 0, then highest confidence;
  its sentence and evidence come with it;
* the most precise date, the most reported one at that precision, the
  earliest on a tie; the most specific place;
* the source and target of the reports that name a role, when any do;
* ``confidence``: the highest of its reports; ``sources``: every document;
* ``event_id``: ``e`` + a hash of its *anchor*, the earliest-published report
  (then document, sentence, report id).  The id depends only on the reports.

Streaming (``SegmentClusterer``, ``ClusterTally``): the same clusters and canonical
events from reports fed one at a time in ``order_key`` order, holding per cluster
only running aggregates (its seed, representative, anchor, date votes, place and
actor counts, documents), never its reports: what a store uses to derive the events
of a document of any size in bounded memory (``store/stream.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from hashlib import sha256
from typing import Any, NamedTuple

from ..errors import StoreError
from ..model import Actor, Event

DAY_TOLERANCE = 1

#: date precisions from the most to the least precise (None: no date at all)
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "interval": 3, "year": 4, "article": 5}
#: place features from the most to the least specific
FEATURE_RANK = {"city": 0, "point": 0, "line": 1, "border": 1, "sea": 2, "region": 2,
                "admin1": 3, "country": 4}

_FAR = date.max


class DatedRange(NamedTuple):
    start: date | None
    end: date | None
    precision: str


def date_range(d: date | None, end: date | None, precision: str) -> DatedRange:
    if d is None:
        return DatedRange(None, None, precision)
    return DatedRange(d, end or d, precision)


def report_range(ev: Event) -> DatedRange:
    return date_range(ev.date, ev.date_end, ev.date_precision)


def dates_compatible(a: DatedRange, b: DatedRange) -> bool:
    if a.start is None or b.start is None:
        return a.start is None and b.start is None
    if a.precision == "article" or b.precision == "article":
        return a.precision == b.precision and a.start == b.start
    if a.precision == "day" and b.precision == "day":
        return abs((a.start - b.start).days) <= DAY_TOLERANCE
    tol = timedelta(days=DAY_TOLERANCE if "day" in (a.precision, b.precision) else 0)
    assert a.end is not None and b.end is not None
    return a.start - tol <= b.end and b.start - tol <= a.end


def _most_specific_first(cameo: str, confidence: float) -> tuple[int, bool, float]:
    """Sort key, most specific first: longer codes are more specific; among equal
    lengths a code ending in 0 ("not specified below") is less specific than its
    siblings; then the higher confidence."""
    return -len(cameo), cameo.endswith("0"), -confidence


def block_key(ev: Event) -> str:
    """Reports of different blocks are never the same event."""
    return "|".join([ev.source.country or "", ev.dyad_target or "", ev.root,
                     "F" if ev.factual else "N"])


def order_key(ev: Event) -> tuple:
    """The fixed visiting order of reports (content only, never ingest order)."""
    return (PRECISION_RANK.get(ev.date_precision, 9) if ev.date else 10, ev.date or _FAR,
            ev.published or _FAR, ev.doc_id, ev.sentence_index, ev.event_id)


def anchor_key(ev: Event) -> tuple:
    """The anchor of a cluster is its earliest-published report."""
    return (ev.published or _FAR, ev.doc_id, ev.sentence_index, ev.event_id)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def matches(ev: Event, seed: Event) -> bool:
    """True when ``ev`` reports the same event as ``seed`` (same block assumed)."""
    if not dates_compatible(report_range(ev), report_range(seed)):
        return False
    if ev.date is None and ev.doc_id != seed.doc_id:
        return False
    if not _compatible(ev.source.role, seed.source.role):
        return False
    if (ev.target is not None and seed.target is not None
            and ev.target.country == seed.target.country
            and not _compatible(ev.target.role, seed.target.role)):
        return False
    a, b = ev.location, seed.location
    if a is not None and b is not None and not (
            _compatible(a.country, b.country) and _compatible(a.admin1, b.admin1)):
        return False
    return True


def segments(block: Iterable[Event]) -> list[list[Event]]:
    """Split one block's reports into independent segments (see module doc)."""
    dated = sorted((e for e in block if e.date is not None),
                   key=lambda e: (e.date, order_key(e)))
    out: list[list[Event]] = []
    reach: date | None = None
    for ev in dated:
        rng = report_range(ev)
        assert rng.start is not None and rng.end is not None
        if reach is None or rng.start - timedelta(days=DAY_TOLERANCE) > reach:
            out.append([])
            reach = rng.end
        out[-1].append(ev)
        reach = max(reach, rng.end)
    undated: dict[str, list[Event]] = {}
    for ev in block:
        if ev.date is None:
            undated.setdefault(ev.doc_id, []).append(ev)
    out.extend(undated[k] for k in sorted(undated))
    return out


def clusters(segment: Sequence[Event]) -> list[list[Event]]:
    """Group one segment's reports into events (order-independent)."""
    groups: list[list[Event]] = []
    for ev in sorted(segment, key=order_key):
        for group in groups:
            if matches(ev, group[0]):
                group.append(ev)
                break
        else:
            groups.append([ev])
    return groups


def canonical_id(members: Sequence[Event]) -> str:
    anchor = min(members, key=anchor_key)
    return "e" + sha256(anchor.event_id.encode("utf-8")).hexdigest()[:16]


def _pick_actor(actors: list[Actor]) -> Actor | None:
    """The most specific actor: with a role, then the longest code; ties by the most
    reported code, then the code itself."""
    if not actors:
        return None
    counts = Counter(a.code for a in actors)
    best = min(actors, key=lambda a: (a.role is None, -len(a.code), -counts[a.code], a.code,
                                      a.name or ""))
    return Actor(best.code, best.country, best.role, best.name, country_from=best.country_from)


def _place(loc: Any) -> tuple:
    """A location as a hashable key, equal exactly when the locations are equal."""
    return tuple(getattr(loc, f.name) for f in fields(loc))


def representative(members: Sequence[Event]) -> Event:
    """The report whose code, sentence and evidence the canonical event takes: the most
    specific code, then the anchor order."""
    return min(members, key=lambda e: (_most_specific_first(e.cameo, e.confidence),
                                       anchor_key(e)))


def canonical(members: Sequence[Event]) -> Event:
    """The canonical event of one cluster of reports.  Only its representative's
    ``sentence`` and ``evidence`` are copied (``representative``): a store may
    consolidate reports read without them and fill them in for that one report."""
    rep = representative(members)
    dated = [e for e in members if e.date is not None]
    when = rep
    if dated:
        best_prec = min(PRECISION_RANK.get(e.date_precision, 9) for e in dated)
        at_best = [e for e in dated if PRECISION_RANK.get(e.date_precision, 9) == best_prec]
        votes = Counter((e.date, e.date_end) for e in at_best)
        (d, d_end), _ = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or _FAR))
        when = min((e for e in at_best if (e.date, e.date_end) == (d, d_end)), key=order_key)
    located = [e for e in members if e.location is not None]
    where = None
    if located:
        # how many reports name each place (counted once: a cluster of a huge document
        # can hold tens of thousands of reports, and a count per report was quadratic)
        places = Counter(_place(e.location) for e in located)

        def loc_key(e: Event) -> tuple:
            loc = e.location
            assert loc is not None
            return (FEATURE_RANK.get(loc.feature or "", 5), loc.geonames_id is None,
                    -places[_place(loc)], loc.name, order_key(e))
        where = min(located, key=loc_key).location
    source = _pick_actor([e.source for e in members]) or rep.source
    target = _pick_actor([e.target for e in members if e.target is not None])
    sources = sorted({e.doc_id for e in members})
    return replace(
        rep, event_id=canonical_id(members), source=source, target=target,
        date=when.date, date_precision=when.date_precision, date_end=when.date_end,
        location=where, confidence=max(e.confidence for e in members),
        published=min((e.published for e in members if e.published), default=None),
        sources=sources, reports=sorted(e.event_id for e in members),
        evidence=dict(rep.evidence))


def consolidate_block(block: Iterable[Event]) -> list[tuple[Event, list[Event]]]:
    """The canonical events of the reports of one block (all sharing ``block_key``),
    with their reports.  Blocks are independent, so a distributed job partitions the
    reports by ``block_key`` and calls this once per block (``dyadwatch.spark``)."""
    return [(canonical(group), group)
            for seg in segments(list(block))
            for group in clusters(seg)]


def consolidate_groups(reports: Iterable[Event]) -> list[tuple[Event, list[Event]]]:
    """Every canonical event of ``reports`` with its reports, sorted by event id."""
    blocks: dict[str, list[Event]] = {}
    for ev in reports:
        blocks.setdefault(block_key(ev), []).append(ev)
    out = [pair for key in sorted(blocks) for pair in consolidate_block(blocks[key])]
    return sorted(out, key=lambda pair: pair[0].event_id)


def consolidate(reports: Iterable[Event]) -> list[Event]:
    """Every canonical event of ``reports``, sorted by event id."""
    return [ev for ev, _ in consolidate_groups(reports)]


class _ActorTally:
    """What ``_pick_actor`` needs of a stream of actors: per code, how many and the
    first actor of that code with the lowest ``(role is None, name)``."""

    __slots__ = ("best", "counts")

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.best: dict[str, tuple[Actor, str]] = {}  # code -> (actor, its report's id)

    def add(self, a: Actor, report_id: str) -> None:
        self.counts[a.code] = self.counts.get(a.code, 0) + 1
        held = self.best.get(a.code)
        if held is None or ((a.role is None, a.name or "")
                            < (held[0].role is None, held[0].name or "")):
            self.best[a.code] = (a, report_id)

    def pick(self) -> tuple[Actor | None, str | None]:
        """The actor ``_pick_actor`` picks among every actor added, and the id of the
        report it came from (None, None when none was added).  ``country_from`` is not
        part of the choice: a store may read the reports without it and fill it in
        from that one report."""
        if not self.best:
            return None, None
        best, report_id = min(
            self.best.values(),
            key=lambda ar: (ar[0].role is None, -len(ar[0].code), -self.counts[ar[0].code],
                            ar[0].code, ar[0].name or ""))
        return (Actor(best.code, best.country, best.role, best.name,
                      country_from=best.country_from), report_id)


class ClusterTally:
    """One cluster of reports as running aggregates: what ``canonical`` takes from its
    members, without holding them.  Its size grows with the distinct codes, places,
    dates and documents of the cluster, never with its number of reports."""

    __slots__ = ("anchor", "anchor_k", "confidence", "docs", "n", "places", "published",
                 "rep", "rep_k", "seed", "sources", "targets", "when_prec", "when_votes")

    def __init__(self, seed: Event) -> None:
        self.seed = seed
        self.n = 0
        self.rep: Event = seed
        self.rep_k: tuple = ()
        self.anchor: Event = seed
        self.anchor_k: tuple = ()
        self.confidence = seed.confidence
        self.published: date | None = None
        self.docs: dict[str, int] = {}  # reports per document
        self.sources = _ActorTally()
        self.targets = _ActorTally()
        self.when_prec = 99  # best date precision rank seen (dated reports only)
        # per (date, date_end) at that precision: [reports, order key, report]
        self.when_votes: dict[tuple, list[Any]] = {}
        # per place: [reports, order key, report]
        self.places: dict[tuple, list[Any]] = {}

    def add(self, ev: Event) -> None:
        okey = order_key(ev)
        rep_k = (_most_specific_first(ev.cameo, ev.confidence), anchor_key(ev))
        if not self.n or rep_k < self.rep_k:
            self.rep, self.rep_k = ev, rep_k
        a_k = anchor_key(ev)
        if not self.n or a_k < self.anchor_k:
            self.anchor, self.anchor_k = ev, a_k
        self.n += 1
        self.confidence = max(self.confidence, ev.confidence)
        if ev.published and (self.published is None or ev.published < self.published):
            self.published = ev.published
        self.docs[ev.doc_id] = self.docs.get(ev.doc_id, 0) + 1
        self.sources.add(ev.source, ev.event_id)
        if ev.target is not None:
            self.targets.add(ev.target, ev.event_id)
        if ev.date is not None:
            prec = PRECISION_RANK.get(ev.date_precision, 9)
            if prec < self.when_prec:
                self.when_prec, self.when_votes = prec, {}
            if prec == self.when_prec:
                _vote(self.when_votes, (ev.date, ev.date_end), okey, ev)
        if ev.location is not None:
            _vote(self.places, _place(ev.location), okey, ev)

    def actor_reports(self) -> tuple[str | None, str | None]:
        """The ids of the reports whose source and target the canonical event takes."""
        return self.sources.pick()[1], self.targets.pick()[1]

    def event_id(self) -> str:
        return "e" + sha256(self.anchor.event_id.encode("utf-8")).hexdigest()[:16]

    def canonical(self) -> Event:
        """``canonical`` of the reports added, but with ``reports`` left empty (the store
        writes the links as the reports stream by); ``n`` says how many they were."""
        rep = self.rep
        when = rep
        if self.when_votes:
            _, (_, _, when) = min(self.when_votes.items(),
                                  key=lambda kv: (-kv[1][0], kv[0][0], kv[0][1] or _FAR))
        where = None
        if self.places:
            def loc_key(item: tuple[tuple, list[Any]]) -> tuple:
                count, okey, e = item[1]
                loc = e.location
                return (FEATURE_RANK.get(loc.feature or "", 5), loc.geonames_id is None,
                        -count, loc.name, okey)
            where = min(self.places.items(), key=loc_key)[1][2].location
        return replace(
            rep, event_id=self.event_id(), source=self.sources.pick()[0] or rep.source,
            target=self.targets.pick()[0], date=when.date, date_precision=when.date_precision,
            date_end=when.date_end, location=where, confidence=self.confidence,
            published=self.published, sources=sorted(self.docs), reports=[],
            evidence=dict(rep.evidence))


def _vote(votes: dict[tuple, list[Any]], key: tuple, okey: tuple, ev: Event) -> None:
    held = votes.get(key)
    if held is None:
        votes[key] = [1, okey, ev]
    else:
        held[0] += 1
        if okey < held[1]:
            held[1], held[2] = okey, ev


class SegmentClusterer:
    """``clusters`` of one segment, fed its reports one at a time in ``order_key``
    order (a store reads them so, in bounded pages): ``add`` returns the index of the
    cluster the report joins; ``tallies`` are the clusters in order of creation.  Only
    the clusters' tallies are held, so memory follows the number of distinct events of
    the segment, not its number of reports."""

    def __init__(self) -> None:
        self.tallies: list[ClusterTally] = []
        self._last: tuple | None = None

    def add(self, ev: Event) -> int:
        okey = order_key(ev)
        if self._last is not None and not okey > self._last:
            raise StoreError(f"report {ev.event_id} arrived out of the consolidation order "
                             "(please report)")
        self._last = okey
        for i, tally in enumerate(self.tallies):
            if matches(ev, tally.seed):
                tally.add(ev)
                return i
        tally = ClusterTally(ev)
        tally.add(ev)
        self.tallies.append(tally)
        return len(self.tallies) - 1
