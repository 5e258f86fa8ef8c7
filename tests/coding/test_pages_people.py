"""Two people of one country with one code are two actors (issue 11, whole pages)."""

from __future__ import annotations

from datetime import date


def test_two_named_people_with_one_code_give_an_event(nlp, coder) -> None:
    evs = coder.code_text(nlp, "Florida Gov. Ron DeSantis met reporters in the capital on Monday. "
                               "Alabama Gov. Brian Kemper met them in his office later that day. "
                               "Mr. DeSantis criticized Mr. Kemper on Tuesday.",
                          when=date(2024, 3, 4))
    assert any(e.root == "11" and e.source.code == e.target.code == "USAGOV" for e in evs)


def test_one_person_is_not_two_actors(nlp, coder) -> None:
    evs = coder.code_text(nlp, "Gov. Ron DeSantis criticized himself.", when=date(2024, 3, 4))
    assert not any(e.source.code == (e.target.code if e.target else None) for e in evs)
