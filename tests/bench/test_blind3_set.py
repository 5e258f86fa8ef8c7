"""bench/blind3: the format of its data files and the scorer's plumbing on it.

These tests never run the NLP pipeline and never print the set's sentences: they check the
fields, the codes, the dates and the page shapes, that the built files match the annotation
source, and that the gold scored against itself gives 1.0 everywhere.  Every record of the
files is checked (a blank or unparsable line fails, it is not skipped).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "bench" / "blind3"
PACKAGE_CODES = ROOT / "src" / "dyadwatch" / "data" / "cameo" / "eventcodes.csv"
#: codes of shared/reference/cameo/cameo_codes.json that GDELT 1.1b3 (the package's
#: table) lacks; bench/blind's README documents the same two
EXTRA_CODES = {"176", "1952"}
INTERNATIONAL = {"IGO", "NGO"}
#: CAMEO region codes used for regional collectives ("Arab and Muslim ministers" -> MEA)
REGIONS = {"AFR", "ASA", "CAS", "CAU", "CRB", "EAF", "EEU", "EUR", "LAM", "MEA", "NAF", "NAM", "SAF",
           "SAM", "SAS", "SEA", "WAF", "WST"}
AGENTS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "SEP", "INS", "UAF", "CVL", "MED",
          "BUS", "LAB", "NGO", "HRI", "ELI", "SPY", "RAD", "CRM", "REF"}
EVENT_FIELDS = {"source", "source_agent", "target", "target_agent", "cameo", "root", "factual"}
PAGE_EVENT_FIELDS = EVENT_FIELDS | {"sentence", "date", "date_precision", "place_country"}
PRECISIONS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def _module(name: str, path: Path):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


bs = _module("blind_score_bench", ROOT / "bench" / "blind" / "score.py")
build = _module("blind3_build", SET / "build.py")
score3 = _module("blind3_score", SET / "score.py")


def _strict_jsonl(path: Path) -> list[dict]:
    """Every line is one JSON object: a blank or broken line is an error, not skipped."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n")[:-1], 1):
        assert line.strip(), f"{path.name}:{n} is blank"
        out.append(json.loads(line))
    assert path.read_text(encoding="utf-8").endswith("\n")
    return out


SENTENCES = _strict_jsonl(SET / "sentences.jsonl")
PAGES = _strict_jsonl(SET / "pages_gold.jsonl")


def _codes() -> set[str]:
    with open(PACKAGE_CODES, encoding="utf-8") as fh:
        rows = csv.reader(line for line in fh if not line.startswith("#"))
        next(rows)
        return {r[0] for r in rows} | EXTRA_CODES


def event_problems(ev: dict, page: bool, codes: set[str]) -> list[str]:
    """What is wrong with one gold line (empty when it is well-formed)."""
    bad = []
    missing = (PAGE_EVENT_FIELDS if page else EVENT_FIELDS) - set(ev)
    if missing:
        return [f"missing {sorted(missing)}"]
    if ev["cameo"] not in codes:
        bad.append(f"code {ev['cameo']} not in the codebook")
    if ev["root"] != ev["cameo"][:2]:
        bad.append(f"root {ev['root']} of {ev['cameo']}")
    if not isinstance(ev["factual"], bool):
        bad.append("factual is not a boolean")
    for side in ("source", "target"):
        country, agent = ev[side], ev[f"{side}_agent"]
        if country is None:
            if side == "source" or agent is not None:
                bad.append(f"{side}: no country")
            continue
        if country not in INTERNATIONAL | REGIONS and not pycountry.countries.get(alpha_3=country):
            bad.append(f"{side}: {country} is not ISO3")
        if country not in INTERNATIONAL and agent is not None and agent not in AGENTS:
            bad.append(f"{side}: agent {agent}")
    if page:
        prec, d = ev["date_precision"], ev["date"]
        if prec is None:
            if d is not None:
                bad.append("a date without a precision")
        elif prec not in PRECISIONS or not re.fullmatch(PRECISIONS[prec], d or ""):
            bad.append(f"date {d!r} / precision {prec!r}")
        elif prec == "day":
            date.fromisoformat(d)
        pl = ev["place_country"]
        if pl is not None and not pycountry.countries.get(alpha_3=pl):
            bad.append(f"place {pl} is not ISO3")
    return bad


def test_every_event_is_well_formed():
    codes = _codes()
    problems = [f"{r['id']} {e.get('cameo')}: {p}"
                for recs, page in ((SENTENCES, False), (PAGES, True))
                for r in recs for e in r["events"] for p in event_problems(e, page, codes)]
    assert problems == []


@pytest.mark.parametrize("ev,problem", [
    ({"cameo": "1952", "root": "18"}, "root"),
    ({"cameo": "999"}, "codebook"),
    ({"factual": "yes"}, "boolean"),
    ({"source": "XXX"}, "ISO3"),
    ({"source": None}, "no country"),
    ({"target_agent": "ZZZ", "target": "UKR"}, "agent"),
    ({"date": "2024-13-40", "date_precision": "month"}, "date"),
    ({"date": "2024-05-01", "date_precision": None}, "precision"),
    ({"place_country": "XKX"}, "place"),
])
def test_the_checker_reports_each_broken_field(ev, problem):
    good = {"source": "UKR", "source_agent": "MIL", "target": "RUS", "target_agent": None,
            "cameo": "190", "root": "19", "factual": True, "sentence": "x",
            "date": "2024-05-01", "date_precision": "day", "place_country": "UKR"}
    assert event_problems(good, True, _codes()) == []
    assert any(problem in p for p in event_problems({**good, **ev}, True, _codes()))
    broken = dict(good)
    del broken["place_country"]
    assert event_problems(broken, True, _codes()) == ["missing ['place_country']"]


def test_codes_are_in_the_shared_codebook_too(shared_dir):
    path = shared_dir / "reference" / "cameo" / "cameo_codes.json"
    if not path.is_file():
        pytest.skip("shared/reference/cameo/cameo_codes.json is absent (the package table was checked)")
    book = json.loads(path.read_text(encoding="utf-8"))
    used = {e["cameo"] for r in SENTENCES + PAGES for e in r["events"]}
    assert sorted(used - set(book)) == []


def test_records_have_their_fields_and_unique_ids():
    ids = [r["id"] for r in SENTENCES + PAGES]
    assert len(ids) == len(set(ids))
    for r in SENTENCES:
        assert {"id", "text", "published", "events"} <= set(r)
        assert date.fromisoformat(r["published"]).year in range(2022, 2027)
        assert r["text"] == r["text"].strip() and len(r["text"]) > 40
    for r in PAGES:
        assert {"id", "file", "published", "scope_paragraphs", "events"} <= set(r)
        date.fromisoformat(r["published"])


def test_sizes_and_coverage():
    assert len(SENTENCES) >= 200 and len(PAGES) >= 12
    roots = Counter(e["root"] for r in SENTENCES for e in r["events"])
    assert min(roots[f"{n:02d}"] for n in range(1, 21)) >= 8
    no_factual = [r for r in SENTENCES if not any(e["factual"] for e in r["events"])]
    assert len(no_factual) >= 25
    assert sum(1 for r in SENTENCES for e in r["events"] if e["target"] is None) >= 20


@pytest.mark.parametrize("rec", PAGES, ids=[p["id"] for p in PAGES])
def test_page_shape_and_gold_in_scope(rec):
    text = (SET / rec["file"]).read_text(encoding="utf-8")
    paras = bs.paragraphs(text)
    assert len(paras[0]) < 100 and not paras[0].endswith(".")  # a headline
    m = re.match(r"[A-Z][A-Z /.'-]+, ([A-Z][a-z]+)\.? (\d{1,2}) \(Wire\) - ", paras[1])
    assert m, "dateline"
    pub = date.fromisoformat(rec["published"])
    assert pub.strftime("%b").startswith(m.group(1)[:3]) and pub.day == int(m.group(2))
    assert 5 <= len(paras) - 1 <= 7  # dateline paragraph + 4-6 paragraphs
    scope = bs.page_scope(text, rec["scope_paragraphs"])
    assert rec["events"]
    for e in rec["events"]:
        assert e["sentence"] in text
        assert bs.load_matcher().in_scope(e["sentence"], scope)


def test_built_files_match_the_annotation_source(tmp_path):
    assert build.build(tmp_path) == (len(SENTENCES), len(PAGES))
    for name in ("sentences.jsonl", "pages_gold.jsonl"):
        assert (tmp_path / name).read_bytes() == (SET / name).read_bytes(), name


def test_build_rejects_a_snippet_found_twice_or_not_at_all():
    text = "Head\n\nCITY, May 1 (Wire) - A hit B. A hit C."
    with pytest.raises(build.BuildError):
        build.expand("p", text, [build.E("USA", None, "190", s="A hit")])
    with pytest.raises(build.BuildError):
        build.expand("p", text, [build.E("USA", None, "190", s="D hit")])
    evs = [build.E("USA", None, "190", s="hit C", d="2024-05-01")]
    build.expand("p", text, evs)
    assert evs[0]["sentence"] == "A hit C." and evs[0]["date_precision"] == "day"


def test_sentence_splitter_keeps_abbreviations_and_drops_the_dateline():
    assert build.split_sentences("Head\n\nROME, May 1 (Wire) - The U.S. Navy said so. "
                                 "Then it left.") == ["Head", "The U.S. Navy said so.",
                                                      "Then it left."]


def test_gold_as_predictions_scores_one_on_blind3(tmp_path):
    rep = bs.run(gold_as_predictions=True, set_dir=SET)
    assert rep["main"]["overall"]["f1"] == 1.0 and rep["main"]["pages"]["f1"] == 1.0
    pa = rep["page_attributes"]
    assert pa["events"] == pa["gold_events"] == sum(len(r["events"]) for r in PAGES)
    assert pa["exact_day"]["rate"] == 1.0 and pa["wrong_day"]["wrong"] == 0
    assert pa["place_country"]["rate"] == 1.0
    assert pa["nonfactual"]["precision"] == 1.0 and pa["nonfactual"]["recall"] == 1.0


def test_score_set_option_records_in_the_set_folder(tmp_path, monkeypatch, capsys):
    for name in ("sentences.jsonl", "pages_gold.jsonl"):
        (tmp_path / name).write_bytes((SET / name).read_bytes())
    (tmp_path / "pages").symlink_to(SET / "pages")
    out = tmp_path / "fig.json"
    assert bs.main(["--set", str(tmp_path), "--gold-as-predictions", "--json", str(out)]) == 0
    assert json.loads(out.read_text())["documents"]["pages"] == len(PAGES)
    assert "place country" in capsys.readouterr().out
    assert not (tmp_path / "runs.jsonl").exists()  # a plumbing check is never recorded
    assert bs.main(["--set", str(tmp_path / "absent")]) == 2  # a missing set is an error


def test_record_run_keeps_the_label_and_page_figures(tmp_path):
    rep = bs.run(gold_as_predictions=True, set_dir=SET)
    runs = tmp_path / "runs.jsonl"
    assert bs.record_run(rep, runs, "baseline: test") is True
    line = json.loads(runs.read_text())
    assert line["label"] == "baseline: test" and line["blind"] is True
    assert line["page_attributes"]["exact_day"]["rate"] == 1.0


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
