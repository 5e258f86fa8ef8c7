"""The scoring of bench/actors_gold.py on tiny synthetic documents (no pipeline, no ../shared)."""

from __future__ import annotations

from bench_loader import load_bench

ag = load_bench("actors_gold")

BODY = "Rebels shelled the town.  Kenyan police arrested\n two   suspects in Mombasa."
SENT = "Kenyan police arrested two suspects in Mombasa."


def _gold(src: str, tgt: str | None) -> dict:
    return {"doc": "d", "sentence": SENT, "source": src, "target": tgt}


def _span(text: str) -> tuple[int, int]:
    i = BODY.index(text)
    return i, i + len(text)


def test_slots_are_found_by_country_role_and_code() -> None:
    t = ag.Tally()
    mentions = [(*_span("Kenyan police"), "KENCOP"), (*_span("suspects"), "---CVL"),
                (*_span("Rebels"), "---REB")]  # outside the gold sentence: ignored
    ag.score_document("d", BODY, mentions, [_gold("KENCOP", "KENCVL")], t, details=True)
    assert (t.slots, t.country, t.role, t.exact) == (2, 2, 1, 1)  # KEN is in the sentence
    assert t.countryless == 1  # KENCVL: "suspects" seen, without its country
    assert (t.mentions, t.mentions_ok, t.mentions_no_country) == (2, 1, 1)
    assert t.misses == []  # misses are listed at country level


def test_a_sentence_not_in_the_body_counts_its_slots_as_unlocated_misses() -> None:
    t = ag.Tally()
    gold = [{"doc": "d", "sentence": "Nothing like this.", "source": "KENGOV", "target": None}]
    ag.score_document("d", BODY, [], gold, t, details=False)
    assert (t.slots, t.country, t.unlocated) == (1, 0, 1)
    assert t.report()["recall_country"] == 0.0


def test_same_code_twice_in_a_sentence_is_one_slot() -> None:
    t = ag.Tally()
    mentions = [(*_span("Kenyan police"), "KENCOP")]
    ag.score_document("d", BODY, mentions, [_gold("KENCOP", None), _gold("KENCOP", "KENCVL")],
                      t, details=False)
    assert t.slots == 2  # KENCOP once, KENCVL once
    assert t.country == 2  # KEN is in the sentence for both
