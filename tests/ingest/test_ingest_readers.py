"""read_path over files and folders: every format, bad inputs become Rejections."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from dyadwatch.ingest import IngestOptions, read_path
from dyadwatch.model import Document, Rejection

from ingest_warc_helpers import build_warc, page  # tests/ingest is on sys.path (rootdir mode)

MIXED = Path(__file__).parent / "fixtures" / "mixed"

PARAS = ["Kenyan police fired tear gas at protesters in Nairobi on Tuesday as demonstrations "
         "against new taxes entered a second week, witnesses said.",
         "The interior ministry said forty people had been arrested and promised that the "
         "officers involved in a shooting would be investigated.",
         "Opposition leaders called for a national strike on Thursday."]


def _items(path: Path, **opts) -> list[Document | Rejection]:
    return list(read_path(path, IngestOptions(**opts) if opts else None))


def _docs(items):  # type: ignore[no-untyped-def]
    return [i for i in items if isinstance(i, Document)]


def _rejs(items):  # type: ignore[no-untyped-def]
    return [i for i in items if isinstance(i, Rejection)]


# -- the mixed folder --------------------------------------------------------------

def test_mixed_folder_reads_every_kind() -> None:
    items = _items(MIXED)
    by_src = {d.source_path.replace(str(MIXED) + "/", ""): d for d in _docs(items)}
    assert sorted(by_src) == sorted([
        "crawl.warc.gz#2", "crawl.warc.gz#6", "gulf_monitor_feed.xml#1",
        "gulf_monitor_feed.xml#2", "nile_dam_talks.html", "wire_articles.jsonl:1",
        "wire_articles.jsonl:3", "more/caspian_ferry_commentary.txt"])
    html = by_src["nile_dam_talks.html"]
    assert html.title == "Nile dam talks end without deal"
    assert html.authors == ["Amira Said", "Kebede Alemu"]
    assert (html.published, html.published_from) == (date(2023, 7, 28), "html-meta")
    assert html.outlet == "The Cairo Ledger"
    assert html.url == "https://www.cairoledger.example/news/2023/07/nile-dam-talks"
    assert html.language == "en"
    # decoded with the charset the page declares: right, so no warning (only guesses warn)
    assert "encoding_note" not in html.meta
    assert "Café owners" in html.body and "Most read" not in html.body
    assert "All rights reserved" not in html.body
    w1, w2 = by_src["crawl.warc.gz#2"], by_src["crawl.warc.gz#6"]
    assert (w1.published, w1.published_from) == (date(2024, 3, 1), "html-meta")
    assert (w2.published, w2.published_from) == (date(2024, 3, 2), "warc-date")
    assert w2.url == "https://news.example.org/world/bolivia-protests"
    assert w1.meta["crawl_date"].startswith("2024-03-02")
    f1 = by_src["gulf_monitor_feed.xml#1"]
    assert (f1.published, f1.published_from, f1.outlet) == (date(2023, 9, 18), "feed",
                                                             "Gulf Monitor")
    assert "appeared first on" not in f1.body
    j1, j3 = by_src["wire_articles.jsonl:1"], by_src["wire_articles.jsonl:3"]
    assert (j1.doc_id, j1.published, j1.published_from) == ("wire-0001", date(2023, 4, 18),
                                                            "jsonl")
    assert j3.doc_id == "wire-0002" and j3.body.startswith("Peru's government declared")
    dump = by_src["more/caspian_ferry_commentary.txt"]
    assert dump.published_from == "first-published-note"
    rejected = {r.where.replace(str(MIXED) + "/", ""): r.reason for r in _rejs(items)}
    assert set(rejected) == {"to_fetch.urls", "wire_articles.jsonl:2"}
    assert "watch command" in rejected["to_fetch.urls"]
    assert "not JSON" in rejected["wire_articles.jsonl:2"]
    assert all(r.stage == "ingest" for r in _rejs(items))


def test_folder_order_is_deterministic() -> None:
    a = [getattr(i, "source_path", None) or i.where for i in read_path(MIXED)]
    b = [getattr(i, "source_path", None) or i.where for i in read_path(MIXED)]
    assert a == b and len(a) == 10


def test_missing_path() -> None:
    (r,) = _items(Path("/nonexistent/nowhere"))
    assert isinstance(r, Rejection) and "no such file" in r.reason


# -- bad single files ----------------------------------------------------------------

BAD = [
    # empty file
    ("empty.txt", b"", "empty file"),
    # whitespace only
    ("blank.txt", b"  \n\n \t\n", "whitespace"),
    # binary content under a text name
    ("notes.txt", bytes(range(256)) * 8, "binary file"),
    # a PDF: unsupported, with advice
    ("report.pdf", b"%PDF-1.4\n...", "PDF"),
    # a broken feed
    ("broken.rss", b"<?xml version='1.0'?><rss><channel><title>x</title><item>", "broken feed"),
    # a page with no text at all
    ("nothing.html", b"<html><head><title></title></head><body><script>var a=1;</script>"
                     b"</body></html>", "no article text"),
    # a gzip that is cut off
    ("cut.txt.gz", gzip.compress(b"Some text " * 200)[:30], "gzip"),
]


@pytest.mark.parametrize("name,data,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_file_becomes_rejection(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    items = _items(f)
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert items[0].where.startswith(str(f))
    assert reason.lower() in items[0].reason.lower()


def test_truncated_html_still_yields_text(tmp_path: Path) -> None:
    f = tmp_path / "cut.html"
    f.write_bytes(page("Kenya protests", PARAS)[:-180])  # cut inside the last paragraph
    (doc,) = _items(f)
    assert isinstance(doc, Document) and doc.body.startswith("Kenyan police fired tear gas")


def test_undecodable_bytes_are_decoded_with_a_note(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes(("Le ministre a déclaré que la frontière resterait fermée. " * 5)
                  .encode("latin-1"))
    (doc,) = _items(f)
    assert isinstance(doc, Document)
    assert "déclaré" in doc.body and "frontière" in doc.body
    assert "not valid UTF-8 (first invalid byte at offset 15)" in doc.meta["encoding_note"]
    assert doc.language == "fr"


def test_huge_file_is_rejected_without_reading(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.truncate(60 * 1024 * 1024)
        fh.seek(0)
        fh.write(b"Some text at the start of a very large file.\n")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file read whole"))
    (r,) = _items(f)
    assert isinstance(r, Rejection) and "size limit" in r.reason and "60.0 MB" in r.reason


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" ".join(PARAS))
    assert isinstance(_items(f, max_bytes=100)[0], Rejection)
    assert isinstance(_items(f)[0], Document)


def test_folder_skips_quietly_but_single_file_reports(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    (tmp_path / ".hidden.txt").write_text(" ".join(PARAS))
    (tmp_path / "story.txt").write_text("\n\n".join(PARAS))
    items = _items(tmp_path)
    assert [type(i).__name__ for i in items] == ["Document"]
    (r,) = _items(tmp_path / "pic.png")
    assert isinstance(r, Rejection) and "binary" in r.reason


def test_content_sniffing_beats_extension(tmp_path: Path) -> None:
    # an HTML page saved as .txt, and an extension-less JSONL file
    (tmp_path / "page.txt").write_bytes(page("Kenya protests", PARAS))
    (tmp_path / "export").write_text(json.dumps({"id": "k1", "text": PARAS[0]}) + "\n")
    docs = _docs(_items(tmp_path))
    assert [d.doc_id for d in docs][0] == "k1"
    html_doc = docs[1]
    assert html_doc.title == "Kenya protests" and "Contact us" not in html_doc.body


# -- JSONL ------------------------------------------------------------------------

def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"key": "x9", "content": "\n\n".join(PARAS), "date": "2024-06-25",
                             "headline": "Kenya"}) + "\n\n" + "[1, 2]\n" +
                 json.dumps({"key": "x10"}) + "\n")
    items = _items(f, id_field="key", text_field="content", published_field="date",
                   title_field="headline")
    doc, r2, r3 = items
    assert (doc.doc_id, doc.title, doc.published, doc.published_from) == (
        "x9", "Kenya", date(2024, 6, 25), "jsonl")
    assert r2.where == f"{f}:3" and "not an object" in r2.reason
    assert r3.where == f"{f}:4" and "neither" in r3.reason


def test_jsonl_long_line_and_bad_date(tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "word " * 500}) + "\n" +
                 json.dumps({"id": "ok", "text": PARAS[0], "published": "last Tuesday"}) + "\n")
    r, doc = _items(f, max_bytes=1000)
    assert isinstance(r, Rejection) and r.where == f"{f}:1" and "size limit" in r.reason
    assert doc.doc_id == "ok" and doc.published is None
    assert doc.meta["unparsed_published"] == "last Tuesday"


# -- WARC -------------------------------------------------------------------------

def _three_pages() -> list[tuple[str, str, bytes, str]]:
    return [(f"https://example.net/story-{i}", "text/html",
             page(f"Story {i}", [p.replace("Tuesday", f"day {i}") for p in PARAS]), "200 OK")
            for i in (1, 2, 3)]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_corrupt_record_is_rejected_rest_go_on(tmp_path: Path, gz: bool) -> None:
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = build_warc(f, _three_pages(), gz=gz)
    data = bytearray(f.read_bytes())
    mid = offsets[1]
    if gz:  # garble the compressed bytes of the second response
        for k in range(mid + 12, mid + 60):
            data[k] ^= 0x5A
    else:  # break its WARC header line
        data[mid:mid + 8] = b"WXRC/9.9"
    f.write_bytes(bytes(data))
    items = _items(f)
    docs, rejs = _docs(items), _rejs(items)
    assert [d.url for d in docs] == ["https://example.net/story-1", "https://example.net/story-3"]
    assert len(rejs) == 1 and "#" in rejs[0].where and "corrupt" in rejs[0].reason
    assert rejs[0].where.startswith(str(f) + "#")


def test_warc_http_error_page_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "c.warc.gz"
    recs = _three_pages()[:1] + [("https://example.net/gone", "text/html",
                                  page("Not found", ["Nothing here."]), "404 Not Found")]
    build_warc(f, recs)
    items = _items(f)
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Rejection) and "404" in items[1].reason


# -- feeds ------------------------------------------------------------------------

def test_atom_feed_items(tmp_path: Path) -> None:
    f = tmp_path / "feed.atom"
    f.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Andes Wire</title><entry><title>Kenya</title><link href='https://a.example/k'/>"
        "<id>tag:a,1</id><updated>2024-06-25T10:00:00Z</updated><content type='html'>"
        f"&lt;p&gt;{PARAS[0]}&lt;/p&gt;&lt;p&gt;{PARAS[1]}&lt;/p&gt;</content></entry>"
        "<entry><title>Empty</title><link href='https://a.example/e'/><id>tag:a,2</id>"
        "</entry></feed>")
    doc, rej = _items(f)
    assert (doc.title, doc.url, doc.published, doc.outlet) == (
        "Kenya", "https://a.example/k", date(2024, 6, 25), "Andes Wire")
    assert doc.body.startswith("Kenyan police") and "\n\n" in doc.body
    assert rej.where == f"{f}#2" and "watch command" in rej.reason


# -- JSON documents and project files -------------------------------------------------

def test_json_documents(tmp_path: Path) -> None:
    arts = [{"id": "a1", "text": PARAS[0]}, {"id": "a2", "text": ""}]
    (tmp_path / "list.json").write_text(json.dumps(arts, indent=2))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": arts[:1]}, indent=1))
    (tmp_path / "config.json").write_text(json.dumps({"threshold": 0.8}, indent=2))
    (tmp_path / "broken.json").write_text('{"id": "x",\n "text": ')
    items = {(getattr(i, "source_path", None) or i.where).replace(str(tmp_path) + "/", ""): i
             for i in _items(tmp_path)}
    assert isinstance(items["list.json#1"], Document) and items["list.json#1"].doc_id == "a1"
    assert isinstance(items["list.json#2"], Rejection)
    assert items["wrapped.json"].doc_id == "a1"
    assert "no article records" in items["config.json"].reason
    assert "not valid JSON" in items["broken.json"].reason


def test_project_files_are_skipped_in_folders(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n\nThese files were saved by the desk.\n")
    (tmp_path / "LICENSE").write_text("Permission is hereby granted, free of charge ...\n")
    (tmp_path / "story.txt").write_text("\n\n".join(PARAS))
    assert [type(i).__name__ for i in _items(tmp_path)] == ["Document"]
    assert isinstance(_items(tmp_path / "README.md")[0], Document)  # named explicitly: read


EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "dyadwatch" / "examples"


@pytest.mark.skipif(not (EXAMPLES / "README.md").exists(), reason="no shipped examples")
def test_shipped_examples() -> None:
    # the package examples (written by the lead, not used to write the rules): dates per
    # their README, and the syndicated repost has the same body as its original
    docs = {Path(d.source_path).name: d for d in _docs(_items(EXAMPLES))}
    expected = {"2024-01-iran-pakistan-analysis.txt": (date(2024, 1, 25), "text-dateline"),
                "2024-01-iran-pakistan-analysis-repost.txt": (date(2024, 1, 25),
                                                              "first-published-note"),
                "2019-03-balakot-analysis.txt": (date(2019, 3, 4), "first-published-note")}
    for name, (pub, src) in expected.items():
        if name in docs:
            assert (docs[name].published, docs[name].published_from) == (pub, src), name
    a = docs.get("2024-01-iran-pakistan-analysis.txt")
    b = docs.get("2024-01-iran-pakistan-analysis-repost.txt")
    if a and b:
        assert a.content_hash == b.content_hash
        assert b.meta["original_outlet"] == "South Asia Desk"
        assert a.authors == b.authors and len(a.authors) == 2
