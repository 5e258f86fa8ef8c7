"""Attacks without a named attacker placed through the gazetteer (round 3): the coder
asks the pipeline's gazetteer for the country of a town the actor dictionary does not
know, finds a wire dateline after a feed item's title, and leaves alone attacks that
have not happened."""

from __future__ import annotations

import pytest

from dyadwatch.model import Document


@pytest.fixture(scope="module")
def gazetteer():
    from dyadwatch.place import Gazetteer

    return Gazetteer.default()


@pytest.mark.parametrize("name,country", [
    ("Kufa", "IRQ"), ("Fallujah", "IRQ"), ("Quetta", "PAK"), ("Kandahar", "AFG"),
    ("Georgia", "GEO"),  # the country beats the US state
    ("Hyderabad", None),  # India and Pakistan both have one
    ("Victoria", None), ("Nowhereville", None),
])
def test_country_of_place(gazetteer, name: str, country: str | None) -> None:
    assert gazetteer.country_of_place(name) == country


def _keys(pipeline, text: str) -> set:
    res = pipeline.process(Document(doc_id="t", body=text))
    return {(e.source.code, e.target.code if e.target else None, e.root) for e in res.events
            if e.factual}


def test_attack_in_a_town_the_actor_dictionary_does_not_know(pipeline) -> None:
    got = _keys(pipeline, "A mortar attack on a crowded market in the town of Kufa on "
                          "Friday killed at least nine people.")
    assert any(s == "IRQUAF" and t is not None and t.startswith("IRQ") and r == "19"
               for s, t, r in got), got


def test_dateline_after_a_title(pipeline) -> None:
    text = ("Blast hits patrol. KIRKUK, Iraq (AP) - A roadside bomb exploded near a "
            "convoy on Sunday, killing two policemen.")
    got = _keys(pipeline, text)
    assert any(s == "IRQUAF" and r == "18" for s, _, r in got), got


def test_attack_that_has_not_happened_is_no_event(pipeline) -> None:
    got = _keys(pipeline, "The next rocket attack on a US base in Iraq could reopen the "
                          "cycle of retaliation.")
    assert not any(s.endswith("UAF") for s, _, _ in got)


def test_talk_about_an_attack_is_not_the_attack(pipeline) -> None:
    got = _keys(pipeline, "A bomb attack in Quetta would be a disaster for the talks, "
                          "officials warned.")
    assert not any(s.endswith("UAF") for s, _, _ in got)


def test_victims_after_a_misparsed_clause(pipeline) -> None:
    got = _keys(pipeline, "A mortar attack in Najaf on Thursday killed at least 25 people "
                          "as the cleric headed to the shrine.")
    assert any(s == "IRQUAF" and t is not None and t.startswith("IRQ") for s, t, _ in got), got


def test_bare_group_noun_takes_the_country_of_the_group_named_before(pipeline) -> None:
    got = _keys(pipeline, "Tamil Tigers attacked a navy base. The rebels later accused "
                          "Colombo of breaking the truce.")
    assert any(s == "LKAREB" and t is not None and t.startswith("LKA") and r == "11"
               for s, t, r in got), got


def test_bare_group_noun_stays_country_less_when_earlier_groups_disagree(pipeline) -> None:
    got = _keys(pipeline, "Tamil Tigers and Darfur rebels were both named in the report. "
                          "The rebels later accused the government of breaking the truce.")
    assert not any(s.endswith("REB") and not s.startswith(("---", "LKA", "SDN"))
                   for s, _, _ in got)
    assert not any(s in ("LKAREB", "SDNREB") and r == "11" for s, _, r in got), got


def test_between_pairs_only_across_the_sides(pipeline) -> None:
    got = _keys(pipeline, "Fierce battles between insurgents and US and Iraqi forces killed "
                          "at least 27 people in Ramadi.")
    assert ("IRQINS", "USAMIL", "19") in got and ("USAMIL", "IRQINS", "19") in got
    assert ("USAMIL", "IRQMIL", "19") not in got and ("IRQMIL", "USAMIL", "19") not in got


def test_compass_phrase_places_the_event(pipeline) -> None:
    got = _keys(pipeline, "A roadside bomb killed three soldiers north of Baquba on Sunday.")
    assert any(s == "IRQUAF" and t is not None and t.startswith("IRQ") for s, t, _ in got), got


def test_passive_arrest_without_agent_is_the_local_police(pipeline) -> None:
    got = _keys(pipeline, "Two Iranian journalists were arrested in Baghdad on Monday.")
    assert ("IRQCOP", "IRNMED", "17") in got, got


def test_passive_detention_of_a_national_at_home(pipeline) -> None:
    got = _keys(pipeline, "Pakistani opposition leader Imran Khan was detained on Tuesday.")
    assert any(s == "PAKCOP" and t is not None and t.startswith("PAK") and r == "17"
               for s, t, r in got), got


def test_passive_deportation_needs_a_place(pipeline) -> None:
    # nobody is deported from their own country: no guessed agent without a place
    got = _keys(pipeline, "A delegation of Pakistani traders was deported on Tuesday.")
    assert not any(s == "PAKGOV" and r == "17" for s, _, r in got), got


def test_passive_arrest_with_an_agent_keeps_the_agent(pipeline) -> None:
    got = _keys(pipeline, "Three Pakistani fishermen were detained by Indian coast guards.")
    assert any(s.startswith("IND") and t is not None and t.startswith("PAK") and r == "17"
               for s, t, r in got), got


def test_passive_that_has_not_happened_gets_no_implied_agent(pipeline) -> None:
    got = _keys(pipeline, "The minister hoped that French officials would be prosecuted "
                          "in Kigali.")
    assert not any(s.endswith("COP") for s, _, _ in got), got
