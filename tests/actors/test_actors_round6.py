"""Round 6 (issue 11, actors from the whole document): own sentences for each capability.

See docs/eval/actors.md, "Round 6".
"""

from __future__ import annotations

from datetime import date

import pytest

D = date(2024, 3, 4)


def _tag(nlp, actors, text: str, when: date | None = D) -> list[tuple[str, str, str | None]]:
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.actor.code,
             m.actor.country_from.value if m.actor.country_from else None)
            for m in actors.tag(doc, when=when)]


def _find(got, surface: str) -> tuple[str, str | None]:
    found = [(c, h) for s, c, h in got if s == surface]
    assert found, f"no mention {surface!r} in {got}"
    return found[0]


# -- the document says where a group is based ---------------------------------
@pytest.mark.parametrize("text,surface,code,how", [
    # a relative clause, stated after an earlier mention: every mention follows it
    ("Troops raided a Lashkar-e-Taiba camp near the border. Lashkar-e-Taiba, which is "
     "based in Pakistan, denied any losses.", "Lashkar-e-Taiba", "PAKINS", "coreference"),
    ("Lashkar-e-Taiba, which is based in Pakistan, denied any losses.", "Lashkar-e-Taiba",
     "PAKINS", "place"),
    # an appositive with a participle, or with a demonym
    ("Hizbul Mujahideen, a militant group based in Pakistan, issued a statement.",
     "Hizbul Mujahideen", "PAKINS", "place"),
    ("Hizbul Mujahideen, a Pakistani militant group, issued a statement.",
     "Hizbul Mujahideen", "PAKINS", "place"),
])
def test_a_stated_base_wins_over_the_dictionary(nlp, actors, text, surface, code, how) -> None:
    assert _find(_tag(nlp, actors, text), surface) == (code, how)


def test_a_base_the_document_does_not_state_keeps_the_dictionary(nlp, actors) -> None:
    got = _tag(nlp, actors, "Lashkar-e-Taiba denied any role in the attack.")
    assert _find(got, "Lashkar-e-Taiba") == ("INDINS", "mention")


def test_an_x_based_actor_without_a_country_is_based_there(nlp, actors) -> None:
    got = _tag(nlp, actors, "Kabul-based militants claimed the bombing.")
    assert _find(got, "militants") == ("AFGINS", "place")
    assert not any(s.startswith("Kabul") for s, _, _ in got)  # the modifier is no actor


# -- an audience is no actor ------------------------------------------------------
@pytest.mark.parametrize("text,audience", [
    ("The Kenyan interior minister told reporters that the curfew would end.", "reporters"),
    ("Zambian officials briefed journalists on the talks.", "journalists"),
    ("The Peruvian president said to reporters that he would resign.", "reporters"),
])
def test_media_only_told_something_are_no_actor(nlp, actors, text, audience) -> None:
    got = _tag(nlp, actors, text)
    assert not any(s == audience for s, _, _ in got), got


def test_media_that_act_are_still_actors(nlp, actors) -> None:
    got = _tag(nlp, actors, "Kenyan reporters protested against the new law.")
    assert _find(got, "Kenyan reporters")[0].startswith("KENMED")


# -- a title before a known person --------------------------------------------------
def test_a_present_title_wins_over_a_dated_out_elite_code(nlp, actors) -> None:
    """The dictionary dates Sushma Swaraj's office; in 2019 it has her as ELI, but the text
    calls her the minister."""
    got = _tag(nlp, actors, "External Affairs Minister Sushma Swaraj arrived in Dhaka.",
               when=date(2019, 3, 1))
    assert _find(got, "External Affairs Minister Sushma Swaraj")[0] == "INDGOV"


def test_a_royal_title_keeps_the_elite_role(nlp, actors) -> None:
    """(In 2003 the dictionary has Abdullah as an elite: the title "Crown Prince" keeps it.)"""
    got = _tag(nlp, actors, "Crown Prince Abdullah met the American envoy.",
               when=date(2003, 5, 1))
    assert _find(got, "Crown Prince Abdullah")[0] == "SAUELI"


# -- countries from relations in the sentence -----------------------------------------
@pytest.mark.parametrize("text,surface,code,how", [
    # the name modifying an "of" object
    ("Troops said they had killed fighters of the Jundallah group.", "fighters", "IRNINS",
     "possessive"),
    # apposition, even when the parser hangs it on another noun
    ("Officials said the raid hit hideouts of the Balochistan Liberation Army and the "
     "Balochistan Liberation Front, two separatist groups active in the south.",
     "separatist groups", "PAKSEP", "coreference"),
    # the one armed group of the sentence
    ("Jets struck Kataib Hezbollah positions overnight, killing at least 12 fighters.",
     "fighters", "IRQINS", "coreference"),
    # a state's own institution: the country of the clause's subject
    ("Prime Minister Shehbaz Sharif told parliament that the talks had failed.", "parliament",
     "PAKLEG", "coreference"),
])
def test_countries_from_the_sentence(nlp, actors, text, surface, code, how) -> None:
    assert _find(_tag(nlp, actors, text), surface) == (code, how)


def test_two_armed_groups_give_no_country_to_fighters(nlp, actors) -> None:
    got = _tag(nlp, actors, "Hamas and Hezbollah positions were struck, killing 12 fighters.")
    assert _find(got, "fighters")[1] != "coreference"


# -- 'its' before a noun ---------------------------------------------------------------
def test_its_before_a_noun_argument_is_the_clause_subject(nlp, actors) -> None:
    got = _tag(nlp, actors, "Pakistan said its operation had targeted militant hideouts.")
    assert ("its", "PAK", "coreference") in got


# -- unidentified attackers ----------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["unidentified gunmen", "unknown assailants", "masked gunmen"])
def test_unidentified_attackers_are_uaf_not_rebels(nlp, actors, phrase) -> None:
    got = _tag(nlp, actors, f"In the Nigerian town of Kano, {phrase} shot dead two guards.")
    code = [c for s, c, _ in got if s.lower() == phrase][0]
    assert code.endswith("UAF") and code[:3] == "NGA", got


def test_a_high_commissioner_is_a_diplomat(nlp, actors) -> None:
    got = _tag(nlp, actors, "Dhaka summoned India's acting High Commissioner on Monday.")
    assert _find(got, "India's acting High Commissioner")[0] == "INDGOV"


# -- holders, communities, headlines ------------------------------------------------------
@pytest.mark.parametrize("text,surface,code", [
    # an armed actor that only modifies the place it holds is still an actor
    ("Jets struck militant positions in Mogadishu overnight.", "militant", "SOMINS"),
    # a community before an actor noun makes one actor of the noun's role
    ("Drones hit Baloch separatist hideouts in Pakistan.", "Baloch separatist", "PAKSEP"),
])
def test_holders_and_communities(nlp, actors, text, surface, code) -> None:
    assert _find(_tag(nlp, actors, text), surface)[0] == code


@pytest.mark.parametrize("text,absent", [
    ("Ghana opened immigrant camps near the border.", "immigrant"),  # not an armed holder
    ("Iran launched missile strikes on Iraq.", "missile"),  # a weapon, not a holder
])
def test_other_modifiers_stay_no_actor(nlp, actors, text, absent) -> None:
    assert not any(s == absent for s, _, _ in _tag(nlp, actors, text))


def test_a_title_case_headline_does_not_join_actor_and_agent_across_words(nlp, actors) -> None:
    got = _tag(nlp, actors, "U.S. Plane Attacks Najaf Rebels as Tanks Near Shrine.")
    assert ("U.S.", "USA", "mention") in got
    assert not any(s.startswith("U.S. Plane") for s, _, _ in got), got
    assert ("Rebels", "USAREB", "mention") not in got


def test_a_definite_person_noun_is_the_last_person_of_its_role(nlp, actors) -> None:
    """'the wounded soldier' is the soldier named before, though troops of two countries were
    named in between."""
    text = ("Ghana will release a captured Togolese soldier on Friday. Ghanaian troops "
            "and Togolese troops clashed at the border. Officials in Accra later showed "
            "the wounded soldier to reporters.")
    assert _find(_tag(nlp, actors, text), "soldier") == ("TGOMIL", "coreference")


def test_its_before_a_person_noun_is_not_the_possessor(nlp, actors) -> None:
    got = _tag(nlp, actors, "Ghana says its pilot landed safely.")
    assert not any(s == "its" for s, _, _ in got), got
