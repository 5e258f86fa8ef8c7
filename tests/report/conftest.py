"""Fixtures of the report tests: the demo store, coded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, pipeline):
    """The shipped examples coded into a store file, as ``dyadwatch demo`` does."""
    from dyadwatch import jobs

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    _summary, store = jobs.demo(db, pipeline)
    store.close()
    return db
