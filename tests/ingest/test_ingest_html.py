"""Saved web pages: metadata sources, date precedence, encodings."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.errors import ExtractionError
from dyadwatch.ingest import document_from_html

ARTICLE = ("<p>Thai and Cambodian troops exchanged fire near the Preah Vihear temple on "
           "Monday, the Thai army said, the first clash on that stretch of the border in "
           "more than a decade.</p><p>Cambodia's defence ministry said its soldiers had "
           "only returned fire after Thai troops crossed into a disputed area, and called "
           "for talks under the joint border commission.</p><p>Both governments later said "
           "the situation had calmed and that commanders were in contact by telephone.</p>")


def _page(head: str = "", body_extra: str = "", lang: str = "en") -> str:
    return (f"<html lang='{lang}'><head><title>Border clash | Mekong Post</title>{head}</head>"
            f"<body><header><a href='/'>Home</a></header><article><h1>Border clash</h1>"
            f"{ARTICLE}{body_extra}</article><footer>Mekong Post 2025</footer></body></html>")


DATE_CASES = [
    # JSON-LD datePublished is the publisher's own statement
    ('<script type="application/ld+json">{"@type": "NewsArticle", '
     '"datePublished": "2025-05-26T08:00:00+07:00"}</script>', date(2025, 5, 26), "html-meta"),
    # OpenGraph article:published_time
    ('<meta property="article:published_time" content="2025-05-27">', date(2025, 5, 27),
     "html-meta"),
    # only a generic meta date: htmldate finds it
    ('<meta name="date" content="2025-05-28">', date(2025, 5, 28), "htmldate"),
]


@pytest.mark.parametrize("head,expected,source", DATE_CASES)
def test_date_sources(head: str, expected: date, source: str) -> None:
    doc = document_from_html(_page(head))
    assert (doc.published, doc.published_from) == (expected, source)


def test_first_published_note_in_page_wins() -> None:
    note = "<p>This article was first published in The Phnom Penh Review on 20 May 2025.</p>"
    doc = document_from_html(_page('<meta property="article:published_time" '
                                   'content="2025-05-27">', body_extra=note))
    assert (doc.published, doc.published_from) == (date(2025, 5, 20), "first-published-note")
    assert doc.meta["original_outlet"] == "The Phnom Penh Review"
    assert "first published" not in doc.body


def test_caller_published_wins_and_metadata() -> None:
    head = ('<meta property="og:site_name" content="Mekong Post">'
            '<link rel="canonical" href="https://mekongpost.example/2025/clash">'
            '<meta name="author" content="Nari Chea">'
            '<meta property="article:published_time" content="2025-05-27">')
    doc = document_from_html(_page(head).encode("utf-8"), published=date(2025, 6, 1))
    assert (doc.published, doc.published_from) == (date(2025, 6, 1), "caller")
    assert doc.outlet == "Mekong Post"
    assert doc.url == "https://mekongpost.example/2025/clash"
    assert doc.authors == ["Nari Chea"]
    assert doc.title == "Border clash"
    assert doc.body.startswith("Thai and Cambodian troops") and "Home" not in doc.body
    assert doc.language == "en"


def test_language_from_text_beats_wrong_markup() -> None:
    german = ("<p>Die Regierung in Berlin hat am Montag erklärt, dass sie die Gespräche mit "
              "den Nachbarländern über die Grenzkontrollen fortsetzen wird. Der Minister sagte, "
              "es gebe noch keine Einigung, aber die Stimmung sei gut.</p>") * 3
    html = (f"<html lang='en'><head><title>Grenzkontrollen</title></head><body><article>"
            f"{german}</article></body></html>")
    assert document_from_html(html).language == "de"


@pytest.mark.parametrize("html", [
    "",  # nothing
    "<html><body><nav>Home</nav></body></html>",  # chrome only
    b"\x00\x01\x02",  # bytes that are no page
])
def test_no_text_raises(html: str | bytes) -> None:
    with pytest.raises(ExtractionError):
        document_from_html(html)


@pytest.mark.parametrize("head,expected,source", DATE_CASES)
def test_date_extractor_alone(head: str, expected: date, source: str) -> None:
    from dyadwatch.ingest.html import html_date

    assert html_date(_page(head).encode("utf-8")) == (expected, source)
    assert html_date("https://example.org/not-markup") == (None, None)  # never fetched
