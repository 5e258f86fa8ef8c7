"""The HTML page and the Markdown text of a report (the browser test opens the page)."""

from __future__ import annotations

import json
import re

import pytest
from report_builders import crisis_store

from dyadwatch.errors import ConfigError
from dyadwatch.report import build_report, render_html, render_markdown, write_html


@pytest.fixture(scope="module")
def report():
    with crisis_store() as s:
        yield build_report(s, "ARM-AZE")


def test_the_page_embeds_everything_and_names_no_cdn(report):
    page = render_html(report)
    assert page.count("<script") == 4  # 2 figure data blocks, plotly.js, the page script
    assert not re.search(r"<script[^>]+src=", page)  # inline: no file to fetch
    assert not re.search(r"<link[^>]+href=", page)
    assert "connect-src 'none'" in page and "default-src 'none'" in page
    # every remote address in the page is inside plotly.js or is a source's own URL
    page_without_js = page.split("<script>/**")[0] + page.split("</script>", 3)[-1]
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page_without_js))
    assert urls == {"https://caucasuswire.example/a"}


def test_the_page_holds_the_reports_numbers(report):
    page = render_html(report)
    assert f'data-events="{len(report.timeline)}"' in page
    assert len(re.findall(r'<tr id="ev-', page)) == len(report.timeline)
    for t in report.timeline:
        assert f'id="{t.anchor}"' in page and f'data-sources="{len(t.event.sources)}"' in page
    for s in report.sources:
        assert f'id="{s.anchor}"' in page
    data = json.loads(re.search(r'id="chart-data">(.*?)</script>', page).group(1))
    bars = [t for t in data["data"] if t["type"] == "bar"]
    assert sum(sum(t["y"]) for t in bars) == sum(r.events for r in report.series.rows())
    # every summary sentence is there, escaped, with links to its events
    for s in report.summary:
        assert s.text.replace("'", "&#x27;") in page
    assert 'href="#src-S1"' in page


def test_beside_links_plotly_and_writes_it_once(report, tmp_path):
    files = write_html(report, tmp_path / "r.html", assets="beside")
    assert [f.name for f in files][0] == "r.html" and files[1].name.startswith("plotly-")
    page = files[0].read_text(encoding="utf-8")
    assert f'<script src="{files[1].name}"></script>' in page and len(page) < 200_000
    again = write_html(report, tmp_path / "other.html", assets="beside")
    assert [f.name for f in again] == ["other.html"]  # plotly.js is there already
    with pytest.raises(ConfigError):
        render_html(report, assets="cdn")


def test_markdown_has_the_same_content(report):
    md = render_markdown(report)
    assert md.startswith("# Armenia and Azerbaijan: crisis report")
    for s in report.summary:
        assert s.text in md
    assert md.count("\n| E") == len(report.timeline) + len(report.chain)
    assert "| 12 September | 0 | 0 | 1 | 1 | -12.0 |" in md
    assert "Caucasus Wire" in md and "[Shelling near Jermuk](https://caucasuswire.example/a)" in md
    assert "“Azerbaijani forces shelled positions near Jermuk on 12 September.”" in md
