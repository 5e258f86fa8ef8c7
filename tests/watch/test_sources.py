"""Feeds are parsed safely; URL lists are read line by line with bad lines named."""

from __future__ import annotations

import time

import pytest
from watch_server import BOMB, FeedItem, Site

from dyadwatch.errors import InputError
from dyadwatch.watch import Source, UnsafeFeed, parse_feed, read_url_list


def test_an_entity_expansion_feed_is_refused_quickly_naming_the_feed():
    t0 = time.monotonic()
    with pytest.raises(UnsafeFeed) as err:
        parse_feed(BOMB, "http://127.0.0.1/bomb.xml")
    assert time.monotonic() - t0 < 1.0
    assert str(err.value).startswith("http://127.0.0.1/bomb.xml: feed declares a DTD")


def test_an_external_entity_feed_is_refused():
    xxe = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<rss><channel><item><title>&x;</title></item></channel></rss>")
    with pytest.raises(UnsafeFeed):
        parse_feed(xxe, "local.xml")


def test_a_malformed_feed_is_read_leniently_with_a_warning():
    site = Site(items=[FeedItem("taftan-clash.html", "Border clash", "2026-03-09")],
                base="http://127.0.0.1:1")
    raw = site.feed().replace(b"</channel></rss>", b"<item><title>cut")
    feed = parse_feed(raw, "broken.xml")
    assert feed.warning and "not well-formed XML" in feed.warning
    assert [i.guid for i in feed.items][:1] == ["fw-taftan-clash.html"]


def test_feed_items_carry_guid_link_title_and_date():
    site = Site(items=[FeedItem("taftan-clash.html", "Border clash", "2026-03-09"),
                       FeedItem("sistan-strike.html", "Strike in Sistan", "2026-03-10",
                                guid="urn:fw:2")], base="http://127.0.0.1:1")
    feed = parse_feed(site.feed(), "feed.xml")
    assert feed.warning is None and feed.title == "Frontier Wire"
    a, b = feed.items
    assert (a.key, a.url, a.title, str(a.published)) == (
        "guid:fw-taftan-clash.html", "http://127.0.0.1:1/taftan-clash.html", "Border clash",
        "2026-03-09")
    assert b.key == "guid:urn:fw:2" and b.url_key == "url:127.0.0.1:1/sistan-strike.html"


def test_url_list_skips_comments_and_names_bad_lines(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("# border coverage\nhttp://127.0.0.1:1/a.html\n\nftp://x/y\n"
                 "https://127.0.0.1:1/b.html?utm_source=x\n", encoding="utf-8")
    items, bad = read_url_list(str(f))
    assert [i.url for i in items] == ["http://127.0.0.1:1/a.html",
                                      "https://127.0.0.1:1/b.html?utm_source=x"]
    assert items[1].key == "url:127.0.0.1:1/b.html"  # tracking parameters dropped
    assert bad == [f"{f}:4: not an http(s) URL: 'ftp://x/y'"]


def test_source_kinds(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(b"\xef\xbb\xbf  <rss/>")
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:1/a.html\n", encoding="utf-8")
    assert Source.parse("https://example.org/rss").kind == "feed"
    assert Source.parse(str(feed)).kind == "feed"
    assert Source.parse(str(urls)).kind == "urls"
    with pytest.raises(InputError, match="not an http"):
        Source.parse(str(tmp_path / "missing.txt"))


def test_an_atom_feed_is_read_too():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border desk</title>
<entry><id>tag:desk,2026:7</id><title>Guards raid camp</title>
<link href="http://127.0.0.1:1/mirjaveh-raid.html"/><updated>2026-03-10T06:00:00Z</updated>
<summary>Iranian forces attacked a militant camp inside Pakistan.</summary></entry></feed>"""
    feed = parse_feed(atom, "atom.xml")
    (item,) = feed.items
    assert feed.warning is None and feed.title == "Border desk"
    assert (item.key, item.url, str(item.published)) == (
        "guid:tag:desk,2026:7", "http://127.0.0.1:1/mirjaveh-raid.html", "2026-03-10")
    assert "militant camp" in item.summary
