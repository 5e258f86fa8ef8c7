"""GDELT, ICEWS and PLOVER exports: pandas reads them back with the right columns and types."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner
from store_builders import make_event, make_result

from dyadwatch.cli import cli
from dyadwatch.model import Actor, Location
from dyadwatch.store import EventQuery, Store, write_events
from dyadwatch.store.layouts import GDELT_COLUMNS, ICEWS_COLUMNS, numeric_id

SARAVAN = Location("Saravan", "IRN", "Sistan and Baluchestan", 27.37, 62.33, 1159713, "city")
BALOCHISTAN = Location("Balochistan", "PAK", "Balochistan", 28.89, 66.99, None, "admin1")

#: how GDELT users read the event files: codes as text (leading zeros), numbers as numbers
GDELT_DTYPES = {"GLOBALEVENTID": "int64", "SQLDATE": "int64", "MonthYear": "int64",
                "Year": "int64", "FractionDate": "float64", "EventCode": str,
                "EventBaseCode": str, "EventRootCode": str, "QuadClass": "int64",
                "GoldsteinScale": "float64", "NumMentions": "int64", "NumSources": "int64",
                "NumArticles": "int64", "ActionGeo_Type": "int64", "ActionGeo_Lat": "float64",
                "ActionGeo_Long": "float64", "DATEADDED": "int64",
                **{f"Actor{n}{f}": str for n in (1, 2) for f in ("Code", "Type1Code")}}


def _fill(store: Store) -> None:
    # Iran strikes in Panjgur (two outlets), Pakistan strikes near Saravan, Pakistan's
    # foreign ministry appeals (a code with no PLOVER type), an event with no place
    store.save(make_result("d1", "Iran struck Panjgur. Pakistan struck Saravan.", [
        make_event("d1", 0, d=date(2024, 1, 16), published=date(2024, 1, 17)),
        make_event("d1", 1, source="PAKMIL", target="IRN", d=date(2024, 1, 18),
                   location=SARAVAN, published=date(2024, 1, 18))],
        published=date(2024, 1, 17)))
    store.save(make_result("d2", "Another outlet on the Panjgur strike.", [
        make_event("d2", 0, d=date(2024, 1, 16), published=date(2024, 1, 18))],
        published=date(2024, 1, 18)))
    appeal = make_event("d3", 0, source="PAKGOV", target="IRNGOV", cameo="020",
                        d=date(2024, 1, 19), location=BALOCHISTAN, published=date(2024, 1, 19))
    appeal.quad_class, appeal.goldstein, appeal.plover_type, appeal.plover_mode = 1, 3.0, None, None
    unplaced = make_event("d3", 1, source="IGOUNO", target="PAKGOV", cameo="0256",
                          d=date(2024, 1, 19), location=None, published=date(2024, 1, 19))
    unplaced.source = Actor("IGOUNO", "IGO", None, "the United Nations")
    unplaced.quad_class, unplaced.goldstein, unplaced.plover_type = 1, -0.3, None
    store.save(make_result("d3", "Pakistan appealed. The UN urged restraint.", [appeal, unplaced],
                           published=date(2024, 1, 19)))


@pytest.fixture
def filled(store):
    _fill(store)
    return store


def _export(store: Store, fmt: str) -> str:
    evs = store.events(EventQuery(sort="date"))
    docs = store.document_info({d for e in evs for d in e.sources})
    text = write_events(evs, fmt, None, docs)
    assert text is not None
    return text


def test_gdelt_has_its_61_columns_in_order_and_reads_back(filled):
    text = _export(filled, "gdelt")
    assert all(len(line.split("\t")) == 61 for line in text.splitlines())
    df = pd.read_csv(io.StringIO(text), sep="\t", header=None, names=GDELT_COLUMNS,
                     dtype=GDELT_DTYPES)
    assert list(df.columns) == GDELT_COLUMNS and len(df) == 4
    strike = df[df.SQLDATE == 20240116].iloc[0]
    assert (strike.EventCode, strike.EventBaseCode, strike.EventRootCode) == ("195", "195", "19")
    assert strike.QuadClass == 4 and strike.GoldsteinScale == -10.0
    assert (strike.NumMentions, strike.NumArticles) == (2, 2)  # two reports, two documents
    assert strike.MonthYear == 202401 and strike.Year == 2024
    assert strike.FractionDate == pytest.approx(2024.0411, abs=1e-4)
    assert strike.Actor1Code == "IRNMIL" and strike.Actor1Type1Code == "MIL"
    assert strike.Actor1CountryCode == "IRN" and strike.Actor2Code == "PAKINS"
    # the event date in SQLDATE, the (earliest) article date in DATEADDED
    assert strike.DATEADDED == 20240117000000
    assert strike.ActionGeo_CountryCode == "PK" and strike.ActionGeo_ADM1Code == "PK02"
    assert strike.ActionGeo_Type == 4 and strike.ActionGeo_FeatureID == "1168749"
    assert strike.ActionGeo_Lat == pytest.approx(26.96)
    assert strike.GLOBALEVENTID == numeric_id(filled.events(since="2024-01-16",
                                                            until="2024-01-16")[0].event_id)
    appeal = df[df.EventCode == "020"].iloc[0]
    assert appeal.ActionGeo_Type == 5 and appeal.ActionGeo_FeatureID == "PK02"
    un = df[df.EventCode == "0256"].iloc[0]
    assert un.Actor1KnownGroupCode == "UNO" and pd.isna(un.Actor1CountryCode)
    assert un.ActionGeo_Type == 0 and pd.isna(un.ActionGeo_Lat)
    assert df.Actor1Geo_Type.eq(0).all()


def test_icews_columns_and_types(filled):
    text = _export(filled, "icews")
    df = pd.read_csv(io.StringIO(text), sep="\t", dtype={"CAMEO Code": str},
                     parse_dates=["Event Date"])
    assert list(df.columns) == ICEWS_COLUMNS and len(df) == 4
    assert str(df["Event Date"].dtype).startswith("datetime64")
    assert df["Event ID"].dtype == "int64" and df["Story ID"].dtype == "int64"
    assert df["Intensity"].dtype == "float64" and df["Latitude"].dtype == "float64"
    assert df["Sentence Number"].dtype == "int64"
    strike = df[df["Event Date"] == "2024-01-16"].iloc[0]
    assert strike["Source Name"] == "Military (Iran)" and strike["Source Sectors"] == "Military"
    assert strike["Source Country"] == "Iran" and strike["CAMEO Code"] == "195"
    assert strike["Event Text"] == "Employ aerial weapons"
    assert (strike["City"], strike["Province"], strike["Country"]) == \
        ("Panjgur", "Balochistan", "Pakistan")
    appeal = df[df["CAMEO Code"] == "020"].iloc[0]
    assert appeal["Target Name"] == "Government (Iran)" and appeal["Sentence Number"] == 1


def test_plover_json_lines(filled):
    text = _export(filled, "plover")
    df = pd.read_json(io.StringIO(text), lines=True, dtype={"cameo_code": str})
    for col in ("id", "date", "actor", "recipient", "event", "mode", "context", "quad_code",
                "event_scale", "event_loc", "text", "cite_info"):
        assert col in df.columns
    recs = [json.loads(line) for line in text.splitlines()]
    strike = next(r for r in recs if r["date"] == "2024-01-16")
    assert strike["event"] == ["ASSAULT"] and strike["mode"] == ["heavy-weapons"]
    assert strike["context"] == ["military"] and strike["quad_code"] == 4
    assert strike["actor"][0]["code"] == "IRN" and strike["actor"][0]["sector"] == "MIL"
    assert strike["recipient"][0]["sector"] == "REB"  # CAMEO INS is PLOVER REB
    assert strike["event_loc"]["country_code"] == "PAK" and strike["num_sources"] == 2
    un = next(r for r in recs if r["cameo_code"] == "0256")
    assert un["has_event"] is False and un["event"] == []  # PLOVER has no appeal category
    assert un["actor"][0]["code"] == "UNO"


def test_cli_writes_each_layout(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        _fill(s)
    runner = CliRunner()
    for fmt in ("gdelt", "icews", "plover"):
        out = tmp_path / f"x.{fmt}"
        res = runner.invoke(cli, ["events", "--db", str(db), "--format", fmt, "--out", str(out)])
        assert res.exit_code == 0, res.output
        assert out.read_text(encoding="utf-8").count("\n") == (5 if fmt == "icews" else 4)
    res = runner.invoke(cli, ["events", "--db", str(db), "--format", "gdelt", "--reports"])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 5  # reports, not events


def test_fields_never_hold_tabs_or_newlines(store):
    ev = make_event("d9", 0, sentence="Line one\twith a tab\nand a break.")
    ev.source = Actor("IRNGOV", "IRN", "GOV", "Tehran\tofficials")
    store.save(make_result("d9", "x", [ev]))
    for line in _export(store, "gdelt").splitlines():
        assert len(line.split("\t")) == 61
    (row,) = pd.read_csv(io.StringIO(_export(store, "icews")), sep="\t").to_dict("records")
    assert row["Source Name"] == "Government (Iran)"
    (rec,) = [json.loads(x) for x in _export(store, "plover").splitlines()]
    assert rec["text"] == "Line one\twith a tab\nand a break."  # JSON keeps the text exact
