"""Bad input is always reported (stderr, the store) and counted; exit codes say so."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.store import Store

from reliability_inputs import article

CYRILLIC = ("Министр иностранных дел заявил, что граница останется закрытой. " * 4)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _latin1_file(folder: Path) -> Path:
    f = folder / "latin.txt"
    f.write_bytes(("Border report\n\n" + article(7)).replace("Border", "Frontière")
                  .encode("latin-1", "replace"))
    return f


def test_a_guessed_charset_is_a_warning_naming_the_file_and_offset(tmp_path, articles):
    _latin1_file(articles)
    db = tmp_path / "s.duckdb"
    res = invoke("run", str(articles), "--db", str(db), "--quiet")
    assert res.exit_code == 0, res.stderr  # a warning is not a failure ...
    line = next(x for x in res.stderr.splitlines() if x.startswith("warning:"))
    assert "latin.txt" in line and "first invalid byte at offset 6" in line
    assert "1 with warnings" in res.stdout
    with Store(db, read_only=True) as s:
        (n,) = s.notices()
        assert n["location"].endswith("latin.txt") and n["kind"] == "encoding"
        assert s.counts()["documents"] == 4
    st = invoke("status", "--db", str(db))
    assert "warning" in st.stdout and "latin.txt [encoding]" in st.stdout


def test_strict_rejects_a_guessed_charset_and_exits_1(tmp_path, articles):
    _latin1_file(articles)
    db = tmp_path / "s.duckdb"
    res = invoke("run", str(articles), "--db", str(db), "--quiet", "--strict")
    assert res.exit_code == 1
    assert "error:" in res.stderr and "latin.txt" in res.stderr
    assert "strict decoding takes no fallback" in res.stderr
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 3
        assert s.counts()["rejections"] == 1


def test_a_cyrillic_text_is_not_silently_stored_as_cp1251(tmp_path):
    f = tmp_path / "ru.txt"
    f.write_bytes(CYRILLIC.encode("cp1251"))
    res = invoke("run", str(f), "--db", str(tmp_path / "s.duckdb"), "--quiet")
    assert "warning:" in res.stderr and "ru.txt" in res.stderr
    assert "offset 0" in res.stderr and "a guess" in res.stderr


def _warc_gz(path: Path, pages: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i in range(pages):
        body = ("<html><head><title>Report %d</title></head><body><article>" % i + "".join(
            f"<p>{article(i * 100 + k)}</p>" for k in range(6)) + "</article></body></html>")
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                              protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://news.example/{i}", "response",
                                            payload=io.BytesIO(body.encode()), http_headers=hh))
    return buf.getvalue()


def test_a_truncated_warc_gz_reports_the_cut_record_and_stores_the_rest(tmp_path):
    whole = _warc_gz(tmp_path, 3)
    # where the third record's gzip member starts (records are gzip members)
    third = [i for i in range(len(whole)) if whole.startswith(b"\x1f\x8b\x08", i)][2]
    cut = tmp_path / "crawl.warc.gz"
    cut.write_bytes(whole[:third + (len(whole) - third) // 2])
    db = tmp_path / "s.duckdb"
    res = invoke("run", str(cut), "--db", str(db), "--quiet")
    assert res.exit_code == 1
    assert f"crawl.warc.gz#3: WARC record at byte offset {third} is cut short" in res.stderr
    assert "1 rejected" in res.stdout
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 2
        urls = set(s.documents().column("url").to_pylist())
        assert urls == {"http://news.example/0", "http://news.example/1"}


def test_a_truncated_jsonl_gz_keeps_the_lines_before_and_reports_the_cut(tmp_path):
    lines = [json.dumps({"id": f"a{n}", "text": article(n)}) for n in range(40)]
    raw = gzip.compress(("\n".join(lines) + "\n").encode())
    f = tmp_path / "batch.jsonl.gz"
    f.write_bytes(raw[: len(raw) * 2 // 3])
    res = invoke("run", str(f), "--db", str(tmp_path / "s.duckdb"), "--quiet")
    assert res.exit_code == 1
    assert "batch.jsonl.gz: gzip file is cut short or corrupt after" in res.stderr


def test_every_input_rejected_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    res = invoke("run", str(tmp_path / "empty.txt"), str(tmp_path / "blank.txt"),
                 str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.duckdb"), "--quiet")
    assert res.exit_code == 1
    assert "3 rejected" in res.stdout


def test_a_clean_run_exits_0_and_reports_wall_time(tmp_path, articles):
    res = invoke("run", str(articles), "--db", str(tmp_path / "s.duckdb"), "--quiet")
    assert res.exit_code == 0
    assert "0 rejected" in res.stdout and "s wall time" in res.stdout


def test_strict_without_warnings_exits_0(tmp_path, articles):
    res = invoke("run", str(articles), "--db", str(tmp_path / "s.duckdb"), "--quiet",
                 "--strict")
    assert res.exit_code == 0


def test_an_invalid_dyad_or_date_is_a_usage_error(tmp_path, articles):
    db = tmp_path / "s.duckdb"
    invoke("run", str(articles), "--db", str(db), "--quiet")
    for args, says in ((["--dyad", "IRAN-PAK"], "IRAN"), (["--since", "2024-13-01"], "2024-13-01"),
                       (["--dyad", "IRN"], "IRN")):
        res = invoke("events", "--db", str(db), *args)
        assert res.exit_code == 2, (args, res.output)
        assert "Usage:" in res.stderr and says in res.stderr
        assert res.stdout == ""  # no empty table
    res = invoke("series", "--db", str(db), "--dyad", "IRAN-PAK")
    assert res.exit_code == 2


def test_extract_exit_codes(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(article(1), encoding="utf-8")
    assert invoke("extract", str(good)).exit_code == 0
    bad = tmp_path / "b.txt"
    bad.write_bytes(CYRILLIC.encode("cp1251"))
    warned = invoke("extract", str(bad))
    assert warned.exit_code == 0 and "warning: " in warned.stderr
    strict = invoke("extract", str(bad), "--strict")
    assert strict.exit_code == 1 and "b.txt" in strict.stderr
    assert invoke("extract", str(tmp_path / "nope.txt")).exit_code == 2
