"""bench/blind: its data files and its scorer, on synthetic predictions.

These tests never run the NLP pipeline (a fake pipeline stands in where the scorer calls
one) and never print the coder's output on the blind sentences.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pycountry
import pytest

BLIND = Path(__file__).resolve().parents[2] / "bench" / "blind"


def _load_score():
    key = "blind_score_bench"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, BLIND / "score.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


bs = _load_score()
neg = bs.load_matcher()
Ev = neg.Ev

SENTENCES = bs.read_jsonl(bs.SENTENCES)
PAGES = bs.read_jsonl(bs.PAGES_GOLD)
ALL_EVENTS = [(r["id"], e) for r in SENTENCES + PAGES for e in r["events"]]

#: non-ISO "countries" of international actors (the matcher compares the first 3 characters)
INTERNATIONAL = {"IGO", "NGO"}
AGENTS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "SEP", "INS", "UAF", "CVL", "MED",
          "BUS", "LAB", "NGO", "HRI", "ELI", "SPY", "RAD", "CRM", "REF"}


# --------------------------------------------------------------------------- data files
def test_ids_unique_across_sentences_and_pages():
    ids = [r["id"] for r in SENTENCES + PAGES]
    assert len(ids) == len(set(ids))


def test_sentence_set_size_and_negatives():
    assert len(SENTENCES) >= 150
    no_factual = [r for r in SENTENCES if not any(e["factual"] for e in r["events"])]
    assert len(no_factual) >= 20  # no event, or only non-factual ones
    assert sum(1 for r in SENTENCES if not r["events"]) >= 5


def test_every_root_has_at_least_six_sentence_events():
    roots = Counter(e["root"] for r in SENTENCES for e in r["events"])
    assert {f"{n:02d}" for n in range(1, 21)} <= set(roots)
    assert min(roots[f"{n:02d}"] for n in range(1, 21)) >= 6


def _event_problems(doc, ev):
    """What is wrong with one gold event line (empty when it is well-formed)."""
    bad = []
    if not (re.fullmatch(r"\d{3,4}", ev["cameo"]) and ev["root"] == ev["cameo"][:2]
            and 1 <= int(ev["root"]) <= 20):
        bad.append(f"code {ev['cameo']} / root {ev['root']}")
    if not isinstance(ev["factual"], bool):
        bad.append("factual is not a boolean")
    for side in ("source", "target"):
        country, agent = ev.get(side), ev.get(f"{side}_agent")
        if country is None:
            if side == "source" or agent is not None:
                bad.append(f"{side}: no country")  # every event has a source country
            continue
        if country not in INTERNATIONAL and not pycountry.countries.get(alpha_3=country):
            bad.append(f"{side}: {country} is not ISO3")
        if country not in INTERNATIONAL and agent is not None and agent not in AGENTS:
            bad.append(f"{side}: agent type {agent}")
    if ev.get("date") is not None:
        try:
            date.fromisoformat(ev["date"])
        except ValueError:
            bad.append(f"date {ev['date']}")
        if ev.get("date_precision") != "day":
            bad.append("date without day precision")
    return [f"{doc} {ev['cameo']}: {b}" for b in bad]


def test_event_fields_are_valid():
    problems = [p for doc, ev in ALL_EVENTS for p in _event_problems(doc, ev)]
    assert problems == []


@pytest.mark.parametrize("ev,problem", [
    # the checker itself: each broken field is reported
    ({"cameo": "1952", "root": "18", "factual": True, "source": "UKR"}, "root"),
    ({"cameo": "190", "root": "19", "factual": "yes", "source": "UKR"}, "boolean"),
    ({"cameo": "190", "root": "19", "factual": True, "source": "XXX"}, "ISO3"),
    ({"cameo": "190", "root": "19", "factual": True, "source": None}, "no country"),
    ({"cameo": "190", "root": "19", "factual": True, "source": "UKR", "source_agent": "ZZZ"},
     "agent"),
    ({"cameo": "190", "root": "19", "factual": True, "source": "UKR", "date": "2024-13-01",
      "date_precision": "day"}, "date"),
])
def test_event_checker_reports_broken_fields(ev, problem):
    assert any(problem in p for p in _event_problems("x", ev))


def test_codes_exist_in_the_codebook(shared_dir):
    path = shared_dir / "reference" / "cameo" / "cameo_codes.json"
    if not path.is_file():
        pytest.skip("the CAMEO codebook is not in ../shared")
    book = json.loads(path.read_text(encoding="utf-8"))
    missing = sorted({e["cameo"] for _, e in ALL_EVENTS} - set(book))
    assert not missing
    # the 4-digit codes sit under the 3-digit code they refine
    for _, e in ALL_EVENTS:
        assert book[e["cameo"]].get("parent", e["root"])[:2] == e["root"]


def test_published_dates_and_texts():
    for r in SENTENCES:
        assert date.fromisoformat(r["published"]).year >= 2023
        assert r["text"].strip() == r["text"] and len(r["text"]) > 40


@pytest.mark.parametrize("rec", PAGES, ids=[p["id"] for p in PAGES])
def test_pages_shape_and_gold_in_scope(rec):
    text = (BLIND / rec["file"]).read_text(encoding="utf-8")
    paras = bs.paragraphs(text)
    assert len(paras[0]) < 100 and not paras[0].endswith(".")  # a headline
    assert re.match(r"[A-Z][A-Z /.'-]+, [A-Z][a-z]+\.? \d{1,2} \(Wire\) - ", paras[1])  # dateline
    assert 4 <= len(paras) - 1 <= 8
    scope = bs.page_scope(text, rec["scope_paragraphs"])
    assert rec["events"]
    for e in rec["events"]:
        assert e["sentence"] in text
        assert neg.in_scope(e["sentence"], scope)


def test_page_count():
    assert 10 <= len(PAGES) <= 12


# --------------------------------------------------------------------------- scorer
def g(doc, src, tgt, cameo, factual=True):
    return Ev(doc=doc, source=src, target=tgt, cameo=cameo, factual=factual)


def _score(gold, system, sents=("a", "b", "empty"), pages=("p",)):
    sg = [x for x in gold if x.doc not in pages]
    pg = [x for x in gold if x.doc in pages]
    return bs.score_all(sg, pg, system, list(sents), list(pages), neg)


GOLD = [g("a", "PAKMIL", "IRN", "195"), g("a", "CHNGOV", None, "0256"),
        g("b", "USAGOV", "CHNBUS", "163", factual=False), g("p", "IRNGOV", "ISRGOV", "138")]


def test_perfect_predictions_score_one():
    rep = _score(GOLD, list(GOLD))
    for part in ("overall", "sentences", "pages"):
        assert rep["main"][part]["f1"] == 1.0
    assert rep["main"]["matched"]["cameo_exact"]["accuracy"] == 1.0
    assert rep["non_factual"]["leaked_as_factual"] == 0
    assert rep["non_factual"]["matched_and_marked_non_factual"] == 1


def test_real_gold_as_predictions_scores_one():
    sg, pg = bs.gold_events(SENTENCES, neg), bs.gold_events(PAGES, neg)
    rep = bs.score_all(sg, pg, sg + pg, [r["id"] for r in SENTENCES], [r["id"] for r in PAGES], neg)
    assert rep["main"]["overall"]["f1"] == 1.0 and rep["non_factual"]["leaked_as_factual"] == 0
    assert all(v["f1"] == 1.0 for v in rep["main"]["per_root"].values())


def test_empty_prediction_has_recall_zero():
    rep = _score(GOLD, [])
    assert rep["main"]["overall"]["recall"] == 0.0 and rep["main"]["overall"]["gold"] == 3


@pytest.mark.parametrize("sys_ev,hit", [
    # roles and sub-codes are not part of the key
    (g("a", "PAK", "IRNGOV", "190"), True),
    # a wrong target country is a miss (and a false positive)
    (g("a", "PAKMIL", "AFG", "195"), False),
    # another root is a miss
    (g("a", "PAKMIL", "IRN", "183"), False),
    # null-target gold matches a null-target prediction ...
    (g("a", "CHNGOV", None, "020"), True),
    # ... and not a prediction with a target
    (g("a", "CHNGOV", "PAK", "0256"), False),
])
def test_key_matching(sys_ev, hit):
    rep = _score(GOLD, [sys_ev])
    assert rep["main"]["overall"]["tp"] == int(hit)
    assert rep["main"]["overall"]["system"] == 1


def test_non_factual_gold_leaks_and_counts_as_false_positive():
    leaked = _score(GOLD, [g("b", "USAGOV", "CHN", "163", factual=True)])
    assert leaked["non_factual"]["leaked_as_factual"] == 1
    assert leaked["non_factual"]["non_factual_only_sentences_with_factual_output"] == 1
    assert leaked["main"]["overall"]["tp"] == 0 and leaked["main"]["overall"]["system"] == 1
    kept = _score(GOLD, [g("b", "USAGOV", "CHN", "163", factual=False)])
    assert kept["non_factual"]["matched_and_marked_non_factual"] == 1
    assert kept["main"]["overall"]["system"] == 0  # non-factual output is not in the main key


def test_factual_output_on_a_no_event_sentence():
    rep = _score(GOLD, [g("empty", "RUSGOV", None, "010"), g("empty", "RUSGOV", "UKR", "190")])
    nf = rep["non_factual"]
    assert nf["no_event_sentences"] == 1
    assert nf["no_event_sentences_with_factual_output"] == 1
    assert nf["factual_events_on_no_event_sentences"] == 2


def test_per_root_figures():
    rep = _score(GOLD, [g("a", "PAKMIL", "IRN", "190"), g("a", "PAKMIL", "IRN", "111")])
    roots = rep["main"]["per_root"]
    assert roots["19"]["f1"] == 1.0 and roots["11"]["precision"] == 0.0
    assert roots["02"]["recall"] == 0.0


def test_gold_actor_codes_join_country_and_agent():
    (ev,) = bs.gold_events([{"id": "x", "text": "t", "events": [
        {"source": "IGO", "source_agent": "UNO", "target": "SDN", "target_agent": None,
         "cameo": "0256", "root": "02", "factual": True}]}], neg)
    assert (ev.source, ev.target, ev.key) == ("IGOUNO", "SDN", ("IGO", "SDN", "02"))


def test_page_scope_is_headline_plus_paragraphs():
    text = "Head line\n\nCITY, May 1 (Wire) - One.\n\nTwo.\n\nThree."
    assert bs.page_scope(text, 2) == "Head line\nCITY, May 1 (Wire) - One.\nTwo."


class _FakePipeline:
    """Stands in for dyadwatch's Pipeline: one canned event per document, no NLP."""

    settings = SimpleNamespace(max_bytes=10_000_000)

    def __init__(self, sentence_of):
        self.sentence_of = sentence_of
        self.seen = []

    def process(self, document):
        self.seen.append(document.doc_id)
        ev = SimpleNamespace(source=SimpleNamespace(code="USAGOV"), target=None, cameo="010",
                             date=None, date_precision=None, location=None, factual=True,
                             sentence=self.sentence_of(document))
        return SimpleNamespace(events=[ev])


def test_code_documents_keeps_page_events_in_scope_only():
    page = PAGES[0]
    text = (BLIND / page["file"]).read_text(encoding="utf-8")
    last = bs.paragraphs(text)[-1]  # outside the scope
    first = bs.paragraphs(text)[1]

    def sentence_of(document):
        return last if document.doc_id == page["id"] else document.body

    fake = _FakePipeline(sentence_of)
    system, errors, outside = bs.code_documents(fake, SENTENCES[:2], [page], neg)
    assert errors == [] and outside == 1
    assert [s.doc for s in system] == [SENTENCES[0]["id"], SENTENCES[1]["id"]]
    fake2 = _FakePipeline(lambda d: first if d.doc_id == page["id"] else d.body)
    system2, _, outside2 = bs.code_documents(fake2, [], [page], neg)
    assert outside2 == 0 and [s.doc for s in system2] == [page["id"]]


def test_record_run_marks_only_the_first_as_blind(tmp_path):
    rep = _score(GOLD, list(GOLD))
    rep.update(taken_at="2026-12-07 20:00 UTC", git={"commit": "abc", "dirty": False},
               errors=[])
    runs = tmp_path / "runs.jsonl"
    assert bs.record_run(rep, runs) is True
    assert bs.record_run(rep, runs) is False
    lines = [json.loads(x) for x in runs.read_text().splitlines()]
    assert [x["blind"] for x in lines] == [True, False]
    assert lines[0]["git"]["commit"] == "abc" and lines[0]["overall"]["f1"] == 1.0


def test_skips_cleanly_without_the_matching_code(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bs, "NEG_SCRIPT", tmp_path / "absent.py")
    monkeypatch.delitem(sys.modules, "news_events_gold_bench", raising=False)
    monkeypatch.setattr(bs.load_matcher, "__defaults__", (tmp_path / "absent.py",))
    assert bs.main([]) == 0
    assert "skipped" in capsys.readouterr().out


def test_skips_cleanly_without_the_pipeline(monkeypatch, capsys, tmp_path):
    def no_pipeline():
        raise bs.Skip("the spaCy model is absent")

    monkeypatch.setattr(bs, "build_pipeline", no_pipeline)
    monkeypatch.setattr(bs, "RUNS", tmp_path / "runs.jsonl")
    assert bs.main(["--run"]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "runs.jsonl").exists()


def test_gold_as_predictions_plumbing(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(bs, "RUNS", tmp_path / "runs.jsonl")
    out = tmp_path / "fig.json"
    assert bs.main(["--gold-as-predictions", "--json", str(out)]) == 0
    rep = json.loads(out.read_text())
    assert rep["system"] == "gold as predictions"
    assert rep["main"]["overall"]["f1"] == 1.0 and rep["main"]["pages"]["f1"] == 1.0
    assert "1.000" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # a plumbing check is never recorded as a run
        bs.main(["--gold-as-predictions", "--run"])
    assert not (tmp_path / "runs.jsonl").exists()
