"""POST /api/v1/extract with the real pipeline: coding, storing with the token, safety."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from web_builders import build_crisis_store

from dyadwatch.store import Store
from dyadwatch.web import create_app

ARTICLE = (
    "ISLAMABAD, 20 January 2024 — Pakistan's air force struck militant hideouts inside Iran "
    "on Friday, the army said.\n\nIran's foreign ministry condemned the strikes on Saturday "
    "and summoned Pakistan's ambassador.")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder(crisis_db, pipeline):
    with TestClient(create_app(crisis_db, pipeline=pipeline)) as c:
        yield c


def test_an_article_is_coded_and_explained(coder):
    r = coder.post("/api/v1/extract", json={"text": ARTICLE, "published": "2024-01-20"})
    assert r.status_code == 200, r.text
    body = r.json()
    got = {(e["source"]["code"], e["cameo"]) for e in body["events"]}
    assert ("PAKMIL", "195") in got and ("IRNGOV", "111") in got
    strike = next(e for e in body["events"] if e["cameo"] == "195")
    assert strike["date"] == "2024-01-19"
    assert strike["evidence"]["why"] and strike["evidence"]["trigger_text"] == "struck"
    sent = next(s for s in body["sentences"] if s["index"] == strike["sentence_index"])
    assert body["document"]["body"][sent["start"]:sent["end"]] == strike["sentence"]
    assert body["stored"] is None


def test_html_and_plain_bodies_are_coded_too(coder):
    html = f"<html><body><article><h1>Strikes</h1><p>{ARTICLE}</p></article></body></html>"
    r = coder.post("/api/v1/extract", json={"html": html, "published": "2024-01-20"})
    assert r.status_code == 200 and any(e["cameo"] == "195" for e in r.json()["events"])
    r = coder.post("/api/v1/extract?published=2024-01-20", content=ARTICLE.encode(),
                   headers={"Content-Type": "text/plain"})
    assert r.status_code == 200 and any(e["cameo"] == "195" for e in r.json()["events"])


def test_a_file_path_is_coded_as_text_never_read(coder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Iran's army attacked Pakistan's army on Monday.")
    r = coder.post("/api/v1/extract", json={"text": str(secret)})
    assert r.status_code == 200
    assert r.json()["document"]["body"] == str(secret) and r.json()["events"] == []


def test_storing_with_the_token_adds_the_document(tmp_path, pipeline):
    db = build_crisis_store(tmp_path / "w.duckdb")
    with Store(db, read_only=True) as s:
        before = s.counts()["documents"]
    with TestClient(create_app(db, token="s3cret", pipeline=pipeline)) as c:
        r = c.post("/api/v1/extract?store=true", json={"text": ARTICLE, "title": "Strikes"},
                   headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200, r.text
        assert r.json()["stored"]["stored"] is True and r.json()["stored"]["reports"] >= 2
        docs = c.get("/api/v1/documents").json()["documents"]
        assert any(d["title"] == "Strikes" for d in docs)
        assert c.get("/api/v1/status").json()["counts"]["documents"] == before + 1
    shutil.rmtree(tmp_path, ignore_errors=True)
