"""The cue-word prefilter of verb patterns drops only patterns whose cues cannot match."""

from __future__ import annotations

from dyadwatch.coding.patterns import Pattern, PatternSet


def _set() -> PatternSet:
    ps = PatternSet()
    cue_words = ["border", "envoy", "talks", "troops", "missile"]
    for i in range(20):
        # every third pattern has no cues; the others need one word, some two cue sets
        cues: tuple[frozenset[str], ...] = ()
        if i % 3:
            cues = (frozenset({cue_words[i % 5]}),)
            if i % 4 == 0:
                cues += (frozenset({"talks", "envoy", "border"}),)
        ps.add(Pattern(id=f"p{i}", pos="verb", lemmas=("summon",), code="0", cues=cues))
    return ps


def _could_match(pat: Pattern, words: set[str]) -> bool:
    return all(words & cue for cue in pat.cues)


def test_filter_keeps_every_pattern_that_could_match_in_order() -> None:
    ps = _set()
    for words in [set(), {"envoy"}, {"border", "talks"}, {"missile", "envoy", "x"}]:
        kept = ps.candidates_with("verb", "summon", words)
        every = ps.candidates("verb", "summon")
        assert [p for p in every if _could_match(p, words)] == \
            [p for p in kept if _could_match(p, words)]
        assert kept == [p for p in every if p in kept]  # original order
        assert all(not p.cues or words & min(p.cues, key=len) for p in kept)


def test_filter_follows_patterns_added_later_and_leaves_short_lists_alone() -> None:
    ps = _set()
    assert len(ps.candidates_with("verb", "summon", set())) == 7  # the cue-less ones
    ps.add(Pattern(id="late", pos="verb", lemmas=("summon",), code="0"))
    assert ps.candidates_with("verb", "summon", set())[-1].id == "late"
    few = PatternSet()
    few.add(Pattern(id="a", pos="verb", lemmas=("warn",), code="0",
                    cues=(frozenset({"x"}),)))
    assert [p.id for p in few.candidates_with("verb", "warn", set())] == ["a"]
