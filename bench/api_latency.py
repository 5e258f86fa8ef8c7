"""Latency of `dyadwatch serve` on a store of one million events, from a client.

Usage::

    .venv/bin/python bench/api_latency.py [--events 1000000] [--db PATH] [--repeat 200]

Builds (once, then reuses) the synthetic store of ``bench/analysis_speed.py`` (canonical
events over ten years and ~120 countries, busy dyads following a Zipf law) plus one
report link per event, in ``--db`` (default: a file in the temp directory).  ``--order
date`` (default) stores the rows in date order, as ingest appends them; ``--order random``
scatters them (every row group holds every date: the worst case for a date range).  Starts
``dyadwatch serve`` on 127.0.0.1 in its own process, and times from an HTTP client
(keep-alive) on this machine, over the 20 busiest dyads and random 90-day windows:

* ``events``: ``GET /api/v1/events?dyad=..&since=..&until=..&limit=100``  (goal p95 <= 50 ms)
* ``series``: ``GET /api/v1/series?dyad=..&freq=D&since=..&until=..``     (goal p95 <= 50 ms)
* ``dashboard``: ``GET /`` (the busiest dyad, its last 90 days: the page as first opened;
  after the first request it comes from the cache until the store changes) and ``GET
  /?dyad=..&since&until`` (a new window each time: never cached) (goal p95 <= 200 ms)

For each, the same query run in this process on raw DuckDB (a read-only connection,
the SQL the store runs for the page of events or the daily counts, date floor included)
is the baseline; the ratio is p95 / baseline p95.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

GOALS = {"events": 50.0, "series": 50.0, "dashboard /": 200.0, "dashboard range": 200.0}


def build(db: Path, n: int, order: str) -> None:
    from analysis_speed import build as build_events

    from dyadwatch.store import Store

    build_events(db, n, order=order)
    with Store(db) as store, store._transaction() as con:  # bench only: bulk-load a fixture
        con.execute("INSERT INTO event_reports (event_id, report_id, doc_id) "
                    "SELECT event_id, event_id || '-r', doc_id FROM events")


def pct(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def windows(dyads: list[str], k: int, seed: int = 3) -> list[tuple[str, date, date]]:
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650 - 90))
        out.append((rng.choice(dyads), start, start + timedelta(days=89)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--order", choices=["date", "random"], default="date",
                    help="rows in date order (as ingest appends them) or scattered (worst case)")
    args = ap.parse_args(argv)
    db = Path(args.db or Path(tempfile.gettempdir()) /
              f"dyadwatch-api-{args.events}-{args.order}.duckdb")

    import duckdb
    import httpx

    from dyadwatch.store import EventQuery, Store
    from dyadwatch.store.rows import EVENT_COLUMN_NAMES

    if not db.exists():
        t0 = time.perf_counter()
        build(db, args.events, args.order)
        print(f"built {db} ({args.events} events) in {time.perf_counter() - t0:.1f} s")
    with Store(db, read_only=True) as store:
        top = [r["dyad"] for r in store.dyads().to_pylist()[:20]]
        total = store.count(EventQuery(factual=None))
    print(f"{db}: {total} events stored in {args.order} order; the 20 busiest dyads from "
          f"{top[0]}")

    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(HERE.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    server = subprocess.Popen([sys.executable, "-m", "dyadwatch", "serve", "--db", str(db),
                               "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, timeout=60)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if client.get("/api/v1/status").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("the server did not start:", server.stderr.read() if server.stderr else "")
                return 1
            time.sleep(0.2)

        wins = windows(top, args.repeat)

        def http(path_of) -> list[float]:
            for w in wins[:5]:  # warm: first imports, plotly figure code, caches
                assert client.get(path_of(w)).status_code == 200
            ms = []
            for w in wins:
                t0 = time.perf_counter()
                r = client.get(path_of(w))
                ms.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, r.text[:300]
            return ms

        con = duckdb.connect(str(db), read_only=True)

        def raw(sql_of) -> list[float]:
            ms = []
            for w in wins[:5] + wins:
                sql, params = sql_of(w)
                t0 = time.perf_counter()
                con.execute(sql, params).fetchall()
                ms.append((time.perf_counter() - t0) * 1000)
            return ms[5:]

        with Store(db, read_only=True) as st:
            span = st.longest_date_span()

        def q(w) -> EventQuery:  # the query the server runs (with its date floor)
            return EventQuery(dyad=w[0], since=w[1], until=w[2],
                              date_floor=w[1] - timedelta(days=span))

        def events_sql(w):
            where, params = q(w).where()
            return (f"SELECT {', '.join(EVENT_COLUMN_NAMES)}, sources FROM events {where} "
                    f"{q(w).order_by()} LIMIT 100", params)

        def series_sql(w):
            where, params = q(w).where()
            return (f"SELECT date, count(*), count(*) FILTER (WHERE quad_class = 4), "
                    f"sum(goldstein) FROM events {where} GROUP BY date ORDER BY date", params)

        rows = [
            ("events", lambda w: f"/api/v1/events?dyad={w[0]}&since={w[1]}&until={w[2]}"
                                 "&limit=100", events_sql),
            ("series", lambda w: f"/api/v1/series?dyad={w[0]}&freq=D&since={w[1]}"
                                 f"&until={w[2]}", series_sql),
            ("dashboard /", lambda w: "/", events_sql),
            ("dashboard range", lambda w: f"/?dyad={w[0]}&since={w[1]}&until={w[2]}",
             events_sql),
        ]
        print(f"{len(wins)} requests per route, client and server on this machine "
              f"({os.cpu_count()} cores)")
        print(f"{'route':<17}{'p50 ms':>9}{'p95 ms':>9}{'goal':>8}{'raw p95':>10}{'ratio':>8}")
        missed = 0
        for name, path_of, sql_of in rows:
            p50, p95 = pct(http(path_of))
            r50, r95 = pct(raw(sql_of))
            ok = p95 <= GOALS[name]
            missed += not ok
            print(f"{name:<17}{p50:>9.1f}{p95:>9.1f}{GOALS[name]:>7.0f}{'' if ok else '!':1}"
                  f"{r95:>10.2f}{p95 / max(r95, 1e-6):>7.1f}x")
        con.close()
        print("all goals met" if not missed else f"{missed} goal(s) missed (marked !)")
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
