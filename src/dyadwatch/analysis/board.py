"""The board: one period's trend arrow for every dyad, CrisisWatch style.

``arrows_board(store, "2024-01")`` reads every event of the month and of the
baseline window before it in one query, splits them by dyad, and gives each
dyad with at least ``min_events`` events in the period or the one before
its arrow for the month, computed exactly as ``trend_arrows`` would for that
dyad alone (a dyad whose conflict stopped this month is on the board too).  Deteriorated dyads come first, then improved ones, then the rest,
each group by conflict intensity.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import QueryError
from ..store import Dyad, EventQuery, Store
from .arrows import DETERIORATED, IMPROVED, ArrowParams, TrendArrow, arrows_in_frame
from .episodes import EpisodeParams
from .frame import FRAME_COLUMNS, Placement, frame_from_table
from .series import check_freq, period_start


def period_bounds(period: date | str, freq: str) -> tuple[date, date]:
    """The first and last day of the week or month holding ``period`` ("2024-01" is a month)."""
    if isinstance(period, str):
        text = period.strip()
        try:
            d = date.fromisoformat(text + "-01" if len(text) == 7 else text)
        except ValueError:
            raise QueryError("period", f"{period!r} is not a month like 2024-01 or a date "
                                       "like 2024-01-15") from None
    else:
        d = period
    start = period_start(d, freq)
    if freq == "W":
        return start, start + timedelta(days=6)
    nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, nxt - timedelta(days=1)


def arrows_board(store: Store, period: date | str, freq: str = "M", min_events: int = 1,
                 params: ArrowParams | None = None, episode_params: EpisodeParams | None = None,
                 query: EventQuery | None = None,
                 placement: Placement | None = None) -> list[TrendArrow]:
    """Every dyad's arrow for the month (``"M"``) or week (``"W"``) holding ``period``."""
    freq = check_freq(freq)
    if freq == "D":
        raise QueryError("freq", "the board is weekly (W) or monthly (M), not daily")
    start, end = period_bounds(period, freq)
    ep = episode_params or EpisodeParams()
    since = start - timedelta(days=max(ep.window, 62 if freq == "M" else 14))
    q = replace(query or EventQuery(), dyad=None, since=since, until=end, sort="date",
                limit=None, offset=0)
    table = store.events_table(q, columns=[*FRAME_COLUMNS, "dyad"])
    if not table.num_rows:
        return []
    dyads = table.column("dyad")
    valid = pc.is_valid(dyads).to_numpy(zero_copy_only=False)
    names = np.asarray(dyads.to_numpy(zero_copy_only=False), dtype=object)
    dates = table.column("date").to_numpy(zero_copy_only=False).astype("datetime64[D]")
    prev_start = period_start(start - timedelta(days=1), freq)
    recent = (dates >= np.datetime64(prev_start, "D")) & (dates <= np.datetime64(end, "D"))
    out = []
    for name in sorted({n for n, v in zip(names.tolist(), valid.tolist()) if v}):
        rows = valid & (names == name)
        if int(np.sum(rows & recent)) < max(1, min_events):
            continue
        sub = table.filter(pa.array(rows)).drop_columns(["dyad"])
        frame = frame_from_table(Dyad.parse(name), sub, since, end, placement, presorted=True)
        mine = [a for a in arrows_in_frame(frame, freq, None, params, ep) if a.period == start]
        out += mine
    rank = {DETERIORATED: 0, IMPROVED: 1}
    return sorted(out, key=lambda a: (rank.get(a.verdict, 2), -a.conflict, a.dyad))
