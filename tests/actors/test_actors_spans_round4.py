"""Round 4: mention spans (own sentences).

1. a dictionary phrase never ends in a function word ("ambassador to", "embassy in"):
   the country after it stays its own mention; an actor that modifies a later noun is
   not the object of "of" ("delegates of South African unions" is not ZAFLEG);
2. a mention never spans a verb, even a headline verb mis-parsed as a noun
   ("Iraqi forces battle insurgents");
3. "former" before an actor + title makes one ELI mention, with any modifiers in between,
   and denies that office to a known person named after it;
4. one-word person entries: not inside a longer name ("Omar Abdullah"), a given name
   not after "Mr"/"Dr" ("Mr Abdullah"); ordinary-word group names are blocked ("Tigers").
See docs/eval/actors.md, "Round 4".
"""

from __future__ import annotations

from datetime import date

import pytest

from actor_tables import check_table_case, pairs
from dyadwatch.actors.dictionary import _default_tables

D04 = date(2004, 9, 15)

# text, date, expected (surface, code) pairs, codes that must not appear, surfaces that must not appear
CASES: list[tuple[str, date | None, list[tuple[str, str]], list[str], list[str]]] = [
    # --- 1. trailing function words
    ("Protesters gathered outside the Indonesian embassy in Jakarta on Monday.", D04,
     [("Indonesian embassy", "IDNGOV")], [], ["Indonesian embassy in"]),
    ("The British embassy in Tehran was attacked by students.", D04,
     [("British embassy", "GBRGOV")], [], ["British embassy in"]),
    ("The Pakistani ambassador to Azerbaijan met the foreign minister.", D04,
     [("Pakistani ambassador", "PAKGOV"), ("Azerbaijan", "AZE")], [], ["Pakistani ambassador to"]),
    ("Pakistani ambassador to Azerbaijan Ali Khan met the foreign minister.", D04,
     [("Pakistani ambassador", "PAKGOV"), ("Azerbaijan", "AZE")], [], []),
    ("China's ambassador to Russia said the talks went well.", D04,
     [("China's ambassador", "CHNGOV"), ("Russia", "RUS")], [], ["China's ambassador to"]),
    ("Iran's ambassador to the United Nations criticised the report.", D04,
     [("Iran's ambassador", "IRNGOV"), ("United Nations", "IGOUNO")], [], []),
    # (round 5: the delegates and the minister take the story's country, ZAF, but no
    # mention spans "Delegates of South African")
    ("Delegates of South African unions met the minister.", D04, [], [],
     ["Delegates of South African"]),
    ("A delegation of the Congress of South African Trade Unions was deported.", D04,
     [("Congress of South African Trade Unions", "ZAFLAB")], ["ZAFLEG"], []),
    ("The Congress of South African Students marched to parliament.", D04,
     [("South African Students", "ZAFEDU")], [], ["The Congress", "Congress"]),
    # --- 2. no mention across a verb
    ("Iraqi forces battle insurgents in Fallujah.", D04,
     [("Iraqi forces", "IRQMIL")], ["IRQMILINS"], ["Iraqi forces battle insurgents"]),
    ("US and Iraqi forces battle insurgents in Samarra.", D04,
     [("US", "USAMIL"), ("Iraqi forces", "IRQMIL")], ["USAMILINS", "IRQMILINS"], []),
    ("Afghan police raid militants near Kandahar.", D04,
     [("Afghan police", "AFGCOP")], ["AFGCOPINS"], []),
    ("Iraqi forces battled insurgents in Fallujah.", D04,
     [("Iraqi forces", "IRQMIL"), ("insurgents", "IRQINS")], ["IRQMILINS"], []),
    # --- 3. "former"
    ("Former Iraqi governing council president Ahmed Chalabi denied the charges.", D04,
     [("Former Iraqi governing council president Ahmed Chalabi", "IRQELI")], ["IRQ", "IRQGOV"], []),
    ("The former Iraqi governing council president denied the charges.", D04,
     [("former Iraqi governing council president", "IRQELI")], ["IRQGOV"], []),
    ("The former Pakistani prime minister returned to Lahore.", D04,
     [("former Pakistani prime minister", "PAKELI")], ["PAKGOV"], []),
    ("Pakistan's former prime minister returned to Lahore.", D04,
     [("Pakistan's former prime minister", "PAKELI")], ["PAKGOV"], []),
    # undated text: "former" denies the office the latest-office default would give
    ("Former president Bill Clinton visited Kabul.", None,
     [("Former president Bill Clinton", "USAELI")], ["USAGOV"], []),
    ("Former US president Bill Clinton visited Kabul.", None,
     [("Former US president Bill Clinton", "USAELI")], ["USAGOV", "USA"], []),
    # --- 4. one-word names
    ("Mr Abdullah said the talks would resume.", D04, [], ["SAUELI", "SAUGOV", "JORGOV"], []),
    ("Dr Hassan was arrested in Cairo.", D04, [], ["JORELI", "JORGOV"], []),
    ("Sheikh Ahmed Hassan Yusuf addressed the crowd.", D04, [], ["JORELI", "JORGOV"], []),
    ("King Abdullah met the American envoy.", D04, [("King Abdullah", "JORGOV")], [], []),
    ("Crown Prince Abdullah met the American envoy.", D04, [("Crown Prince Abdullah", "SAUELI")], [], []),
    ("Prince Hassan opened the conference.", D04, [("Prince Hassan", "JORELI")], [], []),
    ("Mr Putin met President Karzai.", D04, [("Putin", "RUSGOV"), ("President Karzai", "AFGGOV")], [], []),
    ("The Tigers won the match on Sunday.", D04, [], ["SWZREB"], []),
    ("Tamil Tigers attacked an army camp.", D04, [("Tamil Tigers", "LKAREB")], ["SWZREB"], []),
    ("The Gates Foundation gave money to Pakistan.", D04, [("Pakistan", "PAK")], ["USAREB"], []),
]


@pytest.mark.parametrize("text,when,expected,absent,bad_spans", CASES, ids=[c[0][:40] for c in CASES])
def test_round4_spans(nlp, actors, text, when, expected, absent, bad_spans) -> None:
    ms = check_table_case(nlp, actors, text, when, expected, absent)
    got = pairs(ms)
    names = {m.actor.name for m in ms}
    for surface in bad_spans:
        assert surface not in names, f"{text!r}: span {surface!r} must not be tagged, got {sorted(got)}"


def test_no_mention_ends_in_a_function_word(nlp, actors) -> None:
    doc = nlp("The Indian envoy to Nepal, the Chinese ambassador at large and UN observers in "
              "Haiti met officials of the British embassy in Kabul.")
    for m in actors.tag(doc, when=D04):
        last = doc[m.end - 1]
        assert not (last.is_lower and last.pos_ in ("ADP", "DET", "CCONJ")), (doc[m.start:m.end].text)


def test_no_mention_spans_a_finite_verb(nlp, actors) -> None:
    for text in ("Iraqi forces battle insurgents in Fallujah.",
                 "Pakistani troops kill militants in Waziristan.",
                 "Israeli soldiers shoot Palestinian gunmen in Gaza."):
        doc = nlp(text)
        for m in actors.tag(doc, when=D04):
            span = doc[m.start:m.end]
            assert not any(t.tag_ in ("VBD", "VBZ", "VBP") for t in span), (text, span.text)
            assert len(m.actor.code) <= 6 or m.actor.code.startswith(("IGO", "NGO", "IMG")), \
                (text, span.text, m.actor.code)


def test_given_names_come_from_the_dictionary() -> None:
    t = _default_tables()
    assert {"abdullah", "hassan"} <= t.given_names
    assert not {"putin", "karzai", "obama", "khamenei"} & t.given_names


def test_blocked_entries_are_gone(actors) -> None:
    assert actors.lookup("Tigers") is None
    assert actors.lookup("Tamil Tigers") == "LKAREB"
    assert actors.lookup("Liberation Tigers of Tamil Eelam") == "LKAREB"
