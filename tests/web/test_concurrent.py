"""The server keeps serving while another process writes the same store."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_builders import build_crisis_store

from dyadwatch.web import create_app

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
WRITES = 12


@pytest.mark.slow
def test_reads_go_on_while_a_writer_stores_batches(tmp_path):
    db = build_crisis_store(tmp_path / "busy.duckdb")
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path[:0] = [{str(HERE)!r}, {str(SRC)!r}]
        from web_builders import extra_result
        from dyadwatch.store import Store
        t0 = time.monotonic()
        for n in range({WRITES}):
            with Store({str(db)!r}, timeout=60) as st:
                st.save(extra_result(n))
            time.sleep(0.05)
        print(round(time.monotonic() - t0, 2))
        """)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[tuple[int, int]] = []
    with TestClient(create_app(db, linger=5.0, wait=30.0)) as c:
        try:
            while writer.poll() is None:
                r = c.get("/api/v1/events", params={"dyad": "IRN-PAK", "limit": 1})
                page = c.get("/")
                seen.append((r.status_code, r.json().get("total", -1)))
                assert page.status_code == 200
        finally:
            out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        final = c.get("/api/v1/status").json()["counts"]["documents"]
        last_total = c.get("/api/v1/events", params={"dyad": "IRN-PAK"}).json()["total"]
    assert seen, "the writer finished before any read"
    assert all(status == 200 for status, _ in seen), seen
    totals = [t for _, t in seen]
    assert totals == sorted(totals)  # the reads see the writes as they land
    assert final == 5 + WRITES  # every document the writer stored is seen
    assert last_total > 8 and totals[0] <= last_total
    # the lingering reader let go each time: twelve short writes took seconds, not minutes
    assert float(out.strip()) < 30
