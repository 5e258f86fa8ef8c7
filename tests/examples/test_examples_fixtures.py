"""The shipped example articles and their expected.json are consistent with each other.

Fast and pipeline-free: every expected sentence, title and author is in its file, codes
exist in the shipped CAMEO table, dates are ISO dates, and the repost really repeats the
original's body (so deduplication can be demonstrated).
"""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

EX = Path(str(resources.files("dyadwatch").joinpath("examples")))
EXPECTED = json.loads((EX / "expected.json").read_text(encoding="utf-8"))["documents"]
ARTICLES = sorted(p.name for p in EX.iterdir() if p.suffix in (".html", ".txt"))


def _flat(name: str) -> str:
    raw = (EX / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"\s+", " ", raw)


def _cameo_codes() -> set[str]:
    text = resources.files("dyadwatch").joinpath("data", "cameo", "eventcodes.csv").read_text(
        encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["code"] for r in rows}


def _body_words(name: str) -> int:
    text = _flat(name)
    if name.endswith(".html"):
        raw = (EX / name).read_text(encoding="utf-8")
        paras = re.findall(r"<p>(.*?)</p>", raw, flags=re.S)
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", p)) for p in paras)
    return len(text.split())


def test_every_article_has_an_expectation_and_vice_versa():
    assert sorted(EXPECTED) == ARTICLES
    assert 7 <= len(ARTICLES) <= 16
    html_pages = sum(n.endswith(".html") for n in ARTICLES)
    assert html_pages * 3 >= len(ARTICLES) and (len(ARTICLES) - html_pages) * 3 >= len(ARTICLES)


@pytest.mark.parametrize("name", ARTICLES)
def test_metadata_and_sentences_are_in_the_file(name):
    exp = EXPECTED[name]
    text = _flat(name)
    assert exp["title"] in text
    assert all(a in text for a in exp["authors"])
    date.fromisoformat(exp["published"])
    assert 350 <= _body_words(name) <= 900
    for ev in exp["events"] + exp["nonfactual"]:
        assert re.sub(r"\s+", " ", ev["sentence"]) in text, ev["sentence"][:60]


@pytest.mark.parametrize("name", ARTICLES)
def test_event_codes_are_well_formed(name):
    codes = _cameo_codes()
    exp = EXPECTED[name]
    assert 3 <= len(exp["events"]) <= 12
    for ev in exp["events"]:
        assert ev["cameo"] in codes and ev["root"] == ev["cameo"][:2]
        assert all(alt in codes for alt in ev.get("cameo_alternatives", []))
        assert ev["source"][:3] == ev["source_country"]
        if ev["target"] is None:
            assert ev["target_country"] is None
        else:
            assert ev["target"][:3] == ev["target_country"]
        if ev.get("date") is not None:
            d = date.fromisoformat(ev["date"])
            assert d <= date.fromisoformat(exp["published"])  # no event after its report
        if "date_not_after" in ev:  # an anterior event: no day, a bound and the reason why
            assert ev["date"] is None and ev.get("date_note")
            assert date.fromisoformat(ev["date_not_after"]) <= date.fromisoformat(exp["published"])
        assert ev["confidence"] in ("high", "medium")
    for nf in exp["nonfactual"]:
        assert nf["modality"] in ("negated", "hypothetical", "conditional", "future")


def test_repost_repeats_the_original_body():
    repost = next(n for n, e in EXPECTED.items() if e.get("repost_of"))
    original = EXPECTED[repost]["repost_of"]
    body = (EX / original).read_text(encoding="utf-8")
    start = body.index(EXPECTED[original]["events"][0]["sentence"][:30])
    paragraph_block = body[body.rfind("\n\n", 0, start) + 2: body.index("Disclaimer:")].strip()
    assert len(paragraph_block.split()) > 300
    assert paragraph_block in (EX / repost).read_text(encoding="utf-8")
    assert "first published in South Asia Desk" in (EX / repost).read_text(encoding="utf-8")
