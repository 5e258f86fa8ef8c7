"""Fixtures of the store tests."""

from __future__ import annotations

import pytest

from dyadwatch.store import Store


@pytest.fixture
def store():
    s = Store(":memory:")
    yield s
    s.close()
