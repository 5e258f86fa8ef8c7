"""A dyad's events as columns, placed on a daily calendar: what every method reads.

``load_frame`` reads a few columns of the dyad's factual canonical events
through ``Store.events_table`` (one query) and turns them into numpy arrays.
Everything after that is vectorised.

Placing an event on a day is where the coder's imperfections meet the
analysis, so the rules are explicit (``Placement``):

* an event whose date is known to within ``max_span`` days (day precision,
  or a short interval such as "overnight") is placed on its first day with
  weight 1;
* an event dated only by its article (``date_precision == "article"``: the
  text gave no date and the publication date stands in) is placed on that
  date with weight ``article_weight`` (0.5): news reports yesterday's events
  as often as today's, and commentaries recount last week's;
* an event dated more coarsely ("in January", a week-long interval) is not
  placed on a day at all (weight 0) -- it still counts in monthly views;
* an event dated after its article was published (plus a day for time
  zones) is *suspect*: a factual event cannot be reported before it happens,
  so its date is a resolver error.  It is never placed, and it is listed.

Conflict *severity* is ``-goldstein`` of a QuadClass 3-4 event, cooperation
``+goldstein`` of a QuadClass 1-2 event.  One sentence describes one
happening: when a sentence yields several conflict events of the dyad on the
same day (the coder read "Pakistan's military struck Iran" both ways, or one
strike as two codes), only the most severe counts towards the intensity.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyarrow as pa

from ..store import Dyad, EventQuery, Store
from .series import SPAN_DAYS, calendar, dyad_query

FRAME_COLUMNS = ["event_id", "doc_id", "sentence_index", "source_code", "source_country",
                 "target_code", "dyad_target", "cameo", "root", "quad_class", "goldstein",
                 "date", "date_end", "date_precision", "published", "n_sources"]


@dataclass(frozen=True)
class Placement:
    """How events are placed on days (see the module doc)."""

    max_span: int = 1  # days between date and date_end for a day-placed event
    article_weight: float = 0.5  # weight of an event dated by its article only
    publication_slack: int = 1  # days an event may follow its article (time zones)


@dataclass
class DyadFrame:
    """The dyad's events (columns as numpy arrays, sorted by date) and the calendar."""

    dyad: Dyad
    placement: Placement
    table: pa.Table  # FRAME_COLUMNS, the rows below
    days: np.ndarray  # the calendar: every day from the first to the last (datetime64[D])
    day: np.ndarray  # each event's day index in ``days`` (-1: not on the calendar)
    weight: np.ndarray  # day-placement weight (0: not placed on a day)
    span: np.ndarray  # date_end - date in days (-1: undated)
    suspect: np.ndarray  # dated after its publication
    forward: np.ndarray  # source is dyad.a (a -> b); False: b -> a
    quad: np.ndarray
    goldstein: np.ndarray
    severity: np.ndarray  # -goldstein for QuadClass 3-4, else 0
    coop: np.ndarray  # goldstein for QuadClass 1-2 (>= 0), else 0
    counted: np.ndarray  # counts towards the conflict intensity (sentence rule above)
    cols: dict[str, np.ndarray] = field(default_factory=dict)
    view_since: date | None = None  # the bound asked for when history was read before it
    cache: dict[str, Any] = field(default_factory=dict)  # derived arrays, computed once

    def restrict(self) -> DyadFrame:
        """The frame without the history read before ``view_since`` (itself if none)."""
        if self.view_since is None or not len(self.days) or self.first >= self.view_since:
            return self
        end = np.where(np.isnat(self.cols["date_end"]), self.cols["date"], self.cols["date_end"])
        keep = ~(end < np.datetime64(self.view_since, "D"))  # undated rows stay, as in queries
        return frame_from_table(self.dyad, self.table.filter(pa.array(keep)), self.view_since,
                                self.last, self.placement, presorted=True)

    def __len__(self) -> int:
        return self.table.num_rows

    @property
    def first(self) -> date | None:
        return self.days[0].astype(date) if len(self.days) else None

    @property
    def last(self) -> date | None:
        return self.days[-1].astype(date) if len(self.days) else None

    def ids(self, mask: np.ndarray) -> list[str]:
        return [str(x) for x in self.cols["event_id"][mask]]

    def date_of(self, i: int) -> date:
        return self.days[i].astype(date)

    def index_of(self, d: date) -> int:
        return int((np.datetime64(d, "D") - self.days[0]).astype(int)) if len(self.days) else -1

    def daily(self, values: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Sum ``values * weight`` per calendar day over the events in ``mask``."""
        ok = (self.day >= 0) & (self.weight > 0)
        if mask is not None:
            ok &= mask
        return np.bincount(self.day[ok], weights=(values * self.weight)[ok],
                           minlength=len(self.days)).astype(np.float64)

    def daily_count(self, mask: np.ndarray | None = None) -> np.ndarray:
        ok = (self.day >= 0) & (self.weight > 0)
        if mask is not None:
            ok &= mask
        return np.bincount(self.day[ok], minlength=len(self.days)).astype(np.int64)

    def conflict_intensity(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Daily weighted conflict severity (the series episodes are found on)."""
        m = self.counted if mask is None else (self.counted & mask)
        return self.daily(self.severity, m)

    def cooperation(self, mask: np.ndarray | None = None) -> np.ndarray:
        m = self.quad <= 2 if mask is None else ((self.quad <= 2) & mask)
        return self.daily(self.coop, m)

    def periods(self, freq: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(period starts, each event's period index or -1, each event's weight) for
        ``freq``: "D" is the daily placement; "W" and "M" place every event dated to
        within the period's ``SPAN_DAYS`` at weight 1 (its article date is close enough)."""
        if freq == "D":
            return self.days, self.day, self.weight
        if not len(self.days):
            return np.array([], "datetime64[D]"), np.full(len(self), -1), np.zeros(len(self))
        cal = calendar(self.first, self.last, freq)  # type: ignore[arg-type]
        start = self.cols["date"]
        ok = (self.span >= 0) & (self.span <= SPAN_DAYS[freq]) & ~self.suspect
        ok &= (start >= cal[0]) & (start <= self.days[-1])
        idx = np.full(len(self), -1, np.int64)
        idx[ok] = np.searchsorted(cal, period_starts(start[ok], freq))
        return cal, idx, ok.astype(np.float64)

    def periodic(self, values: np.ndarray, mask: np.ndarray | None, freq: str) -> np.ndarray:
        """Sum ``values * weight`` per period of ``freq`` over the events in ``mask``."""
        cal, idx, weight = self.periods(freq)
        ok = (idx >= 0) & (weight > 0)
        if mask is not None:
            ok &= mask
        return np.bincount(idx[ok], weights=(values * weight)[ok],
                           minlength=len(cal)).astype(np.float64)


def period_starts(days: np.ndarray, freq: str) -> np.ndarray:
    """The period start of each ``datetime64[D]`` day (vectorised ``period_start``)."""
    if freq == "D":
        return days
    if freq == "M":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    n = days.astype(np.int64)  # 1970-01-01 was a Thursday: Monday is (n + 3) % 7 == 0
    return (n - (n + 3) % 7).astype("datetime64[D]")


def _arr(table: pa.Table, name: str) -> np.ndarray:
    """A column as numpy: dates as ``datetime64[D]`` (NaT for nulls), text as objects,
    numbers as numbers (float with NaN where null)."""
    col = table.column(name)
    if pa.types.is_date32(col.type):
        return col.to_numpy(zero_copy_only=False).astype("datetime64[D]")
    return col.to_numpy(zero_copy_only=False)


def codes_of(col: Any) -> np.ndarray:
    """Integer codes of a text column (equal values, equal codes), by Arrow's encoder."""
    import pyarrow.compute as pc

    if not isinstance(col, (pa.Array, pa.ChunkedArray)):
        col = pa.array(list(col), type=pa.string())
    enc = pc.dictionary_encode(col)
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)


def load_frame(store: Store, dyad: str | Dyad, since: date | str | None = None,
               until: date | str | None = None, directed: bool | None = None,
               query: EventQuery | None = None, placement: Placement | None = None,
               lookback: int = 0) -> DyadFrame:
    """The dyad's factual canonical events between the bounds (both directions of an
    undirected dyad; one of a directed one), placed on the daily calendar.

    ``lookback`` > 0 with a ``since`` bound also reads that many days before it,
    so a baseline can be measured on the dyad's own history; the frame's
    ``view_since`` keeps the bound asked for (``restrict`` cuts the frame to it)."""
    q = dyad_query(dyad, since, until, directed, query)
    assert q.dyad is not None
    start = q.since
    if start is not None and lookback > 0:
        start = start - timedelta(days=lookback)
    # sorted by date (undated last), then event id: the order frame_from_table wants
    table = store.events_table(replace(q, since=start, sort="date"), columns=FRAME_COLUMNS)
    f = frame_from_table(q.dyad, table, start, q.until, placement, presorted=True)
    f.view_since = q.since
    return f


def frame_from_table(dyad: Dyad, table: pa.Table, since: date | None = None,
                     until: date | None = None, placement: Placement | None = None,
                     presorted: bool = False) -> DyadFrame:
    """``load_frame`` on an Arrow table of ``FRAME_COLUMNS`` (tests build them by hand);
    ``presorted``: the rows are already by date (undated last), then event id."""
    pl = placement or Placement()
    # one fixed order: by date (undated last), then event id -- a row's index breaks ties
    if table.num_rows and not presorted:
        table = table.sort_by([("date", "ascending"), ("event_id", "ascending")])
    cols = {name: _arr(table, name) for name in FRAME_COLUMNS}
    cols["doc_code"] = codes_of(table.column("doc_id")) if table.num_rows else \
        np.zeros(0, np.int64)
    start = cols["date"]
    n = len(start)
    dated = ~np.isnat(start)
    end = np.where(np.isnat(cols["date_end"]), start, cols["date_end"])
    span = np.where(dated, (end - start).astype("timedelta64[D]").astype(np.int64), -1)
    pub = cols["published"]
    suspect = dated & ~np.isnat(pub) & (
        start > pub + np.timedelta64(pl.publication_slack, "D"))
    prec = cols["date_precision"]
    is_article = (prec == "article") if n else np.zeros(0, bool)
    weight = np.where(dated & ~suspect & (span >= 0) & (span <= pl.max_span), 1.0, 0.0)
    weight = np.where(is_article & (weight > 0), pl.article_weight, weight)
    placed = weight > 0
    lo = np.datetime64(since, "D") if since else (start[placed].min() if placed.any() else None)
    hi = np.datetime64(until, "D") if until else (start[placed].max() if placed.any() else None)
    if lo is None or hi is None or hi < lo:
        days = np.array([], "datetime64[D]")
    else:
        days = calendar(lo.astype(date), hi.astype(date), "D")
    day = np.full(n, -1, np.int64)
    if len(days):
        idx = (start - days[0]).astype("timedelta64[D]").astype(np.int64)
        inside = dated & (idx >= 0) & (idx < len(days))
        day[inside] = idx[inside]
    weight = np.where(day >= 0, weight, 0.0)
    quad = np.nan_to_num(cols["quad_class"].astype(np.float64), nan=0).astype(np.int64)
    gold = np.nan_to_num(cols["goldstein"].astype(np.float64), nan=0.0)
    severity = np.where(quad >= 3, np.maximum(-gold, 0.0), 0.0)
    coop = np.where((quad >= 1) & (quad <= 2), np.maximum(gold, 0.0), 0.0)
    forward = (cols["source_country"] == dyad.a) if n else np.zeros(0, bool)
    counted = one_per_sentence(cols, day, severity, weight)
    return DyadFrame(dyad, pl, table, days, day, weight, span, suspect, forward, quad, gold,
                     severity, coop, counted, cols)


def one_per_sentence(cols: dict[str, Any], day: np.ndarray, severity: np.ndarray,
                     weight: np.ndarray) -> np.ndarray:
    """True for the conflict events that count: the most severe (weighted) per
    (document, sentence, day); a tie keeps the first row (the smallest event id)."""
    n = len(day)
    counted = np.zeros(n, bool)
    cand = np.flatnonzero((severity > 0) & (weight > 0) & (day >= 0))
    if not len(cand):
        return counted
    doc = cols["doc_code"][cand]
    sent = np.asarray(cols["sentence_index"][cand], dtype=np.int64)
    score = severity[cand] * weight[cand]
    # the last key is the primary one: group by (doc, sentence, day), best score first
    order = np.lexsort((cand, -score, day[cand], sent, doc))
    g_doc, g_sent, g_day = doc[order], sent[order], day[cand][order]
    first = np.ones(len(order), bool)
    first[1:] = (g_doc[1:] != g_doc[:-1]) | (g_sent[1:] != g_sent[:-1]) | (g_day[1:] != g_day[:-1])
    counted[cand[order[first]]] = True
    return counted
