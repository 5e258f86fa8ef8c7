"""Whole news pages (issue 11), page-level discourse: first-person pronouns inside a
quotation stand for its speaker; an acronym stands for a name the page gave in full.  Own
short pages for each construction; see docs/eval/coding.md, "Whole pages, round 2"."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.actors import discourse

D = date(2024, 3, 4)


def _tag(nlp, actors, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.actor.code) for m in actors.tag(doc, when=D)]


def _codes(got, surface: str) -> list[str]:
    return [c for s, c in got if s == surface]


@pytest.mark.parametrize("text, quotes", [
    # curly marks pair; a quotation cut by its attribution is two quotations
    ("\u201cWe stay,\u201d he said, \u201cand we fight.\u201d", [(0, 10, True), (20, 35, True)]),
    # straight marks pair in order
    ('She said "no" twice.', [(9, 13, True)]),
    # a quotation that goes on in the next paragraph is open to its paragraph's end
    ("He said: \u201cFirst part.\n\u201cSecond part.\u201d", [(9, 21, False), (22, 36, True)]),
])
def test_quotations(text: str, quotes: list[tuple[int, int, bool]]) -> None:
    assert [(q.start, q.end, q.closed) for q in discourse.quotations(text)] == quotes


def test_we_in_a_quotation_is_the_speaker_named_after_it(nlp, actors) -> None:
    got = _tag(nlp, actors, "Regional experts met in Geneva.\n\n"
                            "\u201cWe call on Kenya to agree to a ceasefire. We are running out "
                            "of time,\u201d the UN experts said in a statement.")
    assert _codes(got, "We") == ["IGOUNO", "IGOUNO"]


def test_we_in_a_quotation_is_the_speaker_named_before_it(nlp, actors) -> None:
    got = _tag(nlp, actors, "Uganda's foreign minister said: \u201cWe will not accept this "
                            "and we will respond.\u201d")
    assert set(_codes(got, "We") + _codes(got, "we")) == {"UGAGOV"}


def test_a_quotation_continued_in_the_next_paragraph_keeps_its_speaker(nlp, actors) -> None:
    got = _tag(nlp, actors, "Uganda's foreign minister said: \u201cThe border stays closed.\n"
                            "\u201cWe will reopen it when Kenya withdraws.\u201d")
    assert _codes(got, "We") == ["UGAGOV"]


def test_we_outside_any_quotation_is_left_alone(nlp, actors) -> None:
    got = _tag(nlp, actors, "Uganda's foreign minister spoke on Monday. We asked Kenya "
                            "for a comment.")
    assert _codes(got, "We") == []


def test_a_quotation_without_an_attribution_gives_nobody(nlp, actors) -> None:
    # the quoted words are the title of a report, no speaker is named around them
    got = _tag(nlp, actors, "Kenya published a report titled \u201cWe the people\u201d on "
                            "Monday.")
    assert _codes(got, "We") == []


def test_an_acronym_in_parentheses_is_the_named_body(nlp, actors) -> None:
    got = _tag(nlp, actors, "The World Health Organization (WHO) sent a team to Kenya. "
                            "On Monday WHO criticized the government.")
    assert _codes(got, "WHO") and set(_codes(got, "WHO")) == {"IGOUNOHLHWHO"}


def test_an_acronym_of_an_earlier_full_name_is_the_named_body(nlp, actors) -> None:
    got = _tag(nlp, actors, "The United Nations Security Council met on Friday. Kenya asked "
                            "the UNSC to act.")
    assert _codes(got, "UNSC") == _codes(got, "United Nations Security Council")[:1]


def test_an_acronym_no_full_name_spells_is_left_alone(nlp, actors) -> None:
    got = _tag(nlp, actors, "The World Health Organization sent a team. XYZ said nothing.")
    assert _codes(got, "XYZ") == []


def test_the_word_lists_are_validated_on_load(monkeypatch) -> None:
    from dyadwatch.errors import ConfigError

    monkeypatch.setattr(discourse, "read_text",
                        lambda *parts: '{"speech_verbs": [], "first_person": ["we"], '
                                       '"acronym_stop": ["of"]}')
    discourse.rules.cache_clear()
    try:
        with pytest.raises(ConfigError, match="speech_verbs"):
            discourse.rules()
    finally:
        discourse.rules.cache_clear()


_CONTINUED = ("Ugandan President Yoweri Musevi spoke in Kampala on Monday.\n\n"
              "\u201cWe will not accept this,\u201d Musevi said.\n\n"
              "The border was closed in March. Traders have lost money. Prices rose.\n\n"
              "\u201cKenya has violated our sovereignty,\u201d he said.")


def test_a_bare_he_said_after_quotations_is_their_speaker(nlp, actors) -> None:
    got = _tag(nlp, actors, _CONTINUED)
    assert _codes(got, "he") == ["UGAGOV"]


def test_another_person_named_in_between_breaks_the_run(nlp, actors) -> None:
    got = _tag(nlp, actors, _CONTINUED.replace(
        "Traders have lost money.", "Kenyan President William Rutoh closed it."))
    assert "UGAGOV" not in _codes(got, "he")
