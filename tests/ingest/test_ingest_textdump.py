"""Text dumps: chrome stripped, metadata recovered (own fixtures + the shared seed article)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.errors import ExtractionError
from dyadwatch.ingest import document_from_text

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


def _read(name: str) -> str:
    return (DUMPS / name).read_text(encoding="utf-8")


CASES = [
    # breadcrumb with separators, byline "By A and B", dateline overridden by an
    # "originally appeared in OUTLET on DATE" note, "About the authors" bios, related list
    ("think_tank_commentary.txt",
     {"title": "Why the Caspian Ferry Dispute Keeps Returning",
      "authors": ["Maria Okafor", "Tomasz Wilk"], "published": date(2023, 3, 9),
      "published_from": "first-published-note", "original_outlet": "The Diplomat",
      "starts": "Azerbaijan and Turkmenistan have quarrelled",
      "ends": "northern route through Kazakhstan.",
      "absent": ["Home ›", "Share", "Facebook", "Advertisement", "senior research fellow",
                 "doctoral candidate", "originally appeared", "Related posts",
                 "Aral Sea", "Leave a Reply", "logged in"],
      "present": ["What Comes Next"]}),
    # news site: section path, bare author line, "Published on" dateline, "5 min read",
    # inline "Also read:" and "Advertisement", tags, share links, prev/next, comment form
    ("news_wire_story.txt",
     {"title": "Ethiopia and Eritrea trade accusations over border town",
      "authors": ["Selam Tesfaye"], "published": date(2024, 2, 14),
      "published_from": "text-dateline", "original_outlet": None,
      "starts": "Ethiopia accused Eritrea on Wednesday",
      "ends": "before they were closed again.",
      "absent": ["World / Africa", "min read", "Also read", "Advertisement", "Tags:",
                 "Click to share", "Previous article", "Sudan talks stall",
                 "Please enter", "incorrect email"],
      "present": []}),
    # repost: title without breadcrumb, "Written by:" byline, the note at the TOP with the
    # date before the outlet, bio at the end, "Previous post – SITE" links
    ("blog_repost.txt",
     {"title": "Serbia and Kosovo Agree to Reopen Jarinje Crossing",
      "authors": ["Daniel Ferreira"], "published": date(2022, 10, 3),
      "published_from": "first-published-note", "original_outlet": "Eurasia Review",
      "repost_outlet": "Balkan Monitor",
      "starts": "Serbia and Kosovo agreed late on Sunday",
      "ends": "remained unresolved.",
      "absent": ["Written by", "first published", "freelance journalist", "Previous post",
                 "Comments are closed"],
      "present": []}),
    # select-all copy of a whole page: site menus (one item repeated far apart), headline,
    # staff byline with date and time, photo caption, "Most popular" list, footer links
    ("full_page_copy.txt",
     {"title": "Mozambique and Tanzania agree joint patrols on Rovuma border",
      "authors": [], "published": date(2023, 3, 3), "published_from": "text-dateline",
      "original_outlet": None,
      "starts": "Mozambique and Tanzania agreed on Thursday",
      "ends": "would begin within a month.",
      "absent": ["Skip to content", "Got a story", "Subscribe", "Harbour Times staff",
                 "Fishing boats", "Most popular", "shilling", "Careers", "Privacy"],
      "present": []}),
]


@pytest.mark.parametrize("name,exp", CASES, ids=[c[0] for c in CASES])
def test_dump_rules(name: str, exp: dict) -> None:
    doc = document_from_text(_read(name))
    assert doc.title == exp["title"]
    assert doc.authors == exp["authors"]
    assert doc.published == exp["published"]
    assert doc.published_from == exp["published_from"]
    assert doc.meta.get("original_outlet") == exp["original_outlet"]
    if "repost_outlet" in exp:
        assert doc.meta.get("repost_outlet") == exp["repost_outlet"]
    assert doc.body.startswith(exp["starts"])
    assert doc.body.endswith(exp["ends"])
    for bad in exp["absent"]:
        assert bad not in doc.body, bad
    for good in exp["present"]:
        assert good in doc.body
    assert doc.language == "en"


def test_plain_text_is_left_alone() -> None:
    # no chrome at all: every paragraph survives, nothing becomes a title or author
    raw = _read("plain_report.txt")
    doc = document_from_text(raw)
    paras = [p.strip() for p in raw.strip().split("\n\n")]
    assert doc.body == "\n\n".join(paras)
    assert doc.title is None and doc.authors == [] and doc.published is None


@pytest.mark.parametrize("text", [
    "Iran recalled its ambassador.",  # one short sentence: no head, no tail, kept as is
    "Pakistan Strikes Back\n\nPakistan fired missiles at militant camps in Iran on Thursday.",
])
def test_short_texts_keep_their_sentence(text: str) -> None:
    doc = document_from_text(text)
    assert text.split("\n\n")[-1] in doc.body


def test_caller_fields_win() -> None:
    # caller-given published/title/outlet override the note and the detected title
    doc = document_from_text(_read("blog_repost.txt"), published=date(2022, 10, 5),
                             title="Given", outlet="Desk", doc_id="abc", url="https://x.example/a")
    assert (doc.published, doc.published_from) == (date(2022, 10, 5), "caller")
    assert doc.meta["extracted_published"] == "2022-10-03"
    assert (doc.title, doc.outlet, doc.doc_id) == ("Given", "Desk", "abc")


def test_doc_id_is_stable_and_url_based() -> None:
    raw = _read("news_wire_story.txt")
    assert document_from_text(raw).doc_id == document_from_text(raw).doc_id
    a = document_from_text(raw, url="https://www.example.org/story/?utm_source=x")
    b = document_from_text(raw + "\nShare", url="http://example.org/story")
    assert a.doc_id == b.doc_id  # same canonical URL, tracking parameters ignored
    assert a.doc_id != document_from_text(raw).doc_id


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Share\nFacebook\nTwitter"])
def test_empty_or_chrome_only_raises(text: str) -> None:
    with pytest.raises(ExtractionError):
        document_from_text(text)


def test_seed_article(shared_dir: Path) -> None:
    # acceptance check of issue 4 on the shared seed article (skips without ../shared)
    raw = (shared_dir / "seeds" / "000_db01594f68ec3a21.txt").read_text(encoding="utf-8")
    doc = document_from_text(raw)
    assert doc.title == "Islamabad's Measured Strikes Amidst Crisis"
    assert doc.authors == ["Harsh V Pant", "Shivam Shekhawat"]
    assert doc.published == date(2024, 1, 27)
    assert doc.published_from == "first-published-note"
    assert doc.meta["original_outlet"] == "Financial Express"
    assert doc.meta["original_title"].startswith("Striking with caution")
    assert doc.meta["repost_outlet"] == "IMPRI"
    assert doc.body.startswith("Ties between Iran and Pakistan recently received")
    assert doc.body.rstrip().endswith("compound its difficulties.")
    for bad in ("Home Insights", "is a Professor", "Junior Fellow", "first published",
                "Disclaimer", "Read more", "Naval Engagement", "Bilkis Bano",
                "Acknowledgement", "Previous article", "Next article", "startup research",
                "Please enter"):
        assert bad not in doc.body, bad
    assert doc.language == "en"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    # a text saved from an e-mail client, wrapped at 60 columns
    import textwrap

    raw = _read("plain_report.txt")
    paras = [p.strip() for p in raw.strip().split("\n\n")]
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in paras)
    assert wrapped.count("\n") > 8
    assert document_from_text(wrapped).body == "\n\n".join(paras)


def test_inline_cue_does_not_cut_the_article() -> None:
    # a "Read more" link line in the middle: dropped, but the paragraphs after it stay
    paras = [p.strip() for p in _read("plain_report.txt").strip().split("\n\n")]
    text = "\n\n".join([paras[0], "Read more about the ELN ceasefire", paras[1], paras[2]])
    doc = document_from_text(text)
    assert "Read more" not in doc.body
    assert doc.body.endswith(paras[2]) and paras[1] in doc.body


@pytest.mark.parametrize("lead", [
    "Iran fired missiles.",  # a short sentence above the first paragraph, no title
    "Pakistan Closes Border\n\nIran fired missiles.",  # the same under a headline
])
def test_short_sentences_in_the_head_are_kept(lead: str) -> None:
    para = _read("plain_report.txt").split("\n\n")[0].strip()
    doc = document_from_text(f"{lead}\n\n{para}")
    assert doc.body.startswith("Iran fired missiles.") and doc.body.endswith(para)
