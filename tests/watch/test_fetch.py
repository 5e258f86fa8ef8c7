"""Fetching against the local site: user agent, retries, conditional requests, limits, robots."""

from __future__ import annotations

import time

import pytest

from dyadwatch.watch import Fetcher, FetchError, FetchSettings, RobotsDisallowed
from dyadwatch.watch.fetch import user_agent


def test_user_agent_names_dyadwatch_version_and_project(site, fetcher):
    from dyadwatch import __version__

    fetcher.fetch(site.url("taftan-clash.html"))
    (headers, status), = site.hits("/taftan-clash.html")
    assert status == 200
    assert headers["User-Agent"] == user_agent()
    assert user_agent().startswith(f"dyadwatch/{__version__} (+http")


def test_500_then_ok_is_retried_with_growing_backoff(site, fetcher, sleeps):
    site.flaky_failures = 2
    res = fetcher.fetch(site.url("flaky/envoys-meet.html"))
    assert res.status == 200 and b"Islamabad" in res.body
    assert [s for _, s in site.hits("/flaky/envoys-meet.html")] == [500, 500, 200]
    assert sleeps == [0.5, 1.0]  # backoff doubles
    assert res.attempts == 3


def test_retries_are_bounded_and_the_error_is_transient(site, fetcher, sleeps):
    site.flaky_failures = 10
    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("flaky/envoys-meet.html"))
    assert err.value.transient and err.value.status == 500
    assert "after 3 attempts" in str(err.value)
    assert len(site.hits("/flaky/envoys-meet.html")) == 3
    assert sleeps == [0.5, 1.0]


def test_a_404_is_final_and_not_retried(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("gone/taftan-clash.html"))
    assert not err.value.transient and "HTTP 404" in str(err.value)
    assert len(site.hits("/gone/taftan-clash.html")) == 1


def test_conditional_request_gets_304(site, fetcher):
    from watch_server import FeedItem

    site.items = [FeedItem("taftan-clash.html", "Border clash", "2026-03-09")]
    first = fetcher.fetch(site.url("feed.xml"))
    assert first.status == 200 and first.etag and first.last_modified
    again = fetcher.fetch(site.url("feed.xml"), first.etag, first.last_modified)
    assert again.not_modified and again.body == b""
    headers, status = site.hits("/feed.xml")[-1]
    assert status == 304
    assert headers["If-None-Match"] == first.etag
    assert headers["If-Modified-Since"] == first.last_modified


def test_a_slow_server_times_out_within_the_bound(site, sleeps):
    site.slow_seconds = 1.5
    f = Fetcher(FetchSettings(timeout=0.3, retries=1, backoff=0.01), sleep=sleeps.append)
    t0 = time.monotonic()
    with pytest.raises(FetchError) as err:
        f.fetch(site.url("slow/taftan-clash.html"))
    assert err.value.transient
    assert time.monotonic() - t0 < 1.5  # two attempts of 0.3 s, not the server's pace


def test_a_response_over_the_size_limit_is_refused(site, fetcher):
    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("big.html"))
    assert "200000-byte limit" in str(err.value) and not err.value.transient


def test_robots_txt_is_respected_and_read_once_per_host(site, fetcher):
    with pytest.raises(RobotsDisallowed) as err:
        fetcher.fetch(site.url("private/taftan-clash.html"))
    assert "robots.txt" in str(err.value)
    assert site.hits("/private/taftan-clash.html") == []  # never requested
    fetcher.fetch(site.url("taftan-clash.html"))
    fetcher.fetch(site.url("sistan-strike.html"))
    assert len(site.hits("/robots.txt")) == 1


def test_an_unreachable_host_is_a_transient_error(sleeps):
    f = Fetcher(FetchSettings(timeout=0.5, retries=1, backoff=0.01), sleep=sleeps.append)
    with pytest.raises(FetchError) as err:
        f.fetch("http://127.0.0.1:9/feed.xml", check_robots=False)
    assert err.value.transient and "cannot connect" in str(err.value)


def test_an_unreadable_robots_txt_defers_the_host_and_is_asked_again(sleeps):
    # RFC 9309: robots.txt unreachable -> fetch nothing from the host, but only for now
    f = Fetcher(FetchSettings(timeout=0.5, retries=0), sleep=sleeps.append)
    for _ in range(2):
        with pytest.raises(FetchError) as err:
            f.fetch("http://127.0.0.1:9/feed.xml")
        assert err.value.transient and not isinstance(err.value, RobotsDisallowed)
        assert "robots.txt of 127.0.0.1:9 could not be read" in str(err.value)


def test_robots_crawl_delay_spaces_requests_to_a_host(site, fetcher, sleeps):
    site.robots_extra = "Crawl-delay: 2"
    fetcher.fetch(site.url("taftan-clash.html"))
    assert sleeps == []  # the first request waits for nobody
    fetcher.fetch(site.url("sistan-strike.html"))
    assert len(sleeps) == 1 and 1.5 < sleeps[0] <= 2.0


def test_a_redirect_to_another_host_obeys_that_hosts_robots_txt(site, fetcher):
    from urllib.parse import quote

    from watch_server import Site, SiteServer

    with SiteServer(Site()) as other:  # another host (netloc): its own robots.txt
        forbidden = other.url("private/taftan-clash.html")
        with pytest.raises(RobotsDisallowed) as err:
            fetcher.fetch(site.url("redirect?to=" + quote(forbidden, safe="")))
        assert other.base.split("//")[1] in str(err.value) and "robots.txt" in str(err.value)
        assert len(other.hits("/robots.txt")) == 1  # the other host's robots.txt was read
        assert other.hits("/private/taftan-clash.html") == []  # never requested
        # an allowed target on the other host is followed
        res = fetcher.fetch(site.url("redirect?to=" + quote(other.url("taftan-clash.html"),
                                                             safe="")))
        assert res.status == 200 and res.url == other.url("taftan-clash.html")
        assert len(other.hits("/taftan-clash.html")) == 1
        assert len(other.hits("/robots.txt")) == 1  # still read once


def test_a_redirect_on_the_same_host_to_a_forbidden_path_is_refused(site, fetcher):
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(site.url("redirect?to=/private/taftan-clash.html"))
    assert site.hits("/private/taftan-clash.html") == []
