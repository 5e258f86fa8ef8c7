"""bench/blind3's own checks: no text shared with the earlier blind sets, and its score
wrapper (it scores bench/blind3 only and never records a plumbing check).  The format
checks it shares with bench/blind2 are in ``test_blind_sets.py``."""

from __future__ import annotations

import json

from test_blind_sets import ROOT, SENTENCES, PAGES, _module

SET = ROOT / "bench" / "blind3"
score3 = _module("blind3_score", SET / "score.py")
SENTENCES = SENTENCES["blind3"]
PAGES = PAGES["blind3"]


def test_no_document_is_shared_with_the_earlier_blind_sets():
    mine = {r["text"] for r in SENTENCES}
    for other in ("blind", "blind2"):
        path = ROOT / "bench" / other / "sentences.jsonl"
        if path.is_file():
            theirs = {json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
            assert not mine & theirs, other
    pages = {p["file"].split("/")[-1] for p in PAGES}
    for other in ("blind", "blind2"):
        folder = ROOT / "bench" / other / "pages"
        if folder.is_dir():
            assert not pages & {f.name for f in folder.iterdir()}, other


def test_the_score_wrapper_fixes_the_set_and_never_records_a_plumbing_check(tmp_path, capsys):
    runs = SET / "runs.jsonl"
    before = runs.read_bytes() if runs.is_file() else None
    out = tmp_path / "fig.json"
    assert score3.main(["--gold-as-predictions", "--json", str(out)]) == 0
    rep = json.loads(out.read_text())
    assert rep["set"] == "bench/blind3" and rep["main"]["overall"]["f1"] == 1.0
    assert (runs.read_bytes() if runs.is_file() else None) == before
    assert score3.main(["--set", "bench/blind2"]) == 2  # the wrapper scores bench/blind3 only
    capsys.readouterr()
