"""Fixtures of the web tests: a small crisis store and an app over it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_builders import build_crisis_store

from dyadwatch.web import create_app


@pytest.fixture(scope="module")
def crisis_db(tmp_path_factory):
    return build_crisis_store(tmp_path_factory.mktemp("web") / "crisis.duckdb")


@pytest.fixture(scope="module")
def app(crisis_db):
    return create_app(crisis_db, linger=0.5)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c
