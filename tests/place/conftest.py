"""Fixtures for the place tests: the shipped gazetteer and a spaCy pipeline with
its entity patterns (as dyadwatch.pipeline builds it)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def gazetteer():
    from dyadwatch.place import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def place_nlp(gazetteer):
    from dyadwatch.text import load_nlp

    return load_nlp(extra_patterns=gazetteer.entity_patterns())
