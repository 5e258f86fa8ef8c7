"""The dashboard pages through the test client: numbers, links, headers (no browser)."""

from __future__ import annotations

import re

from dyadwatch.analysis import dyad_series, escalation_episodes
from dyadwatch.store import EventQuery, Store


def _num(html: str, el_id: str) -> str:
    m = re.search(rf'id="{el_id}"[^>]*>([^<]+)<', html)
    assert m, el_id
    return m.group(1).strip()


def test_the_dashboard_opens_on_the_busiest_dyad(client, crisis_db):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert 'data-dyad="IRN-PAK"' in html
    with Store(crisis_db, read_only=True) as s:
        assert int(_num(html, "n-events")) == s.count(dyad="IRN-PAK") == 8
        assert int(_num(html, "n-q4")) == s.count(EventQuery(dyad="IRN-PAK", quad_classes=(4,)))
        placed = int(sum(dyad_series(s, "IRN-PAK").column("events")))
    assert int(_num(html, "n-placed")) == placed
    assert html.count('<tr data-event="') == 8
    for fig in ("chart", "timeline", "map"):
        assert f'id="{fig}-data"' in html


def test_pages_load_nothing_from_elsewhere(client):
    r = client.get("/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    srcs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert srcs and all(s.startswith("/") for s in srcs), srcs
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert "cdn.plot.ly" not in client.get("/static/dash.js").text


def test_a_date_range_and_a_page_of_the_table(client, crisis_db):
    html = client.get("/", params={"dyad": "IRN-PAK", "since": "2024-01-17",
                                   "until": "2024-01-18"}).text
    assert _num(html, "n-events") == "4"
    assert _num(html, "table-total") == "4"
    with Store(crisis_db, read_only=True) as s:  # the date floor changes no episode
        eps = escalation_episodes(s, "IRN-PAK", "2024-01-17", "2024-01-18")
    assert _num(html, "n-episodes") == str(len(eps)) == "1"
    html = client.get("/", params={"dyad": "IND-PAK"}).text
    assert _num(html, "n-events") == "1" and "Balakot" in html


def test_the_event_page_highlights_the_sentence(client, crisis_db):
    with Store(crisis_db, read_only=True) as s:
        ev = s.events(dyad="IRN-PAK", codes=("195",), until="2024-01-16")[0]
    html = client.get(f"/events/{ev.event_id}").text
    assert f'<mark id="hl">{ev.sentence.replace(chr(39), "&#x27;")}</mark>' in html
    for words in ("IRNMIL", "Panjgur", "2024-01-16", "the mention names it", "fired",
                  "Reported by 2 documents"):
        assert words in html, words
    part = client.get(f"/events/{ev.event_id}", params={"partial": 1}).text
    assert part.startswith('<div class="event-detail"')
    assert client.get("/events/nope").status_code == 404


def test_the_extract_page_says_the_server_is_read_only(client):
    html = client.get("/extract").text
    assert 'id="extract-form"' in html and "read-only" in html
