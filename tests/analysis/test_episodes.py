"""Escalation episodes on synthetic series with known change points, and on events."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from analysis_builders import D0, frame, row
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.analysis.deescalation import deescalation_rules, parse_rules
from dyadwatch.analysis.episodes import (
    EpisodeParams,
    baseline,
    detect,
    episodes_in_frame,
)
from dyadwatch.errors import ConfigError

P = EpisodeParams()


def _day(n: int) -> date:
    return date.fromordinal(D0.toordinal() + n)


# -- the detector on arrays ---------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(level=st.floats(0, 40), start=st.integers(40, 150), length=st.integers(1, 20),
       height=st.floats(12, 200), n=st.integers(200, 300))
def test_a_step_on_a_flat_baseline_is_found_exactly(level, start, length, height, n):
    # a constant level (MAD 0) with one block of conflict: the floor decides
    x = np.full(n, level)
    x[start:start + length] += height
    events = np.where(x > level, 3, 0)
    spans, base = detect(x, events, P)
    assert len(spans) == 1
    (sp,) = spans
    assert (sp.start, sp.last_active) == (start, min(n - 1, start + length - 1))
    assert start <= sp.peak < start + length
    assert np.allclose(base.level[start:start + length], level)


@settings(max_examples=40, deadline=None)
@given(level=st.floats(0, 50), n=st.integers(30, 400))
def test_a_flat_series_has_no_episode(level, n):
    assert detect(np.full(n, level), np.full(n, 5), P)[0] == []


@pytest.mark.parametrize("seed", range(8))
def test_a_change_in_a_noisy_series_is_found_near_its_day(seed):
    # Poisson-like background of about 20 a day, then a week at about 80
    rng = np.random.default_rng(seed)
    x = rng.poisson(20, 365).astype(float)
    x[200:207] = rng.poisson(80, 7)
    spans, base = detect(x, np.full(365, 4), P)
    hits = [s for s in spans if s.start <= 206 and s.last_active >= 200]
    assert len(hits) == 1
    assert abs(hits[0].start - 200) <= 1 and 200 <= hits[0].peak <= 206
    assert base.estimated[200] and 15 <= base.level[200] <= 25
    # the background itself rarely crosses 4 robust deviations: at most two false alarms a year
    assert len(spans) - 1 <= 2


def test_the_same_level_is_a_crisis_for_a_quiet_dyad_only():
    rng = np.random.default_rng(1)
    busy = rng.normal(60, 5, 200).clip(0)
    quiet = np.zeros(200)
    for x in (busy, quiet):
        x[150] = 70
        x[151] = 70
    assert detect(busy, np.full(200, 5), P)[0] == []
    (sp,) = detect(quiet, np.full(200, 5), P)[0]
    assert (sp.start, sp.last_active) == (150, 151)


def test_one_lonely_event_is_not_an_episode():
    x = np.zeros(100)
    x[50] = 10
    assert detect(x, np.where(x > 0, 1, 0), P)[0] == []
    assert len(detect(x, np.where(x > 0, 2, 0), P)[0]) == 1


def test_blocks_split_on_quiet_weeks():
    x = np.zeros(120)
    x[[20, 22]] = 10
    x[[40, 41]] = 12  # 17 quiet days later: a second episode
    spans, _ = detect(x, np.where(x > 0, 2, 0), P)
    assert [(s.start, s.last_active) for s in spans] == [(20, 22), (40, 41)]
    x[[29, 35]] = 3  # low activity bridges the gaps (each under quiet_days)
    assert [(s.start, s.last_active) for s in detect(x, np.where(x > 0, 2, 0), P)[0]] == [(20, 41)]


def test_baseline_leaves_episodes_out_and_says_when_history_is_short():
    x = np.zeros(200)
    x[100:160] = 50  # a two-month war
    base = baseline(x, P)
    assert base.level[150] == 50  # the war has become the trailing median ...
    spans, base2 = detect(x, np.full(200, 3), P)
    assert base2.level[150] == 0  # ... unless the episode's own days are left out
    assert spans[0].start == 100 and spans[0].last_active == 159
    assert not base2.estimated[10] and base2.estimated[60]


# -- on events: the Iran-Pakistan shape, and robustness to coder errors --------------
def _crisis_rows() -> list[dict]:
    return [
        row(20, "NOR", "SWE", "195"),  # NOR strikes
        row(21, "SWE", "NOR", "161"),  # SWE recalls its envoy
        row(22, "SWE", "NOR", "195"),  # SWE strikes back
        row(22, "SWE", "NOR", "1383", doc="threat", sentence=3),  # and threatens more
        row(23, "NOR", "SWE", "041"),  # phone call
        row(23, "SWE", "NOR", "041"),
        row(26, "NOR", "SWE", "0256"),  # appeal for restraint
        row(30, "SWE", "NOR", "042"),  # visit
        row(60, "NOR", "SWE", "042"),  # a routine visit a month later: not part of it
    ]


def test_episode_with_start_peak_and_end_by_de_escalation():
    f = frame(_crisis_rows(), since=D0, until=_day(80))
    (ep,) = episodes_in_frame(f)[0]
    assert ep.start == _day(20) and ep.peak == _day(22) and ep.escalation_end == _day(22)
    assert ep.turning_point == _day(23) and ep.end == _day(30) and ep.end_kind == "de-escalation"
    assert [d.kind for d in ep.deescalation] == ["contact", "contact", "restraint", "contact"]
    assert ep.id == f"NOR-SWE:{_day(20).isoformat()}"
    assert len(ep.conflict_events) == 4 and ep.peak_intensity == pytest.approx(10 + 7)


def test_spurious_events_after_the_peak_do_not_move_the_turning_point():
    rows = _crisis_rows() + [
        # a commentary dated by its article recounts the strike (weight 0.5)
        row(27, "NOR", "SWE", "190", precision="article", doc="comment"),
        row(27, "SWE", "NOR", "112", precision="article", doc="comment", sentence=1),
    ]
    (ep,) = episodes_in_frame(frame(rows, since=D0, until=_day(80)))[0]
    assert ep.turning_point == _day(23) and ep.end == _day(30)
    assert ep.last_conflict == _day(27)


def test_one_sentence_read_both_ways_counts_once():
    rows = [row(10, "NOR", "SWE", "195", doc="d", sentence=0),
            row(10, "SWE", "NOR", "195", doc="d", sentence=0, eid="mirror"),
            row(11, "NOR", "SWE", "112", doc="e")]
    f = frame(rows)
    assert f.conflict_intensity()[0] == 10  # not 20
    assert int(f.counted.sum()) == 2


def test_misdated_and_coarse_events_are_not_placed():
    rows = [row(10, "NOR", "SWE", "195"),
            row(11, "NOR", "SWE", "195", published=-30, doc="future"),  # after its article
            row(0, "NOR", "SWE", "195", precision="month", span=30, doc="january")]
    f = frame(rows)
    by_doc = dict(zip(f.cols["doc_id"], zip(f.suspect.tolist(), f.weight.tolist())))
    assert by_doc["future"] == (True, 0.0) and by_doc["january"] == (False, 0.0)
    assert (False, 1.0) in by_doc.values()
    assert f.first == _day(10) and f.last == _day(10)


def test_an_episode_without_de_escalation_fades_or_is_ongoing():
    rows = [row(10, "NOR", "SWE", "195"), row(11, "SWE", "NOR", "190")]
    (faded,) = episodes_in_frame(frame(rows, until=_day(40)))[0]
    assert faded.end_kind == "faded" and faded.end == _day(11) and faded.turning_point is None
    (ongoing,) = episodes_in_frame(frame(rows, until=_day(13)))[0]
    assert ongoing.end_kind == "ongoing"


def test_to_dict_is_json_ready():
    import json

    (ep,) = episodes_in_frame(frame(_crisis_rows(), since=D0, until=_day(80)))[0]
    d = json.loads(json.dumps(ep.to_dict()))
    assert d["start"] == _day(20).isoformat() and d["deescalation"][0]["kind"] == "contact"


# -- the de-escalation file -------------------------------------------------------------
def test_shipped_rules_load_and_classify():
    r = deescalation_rules()
    assert r.kind_of("0871").name == "restraint"  # covered by 087
    assert r.kind_of("041").name == "contact" and r.kind_of("057").name == "agreement"
    assert r.kind_of("195") is None and r.kind_of("041", quad_class=4) is None


@pytest.mark.parametrize("data, message", [
    ({"kinds": {"x": {"label": "x", "codes": ["999"]}}}, "not a CAMEO code"),
    ({"kinds": {"x": {"label": "x", "codes": ["195"]}}}, "QuadClass 4"),
    ({"kinds": {"x": {"label": "x", "codes": ["04"]}, "y": {"label": "y", "codes": ["041"]}}},
     "overlaps"),
    ({"kinds": {"x": {"codes": ["041"]}}}, "label"),
    ({"kinds": {}}, "non-empty"),
    ({"quad_classes": [7], "kinds": {"x": {"label": "x", "codes": ["041"]}}}, "QuadClasses"),
])
def test_broken_rules_are_refused_with_the_reason(data, message):
    with pytest.raises(ConfigError, match=message):
        parse_rules(data, "test.json")


def test_an_article_dated_de_escalation_links_the_chain_but_never_ends_it():
    """Days: escalation ends on 3; contacts on 5 (text-dated), 9 (article-dated only) and
    14 (text-dated), 15 (article-dated only).  The chain runs 5 -> 9 -> 14 -> 15 within the
    settle gap, and ends on 14: the 15th is only a publication day."""
    import numpy as np

    from dyadwatch.analysis.episodes import EpisodeParams, Span, close_span

    p = EpisodeParams()
    sp = Span(start=0, peak=2, escalation_end=3, last_active=3)
    all_days = np.array([5, 9, 14, 15])
    firm = np.array([5, 14])
    assert close_span(sp, all_days, 60, None, p, firm) == (14, "de-escalation", 5)
    # without the article-dated link on the 9th the gap 5 -> 14 is too long
    assert close_span(sp, np.array([5, 14]), 60, None, p, firm)[0] == 5
    # an article-dated turning point still ends the episode on its own day
    assert close_span(sp, np.array([6]), 60, None, p, np.array([], dtype=int)) == \
        (6, "de-escalation", 6)
