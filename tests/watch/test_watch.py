"""The watch cycle against the local site: new items coded as they appear, restarts that
resume without duplicates, deferred and rejected items, unsafe feeds, alerts fired once."""

from __future__ import annotations

import json
from datetime import date

import pytest
from watch_server import FeedItem

from dyadwatch.store import Store
from dyadwatch.store.watchstate import WatchState
from dyadwatch.watch import Watcher, load_rules

TODAY = date(2026, 3, 10)
RULES = """
[output]
jsonl = "alerts.jsonl"
{webhook}
[[rule]]
name = "heat"
kind = "above_baseline"
dyad = "IRN-PAK"
min_excess = 2

[[rule]]
name = "episode"
kind = "new_episode"
dyad = "IRN-PAK"

[[rule]]
name = "force"
kind = "root_between"
countries = ["PAK", "IRN"]
roots = ["18", "19", "20"]
"""


@pytest.fixture
def db(tmp_path):
    return tmp_path / "watch.duckdb"


def make(sources, db, pipeline, fetcher, rules=None):
    store = Store(db)
    return store, Watcher(sources, store, pipeline, fetcher, rules, today=lambda: TODAY)


def rules_file(tmp_path, webhook=""):
    f = tmp_path / "alerts.toml"
    f.write_text(RULES.format(webhook=webhook), encoding="utf-8")
    return load_rules(f)


def jsonl(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] \
        if path.exists() else []


def test_new_items_are_coded_as_they_appear_and_a_restart_adds_nothing(
        site, db, pipeline, fetcher):
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher)
    first = w.cycle()
    assert (first.new_items, first.stored, first.reports) == (1, 1, 3)
    site.items.append(FeedItem("sistan-strike.html", "Strike in Sistan", "2026-03-10"))
    second = w.cycle()
    assert (second.new_items, second.stored, second.reports) == (1, 1, 2)
    third = w.cycle()  # the feed did not change: a conditional request, answered 304
    assert (third.not_modified, third.new_items) == (1, 0)
    assert site.hits("/feed.xml")[-1][1] == 304
    counts = store.counts()
    assert (counts["documents"], counts["reports"]) == (2, 5)
    doc = store.document(w.state.items()[1]["doc_id"])
    assert doc.published == date(2026, 3, 10) and doc.published_from == "feed"
    assert doc.meta["feed_guid"] == "fw-sistan-strike.html"
    assert [r["documents"] for r in store.runs()] == [1, 1]  # `status` lists the polls
    store.close()

    # restart: a new process would build everything anew from the store
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher)
    pages_before = len(site.hits("/taftan-clash.html")) + len(site.hits("/sistan-strike.html"))
    again = w.cycle()
    assert (again.not_modified, again.new_items, again.stored) == (1, 0, 0)
    assert store.counts() == counts
    assert len(site.hits("/taftan-clash.html")) + len(site.hits("/sistan-strike.html")) \
        == pages_before  # nothing fetched twice
    assert [r["status"] for r in w.state.items()] == ["stored", "stored"]
    store.close()


def test_a_passing_failure_is_retried_next_poll_and_a_permanent_one_recorded(
        site, db, pipeline, fetcher):
    site.flaky_failures = 3  # the fetcher tries 3 times: the first poll fails
    site.items = [FeedItem("flaky/envoys-meet.html", "Envoys meet", "2026-03-11"),
                  FeedItem("gone/chabahar-talks.html", "Talks", "2026-03-07")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher)
    s1 = w.cycle()
    assert (s1.deferred, s1.rejected, s1.stored) == (1, 1, 0)
    assert any("will try again next poll" in x for x in s1.warnings)
    # the feed's validators were not advanced: the next poll reads the feed in full
    assert w.state.cursor(site.url("feed.xml")) == (None, None)
    s2 = w.cycle()
    assert (s2.not_modified, s2.new_items, s2.stored, s2.rejected) == (0, 1, 1, 0)
    assert w.state.cursor(site.url("feed.xml"))[0] is not None
    statuses = {r["url"].rsplit("/", 2)[-2]: (r["status"], r["reason"]) for r in w.state.items()}
    assert statuses == {"flaky": ("stored", None), "gone": ("rejected", "HTTP 404")}
    assert store.rejections()[0]["reason"] == "HTTP 404"
    store.close()


def test_robots_forbidden_page_falls_back_to_the_feed_summary(site, db, pipeline, fetcher):
    site.items = [
        FeedItem("private/taftan-clash.html", "Border clash", "2026-03-09",
                 summary="Pakistani troops fired artillery at Iranian border guards near "
                         "Taftan on Monday, officials said."),
        FeedItem("private/sistan-strike.html", "Strike", "2026-03-10")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher)
    s = w.cycle()
    assert (s.stored, s.rejected) == (1, 1)
    assert site.hits("/private/taftan-clash.html") == []
    stored, rejected = sorted(w.state.items(), key=lambda r: r["status"], reverse=True)
    doc = store.document(stored["doc_id"])
    assert "coded the feed's summary" in doc.meta["watch_note"]
    assert store.count(doc_id=doc.doc_id) >= 1
    assert "robots.txt" in rejected["reason"]
    store.close()


def test_unsafe_and_malformed_feeds_are_reported_by_name(site, db, pipeline, fetcher):
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    bomb, broken = site.url("bomb.xml"), site.url("broken.xml")
    store, w = make([bomb, broken], db, pipeline, fetcher)
    s = w.cycle()
    assert any(x.startswith(f"warning: {bomb}: feed declares a DTD") for x in s.warnings)
    assert any(x.startswith(f"{broken}: feed is not well-formed XML") for x in s.warnings)
    assert s.stored == 1  # the broken feed's readable item, not the bomb's
    kinds = {n["kind"]: n["location"] for n in store.notices()}
    assert kinds == {"unsafe-feed": bomb, "malformed-feed": broken}
    assert {r["source"]: r["last_status"] for r in w.state.sources()} == {
        bomb: "refused: unsafe XML", broken: "read leniently"}
    store.close()


def test_url_list_items_and_the_same_article_from_two_sources(
        site, db, pipeline, fetcher, tmp_path):
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url('taftan-clash.html')}\n", encoding="utf-8")
    store, w = make([site.url("feed.xml"), str(urls)], db, pipeline, fetcher)
    s1 = w.cycle()
    assert (s1.new_items, s1.stored) == (1, 1)  # the list's URL is the feed item's article
    with urls.open("a", encoding="utf-8") as fh:
        fh.write(f"# added later\n{site.url('gwadar-port.html')}\nnot a url\n")
    s2 = w.cycle()
    assert (s2.new_items, s2.stored) == (1, 1)
    assert any("not an http(s) URL" in x for x in s2.warnings)
    assert store.counts()["documents"] == 2
    store.close()


def test_alerts_fire_exactly_once_across_restarts(site, db, pipeline, fetcher, tmp_path):
    rules = rules_file(tmp_path, webhook=f'webhook = "{site.url("hook")}"')
    out = tmp_path / "alerts.jsonl"
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)
    assert w.cycle().alerts == 2  # the episode and the root-19 event; one day is not "heat"
    first = jsonl(out)
    assert sorted(a["rule"] for a in first) == ["episode", "force"]
    force = next(a for a in first if a["rule"] == "force")
    assert [e["cameo"] for e in force["events"]] == ["194"]
    assert force["events"][0]["sentence"].startswith("Pakistani troops fired artillery")
    assert force["events"][0]["url"] == site.url("taftan-clash.html")
    assert [json.loads(b)["alert_key"] for _, _, b in site.posts] == [a["alert_key"] for a in first]
    assert site.posts[0][1]["Idempotency-Key"] == first[0]["alert_key"]
    assert w.cycle().alerts == 0
    store.close()

    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)  # restart
    assert w.cycle().alerts == 0
    assert jsonl(out) == first
    site.items += [FeedItem("sistan-strike.html", "Strike", "2026-03-10"),
                   FeedItem("mirjaveh-raid.html", "Raid", "2026-03-10")]
    s = w.cycle()
    assert s.alerts == 2  # heat on the 10th, and the new root-19 events; the episode is old
    second = jsonl(out)[len(first):]
    assert sorted(a["rule"] for a in second) == ["force", "heat"]
    new_force = next(a for a in second if a["rule"] == "force")
    old_ids = {e["event_id"] for e in force["events"]}
    assert old_ids.isdisjoint(e["event_id"] for e in new_force["events"])
    heat = next(a for a in second if a["rule"] == "heat")
    assert heat["subject"] == "IRN-PAK:2026-03-10" and len(heat["events"]) >= 2
    store.close()

    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)  # restart again
    assert w.cycle().alerts == 0
    keys = [a["alert_key"] for a in jsonl(out)]
    assert len(keys) == len(set(keys)) == 4
    assert [a["alert_key"] for a in w.state.alerts()] == sorted(
        keys, key=[a["alert_key"] for a in w.state.alerts()].index)
    store.close()


def test_an_alert_recorded_before_a_crash_is_delivered_once(site, db, pipeline, fetcher,
                                                            tmp_path):
    rules = rules_file(tmp_path)
    out = tmp_path / "alerts.jsonl"
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, None)  # no rules yet
    w.cycle()
    state = WatchState(store)
    payload = {"alert_key": "force:crashed", "rule": "force", "summary": "recorded, not sent",
               "events": []}
    assert state.record_alert("force:crashed", "force", "root_between", None, [], [], payload)
    assert not state.record_alert("force:crashed", "force", "root_between", None, [], [], payload)
    out.write_text(json.dumps(payload, sort_keys=True) + "\n", encoding="utf-8")  # sent, then killed
    store.close()
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)
    w.cycle()
    keys = [a["alert_key"] for a in jsonl(out)]
    assert keys.count("force:crashed") == 1
    assert all(a["delivered"] for a in w.state.alerts())
    store.close()


def _hook(site, path, attempts=3):
    return f'webhook = "{site.url(path)}"\nwebhook_attempts = {attempts}\nwebhook_backoff = 0.2'


def test_a_failing_webhook_is_a_warning_not_a_stop(site, db, pipeline, fetcher, tmp_path):
    rules = rules_file(tmp_path, webhook=_hook(site, "broken-hook"))
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)
    waits: list[float] = []
    w.delivery.sleep = waits.append
    s = w.cycle()
    assert s.alerts == 2 and len(jsonl(tmp_path / "alerts.jsonl")) == 2
    assert sum("webhook" in x and "failed after 3 tries (HTTP 500)" in x for x in s.warnings) == 2
    # each alert tried 3 times (bounded), waiting 0.2 s then 0.4 s; the failure is recorded
    assert len([p for p, _h, _b in site.posts if p == "/broken-hook"]) == 6
    assert waits == [0.2, 0.4] * 2
    assert [(a["webhook_status"], a["webhook_attempts"], a["webhook_error"])
            for a in w.state.alerts()] == [("failed", 3, "HTTP 500")] * 2
    assert all(a["delivered"] for a in w.state.alerts())
    assert w.cycle().alerts == 0  # recorded as failed: not fired again
    assert len([p for p, _h, _b in site.posts if p == "/broken-hook"]) == 6
    store.close()


def test_a_webhook_is_retried_with_backoff_and_each_alert_arrives_once(
        site, db, pipeline, fetcher, tmp_path):
    rules = rules_file(tmp_path, webhook=_hook(site, "flaky-hook", attempts=4))
    site.hook_failures = 2  # the receiver is down for two POSTs, then up
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)
    s = w.cycle()  # real waits of 0.2 and 0.4 s
    assert s.alerts == 2 and not [x for x in s.warnings if "webhook" in x]
    got = [(h.get("Idempotency-Key"), json.loads(b)["alert_key"])
           for p, h, b in site.posts if p == "/flaky-hook"]
    assert len(got) == 4 and all(k == a for k, a in got)  # 2 refused + 2 delivered
    delivered = [a for _k, a in got[2:]]
    assert sorted(delivered) == sorted({a["alert_key"] for a in w.state.alerts()})
    assert sorted((a["webhook_status"], a["webhook_attempts"]) for a in w.state.alerts()) == [
        ("sent", 1), ("sent", 3)]
    w.cycle()
    assert len([p for p, _h, _b in site.posts if p == "/flaky-hook"]) == 4  # never again
    store.close()


def test_a_webhook_answering_404_is_not_retried(site, db, pipeline, fetcher, tmp_path):
    rules = rules_file(tmp_path, webhook=_hook(site, "gone-hook"))
    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    store, w = make([site.url("feed.xml")], db, pipeline, fetcher, rules)
    w.delivery.sleep = lambda s: pytest.fail("a 404 must not be retried")
    s = w.cycle()
    assert sum("failed after 1 try (HTTP 404)" in x for x in s.warnings) == 2
    assert len([p for p, _h, _b in site.posts if p == "/gone-hook"]) == 2
    store.close()
