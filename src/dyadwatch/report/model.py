"""The crisis report as typed data: what ``build_report`` returns and the renderers read.

Nothing here knows HTML or Markdown.  Every generated sentence keeps the ids
of the canonical events and of the documents behind it, so a renderer can link
each claim to its evidence; every event keeps the coded reports (the exact
sentences) it was consolidated from, and the flags that tell a reader where the
coder may be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..analysis import CrisisView, DyadSeries
from ..model import Event, Location
from ..store import Dyad

#: flags a timeline entry may carry, with the words the renderers show
FLAGS = {
    "single-source": "one source only (copies of it aside)",
    "article-date": "no date in the text: the publication date stands in",
    "approximate-date": "approximate date",
    "no-place": "no place",
    "country-place": "placed only at country level",
    "low-confidence": "low coder confidence",
    "possible-duplicate": "may repeat another event",
    "mixed-codes": "its reports were coded differently",
    "after-report": "dated after the article that reports it",
}


@dataclass(frozen=True)
class SourceDoc:
    """A document behind the report's events, numbered S1, S2 ... by publication date."""

    ref: str  # "S1"
    doc_id: str
    outlet: str | None
    title: str | None
    published: date | None
    published_from: str | None  # how the publication date is known
    url: str | None
    authors: tuple[str, ...]
    original_outlet: str | None = None  # a repost: who published it first
    copy_of: str | None = None  # the stored document this one repeats (exact/near copy)
    copy_kind: str | None = None  # exact-duplicate | near-duplicate
    events: tuple[str, ...] = ()  # event ids of this report that it reports

    @property
    def anchor(self) -> str:
        return f"src-{self.ref}"


@dataclass(frozen=True)
class Quote:
    """One coded report behind a canonical event: the sentence as the document has it."""

    report_id: str
    doc_id: str
    sentence: str
    cameo: str
    date: date | None
    date_precision: str
    date_text: str | None  # the words the date came from ("January 16", "Thursday")
    source_code: str | None
    target_code: str | None
    confidence: float


@dataclass(frozen=True)
class Tag:
    """What the analysis says about an event: ``retaliation``, ``de-escalation``, ``episode``."""

    kind: str
    text: str  # "answers E3 (2 days later)", "envoys return"
    related: tuple[str, ...] = ()  # other event ids it points to


@dataclass(frozen=True)
class TimelineEntry:
    """One canonical event as the report shows it."""

    ref: str  # "E1"
    event: Event
    sentence: str  # generated from codes, actors and places, with the date
    act: str  # the same without the date: "Iran's military launched air or missile strikes ..."
    when: str  # "on 16 January", "around 17 January", "at a date the text does not give ..."
    when_short: str  # "16 Jan", "~17 Jan", "18 Jan*"
    source_name: str
    target_name: str | None
    code_label: str
    place: str | None  # "Panjgur, Pakistan"
    quotes: tuple[Quote, ...]
    sources: tuple[str, ...]  # source refs "S1", "S3"
    flags: tuple[str, ...]
    tags: tuple[Tag, ...] = ()
    duplicate_of: str | None = None  # ref of the event this one may repeat
    independent: int = 1  # its documents, a copy (repost) of another of them not counted

    @property
    def event_id(self) -> str:
        return self.event.event_id

    @property
    def anchor(self) -> str:
        return f"ev-{self.event.event_id}"

    @property
    def location(self) -> Location | None:
        return self.event.location


@dataclass(frozen=True)
class SummarySentence:
    """One generated sentence and the events and documents behind it."""

    text: str
    event_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    kind: str = "events"  # overview | events | caveat


@dataclass(frozen=True)
class ChainStep:
    """A retaliation link as the report shows it: ``answer`` acts against ``first``'s source."""

    first: str  # event id
    answer: str  # event id
    lag_days: int
    text: str
    approximate: bool = False  # a date of the two is only an article's publication date


@dataclass(frozen=True)
class EpisodeView:
    """An escalation episode with its dates and the events inside it."""

    start: date
    peak: date
    end: date | None  # None: still open at the end of the data
    escalation_end: date | None  # last day of intensity comparable to the peak
    text: str
    event_ids: tuple[str, ...]
    ended_by: tuple[str, ...] = ()  # de-escalation event ids that mark the end
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MapPoint:
    """A place where events happened, with the events there."""

    lat: float
    lon: float
    name: str
    country: str | None
    feature: str | None  # city | admin1 | country
    event_ids: tuple[str, ...]
    refs: tuple[str, ...]  # "E3", "E9"
    quad_class: int | None  # the most conflictual QuadClass among them
    lines: tuple[str, ...]  # one short line per event, for the hover text


@dataclass
class Report:
    """A crisis report on one dyad (see ``build_report``)."""

    dyad: Dyad
    title: str
    names: tuple[str, str]  # "Iran", "Pakistan"
    since: date | None  # as asked
    until: date | None
    first: date | None  # first and last event date in the data
    last: date | None
    summary: list[SummarySentence]
    timeline: list[TimelineEntry]
    sources: list[SourceDoc]
    series: DyadSeries  # daily, from the analysis
    episodes: list[EpisodeView]
    chain: list[ChainStep]
    deescalation: list[TimelineEntry]
    map_points: list[MapPoint]
    caveats: list[str]
    generator: str  # "dyadwatch 0.2.0"
    store: str  # the store file the report was built from
    view: CrisisView  # the analysis it was built from (series, arrows, reciprocity ...)
    unplaced: int = 0  # events not in the daily series (dated too vaguely for a day)
    _entries: dict[str, TimelineEntry] = field(default_factory=dict, repr=False, compare=False)
    _sources: dict[str, SourceDoc] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, event_id: str) -> TimelineEntry | None:
        """The timeline entry of a canonical event id (None when not in the report)."""
        if len(self._entries) != len(self.timeline):
            self._entries = {t.event_id: t for t in self.timeline}
        return self._entries.get(event_id)

    def source(self, doc_id: str) -> SourceDoc | None:
        """The source of a document id (None when not in the report)."""
        if len(self._sources) != len(self.sources):
            self._sources = {s.doc_id: s for s in self.sources}
        return self._sources.get(doc_id)

    @property
    def years(self) -> bool:
        """True when the events span more than one year (dates then carry the year)."""
        return bool(self.first and self.last and self.first.year != self.last.year)
