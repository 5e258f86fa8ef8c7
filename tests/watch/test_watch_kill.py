"""kill -9 of a `dyadwatch watch` process at random points, then restart: nothing lost,
nothing doubled, the store consistent, and every recorded alert delivered exactly once.

The subprocess watches a feed on the local site whose pages answer slowly, committing
two items per transaction, so kills land before, between and inside commits and during
alert evaluation.  After each kill the store is checked; after a final clean run it must
equal an uninterrupted run of the same items.  DYADWATCH_KILL_SEED varies the points,
DYADWATCH_KILLS (3) sets how many kills (docs/watch.md reports a run of 12).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from watch_server import FeedItem, Site, SiteServer

from dyadwatch.store import EventQuery, Store
from dyadwatch.store.watchstate import WatchState
from dyadwatch.watch import Fetcher, FetchSettings, Watcher, load_rules

SRC = Path(__file__).resolve().parents[2] / "src"
PAGES = ["taftan-clash.html", "sistan-strike.html", "mirjaveh-raid.html", "envoys-meet.html",
         "gwadar-port.html", "chabahar-talks.html"]
RULES = """[[rule]]
name = "force"
kind = "root_between"
countries = ["IRN", "PAK"]
roots = ["18", "19", "20"]

[[rule]]
name = "episode"
kind = "new_episode"
dyad = "IRN-PAK"
"""


def items(today: str, n: int) -> list[FeedItem]:
    """The first ``n`` items: every page, then copies of them under other URLs (exact
    duplicates are coded and stored too: each is another source of the same events)."""
    out = [FeedItem(f"slow/{p}", p, today) for p in PAGES]
    copy = 0
    while len(out) < n:
        copy += 1
        out += [FeedItem(f"slow/{p}?copy={copy}", p, today, guid=f"copy{copy}-{p}")
                for p in PAGES]
    return out[:n]


def n_items(k: int) -> int:
    """Items on the feed at the k-th start: 8, then 12, then two more per start."""
    return 8 if k < 2 else 12 + 2 * (k - 2)


def snapshot(db: Path) -> dict:
    """What must hold in any state the store is left in."""
    with Store(db) as store:
        state = WatchState(store)
        rows = state.items()
        docs = {d["doc_id"]: d["reports"] for d in store.documents(limit=10_000).to_pylist()}
        reports = store.events(EventQuery(canonical=False, factual=None, limit=100_000))
        events = store.events(EventQuery(factual=None, limit=100_000))
        alerts = state.alerts()
        canon = sorted((e.event_id, tuple(sorted(e.reports))) for e in events)
        store.reconsolidate()
        again = sorted((e.event_id, tuple(sorted(e.reports)))
                       for e in store.events(EventQuery(factual=None, limit=100_000)))
    stored = [r for r in rows if r["status"] in ("stored", "known")]
    return {"items": sorted(r["item_key"] for r in rows),
            "item_docs": sorted(r["doc_id"] for r in stored),
            "docs": docs, "report_ids": [r.event_id for r in reports],
            "canon": canon, "canon_again": again, "alerts": alerts}


def check_consistent(snap: dict, expected_reports: dict[str, int]) -> None:
    assert len(snap["items"]) == len(set(snap["items"]))  # no item handled twice
    assert sorted(snap["docs"]) == snap["item_docs"]  # stored <=> marked seen
    for doc_id, n in snap["docs"].items():  # no half-written document
        assert n == expected_reports[doc_id], doc_id
    assert len(snap["report_ids"]) == len(set(snap["report_ids"]))
    assert snap["canon"] == snap["canon_again"]  # events equal a full re-derivation


def jsonl_keys(path: Path) -> list[str]:
    if not path.exists():
        return []
    keys = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            keys.append(json.loads(line)["alert_key"])
        except json.JSONDecodeError:  # a line a kill cut short: it is written again whole
            continue
    return keys


def start(feed: str, db: Path, rules: Path, log: Path, once: bool = False
          ) -> subprocess.Popen:
    """A watch subprocess; its output goes to ``log`` (a pipe nobody reads could fill)."""
    cmd = [sys.executable, "-m", "dyadwatch", "watch", feed, "--db", str(db), "--alerts",
           str(rules), "--batch", "2", "--interval", "1s", "--timeout", "5"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with open(log, "ab") as fh:
        return subprocess.Popen(cmd + (["--once"] if once else []), env=env, stdout=fh,
                                stderr=subprocess.STDOUT)


@pytest.mark.slow
def test_kill_9_at_random_points_loses_and_doubles_nothing(tmp_path, pipeline):
    rng = random.Random(int(os.environ.get("DYADWATCH_KILL_SEED", "15")))
    today = datetime.now(timezone.utc).date().isoformat()
    rules = tmp_path / "alerts.toml"
    rules.write_text(RULES, encoding="utf-8")
    out = tmp_path / "kill.alerts.jsonl"  # the default: beside the store
    with SiteServer(Site(slow_seconds=0.25)) as site:
        feed = site.url("feed.xml")
        kills = int(os.environ.get("DYADWATCH_KILLS", "3"))
        total = n_items(kills)
        # the reference: the same items, watched once without interruption
        site.items = items(today, total)
        ref_db = tmp_path / "ref.duckdb"
        with Store(ref_db) as ref_store:
            Watcher([feed], ref_store, pipeline, Fetcher(FetchSettings(timeout=5)),
                    load_rules(rules, tmp_path / "ref.jsonl")).cycle()
        ref = snapshot(ref_db)
        assert len(ref["docs"]) == total and sum(ref["docs"].values()) > 10

        db = tmp_path / "kill.duckdb"
        log = []
        t_start = time.monotonic()
        for k in range(kills):
            site.items = items(today, n_items(k))  # more appear while the watch is down
            n_log = len(site.log)
            proc = start(feed, db, rules, tmp_path / "watch.log")
            try:
                # where to kill: after the 3rd article fetch plus a random pause (items are
                # committed two by two, so the kill lands before, between or inside
                # commits); then the moment an alert reaches the JSONL file (before it is
                # marked delivered); then after the 2nd fetch plus a pause; then random
                # fetch counts, or the next poll
                alert_size = out.stat().st_size if out.exists() else 0
                pages = (3, 0, 2)[k] if k < 3 else rng.choice([1, 2, 3, 4, 5, 6, 7, 99])
                delay = 0.0 if k == 1 else rng.uniform(0.0, 1.0)
                deadline = time.monotonic() + 180

                def due() -> bool:
                    if k == 1:
                        return (out.stat().st_size if out.exists() else 0) > alert_size
                    new = site.log[n_log:]
                    return sum(p.startswith("/slow/") for p, _, _ in new) >= pages or \
                        sum(p == "/feed.xml" for p, _, _ in new) >= 2  # idle: next poll

                while proc.poll() is None and not due():
                    assert time.monotonic() < deadline, "watch never got there"
                    time.sleep(0.01 if k == 1 else 0.02)
                if k == 2:  # a reader is not locked out while the watch runs
                    t0 = time.monotonic()
                    st = subprocess.run([sys.executable, "-m", "dyadwatch", "status", "--db",
                                         str(db)], env={**os.environ, "PYTHONPATH": str(SRC)},
                                        capture_output=True, text=True, timeout=120)
                    assert st.returncode == 0 and "documents" in st.stdout, st.stderr
                    log.append(("status", round(time.monotonic() - t0, 1)))
                time.sleep(delay)
                assert proc.poll() is None, (tmp_path / "watch.log").read_text()[-2000:]
                os.kill(proc.pid, signal.SIGKILL)
            finally:
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            snap = snapshot(db)
            check_consistent(snap, ref["docs"])
            delivered = [a for a in snap["alerts"] if a["delivered"]]
            keys = jsonl_keys(out)
            assert len(keys) == len(set(keys))
            assert {a["alert_key"] for a in delivered} <= set(keys)
            log.append(("alert" if k == 1 else pages, round(delay, 2), len(snap["docs"]),
                        len(snap["alerts"]), round(time.monotonic() - t_start, 1)))

        # the last restart finishes the work: in this process (a fresh Store on the killed
        # file, as a new process would open it) to spare a fourth spaCy load
        site.items = items(today, total)
        with Store(db) as store:
            Watcher([feed], store, pipeline, Fetcher(FetchSettings(timeout=5)),
                    load_rules(rules, out)).cycle()
        final = snapshot(db)
        check_consistent(final, ref["docs"])
        assert final["docs"] == ref["docs"]  # nothing lost: every item stored once
        assert final["canon"] == ref["canon"]  # the same canonical events
        keys = jsonl_keys(out)
        assert sorted(keys) == sorted(a["alert_key"] for a in final["alerts"])  # each once
        assert all(a["delivered"] for a in final["alerts"])
        print("\nkills (pages fetched, then pause s; documents stored, alerts recorded; "
              f"elapsed s): {log}")
        print(f"reference and final: {len(ref['docs'])} documents, {len(ref['report_ids'])} "
              f"reports, {len(ref['canon'])} events; alerts {len(keys)}")
