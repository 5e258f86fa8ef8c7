"""'Why no event' (extract --explain's no_event list): sentences naming two or more actors
that gave no factual event, with the actors, the predicates found and one reason."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dyadwatch.cli import cli
from dyadwatch.ingest import document_from_text
from dyadwatch.model import NO_EVENT_REASONS


def _why(pipeline, text: str) -> dict[int, object]:
    res = pipeline.process(document_from_text(text))
    return {n.sentence: n for n in res.no_event}


def test_no_pattern(pipeline) -> None:
    (n,) = _why(pipeline, "Norway and Denmark sang old songs.").values()
    assert n.reason == "no pattern" and any("sing" in p for p in n.predicates)
    assert any(a.startswith("NOR") for a in n.actors) and any(a.startswith("DNK") for a in n.actors)


def test_not_factual(pipeline) -> None:
    (n,) = _why(pipeline, "Peru may attack Chile.").values()
    assert n.reason == "not factual" and "hypothetical" in n.predicates[0]


def test_discarded(pipeline) -> None:
    (n,) = _why(pipeline, "Pakistan beat India by five wickets in Lahore.").values()
    assert n.reason == "discarded"


def test_a_coded_sentence_and_a_one_actor_sentence_are_not_listed(pipeline) -> None:
    assert _why(pipeline, "Peru condemned Chile. Peru slept.") == {}


def test_reasons_are_the_documented_ones(pipeline) -> None:
    text = ("Norway and Denmark sang old songs. Peru may attack Chile. "
            "Pakistan beat India by five wickets in Lahore.")
    assert {n.reason for n in _why(pipeline, text).values()} <= set(NO_EVENT_REASONS)


def test_cli_explain_lists_no_event(tmp_path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Peru may attack Chile. Peru condemned Chile.\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["extract", str(f), "--explain"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [n["reason"] for n in data["no_event"]] == ["not factual"]
    plain = json.loads(CliRunner().invoke(cli, ["extract", str(f)]).output)
    assert "no_event" not in plain
