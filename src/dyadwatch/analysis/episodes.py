"""Escalation episodes: start, peak and end, measured against the dyad's own baseline.

Method (a threshold with hysteresis on a robust baseline; docs/analysis.md says
why it was preferred to a change-point model):

1. **Intensity.**  ``x[t]`` is the dyad's daily conflict intensity: the summed
   severity (``-goldstein``) of its QuadClass 3-4 events placed on day ``t``
   (``frame.py``: precision weights, one event per sentence and day).
2. **Baseline.**  For each day, the median ``m`` and the scaled median
   absolute deviation ``s = 1.4826 MAD`` of ``x`` over the ``window`` days
   before it, leaving out days already inside an episode (two passes).  With
   fewer than ``min_history`` usable days the median and MAD of the whole
   range's quiet days stand in, and the episode says so
   (``baseline_estimated`` False).
3. **Thresholds.**  high ``H = m + max(k_high s, floor_high)``, low
   ``L = m + max(k_low s, floor_low)``.  The floors keep a quiet dyad (MAD 0)
   from calling one accusation a crisis: by default it takes the severity of
   one strike (10) to open an episode.
4. **Episodes.**  Days with ``x >= L`` are *active*; active days closer than
   ``quiet_days`` form a block.  A block is an episode when one of its days
   reaches ``H`` and it holds at least ``min_events`` counted conflict events.
   ``start`` is its first active day, ``peak`` the day of largest excess over
   the baseline; the *escalation* lasts until the last day that comes within
   ``peak_share`` of the peak (and above ``H``).
5. **End.**  The first de-escalation event (``deescalation.py``: calls for
   restraint, calls and visits, envoys returning, agreements; either side)
   after the escalation is the *turning point*; the de-escalation events that
   follow it, each within ``settle_days`` of the one before (and at most
   ``resolve_days`` after the escalation), form the return to cooperation,
   and the episode ends with the last of them (``end_kind`` "de-escalation").
   An event dated by its article alone (it happened on or before the
   publication day) may be the turning point or link the chain, but the end
   is the last de-escalation day the text itself dates.
   Without any, the episode ends on its last active day ("faded"), or is
   "ongoing" when the data stop less than ``quiet_days`` later.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..store import Dyad, EventQuery, Store
from .deescalation import DeescalationRules, deescalation_rules
from .frame import DyadFrame, Placement, load_frame

_MAD = 1.4826


@dataclass(frozen=True)
class EpisodeParams:
    """The parameters of the episode detector (defaults documented in docs/analysis.md)."""

    window: int = 90  # days of baseline before each day
    min_history: int = 28  # usable baseline days needed for a trailing estimate
    k_high: float = 4.0  # robust standard deviations above the median to open an episode
    k_low: float = 2.0  # ... to stay active
    floor_high: float = 10.0  # least excess over the median to open (one strike: 10)
    floor_low: float = 2.0  # least excess to stay active (one accusation: 2)
    quiet_days: int = 7  # this many days below the low threshold close a block
    min_events: int = 2  # counted conflict events an episode needs
    peak_share: float = 0.5  # the escalation lasts while days reach this share of the peak
    settle_days: int = 7  # de-escalation events this close form one return to cooperation
    resolve_days: int = 21  # the return to cooperation ends at most this long after escalation


@dataclass(frozen=True)
class Baseline:
    """Per calendar day: the baseline level, its robust scale and the two thresholds."""

    level: np.ndarray
    scale: np.ndarray
    high: np.ndarray
    low: np.ndarray
    estimated: np.ndarray  # True: from the trailing window; False: the whole range stood in


@dataclass(frozen=True)
class Span:
    """An episode as calendar indices (what ``find_spans`` returns)."""

    start: int
    peak: int
    escalation_end: int
    last_active: int


@dataclass(frozen=True)
class DeescalationEvent:
    """An event labelled as part of a return to cooperation."""

    event_id: str
    date: date
    kind: str  # restraint | contact | mediation | reassurance | restoration | agreement
    label: str
    cameo: str
    source: str  # actor codes
    target: str | None


@dataclass(frozen=True)
class Episode:
    """One escalation episode of a dyad."""

    dyad: str  # "IRN-PAK"
    start: date
    peak: date
    escalation_end: date  # last day of comparable intensity to the peak
    end: date
    end_kind: str  # de-escalation | faded | ongoing
    turning_point: date | None  # first de-escalation event after the escalation
    last_conflict: date  # last active conflict day
    peak_intensity: float
    total_intensity: float  # summed conflict intensity from start to last_conflict
    baseline_level: float  # baseline median at the start
    threshold_high: float  # the high threshold at the start
    baseline_estimated: bool  # False: too little history, the whole range's level stood in
    conflict_events: list[str] = field(default_factory=list)  # counted, by date
    peak_events: list[str] = field(default_factory=list)  # counted, on the peak day
    deescalation: list[DeescalationEvent] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A stable name: ``IRN-PAK:2024-01-16``."""
        return f"{self.dyad}:{self.start.isoformat()}"

    def to_dict(self) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.id, "dyad": self.dyad, "start": iso(self.start), "peak": iso(self.peak),
            "escalation_end": iso(self.escalation_end), "end": iso(self.end),
            "end_kind": self.end_kind, "turning_point": iso(self.turning_point),
            "last_conflict": iso(self.last_conflict),
            "peak_intensity": round(self.peak_intensity, 3),
            "total_intensity": round(self.total_intensity, 3),
            "baseline_level": round(self.baseline_level, 3),
            "threshold_high": round(self.threshold_high, 3),
            "baseline_estimated": self.baseline_estimated,
            "conflict_events": list(self.conflict_events), "peak_events": list(self.peak_events),
            "deescalation": [{**d.__dict__, "date": iso(d.date)} for d in self.deescalation],
        }


# -- the detector on plain arrays (tested on synthetic series) -------------------------
def row_nanmedian(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(median of each row ignoring NaN -- NaN for an all-NaN row --, valid values per row).

    One sort of the whole matrix (NaN sorts last), then the middle of each row's
    valid values: much faster than ``np.nanmedian`` on many short rows."""
    if not rows.size:
        return np.full(len(rows), np.nan), np.zeros(len(rows), np.int64)
    srt = np.sort(rows, axis=1)
    k = np.sum(~np.isnan(rows), axis=1)
    lo = np.maximum((k - 1) // 2, 0)
    hi = np.maximum(k // 2, 0)
    r = np.arange(len(rows))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        med = (srt[r, lo] + srt[r, np.minimum(hi, rows.shape[1] - 1)]) / 2.0
    return np.where(k > 0, med, np.nan), k


def baseline(x: np.ndarray, params: EpisodeParams, exclude: np.ndarray | None = None) -> Baseline:
    """The trailing robust baseline of ``x`` (``exclude``: days left out of it)."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    xm = x.copy()
    if exclude is not None:
        xm[exclude] = np.nan
    w = max(1, int(params.window))
    padded = np.concatenate([np.full(w, np.nan), xm])
    windows = sliding_window_view(padded, w)[:n]  # row t: x[t-w : t]
    level, valid = row_nanmedian(windows)
    mad, _ = row_nanmedian(np.abs(windows - level[:, None]))
    quiet = xm[~np.isnan(xm)]
    g_level = g_mad = 0.0  # no history at all: the dyad is presumed quiet
    if len(quiet) >= params.min_history:  # else the whole range's quiet days stand in
        g_level = float(np.median(quiet))
        g_mad = float(np.median(np.abs(quiet - g_level)))
    estimated = valid >= params.min_history
    level = np.where(estimated, level, g_level)
    scale = _MAD * np.where(estimated, mad, g_mad)
    level = np.nan_to_num(level)
    scale = np.nan_to_num(scale)
    high = level + np.maximum(params.k_high * scale, params.floor_high)
    low = level + np.maximum(params.k_low * scale, params.floor_low)
    return Baseline(level, scale, high, low, estimated)


def find_spans(x: np.ndarray, n_events: np.ndarray, params: EpisodeParams,
               base: Baseline) -> list[Span]:
    """Episodes of ``x`` against ``base`` (steps 4 of the module doc), as indices."""
    x = np.asarray(x, dtype=np.float64)
    active = np.flatnonzero(x >= base.low)
    if not len(active):
        return []
    breaks = np.flatnonzero(np.diff(active) > params.quiet_days)
    spans = []
    for block in np.split(active, breaks + 1):
        e = int(block[-1])
        hot = np.flatnonzero(x[block[0]:e + 1] >= base.high[block[0]:e + 1])
        if not len(hot):
            continue
        # the episode starts with the run of active days leading into its first high day
        s = int(block[0]) + int(hot[0])
        while s > block[0] and x[s - 1] >= base.low[s - 1]:
            s -= 1
        seg = slice(s, e + 1)
        if int(np.sum(n_events[seg])) < params.min_events:
            continue
        excess = x[seg] - base.level[seg]
        peak = s + int(np.argmax(excess))
        bar = np.maximum(base.high[seg], params.peak_share * x[peak])
        strong = np.flatnonzero(x[seg] >= bar)
        esc_end = s + int(strong[-1]) if len(strong) else peak
        spans.append(Span(s, peak, max(esc_end, peak), e))
    return spans


def detect(x: np.ndarray, n_events: np.ndarray,
           params: EpisodeParams | None = None) -> tuple[list[Span], Baseline]:
    """Two passes: find episodes, then again with their days left out of the baseline."""
    p = params or EpisodeParams()
    base = baseline(x, p)
    spans = find_spans(x, n_events, p, base)
    if spans:
        exclude = np.zeros(len(x), bool)
        for sp in spans:
            exclude[sp.start:sp.last_active + 1] = True
        base = baseline(x, p, exclude)
        spans = find_spans(x, n_events, p, base)
    return spans, base


def close_span(sp: Span, deesc_days: np.ndarray, n_days: int, next_start: int | None,
               params: EpisodeParams, firm_days: np.ndarray | None = None
               ) -> tuple[int, str, int | None]:
    """(end index, end kind, turning point index) of one span (step 5 of the module doc).

    ``deesc_days``: sorted calendar indices holding a de-escalation event;
    ``firm_days``: those holding one the text dates (default: all of them)."""
    if firm_days is None:
        firm_days = deesc_days
    limit = sp.escalation_end + params.resolve_days
    if next_start is not None:
        limit = min(limit, next_start - 1)
    first_limit = min(limit, sp.last_active + params.quiet_days)
    after = deesc_days[(deesc_days > sp.escalation_end) & (deesc_days <= first_limit)]
    if len(after):
        tp = int(after[0])
        end = last = tp
        firm = set(firm_days.tolist())
        for d in deesc_days[(deesc_days > tp) & (deesc_days <= limit)]:
            if d - last > params.settle_days:
                break
            last = int(d)
            if last in firm:
                end = last
        return end, "de-escalation", tp
    if sp.last_active + params.quiet_days > n_days - 1:
        return sp.last_active, "ongoing", None
    return sp.last_active, "faded", None


# -- on stored events ------------------------------------------------------------------
def episodes_in_frame(frame: DyadFrame, params: EpisodeParams | None = None,
                      rules: DeescalationRules | None = None) -> tuple[list[Episode], Baseline]:
    """The episodes of an already loaded frame, with the baseline they were measured on."""
    p = params or EpisodeParams()
    x = frame.conflict_intensity()
    n_conf = frame.daily_count(frame.counted)
    spans, base = detect(x, n_conf, p)
    kinds = deescalation_kinds(frame, rules)
    placed = (frame.day >= 0) & (frame.weight > 0)
    deesc_mask = placed & (kinds != "")
    deesc_days = np.unique(frame.day[deesc_mask])
    firm_days = np.unique(frame.day[deesc_mask & (frame.cols["date_precision"] != "article")])
    out = []
    for i, sp in enumerate(spans):
        nxt = spans[i + 1].start if i + 1 < len(spans) else None
        end, kind, tp = close_span(sp, deesc_days, len(frame.days), nxt, p, firm_days)
        conflict = frame.counted & (frame.day >= sp.start) & (frame.day <= sp.last_active)
        at_peak = frame.counted & (frame.day == sp.peak)
        deesc = []
        if tp is not None:
            sel = np.flatnonzero(deesc_mask & (frame.day >= tp) & (frame.day <= end))
            deesc = [_deesc_event(frame, int(j), str(kinds[j]), rules) for j in _by_date(frame, sel)]
        out.append(Episode(
            dyad=str(Dyad(frame.dyad.a, frame.dyad.b, frame.dyad.directed)),
            start=frame.date_of(sp.start), peak=frame.date_of(sp.peak),
            escalation_end=frame.date_of(sp.escalation_end), end=frame.date_of(end),
            end_kind=kind, turning_point=frame.date_of(tp) if tp is not None else None,
            last_conflict=frame.date_of(sp.last_active),
            peak_intensity=float(x[sp.peak]),
            total_intensity=float(np.sum(x[sp.start:sp.last_active + 1])),
            baseline_level=float(base.level[sp.start]),
            threshold_high=float(base.high[sp.start]),
            baseline_estimated=bool(base.estimated[sp.start]),
            conflict_events=[frame.cols["event_id"][j]
                             for j in _by_date(frame, np.flatnonzero(conflict))],
            peak_events=[frame.cols["event_id"][j]
                         for j in _by_date(frame, np.flatnonzero(at_peak))],
            deescalation=deesc))
    return out, base


def deescalation_kinds(frame: DyadFrame, rules: DeescalationRules | None = None) -> np.ndarray:
    """Each event's de-escalation kind ("" for none)."""
    if rules is None and "kinds" in frame.cache:
        return frame.cache["kinds"]  # type: ignore[no-any-return]
    kinds = (rules or deescalation_rules()).kinds_of(frame.cols["cameo"], frame.quad)
    if rules is None:
        frame.cache["kinds"] = kinds
    return kinds


def _by_date(frame: DyadFrame, idx: np.ndarray) -> list[int]:
    """Event indices ordered by date, then event id (the frame's row order)."""
    return [int(i) for i in np.sort(idx)]


def _deesc_event(frame: DyadFrame, i: int, kind: str,
                 rules: DeescalationRules | None) -> DeescalationEvent:
    r = rules or deescalation_rules()
    tgt = frame.cols["target_code"][i]
    return DeescalationEvent(str(frame.cols["event_id"][i]), frame.date_of(int(frame.day[i])),
                             kind, r.label(kind), str(frame.cols["cameo"][i]),
                             str(frame.cols["source_code"][i]), str(tgt) if tgt else None)


def escalation_episodes(store: Store, dyad: str | Dyad, since: date | str | None = None,
                        until: date | str | None = None, params: EpisodeParams | None = None,
                        directed: bool | None = None, query: EventQuery | None = None,
                        placement: Placement | None = None) -> list[Episode]:
    """The dyad's escalation episodes that reach into the bounds, oldest first.

    With ``since``, ``params.window`` days before it are read too: the baseline
    is always the dyad's own history, not the slice asked for."""
    p = params or EpisodeParams()
    frame = load_frame(store, dyad, since, until, directed, query, placement, lookback=p.window)
    return in_view(episodes_in_frame(frame, p)[0], frame.view_since)


def in_view(episodes: list[Episode], since: date | None) -> list[Episode]:
    """The episodes that end on or after ``since``."""
    return [e for e in episodes if since is None or e.end >= since]
