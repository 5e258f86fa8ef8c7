"""kill -9 of a `run` in the middle of a huge document, while its chunks are written and
while it is published: readers never see a part of it, the written chunks are whole,
and the next run resumes (or publishes) it to the same store as an uninterrupted run.
Real processes (each loads spaCy: slow)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from dyadwatch import jobs
from dyadwatch.store import Store, staging

from test_staged_documents import _line, _snapshot

EXE = [sys.executable, "-m", "dyadwatch"]
CHUNK = 2000


# a `run` whose publish says when it starts and lingers 0.3 s per segment of events inside
# its transaction: a kill -9 after that line lands inside the publish transaction
SLOW_PUBLISH = """
import sys, time
from dyadwatch.store import stream
real = stream._segment
def slow(*a, **k):
    sys.stderr.write("publishing\\n")
    sys.stderr.flush()
    time.sleep(0.3)
    return real(*a, **k)
stream._segment = slow
from dyadwatch.cli import main
main()
"""


def _start(path, db, slow_publish: bool = False) -> subprocess.Popen:
    exe = [sys.executable, "-c", SLOW_PUBLISH] if slow_publish else EXE
    return subprocess.Popen(exe + ["run", str(path), "--db", str(db), "--quiet",
                                   "--chunk-chars", str(CHUNK), "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})


def _staged_now(db) -> dict | None:
    if not db.exists():
        return None
    try:
        # a reader, while the run writes; one session: one view of the store
        with Store(db, read_only=True, timeout=60) as s, s.session():
            rows = staging.staged(s)
            counts = s.counts()
            # readers see either nothing of the document or all of it, never a part
            if rows:
                assert counts["documents"] == counts["sentences"] == counts["reports"] \
                    == counts["events"] == 0, counts
            else:
                assert counts["documents"] == 0 or counts["events"] > 0, counts
    except Exception as exc:  # noqa: BLE001 - the file may still be being created
        if "no store" in str(exc) or "not a dyadwatch store" in str(exc):
            return None
        raise
    return rows[0] if rows else None


def _check_staged_whole(db) -> int:
    """What is written of the unpublished document is exactly ``chunks_done`` whole
    chunks (hidden in ``sentences`` and ``reports``): their sentence count matches,
    every report's sentence is there, and no canonical event holds any of them."""
    with Store(db) as s, s._use() as con:
        (row,) = staging.staged(s)
        done, sentences = con.execute(
            "SELECT chunks_done, sentences_done FROM staged_documents").fetchall()[0]
        n_sent, top = con.execute("SELECT count(*), max(idx) FROM sentences").fetchall()[0]
        assert n_sent == sentences and (top is None or top == sentences - 1)
        orphans = con.execute("SELECT count(*) FROM reports WHERE sentence_index >= ?",
                              [sentences]).fetchall()[0][0]
        assert orphans == 0
        chunks = {r[0] for r in con.execute(
            "SELECT DISTINCT CAST(json_extract(evidence, '$.chunk.index') AS INTEGER) "
            "FROM reports").fetchall()}
        assert chunks <= set(range(done))
        assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 0
        assert s.counts()["reports"] == s.counts()["sentences"] == 0
        return int(done)


def _check_all_or_nothing(db) -> str:
    """After a kill around the publish: either the document is published whole (no
    staging left) or nothing of it is visible and every chunk is still written."""
    with Store(db) as s:
        rows = staging.staged(s)
        counts = s.counts()
    if rows:
        (row,) = rows
        assert counts["documents"] == counts["reports"] == counts["events"] == 0, counts
        _check_staged_whole(db)
        if row["chunks_done"] < row["chunks"]:
            return f"before the last chunk ({row['chunks_done']}/{row['chunks']} written)"
        return "inside the publish, before its commit"
    assert counts["documents"] == 1 and counts["reports"] > 0 and counts["events"] > 0
    return "after the commit"


@pytest.mark.slow
def test_kill_9_inside_a_huge_document_then_resume(tmp_path, with_settings):
    big = tmp_path / "one-line.txt"
    # ~130,000 characters: ~65 chunks of 2,000 (a batch of the coding stream holds up to
    # 64 of them: they are coded, then staged one transaction each, in a burst)
    big.write_text(_line(400), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rng = random.Random(15)
    kills, staged_at_kill = 0, []
    for _ in range(1):
        target = (staged_at_kill[-1] if staged_at_kill else 0) + rng.randint(2, 12)
        proc = _start(big, db)
        try:
            deadline = time.monotonic() + 180
            while proc.poll() is None and time.monotonic() < deadline:
                row = _staged_now(db)
                if row is not None and row["chunks_done"] >= target:
                    proc.send_signal(signal.SIGKILL)
                    kills += 1
                    break
                time.sleep(0.02)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=60)
        if not staged_at_kill or _staged_now(db) is not None:
            staged_at_kill.append(_check_staged_whole(db))
    print(f"kills: {kills}; chunks staged after each kill: {staged_at_kill}")
    assert kills >= 1 and staged_at_kill[0] >= 2
    # then once more, killed inside its publish transaction, at a random moment after the
    # consolidation of its first segment began (each lingers 0.3 s: SLOW_PUBLISH)
    proc = _start(big, db, slow_publish=True)
    landed = "no kill"
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip() == "publishing":
                time.sleep(rng.uniform(0, 0.25))
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        if proc.poll() is None:
            time.sleep(0.5)
            proc.kill()
        proc.communicate(timeout=60)
    if proc.returncode == -signal.SIGKILL:
        landed = _check_all_or_nothing(db)
    print(f"kill around the publish: {landed}")
    assert landed == "inside the publish, before its commit"
    final = _start(big, db)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    with Store(db) as s:
        resumed = _snapshot(s)
    with Store(tmp_path / "once.duckdb") as s:
        jobs.run([big], s, with_settings(chunk_chars=CHUNK))
        once = _snapshot(s)
    assert resumed == once  # 0 events lost, 0 doubled
