"""The pure scoring functions of bench/plover_gsr.py (no ../shared needed)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gsr():
    spec = importlib.util.spec_from_file_location("plover_gsr", ROOT / "bench" / "plover_gsr.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("code,t2021,expected", [
    ("190", "ASSAULT", "FIGHT"),      # 2016: 19/20 FIGHT, 18 ASSAULT
    ("183", "ASSAULT", "ASSAULT"),
    ("112", "ACCUSE", "DISAPPROVE"),  # 2016: 11 DISAPPROVE
    ("1053", "REQUEST", "DEMAND"),    # renamed
    ("0813", "RETREAT", "CONCEDE"),   # the records: an eased curfew is CONCEDE
    ("0814", "RETREAT", "CONCEDE"),
    ("0831", "CONCEDE", "RETREAT"),   # the records: a resignation is RETREAT
    ("0874", "RETREAT", "RETREAT"),
    ("010", None, None),              # statements have no type
])
def test_plover_type_of(gsr, code, t2021, expected) -> None:
    assert gsr.plover_type_of(code, t2021) == expected


def test_event_matches_and_score(gsr) -> None:
    rec = {"id": "r1", "type": "AGREE", "sources": {"ISR", "PSE"}, "targets": set()}
    # no target named: a targetless event or one between the compound sources matches
    assert gsr.event_matches(rec, "AGREE", "ISR", None)
    assert gsr.event_matches(rec, "AGREE", "ISR", "PSE")
    assert not gsr.event_matches(rec, "AGREE", "ISR", "USA")
    assert not gsr.event_matches(rec, "SUPPORT", "ISR", None)
    rec2 = {"id": "r2", "type": "FIGHT", "sources": {"SDN"}, "targets": {"SDN"}}
    # a named target must be matched, a missing one is wrong
    assert gsr.event_matches(rec2, "FIGHT", "SDN", "SDN")
    assert not gsr.event_matches(rec2, "FIGHT", "SDN", None)
    rep = gsr.score([rec, rec2], {"r1": [("AGREE", "PSE", "ISR")], "r2": []})
    assert rep["right"] == 1 and rep["no_event"] == 1 and rep["share_right"] == 0.5
    assert rep["per_type"]["FIGHT"] == {"n": 1, "right": 0, "share": 0.0}
