"""Bad arguments to a Spark run are refused before any Spark session starts (no Java needed)."""

from __future__ import annotations

import pytest

from dyadwatch.errors import ConfigError, InputError
from dyadwatch.spark import input_files, spark_run


def test_missing_input_is_named(tmp_path):
    with pytest.raises(InputError, match="nowhere.jsonl: no such file"):
        spark_run([tmp_path / "nowhere.jsonl"], tmp_path / "out")


def test_empty_folder_has_no_input_files(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError, match="no input files"):
        spark_run([tmp_path / "in"], tmp_path / "out")


def test_non_empty_output_needs_overwrite(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_text("x")
    (tmp_path / "a.txt").write_text("Iran recalled its envoy.")
    with pytest.raises(ConfigError, match="not empty.*--overwrite"):
        spark_run([tmp_path / "a.txt"], tmp_path / "out")


def test_files_are_listed_in_reading_order_hidden_ones_skipped(tmp_path):
    folder = tmp_path / "in"
    (folder / "b").mkdir(parents=True)
    for name in ("z.txt", "a.txt", ".hidden.txt", "b/c.jsonl"):
        (folder / name).write_text("text")
    single = tmp_path / "one.txt"
    single.write_text("text")
    assert [(n, p.replace(str(tmp_path), ""), f) for n, p, f in input_files([folder, single])] == [
        (0, "/in/a.txt", True), (1, "/in/z.txt", True), (2, "/in/b/c.jsonl", True),
        (3, "/one.txt", False)]
