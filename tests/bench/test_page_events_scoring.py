"""bench/page_events.py: the scoring of dates, places and factuality on synthetic pairs,
and the shape of the hand-annotated page gold (no ../shared needed)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

_ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("page_events_bench", _ROOT / "bench" / "page_events.py")
assert _spec is not None and _spec.loader is not None
pe = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = pe
_spec.loader.exec_module(pe)


def gold(date_: str | None, prec: str, country: str | None = None, factual: bool = True,
         end: str | None = None, **kw) -> dict:
    return {"doc": "d", "sentence": kw.get("sentence", "Iran struck Pakistan on Monday."),
            "trigger": "struck", "source": kw.get("source", "IRNMIL"),
            "target": kw.get("target", "PAK"), "cameo": "190", "date": date_,
            "date_precision": prec, "date_end": end, "country": country, "factual": factual}


def out(d: str | None, prec: str | None, country: str | None = None, factual: bool = True):
    return pe.Out(date=d, precision=prec, end=None, country=country, factual=factual)


def test_exact_day_and_wrong_day():
    pairs = [(gold("2024-01-15", "day"), out("2024-01-15", "day")),      # right
             (gold("2024-01-16", "day"), out("2024-01-17", "day")),      # wrong day
             (gold("2024-01-16", "day"), out("2024-01-16", "interval")),  # not a day: miss
             (gold(None, "none"), out("2024-01-20", "day")),             # unsupported day
             (gold("2024-01", "month"), out("2024-01-05", "day")),       # finer than the text
             (gold(None, "none"), out("2024-01-20", "article"))]         # fine
    s = pe.score(pairs)
    assert s["exact_day"] == {"correct": 1, "of": 3, "rate": round(1 / 3, 4)}
    assert s["wrong_day"]["wrong"] == 3 and s["wrong_day"]["of"] == 4
    # only the 17th contradicts a stated range (Jan 5 lies inside January)
    assert s["wrong_day"]["contradicting_gold_range"] == 1
    assert s["undated_gold_given_a_day"] == {"n": 1, "of": 2}


def test_place_and_factuality():
    pairs = [(gold(None, "none", "PAK"), out(None, "article", "PAK")),
             (gold(None, "none", None), out(None, "article", None)),
             (gold(None, "none", "IRN"), out(None, "article", None)),
             (gold(None, "none", factual=False), out(None, "article", factual=False)),
             (gold(None, "none", factual=False), out(None, "article", factual=True)),
             (gold(None, "none"), out(None, "article", factual=False))]
    s = pe.score(pairs)
    assert s["place_country"]["correct"] == 5 and s["place_country"]["stated_of"] == 2
    assert s["place_country"]["stated_correct"] == 1
    assert s["nonfactual"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5}


def test_gold_range():
    assert pe.gold_range(gold("2023-02", "month")) == (date(2023, 2, 1), date(2023, 2, 28))
    assert pe.gold_range(gold("2023-12", "month"))[1] == date(2023, 12, 31)
    assert pe.gold_range(gold("1996", "year")) == (date(1996, 1, 1), date(1996, 12, 31))
    assert pe.gold_range(gold("2023-10-21", "interval", end="2023-10-31"))[1] == date(2023, 10, 31)
    assert pe.gold_range(gold(None, "none")) is None


def _sys(src: str, tgt: str | None, sentence: str, root: str = "19", factual: bool = True):
    return SimpleNamespace(source=SimpleNamespace(code=src),
                           target=SimpleNamespace(code=tgt) if tgt else None,
                           sentence=sentence, root=root, factual=factual)


def test_match_needs_sentence_and_actors():
    g1 = gold(None, "none", sentence="Iran struck Pakistan on Monday.")
    g2 = gold(None, "none", sentence="Pakistan struck back.", source="PAKMIL", target="IRN")
    system = [_sys("PAKMIL", "IRN", "Iran struck Pakistan on Monday."),  # wrong actors
              _sys("IRNGOV", "PAKGOV", "Iran struck  Pakistan on Monday."),  # matches g1
              _sys("PAKMIL", "IRNMIL", "Pakistan struck back.")]
    pairs = pe.match([g1, g2], system)
    assert [(g["sentence"][:4], s.source.code) for g, s in pairs] == [("Iran", "IRNGOV"),
                                                                      ("Paki", "PAKMIL")]
    assert pe.match([g1], [_sys("IRNMIL", None, "Iran struck Pakistan on Monday.")]) == []


def test_the_annotated_page_gold_is_well_formed():
    rows = [json.loads(x) for x in (_ROOT / "bench" / "pages_gold" / "gold.jsonl")
            .read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 150
    assert len({r["doc"] for r in rows}) >= 15
    for r in rows:
        assert r["date_precision"] in ("day", "week", "month", "year", "interval", "none")
        assert (r["date"] is None) == (r["date_precision"] == "none")
        if r["date_precision"] == "day":
            date.fromisoformat(r["date"])
        assert re.fullmatch(r"\d{3,4}", r["cameo"]) and r["source"][:3].isupper()
        word = r["trigger"].partition("@")[0]
        assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", r["sentence"]), r["sentence"][:50]
    assert sum(not r["factual"] for r in rows) >= 20
