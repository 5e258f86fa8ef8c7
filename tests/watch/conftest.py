"""Fixtures of the watch tests: a local site on 127.0.0.1 and a quick fetcher."""

from __future__ import annotations

import pytest
from watch_server import Site, SiteServer


@pytest.fixture
def site():
    with SiteServer(Site()) as s:
        yield s


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps):
    """Short timeouts, two retries, backoff waits recorded instead of slept."""
    from dyadwatch.watch import Fetcher, FetchSettings

    return Fetcher(FetchSettings(timeout=1.0, retries=2, backoff=0.5, max_backoff=4.0,
                                 max_bytes=200_000), sleep=sleeps.append)
