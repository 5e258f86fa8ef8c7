"""The `dyadwatch watch` verb: options, errors as one clean line, one poll with --once."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from watch_server import FeedItem

from dyadwatch.cli import cli


@pytest.fixture
def shared_pipeline(pipeline, monkeypatch):
    from dyadwatch import jobs

    monkeypatch.setitem(jobs._DEFAULT, "p", pipeline)  # no second spaCy load in this process


@pytest.mark.parametrize("value", ["5x", "0", "-1m", "m"])
def test_a_bad_interval_is_a_usage_error(value):
    res = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:1/feed.xml", "--interval", value])
    assert res.exit_code == 2 and "is not an interval like 30s, 15m, 1h" in res.output


def test_a_missing_source_file_is_named(tmp_path, shared_pipeline):
    res = CliRunner().invoke(cli, ["watch", str(tmp_path / "urls.txt"), "--once",
                                   "--db", str(tmp_path / "w.duckdb")])
    assert res.exit_code == 1
    assert f"{tmp_path / 'urls.txt'}: not an http(s) feed URL" in res.output
    assert "Traceback" not in res.output


def test_a_bad_rules_file_is_named(tmp_path, shared_pipeline):
    rules = tmp_path / "alerts.toml"
    rules.write_text("[[rule]]\nname='x'\nkind='new_episode'\ndyad='IRN'\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:1/feed.xml", "--once",
                                   "--alerts", str(rules), "--db", str(tmp_path / "w.duckdb")])
    assert res.exit_code == 1 and f"{rules}: rule 1 (x):" in res.output


def test_once_polls_codes_stores_and_alerts(site, tmp_path, shared_pipeline):
    from datetime import datetime, timezone

    today = datetime.now(timezone.utc).date().isoformat()
    site.items = [FeedItem("taftan-clash.html", "Border clash", today)]
    rules = tmp_path / "alerts.toml"
    rules.write_text("[[rule]]\nname='force'\nkind='root_between'\ncountries=['IRN','PAK']\n"
                     "roots=['19']\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = CliRunner().invoke(cli, ["watch", site.url("feed.xml"), "--once", "--db", str(db),
                                   "--alerts", str(rules), "--interval", "30s"])
    assert res.exit_code == 0, res.output
    assert "cycle 1: 1 sources (0 unchanged), 1 new items: 1 stored" in res.stderr
    assert "ALERT force: IRN-PAK: 1 new event(s) with CAMEO root 19" in res.stderr
    assert (tmp_path / "w.alerts.jsonl").read_text(encoding="utf-8").count("alert_key") == 1
    res = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0 and '"cameo": "194"' in res.output
