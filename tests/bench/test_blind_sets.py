"""bench/blind2 and bench/blind3: the format of their data files and the scorer's plumbing.

These tests never run the NLP pipeline and never print a set's sentences: they check the
fields, the codes, the dates and the page shapes, that the built files match the annotation
source, and that the gold scored against itself gives 1.0 everywhere.  Every record of the
files is checked (a blank or unparsable line fails, it is not skipped).  Each set states its
own sizes and years (``SETS``); the third set's own checks are in ``test_blind3_set.py``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_CODES = ROOT / "src" / "dyadwatch" / "data" / "cameo" / "eventcodes.csv"
#: codes of shared/reference/cameo/cameo_codes.json that GDELT 1.1b3 (the package's
#: table) lacks; bench/blind's README documents the same two
EXTRA_CODES = {"176", "1952"}
INTERNATIONAL = {"IGO", "NGO"}
#: CAMEO region codes used for regional collectives ("Arab and Muslim ministers" -> MEA)
REGIONS = {"AFR", "ASA", "CAS", "CAU", "CRB", "EAF", "EEU", "EUR", "LAM", "MEA", "NAF", "NAM",
           "SAF", "SAM", "SAS", "SEA", "WAF", "WST"}
AGENTS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "SEP", "INS", "UAF", "CVL", "MED",
          "BUS", "LAB", "NGO", "HRI", "ELI", "SPY", "RAD", "CRM", "REF"}
EVENT_FIELDS = {"source", "source_agent", "target", "target_agent", "cameo", "root", "factual"}
PAGE_EVENT_FIELDS = EVENT_FIELDS | {"sentence", "date", "date_precision", "place_country"}
PRECISIONS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def _module(name: str, path: Path) -> ModuleType:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _strict_jsonl(path: Path) -> list[dict]:
    """Every line is one JSON object: a blank or broken line is an error, not skipped."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n")[:-1], 1):
        assert line.strip(), f"{path.name}:{n} is blank"
        out.append(json.loads(line))
    assert path.read_text(encoding="utf-8").endswith("\n")
    return out


@dataclass(frozen=True)
class BlindSet:
    """One set and what its README promises: years of its events, its smallest sizes."""
    name: str
    years: range
    min_sentences: int
    min_per_root: int
    min_no_factual: int

    @property
    def dir(self) -> Path:
        return ROOT / "bench" / self.name


SETS = (BlindSet("blind2", range(2023, 2027), 160, 7, 20),
        BlindSet("blind3", range(2022, 2027), 200, 8, 25))
SENTENCES = {s.name: _strict_jsonl(s.dir / "sentences.jsonl") for s in SETS}
PAGES = {s.name: _strict_jsonl(s.dir / "pages_gold.jsonl") for s in SETS}
BUILD = {s.name: _module(f"{s.name}_build", s.dir / "build.py") for s in SETS}
SET_IDS = [s.name for s in SETS]
bs = _module("blind_score_bench", ROOT / "bench" / "blind" / "score.py")
build = BUILD["blind2"]  # the builder's helpers (blind3's build imports them)


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


@pytest.mark.parametrize("bset", SETS, ids=SET_IDS)
def test_every_event_is_well_formed(bset):
    codes = _codes()
    problems = [f"{r['id']} {e.get('cameo')}: {p}"
                for recs, page in ((SENTENCES[bset.name], False), (PAGES[bset.name], True))
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


@pytest.mark.parametrize("bset", SETS, ids=SET_IDS)
def test_codes_are_in_the_shared_codebook_too(shared_dir, bset):
    path = shared_dir / "reference" / "cameo" / "cameo_codes.json"
    if not path.is_file():
        pytest.skip("shared/reference/cameo/cameo_codes.json is absent (the package table was checked)")
    book = json.loads(path.read_text(encoding="utf-8"))
    used = {e["cameo"] for r in SENTENCES[bset.name] + PAGES[bset.name] for e in r["events"]}
    assert sorted(used - set(book)) == []


@pytest.mark.parametrize("bset", SETS, ids=SET_IDS)
def test_records_have_their_fields_and_unique_ids(bset):
    ids = [r["id"] for r in SENTENCES[bset.name] + PAGES[bset.name]]
    assert len(ids) == len(set(ids))
    for r in SENTENCES[bset.name]:
        assert {"id", "text", "published", "events"} <= set(r)
        assert date.fromisoformat(r["published"]).year in bset.years
        assert r["text"] == r["text"].strip() and len(r["text"]) > 40
    for r in PAGES[bset.name]:
        assert {"id", "file", "published", "scope_paragraphs", "events"} <= set(r)
        date.fromisoformat(r["published"])


@pytest.mark.parametrize("bset", SETS, ids=SET_IDS)
def test_sizes_and_coverage(bset):
    sents = SENTENCES[bset.name]
    assert len(sents) >= bset.min_sentences and len(PAGES[bset.name]) >= 12
    roots = Counter(e["root"] for r in sents for e in r["events"])
    assert min(roots[f"{n:02d}"] for n in range(1, 21)) >= bset.min_per_root
    no_factual = [r for r in sents if not any(e["factual"] for e in r["events"])]
    assert len(no_factual) >= bset.min_no_factual
    assert sum(1 for r in sents for e in r["events"] if e["target"] is None) >= 20


@pytest.mark.parametrize("set_name,rec", [(s, p) for s in SET_IDS for p in PAGES[s]],
                         ids=[f"{s}-{p['id']}" for s in SET_IDS for p in PAGES[s]])
def test_page_shape_and_gold_in_scope(set_name, rec):
    text = (ROOT / "bench" / set_name / rec["file"]).read_text(encoding="utf-8")
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


@pytest.mark.parametrize("bset", SETS, ids=SET_IDS)
def test_built_files_match_the_annotation_source(tmp_path, bset):
    got = BUILD[bset.name].build(tmp_path)
    assert got == (len(SENTENCES[bset.name]), len(PAGES[bset.name]))
    for name in ("sentences.jsonl", "pages_gold.jsonl"):
        assert (tmp_path / name).read_bytes() == (bset.dir / name).read_bytes(), name


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


@pytest.mark.parametrize("bset", SETS, ids=SET_IDS)
def test_gold_as_predictions_scores_one(bset):
    rep = bs.run(gold_as_predictions=True, set_dir=bset.dir)
    assert rep["main"]["overall"]["f1"] == 1.0 and rep["main"]["pages"]["f1"] == 1.0
    pa = rep["page_attributes"]
    assert pa["events"] == pa["gold_events"] == sum(len(r["events"]) for r in PAGES[bset.name])
    assert pa["exact_day"]["rate"] == 1.0 and pa["wrong_day"]["wrong"] == 0
    assert pa["place_country"]["rate"] == 1.0
    assert pa["nonfactual"]["precision"] == 1.0 and pa["nonfactual"]["recall"] == 1.0


def test_score_set_option_records_in_the_set_folder(tmp_path, monkeypatch, capsys):
    src = ROOT / "bench" / "blind2"
    for name in ("sentences.jsonl", "pages_gold.jsonl"):
        (tmp_path / name).write_bytes((src / name).read_bytes())
    (tmp_path / "pages").symlink_to(src / "pages")
    out = tmp_path / "fig.json"
    assert bs.main(["--set", str(tmp_path), "--gold-as-predictions", "--json", str(out)]) == 0
    assert json.loads(out.read_text())["documents"]["pages"] == len(PAGES["blind2"])
    assert "place country" in capsys.readouterr().out
    assert not (tmp_path / "runs.jsonl").exists()  # a plumbing check is never recorded
    assert bs.main(["--set", str(tmp_path / "absent")]) == 2  # a missing set is an error


def test_record_run_keeps_the_label_and_page_figures(tmp_path):
    rep = bs.run(gold_as_predictions=True, set_dir=ROOT / "bench" / "blind2")
    runs = tmp_path / "runs.jsonl"
    assert bs.record_run(rep, runs, "baseline: test") is True
    line = json.loads(runs.read_text())
    assert line["label"] == "baseline: test" and line["blind"] is True
    assert line["page_attributes"]["exact_day"]["rate"] == 1.0
