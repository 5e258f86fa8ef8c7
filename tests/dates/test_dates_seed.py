"""Acceptance on the shared seed article (skipped when ../shared is absent)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dates_casekit import make_event  # noqa: E402

from dyadwatch.dates import assign_dates  # noqa: E402
from dyadwatch.model import Document  # noqa: E402


def _trigger(doc, sentence_start: str, word: str) -> int:  # type: ignore[no-untyped-def]
    for s in doc.sents:
        if sentence_start in s.text:
            return next(t.i for t in s if t.text == word)
    raise AssertionError(sentence_start)


def test_seed_acceptance(nlp, shared_dir) -> None:  # type: ignore[no-untyped-def]
    path = shared_dir / "seeds" / "000_db01594f68ec3a21.txt"
    body = path.read_text(encoding="utf-8")
    doc = nlp(body)
    picks = [("On January 16, Iran launched", "launched"),
             ("On January 22, both sides announced", "announced"),
             ("also extended an invitation", "extended"),
             ("It subsequently launched", "launched")]
    events = [make_event(doc, _trigger(doc, s, w), i) for i, (s, w) in enumerate(picks)]
    assign_dates(events, doc, Document("seed", body, published=date(2024, 1, 27)))
    strike, announce, invite, retaliation = events
    assert (strike.date, strike.date_precision) == (date(2024, 1, 16), "day")
    assert (announce.date, announce.date_precision) == (date(2024, 1, 22), "day")
    assert (invite.date, invite.date_precision) == (date(2024, 1, 1), "month")
    assert retaliation.date_precision == "interval"
    assert retaliation.date == date(2024, 1, 16)


def test_seed_background_attacks_are_not_dated_on_publication(pipeline, shared_dir) -> None:  # type: ignore[no-untyped-def]
    from dyadwatch.pipeline import document_from_input

    res = pipeline.process(document_from_input(shared_dir / "seeds" / "000_db01594f68ec3a21.txt"))
    background = [e for e in res.events if "had previously carried out attacks" in e.sentence
                  and e.source.code.startswith("IRNINS")]
    for e in background:
        assert e.date != date(2024, 1, 27), e.to_dict(explain=True)
        assert e.date_precision != "day"
