"""kill -9 of a `run` at random points loses nothing and leaves nothing half-written;
two `run`s on one store take turns.  Real processes (each loads spaCy: slow)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyadwatch.store import Store

from reliability_inputs import article

EXE = [sys.executable, "-m", "dyadwatch"]


def _folder(root: Path, name: str, first: int, n: int) -> Path:
    folder = root / name
    folder.mkdir()
    for k in range(first, first + n):
        (folder / f"story{k:03d}.txt").write_text(article(k), encoding="utf-8")
    return folder


def _run(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(EXE + ["run", str(folder), "--db", str(db), "--quiet", "--batch", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})


def _check_store(db: Path, expected_docs: int) -> dict[str, int]:
    """Every stored document is whole (its sentences and reports are there); no document
    twice; the stored events are what the stored reports give."""
    with Store(db) as s:
        docs = s.documents(limit=10_000).to_pylist()
        ids = [d["doc_id"] for d in docs]
        assert len(ids) == len(set(ids)) == expected_docs
        for d in docs:
            assert d["reports"] > 0, f"{d['source_path']} stored without its events"
            assert s.sentences(d["doc_id"]), f"{d['source_path']} stored without sentences"
        per_doc = {d["reports"] for d in docs}
        assert len(per_doc) == 1, f"documents coded alike hold different report counts {per_doc}"
        before = sorted(e.event_id for e in s.events(factual=None, sort="id"))
        s.reconsolidate()
        after = sorted(e.event_id for e in s.events(factual=None, sort="id"))
        assert before == after
        return s.counts()


@pytest.mark.slow
def test_kill_9_at_random_points_then_a_rerun_completes_without_loss_or_duplicates(tmp_path):
    folder = _folder(tmp_path, "in", 0, 10)
    db = tmp_path / "s.duckdb"
    rng = random.Random(15)
    kills = 0
    for _ in range(3):
        proc = _run(folder, db)
        deadline = time.monotonic() + 120
        while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 1.5))  # somewhere inside the writing of batches
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        if db.exists():
            with Store(db) as s:  # after each kill: what is stored is whole
                for d in s.documents(limit=10_000).to_pylist():
                    assert d["reports"] > 0 and s.sentences(d["doc_id"])
    assert kills >= 2, "the runs ended before they could be killed: make the input longer"
    final = _run(folder, db)
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert "lock" not in err.lower()
    counts = _check_store(db, expected_docs=10)
    assert counts["rejections"] == 0


@pytest.mark.slow
def test_two_runs_on_one_store_take_turns(tmp_path):
    db = tmp_path / "s.duckdb"
    a, b = _run(_folder(tmp_path, "a", 0, 3), db), _run(_folder(tmp_path, "b", 100, 3), db)
    outs = [p.communicate(timeout=300) for p in (a, b)]
    for p, (_out, err) in zip((a, b), outs):
        assert p.returncode == 0, err
        assert "lock" not in err.lower() and "Traceback" not in err
    _check_store(db, expected_docs=6)
