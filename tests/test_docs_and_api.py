"""The documentation matches the code, and the public API is pinned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import dyadwatch
from dyadwatch.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_public_api_is_pinned():
    assert sorted(dyadwatch.__all__) == [
        "Actor", "ConfigError", "DateError", "Document", "Dyad", "DyadwatchError",
        "EncodingError", "Event", "EventQuery", "ExtractionError", "InputError", "InputTooLarge",
        "Location", "Modality", "Pipeline", "QueryError", "Rejection", "Result", "Sentence",
        "Store", "StoreBusy", "StoreError", "extract", "run",
    ]
    for name in dyadwatch.__all__:
        assert getattr(dyadwatch, name) is not None


def test_importing_dyadwatch_does_not_load_spacy():
    code = "import sys, dyadwatch; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_example_and_is_documented(name):
    res = CliRunner().invoke(cli, [name, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.output, f"{name} --help has no Example block"
    assert f"## dyadwatch {name}" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_cli_reference_is_current():
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_cli_docs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("doc", ["data-model.md", "architecture.md"])
def test_design_docs_exist(doc):
    assert len((ROOT / "docs" / doc).read_text(encoding="utf-8")) > 1000


def test_data_model_doc_names_every_json_key():
    from datetime import date

    from dyadwatch.model import Actor, Document, Event

    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    doc = Document("d", "body", published=date(2024, 1, 1))
    ev = Event("e", "d", 0, "s", Actor("IRNGOV", "IRN", "GOV"), None, "010", "01", 1, 0.0)
    for key in list(doc.to_dict()) + list(ev.to_dict()):
        assert f"`{key}`" in text, f"docs/data-model.md does not describe {key!r}"
