"""The dashboard in real Chromium (Debian's package, driven by playwright).

On the small crisis store: pick IRN-PAK, check the chart and the table against the
store, open an event and read its sentence, paste an article and see its events, and
check that no request leaves 127.0.0.1.  Skipped, with the reason, without Chromium.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from live import live_server

from dyadwatch.analysis import dyad_series, escalation_episodes
from dyadwatch.report import dyad_chart
from dyadwatch.store import EventQuery, Store
from dyadwatch.web import create_app

pytestmark = pytest.mark.slow

ARTICLE = (
    "ISLAMABAD, 20 January 2024 — Pakistan's air force struck militant hideouts inside Iran "
    "on Friday, the army said.\n\nIran's foreign ministry condemned the strikes on Saturday "
    "and summoned Pakistan's ambassador.")


@pytest.fixture(scope="module")
def url(crisis_db, pipeline):
    with live_server(create_app(crisis_db, pipeline=pipeline)) as base:
        yield base


def _only_local(log) -> None:
    log.assert_clean()
    hosts = {urlsplit(u).hostname for u in log.requests if u.startswith(("http:", "https:"))}
    assert hosts == {"127.0.0.1"}, hosts


def test_pick_a_dyad_and_check_the_chart_and_table(chromium, url, crisis_db):
    with Store(crisis_db, read_only=True) as s:
        series = dyad_series(s, "IRN-PAK")
        total = s.count(dyad="IRN-PAK")
        q4 = s.count(EventQuery(dyad="IRN-PAK", quad_classes=(4,)))
        eps = escalation_episodes(s, "IRN-PAK")
    expected_shading = [r["x0"] for r in dyad_chart(series, eps)["layout"]["shapes"]
                        if r["type"] == "rect"]
    assert eps and expected_shading[0] == eps[0].start.isoformat()  # the store has one
    with chromium.page() as (page, log):
        page.goto(url + "/?dyad=IND-PAK")
        page.wait_for_selector("#chart[data-drawn]")
        assert page.text_content("#title") == "IND-PAK"
        page.select_option("#dyad", "IRN-PAK")
        page.click("#show")
        page.wait_for_selector("#title:text('IRN-PAK')")
        for fig in ("chart", "timeline", "map"):
            page.wait_for_selector(f"#{fig}[data-drawn]")
        assert int(page.text_content("#n-events")) == total
        assert int(page.text_content("#n-q4")) == q4
        bars = page.evaluate("""() => document.getElementById('chart').data
            .filter(t => t.type === 'bar')
            .map(t => [t.meta.quad_class, t.y.reduce((a, b) => a + b, 0)])""")
        cols = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict",
                4: "material_conflict"}
        assert {q: n for q, n in bars} == {q: int(sum(series.column(c))) for q, c in cols.items()}
        shaded = page.evaluate("() => (document.getElementById('chart').layout.shapes || [])"
                               ".filter(s => s.type === 'rect').map(s => s.x0)")
        assert shaded == expected_shading  # each episode shaded from its first day
        assert page.locator("table#events tbody tr").count() == total
        assert int(page.text_content("#table-total")) == total
        points = page.evaluate("() => document.getElementById('timeline').data"
                               ".reduce((a, t) => a + t.x.length, 0)")
        assert points == total  # every dated event is a dot
    _only_local(log)


def test_open_an_event_and_read_its_sentence(chromium, url, crisis_db):
    with Store(crisis_db, read_only=True) as s:
        ev = s.events(dyad="IRN-PAK", codes=("195",), until="2024-01-16")[0]
    with chromium.page() as (page, log):
        page.goto(url + "/?dyad=IRN-PAK")
        page.click(f"tr[data-event='{ev.event_id}']")
        page.wait_for_selector("#detail-body #hl")
        assert page.text_content("#detail-body #hl") == ev.sentence
        facts = page.text_content("#detail-body dl.facts")
        for words in ("IRNMIL", "PAKINS", "195", "Panjgur", "2024-01-16", "mention"):
            assert words in facts, words
        assert page.is_visible("#detail-body #hl")
        page.keyboard.press("Escape")
        assert page.locator("#detail").is_hidden()
        page.goto(url + f"/events/{ev.event_id}")
        assert page.text_content("#hl") == ev.sentence
    _only_local(log)


def test_paste_an_article_and_see_its_events(chromium, url):
    with chromium.page() as (page, log):
        page.goto(url + "/extract")
        page.fill("#article-text", ARTICLE)
        page.fill("#published", "2024-01-20")
        page.click("#code")
        page.wait_for_selector("#results:not([hidden])", timeout=120_000)
        table = page.text_content("#found")
        assert "PAKMIL" in table and "195" in table and "IRNGOV" in table
        assert page.locator("#found tbody tr").count() >= 2
        marks = page.locator("#coded-article mark")
        assert marks.count() >= 2
        assert "struck militant hideouts" in marks.first.text_content()
        page.fill("#article-text", "   ")
        page.click("#code")
        page.wait_for_selector("#problem:not([hidden])")
        assert "empty" in page.text_content("#problem")
    _only_local(log)
