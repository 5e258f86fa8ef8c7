"""Shared by the actor tests: the default dictionary, built once per module that asks (the
phrase-table check itself is in ``actor_tables.py``)."""

from __future__ import annotations

import pytest

from dyadwatch.actors import ActorDictionary


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.default()
