"""Near-duplicate detection of reposts and syndicated copies (dyadwatch.dedup)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.dedup import Deduplicator, NearDuplicateIndex, shingles
from dyadwatch.errors import ConfigError
from dyadwatch.ingest import document_from_text

DUMPS = Path(__file__).parent / "fixtures" / "dumps"


def _body(name: str) -> str:
    return document_from_text((DUMPS / name).read_text(encoding="utf-8")).body


def test_repost_with_small_edits_is_found() -> None:
    ix = NearDuplicateIndex()
    original = _body("think_tank_commentary.txt")
    ix.add("orig", ix.signature(original))
    ix.add("other", ix.signature(_body("news_wire_story.txt")))
    # a syndicated copy: one sentence rephrased, a short line added at the end
    repost = original.replace("went badly wrong", "went wrong") + "\n\nEdited for length."
    assert ix.find(ix.signature(repost)) == "orig"
    assert ix.find(ix.signature(_body("blog_repost.txt"))) is None


def test_earliest_is_returned_and_threshold_matters() -> None:
    text = _body("news_wire_story.txt")
    ix = NearDuplicateIndex(threshold=0.8)
    ix.add("first", ix.signature(text))
    ix.add("second", ix.signature(text + " Extra sentence at the end."))
    assert ix.find(ix.signature(text)) == "first"
    # half of the story: a near-duplicate only for a permissive threshold
    half = text[: len(text) // 2]
    assert NearDuplicateIndex.similarity(ix.signature(half), ix.signature(text)) < 0.8
    assert ix.find(ix.signature(half)) is None
    loose = NearDuplicateIndex(threshold=0.3)
    loose.add("full", loose.signature(text))
    assert loose.find(loose.signature(half)) == "full"


def test_signatures_persist_as_ints() -> None:
    a = NearDuplicateIndex()
    sig = a.signature(_body("blog_repost.txt"))
    assert len(sig) == 128 and all(isinstance(v, int) for v in sig)
    b = NearDuplicateIndex()  # a fresh index rebuilt from stored signatures
    b.add("stored", list(sig))
    assert b.find(b.signature(_body("blog_repost.txt"))) == "stored"
    assert "stored" in b and len(b) == 1


def test_deduplicator_exact_and_near() -> None:
    d = Deduplicator()
    doc = document_from_text((DUMPS / "think_tank_commentary.txt").read_text())
    assert d.check(doc) is None
    same = document_from_text(doc.body.upper(), doc_id="copy")  # case-folded hash matches
    assert d.check(same) == ("exact", doc.doc_id)
    near = document_from_text(doc.body.replace("badly", "very badly"), doc_id="near")
    assert d.check(near) == ("near", doc.doc_id)


@pytest.mark.parametrize("kwargs", [{"threshold": 0}, {"threshold": 1.5}, {"num_perm": 4}])
def test_bad_settings(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        NearDuplicateIndex(**kwargs)


def test_wrong_signature_length() -> None:
    with pytest.raises(ConfigError):
        NearDuplicateIndex().add("x", [1, 2, 3])


def test_shingles() -> None:
    assert shingles("One two", 3) == {"one two"}
    assert shingles("", 3) == set()
    assert shingles("A b c d", 3) == {"a b c", "b c d"}
