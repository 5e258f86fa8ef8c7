"""Fixtures shared by the coder tests: spaCy + the actor dictionary, built once per session."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

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


def load_tool(name: str) -> ModuleType:
    """A script of ``tools/`` imported as a module (``load_tool("convert_petrarch_verbs")``)."""
    path = Path(__file__).resolve().parents[2] / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def tool():
    """``tool("convert_petrarch_discards")``: the tools/ script as a module."""
    return load_tool
