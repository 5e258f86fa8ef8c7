"""Trend arrows: each month (or week) of a dyad deteriorated, improved or stayed unchanged.

In the spirit of CrisisWatch's monthly arrows, but computed from the events,
with the events that justify each verdict.  For each period ``p``:

* ``conflict[p]``: summed severity (``-goldstein``) of the dyad's QuadClass 3-4
  events dated within the period (one per sentence and day, as for episodes);
  ``cooperation[p]``: summed Goldstein of its QuadClass 1-2 events;
* the change ``delta = conflict[p] - conflict[p-1]`` is compared with a
  threshold ``T = max(k * s, floor)``, where ``s`` is 1.4826 times the median
  absolute deviation of ``conflict`` over the ``history`` periods before
  ``p`` (0 with fewer than three) and ``floor`` the severity of one strike;

and the verdict is

* **deteriorated** when ``delta >= T``, or an escalation episode started in
  ``p``; justified by the period's most severe conflict events;
* else **improved** when ``delta <= -T``, or an episode ended by de-escalation
  in ``p``, *and* the period holds at least one de-escalation move (a call for
  restraint, a call or visit, envoys returning, an agreement...); justified
  by those moves.  Conflict that merely stops, with no cooperative move
  reported, is not called an improvement: silence in the news is not peace;
* else **unchanged**.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..errors import QueryError
from ..store import Dyad, EventQuery, Store
from .episodes import (
    Episode,
    EpisodeParams,
    deescalation_kinds,
    episodes_in_frame,
    row_nanmedian,
)
from .frame import DyadFrame, Placement, load_frame, one_per_sentence
from .series import check_freq, period_start

_MAD = 1.4826
DETERIORATED, IMPROVED, UNCHANGED = "deteriorated", "improved", "unchanged"


@dataclass(frozen=True)
class ArrowParams:
    k: float = 2.0  # robust standard deviations a change must exceed
    floor: float = 10.0  # the least change that counts (one strike)
    history: int = 12  # periods the scale is estimated on
    top: int = 5  # events listed per verdict


@dataclass(frozen=True)
class TrendArrow:
    dyad: str
    freq: str  # W or M
    period: date  # first day of the week (Monday) or month
    verdict: str  # deteriorated | improved | unchanged
    conflict: float
    previous_conflict: float
    cooperation: float
    previous_cooperation: float
    threshold: float
    reasons: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # event ids justifying the verdict

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["period"] = self.period.isoformat()
        return d


def arrows_in_frame(frame: DyadFrame, freq: str = "M", episodes: list[Episode] | None = None,
                    params: ArrowParams | None = None,
                    episode_params: EpisodeParams | None = None) -> list[TrendArrow]:
    """The arrows of every period of the frame's calendar."""
    p = params or ArrowParams()
    freq = check_freq(freq)
    if freq == "D":
        raise QueryError("freq", "trend arrows are weekly (W) or monthly (M), not daily")
    if episodes is None:
        episodes = episodes_in_frame(frame, episode_params)[0]
    cal, idx, weight = frame.periods(freq)
    if not len(cal):
        return []
    placed = (idx >= 0) & (weight > 0)
    counted = _counted_in_periods(frame, cal, placed)
    conflict = np.bincount(idx[counted], weights=(frame.severity * weight)[counted],
                           minlength=len(cal))
    coop_mask = placed & (frame.quad >= 1) & (frame.quad <= 2)
    coop = np.bincount(idx[coop_mask], weights=(frame.coop * weight)[coop_mask],
                       minlength=len(cal))
    kinds = deescalation_kinds(frame)
    deesc = placed & (kinds != "")
    starts: dict[date, list[Episode]] = {}
    ends: dict[date, list[Episode]] = {}
    for e in episodes:
        starts.setdefault(period_start(e.start, freq), []).append(e)
        if e.end_kind == "de-escalation":
            ends.setdefault(period_start(e.end, freq), []).append(e)
    ids = frame.cols["event_id"]
    # events grouped by period once: conflict by severity, moves by date (rows are by date)
    hot = np.flatnonzero(counted)
    hot = hot[np.lexsort((hot, -(frame.severity * weight)[hot], idx[hot]))]
    hot_bounds = np.searchsorted(idx[hot], np.arange(len(cal) + 1))
    mv = np.flatnonzero(deesc)
    mv = mv[np.lexsort((mv, idx[mv]))]
    mv_bounds = np.searchsorted(idx[mv], np.arange(len(cal) + 1))
    # the robust scale of the `history` periods before each period
    h = max(1, p.history)
    windows = sliding_window_view(np.concatenate([np.full(h, np.nan), conflict]), h)[:len(cal)]
    med, valid = row_nanmedian(windows)
    mad, _ = row_nanmedian(np.abs(windows - med[:, None]))
    scale = _MAD * np.nan_to_num(mad)
    out = []
    for i, per in enumerate(cal):
        pd = per.astype(date)
        prev_c = float(conflict[i - 1]) if i else 0.0
        prev_k = float(coop[i - 1]) if i else 0.0
        s = float(scale[i]) if valid[i] >= 3 else 0.0
        thr = max(p.k * s, p.floor)
        delta = float(conflict[i]) - prev_c
        reasons: list[str] = []
        events: list[str] = []
        moves = mv[mv_bounds[i]:mv_bounds[i + 1]]
        if delta >= thr or pd in starts:
            verdict = DETERIORATED
            if delta >= thr:
                reasons.append(f"conflict intensity {conflict[i]:.1f}, up from {prev_c:.1f} "
                               f"(threshold {thr:.1f})")
            if pd in starts:
                reasons += [f"escalation episode began {e.start.isoformat()}"
                            for e in starts[pd]]
            events = [str(ids[j]) for j in hot[hot_bounds[i]:hot_bounds[i + 1]][:p.top]]
        elif (delta <= -thr or pd in ends) and len(moves):
            verdict = IMPROVED
            if delta <= -thr:
                reasons.append(f"conflict intensity {conflict[i]:.1f}, down from {prev_c:.1f} "
                               f"(threshold {thr:.1f})")
            if pd in ends:
                reasons += [f"escalation episode of {e.start.isoformat()} ended by de-escalation "
                            f"{e.end.isoformat()}" for e in ends[pd]]
            reasons.append(f"{len(moves)} de-escalation move(s): " + ", ".join(
                sorted({str(k) for k in kinds[moves]})))
            events = [str(ids[j]) for j in moves[:p.top]]
        else:
            verdict = UNCHANGED
            if delta <= -thr:
                reasons.append(f"conflict intensity fell to {conflict[i]:.1f} from {prev_c:.1f}, "
                               "but no de-escalation move was reported")
            else:
                reasons.append(f"conflict intensity {conflict[i]:.1f} against {prev_c:.1f} "
                               f"(change under the threshold {thr:.1f})")
        out.append(TrendArrow(str(frame.dyad), freq, pd, verdict, round(float(conflict[i]), 3),
                              round(prev_c, 3), round(float(coop[i]), 3), round(prev_k, 3),
                              round(thr, 3), reasons, events))
    return out


def _counted_in_periods(frame: DyadFrame, cal: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """Conflict events counting towards a period: one per sentence and date."""
    start = frame.cols["date"]
    key = np.where(placed, (start - cal[0]).astype("timedelta64[D]").astype(np.int64), -1)
    return one_per_sentence(frame.cols, key, frame.severity, placed.astype(np.float64))


def trend_arrows(store: Store, dyad: str | Dyad, freq: str = "M",
                 since: date | str | None = None, until: date | str | None = None,
                 params: ArrowParams | None = None, episode_params: EpisodeParams | None = None,
                 query: EventQuery | None = None,
                 placement: Placement | None = None) -> list[TrendArrow]:
    """The dyad's arrows per month (``"M"``) or week (``"W"``) between the bounds.

    With ``since``, earlier history is read too, so the first period is compared
    with the one before it and episodes are measured on the dyad's own baseline."""
    ep = episode_params or EpisodeParams()
    lookback = max(ep.window, 62 if check_freq(freq) == "M" else 14)
    frame = load_frame(store, dyad, since, until, None, query, placement, lookback=lookback)
    return arrows_since(arrows_in_frame(frame, freq, None, params, ep), frame.view_since)


def arrows_since(arrows: list[TrendArrow], since: date | None) -> list[TrendArrow]:
    """The arrows of the periods that reach ``since`` or later."""
    if since is None or not arrows:
        return arrows
    first = period_start(since, arrows[0].freq)
    return [a for a in arrows if a.period >= first]
