"""Readers are not locked out: the store is shared between processes (see store/lock.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from store_builders import make_event, make_result

from dyadwatch.errors import StoreBusy
from dyadwatch.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _save(store: Store, n: int) -> None:
    store.save(make_result(f"d{n}", f"body {n}", [make_event(f"d{n}", d=date(2020, 1, 1) + timedelta(days=5 * n))]))


def test_a_reader_gets_in_while_a_writer_lingers(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db, linger=30.0) as writer:
        _save(writer, 1)  # the writer keeps the file open (linger) ...
        t0 = time.monotonic()
        with Store(db, read_only=True, timeout=10) as reader:  # ... and lets go when asked
            assert reader.count() == 1
        assert time.monotonic() - t0 < 5
        _save(writer, 2)  # and takes it back
        assert writer.count() == 2


def test_a_writer_gets_in_while_a_reader_lingers(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as writer:
        _save(writer, 1)
    with Store(db, read_only=True, linger=30.0) as reader:
        assert reader.count() == 1
        t0 = time.monotonic()
        with Store(db, timeout=10) as writer:
            _save(writer, 2)
        assert time.monotonic() - t0 < 5
        assert reader.count() == 2  # the reader reopens and sees the new batch


def test_waiting_is_bounded_and_says_who_holds_the_store(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as writer, writer.session():  # an open session is never given up
        _save(writer, 1)
        with pytest.raises(StoreBusy, match=f"pid {os.getpid()}"):
            Store(db, read_only=True, timeout=0.3)


def test_writers_take_turns(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            with Store(db, timeout=30) as s:
                for n in range(start, start + 5):
                    _save(s, n)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k * 10,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 15


def test_a_process_outside_dyadwatch_gives_a_clear_busy_error(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db)!r})
            print("ready", flush=True)
            time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy, match="cannot open store"):
            Store(db, read_only=True, timeout=0.5)
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_events_and_status_work_while_a_run_writes(tmp_path):
    """The issue's case: `dyadwatch events` during a `dyadwatch run` on the same store."""
    db = tmp_path / "s.duckdb"
    exe = [sys.executable, "-m", "dyadwatch"]
    # the example articles (not the folder: its expected.json is no article, and a run
    # that rejects an input exits 1)
    from dyadwatch.jobs import example_files

    run = subprocess.Popen(exe + ["run", *map(str, example_files()), "--db", str(db), "--quiet",
                                  "--batch", "1"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads = []
    try:
        while run.poll() is None:
            if db.exists():
                for verb in (["events", "--limit", "3"], ["status"]):
                    r = subprocess.run(exe + verb + ["--db", str(db), "--wait", "60"],
                                       capture_output=True, text=True, timeout=120)
                    reads.append((verb[0], r.returncode, r.stderr))
            time.sleep(0.2)
    finally:
        out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert reads, "the run ended before any read could be tried"
    assert all(code == 0 for _, code, _ in reads), reads
    assert not any("lock" in e.lower() for _, _, e in reads)
    final = subprocess.run(exe + ["events", "--db", str(db)], capture_output=True, text=True)
    assert final.returncode == 0 and "IRN" in final.stdout
