"""Fixtures of the analysis tests: the demo store, coded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, pipeline):
    """The shipped examples coded into a store (what ``dyadwatch demo`` writes)."""
    from dyadwatch import jobs
    from dyadwatch.store import Store

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    _, store = jobs.demo(db, pipeline=pipeline)
    store.close()
    s = Store(db, read_only=True, linger=5.0)
    yield s
    s.close()
