"""Fixtures of the reliability tests: inputs written here, on our own sentences."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from dyadwatch import jobs

from reliability_inputs import article


@pytest.fixture(autouse=True)
def _shared_pipeline(pipeline, monkeypatch):
    """Jobs and CLI verbs reuse the session pipeline instead of loading spaCy again."""
    monkeypatch.setitem(jobs._DEFAULT, "p", pipeline)


@pytest.fixture()
def with_settings(pipeline):
    """The session pipeline with other ``Settings`` (the loaded model is shared)."""
    from dyadwatch.pipeline import Settings

    def make(**changes):
        p = copy.copy(pipeline)
        p.settings = Settings(**changes)
        return p

    return make


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"story{n}.txt").write_text(article(n), encoding="utf-8")
    return folder
