"""The Python API takes text and paths by explicit arguments and raises its typed errors;
progress shows totals, and plain lines (no carriage return) off a terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import dyadwatch
from dyadwatch.cli import cli
from dyadwatch.errors import DateError, EncodingError, InputError, InputTooLarge
from dyadwatch.pipeline import positional_kind

from reliability_inputs import article

TEXT = "Iran summoned the Pakistani ambassador in Tehran over the strike on Tuesday."


def test_text_and_path_by_explicit_arguments(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(article(2), encoding="utf-8")
    by_text = dyadwatch.extract(text=TEXT, published="2024-01-17")
    assert by_text.events and by_text.document.published == date(2024, 1, 17)
    by_path = dyadwatch.extract(path=f)
    assert by_path.document.source_path == str(f)
    assert dyadwatch.extract(f).document.doc_id == by_path.document.doc_id  # a Path positional
    assert dyadwatch.extract(str(f)).document.doc_id == by_path.document.doc_id
    assert dyadwatch.extract(TEXT).events  # a positional sentence is text
    html = dyadwatch.extract(html=f"<html><body><article><p>{TEXT}</p></article></body></html>")
    assert html.events


@pytest.mark.parametrize("value, kind", [
    ("artcle.txt", "missing"),  # looks like a file name, names none: never coded as text
    ("reports/2024 jan.html", "missing"),  # a space, but it ends like a file name
    ("Pakistan", "missing"),  # one word: pass text= to code it
    (TEXT, "text"),
    ("Talks went on.\nThey ended.", "text"),
    ("<p>Iran</p>", "html"),
    (Path("artcle.txt"), "path"),  # a Path is always a path (and then fails as missing)
])
def test_how_a_positional_value_is_read(value, kind):
    assert positional_kind(value) == kind


def test_a_mistyped_path_raises_instead_of_being_coded():
    with pytest.raises(InputError, match="artcle.txt: no such file; to code this string"):
        dyadwatch.extract("artcle.txt")
    with pytest.raises(InputError, match="artcle.txt: no such file"):
        dyadwatch.extract(path="artcle.txt")
    with pytest.raises(InputError, match="no such file"):
        dyadwatch.extract(Path("artcle.txt"))


def test_a_folder_is_a_path_and_an_error(tmp_path):
    assert positional_kind(str(tmp_path)) == "path"
    with pytest.raises(InputError, match="is a folder; extract codes one file"):
        dyadwatch.extract(str(tmp_path))


def test_exactly_one_input():
    with pytest.raises(TypeError, match="exactly one"):
        dyadwatch.extract(text=TEXT, path="a.txt")
    with pytest.raises(TypeError, match="exactly one"):
        dyadwatch.extract()


@pytest.mark.parametrize("bad", ["2024-13-45", "yesterday", 20240117])
def test_an_invalid_published_raises_date_error(bad):
    with pytest.raises(DateError, match="published: .* is not a date"):
        dyadwatch.extract(text=TEXT, published=bad)


def test_input_too_large_names_the_file(tmp_path, with_settings):
    small = with_settings(max_bytes=200)
    f = tmp_path / "big.txt"
    f.write_text(article(1) * 3, encoding="utf-8")
    with pytest.raises(InputTooLarge, match=r"big\.txt: file is"):
        dyadwatch.extract(path=f, pipeline=small)
    with pytest.raises(InputTooLarge, match="<text>"):
        dyadwatch.extract(text=article(1) * 3, pipeline=small)


def test_encoding_error_in_strict_mode_and_a_notice_otherwise(tmp_path):
    f = tmp_path / "ru.txt"
    f.write_bytes(("Министр заявил, что граница закрыта. " * 4).encode("cp1251"))
    with pytest.raises(EncodingError, match=r"ru\.txt: not valid UTF-8 \(first invalid byte "
                                            r"at offset 0\)"):
        dyadwatch.extract(path=f, strict_encoding=True)
    res = dyadwatch.extract(path=f)
    assert [n.kind for n in res.notices] == ["encoding"]
    with pytest.raises(EncodingError):
        dyadwatch.extract(html=b"<p>caf\xe9 au lait, du th\xe9</p>", strict_encoding=True)


def test_progress_off_a_terminal_is_plain_lines_with_totals(tmp_path, articles):
    res = CliRunner().invoke(cli, ["run", str(articles), "--db", str(tmp_path / "s.duckdb"),
                                   "--progress-every", "0.1"], catch_exceptions=False)
    assert res.exit_code == 0
    lines = [x for x in res.stderr.splitlines() if x.startswith("progress:")]
    assert lines and all("/3 files" in x for x in lines)
    assert "\r" not in res.stderr
    assert "s wall time" in res.stdout


def test_progress_counts_each_file_once_and_shows_chunks(tmp_path, capsys):
    from dyadwatch.cli import _Progress

    files = [tmp_path / "a.jsonl", tmp_path / "b.txt"]
    p = _Progress(files, every=0.0)
    for where in (f"{files[0]}:1", f"{files[0]}:2", str(files[1])):
        p.item(where)
    p.chunk(str(files[1]), 2, 5)
    p.close()
    err = capsys.readouterr().err
    assert "2/2 files, 3 inputs read" in err and "chunk 2/5 of b.txt" in err
    assert "\r" not in err


def test_progress_on_a_terminal_is_a_bar_with_the_file_total(tmp_path, monkeypatch):
    import io

    from dyadwatch.cli import _Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Tty()
    monkeypatch.setattr("sys.stderr", err)
    files = [tmp_path / f"{n}.txt" for n in range(4)]
    p = _Progress(files, every=10.0)
    p.item(str(files[0]))
    p.chunk(str(files[0]), 3, 9)
    p.close()
    out = err.getvalue()
    assert "1/4" in out and "chunk 3/9 of 0.txt" in out and "\r" in out
    assert "progress:" not in out
