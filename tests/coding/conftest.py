"""Fixtures shared by the coder tests: spaCy + the actor dictionary, built once per session."""

from __future__ import annotations

import pytest

from dyadwatch.coding import Coder


class CodingEnv:
    """spaCy + actor dictionary, built here so that other stages' state does not matter."""

    def __init__(self) -> None:
        from dyadwatch.actors import ActorDictionary
        from dyadwatch.text import load_nlp

        self.actors = ActorDictionary.default()
        self.nlp = load_nlp(extra_patterns=self.actors.entity_patterns())


@pytest.fixture(scope="session")
def env() -> CodingEnv:
    return CodingEnv()


@pytest.fixture(scope="session")
def coder(env: CodingEnv) -> Coder:
    return Coder(env.actors)
