"""End to end: the shipped example articles and the seed-style article through the whole pipeline.

`src/dyadwatch/examples/expected.json` was written with the articles (before
the coder was tuned) and lists each article's metadata and its key events.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import pytest

from dyadwatch.jobs import example_files, examples_dir
from dyadwatch.pipeline import document_from_input

EXPECTED = json.loads((examples_dir() / "expected.json").read_text(encoding="utf-8"))["documents"]
#: share of the unambiguous ("high") expected events the pipeline must find;
#: measured 2026-11-25, see docs/evaluation.md -- raise it as the coder improves
MIN_HIGH_RECALL = 0.92


@lru_cache(maxsize=None)
def _coded(pipeline, name: str):
    return pipeline.process(document_from_input(examples_dir() / name))


def _key(ev) -> tuple[str | None, str | None, str]:
    return ev.source.country, ev.target.country if ev.target else None, ev.root


def _matches(ev, exp) -> bool:
    if ev.source.country != exp["source_country"] or ev.root != exp["root"]:
        return False
    tgt = ev.target.country if ev.target else None
    loc = ev.location.country if ev.location else None
    if tgt == exp.get("target_country"):
        return True
    # cross-border action on the source's own nationals, located in the target country
    return (tgt in (None, ev.source.country)) and loc == exp.get("target_country")


def test_every_example_file_is_described():
    assert sorted(f.name for f in example_files()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 5


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_metadata(pipeline, name):
    exp = EXPECTED[name]
    doc = _coded(pipeline, name).document
    assert doc.title == exp["title"]
    assert doc.authors == exp["authors"]
    assert doc.published == date.fromisoformat(exp["published"])
    assert len(doc.body) > 1000


def _high_events():
    for name, exp in sorted(EXPECTED.items()):
        for i, ev in enumerate(exp["events"]):
            if ev.get("confidence") == "high":
                yield name, i, ev


def test_examples_key_event_recall(pipeline):
    found, missing = 0, []
    for name, i, exp in _high_events():
        events = [e for e in _coded(pipeline, name).events if e.factual]
        if any(_matches(e, exp) for e in events):
            found += 1
        else:
            missing.append(f"{name}#{i}: {exp['source']}->{exp['target']} {exp['cameo']}")
    total = found + len(missing)
    assert total >= 15
    assert found / total >= MIN_HIGH_RECALL, f"{found}/{total} found; missing: {missing}"


def _nonfactual():
    for name, exp in sorted(EXPECTED.items()):
        for i, nf in enumerate(exp.get("nonfactual", [])):
            yield pytest.param(name, nf, id=f"{name}#{i}")


@pytest.mark.parametrize("name,nf", list(_nonfactual()))
def test_examples_nonfactual_sentences_make_no_factual_event(pipeline, name, nf):
    result = _coded(pipeline, name)
    want = " ".join(nf["sentence"].split())
    for ev in result.events:
        if ev.factual and want in " ".join(ev.sentence.split()) or (
                ev.factual and " ".join(ev.sentence.split()) in want):
            assert not (ev.source.country == nf.get("source_country")
                        and (ev.target.country if ev.target else None) == nf.get("target_country")
                        and ev.root == nf.get("root")), f"factual event from: {ev.sentence}"


def test_examples_dates_and_places_of_the_iran_strike(pipeline):
    events = [e for e in _coded(pipeline, "2024-01-iran-pakistan-analysis.txt").events
              if e.factual and e.source.country == "IRN" and e.root == "19"]
    assert events, "Iran's January 16 strike is stated in the analysis article"
    strikes = [e for e in events if "January 16" in e.sentence]
    assert strikes, [e.sentence for e in events]
    for strike in strikes:
        assert strike.date == date(2024, 1, 16) and strike.date_precision == "day"
        assert strike.location is not None and strike.location.country == "PAK"


# --- the seed-style article (issue 3/5/6 acceptance), when ../shared is present ---------

@pytest.fixture(scope="module")
def seed(shared_dir, pipeline):
    files = sorted((shared_dir / "seeds").glob("*.txt"))
    if not files:
        pytest.skip("no seed article")
    return pipeline.process(document_from_input(files[0]))


def test_seed_metadata(seed):
    doc = seed.document
    assert doc.published == date(2024, 1, 27) and doc.published_from == "first-published-note"
    assert doc.authors == ["Harsh V Pant", "Shivam Shekhawat"]
    for chrome in ("Home Insights", "Please enter your comment", "Previous article",
                   "Read more at", "Disclaimer", "is a Professor of"):
        assert chrome not in doc.body


def test_seed_iran_strike(seed):
    hits = [e for e in seed.events if e.factual and e.root == "19" and e.source.country == "IRN"]
    assert hits, [(_key(e), e.sentence) for e in seed.events]
    ev = hits[0]
    assert ev.date == date(2024, 1, 16) and ev.date_precision == "day"
    assert ev.location and ev.location.country == "PAK" and ev.location.name == "Panjgur"


def test_seed_diplomatic_downgrade(seed):
    assert any(e.factual and e.root == "16" and e.source.country == "PAK"
               and e.target and e.target.country == "IRN" for e in seed.events)


def test_seed_pakistan_retaliation(seed):
    hits = [e for e in seed.events if e.factual and e.root == "19" and e.source.country == "PAK"]
    assert hits
    assert all(e.date_precision != "day" for e in hits)  # the text never dates it
    assert any(e.location and e.location.country == "IRN" for e in hits)


def test_seed_ambassadors_return_announced_on_january_22(seed):
    assert any(e.factual and e.date == date(2024, 1, 22) and {e.source.country,
               e.target.country if e.target else None} == {"IRN", "PAK"} for e in seed.events)


def test_seed_hypothetical_counter_attack_is_not_a_fact(seed):
    for e in seed.events:
        if "would have further dented" in e.sentence:
            assert not (e.factual and e.root in ("18", "19")), e.sentence
