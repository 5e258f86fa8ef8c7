"""Round 5: countries from the whole document, and where each country came from (own sentences).

A mention whose own words name no country ("Gunmen", "Police", "the government") takes
the one the document gives: a relation ("the family of a Kenyan reporter"), its own place
phrase ("police in Mombasa"), the same kind of actor named before, the wire dateline, the
story's subject country.  ``Actor.country_from`` records which.  See docs/eval/actors.md,
"Round 5".
"""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.model import Actor, CountryFrom

D = date(2024, 3, 4)


def _tag(nlp, actors, text: str, **kw) -> list[tuple[str, str, str | None]]:
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.actor.code,
             m.actor.country_from.value if m.actor.country_from else None)
            for m in actors.tag(doc, when=D, **kw)]


def _one(got, surface: str) -> tuple[str, str | None]:
    found = [(c, h) for s, c, h in got if s == surface]
    assert found, f"no mention {surface!r} in {got}"
    return found[0]


@pytest.mark.parametrize("text,surface,code,how", [
    # the dateline names where the story was filed
    ("NAIROBI (Reuters) - Police fired tear gas at students on Tuesday.", "Police", "KENCOP",
     "dateline"),
    ("LIMA, Peru (AP) -- Gunmen ambushed a convoy in the highlands.", "Gunmen", "PERUAF",
     "dateline"),
    # the story's subject: what the title and lead name most
    ("Clashes flare again in Somalia. Somali elders in the capital said the fighting had "
     "stopped. Gunmen later attacked a checkpoint.", "Gunmen", "SOMUAF", "story"),
    # a relation to another actor: "the family of X", "X's family"
    ("The family of a jailed Egyptian blogger appealed for his release.", "family", "EGYCVL",
     "possessive"),
    ("Police said a Kenyan journalist's relatives had been told.", "relatives", "KENCVL",
     "possessive"),
    # the actor's own place phrase, through the dictionary (capital) ...
    ("Students in Nairobi marched on parliament.", "Students in Nairobi", "KENEDU", "place"),
    # the same kind of actor named before, with one country
    ("Pakistani police raided a house in the north. Police said three men were held.",
     "Police", "PAKCOP", "coreference"),
    # composition keeps its own sources
    ("Zimbabwe's opposition rejected the result.", "Zimbabwe's opposition", "ZWEOPP",
     "possessive"),
    ("Iraqi Kurds voted on Sunday.", "Iraqi Kurds", "IRQCVL", "demonym"),
])
def test_country_and_its_source(nlp, actors, text, surface, code, how) -> None:
    got = _tag(nlp, actors, text)
    assert _one(got, surface) == (code, how), got


def test_place_phrase_through_the_gazetteer(nlp, actors) -> None:
    """A town the actor dictionary does not know: the pipeline's place lookup names it."""
    text = "Protesters in Qalandia threw stones."
    plain = _tag(nlp, actors, text)
    looked = _tag(nlp, actors, text, place_country=lambda name: "PSE" if name == "Qalandia"
                  else None)
    assert _one(looked, "Protesters")[1] == "place" and _one(looked, "Protesters")[0][:3] == "PSE"
    assert _one(plain, "Protesters")[1] != "place"


def test_a_separate_title_counts_for_the_story(nlp, actors) -> None:
    text = "Officials said the talks would resume on Friday."
    assert _one(_tag(nlp, actors, text), "Officials")[0] == "---GOV"
    got = _tag(nlp, actors, text, title="Nepal and its Maoist rebels to meet again")
    assert _one(got, "Officials") == ("NPLGOV", "story")
    # a title that is the start of the body is not counted twice
    same = _tag(nlp, actors, "Kenya votes. " + text, title="Kenya votes")
    assert _one(same, "Officials") == ("KENGOV", "story")


def test_a_tie_names_no_story_country(nlp, actors) -> None:
    got = _tag(nlp, actors, "Russian missiles struck Ukrainian power plants. "
                            "Civilians fled the area.")
    assert _one(got, "Civilians") == ("---CVL", None)


def test_same_kind_coreference_needs_one_country(nlp, actors) -> None:
    got = _tag(nlp, actors, "Tamil Tigers and Darfur rebels were named in the report. "
                            "The rebels denied it.")
    assert not any(s.lower().endswith("rebels") and c in ("LKAREB", "SDNREB") and h == "coreference"
                   for s, c, h in got[2:]), got


@pytest.mark.parametrize("text,surface,code", [
    # a definite description is not the subject of its own clause ...
    ("Ivorian jets bombed rebel towns. France then destroyed the country's air force.",
     "the country's air force", "CIVMIL"),
    # ... nor, with nothing before it, is it: the sentence's one other country
    ("France destroyed the country's air force after Ivorian jets bombed a French base.",
     "the country's air force", "CIVMIL"),
    # "its" is (the clause subject)
    ("France moved its air force to Chad.", "its air force", "FRAMIL"),
    # a governing clause's subject may be named by "the country"
    ("Iran said the country would retaliate.", "the country", "IRN"),
])
def test_the_country_is_not_its_own_clause_subject(nlp, actors, text, surface, code) -> None:
    got = _tag(nlp, actors, text)
    assert _one(got, surface) == (code, "coreference"), got


def test_every_country_has_a_source(nlp, actors) -> None:
    text = ("KABUL (Reuters) - Afghan police arrested two men on Monday after gunmen attacked "
            "a school, officials said. Pakistan's foreign ministry condemned the attack and "
            "said its envoy would visit Kabul.")
    for s, code, how in _tag(nlp, actors, text):
        assert not code.startswith("---"), (s, code)
        assert how in {c.value for c in CountryFrom}, (s, code, how)


def test_country_from_is_shown_with_explain_and_read_back() -> None:
    a = Actor("AFGCOP", "AFG", "COP", name="Police", country_from=CountryFrom.DATELINE)
    assert "country_from" not in a.to_dict()
    d = a.to_dict(explain=True)
    assert d["country_from"] == "dateline"
    assert Actor.from_dict(d) == Actor("AFGCOP", "AFG", "COP", name="Police",
                                       country_from=CountryFrom.DATELINE)


def test_pipeline_explain_shows_where_countries_came_from(pipeline) -> None:
    from dyadwatch import ingest

    doc = ingest.document_from_text("NAIROBI (Reuters) - Police arrested two opposition "
                                    "lawmakers on Tuesday.", doc_id="t")
    res = pipeline.process(doc)
    assert res.events, "an arrest should be coded"
    src = res.events[0].to_dict(explain=True)["source"]
    assert src["code"] == "KENCOP" and src["country_from"] == "dateline"


# --- people the dictionaries do not know, introduced by a title -----------------------
@pytest.mark.parametrize("text,surface,code", [
    ("NAIROBI (Reuters) - Foreign Minister Amina Wekesa flew to Addis Ababa on Monday.",
     "Foreign Minister Amina Wekesa", "KENGOV"),
    ("Judge Maria Lopes ordered the release of the journalists. Lima said it would comply.",
     "Judge Maria Lopes", "PERJUD"),
    ("Kenyan opposition leader Tendai Moyo called for a strike.",
     "Kenyan opposition leader Tendai Moyo", "KENOPP"),
    # a title that is only a title before a name ("Gen.", "Grand Ayatollah")
    ("ABUJA (AP) - Army chief Gen. Musa Adamu said the rebels had fled.",
     "Army chief Gen. Musa Adamu", "NGAMIL"),
    ("BAGHDAD (Reuters) - Sheikh Jabir al-Tamimi urged calm.", "Sheikh Jabir al-Tamimi",
     "IRQELI"),
])
def test_title_before_an_unknown_name(nlp, actors, text, surface, code) -> None:
    got = _tag(nlp, actors, text)
    assert _one(got, surface)[0] == code, got


def test_a_title_word_alone_is_no_actor(nlp, actors) -> None:
    got = _tag(nlp, actors, "The general strike closed shops in Kampala. A major offensive "
                            "began in the north.")
    assert not any(c.endswith("MIL") for _, c, _ in got), got


def test_name_in_apposition_to_a_title_and_its_surname_later(nlp, actors) -> None:
    got = _tag(nlp, actors, "KABUL (Reuters) - Ahmed Karimi, the army chief, said troops would "
                            "stay. Karimi later met elders in Herat.")
    assert _one(got, "Ahmed Karimi") == ("AFGMIL", "dateline")
    # the surname repeats the person; its country stays the document default it was
    assert _one(got, "Karimi") == ("AFGMIL", "dateline")


# --- places in modifiers, directions and departures are not actors --------------------
@pytest.mark.parametrize("text,not_actor,actor", [
    ("Turkey-backed fighters attacked a Kurdish militia near Afrin.", "Turkey", "fighters"),
    ("U.S.-led troops and Iran-backed Houthis clashed.", "Iran", "U.S.-led troops"),
    ("Kabul-based aid groups and a UN-brokered truce.", "Kabul", "aid groups"),
    ("A convoy was ambushed 40 km north of Kabul.", "Kabul", None),
    ("Rockets fell on the outskirts of Baghdad and in parts of Iraq.", "Iraq", None),
    ("Thousands of refugees fled Sudan for Chad.", "Sudan", "refugees"),
])
def test_names_that_only_say_where(nlp, actors, text, not_actor, actor) -> None:
    got = _tag(nlp, actors, text)
    assert not any(s == not_actor for s, _, _ in got), got
    if actor:
        assert any(s == actor for s, _, _ in got), got


def test_a_relation_modifier_may_sit_inside_a_title(nlp, actors) -> None:
    got = _tag(nlp, actors, "Iraq's US-backed leader appealed to European nations.")
    assert _one(got, "Iraq's US-backed leader") == ("IRQGOV", "possessive")
    assert not any(c.startswith("USA") for _, c, _ in got), got


# --- he / she ---------------------------------------------------------------------------
def test_he_is_the_person_of_the_sentence_before(nlp, actors) -> None:
    got = _tag(nlp, actors, "Kenyan Foreign Minister Amina Wekesa met Ugandan officials on "
                            "Monday. She urged Uganda to reopen the border.")
    assert _one(got, "She") == ("KENGOV", "coreference")


def test_he_in_the_same_sentence_and_through_a_title(nlp, actors) -> None:
    got = _tag(nlp, actors, "The Nigerian army chief said he would send more troops.")
    assert _one(got, "he") == ("NGAMIL", "coreference")


def test_he_keeps_a_document_default_as_such(nlp, actors) -> None:
    got = _tag(nlp, actors, "ABUJA (AP) - Gen. Musa Adamu visited the north. He said the "
                            "rebels had fled.")
    assert _one(got, "He") == ("NGAMIL", "dateline")


def test_he_is_left_alone_without_a_person_or_with_two(nlp, actors) -> None:
    got = _tag(nlp, actors, "Iran and Pakistan traded accusations. He said nothing.")
    assert not any(s == "He" for s, _, _ in got)
    got = _tag(nlp, actors, "Kenyan President William Ruto and Ugandan President Yoweri Museveni "
                            "met. He said little.")
    assert not any(s == "He" for s, _, _ in got), got


def test_held_hostage_is_no_actor(nlp, actors) -> None:
    got = _tag(nlp, actors, "Two Italian engineers are still held hostage in Nigeria.")
    assert not any("hostage" in s for s, _, _ in got), got


def test_a_headline_actor_takes_the_country_its_kind_has_in_the_lead(nlp, actors) -> None:
    got = _tag(nlp, actors, "Jordan Denies Harbouring Insurgents. A Jordanian minister said no "
                            "Syrian insurgents had crossed the border.")
    assert _one(got, "Insurgents") == ("SYRINS", "coreference")


def test_a_headline_in_title_case_makes_no_titled_person(nlp, actors) -> None:
    got = _tag(nlp, actors, "Envoy Visits Nepal For Peace Talks.")
    assert not any(k == "person" for k in [h for _, _, h in got]) and not any(
        s.startswith("Envoy Visits") for s, _, _ in got), got


def test_the_title_noun_refers_to_the_same_role_before_the_subject_country(nlp, actors) -> None:
    got = _tag(nlp, actors, "Azerbaijan has launched a counteroffensive, Pakistani Ambassador "
                            "Bilal Hayee told reporters. The diplomat said Armenia had started it.")
    assert _one(got, "The diplomat") == ("PAKGOV", "coreference")
    # with no actor of that role before, the subject country as before
    got = _tag(nlp, actors, "Pakistan struck targets in Iran. The military said all jets returned.")
    assert _one(got, "The military") == ("PAKMIL", "coreference")
