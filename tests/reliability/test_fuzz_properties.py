"""Property tests (hypothesis): readers, date and place resolvers and the coder never
crash on arbitrary input; they return a result or a typed rejection.  Examples are few
and deadlines off: the machine is 2 shared cores."""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import InputError
from dyadwatch.ingest import IngestOptions, document_from_html, document_from_text
from dyadwatch.ingest.common import decode_bytes
from dyadwatch.ingest.containers import read_feed, read_jsonl
from dyadwatch.ingest.reader import read_file
from dyadwatch.model import Document, Rejection
from dyadwatch.text import chunks

FEW = settings(max_examples=25, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: words the coder and resolvers react to, mixed with arbitrary text
WORDS = st.sampled_from(["Iran", "Pakistan", "India", "army", "shelled", "recalled", "ambassador",
                         "on", "Monday", "January", "16", "2024", "last", "week", "in",
                         "Islamabad", "Tehran", "the", "said", ".", ",", "\n\n", "not", "will",
                         "\u200b", "\u200f", "\u202e", "نه", "—"])
SENTENCEY = st.lists(st.one_of(WORDS, st.text(max_size=8)), min_size=1, max_size=40).map(" ".join)


@FEW
@given(raw=st.binary(max_size=3000), ext=st.sampled_from([".txt", ".html", ".jsonl", ".xml",
                                                          ".json", ".warc", ".gz", ".csv"]))
def test_read_file_never_raises(raw, ext):
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"input{ext}"
        f.write_bytes(raw)
        items = list(read_file(f, IngestOptions()))
    assert all(isinstance(i, (Document, Rejection)) for i in items)
    assert all(i.where.startswith(str(f)) for i in items if isinstance(i, Rejection))


@FEW
@given(raw=st.binary(max_size=2000))
def test_decoding_never_raises_and_notes_every_guess(raw):
    text, note = decode_bytes(raw)
    try:
        raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    assert isinstance(text, str)
    if note is None:
        assert utf8 or raw[:4] in (b"\xef\xbb\xbf", ) or b"charset" in raw.lower() \
            or b"encoding" in raw.lower() or raw[:2] in (b"\xff\xfe", b"\xfe\xff")


@FEW
@given(text=st.text(max_size=2000))
def test_text_and_html_builders_raise_only_input_errors(text):
    for build in (document_from_text, document_from_html):
        try:
            doc = build(text)
        except InputError:
            continue
        assert doc.body.strip()


@FEW
@given(items=st.lists(st.tuples(st.text(max_size=200), st.text(max_size=60)), max_size=5),
       junk=st.binary(max_size=300))
def test_feeds_never_raise(items, junk):
    from xml.sax.saxutils import escape

    body = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description>"
                   "</item>" for d, t in items)
    raw = (f"<?xml version='1.0'?><rss><channel><title>F</title>{body}</channel></rss>"
           .encode("utf-8", "surrogatepass") + junk)
    out = list(read_feed(raw, "f.xml"))
    assert out and all(isinstance(i, (Document, Rejection)) for i in out)


@FEW
@given(lines=st.lists(st.one_of(st.binary(max_size=200),
                                st.dictionaries(st.sampled_from(["id", "text", "html",
                                                                 "published", "title"]),
                                                st.one_of(st.text(max_size=100), st.integers(),
                                                          st.none())).map(
                                    lambda d: __import__("json").dumps(d).encode())),
                      max_size=6))
def test_jsonl_never_raises_and_names_the_line(lines):
    out = list(read_jsonl(io.BytesIO(b"\n".join(lines)), "b.jsonl", IngestOptions()))
    for item in out:
        where = item.where if isinstance(item, Rejection) else item.source_path
        assert where.startswith("b.jsonl:")


@FEW
@given(body=st.text(max_size=3000), limit=st.integers(min_value=2, max_value=400))
def test_chunks_tile_any_body(body, limit):
    pieces = chunks(body, limit)
    assert "".join(body[s:e] for s, e in pieces) == body
    assert all(e - s <= limit for s, e in pieces)


@FEW
@given(text=SENTENCEY, anchor=st.dates(date(1900, 1, 1), date(2100, 12, 31)),
       published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31))),
       future=st.booleans())
def test_the_date_resolver_returns_a_resolution_or_none(text, anchor, published, future):
    from dyadwatch.dates import DateResolution, resolve_expression

    r = resolve_expression(text, anchor, published, future=future)
    assert r is None or isinstance(r, DateResolution)


@pytest.fixture(scope="module")
def gazetteer():
    from dyadwatch.place import Gazetteer

    return Gazetteer.default()


@FEW
@given(name=st.one_of(st.text(max_size=40), WORDS))
def test_the_place_resolver_never_raises(gazetteer, name):
    found = gazetteer.lookup(name)
    assert isinstance(found, list)
    gazetteer.country_of_place(name)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=SENTENCEY)
def test_the_coder_entry_point_never_crashes(pipeline, text):
    try:
        doc = document_from_text(text, published=date(2024, 1, 20))
    except InputError:
        return
    res = pipeline.process(doc)
    for ev in res.events:
        assert 0 <= ev.sentence_index < len(res.sentences)
        assert ev.source is not None and ev.cameo
