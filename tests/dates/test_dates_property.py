"""Invariants of the resolver and the stage, checked with hypothesis.

* a date resolved for a sentence that is not about the future is never after
  publication (unless the expression itself points ahead, like "tomorrow");
* for a future sentence, a yearless date or weekday is never wholly before publication;
* ``end`` is ``None`` exactly for ``day`` precision, and never before ``date``.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.dates import resolve_expression
from dyadwatch.model import DATE_PRECISIONS

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMS = ["two", "three", "five", "a", "10"]
UNITS = ["days", "weeks", "months"]

pubs = st.dates(min_value=date(2001, 1, 1), max_value=date(2030, 12, 31))
yearless = st.builds(lambda p, m, d: f"{p}{m} {d}", st.sampled_from(["", "on ", "On "]),
                     st.sampled_from(MONTHS), st.integers(1, 28))
weekday = st.builds(lambda p, w: f"{p}{w}", st.sampled_from(["on ", "", "last "]),
                    st.sampled_from(WEEKDAYS))
deictic = st.sampled_from(["yesterday", "today", "last week", "last month", "last year",
                           "earlier this week", "earlier this month", "earlier this year",
                           "this week", "this month", "recently", "in recent months",
                           "over the weekend", "last night", "late last month",
                           "early last year", "this past week", "overnight",
                           "on the 14th", "since mid-March"]) | st.builds(
    lambda n, u: f"{n} {u} ago", st.sampled_from(NUMS), st.sampled_from(UNITS))
anaphoric = st.sampled_from(["the next day", "the day before", "subsequently", "soon after",
                             "in the days that followed", "later in the month",
                             "the following week"]) | st.builds(
    lambda n, u, w: f"{n} {u} {w}", st.sampled_from(NUMS), st.sampled_from(UNITS),
    st.sampled_from(["later", "earlier"]))
month_only = st.builds(lambda p, m: f"{p} {m}", st.sampled_from(["in", "mid-", "early", "late"]),
                       st.sampled_from(MONTHS))
past_exprs = yearless | weekday | deictic | anaphoric | month_only


@settings(max_examples=150, deadline=None)
@given(text=past_exprs, pub=pubs, back=st.integers(0, 400))
def test_past_sentence_never_after_publication(text: str, pub: date, back: int) -> None:
    r = resolve_expression(text, pub - timedelta(days=back), pub, future=False)
    assert r is not None, text
    assert r.date <= pub, (text, pub, r)
    assert r.precision in DATE_PRECISIONS
    assert (r.end is None) == (r.precision == "day")
    assert r.end is None or r.end >= r.date


@settings(max_examples=100, deadline=None)
@given(text=yearless | st.builds(lambda w: f"on {w}", st.sampled_from(WEEKDAYS))
       | st.builds(lambda n, u: f"in {n} {u}", st.sampled_from(NUMS), st.sampled_from(UNITS)),
       pub=pubs)
def test_future_sentence_not_before_publication(text: str, pub: date) -> None:
    r = resolve_expression(text, pub, pub, future=True)
    assert r is not None
    assert r.last >= pub, (text, pub, r)
    assert r.date - pub < timedelta(days=367)
