"""The evaluation gate: coding figures may not drop below their pinned floors.

``bench/floors.json`` pins, for the PLOVER gold standard records, the PETRARCH-2 GSR, the
news_events_gold dev set and the seed checks, the lowest accepted figure and a digest of
the data it was measured on (``bench/pin_floors.py`` writes it).  Skipped cleanly when
``../shared`` is absent.  The rules of the floor file itself (no floor lowered without a
recorded reason) are checked without ``../shared``.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("dyadwatch_bench_pin_floors",
                                               ROOT / "bench" / "pin_floors.py")
assert _spec is not None and _spec.loader is not None
pin = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = pin
_spec.loader.exec_module(pin)


def test_floor_file_is_well_formed() -> None:
    data = pin.load()
    assert set(data["floors"]) == {"plover_gsr.right", "petrarch2_gsr.root_f1",
                                   "news_events_gold.precision", "news_events_gold.recall",
                                   "seed_checks.passed"}
    assert all(isinstance(v, (int, float)) and v >= 0 for v in data["floors"].values())
    assert set(data["inputs"]) == {f for fs in pin.INPUTS.values() for f in fs}
    for entry in data.get("lowered", []):
        assert entry["key"] in data["floors"] and str(entry["reason"]).strip()


def test_no_floor_is_lowered_silently_against_main() -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not available")
    shown = subprocess.run([git, "show", "main:bench/floors.json"], cwd=ROOT,
                           capture_output=True, text=True)
    if shown.returncode != 0:
        pytest.skip("bench/floors.json is not on main yet (or this is no git checkout)")
    assert pin.unrecorded_lowerings(json.loads(shown.stdout), pin.load()) == []


def test_lowering_needs_a_recorded_reason() -> None:
    old = {"floors": {"a": 0.5, "b": 0.4}}
    assert pin.unrecorded_lowerings(old, {"floors": {"a": 0.6, "b": 0.4}}) == []
    assert pin.unrecorded_lowerings(old, {"floors": {"a": 0.4, "b": 0.4}}) != []
    assert pin.unrecorded_lowerings(old, {"floors": {"b": 0.4}}) != []  # dropped = lowered
    ok = {"floors": {"a": 0.4, "b": 0.4},
          "lowered": [{"key": "a", "from": 0.5, "to": 0.4, "reason": "gold corrected"}]}
    assert pin.unrecorded_lowerings(old, ok) == []
    blank = {"floors": {"a": 0.4, "b": 0.4},
             "lowered": [{"key": "a", "from": 0.5, "to": 0.4, "reason": " "}]}
    assert pin.unrecorded_lowerings(old, blank) != []


def test_below_and_floor_of() -> None:
    assert pin.floor_of(0.2289) == 0.228 and pin.floor_of(0.370) == 0.37
    assert pin.below({"x": 0.3}, {"x": 0.3}) == []
    assert pin.below({"x": 0.3}, {"x": 0.29}) and pin.below({"x": 0.3}, {})


@pytest.mark.slow
def test_figures_at_or_above_their_floors(shared_dir, pipeline) -> None:
    data = pin.load()
    now = pin.digests(shared_dir)
    changed = sorted(k for k in now if data["inputs"].get(k) != now[k])
    assert not changed, (f"benchmark inputs changed since the floors were pinned: {changed}; "
                         "re-measure with bench/pin_floors.py --inputs-changed --reason ...")
    figures = pin.measure(shared_dir, pipeline)
    assert pin.below(data["floors"], figures) == [], figures
