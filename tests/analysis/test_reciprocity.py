"""Retaliation links and the reciprocity measure on synthetic events."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from analysis_builders import frame, row
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.frame import frame_from_table
from dyadwatch.analysis.reciprocity import (
    ReciprocityParams,
    _ols_sum,
    links_in_frame,
    reciprocity_in_frame,
)
from dyadwatch.store import Dyad


def test_a_strike_answered_two_days_later_is_linked():
    rows = [row(10, "NOR", "SWE", "195", eid="strike"),
            row(11, "NOR", "SWE", "112", eid="accuse"),  # less severe, more recent
            row(12, "SWE", "NOR", "195", eid="answer")]
    (link,) = links_in_frame(frame(rows))
    assert (link.action_id, link.response_id, link.lag_days) == ("strike", "answer", 2)
    assert (link.initiator, link.responder) == ("NOR", "SWE")
    assert (link.action_code, link.response_code) == ("195", "195")
    assert link.action_goldstein == -10.0 and not link.approximate


def test_an_equally_severe_but_better_attested_action_is_the_one_answered():
    strike = row(10, "NOR", "SWE", "195", eid="strike")
    strike["n_sources"] = 6  # six outlets report it
    lone = row(11, "NOR", "SWE", "190", eid="lone")  # as severe, one report, more recent
    rows = [strike, lone, row(12, "SWE", "NOR", "195", eid="answer")]
    (link,) = links_in_frame(frame(rows))
    assert link.action_id == "strike"
    lone["n_sources"] = 6  # equally attested: the more recent one is answered
    (link,) = links_in_frame(frame(rows))
    assert link.action_id == "lone"


@pytest.mark.parametrize("lag, linked", [
    (0, False),  # same day: which came first is unknown
    (1, True),
    (7, True),
    (8, False),  # beyond within_days
])
def test_the_window_of_a_response(lag, linked):
    rows = [row(10, "NOR", "SWE", "190", eid="a"), row(10 + lag, "SWE", "NOR", "161", eid="b")]
    assert bool(links_in_frame(frame(rows))) is linked


def test_cooperation_and_one_sided_conflict_are_not_retaliation():
    rows = [row(10, "NOR", "SWE", "195"), row(11, "SWE", "NOR", "041"),  # a call, not a blow
            row(12, "NOR", "SWE", "190")]  # the same side again
    assert links_in_frame(frame(rows)) == []


def test_article_dates_make_a_link_approximate_and_a_directed_dyad_links_one_way():
    rows = [row(10, "NOR", "SWE", "195", eid="a"),
            row(12, "SWE", "NOR", "195", precision="article", eid="b"),
            row(14, "NOR", "SWE", "190", eid="c")]
    links = links_in_frame(frame(rows))
    assert [(k.action_id, k.response_id, k.approximate) for k in links] == \
        [("a", "b", True), ("b", "c", True)]
    directed = frame(rows, dyad="NOR>SWE")
    directed.dyad = Dyad("NOR", "SWE", True)
    assert [k.response_id for k in links_in_frame(directed)] == ["b"]


def test_response_rates_count_answers_in_kind():
    rows = [row(10, "NOR", "SWE", "195"), row(12, "SWE", "NOR", "190"),
            row(30, "NOR", "SWE", "190"),  # unanswered
            row(40, "NOR", "SWE", "042"), row(41, "SWE", "NOR", "043")]
    swe, nor = reciprocity_in_frame(frame(rows))
    assert (swe.initiator, swe.responder) == ("NOR", "SWE")
    assert (swe.hostile_actions, swe.hostile_answered) == (2, 1)
    assert (swe.coop_actions, swe.coop_answered) == (1, 1)
    assert swe.estimate is None and "periods" in swe.note  # 5 weeks are too few


def test_ols_recovers_a_known_response():
    # y_BA[t] = 0.8 * y_AB[t-1] + noise over 300 weeks
    rng = np.random.default_rng(3)
    ab = rng.normal(0, 5, 300)
    ba = np.zeros(300)
    ba[1:] = 0.8 * ab[:-1] + rng.normal(0, 1, 299)
    n, est, se, note = _ols_sum(ba, ba, ab, 1)
    assert n == 299 and note == ""
    assert abs(est - 0.8) < 3 * se and se < 0.05
    n, est, se, note = _ols_sum(ba[:3], ba[:3], ab[:3], 1)
    assert est is None and "coefficients" in note


def test_reciprocity_estimate_from_weekly_events():
    # SWE answers each NOR strike the following week with as many strikes
    rng = np.random.default_rng(5)
    rows = []
    for week in range(60):
        for k in range(int(rng.integers(0, 4))):
            rows.append(row(7 * week, "NOR", "SWE", "190", doc=f"n{week}-{k}"))
            rows.append(row(7 * week + 7, "SWE", "NOR", "190", doc=f"s{week}-{k}"))
    f = frame(rows)
    swe, nor = reciprocity_in_frame(f, ReciprocityParams(freq="W", lags=1, min_obs=12))
    assert swe.estimate == pytest.approx(1.0, abs=0.05) and swe.n_obs >= 55
    assert nor.estimate is not None and abs(nor.estimate) < 0.3


def test_domestic_dyad_has_no_reciprocity():
    rows = [row(1, "NOR", "NOR", "195")]
    f = frame_from_table(Dyad.parse("NOR-NOR"), pa_table(rows))
    assert links_in_frame(f) == [] and reciprocity_in_frame(f) == []


def pa_table(rows):
    from analysis_builders import table

    t = table(rows)
    assert isinstance(t, pa.Table)
    return t


_CODES = ["190", "195", "112", "161", "041", "042", "057", "138"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.booleans(), st.sampled_from(_CODES)),
                min_size=1, max_size=40))
def test_every_link_answers_an_earlier_hostile_act_of_the_other_side(events):
    rows = [row(day, "NOR" if fwd else "SWE", "SWE" if fwd else "NOR", code,
                doc=f"d{i}", eid=f"e{i:02d}")
            for i, (day, fwd, code) in enumerate(events)]
    f = frame(rows)
    p = ReciprocityParams()
    links = links_in_frame(f, p)
    hostile = {r["event_id"] for r in rows if r["quad_class"] >= 3}
    by_id = {r["event_id"]: r for r in rows}
    for k in links:
        assert k.action_id in hostile and k.response_id in hostile
        assert k.initiator != k.responder
        assert p.min_lag <= k.lag_days <= p.within_days
        assert (by_id[k.response_id]["date"] - by_id[k.action_id]["date"]).days == k.lag_days
        # no more severe act of the initiator was open to the response
        worse = [r for r in rows if r["source_country"] == k.initiator and r["quad_class"] >= 3
                 and p.min_lag <= (by_id[k.response_id]["date"] - r["date"]).days <= p.within_days
                 and -r["goldstein"] > -k.action_goldstein]
        assert not worse
    # each hostile act with an earlier opposite act in its window has exactly one link
    answered = {k.response_id for k in links}
    assert len(answered) == len(links)
