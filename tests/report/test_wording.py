"""The report's words: the validated phrase table, actor names, date phrases, sentences."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from report_builders import ARMENIA, JERMUK, ev

from dyadwatch._resources import cameo_table, read_text
from dyadwatch.errors import ConfigError
from dyadwatch.model import Actor
from dyadwatch.report.wording import (Namer, act, date_phrase, days, event_sentence,
                                      parse_phrasebook, phrasebook, short_date)

RAW = json.loads(read_text("report", "phrases.json"))


def test_the_shipped_table_covers_every_cameo_code():
    book = phrasebook()
    for code in cameo_table():
        ph = book.phrase(code)  # every code finds its own, its parent's or its root's phrase
        assert "{target}" in ph.with_target
    assert all(f"{r:02d}0" in book.codes for r in range(1, 21))
    assert len([c for c in book.codes if len(c) == 3]) >= 140  # every 3-digit code has words


@pytest.mark.parametrize("edit,words", [
    (lambda d: d["codes"].pop("190"), "missing 190"),
    (lambda d: d["codes"]["195"].update(t="struck hard"), "{target} exactly once"),
    (lambda d: d["codes"]["195"].update(n="struck {place}"), "{place}"),
    (lambda d: d["codes"]["041"].update(t="was on the phone with {target}"), "'was'"),
    (lambda d: d["codes"]["041"].update(t="said it called {target}"), "'it'"),
    (lambda d: d["codes"].update({"999": {"t": "did {target}"}}), "'999'"),
    (lambda d: d["codes"]["041"].update(x="typo"), "unknown key 'x'"),
    (lambda d: d["roles"]["plain"].update(MIL="{nation} army"), "{nation}"),
])
def test_a_broken_table_is_refused_with_the_entry_named(edit, words):
    data = copy.deepcopy(RAW)
    edit(data)
    with pytest.raises(ConfigError) as info:
        parse_phrasebook(data)
    assert words in str(info.value) and "phrases.json" in str(info.value)


def _actor(code: str, name: str | None = None) -> Actor:
    return Actor(code, code[:3], code[3:6] or None, name)


@pytest.mark.parametrize("code,name,summary,expected", [
    ("IRNGOV", "Tehran", False, "Iran"),
    ("IRNMIL", "Iran's Revolutionary Guards", False, "Iran's Revolutionary Guards"),
    ("IRNMIL", "Revolutionary Guards", True, "Iran"),
    ("PAKMIL", "Pakistani drones", False, "Pakistan's military"),
    ("IRNINS", "Jaish al-Adl", False, "Jaish al-Adl"),
    ("PAKINS", "Balochistan Liberation Army", False, "the Balochistan Liberation Army"),
    ("PAKINS", "it", False, "Pakistani militants"),
    ("PAKINS", "Pakistani militants", False, "Pakistani militants"),
    ("PAKCVL", "two children", False, "Pakistani civilians"),
    ("USAGOV", "Washington", False, "the United States"),
    ("USAMIL", None, False, "the United States' military"),
    ("IND", "New Delhi", False, "India"),
])
def test_actor_names(code, name, summary, expected):
    assert Namer().name(_actor(code, name), summary=summary) == expected


def test_an_actor_without_a_country_is_named_from_its_role():
    assert Namer().name(Actor("---INS", None, "INS", "gunmen")) == "unidentified insurgents"
    assert Namer().name(Actor("IGOUNO", "IGO", "UNO", "United Nations")) == "United Nations"


@pytest.mark.parametrize("d,precision,end,year,expected", [
    (date(2024, 1, 16), "day", None, False, "on 16 January"),
    (date(2024, 1, 16), "day", None, True, "on 16 January 2024"),
    (date(2024, 1, 1), "month", date(2024, 1, 31), False, "in January"),
    (date(2024, 1, 15), "week", date(2024, 1, 21), False, "in the week of 15 January"),
    (date(2024, 1, 1), "year", date(2024, 12, 31), False, "in 2024"),
    (date(2024, 1, 18), "interval", date(2024, 1, 18), False, "around 18 January"),
    (date(2024, 1, 17), "interval", date(2024, 1, 18), False, "around 17–18 January"),
    (date(2024, 1, 18), "interval", date(2024, 1, 25), False, "between 18 and 25 January"),
    (date(2024, 1, 30), "interval", date(2024, 2, 5), False, "between 30 January and 5 February"),
    (date(2024, 1, 25), "article", None, False,
     "at a date the text does not give (reported on 25 January)"),
    (None, "article", None, False, "at an unknown date"),
])
def test_date_phrases_never_pass_a_stand_in_for_an_event_date(d, precision, end, year,
                                                              expected):
    assert date_phrase(d, precision, end, year) == expected


def test_short_dates_mark_approximate_and_stand_in_dates():
    assert short_date(date(2024, 1, 16), "day", None) == "16 Jan"
    assert short_date(date(2024, 1, 18), "interval", date(2024, 1, 18)) == "~18 Jan"
    assert short_date(date(2024, 1, 18), "article", None) == "18 Jan*"
    assert short_date(date(2024, 1, 1), "month", date(2024, 1, 31), year=True) == "Jan 2024"
    assert days(1) == "one day" and days(2) == "two days" and days(14) == "14 days"


def test_sentences_from_codes_actors_and_places():
    namer = Namer()
    strike = ev("d", 0, "AZEMIL", "ARMMIL", "195", date(2022, 9, 12), loc=JERMUK,
                source_name="Azerbaijani forces")
    assert event_sentence(strike, namer) == (
        "On 12 September Azerbaijan's military launched air or missile strikes on "
        "Armenia's military in Jermuk, Armenia.")
    assert event_sentence(strike, namer, summary=True) == (
        "On 12 September Azerbaijan launched air or missile strikes on Armenia in Jermuk, "
        "Armenia.")
    undated = ev("d", 1, "ARMGOV", "AZEGOV", "112", date(2022, 9, 15), "article")
    assert event_sentence(undated, namer) == (
        "Armenia accused Azerbaijan, at a date the text does not give (reported on "
        "15 September).")
    # a place that only repeats the target's country is not said twice
    appeal = ev("d", 2, "ARMGOV", "ARMCVL", "020", date(2022, 9, 18), loc=ARMENIA)
    assert act(appeal, namer) == "Armenia appealed to Armenian civilians"
    claim = ev("d", 3, "PAKINS", None, "015", date(2019, 2, 14), source_name="Jaish-e-Mohammed")
    assert act(claim, namer) == "Jaish-e-Mohammed claimed responsibility for an attack or act"
