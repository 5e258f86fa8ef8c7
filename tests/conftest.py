"""Shared fixtures: the spaCy model and the full pipeline are loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _one_worker(monkeypatch):
    """CLI verbs code in this process (``--workers`` defaults to the number of cores):
    starting worker processes that load the model again would slow every CLI test.
    tests/scale/ starts real workers."""
    monkeypatch.setenv("DYADWATCH_WORKERS", "1")


@pytest.fixture(scope="session")
def nlp():
    from dyadwatch.text import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():
    from dyadwatch.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present in this checkout")
    return SHARED


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium (Debian's package, driven by playwright), started once per session;
    ``chromium.page()`` gives an isolated page and the log of its errors and requests.
    Skips the test when Chromium or playwright is missing.  See tests/browser.py."""
    from browser import chromium_session

    with chromium_session() as browser:
        yield browser
