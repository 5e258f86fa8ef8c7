"""``resolve_expression``: the pure resolver, one expression at a time."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.dates import DateResolution, resolve_expression

PUB = date(2024, 1, 27)  # a Saturday
ANCHOR = date(2024, 1, 16)

# (expression, anchor, published, future, expected date, precision, end)
TABLE = [
    # absolute forms, year inferred from publication
    ("On January 16", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
    ("16 January 2024", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
    ("Jan. 16", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
    ("Tuesday, January 16, 2024", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
    ("the 16th of January", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
    ("2024-01-16", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
    # New Year: a late-December date read on 3 January is last year's
    ("on December 28", date(2024, 1, 3), date(2024, 1, 3), False, date(2023, 12, 28), "day", None),
    # ...unless the sentence is about the future
    ("on February 2", PUB, PUB, True, date(2024, 2, 2), "day", None),
    ("on January 20", PUB, PUB, True, date(2025, 1, 20), "day", None),
    # weekdays: most recent on/before publication, next one for the future
    ("on Monday", PUB, PUB, False, date(2024, 1, 22), "day", None),
    ("on Saturday", PUB, PUB, False, date(2024, 1, 27), "day", None),
    ("on Monday", PUB, PUB, True, date(2024, 1, 29), "day", None),
    ("last Friday", PUB, PUB, False, date(2024, 1, 26), "day", None),
    # deictic words count from publication, not from the anchor
    ("yesterday", ANCHOR, PUB, False, date(2024, 1, 26), "day", None),
    ("last week", ANCHOR, PUB, False, date(2024, 1, 15), "week", date(2024, 1, 21)),
    ("last month", ANCHOR, PUB, False, date(2023, 12, 1), "month", date(2023, 12, 31)),
    ("three days ago", ANCHOR, PUB, False, date(2024, 1, 24), "day", None),
    # anaphoric words count from the anchor (the previous dated event)
    ("two days later", ANCHOR, PUB, False, date(2024, 1, 18), "day", None),
    ("the next day", ANCHOR, PUB, False, date(2024, 1, 17), "day", None),
    ("a week earlier", ANCHOR, PUB, False, date(2024, 1, 9), "day", None),
    ("the following week", ANCHOR, PUB, False, date(2024, 1, 22), "week", date(2024, 1, 28)),
    ("later in the month", ANCHOR, PUB, False, date(2024, 1, 1), "month", date(2024, 1, 31)),
    # vague: intervals and coarse precisions
    ("later this month", ANCHOR, PUB, False, date(2024, 1, 1), "month", date(2024, 1, 31)),
    ("by the end of the week", ANCHOR, PUB, False, date(2024, 1, 22), "week", date(2024, 1, 28)),
    ("mid-February", ANCHOR, date(2024, 3, 1), False, date(2024, 2, 11), "interval", date(2024, 2, 20)),
    ("in the days that followed", ANCHOR, PUB, False, date(2024, 1, 17), "interval", date(2024, 1, 26)),
    ("subsequently", ANCHOR, PUB, False, date(2024, 1, 16), "interval", PUB),
    ("soon after", ANCHOR, PUB, False, date(2024, 1, 16), "interval", date(2024, 1, 23)),
    ("earlier this year", ANCHOR, date(2024, 5, 2), False, date(2024, 1, 1), "interval", date(2024, 5, 2)),
    ("in February", ANCHOR, date(2024, 3, 1), False, date(2024, 2, 1), "month", date(2024, 2, 29)),
    ("in 2019", ANCHOR, PUB, False, date(2019, 1, 1), "year", date(2019, 12, 31)),
    ("January 16-18", ANCHOR, PUB, False, date(2024, 1, 16), "interval", date(2024, 1, 18)),
    ("since January", ANCHOR, date(2024, 3, 1), False, date(2024, 1, 1), "interval", date(2024, 3, 1)),
    ("over the weekend", PUB, date(2024, 1, 29), False, date(2024, 1, 27), "interval", date(2024, 1, 28)),
    # parts of periods, weeks of months, day-only, future-only durations
    ("late last month", PUB, PUB, False, date(2023, 12, 21), "interval", date(2023, 12, 31)),
    ("the first week of March", PUB, date(2024, 3, 20), False, date(2024, 3, 1), "interval", date(2024, 3, 7)),
    ("on the 24th", PUB, PUB, False, date(2024, 1, 24), "day", None),
    ("on the 28th", PUB, PUB, False, date(2023, 12, 28), "day", None),
    ("in two weeks", PUB, PUB, True, date(2024, 2, 10), "day", None),
    ("this past week", PUB, date(2024, 1, 29), False, date(2024, 1, 22), "week", date(2024, 1, 28)),
    # numeric dates go to dateparser
    ("16/01/2024", ANCHOR, PUB, False, date(2024, 1, 16), "day", None),
]


@pytest.mark.parametrize("text,anchor,pub,future,want,prec,end", TABLE,
                         ids=[f"{i}-{t[0]}" for i, t in enumerate(TABLE)])
def test_resolve(text, anchor, pub, future, want, prec, end) -> None:  # type: ignore[no-untyped-def]
    r = resolve_expression(text, anchor, pub, future=future)
    assert isinstance(r, DateResolution), text
    assert (r.date, r.precision, r.end if prec != "day" else None) == (want, prec, end)
    assert r.rule


@pytest.mark.parametrize("text", [
    "the meeting",          # no time at all
    "historically",         # habitual wording: names no time
    "may",                  # the modal verb, not the month
    "",
    "in two weeks",         # a duration, unless the sentence is about the future
])
def test_not_a_date(text: str) -> None:
    assert resolve_expression(text, ANCHOR, PUB) is None


def test_no_publication_date() -> None:
    # yearless dates need a reference; explicit ones do not
    assert resolve_expression("16 January 2024", ANCHOR, None).date == date(2024, 1, 16)
    assert resolve_expression("on January 16", ANCHOR, None).date == date(2024, 1, 16)
    assert resolve_expression("yesterday", ANCHOR, None) is None


def test_explicit_date_after_publication_is_flagged_future() -> None:
    r = resolve_expression("on 3 March 2024", ANCHOR, PUB)
    assert r is not None and r.future and r.date == date(2024, 3, 3)


def test_keyword_windows_find_what_a_full_scan_finds() -> None:
    # the scanner only looks near keywords; on every case text (and every table
    # expression in a carrier sentence) it must find exactly what a full scan finds
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from dates_casekit import BLIND, BLIND2, load_cases

    from dyadwatch.dates.lexicon import load_lexicon
    from dyadwatch.dates.scan import _raw_matches, _windows

    texts = [c["text"] for c in load_cases() + load_cases(BLIND) + load_cases(BLIND2)]
    texts += [f"Officials said troops moved {row[0]} near the border." for row in TABLE]
    for text in texts:
        windowed = set()
        for ws, we in _windows(text, load_lexicon().keywords):
            windowed |= {(s + ws, e + ws, k) for s, e, k in _raw_matches(text[ws:we])}
        assert windowed == set(_raw_matches(text)), text
