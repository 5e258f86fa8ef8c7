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


# -- statements that judge what they report (data/patterns/statements.json) -------------
def _codes(coder, nlp, text: str) -> set[tuple[str, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.cameo)
            for e in coder.code_text(nlp, text, when=date(2024, 3, 4)) if e.factual}


def test_a_reported_failure_is_criticism_of_its_subject(nlp, coder) -> None:
    got = _codes(coder, nlp, "Kenya's foreign minister said Uganda had failed to protect "
                             "the refugees at the border camps.")
    assert ("KENGOV", "UGA", "111") in got


def test_a_judged_possessor_is_the_target(nlp, coder) -> None:
    got = _codes(coder, nlp, "The Irish prime minister said Israel's response to the attack "
                             "resembled revenge rather than self-defence.")
    assert any(s.startswith("IRL") and t == "ISR" and c == "111" for s, t, c in got)


def test_a_reported_deceit_is_an_accusation(nlp, coder) -> None:
    got = _codes(coder, nlp, "Ghana's president said Togo had misled the regional bloc "
                             "about the border incident last month.")
    assert any(s == "GHAGOV" and t == "TGO" and c.startswith("112") for s, t, c in got)


def test_a_reported_obligation_stays_a_demand(nlp, coder) -> None:
    got = _codes(coder, nlp, "Jordan's foreign minister said Israel must end the war on "
                             "Gaza immediately.")
    assert any(c.startswith("10") for _, t, c in got if t == "ISR")
    assert not any(c.startswith("11") for _, _, c in got)


def test_a_neutral_report_is_no_criticism(nlp, coder) -> None:
    got = _codes(coder, nlp, "Kenya's foreign minister said Uganda had opened the border "
                             "crossing on Monday.")
    assert not any(c.startswith("11") for _, _, c in got)


def test_a_judgement_of_the_speakers_own_country_is_no_event(nlp, coder) -> None:
    got = _codes(coder, nlp, '"Kenya firmly opposes intimidation and unlawful activities at '
                             'sea," the Kenyan foreign minister said on Tuesday.')
    assert not any(c.startswith("11") for _, _, c in got), got


# -- a named person "attacking" another named person (data/coding/argtypes.json) -----
def test_a_politician_attacking_a_politician_is_criticism(nlp, coder) -> None:
    got = _codes(coder, nlp, "Florida Gov. Ron DeSantis attacked Ambassador Nikki Halvorsen "
                             "on Wednesday in Miami during the long debate.")
    assert any(c == "111" for _, _, c in got) and not any(c.startswith("19") for _, _, c in got)


def test_an_armed_attack_on_a_named_person_stays_force(nlp, coder) -> None:
    got = _codes(coder, nlp, "Gunmen attacked Governor Amina Lawalu in Kano on Wednesday "
                             "as her convoy left the state assembly.")
    assert not any(c == "111" for _, _, c in got)


# -- quotations (actors/discourse.py) ----------------------------------------------------
def test_we_inside_a_quote_codes_the_speakers_appeal(nlp, coder) -> None:
    evs = coder.code_text(nlp, "Regional experts met in Geneva.\n\n"
                               "\u201cWe call on Kenya to agree to an immediate ceasefire,\u201d "
                               "the UN experts said in a statement.", when=date(2024, 3, 4))
    assert any(e.source.code == "IGOUNO" and e.target is not None
               and e.target.code == "KEN" and e.root == "02" for e in evs)
