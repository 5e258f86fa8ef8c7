"""Everything about one dyad's crises in one call: what the report and the web API read.

``crisis_view`` reads the dyad's events once and runs every method on them:
the daily series, the conflict intensity with its baseline and thresholds
(for a chart with the episodes shaded), the escalation episodes with their
de-escalation, the retaliation links, the reciprocity measures and the
monthly and weekly trend arrows.  Each part is a typed value with
``to_dict()``; ``CrisisView.to_dict()`` is the JSON the web API can serve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ..store import Dyad, EventQuery, Store
from .arrows import ArrowParams, TrendArrow, arrows_in_frame, arrows_since
from .episodes import Baseline, Episode, EpisodeParams, episodes_in_frame, in_view
from .frame import DyadFrame, Placement, load_frame
from .reciprocity import (
    Reciprocity,
    ReciprocityParams,
    RetaliationLink,
    links_in_frame,
    links_since,
    reciprocity_in_frame,
)
from .series import DyadSeries, dyad_series


@dataclass(frozen=True)
class Intensity:
    """The daily conflict intensity the episodes were found on, with its baseline."""

    days: list[date]
    conflict: list[float]  # weighted severity per day
    cooperation: list[float]  # weighted Goldstein of cooperative events per day
    baseline: list[float]  # trailing median
    high: list[float]  # threshold that opens an episode
    low: list[float]  # threshold that keeps it active
    estimated: list[bool]  # False where too little history: the whole range's level

    @classmethod
    def of(cls, frame: DyadFrame, base: Baseline) -> Intensity:
        def r(a: np.ndarray) -> list[float]:
            return np.round(np.asarray(a, dtype=np.float64), 3).tolist()  # type: ignore[no-any-return]

        return cls(frame.days.astype(object).tolist(), r(frame.conflict_intensity()),
                   r(frame.cooperation()), r(base.level), r(base.high), r(base.low),
                   np.asarray(base.estimated, dtype=bool).tolist())

    def cut(self, since: date | None, until: date | None) -> Intensity:
        """The days from ``since`` to ``until`` only."""
        keep = [i for i, d in enumerate(self.days)
                if (since is None or d >= since) and (until is None or d <= until)]

        def pick(values: list[Any]) -> list[Any]:
            return [values[i] for i in keep]

        return Intensity(pick(self.days), pick(self.conflict), pick(self.cooperation),
                         pick(self.baseline), pick(self.high), pick(self.low),
                         pick(self.estimated))

    def to_dict(self) -> dict[str, Any]:
        return {"days": [d.isoformat() for d in self.days], "conflict": self.conflict,
                "cooperation": self.cooperation, "baseline": self.baseline, "high": self.high,
                "low": self.low, "estimated": self.estimated}


@dataclass(frozen=True)
class SuspectEvent:
    """An event dated after the article that reports it: left out of every method."""

    event_id: str
    date: date
    published: date
    cameo: str


@dataclass(frozen=True)
class CrisisView:
    dyad: Dyad
    since: date | None  # the analysed range (first and last day of the calendar)
    until: date | None
    events: int  # factual canonical events of the dyad in the range
    placed: int  # ... placed on a day (the rest are dated too coarsely)
    series: DyadSeries  # daily
    intensity: Intensity
    episodes: list[Episode]
    retaliations: list[RetaliationLink]
    reciprocity: list[Reciprocity]
    arrows_month: list[TrendArrow]
    arrows_week: list[TrendArrow]
    suspect: list[SuspectEvent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dyad": str(self.dyad),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "events": self.events, "placed": self.placed,
            "series": self.series.to_dict(),
            "intensity": self.intensity.to_dict(),
            "episodes": [e.to_dict() for e in self.episodes],
            "retaliations": [k.to_dict() for k in self.retaliations],
            "reciprocity": [r.to_dict() for r in self.reciprocity],
            "arrows_month": [a.to_dict() for a in self.arrows_month],
            "arrows_week": [a.to_dict() for a in self.arrows_week],
            "suspect": [{"event_id": s.event_id, "date": s.date.isoformat(),
                         "published": s.published.isoformat(), "cameo": s.cameo}
                        for s in self.suspect],
        }


def crisis_view(store: Store, dyad: str | Dyad, since: date | str | None = None,
                until: date | str | None = None, *, directed: bool | None = None,
                query: EventQuery | None = None, episode_params: EpisodeParams | None = None,
                reciprocity_params: ReciprocityParams | None = None,
                arrow_params: ArrowParams | None = None,
                placement: Placement | None = None) -> CrisisView:
    """Series, intensity, episodes, retaliation links, reciprocity and trend arrows of a
    dyad between the bounds (default: its first to its last event placed on a day).

    With ``since``, the dyad's history before it is read too (the baseline window),
    so episodes are measured against the dyad's own past; what is returned is cut
    to the bounds (an episode that ends inside them is kept whole)."""
    ep = episode_params or EpisodeParams()
    with store.session():
        full = load_frame(store, dyad, since, until, directed, query, placement,
                          lookback=max(ep.window, 62))
        view = full.restrict()
        series = dyad_series(store, full.dyad, "D", view.first if since is None else since,
                             view.last if until is None else until, query=query,
                             count_unplaced=False)
    episodes, base = episodes_in_frame(full, ep)
    shown = in_view(episodes, full.view_since)
    suspect = [SuspectEvent(str(view.cols["event_id"][i]),
                            view.cols["date"][i].astype(date),
                            view.cols["published"][i].astype(date),
                            str(view.cols["cameo"][i]))
               for i in np.flatnonzero(view.suspect)]
    return CrisisView(
        dyad=full.dyad, since=series.since, until=series.until, events=len(view),
        placed=int(np.sum(view.weight > 0)), series=series,
        intensity=Intensity.of(full, base).cut(series.since, series.until), episodes=shown,
        retaliations=links_since(links_in_frame(full, reciprocity_params), full.view_since),
        reciprocity=reciprocity_in_frame(view, reciprocity_params),
        arrows_month=arrows_since(arrows_in_frame(full, "M", episodes, arrow_params),
                                  full.view_since),
        arrows_week=arrows_since(arrows_in_frame(full, "W", episodes, arrow_params),
                                 full.view_since),
        suspect=suspect)
