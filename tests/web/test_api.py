"""The REST API through FastAPI's test client, against the small crisis store."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from dyadwatch.analysis import dyad_series, escalation_episodes
from dyadwatch.store import EventQuery, Store
from dyadwatch.web import create_app


@pytest.fixture(scope="module")
def store(crisis_db):
    with Store(crisis_db, read_only=True) as s:
        yield s


def test_openapi_is_served_and_versioned(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "dyadwatch"
    paths = set(spec["paths"])
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/series",
            "/api/v1/episodes", "/api/v1/retaliations", "/api/v1/reciprocity",
            "/api/v1/export", "/api/v1/extract", "/api/v1/documents"} <= paths
    assert all(p.startswith("/api/v1/") for p in paths)
    # no page that loads Swagger from a CDN
    assert client.get("/docs").status_code == 404


def test_status_counts_the_store(client, store):
    body = client.get("/api/v1/status").json()
    assert body["counts"] == store.counts()
    assert body["writable"] is False


def test_documents_list_and_one_document(client):
    docs = client.get("/api/v1/documents", params={"limit": 2}).json()["documents"]
    assert len(docs) == 2
    one = client.get("/api/v1/documents/a2").json()
    assert one["document"]["title"] == "Pakistan strikes back in Iran"
    assert [s["index"] for s in one["sentences"]] == [0, 1, 2]
    assert {r["cameo"] for r in one["reports"]} == {"195", "161"}
    assert client.get("/api/v1/documents/nope").status_code == 404


def test_events_of_a_dyad_page_by_page(client, store):
    total = store.count(dyad="IRN-PAK")
    first = client.get("/api/v1/events", params={"dyad": "IRN-PAK", "limit": 3}).json()
    assert first["total"] == total == 8
    assert len(first["events"]) == 3 and first["next_offset"] == 3
    rest = client.get("/api/v1/events", params={"dyad": "IRN-PAK", "limit": 100,
                                                "offset": 3}).json()
    ids = [e["event_id"] for e in first["events"] + rest["events"]]
    assert ids == [e.event_id for e in store.events(dyad="IRN-PAK")]
    assert rest["next_offset"] is None


@pytest.mark.parametrize("params, expected", [
    ({"dyad": "IRN>PAK"}, dict(dyad="IRN>PAK")),  # directed by its separator
    ({"dyad": "PAK-IRN", "directed": "true"}, dict(dyad="PAK>IRN")),
    ({"root": "19"}, dict(roots=("19",))),
    ({"code": ["111", "13"]}, dict(codes=("111", "13"))),
    ({"quad_class": [1, 3]}, dict(quad_classes=(1, 3))),
    ({"since": "2024-01-17", "until": "2024-01-18"},
     dict(since="2024-01-17", until="2024-01-18")),
    ({"country": "IND"}, dict(country="IND")),
    ({"actor": "irnmil"}, dict(actor="IRNMIL")),  # codes are case-insensitive
    ({"text": "AMBASSADOR"}, dict(text="AMBASSADOR")),
    ({"factual": "false"}, dict(factual=False)),
    ({"factual": "all", "reports": "true"}, dict(factual=None, canonical=False)),
    ({"doc_id": "a1copy"}, dict(doc_id="a1copy")),
    ({"max_date_span": 0}, dict(max_date_span=0)),
])
def test_each_filter_matches_the_query_layer(client, store, params, expected):
    body = client.get("/api/v1/events", params=params).json()
    q = EventQuery(**expected)
    assert body["total"] == store.count(q) > 0
    assert [e["event_id"] for e in body["events"]] == [e.event_id for e in store.events(q)]


def test_sort_descending_by_goldstein(client):
    evs = client.get("/api/v1/events", params={"sort": "-goldstein"}).json()["events"]
    g = [e["goldstein"] for e in evs]
    assert g == sorted(g, reverse=True)


def test_a_canonical_event_lists_its_mentions(client, store):
    ev = store.events(dyad="IRN-PAK", codes=("195",), until="2024-01-16")[0]
    body = client.get(f"/api/v1/events/{ev.event_id}/reports").json()
    assert {r["doc_id"] for r in body["reports"]} == {"a1", "a1copy"}
    assert {r["document"]["outlet"] for r in body["reports"]} == {"ardent.example",
                                                                  "partner.example"}
    assert client.get("/api/v1/events/nope/reports").status_code == 404


def test_one_event_shows_its_sentence_in_its_document_and_why(client, store):
    ev = store.events(dyad="IRN-PAK", codes=("195",), until="2024-01-16")[0]
    det = client.get(f"/api/v1/events/{ev.event_id}").json()
    body, hl = det["document"]["body"], det["highlight"]
    assert body[hl["start"]:hl["end"]] == ev.sentence
    x = det["explanation"]
    assert x["trigger"] == "fired"
    assert x["source"]["code"] == "IRNMIL" and x["source"]["country_from"] == "mention"
    assert x["target"]["country_from"] == "demonym"
    assert "demonym" in x["target"]["country_from_text"]
    assert x["date"]["date"] == "2024-01-16" and x["date"]["rule"] == "weekday"
    assert x["place"]["location"]["name"] == "Panjgur"
    assert x["modality"]["modality"] == "asserted"
    assert x["code"]["cameo"] == "195" and x["code"]["quad_class"] == 4
    assert "Panjgur" in x["summary"]
    assert len(det["mentions"]) == 2 and det["canonical"] is True


def test_a_report_id_opens_too(client, store):
    rep = store.events(EventQuery(doc_id="a1copy", canonical=False, factual=None))[0]
    det = client.get(f"/api/v1/events/{rep.event_id}").json()
    assert det["canonical"] is False and det["document"]["doc_id"] == "a1copy"
    assert client.get("/api/v1/events/nope").status_code == 404


def test_dyads_are_listed_busiest_first(client):
    rows = client.get("/api/v1/dyads").json()["dyads"]
    assert [r["dyad"] for r in rows] == ["IRN-PAK", "IND-PAK"]
    assert rows[0]["directed"] == {"IRN>PAK": 5, "PAK>IRN": 3}


def test_series_matches_the_analysis(client, store):
    body = client.get("/api/v1/series", params={"dyad": "IRN-PAK", "freq": "D"}).json()
    ref = dyad_series(store, "IRN-PAK", "D").to_dict()
    assert [r["events"] for r in body["rows"]] == [r["events"] for r in ref["rows"]]
    assert sum(r["material_conflict"] for r in body["rows"]) == store.count(
        EventQuery(dyad="IRN-PAK", quad_classes=(4,), max_date_span=0)) == 3
    weekly = client.get("/api/v1/series", params={"dyad": "IRN-PAK", "freq": "W"}).json()
    assert sum(r["events"] for r in weekly["rows"]) == sum(r["events"] for r in body["rows"])


def test_episodes_links_and_reciprocity(client, store):
    eps = client.get("/api/v1/episodes", params={"dyad": "IRN-PAK"}).json()["episodes"]
    assert len(eps) == len(escalation_episodes(store, "IRN-PAK"))
    links = client.get("/api/v1/retaliations", params={"dyad": "IRN-PAK"}).json()["links"]
    assert any(k["action_code"] == "195" and k["response_code"] == "195" for k in links)
    rec = client.get("/api/v1/reciprocity", params={"dyad": "IRN-PAK"}).json()
    assert {r["initiator"] for r in rec["reciprocity"]} == {"IRN", "PAK"}


def test_exports_in_every_format(client, store):
    n = store.count(dyad="IRN-PAK")
    for fmt in ("csv", "jsonl", "gdelt", "icews", "plover"):
        r = client.get("/api/v1/export", params={"dyad": "IRN-PAK", "format": fmt})
        assert r.status_code == 200, (fmt, r.text)
        assert "attachment" in r.headers["content-disposition"]
        text = r.text.strip()
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(text)))
            assert len(rows) == n and {"event_id", "cameo"} <= set(rows[0])
        elif fmt in ("jsonl", "plover"):
            assert len([json.loads(x) for x in text.splitlines()]) == n
        else:
            assert len(text.splitlines()) in (n, n + 1)  # with or without a header
    r = client.get("/api/v1/export", params={"dyad": "IRN-PAK", "format": "parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == n


@pytest.mark.parametrize("url, status, field", [
    ("/api/v1/events?dyad=IRAN-PAK", 400, "dyad"),  # four letters
    ("/api/v1/events?dyad=IRN", 400, "dyad"),
    ("/api/v1/events?dyad=XXX-PAK", 400, "dyad"),  # not a country
    ("/api/v1/events?since=2024-02-30", 400, "since"),
    ("/api/v1/events?since=2024-02-01&until=2024-01-01", 400, "since"),
    ("/api/v1/events?root=21", 400, "root"),
    ("/api/v1/events?code=abc", 400, "code"),
    ("/api/v1/events?quad_class=5", 400, "quad_class"),
    ("/api/v1/events?quad_class=x", 422, "quad_class"),
    ("/api/v1/events?sort=nonsense", 400, "sort"),
    ("/api/v1/events?limit=1001", 422, "limit"),
    ("/api/v1/events?offset=-1", 422, "offset"),
    ("/api/v1/events?offset=99999999999999999999999999", 422, "offset"),
    ("/api/v1/events?factual=maybe", 422, "factual"),
    ("/api/v1/events?actor=IR", 400, "actor"),
    ("/api/v1/series?dyad=IRN-PAK&freq=Y", 422, "freq"),
    ("/api/v1/series", 422, "dyad"),
    ("/api/v1/export?format=xml", 422, "format"),
])
def test_malformed_requests_get_a_clear_4xx(client, url, status, field):
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["field"] == field and field in body["error"]


def test_a_huge_offset_is_an_empty_page(client):
    body = client.get("/api/v1/events", params={"offset": 10**12}).json()
    assert body["events"] == [] and body["next_offset"] is None


# -- extract: the parts that refuse before coding (no NLP needed) ------------------------
def test_a_read_only_server_refuses_to_store(client):
    r = client.post("/api/v1/extract?store=true", json={"text": "Iran spoke."})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Basic s3cret"}, 401),
])
def test_storing_needs_the_right_token(crisis_db, headers, status):
    with TestClient(create_app(crisis_db, token="s3cret")) as c:
        r = c.post("/api/v1/extract?store=true", json={"text": "x"}, headers=headers)
    assert r.status_code == status
    assert r.headers.get("www-authenticate") == "Bearer"


@pytest.mark.parametrize("content, ctype, status, words", [
    (b"{not json", "application/json", 400, "not valid JSON"),
    (b'{"text": "a", "html": "<p>a</p>"}', "application/json", 422, "exactly one"),
    (b'{"text": "   "}', "application/json", 422, "empty"),
    (b'{"text": 5}', "application/json", 422, "text"),
    (b'{"text": "a", "colour": "red"}', "application/json", 422, "colour"),
    (b'{"text": "a", "published": "yesterday"}', "application/json", 400, "published"),
    (b"\xff\xfe", "text/plain", 400, "UTF-8"),
    (b"a", "application/xml", 415, "not accepted"),
    (b"[1, 2]", "application/json", 422, "body"),
])
def test_bad_extract_bodies_get_a_clear_4xx(client, content, ctype, status, words):
    r = client.post("/api/v1/extract", content=content, headers={"Content-Type": ctype})
    assert r.status_code == status, r.text
    assert words in r.json()["error"]


def test_an_oversized_body_is_refused_before_it_is_read(crisis_db):
    with TestClient(create_app(crisis_db, max_body=1000)) as c:
        r = c.post("/api/v1/extract", json={"text": "word " * 500})
        assert r.status_code == 413 and "larger than 1000 bytes" in r.json()["error"]

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(50):
                yield b"x" * 100
        r = c.post("/api/v1/extract", content=chunks(), headers={"Content-Type": "text/plain"})
        assert r.status_code == 413


def test_the_date_floor_changes_no_answer(client, store):
    """The API bounds ``date`` by since minus the longest stored span (13 days here): an
    event dated 1-14 January still overlaps a window starting on the 10th."""
    assert store.longest_date_span() == 13
    body = client.get("/api/v1/events", params={"dyad": "IRN-PAK", "since": "2024-01-10",
                                                "until": "2024-01-16"}).json()
    q = EventQuery(dyad="IRN-PAK", since="2024-01-10", until="2024-01-16")
    assert body["total"] == store.count(q) == 2
    assert "040" in {e["cameo"] for e in body["events"]}  # the interval event
    assert store.count(EventQuery(dyad="IRN-PAK", since="2024-01-10", until="2024-01-16",
                                  date_floor="2024-01-02")) == 1  # a floor too high drops it
