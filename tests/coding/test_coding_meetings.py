"""A meeting or visit one side makes is coded one way; a reciprocal act between
co-subjects, or with a partner who takes part in it (a clash), both ways.  This is the
convention of ``news_events_gold`` ("A met with B" is A -> B only).  Sentences are our own."""

from __future__ import annotations

import pytest


def _pairs(coder, env, text: str, root: str) -> set[tuple[str, str | None]]:
    return {(e.source.country, e.target.country if e.target else None)
            for e in coder.code_text(env.nlp, text) if e.cameo.startswith(root)}


@pytest.mark.parametrize("text", [
    "Kenya's foreign minister met Ethiopia's army chief in Addis Ababa on Monday.",
    "The Chilean president met with Argentina's foreign minister in Santiago.",
    "Norway's prime minister visited Poland on Tuesday.",
])
def test_a_meeting_one_side_makes_is_one_way(coder, env, text):
    pairs = _pairs(coder, env, text, "04")
    assert pairs, text
    assert all(len({s, t}) == 2 for s, t in pairs)
    assert not any((t, s) in pairs for s, t in pairs), pairs


def test_co_subjects_who_meet_are_coded_both_ways(coder, env):
    pairs = _pairs(coder, env, "The leaders of Kenya and Ethiopia met in Nairobi on Monday.", "04")
    assert {("KEN", "ETH"), ("ETH", "KEN")} <= pairs


def test_a_clash_with_a_partner_is_coded_both_ways(coder, env):
    pairs = _pairs(coder, env, "Indian troops clashed with Chinese soldiers in Ladakh on Monday.",
                   "19")
    assert {("IND", "CHN"), ("CHN", "IND")} <= pairs
