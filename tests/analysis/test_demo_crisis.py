"""The January 2024 Iran-Pakistan crisis as the analysis finds it in the shipped examples.

Iran struck Jaish al-Adl in Panjgur on 16 January; Pakistan recalled its envoy on the
17th and struck near Saravan on the 18th; the foreign ministers spoke on the 19th, the
envoys' return was announced on the 22nd and the Iranian minister visited on the 29th.
"""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch.analysis import crisis_view, dyad_series

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def view(demo_store):
    return crisis_view(demo_store, "IRN-PAK")


def test_the_episode_starts_peaks_and_ends_on_the_right_days(view):
    (ep,) = [e for e in view.episodes if e.start.year == 2024]
    assert ep.start == date(2024, 1, 16)
    assert date(2024, 1, 16) <= ep.peak <= date(2024, 1, 18)
    assert ep.end_kind == "de-escalation"
    # the turning point is the ministers' call of the 19th; the episode ends with the
    # return to cooperation (the envoys back, the visit of the 29th)
    assert ep.turning_point == date(2024, 1, 19)
    assert date(2024, 1, 22) <= ep.end <= date(2024, 1, 29)
    assert {d.kind for d in ep.deescalation} >= {"contact"}


def test_pakistans_strikes_answer_irans(view, demo_store):
    strikes = [k for k in view.retaliations
               if k.response_date == date(2024, 1, 18) and k.responder == "PAK"
               and k.response_code.startswith("19")]
    assert strikes, view.retaliations
    assert all(k.action_date == date(2024, 1, 16) and k.initiator == "IRN"
               and k.action_code.startswith("19") for k in strikes)
    (iran,) = demo_store.events(event_ids=(strikes[0].action_id,))
    assert "Revolutionary Guards" in iran.sentence or "Iran" in iran.sentence


def test_arrows_and_series(view, demo_store):
    jan = [a for a in view.arrows_month if a.period == date(2024, 1, 1)]
    assert jan and jan[0].verdict == "deteriorated" and jan[0].events
    weeks = {a.period: a.verdict for a in view.arrows_week}
    assert weeks[date(2024, 1, 15)] == "deteriorated"
    assert weeks.get(date(2024, 1, 29)) == "improved"
    s = dyad_series(demo_store, "IRN-PAK", "D", since="2024-01-10", until="2024-02-10")
    assert len(s) == 32
    assert s.rows()[6].material_conflict >= 1  # the 16th
