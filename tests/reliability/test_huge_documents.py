"""A huge document is cut into chunks and coded to its end, never silently truncated."""

from __future__ import annotations

import pytest

from dyadwatch.errors import InputTooLarge
from dyadwatch.ingest import document_from_text
from dyadwatch.text import chunks, parse

from reliability_inputs import SENTENCES


@pytest.mark.parametrize("body, limit, cut_after", [
    # a paragraph break in the second half of the window is preferred to anything else
    ("a" * 60 + "\n\n" + "b. " * 10 + "c" * 40, 100, "\n\n"),
    # no paragraph break: the last sentence end in the window
    ("word " * 8 + "One. Two! " + "x" * 200, 64, "Two! "),
    # no punctuation, no space: cut hard at the limit
    ("z" * 250, 100, None),
])
def test_chunks_cut_at_the_best_break_and_cover_the_body(body, limit, cut_after):
    pieces = chunks(body, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(body)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # no gap, no overlap
    assert all(0 < e - s <= limit for s, e in pieces)
    first = body[pieces[0][0]:pieces[0][1]]
    if cut_after is None:
        assert len(first) == limit
    else:
        assert first.endswith(cut_after)


def test_a_short_body_is_one_chunk():
    assert chunks("Iran recalled its envoy.", 100) == [(0, 24)]
    assert chunks("", 100) == [(0, 0)]


def test_a_single_line_document_is_coded_to_its_end(with_settings):
    # one line of ~24,000 characters, coded in chunks of at most 4,000
    line = " ".join(f"{s} Day {n}." for n in range(70) for s in SENTENCES)
    assert "\n" not in line
    p = with_settings(chunk_chars=4000)
    doc = document_from_text(line, source_path="one-line.txt")
    seen: list[tuple[int, int]] = []
    res = p.process(doc, on_chunk=lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert total >= 6 and [d for d, _ in seen] == list(range(1, total + 1))  # progress moves
    assert res.document.meta["chunks"] == total
    # the sentences tile the whole body: the last one ends at its end
    assert res.sentences[-1].end == len(doc.body.rstrip())
    for s in res.sentences[::25]:
        assert doc.body[s.start:s.end].split()[0] == s.text.split()[0]
    assert [s.index for s in res.sentences] == list(range(len(res.sentences)))
    # events from the last chunk are there, numbered in the whole document
    assert len({e.event_id for e in res.events}) == len(res.events)
    last = max(e.sentence_index for e in res.events)
    assert last > len(res.sentences) * 0.9
    for e in res.events[::20]:
        assert res.sentences[e.sentence_index].text == e.sentence
        assert e.event_id.startswith(f"{doc.doc_id}-{e.sentence_index}-")


def test_chunked_and_whole_coding_agree_on_a_plain_text(with_settings, pipeline):
    # paragraphs of independent sentences: chunking at paragraph breaks changes nothing
    body = "\n\n".join(f"{s} It happened on day {n}." for n in range(12) for s in SENTENCES)
    doc = document_from_text(body, source_path="paras.txt")
    whole = pipeline.process(doc)
    chunked = with_settings(chunk_chars=1500).process(doc)
    assert chunked.document.meta["chunks"] > 1
    key = lambda r: sorted((e.sentence_index, e.cameo, e.source.code) for e in r.events)  # noqa: E731
    assert key(chunked) == key(whole)


def test_parse_never_truncates_it_refuses(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline.nlp, "max_length", 50)
    doc = document_from_text("Iran recalled its ambassador from Pakistan on Monday. " * 3,
                             source_path="long.txt")
    with pytest.raises(InputTooLarge, match=r"long\.txt: body of 16\d characters"):
        parse(pipeline.nlp, doc)
