"""How fast a dyad's series and crisis analysis are read from a large store.

Usage::

    .venv/bin/python bench/analysis_speed.py [--events 1000000] [--db PATH] [--repeat 50]

Builds (once, then reuses) a synthetic store of ``--events`` canonical events
over ten years and ~120 countries, with a few busy dyads (a Zipf law), in
``--db`` (default: a file in the temp directory).  Then, on a lingering
read-only store -- how ``serve`` reads it -- times:

* the baseline: ``Store.count`` of the busiest dyad (one indexed query);
* ``dyad_series`` daily, weekly and monthly for the busiest dyad, and the
  daily series of a mid-sized dyad;
* ``escalation_episodes``, ``retaliations`` and ``trend_arrows`` of the busiest dyad.

Prints p50/p95 milliseconds and each p95 as a ratio of the baseline's p95.
The web issue's goal: daily series p95 <= 50 ms on a 1M-event store.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa


def build(db: Path, n: int, seed: int = 7, order: str = "random") -> None:
    """``order`` "date" stores the events in date order, as a run over an archive or a
    watch appends them; "random" scatters every date over every row group."""
    from dyadwatch._resources import cameo_table, country_codes
    from dyadwatch.store import Store
    from dyadwatch.store.rows import EVENT_COLUMNS

    rng = np.random.default_rng(seed)
    countries = np.array(sorted(c for c in country_codes() if len(c) == 3 and c.isalpha())[:120])
    # busiest pairs first: Zipf over 2000 random directed pairs
    pairs = rng.choice(len(countries), size=(2000, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    weights = 1.0 / np.arange(1, len(pairs) + 1) ** 1.1
    pick = rng.choice(len(pairs), size=n, p=weights / weights.sum())
    src = countries[pairs[pick, 0]]
    tgt = countries[pairs[pick, 1]]
    table = cameo_table()
    codes = np.array([c for c, i in table.items() if len(c) >= 3])
    code = codes[rng.integers(0, len(codes), n)]
    quad = np.array([table[c].quad_class for c in code], dtype=np.int32)
    gold = np.array([table[c].goldstein for c in code])
    day0 = np.datetime64("2015-01-01")
    dates = day0 + rng.integers(0, 3650, n).astype("timedelta64[D]")
    dyad = np.where(src < tgt, np.char.add(np.char.add(src, "-"), tgt),
                    np.char.add(np.char.add(tgt, "-"), src))
    ids = np.char.add("e", np.char.zfill(np.arange(n).astype(str), 16))
    docs = np.char.add("d", (np.arange(n) // 3).astype(str))
    cols = {name: None for name, _ in EVENT_COLUMNS}
    cols.update({
        "event_id": ids, "doc_id": docs, "sentence_index": np.zeros(n, np.int32),
        "sentence": np.full(n, "A synthetic sentence about two countries."),
        "source_code": np.char.add(src, "GOV"), "source_country": src,
        "target_code": np.char.add(tgt, "GOV"), "target_country": tgt,
        "dyad_target": tgt, "dyad": dyad, "cameo": code,
        "root": np.array([c[:2] for c in code]), "quad_class": quad, "goldstein": gold,
        "date": dates, "date_precision": np.full(n, "day"), "modality": np.full(n, "asserted"),
        "factual": np.ones(n, bool), "confidence": np.full(n, 0.8), "published": dates,
        "evidence": np.full(n, "{}"),
    })
    arrays = {}
    for name, typ in EVENT_COLUMNS:
        v = cols[name]
        at = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(),
              "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
              "BOOLEAN": pa.bool_(), "INTEGER[]": pa.list_(pa.int32())}[typ]
        arrays[name] = pa.nulls(n, at) if v is None else pa.array(v, type=at)
    arrays["block"] = pa.array(np.full(n, "b"))
    arrays["n_reports"] = pa.array(np.ones(n, np.int32))
    arrays["n_sources"] = pa.array(np.ones(n, np.int32))
    arrays["sources"] = pa.array([[d] for d in docs.tolist()], type=pa.list_(pa.string()))
    data = pa.table(arrays)
    if order == "date":
        data = data.sort_by([("date", "ascending"), ("event_id", "ascending")])
    with Store(db) as store, store._transaction() as con:  # bench only: bulk-load a fixture
        con.register("_bench_events", data)
        con.execute(f"INSERT INTO events ({', '.join(data.column_names)}) "
                    f"SELECT {', '.join(data.column_names)} FROM _bench_events")
        con.unregister("_bench_events")


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm
    ms = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1000)
    ms.sort()
    return statistics.median(ms), ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args(argv)
    db = Path(args.db or Path(tempfile.gettempdir()) / f"dyadwatch-bench-{args.events}.duckdb")

    from dyadwatch.analysis import (
        dyad_series,
        escalation_episodes,
        retaliations,
        trend_arrows,
    )
    from dyadwatch.store import EventQuery, Store

    if not db.exists():
        t0 = time.perf_counter()
        build(db, args.events)
        print(f"built {db} ({args.events} events) in {time.perf_counter() - t0:.1f} s")
    with Store(db, read_only=True, linger=30.0) as store:
        dyads = store.dyads().to_pylist()
        big, mid = dyads[0], dyads[min(len(dyads) - 1, 50)]
        print(f"{db}: {sum(d['events'] for d in dyads)} events in {len(dyads)} dyads; "
              f"busiest {big['dyad']} ({big['events']}), mid {mid['dyad']} ({mid['events']})")
        base = timed(lambda: store.count(EventQuery(dyad=big["dyad"])), args.repeat)
        print(f"baseline count({big['dyad']}): p50 {base[0]:.1f} ms, p95 {base[1]:.1f} ms")
        jobs = [
            (f"series D {big['dyad']}", lambda: dyad_series(store, big["dyad"], "D")),
            (f"series W {big['dyad']}", lambda: dyad_series(store, big["dyad"], "W")),
            (f"series M {big['dyad']}", lambda: dyad_series(store, big["dyad"], "M")),
            (f"series D {mid['dyad']}", lambda: dyad_series(store, mid["dyad"], "D")),
            (f"episodes {big['dyad']}", lambda: escalation_episodes(store, big["dyad"])),
            (f"retaliations {big['dyad']}", lambda: retaliations(store, big["dyad"])),
            (f"arrows M {big['dyad']}", lambda: trend_arrows(store, big["dyad"], "M")),
        ]
        for name, fn in jobs:
            p50, p95 = timed(fn, args.repeat if "series" in name else max(5, args.repeat // 10))
            print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"({p95 / max(base[1], 1e-6):.1f}x baseline p95)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
