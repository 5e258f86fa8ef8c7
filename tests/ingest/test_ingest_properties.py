"""Property tests: random and mutated inputs never crash a reader; only Document or
Rejection come out, and every Rejection names where and why."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import InputError
from dyadwatch.ingest import IngestOptions, document_from_html, document_from_text, read_path
from dyadwatch.model import Document, Rejection

MIXED = Path(__file__).parent / "fixtures" / "mixed"
DUMPS = Path(__file__).parent / "fixtures" / "dumps"
SEEDS = {p.name: p.read_bytes() for p in [
    MIXED / "crawl.warc.gz", MIXED / "gulf_monitor_feed.xml", MIXED / "nile_dam_talks.html",
    MIXED / "wire_articles.jsonl", DUMPS / "think_tank_commentary.txt"]}
NAMES = sorted(SEEDS) + ["crawl.warc", "unknown.bin", "page.htm", "x.rss", "a.jsonl"]
FAST = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file with random truncation, byte flips, insertions and deletions."""
    seed_name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[seed_name])
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        if op == "cut":
            del data[pos:]
        elif op == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        else:
            del data[pos:pos + draw(st.integers(1, 200))]
    name = draw(st.sampled_from([seed_name] + NAMES))
    return name, bytes(data)


def _check(name: str, data: bytes, **opts: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / name
        f.write_bytes(data)
        items = list(read_path(f, IngestOptions(**opts)))
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, (Document, Rejection))
        if isinstance(item, Rejection):
            assert item.where.startswith(str(f)) and item.reason and item.stage == "ingest"
        else:
            assert item.body.strip() and item.doc_id and item.content_hash


@FAST
@given(mutated())
def test_mutated_fixtures_never_crash(case: tuple[str, bytes]) -> None:
    _check(*case)


@FAST
@given(st.sampled_from(NAMES), st.binary(max_size=3000))
def test_random_bytes_never_crash(name: str, data: bytes) -> None:
    _check(name, data, max_bytes=2000)


@FAST
@given(st.text(max_size=2000))
def test_text_and_html_entry_points(text: str) -> None:
    for fn in (document_from_text, document_from_html):
        try:
            doc = fn(text)
        except InputError as exc:  # the only allowed failure, and it says where
            assert exc.where and exc.reason
        else:
            assert isinstance(doc, Document) and doc.body.strip()
