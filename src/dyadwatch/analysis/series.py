"""A dyad's event series: one row per day, week or month, empty periods filled with zeros.

The totals come from ``Store.aggregate`` (one grouped query); this module only
lays them on the full calendar between the bounds and derives the mean and the
material-conflict share, with numpy -- never a Python loop over events -- so a
dyad's daily series over years is read in milliseconds.

An event is counted in the period holding its date.  Events dated more
coarsely than the period (a "January" event in a daily series) are not spread
or guessed: they are left out of that series and counted in
``DyadSeries.unplaced``.  The tolerance per frequency is ``SPAN_DAYS``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from ..errors import QueryError
from ..store import Dyad, EventQuery, Store

FREQS = ("D", "W", "M")
#: how wide (date_end - date, days) an event's date may be to be placed in a period
SPAN_DAYS = {"D": 1, "W": 6, "M": 30}

#: the series columns, in order (QuadClass 1-4 counts are named after the class)
SERIES_COLUMNS = ["period", "events", "verbal_coop", "material_coop", "verbal_conflict",
                  "material_conflict", "goldstein_sum", "goldstein_mean",
                  "material_conflict_share", "sources"]
_COUNTS = {"events": "events", "verbal_coop": "q1", "material_coop": "q2",
           "verbal_conflict": "q3", "material_conflict": "q4", "sources": "sources"}


@dataclass(frozen=True)
class SeriesRow:
    """One period of a dyad series (every value 0 for a period without events)."""

    period: date  # first day of the day, ISO week (Monday) or month
    events: int
    verbal_coop: int  # QuadClass 1
    material_coop: int  # QuadClass 2
    verbal_conflict: int  # QuadClass 3
    material_conflict: int  # QuadClass 4
    goldstein_sum: float
    goldstein_mean: float
    material_conflict_share: float  # material_conflict / events
    sources: int  # documents reporting each event, summed (or distinct: see dyad_series)


@dataclass(frozen=True)
class DyadSeries:
    """The series of one dyad at one frequency (``table`` has ``SERIES_COLUMNS``)."""

    dyad: Dyad
    freq: str
    since: date | None  # first period (None when the series is empty)
    until: date | None  # last period
    table: pa.Table
    unplaced: int = 0  # matching events left out: undated, or dated too coarsely for freq

    def __len__(self) -> int:
        return self.table.num_rows

    def __iter__(self) -> Iterator[SeriesRow]:
        return iter(self.rows())

    def rows(self) -> list[SeriesRow]:
        return [SeriesRow(**r) for r in self.table.to_pylist()]

    def to_arrow(self) -> pa.Table:
        return self.table

    def to_pylist(self) -> list[dict[str, Any]]:
        """Rows as dicts (``period`` a ``date``)."""
        return self.table.to_pylist()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the dyad, frequency, bounds, ``unplaced`` and the rows (ISO dates)."""
        rows = self.table.to_pylist()
        for r in rows:
            r["period"] = r["period"].isoformat()
        return {"dyad": str(self.dyad), "freq": self.freq,
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "unplaced": self.unplaced, "columns": list(SERIES_COLUMNS), "rows": rows}

    def column(self, name: str) -> np.ndarray:
        """One column as a numpy array (``period`` as ``datetime64[D]``)."""
        return _np(self.table.column(name))


def _np(col: Any) -> np.ndarray:
    arr = col.to_numpy()
    if pa.types.is_date32(col.type):
        return arr.astype("datetime64[D]")
    return arr


def period_start(d: date, freq: str) -> date:
    """The first day of the period holding ``d``."""
    if freq == "D":
        return d
    if freq == "W":
        return date.fromordinal(d.toordinal() - d.weekday())
    return d.replace(day=1)


def calendar(start: date, end: date, freq: str) -> np.ndarray:
    """Every period start from the period of ``start`` to that of ``end`` (``datetime64[D]``)."""
    a, b = period_start(start, freq), period_start(end, freq)
    if freq == "D":
        return np.arange(np.datetime64(a, "D"), np.datetime64(b, "D") + 1)
    if freq == "W":
        return np.arange(np.datetime64(a, "D"), np.datetime64(b, "D") + 1, 7)
    months = np.arange(np.datetime64(a, "M"), np.datetime64(b, "M") + 1)
    return months.astype("datetime64[D]")


def check_freq(freq: str) -> str:
    f = (freq or "").strip().upper()
    if f not in FREQS:
        raise QueryError("freq", f"{freq!r} is not a frequency; choose D (day), W (week) or "
                                 "M (month)")
    return f


def dyad_query(dyad: str | Dyad, since: date | str | None = None,
               until: date | str | None = None, directed: bool | None = None,
               query: EventQuery | None = None) -> EventQuery:
    """The ``EventQuery`` of a dyad's factual canonical events between the bounds
    (``query`` supplies further filters; the dyad and bounds replace its own)."""
    d = dyad if isinstance(dyad, Dyad) else Dyad.parse(dyad, directed=directed)
    if isinstance(dyad, Dyad) and directed is not None:
        d = Dyad(d.a, d.b, directed)
    base = query or EventQuery()
    return replace(base, dyad=d, since=since, until=until, limit=None, offset=0)


def dyad_series(store: Store, dyad: str | Dyad, freq: str = "D",
                since: date | str | None = None, until: date | str | None = None,
                directed: bool | None = None, query: EventQuery | None = None,
                distinct_sources: bool = False, count_unplaced: bool = True) -> DyadSeries:
    """The dyad's series: per period the events, counts per QuadClass, Goldstein sum
    and mean, the material-conflict share and the sources.

    ``dyad`` is ``"IRN-PAK"`` (both directions) or ``"IRN>PAK"``; ``directed``
    True reads ``"IRN-PAK"`` as Iran on Pakistan.  Without bounds the series
    runs from the dyad's first to its last placed event.  Reads factual
    canonical events unless ``query`` says otherwise.  ``sources`` sums, over the
    period's events, the documents reporting each event; ``distinct_sources``
    True counts each document once per period instead (exact, but several
    times slower on a busy dyad).  ``count_unplaced`` False skips the one extra count
    behind ``unplaced`` (left 0): a dashboard redrawing a chart does not need it.
    """
    freq = check_freq(freq)
    q = dyad_query(dyad, since, until, directed, query)
    placed = replace(q, max_date_span=SPAN_DAYS[freq] if q.max_date_span is None
                     else min(q.max_date_span, SPAN_DAYS[freq]))
    with store.session():
        agg = store.aggregate(placed, freq, distinct_sources=distinct_sources)
        total = store.count(q) if q.max_date_span is None and count_unplaced else None
    unplaced = 0
    if total is not None:
        placed_n = int(np.sum(_np(agg.column("events")))) if agg.num_rows else 0
        unplaced = max(0, total - placed_n)
    assert q.dyad is not None
    return _fill(q.dyad, freq, agg, q.since, q.until, unplaced)


def _fill(dyad: Dyad, freq: str, agg: pa.Table, since: date | None, until: date | None,
          unplaced: int) -> DyadSeries:
    periods = _np(agg.column("period")) if agg.num_rows else np.array([], "datetime64[D]")
    lo = since or (periods[0].astype(date) if len(periods) else None)
    hi = until or (periods[-1].astype(date) if len(periods) else None)
    if lo is None or hi is None:
        cal = np.array([], "datetime64[D]")
    else:
        cal = calendar(lo, hi, freq)
    n = len(cal)
    idx = np.searchsorted(cal, periods)
    keep = (idx < n) & (cal[np.minimum(idx, max(n - 1, 0))] == periods) if n else \
        np.zeros(len(periods), bool)
    cols: dict[str, Any] = {"period": pa.array(cal, type=pa.date32())}
    filled: dict[str, np.ndarray] = {}
    for name, src in _COUNTS.items():
        arr = np.zeros(n, np.int64)
        arr[idx[keep]] = _np(agg.column(src))[keep].astype(np.int64)
        filled[name] = arr
    gsum = np.zeros(n, np.float64)
    gsum[idx[keep]] = _np(agg.column("goldstein_sum"))[keep].astype(np.float64)
    events = filled["events"]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(events > 0, gsum / np.maximum(events, 1), 0.0)
        share = np.where(events > 0, filled["material_conflict"] / np.maximum(events, 1), 0.0)
    for name in SERIES_COLUMNS[1:]:
        if name == "goldstein_sum":
            cols[name] = pa.array(np.round(gsum, 6))
        elif name == "goldstein_mean":
            cols[name] = pa.array(np.round(mean, 6))
        elif name == "material_conflict_share":
            cols[name] = pa.array(np.round(share, 6))
        else:
            cols[name] = pa.array(filled[name])
    table = pa.table(cols)
    first = cal[0].astype(date) if n else None
    last = cal[-1].astype(date) if n else None
    return DyadSeries(dyad, freq, first, last, table, unplaced)


SERIES_FORMATS = ("table", "csv", "jsonl", "parquet")


def write_series(series: DyadSeries, fmt: str, out: str | Path | None = None) -> str | None:
    """Write a series as a text table, CSV, JSON Lines or Parquet; return the text
    when ``out`` is None (Parquet needs ``out``)."""
    if fmt not in SERIES_FORMATS:
        raise QueryError("format", f"{fmt!r} is not a series format; choose one of "
                                   f"{', '.join(SERIES_FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise QueryError("out", "--format parquet needs --out FILE")
        import pyarrow.parquet as pq

        pq.write_table(series.table, str(out))
        return None
    rows = series.to_dict()["rows"]
    if fmt == "jsonl":
        text = "".join(json.dumps(r) + "\n" for r in rows)
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=SERIES_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        text = buf.getvalue()
    else:
        cells = [[_cell(r[c]) for c in SERIES_COLUMNS] for r in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(SERIES_COLUMNS)]
        lines = ["  ".join(c.rjust(w) for c, w in zip(SERIES_COLUMNS, widths)),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in cells]
        text = "\n".join(lines) + "\n"
    if out is None:
        return text
    Path(out).write_text(text, encoding="utf-8")
    return None


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".") if v != int(v) else f"{v:.0f}"
    return str(v)
