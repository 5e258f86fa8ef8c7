"""The CLI verbs, run in-process with click's CliRunner (the model loads once per session)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch import jobs
from dyadwatch.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DUMP = FIXTURES / "border-flareup.txt"

DOC_KEYS = ["doc_id", "url", "outlet", "title", "authors", "published", "published_from",
            "language", "body", "content_hash"]
EVENT_KEYS = ["event_id", "doc_id", "sentence_index", "sentence", "source", "target", "cameo",
              "root", "quad_class", "goldstein", "plover", "date", "date_precision", "location",
              "modality", "factual", "confidence", "published"]


@pytest.fixture(autouse=True)
def _shared_pipeline(pipeline, monkeypatch):
    """CLI jobs reuse the session pipeline instead of loading spaCy again."""
    monkeypatch.setitem(jobs._DEFAULT, "p", pipeline)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_extract_prints_the_contract_shape():
    res = invoke("extract", str(DUMP))
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert list(data) == ["document", "events"]
    for k in DOC_KEYS:
        assert k in data["document"]
    assert data["document"]["published"] == "2019-03-02"
    assert data["document"]["authors"] == ["Anil Verma"]
    assert "Please enter" not in data["document"]["body"]
    assert data["events"], "the fixture states several events"
    for ev in data["events"]:
        for k in EVENT_KEYS:
            assert k in ev
        assert ev["factual"] is True  # without --all only facts come out
        assert set(ev["source"]) >= {"code", "country", "role", "name"}
        assert set(ev["plover"]) == {"type", "mode"}


def test_extract_all_adds_nonfactual_and_explain_adds_evidence():
    facts = json.loads(invoke("extract", str(DUMP)).output)["events"]
    everything = json.loads(invoke("extract", str(DUMP), "--all", "--explain").output)["events"]
    assert len(everything) > len(facts)
    assert any(not e["factual"] and e["modality"] == "negated" for e in everything)
    assert all("pattern" in e["evidence"] and "trigger" in e["evidence"] for e in everything)


def test_extract_jsonl_batch_keeps_order_and_reports_bad_lines(tmp_path):
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a", "text": "Pakistan recalled its ambassador from Tehran on Wednesday.",
         "published": "2024-01-19"},
        "this line is not json",
        {"id": "c", "text": "India condemned the attack.", "published": "2019-02-15"},
        {"id": "d"},
    ]
    batch.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                     encoding="utf-8")
    res = invoke("extract", str(batch))
    assert res.exit_code == 1  # a line could not be coded (docs/reliability.md)
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c", "d"]
    assert out[1]["line"] == 2 and f"{batch}:2" in out[1]["error"]
    assert "text" in out[3]["error"]
    assert out[0]["document"]["published"] == "2024-01-19"
    assert any(e["root"] == "16" for e in out[0]["events"])


def test_run_is_idempotent_and_reports_bad_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(DUMP.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.duckdb"
    res = invoke("run", str(folder), "--db", str(db), "--quiet")
    assert res.exit_code == 1  # an input was rejected (docs/reliability.md)
    assert "empty.txt" in res.stderr and "error:" in res.stderr
    assert "1 new documents" in res.stdout
    from dyadwatch.store import Store

    with Store(db, read_only=True) as s:
        first = s.counts()
    assert first["events"] > 0
    res2 = invoke("run", str(folder), "--db", str(db), "--quiet")
    assert "0 new documents" in res2.stdout
    with Store(db, read_only=True) as s:
        second = s.counts()
    assert {k: v for k, v in second.items() if k != "rejections"} == \
        {k: v for k, v in first.items() if k != "rejections"}


def test_events_formats(tmp_path):
    db = tmp_path / "s.duckdb"
    invoke("run", str(DUMP), "--db", str(db), "--quiet")
    table = invoke("events", "--db", str(db)).output
    assert "source" in table and "PAK" in table
    csv_text = invoke("events", "--db", str(db), "--format", "csv", "--dyad", "IND-PAK").output
    assert csv_text.splitlines()[0].startswith("event_id,date")
    assert len(csv_text.splitlines()) > 1
    out = tmp_path / "e.parquet"
    res = invoke("events", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert res.exit_code == 0 and out.stat().st_size > 0
    bad = CliRunner().invoke(cli, ["events", "--db", str(db), "--since", "last year"])
    assert bad.exit_code != 0 and "2024-01-16" in bad.output


def test_events_without_store_is_a_clean_error(tmp_path):
    res = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1 and "no store" in res.output and "Traceback" not in res.output


def test_status(tmp_path):
    db = tmp_path / "s.duckdb"
    invoke("run", str(DUMP), str(tmp_path / "missing.txt"), "--db", str(db), "--quiet")
    res = invoke("status", "--db", str(db))
    assert "1 documents" in res.output and "missing.txt" in res.output


def test_demo_summarises_dyads(tmp_path):
    res = invoke("demo", "--db", str(tmp_path / "demo.duckdb"))
    assert res.exit_code == 0, res.output
    assert "== IRN-PAK" in res.output
    assert "== IND-PAK" in res.output
    assert "(1 copies of stored ones)" in res.output  # the syndicated repost
    # the Panjgur strike: one event, reported by the analysis, its repost and the reports
    assert any("195 " in line and "IRNMIL" in line and re.search(r" x([4-9]|\d\d) ", line)
               for line in res.output.splitlines()), res.output
    # it ends with the crisis report of the busiest dyad, written beside the store
    report = tmp_path / "demo-report-IRN-PAK.html"
    assert "Crisis report of IRN-PAK" in res.output and str(report) in res.output
    assert report.is_file() and report.stat().st_size > 1_000_000


def test_run_counts_a_repost_as_a_second_source_of_each_event(tmp_path):
    """The same article saved twice (another outlet's copy): both are stored and coded, linked
    as copies, and every event has both as sources; a re-run adds nothing."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = DUMP.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("Home News", "Home World"), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = invoke("run", str(folder), "--db", str(db), "--quiet")
    assert "2 new documents (1 copies of stored ones)" in res.stdout
    from dyadwatch.store import Store

    with Store(db, read_only=True) as s:
        (a_id,) = [d for d in s.documents().column("doc_id").to_pylist()
                   if s.document(d).source_path.endswith("a.txt")]
        kinds = sorted(r["kind"] for r in s.document_sources(a_id))
        assert kinds == ["exact-duplicate", "original"]
        events = s.events(factual=None)
        assert events and all(len(e.sources) == 2 for e in events)
    again = invoke("run", str(folder), "--db", str(db), "--quiet")
    assert "0 new documents (0 copies of stored ones), 2 already stored" in again.stdout


def test_user_pattern_file_extends_the_coder(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("India snubbed Pakistan on Monday.\n", encoding="utf-8")
    before = json.loads(invoke("extract", str(art), "--published", "2019-03-06").output)
    assert not any(e["cameo"] == "120" for e in before["events"])
    pats = tmp_path / "mine.json"
    pats.write_text(json.dumps({"patterns": [
        {"id": "user.snub", "pos": "verb", "lemmas": ["snub"], "code": "120"}]}), encoding="utf-8")
    after = json.loads(invoke("extract", str(art), "--published", "2019-03-06",
                              "--patterns", str(pats), "--explain").output)
    (ev,) = [e for e in after["events"] if e["cameo"] == "120"]
    assert ev["source"]["country"] == "IND" and ev["target"]["country"] == "PAK"
    assert ev["evidence"]["pattern"] == "user.snub" and ev["date"] == "2019-03-04"


def test_user_discard_list_and_petrarch_verbs(tmp_path):
    """--discards (PETRARCH format) silences a sentence and --explain says why;
    --patterns takes a PETRARCH verb dictionary (.txt) as written."""
    disc = tmp_path / "mine.discards.txt"
    disc.write_text("# sentence level\nLINE OF CONTROL\n", encoding="utf-8")
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("--- SNUB [120] ---\nSNUB\n- * + OVER TALKS [1212]\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("India snubbed Pakistan over talks on Monday.\n\nThe next day Pakistani "
                   "jets struck targets across the Line of Control.\n", encoding="utf-8")
    out = json.loads(invoke("extract", str(art), "--discards", str(disc), "--patterns",
                            str(verbs), "--explain", "--all").output)
    assert [d["phrase"] for d in out["discarded"]] == ["line of control"]
    assert not any("Line of Control" in e["sentence"] for e in out["events"])
    (snub,) = [e for e in out["events"] if e["cameo"] == "1212"]
    assert (snub["source"]["country"], snub["target"]["country"]) == ("IND", "PAK")
    assert snub["evidence"]["pattern_file"].endswith("mine.verbs.txt")


def test_patterns_command_reports_what_a_dictionary_adds_and_skips(tmp_path):
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("--- SNUB [120] ---\nSNUB\n- * + OVER TALKS [903]\n"
                     "- * &NOSUCH TALKS [120]\n- * TIES * [120]\n", encoding="utf-8")
    res = invoke("patterns", str(verbs))
    assert res.exit_code == 0, res.output
    assert "3 patterns" not in res.output and "2 patterns" in res.output
    assert "1 codes outside CAMEO (903)" in res.output and "2 lines skipped" in res.output
    assert "mine.verbs.txt:4: unknown synset &NOSUCH" in res.output
    assert "mine.verbs.txt:5: pattern needs exactly one '*'" in res.output


def test_bad_user_pattern_file_is_a_clean_error(tmp_path):
    pats = tmp_path / "bad.json"
    pats.write_text(json.dumps({"patterns": [{"id": "x", "pos": "verb", "lemmas": ["snub"],
                                              "code": "999"}]}), encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(DUMP), "--patterns", str(pats)])
    assert res.exit_code == 1 and "bad.json" in res.output and "Traceback" not in res.output


def test_a_crash_in_one_document_does_not_stop_the_run(tmp_path, pipeline, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DUMP.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text("Iran condemned the attack on Monday.\n", encoding="utf-8")
    real = pipeline.coder.code

    def flaky(doc, mentions, document, *rest):
        if "condemned the attack" in document.body:
            raise IndexError("boom")
        return real(doc, mentions, document, *rest)

    monkeypatch.setattr(pipeline.coder, "code", flaky)
    res = invoke("run", str(folder), "--db", str(tmp_path / "s.duckdb"), "--quiet",
                 "--workers", "1")
    assert res.exit_code == 1  # b.txt was rejected: the run went on, and says so
    assert "b.txt" in res.stderr and "internal error IndexError" in res.stderr
    assert "1 new documents" in res.stdout


def test_reconsolidate_finds_nothing_to_change_after_a_run(tmp_path):
    db = tmp_path / "s.duckdb"
    invoke("run", str(DUMP), "--db", str(db), "--quiet")
    res = invoke("reconsolidate", "--db", str(db))
    assert res.exit_code == 0 and "0 differed" in res.output


def test_events_rejects_a_dyad_that_is_not_two_codes(tmp_path):
    db = tmp_path / "s.duckdb"
    invoke("run", str(DUMP), "--db", str(db), "--quiet")
    res = CliRunner().invoke(cli, ["events", "--db", str(db), "--dyad", "IRAN-PAK"])
    assert res.exit_code == 2 and "IRN-PAK" in res.output and "Traceback" not in res.output
